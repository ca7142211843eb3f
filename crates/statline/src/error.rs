// SPDX-License-Identifier: EUPL-1.2
//! The one error type of this crate: it names the file, and where known the line, column, record
//! and field, so a user can find the fault.

use std::fmt;

/// A source file could not be read or holds something that does not fit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadError {
    /// The file (as the caller named it).
    pub file: String,
    /// 1-based line number, where known.
    pub line: Option<u64>,
    /// 1-based column, where known.
    pub column: Option<u64>,
    /// The record (e.g. a code) the fault is in, where known.
    pub record: Option<String>,
    /// The field the fault is in, where known.
    pub field: Option<String>,
    /// What is wrong, in Dutch.
    pub message: String,
}

impl ReadError {
    /// An error about the file as a whole.
    pub fn file(file: &str, message: impl Into<String>) -> Self {
        ReadError {
            file: file.to_string(),
            line: None,
            column: None,
            record: None,
            field: None,
            message: message.into(),
        }
    }

    /// Sets the line.
    pub fn at_line(mut self, line: u64) -> Self {
        self.line = Some(line);
        self
    }

    /// Sets the field.
    pub fn in_field(mut self, field: &str) -> Self {
        self.field = Some(field.to_string());
        self
    }

    /// Sets the record.
    pub fn in_record(mut self, record: impl Into<String>) -> Self {
        self.record = Some(record.into());
        self
    }

    /// From a JSON syntax or shape error, with its line and column.
    pub fn json(file: &str, err: &serde_json::Error) -> Self {
        let mut e = ReadError::file(file, format!("ongeldige JSON: {err}"));
        if err.line() > 0 {
            e.line = Some(err.line() as u64);
            e.column = Some(err.column() as u64);
        }
        e
    }

    /// From a CSV error, with its line.
    pub fn csv(file: &str, err: &csv::Error) -> Self {
        let mut e = ReadError::file(file, format!("ongeldige CSV: {err}"));
        if let Some(pos) = err.position() {
            e.line = Some(pos.line());
        }
        e
    }
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(line) = self.line {
            write!(f, ", regel {line}")?;
        }
        if let Some(column) = self.column {
            write!(f, ", kolom {column}")?;
        }
        if let Some(record) = &self.record {
            write!(f, ", record {record}")?;
        }
        if let Some(field) = &self.field {
            write!(f, ", veld '{field}'")?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for ReadError {}
