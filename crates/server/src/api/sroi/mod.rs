// SPDX-License-Identifier: EUPL-1.2
//! Social return as the API shows it, beside the register resources `sroi-verplichtingen` and
//! `sroi-inzet`: the realisation of one obligation. The use-case is
//! `samenhang_app::sroi::realisation`; this module holds the Dutch representation (with its
//! OpenAPI schema). One file per action.

pub mod realisatie;

use samenhang_app::sroi::Realisation;
use samenhang_domain::sroi::{RealisationStatus, CONTRIBUTION_KINDS};
use serde::Serialize;
use utoipa::ToSchema;

use crate::api::analyses::RecordRef;

/// Eén stap van een waardering.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Waarderingsstap {
    /// Wat er in deze stap wordt gerekend, in woorden.
    pub tekst: String,
    /// Het bedrag van deze stap, in euro.
    pub bedrag: f64,
}

/// Eén inzet met zijn waarde onder de waarderingstabel van de verplichting.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct GewaardeerdeInzet {
    /// De inzet.
    pub inzet: RecordRef,
    /// De soort inzet of doelgroep (code).
    pub soort: String,
    /// De soort inzet of doelgroep in woorden.
    pub soort_naam: String,
    /// De waarde in euro; leeg als de inzet geen waarde heeft (zie reden).
    pub waarde: Option<f64>,
    /// De berekening, stap voor stap.
    pub stappen: Vec<Waarderingsstap>,
    /// Waarom de inzet geen waarde heeft; leeg als zij er een heeft.
    pub reden: Option<String>,
}

/// De waarderingstabel waarmee de inzet is gewaardeerd.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TabelRef {
    /// Id van de tabel.
    pub id: String,
    /// Versie van de tabel.
    pub versie: u32,
    /// Naam van de tabel.
    pub naam: String,
}

/// Waar een verplichting staat.
#[derive(Debug, Clone, Copy, Serialize, ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Realisatiestatus {
    /// De inzet haalt de verplichting.
    Gerealiseerd,
    /// Op of voor de lijn van een gelijk tempo over de looptijd.
    OpKoers,
    /// Achter die lijn.
    Achter,
    /// Voorbij de einddatum en niet gehaald.
    Verlopen,
    /// Zonder looptijd: geen tempo om mee te vergelijken.
    ZonderPeriode,
}

impl From<RealisationStatus> for Realisatiestatus {
    fn from(s: RealisationStatus) -> Self {
        match s {
            RealisationStatus::Gerealiseerd => Realisatiestatus::Gerealiseerd,
            RealisationStatus::OpKoers => Realisatiestatus::OpKoers,
            RealisationStatus::Achter => Realisatiestatus::Achter,
            RealisationStatus::Verlopen => Realisatiestatus::Verlopen,
            RealisationStatus::ZonderPeriode => Realisatiestatus::ZonderPeriode,
        }
    }
}

/// De realisatie van een SROI-verplichting: de inzet die u mag zien, elk gewaardeerd met de
/// tabel die op de aanbestedingsdatum gold, het deel dat met PSO is vervuld, wat nog te doen is,
/// de prognose bij het tempo tot nu toe en de status.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Realisatie {
    /// De verplichting.
    pub verplichting: RecordRef,
    /// De verplichting in euro.
    pub bedrag: f64,
    /// De waarderingstabel; leeg als er voor de gemeente en de aanbestedingsdatum geen is.
    pub waarderingstabel: Option<TabelRef>,
    /// De inzet, gesorteerd op begindatum.
    pub inzet: Vec<GewaardeerdeInzet>,
    /// Het deel dat de opdrachtgever als vervuld rekent met de PSO-trede van de opdrachtnemer, in
    /// euro; 0 zolang het certificaat niet geldt of de trede niet bekend is (zie psoToelichting).
    pub pso: f64,
    /// Waarom het afgesproken PSO-deel nu niet telt; leeg als het telt of er geen is afgesproken.
    pub pso_toelichting: Option<String>,
    /// Gerealiseerd in euro: de gewaardeerde inzet en het PSO-deel.
    pub gerealiseerd: f64,
    /// Wat nog te doen is, in euro (niet onder nul).
    pub nog_te_doen: f64,
    /// Wat bij een gelijk tempo over de looptijd vandaag gerealiseerd zou zijn, in euro; leeg zonder looptijd.
    pub verwacht: Option<f64>,
    /// Wat bij het tempo tot nu toe op de einddatum gerealiseerd zal zijn (ten minste wat al is
    /// vastgelegd), in euro; leeg buiten de looptijd.
    pub prognose: Option<f64>,
    /// Waar de verplichting staat.
    pub status: Realisatiestatus,
    /// Het PSO-oordeel over de opdrachtnemer in woorden; leeg als u de onderneming niet mag zien
    /// of zij geen trede of meting heeft.
    pub pso_opdrachtnemer: Option<String>,
}

fn cents(v: f64) -> f64 {
    (v * 100.0).round() / 100.0
}

impl Realisatie {
    /// The representation of `r`, the realisation of obligation `id` titled `title`.
    pub fn new(id: &str, title: &str, r: Realisation) -> Realisatie {
        let inzet = r
            .contributions
            .into_iter()
            .map(|c| {
                let soort_naam = CONTRIBUTION_KINDS
                    .iter()
                    .find(|k| k.value == c.record.soort)
                    .map_or_else(|| c.record.soort.clone(), |k| k.label.to_string());
                let (waarde, stappen, reden) = match c.value {
                    Ok(v) => (
                        Some(cents(v.total)),
                        v.steps
                            .into_iter()
                            .map(|s| Waarderingsstap {
                                tekst: s.text,
                                bedrag: cents(s.amount),
                            })
                            .collect(),
                        None,
                    ),
                    Err(e) => (None, Vec::new(), Some(e)),
                };
                GewaardeerdeInzet {
                    inzet: RecordRef {
                        id: c.item.id,
                        titel: c.item.title,
                    },
                    soort: c.record.soort,
                    soort_naam,
                    waarde,
                    stappen,
                    reden,
                }
            })
            .collect();
        Realisatie {
            verplichting: RecordRef {
                id: id.to_string(),
                titel: title.to_string(),
            },
            bedrag: cents(r.obligation),
            waarderingstabel: r.table.map(|t| TabelRef {
                id: t.id,
                versie: t.versie,
                naam: t.naam,
            }),
            inzet,
            pso: cents(r.pso),
            pso_toelichting: r.pso_note,
            gerealiseerd: cents(r.done),
            nog_te_doen: cents(r.remaining),
            verwacht: r.expected.map(cents),
            prognose: r.forecast.map(cents),
            status: r.status.into(),
            pso_opdrachtnemer: r.contractor_pso.map(|p| p.oordeel),
        }
    }
}
