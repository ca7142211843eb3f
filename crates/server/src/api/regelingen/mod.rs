// SPDX-License-Identifier: EUPL-1.2
//! `/regelingen`: the schemes register, with "welke regelingen passen?" and the fragmentation
//! analysis per arbeidsmarktregio. One file per action; this module holds the register
//! definition and the representations.

pub mod analysis;
pub mod create;
pub mod delete;
pub mod export;
pub mod import;
pub mod list;
pub mod matching;
pub mod show;
pub mod update;

use samenhang_domain::coherence::{Scheme, SchemeDraft};
use samenhang_domain::registers::{Fault, Known};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::api::begrippen::BegripRef;
use crate::api::model::{PageLinks, Paginering, SelfLinks};
use crate::api::registers::Register;

impl crate::api::registers::CsvRegister for Schemes {
    const FILE: &'static str = "regelingen.csv";
    fn read_csv(
        bytes: &[u8],
    ) -> Result<Vec<samenhang_registers::Row<SchemeDraft>>, Vec<samenhang_registers::CsvFault>> {
        samenhang_registers::read_schemes(bytes)
    }
    fn write_csv(rows: &[(samenhang_store::registers::StoredItem, Scheme)]) -> String {
        samenhang_registers::write_schemes(rows.iter().map(|(i, r)| (crate::api::registers::meta(i), r)))
    }
}

/// The register definition of schemes.
pub(crate) struct Schemes;

impl Register for Schemes {
    const KIND: &'static str = "regeling";
    const PATH: &'static str = "/regelingen";
    const NAME: &'static str = "regeling";
    const FIELDS: &'static [&'static str] = &[
        "titel",
        "omschrijving",
        "aanbieder",
        "gebied",
        "doelgroepen",
        "instrument",
        "behoeften",
        "budget",
        "geldsoort",
        "begindatum",
        "einddatum",
        "voorwaarden",
        "link",
        "status",
    ];
    type Draft = SchemeDraft;
    type Record = Scheme;

    fn parse(draft: &SchemeDraft, known: &dyn Known) -> Result<Scheme, Vec<Fault>> {
        draft.parse(known)
    }
    fn title(record: &Scheme) -> String {
        record.titel.clone()
    }
    /// Target groups, instrument and needs are all themes: the theme page and the filters find
    /// a scheme by any of them.
    fn themes(record: &Scheme) -> Vec<String> {
        let mut all: Vec<String> = record.doelgroepen.clone();
        all.push(record.instrument.clone());
        all.extend(record.behoeften.iter().cloned());
        all.sort();
        all.dedup();
        all
    }
    fn links(_: &Scheme) -> Vec<(String, String)> {
        Vec::new()
    }
}

/// A scheme as sent to create or change one.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[allow(dead_code)]
pub struct RegelingInvoer {
    /// Id of the owning organisation (who maintains this entry).
    pub organisatie: Option<String>,
    /// openbaar, regio or organisatie (default).
    pub zichtbaarheid: Option<String>,
    /// Title.
    #[schema(example = "Loonkostensubsidie Participatiewet")]
    pub titel: String,
    /// What it offers.
    pub omschrijving: Option<String>,
    /// The provider: an organisation id.
    #[schema(example = "gemeente-enschede")]
    pub aanbieder: String,
    /// Where it applies: a region code.
    #[schema(example = "GM0153")]
    pub gebied: String,
    /// Target groups: concept ids.
    #[schema(example = json!(["bijstand"]))]
    pub doelgroepen: Vec<String>,
    /// Instrument type: a concept id.
    #[schema(example = "loonkostensubsidie")]
    pub instrument: String,
    /// Needs it answers: concept ids.
    #[schema(example = json!(["krapte"]))]
    pub behoeften: Option<Vec<String>>,
    /// Budget in euros per year (0 or more).
    #[schema(example = 500000)]
    pub budget: f64,
    /// doe-geld or procesgeld.
    #[schema(example = "doe-geld")]
    pub geldsoort: String,
    /// First day (JJJJ-MM-DD).
    pub begindatum: Option<String>,
    /// Last day (JJJJ-MM-DD).
    pub einddatum: Option<String>,
    /// Conditions.
    pub voorwaarden: Option<String>,
    /// Web page (https://…).
    pub link: Option<String>,
    /// gepland, actief (default) or beeindigd.
    pub status: Option<String>,
}

/// A scheme.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
#[allow(dead_code)]
pub struct Regeling {
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
    /// What it offers.
    pub omschrijving: String,
    /// The provider.
    pub aanbieder: String,
    /// Where it applies.
    pub gebied: String,
    /// Target groups.
    pub doelgroepen: Vec<String>,
    /// Instrument type.
    pub instrument: String,
    /// Needs it answers.
    pub behoeften: Vec<String>,
    /// Target groups, instrument and needs with their preferred labels.
    pub themas: Vec<BegripRef>,
    /// Budget in euros per year.
    pub budget: f64,
    /// doe-geld or procesgeld.
    pub geldsoort: String,
    /// First day.
    pub begindatum: Option<chrono::NaiveDate>,
    /// Last day.
    pub einddatum: Option<chrono::NaiveDate>,
    /// Conditions.
    pub voorwaarden: String,
    /// Web page.
    pub link: Option<String>,
    /// gepland, actief or beeindigd.
    pub status: String,
    /// Links.
    #[serde(rename = "_links")]
    pub links: SelfLinks,
}

/// A page of schemes.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[allow(dead_code)]
pub struct RegelingenLijst {
    /// The schemes on this page that you may see.
    pub regelingen: Vec<Regeling>,
    /// Paging.
    pub paginering: Paginering,
    /// Links.
    #[serde(rename = "_links")]
    pub links: PageLinks,
}
