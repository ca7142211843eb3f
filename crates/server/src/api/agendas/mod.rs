// SPDX-License-Identifier: EUPL-1.2
//! `/agendas`: goals grouped into an organisation's or a region's agenda, such as a Regionaal
//! Werkcentrum's multi-year agenda. One file per action; this module holds the register
//! definition and the representations.

pub mod create;
pub mod delete;
pub mod list;
pub mod show;
pub mod update;

use samenhang_domain::registers::{Agenda, AgendaDraft, Fault, Known};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::api::begrippen::BegripRef;
use crate::api::model::{PageLinks, Paginering, SelfLinks};
use crate::api::registers::Register;

/// The register definition of agendas.
pub(crate) struct Agendas;

impl Register for Agendas {
    const KIND: &'static str = "agenda";
    const PATH: &'static str = "/agendas";
    const NAME: &'static str = "agenda";
    const FIELDS: &'static [&'static str] = &["titel", "omschrijving", "gebied", "vanaf", "tot", "doelen"];
    type Draft = AgendaDraft;
    type Record = Agenda;

    fn parse(draft: &AgendaDraft, known: &dyn Known) -> Result<Agenda, Vec<Fault>> {
        draft.parse(known)
    }
    fn title(record: &Agenda) -> String {
        record.titel.clone()
    }
    fn themes(_: &Agenda) -> Vec<String> {
        Vec::new()
    }
    fn links(record: &Agenda) -> Vec<(String, String)> {
        record.doelen.iter().map(|d| ("doel".to_string(), d.clone())).collect()
    }
}

/// An agenda as sent to create or change one.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[allow(dead_code)]
pub struct AgendaInvoer {
    /// Id of the owning organisation; may be left out when you are redacteur at one only.
    pub organisatie: Option<String>,
    /// openbaar, regio or organisatie (default).
    pub zichtbaarheid: Option<String>,
    /// Title.
    #[schema(example = "Meerjarenagenda Regionaal Werkcentrum Twente 2025–2028")]
    pub titel: String,
    /// What the agenda is for.
    pub omschrijving: Option<String>,
    /// Region code.
    #[schema(example = "AM14")]
    pub gebied: Option<String>,
    /// First year.
    pub vanaf: Option<i32>,
    /// Last year.
    pub tot: Option<i32>,
    /// Goal ids, in order.
    pub doelen: Option<Vec<String>>,
}

/// An agenda.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
#[allow(dead_code)]
pub struct AgendaWeergave {
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
    /// What the agenda is for.
    pub omschrijving: String,
    /// Region code.
    pub gebied: Option<String>,
    /// First year.
    pub vanaf: Option<i32>,
    /// Last year.
    pub tot: Option<i32>,
    /// Goal ids, in order (only those you may see are listed).
    pub doelen: Vec<String>,
    /// Always empty: an agenda's themes are those of its goals.
    pub themas: Vec<BegripRef>,
    /// Links.
    #[serde(rename = "_links")]
    pub links: SelfLinks,
}

/// A page of agendas.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[allow(dead_code)]
pub struct AgendasLijst {
    /// The agendas on this page that you may see.
    pub agendas: Vec<AgendaWeergave>,
    /// Paging.
    pub paginering: Paginering,
    /// Links.
    #[serde(rename = "_links")]
    pub links: PageLinks,
}

/// Keeps only the goals the caller may see in an agenda's representation.
pub(crate) fn visible_goals(
    goals: &std::collections::HashSet<String>,
) -> impl FnOnce(&Agenda, &mut serde_json::Map<String, serde_json::Value>) + '_ {
    move |agenda, map| {
        let ids: Vec<&String> = agenda.doelen.iter().filter(|d| goals.contains(*d)).collect();
        map.insert("doelen".into(), serde_json::json!(ids));
    }
}

/// The same, for lists.
pub(crate) fn visible_goals_in_list(
    goals: &std::collections::HashSet<String>,
) -> impl Fn(&crate::state::AppState, &Agenda, &mut serde_json::Map<String, serde_json::Value>) + '_ {
    move |_, agenda, map| visible_goals(goals)(agenda, map)
}
