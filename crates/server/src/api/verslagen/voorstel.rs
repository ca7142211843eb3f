// SPDX-License-Identifier: EUPL-1.2
//! `POST /bijeenkomsten/_voorstel`: reads a report (text, Markdown, PDF or Word) and proposes the
//! meeting and its action items. Nothing is saved.

use axum::extract::{RawQuery, State};
use axum::Json;
use serde::Serialize;
use serde_json::{Map, Value};
use utoipa::{IntoParams, ToSchema};

use super::RecordRef;
use crate::api::caller::ApiCaller;
use crate::api::model::GebiedRef;
use crate::api::ApiState;
use crate::params::QueryParams;
use crate::problem::ApiError;

/// Parameters.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct Params {
    /// De naam van het bestand (helpt Markdown van platte tekst te onderscheiden).
    #[param(example = "verslag.pdf", max_length = 200)]
    bestandsnaam: Option<String>,
}

/// Een aanwezige zoals het verslag die noemt, met wat erbij is gevonden.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct VoorgesteldeAanwezige {
    /// De naam zoals in het verslag; leeg als alleen een organisatie is genoemd.
    pub naam: Option<String>,
    /// De organisatie of gemeente zoals in het verslag.
    pub organisatie: Option<String>,
    /// De rol, als het verslag die noemt.
    pub rol: Option<String>,
    /// De persoon uit het register met die naam.
    pub persoon: Option<RecordRef>,
    /// De gemeente uit de gebiedsindeling die de organisatie noemt (ook bij een tikfout).
    pub gemeente: Option<GebiedRef>,
}

/// Een record dat op een voorgesteld actiepunt lijkt (een suggestie).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Vergelijkbaar {
    /// De collectie (regelingen, afspraken, actiepunten).
    pub register: String,
    /// Id.
    pub id: String,
    /// Titel.
    pub titel: String,
    /// Hoeveel van hun inhoudswoorden zij delen, 0–1.
    pub overeenkomst: f64,
}

/// Een voorgestelde eigenaar, met waarom (een suggestie).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct VoorgesteldeEigenaar {
    /// Id van de persoon of organisatie.
    pub id: String,
    /// Naam.
    pub naam: String,
    /// Waarom.
    pub reden: String,
}

/// Een actiepunt of aanbeveling uit het verslag.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct VoorgesteldActiepunt {
    /// De velden van het actiepunt, zoals `POST /actiepunten` ze neemt (ActiepuntInvoer).
    #[schema(value_type = Object)]
    pub actiepunt: Map<String, Value>,
    /// Waarom dit als actiepunt of aanbeveling is gezien.
    pub reden: String,
    /// De eigenaar zoals het verslag die noemt.
    pub eigenaar_in_verslag: Option<String>,
    /// Of en hoe die eigenaar in het register is gevonden.
    pub eigenaar_toelichting: Option<String>,
    /// De thema's die het noemt.
    pub themas: Vec<RecordRef>,
    /// Een eigenaar op grond van eerdere actiepunten over dezelfde thema's, als het verslag er geen noemt.
    pub voorgestelde_eigenaar: Option<VoorgesteldeEigenaar>,
    /// Regelingen, afspraken en eerdere actiepunten die erop lijken.
    pub vergelijkbaar: Vec<Vergelijkbaar>,
}

/// Een begrip dat het verslag noemt.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct GevondenThema {
    /// Id van het begrip.
    pub id: String,
    /// Naam.
    pub naam: String,
    /// Het label zoals gevonden.
    pub label: String,
    /// Hoe vaak.
    pub aantal: usize,
}

/// Wat een verslag bevat, als voorstel: nog niets is opgeslagen. Stuur de (verbeterde) velden van
/// `bijeenkomst` en de actiepunten die u wilt houden naar `POST /bijeenkomsten/_vastleggen`.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Voorstel {
    /// Het soort bestand: tekst, markdown, pdf of word.
    pub formaat: String,
    /// De velden van de bijeenkomst, zoals `POST /bijeenkomsten` ze neemt (BijeenkomstInvoer).
    #[schema(value_type = Object)]
    pub bijeenkomst: Map<String, Value>,
    /// De aanwezigen met wat erbij is gevonden.
    pub aanwezigen: Vec<VoorgesteldeAanwezige>,
    /// De actiepunten en aanbevelingen.
    pub actiepunten: Vec<VoorgesteldActiepunt>,
    /// De begrippen die het verslag noemt, meest genoemd eerst.
    pub themas: Vec<GevondenThema>,
    /// De gemeenten die het verslag noemt.
    pub gemeenten: Vec<GebiedRef>,
    /// Het overleg dat de titel noemt.
    pub overleg: Option<RecordRef>,
    /// Een paar zinnen uit het verslag die het meeste van de inhoud dragen (een suggestie).
    pub samenvatting: Vec<String>,
    /// Wat niet is gevonden en u zelf moet invullen.
    pub opmerkingen: Vec<String>,
}

fn gebied(n: &samenhang_app::analyses::Named) -> GebiedRef {
    GebiedRef {
        code: n.id.clone(),
        naam: n.name.clone(),
    }
}

fn record(n: &samenhang_app::analyses::Named) -> RecordRef {
    RecordRef {
        id: n.id.clone(),
        titel: n.name.clone(),
    }
}

impl From<samenhang_app::verslagen::Proposal> for Voorstel {
    fn from(p: samenhang_app::verslagen::Proposal) -> Voorstel {
        Voorstel {
            formaat: serde_json::to_value(p.format)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default(),
            bijeenkomst: p.meeting,
            aanwezigen: p
                .attendees
                .iter()
                .map(|a| VoorgesteldeAanwezige {
                    naam: a.read.name.clone(),
                    organisatie: a.read.organisation.clone(),
                    rol: a.read.role.clone(),
                    persoon: a.person.as_ref().map(record),
                    gemeente: a.municipality.as_ref().map(gebied),
                })
                .collect(),
            actiepunten: p
                .items
                .into_iter()
                .map(|i| VoorgesteldActiepunt {
                    reden: i.why,
                    eigenaar_in_verslag: i.owner_text,
                    eigenaar_toelichting: i.owner_note,
                    themas: i.themes.iter().map(record).collect(),
                    voorgestelde_eigenaar: i.suggested_owner.map(|(who, reden)| VoorgesteldeEigenaar {
                        id: who.id,
                        naam: who.name,
                        reden,
                    }),
                    vergelijkbaar: i
                        .similar
                        .iter()
                        .map(|s| Vergelijkbaar {
                            register: s.collection.to_string(),
                            id: s.record.id.clone(),
                            titel: s.record.name.clone(),
                            overeenkomst: (s.score * 100.0).round() / 100.0,
                        })
                        .collect(),
                    actiepunt: i.record,
                })
                .collect(),
            themas: p
                .themes
                .iter()
                .map(|t| GevondenThema {
                    id: t.concept.id.clone(),
                    naam: t.concept.name.clone(),
                    label: t.label.clone(),
                    aantal: t.count,
                })
                .collect(),
            gemeenten: p.municipalities.iter().map(gebied).collect(),
            overleg: p.body.as_ref().map(record),
            samenvatting: p.summary,
            opmerkingen: p.notes,
        }
    }
}

/// Verslag inlezen als voorstel
///
/// Leest een verslag (platte tekst, Markdown, PDF of Word .docx; hoogstens 10 MB) en stelt de
/// bijeenkomst voor: datum, tijd, plaats, aanwezigen (gekoppeld aan personen uit het register en
/// aan gemeenten, ook bij een tikfout), onderwerpen, besluiten, thema's en gemeenten, met de
/// actiepunten en aanbevelingen met eigenaar, deadline en thema's. Elk gevonden punt zegt
/// waarom; suggesties (een eigenaar, vergelijkbare records, een samenvatting) staan apart. Er
/// wordt niets opgeslagen. Een bestand dat niet te lezen is (een scan zonder tekst, een PDF met
/// wachtwoord, een kapot Word-bestand) geeft 400 met de reden.
#[utoipa::path(
    post,
    path = "/bijeenkomsten/_voorstel",
    operation_id = "bijeenkomstVoorstel",
    tag = "Verslagen",
    params(Params),
    request_body(content = String, content_type = "application/octet-stream", description = "Het verslag"),
    security(("apiSleutel" = [])),
    responses(
        (status = 200, description = "Het voorstel", body = Voorstel),
        (status = 400, description = "Het bestand is niet te lezen", body = crate::problem::Problem, content_type = "application/problem+json"),
        (status = 401, description = "Niet ingelogd", body = crate::problem::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn handler(
    State(state): State<ApiState>,
    ApiCaller(caller): ApiCaller,
    RawQuery(raw): RawQuery,
    body: axum::body::Bytes,
) -> Result<Json<Voorstel>, ApiError> {
    samenhang_app::records::require_user(&caller)?;
    let mut q = QueryParams::parse(raw.as_deref(), &["bestandsnaam"]);
    let name = q.text("bestandsnaam", 200).unwrap_or_default();
    q.finish()?;
    let proposal = samenhang_app::verslagen::propose(&state.app, &caller, &body, &name).await?;
    Ok(Json(proposal.into()))
}
