// SPDX-License-Identifier: EUPL-1.2
//! `/auditlog`: who changed what and when, for a beheerder, over the organisations they
//! administer.

pub mod list;

use serde::Serialize;
use utoipa::ToSchema;

use crate::api::model::{PageLinks, Paginering};

/// One change.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct AuditRegel {
    /// Sequence number.
    pub volgnummer: i64,
    /// When (UTC).
    pub tijdstip: chrono::DateTime<chrono::Utc>,
    /// Who (name).
    pub door: String,
    /// Who (user id), when a user did it.
    pub gebruiker: Option<String>,
    /// The organisation whose record changed.
    pub organisatie: String,
    /// aangemaakt, gewijzigd, verwijderd, rol-toegekend or rol-ingetrokken.
    pub actie: String,
    /// Kind of record: persoon, doel, agenda, organisatie, rol.
    pub soort: String,
    /// Id of the record.
    pub id: String,
    /// Version after the change.
    pub versie: Option<i64>,
    /// Title or description of the change.
    pub samenvatting: String,
}

/// A page of the audit log, newest first.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AuditLog {
    /// The changes.
    pub regels: Vec<AuditRegel>,
    /// Paging.
    pub paginering: Paginering,
    /// Links.
    #[serde(rename = "_links")]
    pub links: PageLinks,
}
