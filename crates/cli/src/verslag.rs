// SPDX-License-Identifier: EUPL-1.2
//! `samenhang import verslag FILE`: reads a meeting report and prints what it holds, as the
//! proposal the web form shows; with `--opslaan` (and the user to save as) it saves the meeting
//! and its action items as proposed, without the review step.

use std::io::Write;
use std::path::Path;

use samenhang_app::verslagen::Proposal;
use samenhang_domain::access::{Principal, Visibility};

use crate::Config;

/// How to save a report without review.
#[derive(Debug, Clone)]
pub struct SaveAs {
    /// The user's e-mail address.
    pub email: String,
    /// The owning organisation (the user's only writable one when `None`).
    pub organisation: Option<String>,
    /// Who may read it.
    pub visibility: Visibility,
}

/// Reads `path` as the user with `email` and prints the proposal; nothing is saved.
pub async fn import_as(
    config: &Config,
    path: &Path,
    email: &str,
    json: bool,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    run(config, path, Some(email), None, json, out).await
}

/// Reads `path`, prints the proposal (as text, or as the API's JSON), and saves it when asked.
pub async fn import(
    config: &Config,
    path: &Path,
    save: Option<SaveAs>,
    json: bool,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let email = save.as_ref().map(|s| s.email.clone());
    run(config, path, email.as_deref(), save, json, out).await
}

async fn run(
    config: &Config,
    path: &Path,
    email: Option<&str>,
    save: Option<SaveAs>,
    json: bool,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let bytes = std::fs::read(path).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("verslag")
        .to_string();
    let app = crate::app(config).await?;
    let caller = match email {
        Some(email) => {
            let user = app
                .store()
                .user_by_email(email)
                .await?
                .ok_or_else(|| anyhow::anyhow!("er is geen gebruiker met e-mailadres {email}"))?;
            samenhang_app::accounts::principal(app.store(), &user).await?
        }
        None => Principal::anonymous(),
    };
    let proposal = match samenhang_app::verslagen::propose(&app, &caller, &bytes, &name).await {
        Ok(p) => p,
        Err(samenhang_app::AppError::Invalid(faults)) => {
            let reason = faults
                .first()
                .map_or("niet te lezen", |f| f.reason.as_str())
                .to_string();
            anyhow::bail!("{name}: {reason}");
        }
        Err(e) => return Err(e.into()),
    };
    if json {
        let v: samenhang_server::api::verslagen::voorstel::Voorstel = proposal.clone().into();
        writeln!(out, "{}", serde_json::to_string_pretty(&v)?)?;
    } else {
        print(&proposal, out)?;
    }
    if let Some(s) = save {
        let mut meeting = samenhang_app::input::Input {
            organisation: s.organisation.clone(),
            visibility: Some(s.visibility),
            fields: proposal.meeting.clone(),
            faults: Vec::new(),
        };
        meeting.fields.retain(|_, v| !v.is_null());
        let items = proposal
            .items
            .iter()
            .map(|i| samenhang_app::input::Input {
                organisation: s.organisation.clone(),
                visibility: Some(s.visibility),
                fields: i.record.clone(),
                faults: Vec::new(),
            })
            .collect();
        match samenhang_app::verslagen::save(&app, &caller, meeting, items).await {
            Ok(saved) => writeln!(
                out,
                "Opgeslagen: bijeenkomst {} met {} actiepunt(en).",
                saved.meeting,
                saved.items.len()
            )?,
            Err(samenhang_app::AppError::Invalid(faults)) => {
                let lines: Vec<String> = faults.iter().map(|f| format!("  {}: {}", f.field, f.reason)).collect();
                anyhow::bail!(
                    "niets opgeslagen; vul aan in het formulier of corrigeer:\n{}",
                    lines.join("\n")
                );
            }
            Err(e) => return Err(e.into()),
        }
    }
    Ok(())
}

fn print(p: &Proposal, out: &mut impl Write) -> anyhow::Result<()> {
    let field = |k: &str| p.meeting.get(k).and_then(|v| v.as_str()).unwrap_or("").to_string();
    writeln!(
        out,
        "Voorstel uit {} ({}); er is niets opgeslagen.",
        p.file_name,
        p.format.label()
    )?;
    writeln!(out, "Titel: {}", field("titel"))?;
    writeln!(
        out,
        "Datum: {}  Tijd: {}–{}",
        field("datum"),
        field("begintijd"),
        field("eindtijd")
    )?;
    if !field("locatie").is_empty() {
        writeln!(out, "Locatie: {}", field("locatie"))?;
    }
    writeln!(out, "Aanwezigen ({}):", p.attendees.len())?;
    for a in &p.attendees {
        let found: Vec<String> = [
            a.person.as_ref().map(|x| format!("persoon {}", x.name)),
            a.municipality
                .as_ref()
                .map(|m| format!("gemeente {} ({})", m.name, m.id)),
            a.organisation.as_ref().map(|o| format!("organisatie {}", o.name)),
        ]
        .into_iter()
        .flatten()
        .collect();
        writeln!(
            out,
            "  - {}{}{}",
            a.read.name.clone().unwrap_or_default(),
            a.read
                .organisation
                .as_ref()
                .map(|o| format!(" ({o})"))
                .unwrap_or_default(),
            if found.is_empty() {
                String::new()
            } else {
                format!(" → {}", found.join(", "))
            }
        )?;
    }
    if let Some(topics) = p.meeting.get("onderwerpen").and_then(|v| v.as_array()) {
        writeln!(out, "Onderwerpen ({}):", topics.len())?;
        for t in topics {
            writeln!(
                out,
                "  - {} — {}",
                t["titel"].as_str().unwrap_or(""),
                t["presentatoren"].as_str().unwrap_or("")
            )?;
        }
    }
    if let Some(d) = p
        .meeting
        .get("besluiten")
        .and_then(|v| v.as_array())
        .filter(|d| !d.is_empty())
    {
        writeln!(out, "Besluiten ({}):", d.len())?;
        for b in d {
            writeln!(out, "  - {}", b["tekst"].as_str().unwrap_or(""))?;
        }
    }
    writeln!(out, "Actiepunten en aanbevelingen ({}):", p.items.len())?;
    for i in &p.items {
        let r = &i.record;
        let get = |k: &str| r.get(k).and_then(|v| v.as_str()).unwrap_or("");
        writeln!(out, "  - [{}] {}", get("soort"), get("wat"))?;
        let mut details = Vec::new();
        if let Some(o) = &i.owner_text {
            details.push(format!("eigenaar: {o}"));
        }
        if !get("deadline").is_empty() {
            details.push(format!("deadline: {}", get("deadline")));
        }
        if !i.themes.is_empty() {
            details.push(format!(
                "thema's: {}",
                i.themes.iter().map(|t| t.name.as_str()).collect::<Vec<_>>().join(", ")
            ));
        }
        details.push(format!("waarom: {}", i.why));
        writeln!(out, "    {}", details.join("; "))?;
        if let Some((who, why)) = &i.suggested_owner {
            writeln!(out, "    suggestie: eigenaar {} ({why})", who.name)?;
        }
    }
    if !p.themes.is_empty() {
        let t: Vec<String> = p
            .themes
            .iter()
            .map(|t| format!("{} ({}×)", t.concept.name, t.count))
            .collect();
        writeln!(out, "Thema's: {}", t.join(", "))?;
    }
    if !p.municipalities.is_empty() {
        let g: Vec<&str> = p.municipalities.iter().map(|m| m.name.as_str()).collect();
        writeln!(out, "Gemeenten: {}", g.join(", "))?;
    }
    if !p.summary.is_empty() {
        writeln!(out, "Samenvatting (suggestie): {}", p.summary.join(" "))?;
    }
    for n in &p.notes {
        writeln!(out, "Let op: {n}")?;
    }
    Ok(())
}
