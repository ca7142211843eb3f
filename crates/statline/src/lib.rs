// SPDX-License-Identifier: EUPL-1.2
//! Readers for CBS files: they turn CBS's formats into `samenhang-domain` types.
//!
//! Layout:
//! - [`error`]: [`ReadError`], which names the file, line, record and field of a fault;
//! - [`regions`]: the region registry's sources (code lists, classifications, herindelingen);
//! - [`labels`]: StatLine's region labels (`Twente (AM)`) mapped to codes per year;
//! - [`json_stream`]: OData JSON pages read row by row in constant memory;
//! - [`observations`]: rows of long (v4) and wide (v3, CSV) tables into observations;
//! - [`tables`]: whole tables in every CBS format, detected from the files;
//! - [`sync`]: fetching a table live from the CBS OData v4 API (HTTP, retries, resume).
//!
//! Readers take `std::io::Read` (and `sync` fetches over HTTP) and never touch the database; the CLI hands what they return to
//! the store. They never panic on bad input: every fault is a [`ReadError`].

pub mod error;
pub mod geo;
pub mod json_stream;
pub mod labels;
pub mod manifest;
pub mod observations;
pub mod regions;
pub mod sync;
pub mod tables;

pub use error::ReadError;

#[cfg(test)]
mod shipped_data_tests;
