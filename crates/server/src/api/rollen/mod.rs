// SPDX-License-Identifier: EUPL-1.2
//! `/rollen`: which user has which role (lezer, redacteur, beheerder) in which organisation.
//! A beheerder sees and manages the roles of the organisations they administer; everyone sees
//! their own. One file per action; this module holds the representations.

pub mod delete;
pub mod grant;
pub mod list;

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// Een gebruiker in een lijst van rollen.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Gebruiker {
    /// Id.
    pub id: String,
    /// Naam.
    pub naam: String,
    /// E-mailadres op het werk (de inlognaam).
    pub email: String,
}

/// Een rol van een gebruiker in een organisatie.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Rol {
    /// De gebruiker.
    pub gebruiker: Gebruiker,
    /// Id van de organisatie.
    #[schema(example = "gemeente-enschede")]
    pub organisatie: String,
    /// lezer, redacteur of beheerder.
    #[schema(example = "redacteur")]
    pub rol: String,
}

/// De rollen die u mag zien.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RollenLijst {
    /// Rollen in de organisaties die u beheert, en uw eigen rollen.
    pub rollen: Vec<Rol>,
}

/// Een rol om te geven.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RolInvoer {
    /// Het e-mailadres van de gebruiker.
    #[schema(example = "a.jansen@enschede.nl")]
    pub email: String,
    /// Id van de organisatie (u moet er beheerder van zijn).
    #[schema(example = "gemeente-enschede")]
    pub organisatie: String,
    /// lezer, redacteur of beheerder.
    #[schema(example = "redacteur")]
    pub rol: String,
}
