// SPDX-License-Identifier: EUPL-1.2
//! `/begrippen`: the concepts of the begrippenkaders, with search, versions and (for local use)
//! editing with optimistic locking. One file per action; this module holds the representations.

pub mod create;
pub mod list;
pub mod show;
pub mod update;
pub mod versions;

use samenhang_vocab::edit::{ConceptInput, DefinitionInput};
use samenhang_vocab::{Concept, MatchKind, Status, Vocabulary};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::api::model::Link;
use crate::api::ApiState;
use crate::problem::{ApiError, InvalidParam};
use samenhang_app::VocabView;

/// Een verwijzing naar een begrip.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct BegripRef {
    /// Id.
    #[schema(example = "werkloosheid")]
    pub id: String,
    /// Preferred label.
    #[schema(example = "werkloosheid")]
    pub voorkeursterm: String,
}

/// De bron van een definitie.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct DefinitieBron {
    /// Titel.
    #[schema(example = "CBS, tabel 85224NED: Arbeidsdeelname; kerncijfers seizoengecorrigeerd")]
    pub titel: String,
    /// Webpagina.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Wettelijke grondslag, als die er is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wettelijke_grondslag: Option<String>,
}

/// Een definitie met haar perspectief en bron.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Definitie {
    /// De tekst.
    pub tekst: String,
    /// sociaal-economisch, beleid, uitvoering of statistiek.
    #[schema(example = "statistiek")]
    pub perspectief: String,
    /// De bron.
    pub bron: DefinitieBron,
}

/// Een koppeling naar een begrip elders.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Overeenkomst {
    /// exact, nauw, breder, smaller of verwant.
    #[schema(example = "exact")]
    pub soort: String,
    /// IRI van het andere begrip.
    #[schema(example = "http://data.europa.eu/esco/occupation/00cee175-1376-43fb-9f02-ba3d7a910a58")]
    pub iri: String,
}

/// Een begrip in een lijst.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct BegripSamenvatting {
    /// Id.
    #[schema(example = "werkloosheid")]
    pub id: String,
    /// Preferred label.
    pub voorkeursterm: String,
    /// De eerste definitie.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub definitie: Option<String>,
    /// Status.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// Het begrippenkader.
    pub kader: String,
    /// Links.
    #[serde(rename = "_links")]
    pub links: crate::api::model::SelfLinks,
}

pub(crate) fn summary(kader: &str, c: &Concept) -> BegripSamenvatting {
    BegripSamenvatting {
        id: c.id.clone(),
        voorkeursterm: c.pref_label.clone(),
        definitie: c.definitions.first().map(|d| d.text.clone()),
        status: c.status.map(|s| s.as_str().to_string()),
        kader: kader.to_string(),
        links: crate::api::model::SelfLinks {
            self_: Link::to(format!("/api/v1/begrippen/{}", c.id)),
        },
    }
}

/// Een begrip zoals het wordt opgegeven om het te maken of te wijzigen.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BegripInvoer {
    /// Id (kleine letters met koppeltekens); alleen bij aanmaken. Bij een wijziging komt het id uit het pad.
    #[serde(default)]
    #[schema(example = "arbeidsmarktkrapte-zorg")]
    pub id: Option<String>,
    /// Het begrippenkader; alleen bij aanmaken (standaard het enige of eerste).
    #[serde(default)]
    pub kader: Option<String>,
    /// Preferred label.
    pub voorkeursterm: String,
    /// Alternative labels.
    #[serde(default)]
    pub alternatieve_termen: Vec<String>,
    /// Hidden labels (search only).
    #[serde(default)]
    pub zoektermen: Vec<String>,
    /// Definities, minstens één, elk met perspectief en bron.
    pub definities: Vec<Definitie>,
    /// Plain-language explanation.
    #[serde(default)]
    pub uitleg: Option<String>,
    /// Examples.
    #[serde(default)]
    pub voorbeelden: Vec<String>,
    /// Ids van bredere begrippen.
    #[serde(default)]
    pub bovenliggend: Vec<String>,
    /// Ids van verwante begrippen.
    #[serde(default)]
    pub gerelateerd: Vec<String>,
    /// Koppelingen naar begrippen elders.
    #[serde(default)]
    pub overeenkomsten: Vec<Overeenkomst>,
    /// inBewerking, voorgesteld, vastgesteld, vervangen of vervallen.
    #[schema(example = "inBewerking")]
    pub status: String,
}

/// Parses a request body, naming the fault and where it is.
pub(crate) fn parse_body(bytes: &[u8]) -> Result<BegripInvoer, ApiError> {
    serde_json::from_slice(bytes).map_err(|e| {
        ApiError::Invalid(vec![InvalidParam::new(
            "body",
            "json",
            format!("Ongeldige invoer (regel {}, kolom {}): {e}", e.line(), e.column()),
        )])
    })
}

/// Turns the API input into the vocab crate's input, with every fault at once.
pub(crate) fn to_input(id: String, b: &BegripInvoer) -> Result<ConceptInput, ApiError> {
    let mut faults = Vec::new();
    let status = Status::parse(&b.status);
    if status.is_none() {
        faults.push(InvalidParam::new(
            "status",
            "enum",
            "Kies uit inBewerking, voorgesteld, vastgesteld, vervangen of vervallen.",
        ));
    }
    let mut matches = Vec::new();
    for (i, m) in b.overeenkomsten.iter().enumerate() {
        let kind = match m.soort.as_str() {
            "exact" => Some(MatchKind::Exact),
            "nauw" => Some(MatchKind::Close),
            "breder" => Some(MatchKind::Broad),
            "smaller" => Some(MatchKind::Narrow),
            "verwant" => Some(MatchKind::Related),
            _ => None,
        };
        match kind {
            Some(k) => matches.push((k, m.iri.clone())),
            None => faults.push(InvalidParam::new(
                &format!("overeenkomsten[{i}].soort"),
                "enum",
                "Kies uit exact, nauw, breder, smaller of verwant.",
            )),
        }
    }
    if !faults.is_empty() {
        return Err(ApiError::Invalid(faults));
    }
    Ok(ConceptInput {
        id,
        pref_label: b.voorkeursterm.clone(),
        alt_labels: b.alternatieve_termen.clone(),
        hidden_labels: b.zoektermen.clone(),
        definitions: b
            .definities
            .iter()
            .map(|d| DefinitionInput {
                text: d.tekst.clone(),
                perspective: d.perspectief.clone(),
                source_title: d.bron.titel.clone(),
                source_url: d.bron.url.clone(),
                legal_basis: d.bron.wettelijke_grondslag.clone(),
            })
            .collect(),
        explanation: b.uitleg.clone(),
        examples: b.voorbeelden.clone(),
        broader: b.bovenliggend.clone(),
        related: b.gerelateerd.clone(),
        matches,
        status: status.unwrap_or(Status::InBewerking),
    })
}

/// Who may edit the begrippenkader: a user with the role redacteur or beheerder anywhere, or
/// anyone when the server runs for local use (`--lokaal-schrijven`). Returns the author.
pub(crate) fn require_writes(
    state: &ApiState,
    caller: &samenhang_domain::access::Principal,
    headers: &axum::http::HeaderMap,
) -> Result<String, ApiError> {
    use samenhang_domain::access::Role;
    if let Some(user) = &caller.user {
        if caller.grants.iter().any(|g| g.role >= Role::Editor) {
            return Ok(user.name.clone());
        }
    }
    if state.app.local_writes() {
        return Ok(author(headers));
    }
    Err(match caller.user {
        None => ApiError::Status(
            axum::http::StatusCode::UNAUTHORIZED,
            "Log in om begrippen te bewerken: stuur 'Authorization: Bearer <API-sleutel>' mee van een redacteur."
                .into(),
        ),
        Some(_) => ApiError::Status(
            axum::http::StatusCode::FORBIDDEN,
            "Begrippen bewerken vraagt de rol redacteur of beheerder bij een organisatie.".into(),
        ),
    })
}

/// Applies a change, stores it with optimistic locking, and swaps in the new view.
#[allow(clippy::too_many_arguments)]
pub(crate) async fn save(
    state: &ApiState,
    kader: &str,
    vocab: &Vocabulary,
    input: &ConceptInput,
    existing: bool,
    expected: i64,
    by: &str,
) -> Result<(String, i64), ApiError> {
    let applied = samenhang_vocab::edit::apply(vocab, input, existing).map_err(|errs| {
        ApiError::Invalid(
            errs.into_iter()
                .map(|e| InvalidParam::new(&e.field, "invalid", e.message))
                .collect(),
        )
    })?;
    let triples: Vec<(String, String)> = applied
        .triples
        .iter()
        .map(|t| (t.subject.to_string(), format!("{t} .")))
        .collect();
    let change = if existing {
        format!("gewijzigd; status {}", input.status.as_str())
    } else {
        format!("aangemaakt; status {}", input.status.as_str())
    };
    let version = state
        .app
        .store()
        .save_concept(kader, &applied.concept_iri, &applied.replaced_subjects, &triples, expected, by, &change)
        .await
        .map_err(|e| match e {
            samenhang_store::StoreError::Conflict { current } => ApiError::Status(
                axum::http::StatusCode::PRECONDITION_FAILED,
                format!("Het begrip is intussen gewijzigd (nu versie {current}). Haal het opnieuw op en pas uw wijziging daarop toe."),
            ),
            other => other.into(),
        })?;
    let fresh = VocabView::load(state.app.store()).await?;
    state.app.set_vocab(fresh);
    Ok((input.id.clone(), version))
}

/// A concept by id with its begrippenkader, or 404.
pub(crate) fn find<'v>(view: &'v VocabView, id: &str) -> Result<(&'v String, &'v Vocabulary, &'v Concept), ApiError> {
    let missing = || ApiError::NotFound(format!("Er is geen begrip met id '{id}'."));
    let (kader, vocab) = view.vocabulary_of(id).ok_or_else(missing)?;
    let concept = vocab.concept(id).ok_or_else(missing)?;
    Ok((kader, vocab, concept))
}

/// The ETag of a version.
pub(crate) fn etag(version: i64) -> String {
    format!("\"{version}\"")
}

/// The version a change of a concept is based on: `If-Match` (428 when missing; `*` is the
/// current version).
pub(crate) fn expected_version(headers: &axum::http::HeaderMap, current: i64) -> Result<i64, ApiError> {
    match crate::api::records::expected(headers)? {
        samenhang_app::records::Expected::Missing => Err(ApiError::Status(
            axum::http::StatusCode::PRECONDITION_REQUIRED,
            format!(
                "Stuur If-Match mee met de ETag van de versie waarop uw wijziging is gebaseerd (nu versie {current})."
            ),
        )),
        samenhang_app::records::Expected::Any => Ok(current),
        samenhang_app::records::Expected::Version(v) => Ok(v),
    }
}

/// Who made a change in local mode (`--lokaal-schrijven`, no account): the `X-Gebruiker`
/// header, else "lokaal".
pub(crate) fn author(headers: &axum::http::HeaderMap) -> String {
    headers
        .get("x-gebruiker")
        .and_then(|v| v.to_str().ok())
        .map(|s| s.chars().take(100).collect::<String>())
        .filter(|s| !s.trim().is_empty())
        .unwrap_or_else(|| "lokaal".into())
}
