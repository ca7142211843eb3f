// SPDX-License-Identifier: EUPL-1.2
//! The one list of register kinds. A kind is its domain description ([`KindSpec`]: names and
//! fields) and its domain check ([`Kind::check`]); the routes, the OpenAPI schemas, the forms,
//! the CSV files, the theme page, the example loader and search all follow from [`KINDS`]. A
//! kind left out of the list cannot be served. `docs/adding-a-register-kind.md` says what a new
//! kind touches.
//!
//! The list is in the order the example loader needs: a kind comes after the kinds its
//! references point to.

use samenhang_domain::registers::{Fault, Known};
use samenhang_domain::spec::KindSpec;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

use crate::{App, AppError};
use futures_util::future::BoxFuture;
use samenhang_domain::access::Principal;

/// One register kind.
pub trait Kind: Send + Sync + 'static {
    /// Its description.
    fn spec(&self) -> &'static KindSpec;

    /// Checks a draft: the record's fields as JSON, references already ids. Returns the record
    /// as it is stored, or every fault with its field.
    fn check(&self, draft: Value, known: &dyn Known) -> Result<Value, Vec<Fault>>;

    /// Properties the representation adds, computed from the record (a goal's progress).
    fn computed(&self, _app: &App, _record: &Value) -> Vec<(&'static str, Value)> {
        Vec::new()
    }

    /// Keys no other record of this kind may have (a company's KvK number and
    /// vestigingsnummer); the store refuses a second one.
    fn keys(&self, _record: &Value) -> Vec<UniqueKey> {
        Vec::new()
    }

    /// Whether its records are part of the figures (own indicators): a write then rebuilds the
    /// statistics snapshot here and moves the figures counter on for the other servers.
    fn shapes_figures(&self) -> bool {
        false
    }

    /// Whether its records are valuation tables: a write then reloads the tables here (other
    /// servers reload them when the records counter moves on).
    fn shapes_sroi_tables(&self) -> bool {
        false
    }

    /// The name of a group of kinds whose writes are checked against each other by a
    /// [`Kind::guard`] (valuation tables and the obligations they value): writes of the group
    /// take its lock across the guard and the save, on this server and in the database, so two
    /// writes can never both pass a check that each alone would fail.
    fn exclusive(&self) -> Option<&'static str> {
        None
    }

    /// A last check of writes against the other records, which the kind's `check` cannot see
    /// (a valuation table that recorded obligations use may not change). `changes` are the
    /// records as they will be stored, by id (`None`: deleted); the faults come back with the
    /// position of the change they belong to.
    fn guard<'a>(
        &'a self,
        _app: &'a App,
        _caller: &'a Principal,
        _changes: &'a [(String, Option<Value>)],
    ) -> BoxFuture<'a, Result<Vec<(usize, Fault)>, AppError>> {
        Box::pin(async { Ok(Vec::new()) })
    }
}

/// A key that makes a record unique within its kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UniqueKey {
    /// The key as stored (`kvk:12345678:000012345678`).
    pub key: String,
    /// The field a duplicate is reported at.
    pub field: &'static str,
    /// What the two records share, for the message ("hetzelfde KvK-nummer en vestigingsnummer").
    pub what: &'static str,
}

/// A kind whose check is its draft's `parse`, with nothing computed:
/// `simple_kind!(Schemes, SCHEME_SPEC, SchemeDraft, "Regelingen.")`.
macro_rules! simple_kind {
    ($name:ident, $spec:path, $draft:ty, $doc:literal) => {
        #[doc = $doc]
        pub struct $name;

        impl $crate::kinds::Kind for $name {
            fn spec(&self) -> &'static samenhang_domain::spec::KindSpec {
                &$spec
            }
            fn check(
                &self,
                draft: serde_json::Value,
                known: &dyn samenhang_domain::registers::Known,
            ) -> Result<serde_json::Value, Vec<samenhang_domain::registers::Fault>> {
                $crate::kinds::check_with(draft, |d: &$draft| d.parse(known))
            }
        }
    };
}

mod actiepunt;
mod afspraak;
mod agenda;
mod bedrijfsbezoek;
mod bijeenkomst;
mod contactpersoon;
mod doel;
mod eigen_indicator;
mod onderneming;
mod opvolging;
mod overleg;
mod persoon;
mod regeling;
mod sroi_inzet;
mod sroi_verplichting;
mod waarderingstabel;

pub use bijeenkomst::summary as report_summary;
pub use doel::{progress_of, series};
pub use sroi_verplichting::table_of as sroi_table_of;

/// Every register kind, in dependency order.
pub static KINDS: &[&dyn Kind] = &[
    &persoon::People,
    &doel::Goals,
    &agenda::Agendas,
    &regeling::Schemes,
    &afspraak::Agreements,
    &overleg::Bodies,
    &bijeenkomst::Meetings,
    &actiepunt::ActionItems,
    &onderneming::Companies,
    &contactpersoon::Contacts,
    &bedrijfsbezoek::Visits,
    &opvolging::FollowUps,
    &eigen_indicator::OwnIndicators,
    &waarderingstabel::ValuationTables,
    &sroi_verplichting::Obligations,
    &sroi_inzet::Contributions,
];

/// A kind by its stored name (`regeling`).
pub fn by_kind(kind: &str) -> Option<&'static dyn Kind> {
    KINDS.iter().copied().find(|k| k.spec().kind == kind)
}

/// A kind by its collection (`regelingen`).
pub fn by_collection(collection: &str) -> Option<&'static dyn Kind> {
    KINDS.iter().copied().find(|k| k.spec().collection == collection)
}

/// The check of a kind whose domain has a draft type `D` (deserialised from the JSON) and a
/// record type `R` (serialised back).
pub(crate) fn check_with<D: DeserializeOwned, R: Serialize>(
    draft: Value,
    parse: impl FnOnce(&D) -> Result<R, Vec<Fault>>,
) -> Result<Value, Vec<Fault>> {
    let draft: D = serde_json::from_value(draft).map_err(|e| {
        vec![Fault {
            field: "body".into(),
            code: "type",
            reason: format!("De invoer past niet: {e}."),
        }]
    })?;
    let record = parse(&draft)?;
    serde_json::to_value(record).map_err(|e| {
        vec![Fault {
            field: "body".into(),
            code: "internal",
            reason: format!("Het record kan niet worden opgeslagen: {e}."),
        }]
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use samenhang_domain::spec::FieldType;

    #[test]
    fn every_kind_comes_after_the_kinds_it_refers_to_and_names_are_unique() {
        let mut seen: Vec<&str> = Vec::new();
        for k in KINDS {
            let spec = k.spec();
            assert!(!seen.contains(&spec.kind), "{} twice", spec.kind);
            assert!(spec.field(spec.title_field).is_some(), "{}: title field", spec.kind);
            for f in spec.fields {
                if let Some(target) = f.ty.referenced_kind() {
                    assert!(
                        seen.contains(&target) || target == spec.kind,
                        "{} refers to {target}, which comes later",
                        spec.kind
                    );
                }
                assert!(
                    !matches!(f.ty, FieldType::Objects(_)) || !f.theme,
                    "{}.{}: a list of records is no theme",
                    spec.kind,
                    f.name
                );
            }
            seen.push(spec.kind);
        }
        let collections: std::collections::HashSet<&str> = KINDS.iter().map(|k| k.spec().collection).collect();
        assert_eq!(collections.len(), KINDS.len());
    }
}
