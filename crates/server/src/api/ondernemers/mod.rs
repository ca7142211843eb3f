// SPDX-License-Identifier: EUPL-1.2
//! The relations with entrepreneurs as the API shows them, beside the register resources of the
//! kinds `ondernemingen`, `contactpersonen`, `bedrijfsbezoeken` and `opvolgingen`: one view of a
//! company, its merge with a duplicate, look-alike companies, the overdue follow-up, what
//! entrepreneurs need, the visit coverage, and a contact person's export, review and erasure.
//! The use-cases are `samenhang_app::ondernemers`; this module holds the Dutch representations
//! (with their OpenAPI schemas). One file per action.

pub mod achterstallig;
pub mod behoeften;
pub mod dekking;
pub mod dubbel;
pub mod export;
pub mod herzien;
pub mod overzicht;
pub mod samenvoegen;
pub mod vergeten;

pub(crate) use crate::params::iso_date as date;

use chrono::NaiveDate;
use samenhang_app::ondernemers as o;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::api::analyses::{concept, organisation, record, OrganisatieRef, RecordRef};
use crate::api::begrippen::BegripRef;
use crate::problem::{ApiError, InvalidParam};

/// Een bezoek in het overzicht van een onderneming.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Bezoekregel {
    /// Het bezoek.
    pub bezoek: RecordRef,
    /// De datum.
    pub datum: NaiveDate,
    /// De bezoekende organisatie.
    pub organisatie: OrganisatieRef,
    /// Who visited.
    pub bezoekers: Vec<RecordRef>,
    /// De genoemde behoeften.
    pub behoeften: Vec<BegripRef>,
}

/// Een opvolgactie na een bedrijfsbezoek.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Actieregel {
    /// De actie: id en wat er moet gebeuren.
    pub opvolging: RecordRef,
    /// Het bezoek waarop de actie volgt.
    pub bezoek: RecordRef,
    /// De onderneming.
    pub onderneming: RecordRef,
    /// Wie de actie uitvoert.
    pub eigenaar: RecordRef,
    /// De organisatie die de actie beheert.
    pub organisatie: OrganisatieRef,
    /// De behoefte waarop de actie antwoordt.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub behoefte: Option<BegripRef>,
    /// Deadline.
    pub deadline: NaiveDate,
    /// Status: open, in-uitvoering, afgedaan of vervallen.
    pub status: String,
    /// Dagen over de deadline, als de actie open en te laat is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dagen_te_laat: Option<i64>,
    /// Het antwoord aan de ondernemer.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub antwoord: String,
}

/// Alles over één onderneming dat u mag zien.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Ondernemingsoverzicht {
    /// De onderneming.
    pub onderneming: RecordRef,
    /// De organisaties die er op bezoek waren.
    pub organisaties: Vec<OrganisatieRef>,
    /// De bezoeken, nieuwste eerst.
    pub bezoeken: Vec<Bezoekregel>,
    /// De opvolging, op deadline.
    pub opvolging: Vec<Actieregel>,
    /// De contactpersonen.
    pub contactpersonen: Vec<RecordRef>,
}

fn action(a: &o::ActionLine) -> Actieregel {
    Actieregel {
        opvolging: record(&a.action),
        bezoek: record(&a.visit),
        onderneming: record(&a.company),
        eigenaar: record(&a.owner),
        organisatie: organisation(&a.organisation),
        behoefte: a.need.as_ref().map(concept),
        deadline: a.deadline,
        status: a.status.clone(),
        dagen_te_laat: a.days_late,
        antwoord: a.answer.clone(),
    }
}

impl From<o::CompanyView> for Ondernemingsoverzicht {
    fn from(v: o::CompanyView) -> Self {
        Ondernemingsoverzicht {
            onderneming: record(&v.company),
            organisaties: v.organisations.iter().map(organisation).collect(),
            bezoeken: v
                .visits
                .iter()
                .map(|b| Bezoekregel {
                    bezoek: record(&b.visit),
                    datum: b.date,
                    organisatie: organisation(&b.organisation),
                    bezoekers: b.visitors.iter().map(record).collect(),
                    behoeften: b.needs.iter().map(concept).collect(),
                })
                .collect(),
            opvolging: v.actions.iter().map(action).collect(),
            contactpersonen: v.contacts.iter().map(record).collect(),
        }
    }
}

/// Open en te late acties van één persoon of organisatie.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Actiestand {
    /// De persoon of organisatie.
    pub wie: RecordRef,
    /// Open actions.
    pub open: usize,
    /// Waarvan over de deadline.
    pub laat: usize,
}

/// De achterstallige opvolging van bedrijfsbezoeken.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct AchterstalligeOpvolging {
    /// Peildatum.
    pub peildatum: NaiveDate,
    /// Open actions past their deadline, longest overdue first.
    pub te_laat: Vec<Actieregel>,
    /// Per owner.
    pub per_eigenaar: Vec<Actiestand>,
    /// Per organisation.
    pub per_organisatie: Vec<Actiestand>,
}

impl From<o::OverdueActions> for AchterstalligeOpvolging {
    fn from(v: o::OverdueActions) -> Self {
        let stand = |s: &o::ActionStanding| Actiestand {
            wie: record(&s.who),
            open: s.open,
            laat: s.late,
        };
        AchterstalligeOpvolging {
            peildatum: v.today,
            te_laat: v.late.iter().map(action).collect(),
            per_eigenaar: v.per_owner.iter().map(stand).collect(),
            per_organisatie: v.per_organisation.iter().map(stand).collect(),
        }
    }
}

/// Eén behoefte.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Behoefteregel {
    /// De behoefte.
    pub behoefte: BegripRef,
    /// Bezoeken waarin het is genoemd.
    pub bezoeken: usize,
    /// Ondernemingen die het noemden.
    pub ondernemingen: usize,
    /// Vervolgacties erop.
    pub acties: usize,
    /// Waarvan afgedaan.
    pub afgedaan: usize,
    /// Gemiddeld aantal dagen van het bezoek tot afgedaan.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gemiddeld_dagen_tot_afgedaan: Option<f64>,
}

/// Een behoefte geteld voor één waarde van een kenmerk van ondernemingen.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Behoeftecel {
    /// Het kenmerk: segment, sbiSectie, grootteklasse, gemeente of periode (jaar).
    pub kenmerk: String,
    /// De waarde.
    pub waarde: RecordRef,
    /// De behoefte.
    pub behoefte: BegripRef,
    /// Visits.
    pub bezoeken: usize,
}

/// De procescijfers van één bezoeker.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Bezoekerregel {
    /// De persoon.
    pub persoon: RecordRef,
    /// Visits.
    pub bezoeken: usize,
    /// Vervolgacties van die bezoeken.
    pub acties: usize,
    /// Actions per visit.
    pub acties_per_bezoek: f64,
    /// Gemiddeld aantal dagen van bezoek tot afgedaan.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gemiddeld_dagen_tot_afgedaan: Option<f64>,
}

/// Wat ondernemers nodig hebben, over de bezoeken die u mag zien.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Ondernemersbehoeften {
    /// Visits counted.
    pub bezoeken: usize,
    /// Per need, most raised first.
    pub behoeften: Vec<Behoefteregel>,
    /// Per behoefte en kenmerk van de onderneming.
    pub verdeling: Vec<Behoeftecel>,
    /// Per visitor.
    pub bezoekers: Vec<Bezoekerregel>,
}

impl From<o::NeedsAnalysis> for Ondernemersbehoeften {
    fn from(v: o::NeedsAnalysis) -> Self {
        Ondernemersbehoeften {
            bezoeken: v.visits,
            behoeften: v
                .needs
                .iter()
                .map(|n| Behoefteregel {
                    behoefte: concept(&n.need),
                    bezoeken: n.visits,
                    ondernemingen: n.companies,
                    acties: n.actions,
                    afgedaan: n.done,
                    gemiddeld_dagen_tot_afgedaan: n.mean_days_to_done,
                })
                .collect(),
            verdeling: v
                .cells
                .iter()
                .map(|c| Behoeftecel {
                    kenmerk: c.dimension.to_string(),
                    waarde: record(&c.value),
                    behoefte: concept(&c.need),
                    bezoeken: c.visits,
                })
                .collect(),
            bezoekers: v
                .visitors
                .iter()
                .map(|p| Bezoekerregel {
                    persoon: record(&p.person),
                    bezoeken: p.visits,
                    acties: p.actions,
                    acties_per_bezoek: p.actions_per_visit,
                    gemiddeld_dagen_tot_afgedaan: p.mean_days_to_done,
                })
                .collect(),
        }
    }
}

/// De bezoekdekking van één SBI-groep.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Dekkingsregel {
    /// De CBS-groep ("B–F"), of "O–Q" voor de secties die CBS in geen groep telt.
    pub sbi_groep: String,
    /// De naam.
    pub naam: String,
    /// Ondernemingen in het register in de gemeente en groep.
    pub ondernemingen: usize,
    /// Waarvan bezocht.
    pub bezocht: usize,
    /// Vestigingen volgens het CBS.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vestigingen: Option<f64>,
    /// Het jaar van die telling.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub jaar: Option<i32>,
    /// Visited / establishments, 0–1.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub aandeel_bezocht: Option<f64>,
}

/// Bezoekdekking per SBI-groep in één gemeente. Bron: CBS (CC BY 4.0) voor de vestigingen.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Bezoekdekking {
    /// De gemeente.
    pub gemeente: RecordRef,
    /// Per group.
    pub groepen: Vec<Dekkingsregel>,
    /// De bron van de aantallen vestigingen.
    pub bron: String,
}

impl From<o::Coverage> for Bezoekdekking {
    fn from(v: o::Coverage) -> Self {
        Bezoekdekking {
            gemeente: record(&v.gemeente),
            groepen: v
                .lines
                .iter()
                .map(|l| Dekkingsregel {
                    sbi_groep: l.group.map_or("O–Q", |g| g.code).to_string(),
                    naam: l
                        .group
                        .map_or(
                            "Openbaar bestuur, onderwijs en zorg (geen CBS-telling per gemeente)",
                            |g| g.label,
                        )
                        .to_string(),
                    ondernemingen: l.companies,
                    bezocht: l.visited,
                    vestigingen: l.establishments,
                    jaar: l.year,
                    aandeel_bezocht: l.share,
                })
                .collect(),
            bron: "Bron: CBS, Kerncijfers wijken en buurten (CC BY 4.0)".into(),
        }
    }
}

/// Twee ondernemingen die op elkaar lijken.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Gelijkende {
    /// Eén.
    pub a: RecordRef,
    /// Het andere.
    pub b: RecordRef,
    /// Their gemeente.
    pub gemeente: RecordRef,
}

/// Wat in deze onderneming opgaat.
#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct SamenvoegenInvoer {
    /// Het id van de dubbele onderneming; die wordt verwijderd nadat haar bezoeken, contactpersonen en
    /// andere verwijzingen hierheen zijn overgegaan.
    pub met: String,
}

/// Een contactpersoon die aan herziening toe is.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Herzieningsregel {
    /// De contactpersoon.
    pub contactpersoon: RecordRef,
    /// De onderneming.
    pub onderneming: RecordRef,
    /// Het laatste bezoek waarbij de persoon was, of wanneer die is vastgelegd.
    pub laatst_gezien: NaiveDate,
    /// De datum van herziening.
    pub herzien_op: NaiveDate,
    /// Waarom: herzieningsdatum (verstreken) of niet-gezien.
    pub reden: String,
}

/// Parses a gemeente code (`GM0153`).
pub(crate) fn gemeente(s: &str) -> Result<samenhang_domain::codes::RegionCode, String> {
    match s.trim().parse::<samenhang_domain::codes::RegionCode>() {
        Ok(c @ samenhang_domain::codes::RegionCode::Municipality(_)) => Ok(c),
        _ => Err(format!("'{s}' is geen gemeentecode; schrijf bijvoorbeeld GM0153.")),
    }
}

/// The JSON body of a request, or a problem naming what is wrong.
pub(crate) fn body<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    serde_json::from_slice(bytes).map_err(|e| {
        ApiError::Invalid(vec![InvalidParam::new(
            "body",
            "json",
            format!("Ongeldige invoer: {e}"),
        )])
    })
}
