// SPDX-License-Identifier: EUPL-1.2
//! `/afspraken`: agreements (covenants, werkpact) with per party what it brings and gets, and
//! commitments with due dates and status; `/afspraken/_achterstallig` lists who has not yet
//! delivered. One file per action; this module holds the register definition and the
//! representations.

pub mod create;
pub mod delete;
pub mod export;
pub mod import;
pub mod list;
pub mod overdue;
pub mod show;
pub mod update;

use samenhang_domain::coherence::{Agreement, AgreementDraft};
use samenhang_domain::registers::{Fault, Known};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::api::begrippen::BegripRef;
use crate::api::model::{PageLinks, Paginering, SelfLinks};
use crate::api::registers::Register;

impl crate::api::registers::CsvRegister for Agreements {
    const FILE: &'static str = "afspraken.csv";
    fn read_csv(
        bytes: &[u8],
    ) -> Result<Vec<samenhang_registers::Row<AgreementDraft>>, Vec<samenhang_registers::CsvFault>> {
        samenhang_registers::read_agreements(bytes)
    }
    fn write_csv(rows: &[(samenhang_store::registers::StoredItem, Agreement)]) -> String {
        samenhang_registers::write_agreements(rows.iter().map(|(i, r)| (crate::api::registers::meta(i), r)))
    }
}

/// The register definition of agreements.
pub(crate) struct Agreements;

impl Register for Agreements {
    const KIND: &'static str = "afspraak";
    const PATH: &'static str = "/afspraken";
    const NAME: &'static str = "afspraak";
    const FIELDS: &'static [&'static str] = &[
        "titel",
        "soort",
        "omschrijving",
        "partijen",
        "toezeggingen",
        "begindatum",
        "einddatum",
        "themas",
    ];
    type Draft = AgreementDraft;
    type Record = Agreement;

    fn parse(draft: &AgreementDraft, known: &dyn Known) -> Result<Agreement, Vec<Fault>> {
        draft.parse(known)
    }
    fn title(record: &Agreement) -> String {
        record.titel.clone()
    }
    fn themes(record: &Agreement) -> Vec<String> {
        record.themas.clone()
    }
    fn links(_: &Agreement) -> Vec<(String, String)> {
        Vec::new()
    }
    /// Parties and commitments are lines of the CSV file: `partijen[0].organisatie` is the
    /// column `partij` of that line, `toezeggingen[1].omschrijving` the column `toezegging`.
    fn csv_column(field: &str) -> String {
        match field.split_once("].") {
            Some((part, "organisatie")) if part.starts_with("partijen") => "partij".into(),
            Some((part, "omschrijving")) if part.starts_with("toezeggingen") => "toezegging".into(),
            Some((_, column)) => column.into(),
            None => field.into(),
        }
    }
}

/// A party as sent.
#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
pub struct Partij {
    /// Organisation id.
    #[schema(example = "uwv-twente")]
    pub organisatie: String,
    /// What it brings.
    pub brengt: Option<String>,
    /// What it gets.
    pub krijgt: Option<String>,
}

/// A commitment as sent.
#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
pub struct Toezegging {
    /// The party that commits (an organisation id of one of the parties).
    pub partij: String,
    /// What is promised.
    pub omschrijving: String,
    /// Due date (JJJJ-MM-DD).
    pub deadline: Option<String>,
    /// open (default), geleverd or vervallen.
    pub status: Option<String>,
}

/// An agreement as sent to create or change one.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[allow(dead_code)]
pub struct AfspraakInvoer {
    /// Id of the owning organisation.
    pub organisatie: Option<String>,
    /// openbaar, regio or organisatie (default).
    pub zichtbaarheid: Option<String>,
    /// Title.
    #[schema(example = "Werkpact Twente")]
    pub titel: String,
    /// convenant (default), werkpact, samenwerkingsovereenkomst or overig.
    pub soort: Option<String>,
    /// What it is about.
    pub omschrijving: Option<String>,
    /// At least two parties.
    pub partijen: Vec<Partij>,
    /// Commitments of the parties.
    pub toezeggingen: Option<Vec<Toezegging>>,
    /// First day.
    pub begindatum: Option<String>,
    /// Last day.
    pub einddatum: Option<String>,
    /// Theme concept ids.
    pub themas: Option<Vec<String>>,
}

/// An agreement.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
#[allow(dead_code)]
pub struct Afspraak {
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
    /// Title.
    pub titel: String,
    /// Kind.
    pub soort: String,
    /// What it is about.
    pub omschrijving: String,
    /// The parties.
    pub partijen: Vec<Partij>,
    /// The commitments.
    pub toezeggingen: Vec<Toezegging>,
    /// First day.
    pub begindatum: Option<chrono::NaiveDate>,
    /// Last day.
    pub einddatum: Option<chrono::NaiveDate>,
    /// Themes.
    pub themas: Vec<BegripRef>,
    /// Links.
    #[serde(rename = "_links")]
    pub links: SelfLinks,
}

/// A page of agreements.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[allow(dead_code)]
pub struct AfsprakenLijst {
    /// The agreements on this page that you may see.
    pub afspraken: Vec<Afspraak>,
    /// Paging.
    pub paginering: Paginering,
    /// Links.
    #[serde(rename = "_links")]
    pub links: PageLinks,
}
