// SPDX-License-Identifier: EUPL-1.2
//! Ondernemingen: the kind of `samenhang_domain::ondernemers::Company`, unique by KvK number and
//! vestigingsnummer, with its SBI section named from the CBS code list and its PSO standing
//! judged against the shipped norms for its size.

use samenhang_domain::ondernemers::{Company, CompanyDraft, COMPANY_SPEC};
use samenhang_domain::registers::{Fault, Known};
use samenhang_domain::spec::KindSpec;
use samenhang_domain::sroi::pso_standing;
use serde_json::{json, Value};

use super::{check_with, Kind, UniqueKey};
use crate::App;

/// Companies.
pub struct Companies;

impl Kind for Companies {
    fn spec(&self) -> &'static KindSpec {
        &COMPANY_SPEC
    }

    fn check(&self, draft: Value, known: &dyn Known) -> Result<Value, Vec<Fault>> {
        check_with(draft, |d: &CompanyDraft| d.parse(known))
    }

    fn computed(&self, app: &App, record: &Value) -> Vec<(&'static str, Value)> {
        let Some(section) = record
            .get("sbiSectie")
            .and_then(Value::as_str)
            .and_then(|s| s.chars().next())
        else {
            return Vec::new();
        };
        let title = app
            .sbi_sections()
            .iter()
            .find(|(l, _)| *l == section)
            .map(|(_, t)| t.clone())
            .unwrap_or_default();
        let mut out = vec![("sbiSectie", json!({ "code": section.to_string(), "naam": title }))];
        // Always present (the schema requires it): null without a trede or a measurement.
        let standing = serde_json::from_value::<Company>(record.clone()).ok().and_then(|c| {
            pso_standing(
                &app.pso_norms(),
                c.pso_niveau.as_deref(),
                c.pso_geldig_tot,
                c.medewerkers,
                c.doelgroep_aandeel,
                crate::records::today(),
            )
        });
        out.push((
            "pso",
            standing.map_or(Value::Null, |s| {
                json!({
                    "trede": s.trede,
                    "geldig": s.geldig.map(|g| if g { "ja" } else { "nee" }),
                    "normTrede": s.norm_trede,
                    "oordeel": s.oordeel,
                })
            }),
        ));
        out
    }

    fn keys(&self, record: &Value) -> Vec<UniqueKey> {
        serde_json::from_value::<Company>(record.clone())
            .map(|c| {
                vec![UniqueKey {
                    key: c.key(),
                    field: "kvkNummer",
                    what: "hetzelfde KvK-nummer en vestigingsnummer",
                }]
            })
            .unwrap_or_default()
    }
}
