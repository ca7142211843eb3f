// SPDX-License-Identifier: EUPL-1.2
//! The application's integration tests: one binary, one `TestApp` per test that starts the real
//! server on a random port against a fresh database. Every test runs on SQLite, and on
//! PostgreSQL too when `SAMENHANG_TEST_POSTGRES_URL` is set (CI sets it).

// Test code: a failed unwrap is a failed test, with its message.
#![allow(clippy::unwrap_used)]

mod helpers;

mod afspraken;
mod api_conventions;
mod backup;
mod begrippen;
mod cijfers;
mod cli;
mod conformance;
mod eigen_cijfers;
mod gebieden;
mod herindelingen;
mod import;
mod inloggen;
mod live;
mod oidc;
mod ondernemers;
mod registers;
mod sroi;
mod sync;
mod toegang;
mod uitnodigingen;
mod verslagen;
mod vertrouwen;
mod web;
