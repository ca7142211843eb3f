// SPDX-License-Identifier: EUPL-1.2
//! `/doelen`: goals with themes, an owner, a region and an indicator with baseline and target;
//! every representation carries the progress computed from the statistics snapshot.
//! One file per action; this module holds the register definition and the representations.

pub mod create;
pub mod delete;
pub mod export;
pub mod import;
pub mod list;
pub mod show;
pub mod update;

use samenhang_domain::registers::{progress, Fault, Goal, GoalDraft, Known, Progress};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use utoipa::ToSchema;

use crate::api::begrippen::BegripRef;
use crate::api::model::{PageLinks, Paginering, SelfLinks};
use crate::api::registers::Register;
use crate::state::AppState;

impl crate::api::registers::CsvRegister for Goals {
    const FILE: &'static str = "doelen.csv";
    fn read_csv(bytes: &[u8]) -> Result<Vec<samenhang_registers::Row<GoalDraft>>, Vec<samenhang_registers::CsvFault>> {
        samenhang_registers::read_goals(bytes)
    }
    fn write_csv(rows: &[(samenhang_store::registers::StoredItem, Goal)]) -> String {
        samenhang_registers::write_goals(rows.iter().map(|(i, r)| (crate::api::registers::meta(i), r)))
    }
}

/// The register definition of goals.
pub(crate) struct Goals;

impl Register for Goals {
    const KIND: &'static str = "doel";
    const PATH: &'static str = "/doelen";
    const NAME: &'static str = "doel";
    const FIELDS: &'static [&'static str] = &[
        "titel",
        "omschrijving",
        "themas",
        "eigenaar",
        "gebied",
        "indicator",
        "basisjaar",
        "basiswaarde",
        "streefjaar",
        "streefwaarde",
    ];
    type Draft = GoalDraft;
    type Record = Goal;

    fn parse(draft: &GoalDraft, known: &dyn Known) -> Result<Goal, Vec<Fault>> {
        draft.parse(known)
    }
    fn title(record: &Goal) -> String {
        record.titel.clone()
    }
    fn themes(record: &Goal) -> Vec<String> {
        record.themas.clone()
    }
    fn links(record: &Goal) -> Vec<(String, String)> {
        record
            .eigenaar
            .iter()
            .map(|p| ("persoon".to_string(), p.clone()))
            .collect()
    }
}

/// The indicator's values for the goal's region, oldest first.
pub(crate) fn series(state: &AppState, goal: &Goal) -> Vec<(i32, f64)> {
    let snapshot = state.snapshot();
    let Some(s) = snapshot.series(&goal.indicator) else {
        return Vec::new();
    };
    s.years()
        .iter()
        .filter_map(|&y| snapshot.value(s, goal.gebied, y).map(|(v, _)| (y, v)))
        .collect()
}

/// The goal's progress from the current snapshot.
pub(crate) fn progress_of(state: &AppState, goal: &Goal) -> Progress {
    progress(goal, &series(state, goal))
}

/// Adds `voortgang` to a goal's representation.
pub(crate) fn add_progress(state: &AppState, goal: &Goal, map: &mut Map<String, Value>) {
    let p = progress_of(state, goal);
    let unit = state
        .snapshot()
        .registry
        .indicator(&goal.indicator)
        .map(|i| i.unit.clone())
        .unwrap_or_default();
    let v = Voortgang {
        status: serde_json::to_value(p.status)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default(),
        omschrijving: p.status.label().into(),
        laatste_jaar: p.latest.map(|l| l.0),
        laatste_waarde: p.latest.map(|l| l.1),
        verwachte_waarde: p.expected,
        trend_per_jaar: p.trend_per_year,
        nodig_per_jaar: p.needed_per_year,
        aandeel_gerealiseerd: p.share_done,
        eenheid: unit,
        bron: "Bron: CBS (CC BY 4.0)".into(),
    };
    map.insert("voortgang".into(), serde_json::to_value(v).unwrap_or_default());
}

/// A goal's progress, computed from the indicator's figures for the goal's region.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Voortgang {
    /// behaald, opKoers, achter or geenGegevens.
    #[schema(example = "opKoers")]
    pub status: String,
    /// The status in words.
    #[schema(example = "op koers")]
    pub omschrijving: String,
    /// Year of the latest figure after the baseline year.
    pub laatste_jaar: Option<i32>,
    /// The latest figure.
    pub laatste_waarde: Option<f64>,
    /// Where the straight line from baseline to target is in that year.
    pub verwachte_waarde: Option<f64>,
    /// Change per year from baseline to the latest figure.
    pub trend_per_jaar: Option<f64>,
    /// Change per year still needed to reach the target in time.
    pub nodig_per_jaar: Option<f64>,
    /// Share of the way from baseline to target covered (1 = reached).
    pub aandeel_gerealiseerd: Option<f64>,
    /// Unit of the indicator.
    pub eenheid: String,
    /// Source of the figures.
    pub bron: String,
}

/// A goal as sent to create or change one.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[allow(dead_code)]
pub struct DoelInvoer {
    /// Id of the owning organisation; may be left out when you are redacteur at one only.
    #[schema(example = "gemeente-enschede")]
    pub organisatie: Option<String>,
    /// openbaar, regio or organisatie (default).
    #[schema(example = "openbaar")]
    pub zichtbaarheid: Option<String>,
    /// Short title.
    #[schema(example = "Minder bijstand in Enschede")]
    pub titel: String,
    /// What and why.
    pub omschrijving: Option<String>,
    /// Theme concept ids.
    #[schema(example = json!(["bijstand"]))]
    pub themas: Option<Vec<String>>,
    /// Id of the owner (a person).
    pub eigenaar: Option<String>,
    /// Region code.
    #[schema(example = "GM0153")]
    pub gebied: String,
    /// Indicator id.
    #[schema(example = "bijstand-per-1000-inwoners")]
    pub indicator: String,
    /// Baseline year.
    #[schema(example = 2020)]
    pub basisjaar: i32,
    /// Value in the baseline year.
    pub basiswaarde: f64,
    /// Target year.
    #[schema(example = 2030)]
    pub streefjaar: i32,
    /// Target value.
    pub streefwaarde: f64,
}

/// A goal with its progress.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
#[allow(dead_code)]
pub struct Doel {
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
    /// What and why.
    pub omschrijving: String,
    /// Themes.
    pub themas: Vec<BegripRef>,
    /// Id of the owner (a person).
    pub eigenaar: Option<String>,
    /// Region code.
    pub gebied: String,
    /// Indicator id.
    pub indicator: String,
    /// Baseline year.
    pub basisjaar: i32,
    /// Baseline value.
    pub basiswaarde: f64,
    /// Target year.
    pub streefjaar: i32,
    /// Target value.
    pub streefwaarde: f64,
    /// Progress from the figures.
    pub voortgang: Voortgang,
    /// Links.
    #[serde(rename = "_links")]
    pub links: SelfLinks,
}

/// A page of goals.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[allow(dead_code)]
pub struct DoelenLijst {
    /// The goals on this page that you may see.
    pub doelen: Vec<Doel>,
    /// Paging.
    pub paginering: Paginering,
    /// Links.
    #[serde(rename = "_links")]
    pub links: PageLinks,
}
