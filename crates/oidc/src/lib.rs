// SPDX-License-Identifier: EUPL-1.2
//! Samenhang's OpenID Connect relying party. It knows providers and tokens, not users or the
//! database: the application layer (`samenhang_app::oidc`) keeps the login state, finds or
//! makes the user and applies the group mapping.
//!
//! Layout:
//! - [`config`]: the providers' configuration file (TOML): issuer, client, scopes, claim paths,
//!   the group → (organisation, role) mapping; every fault named;
//! - [`claims`]: claim paths into a verified ID token and the [`claims::Identity`] they give;
//! - [`client`]: one provider at run time: discovery (kept an hour), the authorization code flow
//!   with PKCE, state and nonce, the verified ID token, the provider's logout address;
//! - [`registry`]: the providers of the installation, read again when the file changes.

pub mod claims;
pub mod client;
pub mod config;
pub mod registry;

pub use claims::Identity;
pub use client::{Begin, Finished, OidcError, Provider};
pub use config::{ProviderSettings, Settings};
pub use registry::Registry;
