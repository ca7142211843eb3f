// SPDX-License-Identifier: EUPL-1.2
//! `/organisaties`: gemeenten and partners (UWV, employers' bodies, schools, unions, networks).
//! The list is public: which organisations take part is no secret; their records carry their
//! own visibility. One file per action; this module holds the representations.

pub mod create;
pub mod list;
pub mod show;
pub mod update;

use samenhang_domain::access::OrganisationKind;
use samenhang_domain::codes::LabourMarketRegionCode;
use samenhang_store::accounts::Organisation;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::api::model::{GebiedRef, Link, PageLinks, Paginering, SelfLinks};
use crate::problem::{ApiError, InvalidParam};

/// Een organisatie.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Organisatie {
    /// Id.
    #[schema(example = "gemeente-enschede")]
    pub id: String,
    /// Naam.
    #[schema(example = "Gemeente Enschede")]
    pub naam: String,
    /// gemeente, provincie, uwv, werkgeversorganisatie, onderwijs, vakbond, bedrijf, netwerk of overig.
    #[schema(example = "gemeente")]
    pub soort: String,
    /// De arbeidsmarktregio: leden van organisaties daar lezen de records met zichtbaarheid `regio`.
    pub arbeidsmarktregio: Option<GebiedRef>,
    /// Versie; ook de ETag.
    pub versie: i64,
    /// Links.
    #[serde(rename = "_links")]
    pub links: SelfLinks,
}

/// Een pagina organisaties.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct OrganisatiesLijst {
    /// De organisaties.
    pub organisaties: Vec<Organisatie>,
    /// Paging.
    pub paginering: Paginering,
    /// Links.
    #[serde(rename = "_links")]
    pub links: PageLinks,
}

/// Een organisatie zoals die wordt opgestuurd om haar te maken of te wijzigen.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OrganisatieInvoer {
    /// Id (kleine letters, cijfers en koppeltekens); alleen bij aanmaken.
    #[schema(example = "uwv-twente")]
    pub id: Option<String>,
    /// Naam.
    #[schema(example = "UWV Twente")]
    pub naam: String,
    /// Soort.
    #[schema(example = "uwv")]
    pub soort: String,
    /// Arbeidsmarktregio code.
    #[schema(example = "AM14")]
    pub arbeidsmarktregio: Option<String>,
}

pub(crate) fn representation(o: &Organisation, names: &crate::api::Names) -> Organisatie {
    Organisatie {
        id: o.id.clone(),
        naam: o.name.clone(),
        soort: o.kind.as_str().into(),
        arbeidsmarktregio: o.region.map(|r| names.reference(r.into())),
        versie: o.version,
        links: SelfLinks {
            self_: Link::to(format!("/api/v1/organisaties/{}", o.id)),
        },
    }
}

/// Checks the input, every fault at once.
pub(crate) fn parse(
    body: &[u8],
    id: Option<&str>,
) -> Result<(String, String, OrganisationKind, Option<LabourMarketRegionCode>), ApiError> {
    let input: OrganisatieInvoer = serde_json::from_slice(body).map_err(|e| {
        ApiError::Invalid(vec![InvalidParam::new(
            "body",
            "json",
            format!("Ongeldige invoer: {e}"),
        )])
    })?;
    let mut faults = Vec::new();
    let id = match (id, input.id.as_deref()) {
        (Some(path), _) => path.to_string(),
        (None, Some(i)) if samenhang_domain::access::valid_organisation_id(i) => i.to_string(),
        (None, Some(_)) => {
            faults.push(InvalidParam::new(
                "id",
                "format",
                "Gebruik 2 tot 60 kleine letters, cijfers en streepjes (bijv. uwv-twente).",
            ));
            String::new()
        }
        (None, None) => {
            faults.push(InvalidParam::new(
                "id",
                "required",
                "Geef de nieuwe organisatie een id.",
            ));
            String::new()
        }
    };
    let name = input.naam.trim().to_string();
    if name.is_empty() || name.chars().count() > 200 {
        faults.push(InvalidParam::new(
            "naam",
            "required",
            "Vul een naam in van hoogstens 200 tekens.",
        ));
    }
    let kind = OrganisationKind::parse(&input.soort);
    if kind.is_none() {
        let all: Vec<&str> = OrganisationKind::ALL.iter().map(|k| k.as_str()).collect();
        faults.push(InvalidParam::new(
            "soort",
            "enum",
            format!("Kies uit {}.", all.join(", ")),
        ));
    }
    let region = match input
        .arbeidsmarktregio
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        None => None,
        Some(r) => match LabourMarketRegionCode::parse(r) {
            Ok(c) => Some(c),
            Err(e) => {
                faults.push(InvalidParam::new("arbeidsmarktregio", "format", format!("{e}.")));
                None
            }
        },
    };
    match kind {
        Some(kind) if faults.is_empty() => Ok((id, name, kind, region)),
        _ => Err(ApiError::Invalid(faults)),
    }
}
