// SPDX-License-Identifier: EUPL-1.2
//! Outgoing mail (invitations, reset links): over SMTP when `--smtp-url` is given, otherwise as
//! `.eml` files in the data directory's `uitgaande-mail/`, for a beheerder to pass on by hand
//! (or for a test to read).
//!
//! Both write the same RFC 5322 message, built by `lettre`: plain UTF-8 text, in the transfer
//! encoding lettre chooses (quoted-printable when a line, such as a link, is long), so a mail
//! client opens the `.eml` as it is.

use std::path::PathBuf;
use std::sync::Arc;

use anyhow::Context;
use futures_util::future::BoxFuture;
use lettre::message::header::ContentType;
use lettre::message::{Mailbox, Message, SinglePart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};
use samenhang_app::links::{Mail, Outbox};

/// The folder of the data directory that holds mail when there is no SMTP server.
pub const OUTBOX_DIR: &str = "uitgaande-mail";

/// How mail leaves the installation.
#[derive(Debug, Clone, Default)]
pub struct MailSettings {
    /// `smtp://HOST:587?tls=required` (STARTTLS), `smtps://HOST:465` (TLS from the start) or
    /// `smtp://HOST:25` (no TLS: a relay on the same machine), with `USER:PASSWORD@` when the
    /// server asks for it; `None`: files in the data directory.
    pub smtp_url: Option<String>,
    /// The sender, e.g. `Samenhang <noreply@regio.example.nl>`.
    pub from: Option<String>,
}

fn message(from: &Mailbox, mail: &Mail) -> Result<Message, String> {
    let to: Mailbox = mail
        .to
        .parse()
        .map_err(|e| format!("ongeldig adres '{}': {e}", mail.to))?;
    Message::builder()
        .from(from.clone())
        .to(to)
        .subject(&mail.subject)
        .singlepart(
            SinglePart::builder()
                .header(ContentType::TEXT_PLAIN)
                .body(mail.body.clone()),
        )
        .map_err(|e| format!("het bericht kon niet worden opgesteld: {e}"))
}

/// Mail as files: one `.eml` per message, written whole (under a temporary name, then renamed).
#[derive(Debug)]
pub struct FileOutbox {
    dir: PathBuf,
    from: Mailbox,
}

impl FileOutbox {
    /// Mail into `dir` (made when missing).
    pub fn new(dir: PathBuf, from: Mailbox) -> FileOutbox {
        FileOutbox { dir, from }
    }
}

impl Outbox for FileOutbox {
    fn send<'a>(&'a self, mail: &'a Mail) -> BoxFuture<'a, Result<(), String>> {
        Box::pin(async move {
            let bytes = message(&self.from, mail)?.formatted();
            let dir = self.dir.clone();
            tokio::task::spawn_blocking(move || -> Result<(), String> {
                std::fs::create_dir_all(&dir).map_err(|e| format!("map voor uitgaande e-mail: {e}"))?;
                let name = format!(
                    "{}-{}.eml",
                    chrono::Utc::now().format("%Y%m%dT%H%M%S%.6f"),
                    samenhang_app::records::new_id()
                );
                let partial = dir.join(format!("{name}.deels"));
                std::fs::write(&partial, &bytes).map_err(|e| format!("e-mailbestand schrijven: {e}"))?;
                std::fs::rename(&partial, dir.join(&name)).map_err(|e| format!("e-mailbestand hernoemen: {e}"))
            })
            .await
            .map_err(|e| format!("e-mailbestand schrijven: {e}"))?
        })
    }
}

/// Mail over SMTP.
pub struct SmtpOutbox {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl Outbox for SmtpOutbox {
    fn send<'a>(&'a self, mail: &'a Mail) -> BoxFuture<'a, Result<(), String>> {
        Box::pin(async move {
            let message = message(&self.from, mail)?;
            self.transport
                .send(message)
                .await
                .map(|_| ())
                .map_err(|e| format!("SMTP: {e}"))
        })
    }
}

/// The outbox for these settings: SMTP, or files in `data_dir/uitgaande-mail`.
pub fn outbox(settings: &MailSettings, data_dir: &std::path::Path) -> anyhow::Result<Arc<dyn Outbox>> {
    let from: Mailbox = settings
        .from
        .as_deref()
        .unwrap_or("Samenhang <noreply@localhost>")
        .parse()
        .context("de afzender (--afzender) is geen e-mailadres, zoals 'Samenhang <noreply@regio.example.nl>'")?;
    Ok(match &settings.smtp_url {
        Some(url) => {
            let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
                .context("de SMTP-url (--smtp-url) klopt niet; gebruik smtp://HOST:587?tls=required, smtps://HOST:465 of smtp://HOST:25")?
                .timeout(Some(std::time::Duration::from_secs(20)))
                .build();
            Arc::new(SmtpOutbox { transport, from })
        }
        None => Arc::new(FileOutbox::new(data_dir.join(OUTBOX_DIR), from)),
    })
}
