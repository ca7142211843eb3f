// SPDX-License-Identifier: EUPL-1.2
//! The one error type of this crate: it names the file, and where known the line, column, record
//! and field, so a user can find the fault.

use std::fmt;

/// A source file could not be read or holds something that does not fit. Boxed, so that the
/// `Result`s of the readers stay small; the details are reachable through `Deref`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadError(Box<ReadErrorDetails>);

/// Where and what the fault is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadErrorDetails {
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
        ReadError(Box::new(ReadErrorDetails {
            file: file.to_string(),
            line: None,
            column: None,
            record: None,
            field: None,
            message: message.into(),
        }))
    }

    /// Sets the line.
    pub fn at_line(mut self, line: u64) -> Self {
        self.0.line = Some(line);
        self
    }

    /// Sets the column.
    pub fn at_column(mut self, column: u64) -> Self {
        self.0.column = Some(column);
        self
    }

    /// Sets the field.
    pub fn in_field(mut self, field: &str) -> Self {
        self.0.field = Some(field.to_string());
        self
    }

    /// Sets the record.
    pub fn in_record(mut self, record: impl Into<String>) -> Self {
        self.0.record = Some(record.into());
        self
    }

    /// From a JSON syntax or shape error, with its line and column.
    pub fn json(file: &str, err: &serde_json::Error) -> Self {
        let mut e = ReadError::file(file, format!("ongeldige JSON: {err}"));
        if err.line() > 0 {
            e.0.line = Some(err.line() as u64);
            e.0.column = Some(err.column() as u64);
        }
        e
    }

    /// From a CSV error, with its line.
    pub fn csv(file: &str, err: &csv::Error) -> Self {
        let mut e = ReadError::file(file, format!("ongeldige CSV: {err}"));
        if let Some(pos) = err.position() {
            e.0.line = Some(pos.line());
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

impl std::ops::Deref for ReadError {
    type Target = ReadErrorDetails;
    fn deref(&self) -> &ReadErrorDetails {
        &self.0
    }
}
