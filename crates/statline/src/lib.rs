// SPDX-License-Identifier: EUPL-1.2
//! Readers for CBS files: they turn CBS's formats into `samenhang-domain` types.
//!
//! Layout:
//! - [`error`]: [`ReadError`], which names the file, line, record and field of a fault;
//! - [`regions`]: the region registry's sources (code lists, classifications, herindelingen).
//!
//! Readers take `std::io::Read` and never touch the database; the CLI hands what they return to
//! the store. They never panic on bad input: every fault is a [`ReadError`].

pub mod error;
pub mod regions;

pub use error::ReadError;

#[cfg(test)]
mod shipped_data_tests;
