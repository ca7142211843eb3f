// SPDX-License-Identifier: EUPL-1.2
//! Samenhang's statistics engine: pure functions over an in-memory snapshot.
//!
//! Layout:
//! - [`definition`]: the indicator registry (`data/indicatoren.toml`): formulas over CBS
//!   measures, aggregation rules, directions, linked concepts, and composite indices;
//! - [`snapshot`]: every indicator as a dense year × region array, with CBS's published values
//!   and values aggregated from gemeenten to AM, COROP, provincie and Nederland by each year's
//!   membership;
//! - [`harmonise`]: a series put on one year's boundaries through the herindelingen;
//! - [`compare`]: rank, quartile and differences to larger regions;
//! - [`peers`]: comparison groups (size class, provincie, arbeidsmarktregio, G4, G40, an own
//!   list) that ranks are taken within;
//! - [`index`]: composite indices (min-max or z-scores, weights per indicator and domain) and
//!   their sensitivity to the weights;
//! - [`coherence`]: the coherence analyses over the registers: fragmentation of schemes
//!   (overlap, schemes per need, near-duplicates by MinHash), doe-geld versus procesgeld, and
//!   the load and overlap of consultation bodies with candidates to merge or drop.
//!
//! No I/O: the caller reads the observations from the store and hands them to
//! [`snapshot::Snapshot::build`].

pub mod coherence;
pub mod compare;
pub mod definition;
pub mod harmonise;
pub mod index;
pub mod peers;
pub mod snapshot;

pub use definition::{Indicator, MeasureRef, Owner, Registry, Theme};

#[cfg(test)]
mod tests;
pub use snapshot::{Inputs, Origin, Series, Snapshot};

use samenhang_domain::codes::RegionCode;

/// Why a statistics question cannot be answered.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum StatsError {
    /// The region is not in the snapshot.
    #[error("onbekend gebied {0}")]
    UnknownRegion(RegionCode),
    /// No indicator with this id.
    #[error("onbekende indicator '{0}'")]
    UnknownIndicator(String),
    /// No value for this region and year.
    #[error("geen waarde voor {region} in {year}")]
    NoValue {
        /// Region.
        region: RegionCode,
        /// Year.
        year: i32,
    },
    /// The indicator has no aggregation rule, so it cannot be put on other boundaries.
    #[error("indicator '{0}' kan niet worden geharmoniseerd: er is geen regel om gemeenten op te tellen")]
    NotHarmonisable(String),
    /// No classification for this year.
    #[error("er is geen gebiedsindeling voor {0}")]
    NoClassification(i32),
    /// The lineage could not map a code.
    #[error("{0}")]
    Lineage(String),
    /// Weights that cannot be used.
    #[error("ongeldige gewichten: {0}")]
    InvalidWeights(String),
}
