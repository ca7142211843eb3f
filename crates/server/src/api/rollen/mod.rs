// SPDX-License-Identifier: EUPL-1.2
//! `/rollen`: which user has which role (lezer, redacteur, beheerder) in which organisation.
//! A beheerder sees and manages the roles of the organisations they administer; everyone sees
//! their own. One file per action; this module holds the representations.

pub mod delete;
pub mod grant;
pub mod list;

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A user in a role listing.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Gebruiker {
    /// Id.
    pub id: String,
    /// Name.
    pub naam: String,
    /// Work e-mail address (the login name).
    pub email: String,
}

/// A role of a user in an organisation.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Rol {
    /// The user.
    pub gebruiker: Gebruiker,
    /// Id of the organisation.
    #[schema(example = "gemeente-enschede")]
    pub organisatie: String,
    /// lezer, redacteur or beheerder.
    #[schema(example = "redacteur")]
    pub rol: String,
}

/// The roles you may see.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RollenLijst {
    /// Roles in the organisations you administer, and your own.
    pub rollen: Vec<Rol>,
}

/// A role to give.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RolInvoer {
    /// The user's e-mail address.
    #[schema(example = "a.jansen@enschede.nl")]
    pub email: String,
    /// Id of the organisation (you must be its beheerder).
    #[schema(example = "gemeente-enschede")]
    pub organisatie: String,
    /// lezer, redacteur or beheerder.
    #[schema(example = "redacteur")]
    pub rol: String,
}
