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
    /// Naam.
    pub naam: String,
}

/// Een doelgroep × instrument die meer dan één regeling aanbiedt.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct OverlapCel {
    /// Target group.
    pub doelgroep: BegripRef,
    /// Instrument.
    pub instrument: BegripRef,
    /// De aanbieders.
    pub aanbieders: Vec<OrganisatieRef>,
    /// De regelingen.
    pub regelingen: Vec<RecordRef>,
}

/// De regelingen die een werkgever tegenkomt voor één behoefte.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct PerBehoefte {
    /// De behoefte.
    pub behoefte: BegripRef,
    /// Aantal regelingen.
    pub aantal_regelingen: usize,
    /// De aanbieders.
    pub aanbieders: Vec<OrganisatieRef>,
    /// De regelingen.
    pub regelingen: Vec<RecordRef>,
}

/// Twee regelingen met bijna dezelfde omschrijving.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct BijnaGelijk {
    /// Eén regeling.
    pub a: RecordRef,
    /// Het andere.
    pub b: RecordRef,
    /// Overeenkomst van hun omschrijvingen (Jaccard over reeksen van drie woorden), 0–1.
    pub gelijkenis: f64,
}

/// Doe-geld en procesgeld van één organisatie of thema.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Geldverdeling {
    /// Id van een organisatie of van een begrip.
    pub id: String,
    /// Naam of voorkeursterm.
    pub naam: String,
    /// Doe-geld in euros.
    pub doe_geld: f64,
    /// Procesgeld in euros.
    pub procesgeld: f64,
    /// Aandeel doe-geld, 0–1.
    pub aandeel_doe_geld: Option<f64>,
}

/// De versnippering van regelingen in één arbeidsmarktregio.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Versnippering {
    /// Het gebied.
    pub arbeidsmarktregio: crate::api::model::GebiedRef,
    /// Aantal regelingen dat daar geldt (die u mag zien).
    pub aantal_regelingen: usize,
    /// Doelgroep × instrument die meer dan één regeling aanbiedt, meeste aanbieders eerst.
    pub overlap: Vec<OverlapCel>,
    /// Per behoefte de regelingen die een werkgever tegenkomt; meeste eerst.
    pub per_behoefte: Vec<PerBehoefte>,
    /// Bijna gelijke omschrijvingen (overeenkomst 0,5 of meer).
    pub bijna_gelijk: Vec<BijnaGelijk>,
    /// Doe-geld en procesgeld per aanbieder.
    pub geld_per_organisatie: Vec<Geldverdeling>,
    /// Doe-geld en procesgeld per thema (doelgroep, instrument, behoefte).
    pub geld_per_thema: Vec<Geldverdeling>,
}

/// Een toezegging die na haar deadline nog open staat.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Achterstand {
    /// De afspraak.
    pub afspraak: RecordRef,
    /// De partij die nog niet heeft geleverd.
    pub partij: OrganisatieRef,
    /// Wat is toegezegd.
    pub toezegging: String,
    /// De deadline.
    pub deadline: NaiveDate,
    /// Dagen over de deadline.
    pub dagen_te_laat: i64,
}

/// Per partij: open en achterstallige toezeggingen.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct PartijStand {
    /// De partij.
    pub partij: OrganisatieRef,
    /// Commitments still open.
    pub open: usize,
    /// Waarvan over de deadline.
    pub te_laat: usize,
    /// Delivered.
    pub geleverd: usize,
}

/// Who has not yet delivered.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Achterstallig {
    /// De peildatum.
    pub peildatum: NaiveDate,
    /// Open commitments past their due date, longest overdue first.
    pub achterstanden: Vec<Achterstand>,
    /// Per partij, meest achterstallig eerst (toezeggingen en actiepunten samen).
    pub per_partij: Vec<PartijStand>,
    /// Action items open after their deadline, longest overdue first.
    pub actiepunten: Vec<ActiepuntAchterstand>,
}

/// Een actiepunt dat na zijn deadline nog open staat.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ActiepuntAchterstand {
    /// Het actiepunt.
    pub actiepunt: RecordRef,
    /// De organisatie die het doet.
    pub partij: OrganisatieRef,
    /// De persoon die het doet.
    pub eigenaar: Option<RecordRef>,
    /// De deadline.
    pub deadline: Option<NaiveDate>,
    /// Dagen over de deadline.
    pub dagen_te_laat: i64,
}

/// Uren per jaar van een persoon of organisatie.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Belasting {
    /// Id van een persoon of organisatie.
    pub id: String,
    /// Naam.
    pub naam: String,
    /// Hours per year in consultation bodies.
    pub uren: f64,
    /// Aantal overleggen.
    pub overleggen: usize,
}

/// De overlap van twee overleggen.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct OverlegOverlap {
    /// Eén overleg.
    pub a: RecordRef,
    /// Het andere.
    pub b: RecordRef,
    /// Overeenkomst van hun deelnemers (Jaccard), 0–1.
    pub deelnemers: f64,
    /// Overeenkomst van hun thema's (Jaccard), 0–1.
    pub themas: f64,
}

/// Een overleg om samen te voegen of op te heffen.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Kandidaat {
    /// Het overleg.
    pub overleg: RecordRef,
    /// samenvoegen of opheffen.
    pub advies: String,
    /// Het andere overleg (om mee samen te voegen, of dat het al dekt).
    pub met: RecordRef,
    /// Waarom.
    pub reden: String,
    /// Person-hours per year saved.
    pub uren_bespaard: f64,
}

/// De analyse van de overleggen.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct OverlegAnalyse {
    /// Aantal overleggen (die u mag zien).
    pub aantal_overleggen: usize,
    /// Uren per jaar in alle overleggen samen (persoonsuren).
    pub uren_totaal: f64,
    /// Per person, most first.
    pub belasting_per_persoon: Vec<Belasting>,
    /// Per organisation, most first.
    pub belasting_per_organisatie: Vec<Belasting>,
    /// Paren die deelnemers of thema's delen.
    pub overlap: Vec<OverlegOverlap>,
    /// Kandidaten om samen te voegen of op te heffen.
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
