// SPDX-License-Identifier: EUPL-1.2
//! Samenhang's domain: types and rules, without I/O.
//!
//! Layout:
//! - [`codes`]: region code newtypes (`GM0153`, `AM05`, `CR12`, `PV23`, `LD01`, `NL01`) that parse
//!   CBS's padded strings and reject anything else;
//! - [`region`]: regions and a gemeente's membership of larger regions per year;
//! - [`reorganisation`]: herindelingen as dated events and the lineage that maps a gemeente code
//!   of one year to its successor(s) in a later year;
//! - [`registry`]: assembles regions, memberships and herindelingen from the CBS sources;
//! - [`statistics`]: CBS tables: datasets, measures, dimension codes, observations, periods;
//! - [`access`]: organisations, roles, visibility and the caller of a request (deny by default);
//! - [`registers`]: people, goals (doelen) with their progress, and agendas;
//! - [`coherence`]: schemes (regelingen), agreements with commitments, consultation bodies;
//! - [`ondernemers`]: companies, contact persons, company visits with needs, and follow-up;
//! - [`own_figures`]: the region's own indicators (a register kind) and their uploaded figures;
//! - [`sroi`]: bouwblokken valuation tables, the value of a contribution, the SROI obligation of a
//!   contract and the PSO norm;
//! - [`valuation_tables`]: valuation tables as a register kind, added by a beheerder (a version
//!   that exists or overlaps another is refused);
//! - [`spec`]: how a register kind describes its fields, for every layer that derives routes,
//!   forms, CSV columns and OpenAPI schemas from it.
//!
//! This crate may depend on nothing that does I/O: readers (`samenhang-statline`) produce its
//! types, the store persists them, the server shows them.

pub mod access;
pub mod codes;
pub mod coherence;
pub mod geo;
pub mod ondernemers;
pub mod own_figures;
pub mod region;
pub mod registers;
pub mod registry;
pub mod reorganisation;
pub mod spec;
pub mod sroi;
pub mod statistics;
pub mod valuation_tables;
pub mod verslagen;

pub use codes::{
    CodeError, CoropCode, LabourMarketRegionCode, LandsdeelCode, MunicipalityCode, ProvinceCode, RegionCode, RegionKind,
};
pub use region::{Membership, Region};
pub use registry::{RegionRegistry, RegistrySources};
pub use reorganisation::{Lineage, Reorganisation, ReorganisationKind, Successor, Transfer};
pub use statistics::{CodeGroup, Dataset, DimensionCode, Measure, Observation, Period, ValueStatus};
