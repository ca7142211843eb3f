// SPDX-License-Identifier: EUPL-1.2
//! The one error of every use-case. The API maps it to problem+json, the pages to a Dutch
//! error page or to the faults at their form fields; internal errors are logged there, never
//! shown.

use samenhang_domain::registers::Fault;
use samenhang_store::StoreError;

/// Why a use-case did not do what was asked.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// The input is wrong: every fault, each with its field (or CSV line and column).
    #[error("ongeldige invoer ({} fouten)", .0.len())]
    Invalid(Vec<Fault>),
    /// There is no such thing, or the caller may not see it (the two are not told apart).
    #[error("{0}")]
    NotFound(String),
    /// The caller must log in first.
    #[error("{0}")]
    Unauthenticated(String),
    /// The caller is known but may not do this.
    #[error("{0}")]
    Forbidden(String),
    /// The record changed since the caller read it.
    #[error("{message}")]
    Conflict {
        /// The version stored now.
        current: i64,
        /// What to do, in Dutch.
        message: String,
    },
    /// A change needs the version it is based on (`If-Match`).
    #[error("{0}")]
    VersionRequired(String),
    /// Something with that key exists already (an organisation id, an e-mail address).
    #[error("{0}")]
    Exists(String),
    /// Too many attempts (logins): try again after `retry_after` seconds.
    #[error("{message}")]
    TooMany {
        /// What happened, in Dutch.
        message: String,
        /// Seconds to wait.
        retry_after: u64,
    },
    /// The database or the server is too busy to take this now; worth trying again shortly.
    #[error("{0}")]
    Busy(String),
    /// Something broke on our side; the source is kept for the log.
    #[error("interne fout: {0}")]
    Internal(Box<dyn std::error::Error + Send + Sync>),
}

impl AppError {
    /// A fault of one field.
    pub fn invalid(field: &str, code: &'static str, reason: impl Into<String>) -> AppError {
        AppError::Invalid(vec![fault(field, code, reason)])
    }

    /// An internal error from a message.
    pub fn internal(message: impl Into<String>) -> AppError {
        AppError::Internal(message.into().into())
    }
}

/// A fault of one field.
pub fn fault(field: &str, code: &'static str, reason: impl Into<String>) -> Fault {
    Fault {
        field: field.into(),
        code,
        reason: reason.into(),
    }
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        if e.is_busy() {
            return AppError::Busy("De database is even te druk. Probeer het over een paar seconden opnieuw.".into());
        }
        match e {
            StoreError::LastAdmin(org) => AppError::Forbidden(format!(
                "Dan houdt de organisatie '{org}' geen beheerder over. Maak eerst iemand anders beheerder."
            )),
            other => AppError::Internal(Box::new(other)),
        }
    }
}
