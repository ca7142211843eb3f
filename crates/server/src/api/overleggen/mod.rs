// SPDX-License-Identifier: EUPL-1.2
//! `/overleggen`: consultation bodies with participants, frequency, duration, mandate and
//! themes; `/overleggen/_analyse` gives the load, the overlap and the candidates to merge or
//! drop. One file per action; this module holds the register definition and the
//! representations.

pub mod analysis;
pub mod create;
pub mod delete;
pub mod export;
pub mod import;
pub mod list;
pub mod show;
pub mod update;

use samenhang_domain::coherence::{Body, BodyDraft};
use samenhang_domain::registers::{Fault, Known};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::api::begrippen::BegripRef;
use crate::api::model::{PageLinks, Paginering, SelfLinks};
use crate::api::registers::Register;

impl crate::api::registers::CsvRegister for Bodies {
    const FILE: &'static str = "overleggen.csv";
    fn read_csv(bytes: &[u8]) -> Result<Vec<samenhang_registers::Row<BodyDraft>>, Vec<samenhang_registers::CsvFault>> {
        samenhang_registers::read_bodies(bytes)
    }
    fn write_csv(rows: &[(samenhang_store::registers::StoredItem, Body)]) -> String {
        samenhang_registers::write_bodies(rows.iter().map(|(i, r)| (crate::api::registers::meta(i), r)))
    }
}

/// The register definition of consultation bodies.
pub(crate) struct Bodies;

impl Register for Bodies {
    const KIND: &'static str = "overleg";
    const PATH: &'static str = "/overleggen";
    const NAME: &'static str = "overleg";
    const FIELDS: &'static [&'static str] = &[
        "naam",
        "omschrijving",
        "deelnemers",
        "frequentie",
        "duur",
        "mandaat",
        "themas",
    ];
    type Draft = BodyDraft;
    type Record = Body;

    fn parse(draft: &BodyDraft, known: &dyn Known) -> Result<Body, Vec<Fault>> {
        draft.parse(known)
    }
    fn title(record: &Body) -> String {
        record.naam.clone()
    }
    fn themes(record: &Body) -> Vec<String> {
        record.themas.clone()
    }
    fn links(record: &Body) -> Vec<(String, String)> {
        record
            .deelnemers
            .iter()
            .map(|p| ("persoon".to_string(), p.clone()))
            .collect()
    }
}

/// A consultation body as sent to create or change one.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[allow(dead_code)]
pub struct OverlegInvoer {
    /// Id of the owning organisation.
    pub organisatie: Option<String>,
    /// openbaar, regio or organisatie (default).
    pub zichtbaarheid: Option<String>,
    /// Name.
    #[schema(example = "Regionaal Platform Arbeidsmarkt Twente")]
    pub naam: String,
    /// What it is for.
    pub omschrijving: Option<String>,
    /// Participants: person ids.
    pub deelnemers: Option<Vec<String>>,
    /// Meetings per year (more than 0).
    #[schema(example = 10)]
    pub frequentie: f64,
    /// Hours per meeting (more than 0).
    #[schema(example = 2)]
    pub duur: f64,
    /// besluitvormend, adviserend or informerend.
    #[schema(example = "besluitvormend")]
    pub mandaat: String,
    /// Theme concept ids.
    pub themas: Option<Vec<String>>,
}

/// A consultation body.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
#[allow(dead_code)]
pub struct Overleg {
    /// Id.
    pub id: String,
    /// Id of the owning organisation.
    pub organisatie: String,
    /// openbaar, regio or organisatie.
    pub zichtbaarheid: String,
    /// Version; also the ETag.
    pub versie: i64,
    /// When it last changed (UTC).
    pub gewijzigd_op: chrono::DateTime<chrono::Utc>,
    /// Who changed it last.
    pub gewijzigd_door: String,
    /// Name.
    pub naam: String,
    /// What it is for.
    pub omschrijving: String,
    /// Participants you may see: person ids.
    pub deelnemers: Vec<String>,
    /// Meetings per year.
    pub frequentie: f64,
    /// Hours per meeting.
    pub duur: f64,
    /// Mandate.
    pub mandaat: String,
    /// Themes.
    pub themas: Vec<BegripRef>,
    /// Links.
    #[serde(rename = "_links")]
    pub links: SelfLinks,
}

/// A page of consultation bodies.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[allow(dead_code)]
pub struct OverleggenLijst {
    /// The bodies on this page that you may see.
    pub overleggen: Vec<Overleg>,
    /// Paging.
    pub paginering: Paginering,
    /// Links.
    #[serde(rename = "_links")]
    pub links: PageLinks,
}

/// Keeps only the participants the caller may see in a body's representation.
pub(crate) fn visible_participants(
    people: &std::collections::HashSet<String>,
) -> impl Fn(&Body, &mut serde_json::Map<String, serde_json::Value>) + '_ {
    move |body, map| {
        let ids: Vec<&String> = body.deelnemers.iter().filter(|p| people.contains(*p)).collect();
        map.insert("deelnemers".into(), serde_json::json!(ids));
    }
}
