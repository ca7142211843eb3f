// SPDX-License-Identifier: EUPL-1.2
//! Ondernemingen: the kind of `samenhang_domain::ondernemers::Company`, unique by KvK number and
//! vestigingsnummer, with its SBI section named from the CBS code list.

use samenhang_domain::ondernemers::{Company, CompanyDraft, COMPANY_SPEC};
use samenhang_domain::registers::{Fault, Known};
use samenhang_domain::spec::KindSpec;
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
        vec![("sbiSectie", json!({ "code": section.to_string(), "naam": title }))]
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
