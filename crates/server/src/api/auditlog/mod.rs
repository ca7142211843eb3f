// SPDX-License-Identifier: EUPL-1.2
//! `/auditlog`: who changed what and when, for a beheerder, over the organisations they
//! administer.

pub mod list;

use serde::Serialize;
use utoipa::ToSchema;

use crate::api::model::{PageLinks, Paginering};

/// Eén wijziging.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct AuditRegel {
    /// Sequence number.
    pub volgnummer: i64,
    /// Wanneer (UTC).
    pub tijdstip: chrono::DateTime<chrono::Utc>,
    /// Who (name).
    pub door: String,
    /// Wie (gebruikers-id), als een gebruiker het deed.
    pub gebruiker: Option<String>,
    /// De organisatie waarvan het record is gewijzigd.
    pub organisatie: String,
    /// aangemaakt, gewijzigd, verwijderd, rol-toegekend of rol-ingetrokken.
    pub actie: String,
    /// Soort record: persoon, doel, agenda, organisatie, rol.
    pub soort: String,
    /// Id van het record.
    pub id: String,
    /// Versie na de wijziging.
    pub versie: Option<i64>,
    /// Titel of omschrijving van de wijziging.
    pub samenvatting: String,
}

/// Een pagina van het auditlog, nieuwste eerst.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AuditLog {
    /// De wijzigingen.
    pub regels: Vec<AuditRegel>,
    /// Paging.
    pub paginering: Paginering,
    /// Links.
    #[serde(rename = "_links")]
    pub links: PageLinks,
}
