// SPDX-License-Identifier: EUPL-1.2
//! The analyses of the registers as the API shows them: the fragmentation of schemes, "welke
//! regelingen passen?", who has not delivered, and the load and overlap of consultation bodies.
//! The use-cases are `samenhang_app::analyses`; this module holds the Dutch representations
//! (with their OpenAPI schemas) and turns the application's views into them. One file per action.

pub mod achterstallig;
pub mod overleggen;
pub mod passend;
pub mod versnippering;

use chrono::NaiveDate;
use samenhang_app::analyses::{self as a, Named};
use serde::Serialize;
use utoipa::ToSchema;

use crate::api::begrippen::BegripRef;

/// A reference to a record: id and title.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RecordRef {
    /// Id.
    pub id: String,
    /// Title or name.
    pub titel: String,
}

/// A reference to an organisation: id and name.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct OrganisatieRef {
    /// Id.
    pub id: String,
    /// Name.
    pub naam: String,
}

/// A target group × instrument offered by more than one scheme.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct OverlapCel {
    /// Target group.
    pub doelgroep: BegripRef,
    /// Instrument.
    pub instrument: BegripRef,
    /// The providers.
    pub aanbieders: Vec<OrganisatieRef>,
    /// The schemes.
    pub regelingen: Vec<RecordRef>,
}

/// The schemes an employer meets for one need.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct PerBehoefte {
    /// The need.
    pub behoefte: BegripRef,
    /// Number of schemes.
    pub aantal_regelingen: usize,
    /// The providers.
    pub aanbieders: Vec<OrganisatieRef>,
    /// The schemes.
    pub regelingen: Vec<RecordRef>,
}

/// Two schemes with nearly the same description.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct BijnaGelijk {
    /// One scheme.
    pub a: RecordRef,
    /// The other.
    pub b: RecordRef,
    /// Jaccard similarity of their descriptions (word trigrams), 0–1.
    pub gelijkenis: f64,
}

/// Doe-geld and procesgeld of one organisation or theme.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Geldverdeling {
    /// Organisation id or concept id.
    pub id: String,
    /// Name or preferred label.
    pub naam: String,
    /// Doe-geld in euros.
    pub doe_geld: f64,
    /// Procesgeld in euros.
    pub procesgeld: f64,
    /// Share of doe-geld, 0–1.
    pub aandeel_doe_geld: Option<f64>,
}

/// The fragmentation of schemes in one arbeidsmarktregio.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Versnippering {
    /// The region.
    pub arbeidsmarktregio: crate::api::model::GebiedRef,
    /// Number of schemes that apply there (that you may see).
    pub aantal_regelingen: usize,
    /// Target group × instrument offered by more than one scheme, most providers first.
    pub overlap: Vec<OverlapCel>,
    /// Per need, the schemes an employer meets; most first.
    pub per_behoefte: Vec<PerBehoefte>,
    /// Near-duplicate descriptions (similarity 0.5 or more).
    pub bijna_gelijk: Vec<BijnaGelijk>,
    /// Doe-geld and procesgeld per provider.
    pub geld_per_organisatie: Vec<Geldverdeling>,
    /// Doe-geld and procesgeld per theme (target group, instrument, need).
    pub geld_per_thema: Vec<Geldverdeling>,
}

/// A commitment that is open after its due date.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Achterstand {
    /// The agreement.
    pub afspraak: RecordRef,
    /// The party that has not delivered.
    pub partij: OrganisatieRef,
    /// What was promised.
    pub toezegging: String,
    /// The due date.
    pub deadline: NaiveDate,
    /// Days past the due date.
    pub dagen_te_laat: i64,
}

/// Per party: open and overdue commitments.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct PartijStand {
    /// The party.
    pub partij: OrganisatieRef,
    /// Commitments still open.
    pub open: usize,
    /// Of which past their due date.
    pub te_laat: usize,
    /// Delivered.
    pub geleverd: usize,
}

/// Who has not yet delivered.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Achterstallig {
    /// The reference date.
    pub peildatum: NaiveDate,
    /// Open commitments past their due date, longest overdue first.
    pub achterstanden: Vec<Achterstand>,
    /// Per party, most overdue first (commitments and action items together).
    pub per_partij: Vec<PartijStand>,
    /// Action items open after their deadline, longest overdue first.
    pub actiepunten: Vec<ActiepuntAchterstand>,
}

/// An action item open after its deadline.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ActiepuntAchterstand {
    /// The action item.
    pub actiepunt: RecordRef,
    /// The organisation that does it.
    pub partij: OrganisatieRef,
    /// The person who does it.
    pub eigenaar: Option<RecordRef>,
    /// The due date.
    pub deadline: Option<NaiveDate>,
    /// Days past the due date.
    pub dagen_te_laat: i64,
}

/// Hours per year of a person or organisation.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Belasting {
    /// Person or organisation id.
    pub id: String,
    /// Name.
    pub naam: String,
    /// Hours per year in consultation bodies.
    pub uren: f64,
    /// Number of bodies.
    pub overleggen: usize,
}

/// The overlap of two bodies.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct OverlegOverlap {
    /// One body.
    pub a: RecordRef,
    /// The other.
    pub b: RecordRef,
    /// Jaccard of their participants, 0–1.
    pub deelnemers: f64,
    /// Jaccard of their themes, 0–1.
    pub themas: f64,
}

/// A body to merge or drop.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Kandidaat {
    /// The body.
    pub overleg: RecordRef,
    /// samenvoegen or opheffen.
    pub advies: String,
    /// The other body (merge with, or covered by).
    pub met: RecordRef,
    /// Why.
    pub reden: String,
    /// Person-hours per year saved.
    pub uren_bespaard: f64,
}

/// The consultation-body analysis.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct OverlegAnalyse {
    /// Number of bodies (that you may see).
    pub aantal_overleggen: usize,
    /// Hours per year in all of them together (person-hours).
    pub uren_totaal: f64,
    /// Per person, most first.
    pub belasting_per_persoon: Vec<Belasting>,
    /// Per organisation, most first.
    pub belasting_per_organisatie: Vec<Belasting>,
    /// Pairs that share participants or themes.
    pub overlap: Vec<OverlegOverlap>,
    /// Candidates to merge or drop.
    pub kandidaten: Vec<Kandidaat>,
}

pub(crate) fn record(n: &Named) -> RecordRef {
    RecordRef {
        id: n.id.clone(),
        titel: n.name.clone(),
    }
}

pub(crate) fn organisation(n: &Named) -> OrganisatieRef {
    OrganisatieRef {
        id: n.id.clone(),
        naam: n.name.clone(),
    }
}

pub(crate) fn concept(n: &Named) -> BegripRef {
    BegripRef {
        id: n.id.clone(),
        voorkeursterm: n.name.clone(),
    }
}

fn money(m: &a::Money) -> Geldverdeling {
    Geldverdeling {
        id: m.of.id.clone(),
        naam: m.of.name.clone(),
        doe_geld: m.doing,
        procesgeld: m.process,
        aandeel_doe_geld: m.doing_share,
    }
}

impl From<a::Fragmentation> for Versnippering {
    fn from(v: a::Fragmentation) -> Self {
        Versnippering {
            arbeidsmarktregio: crate::api::model::GebiedRef {
                code: v.region.id.clone(),
                naam: v.region.name.clone(),
            },
            aantal_regelingen: v.schemes,
            overlap: v
                .overlap
                .iter()
                .map(|c| OverlapCel {
                    doelgroep: concept(&c.target_group),
                    instrument: concept(&c.instrument),
                    aanbieders: c.providers.iter().map(organisation).collect(),
                    regelingen: c.schemes.iter().map(record).collect(),
                })
                .collect(),
            per_behoefte: v
                .per_need
                .iter()
                .map(|n| PerBehoefte {
                    behoefte: concept(&n.need),
                    aantal_regelingen: n.schemes.len(),
                    aanbieders: n.providers.iter().map(organisation).collect(),
                    regelingen: n.schemes.iter().map(record).collect(),
                })
                .collect(),
            bijna_gelijk: v
                .near_duplicates
                .iter()
                .map(|d| BijnaGelijk {
                    a: record(&d.a),
                    b: record(&d.b),
                    gelijkenis: d.similarity,
                })
                .collect(),
            geld_per_organisatie: v.money_by_organisation.iter().map(money).collect(),
            geld_per_thema: v.money_by_theme.iter().map(money).collect(),
        }
    }
}

impl From<a::Overdue> for Achterstallig {
    fn from(v: a::Overdue) -> Self {
        Achterstallig {
            peildatum: v.today,
            achterstanden: v
                .late
                .iter()
                .map(|l| Achterstand {
                    afspraak: record(&l.agreement),
                    partij: organisation(&l.party),
                    toezegging: l.commitment.clone(),
                    deadline: l.due,
                    dagen_te_laat: l.days_late,
                })
                .collect(),
            per_partij: v
                .per_party
                .iter()
                .map(|p| PartijStand {
                    partij: organisation(&p.party),
                    open: p.open,
                    te_laat: p.late,
                    geleverd: p.delivered,
                })
                .collect(),
            actiepunten: v
                .late_actions
                .iter()
                .map(|l| ActiepuntAchterstand {
                    actiepunt: record(&l.item),
                    partij: organisation(&l.organisation),
                    eigenaar: l.owner.as_ref().map(record),
                    deadline: l.deadline,
                    dagen_te_laat: l.days_late.unwrap_or(0),
                })
                .collect(),
        }
    }
}

fn load(l: &a::Load) -> Belasting {
    Belasting {
        id: l.who.id.clone(),
        naam: l.who.name.clone(),
        uren: l.hours,
        overleggen: l.bodies,
    }
}

impl From<a::BodyAnalysis> for OverlegAnalyse {
    fn from(v: a::BodyAnalysis) -> Self {
        OverlegAnalyse {
            aantal_overleggen: v.bodies,
            uren_totaal: v.hours_total,
            belasting_per_persoon: v.per_person.iter().map(load).collect(),
            belasting_per_organisatie: v.per_organisation.iter().map(load).collect(),
            overlap: v
                .overlap
                .iter()
                .map(|p| OverlegOverlap {
                    a: record(&p.a),
                    b: record(&p.b),
                    deelnemers: p.participants,
                    themas: p.themes,
                })
                .collect(),
            kandidaten: v
                .candidates
                .iter()
                .map(|c| Kandidaat {
                    overleg: record(&c.body),
                    advies: c.advice.as_str().into(),
                    met: record(&c.with),
                    reden: c.reason.clone(),
                    uren_bespaard: c.hours_saved,
                })
                .collect(),
        }
    }
}
