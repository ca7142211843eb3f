// SPDX-License-Identifier: EUPL-1.2
//! One identity provider at run time ([`Provider`]): its discovered metadata (kept an hour,
//! fetched again when a token does not verify, so rotated keys are picked up), the start of a
//! login (authorization URL with PKCE, state and nonce), its end (the code exchanged, the ID
//! token verified: signature with the provider's keys, issuer, audience, expiry, nonce, and the
//! access-token hash when there is one) and the provider's logout address.
//!
//! The HTTP client follows no redirects (a redirect from a provider could point anywhere:
//! SSRF) and gives up after ten seconds. Secrets and tokens are never logged.

use std::str::FromStr;
use std::time::{Duration, Instant};

use base64::Engine;
use openidconnect::core::{CoreAuthenticationFlow, CoreClient, CoreIdToken};
use openidconnect::{
    AccessTokenHash, AuthorizationCode, ClientId, ClientSecret, CsrfToken, IssuerUrl, LogoutRequest, Nonce,
    OAuth2TokenResponse, PkceCodeChallenge, PkceCodeVerifier, PostLogoutRedirectUrl, ProviderMetadataWithLogout,
    RedirectUrl, Scope, TokenResponse,
};

use crate::claims::{identity, Identity};
use crate::config::ProviderSettings;

/// The client built from discovered metadata (authorization endpoint set; token and userinfo
/// endpoints as the provider gives them).
type CoreClientFromMetadata = CoreClient<
    openidconnect::EndpointSet,
    openidconnect::EndpointNotSet,
    openidconnect::EndpointNotSet,
    openidconnect::EndpointNotSet,
    openidconnect::EndpointMaybeSet,
    openidconnect::EndpointMaybeSet,
>;

/// How long discovered metadata (endpoints and keys) is used before it is fetched again.
const METADATA_TTL: Duration = Duration::from_secs(3600);

/// What went wrong with a provider. The text is for the log: it names the step, never a secret.
#[derive(Debug, thiserror::Error)]
pub enum OidcError {
    /// The provider could not be reached or answered nonsense (discovery, token endpoint).
    #[error("de identiteitsaanbieder is niet bereikbaar of antwoordt niet zoals verwacht: {0}")]
    Unreachable(String),
    /// The provider's answer is refused: a token that does not verify, a missing claim.
    #[error("het antwoord van de identiteitsaanbieder is geweigerd: {0}")]
    Refused(String),
}

/// The start of a login: send the browser to `url`; keep `state`, `verifier` and `nonce` for
/// the callback.
#[derive(Debug)]
pub struct Begin {
    /// The provider's authorization address with every parameter.
    pub url: String,
    /// The state the callback must bring back.
    pub state: String,
    /// The PKCE verifier for the code exchange.
    pub verifier: String,
    /// The nonce the ID token must carry.
    pub nonce: String,
}

/// A verified login.
#[derive(Debug)]
pub struct Finished {
    /// Who the ID token says the user is.
    pub identity: Identity,
    /// The ID token itself, for the provider's logout (`id_token_hint`).
    pub id_token: String,
}

/// One identity provider.
pub struct Provider {
    /// Its settings.
    pub settings: ProviderSettings,
    http: openidconnect::reqwest::Client,
    metadata: tokio::sync::Mutex<Option<(Instant, ProviderMetadataWithLogout)>>,
}

impl std::fmt::Debug for Provider {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Provider").field("settings", &self.settings).finish()
    }
}

impl Provider {
    /// A provider for `settings`; nothing is fetched yet.
    pub fn new(settings: ProviderSettings) -> Result<Provider, OidcError> {
        let http = openidconnect::reqwest::Client::builder()
            .redirect(openidconnect::reqwest::redirect::Policy::none())
            .timeout(Duration::from_secs(10))
            .build()
            .map_err(|e| OidcError::Unreachable(format!("HTTP-client: {e}")))?;
        Ok(Provider {
            settings,
            http,
            metadata: tokio::sync::Mutex::new(None),
        })
    }

    /// The metadata: the kept copy while it is younger than an hour (unless `fresh`), otherwise
    /// discovered again.
    async fn metadata(&self, fresh: bool) -> Result<ProviderMetadataWithLogout, OidcError> {
        let mut kept = self.metadata.lock().await;
        if let Some((at, meta)) = kept.as_ref() {
            if !fresh && at.elapsed() < METADATA_TTL {
                return Ok(meta.clone());
            }
        }
        let issuer = IssuerUrl::new(self.settings.issuer.clone())
            .map_err(|e| OidcError::Unreachable(format!("issuer '{}': {e}", self.settings.issuer)))?;
        let meta = ProviderMetadataWithLogout::discover_async(issuer, &self.http)
            .await
            .map_err(|e| OidcError::Unreachable(format!("discovery bij {}: {}", self.settings.issuer, chain(&e))))?;
        *kept = Some((Instant::now(), meta.clone()));
        Ok(meta)
    }

    fn client_id(&self) -> ClientId {
        ClientId::new(self.settings.client_id.clone())
    }

    /// Starts a login that comes back at `redirect`.
    pub async fn begin(&self, redirect: &str) -> Result<Begin, OidcError> {
        let meta = self.metadata(false).await?;
        let redirect = RedirectUrl::new(redirect.to_string())
            .map_err(|e| OidcError::Unreachable(format!("terugkeeradres: {e}")))?;
        let client = CoreClient::from_provider_metadata(
            meta,
            self.client_id(),
            self.settings.client_secret.clone().map(ClientSecret::new),
        )
        .set_redirect_uri(redirect);
        let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
        let mut request = client
            .authorize_url(
                CoreAuthenticationFlow::AuthorizationCode,
                CsrfToken::new_random,
                Nonce::new_random,
            )
            .set_pkce_challenge(challenge);
        for scope in self.settings.scopes.iter().filter(|s| s.as_str() != "openid") {
            request = request.add_scope(Scope::new(scope.clone()));
        }
        let (url, state, nonce) = request.url();
        Ok(Begin {
            url: url.to_string(),
            state: state.secret().clone(),
            verifier: verifier.secret().clone(),
            nonce: nonce.secret().clone(),
        })
    }

    /// Ends a login: exchanges `code` (with the PKCE `verifier`) and verifies the ID token
    /// against the provider's keys, the issuer, this client as audience, the expiry and `nonce`.
    pub async fn finish(&self, redirect: &str, code: &str, verifier: &str, nonce: &str) -> Result<Finished, OidcError> {
        let redirect = RedirectUrl::new(redirect.to_string())
            .map_err(|e| OidcError::Unreachable(format!("terugkeeradres: {e}")))?;
        let make = |meta: ProviderMetadataWithLogout| {
            CoreClient::from_provider_metadata(
                meta,
                self.client_id(),
                self.settings.client_secret.clone().map(ClientSecret::new),
            )
            .set_redirect_uri(redirect.clone())
        };
        let verify = |client: &CoreClientFromMetadata, token: &CoreIdToken, nonce: &Nonce| {
            let verifier = client.id_token_verifier();
            token.claims(&verifier, nonce).map(|_| ()).map_err(|e| e.to_string())
        };
        let mut client = make(self.metadata(false).await?);
        let response = client
            .exchange_code(AuthorizationCode::new(code.to_string()))
            .map_err(|e| OidcError::Unreachable(format!("geen token-endpoint: {e}")))?
            .set_pkce_verifier(PkceCodeVerifier::new(verifier.to_string()))
            .request_async(&self.http)
            .await
            .map_err(|e| OidcError::Refused(format!("code inwisselen: {}", chain(&e))))?;
        let token = response
            .id_token()
            .ok_or_else(|| OidcError::Refused("het antwoord bevat geen ID-token".into()))?
            .clone();
        let nonce = Nonce::new(nonce.to_string());
        // A key the kept metadata does not know may be a rotated key: fetch the keys once more.
        if let Err(first) = verify(&client, &token, &nonce) {
            client = make(self.metadata(true).await?);
            verify(&client, &token, &nonce)
                .map_err(|e| OidcError::Refused(format!("ID-token: {e} (eerder: {first})")))?;
        }
        let verifier = client.id_token_verifier();
        let claims = token
            .claims(&verifier, &nonce)
            .map_err(|e| OidcError::Refused(format!("ID-token: {e}")))?;
        if let Some(expected) = claims.access_token_hash() {
            let alg = token
                .signing_alg()
                .map_err(|e| OidcError::Refused(format!("ID-token: {e}")))?;
            let key = token
                .signing_key(&verifier)
                .map_err(|e| OidcError::Refused(format!("ID-token: {e}")))?;
            let actual = AccessTokenHash::from_token(response.access_token(), alg, key)
                .map_err(|e| OidcError::Refused(format!("at_hash: {e}")))?;
            if actual != *expected {
                return Err(OidcError::Refused("at_hash past niet bij het access token".into()));
            }
        }
        let issuer = claims.issuer().as_str().to_string();
        let compact = token.to_string();
        let raw = payload(&compact).ok_or_else(|| OidcError::Refused("ID-token: de claims zijn geen JSON".into()))?;
        let identity = identity(&issuer, &raw, &self.settings.claims).map_err(OidcError::Refused)?;
        Ok(Finished {
            identity,
            id_token: compact,
        })
    }

    /// The provider's logout address for a session that began with `id_token`, coming back at
    /// `after`; `None` when the provider offers none (`end_session_endpoint`) or cannot be
    /// reached.
    pub async fn logout_url(&self, id_token: Option<&str>, after: &str) -> Option<String> {
        let meta = match self.metadata(false).await {
            Ok(m) => m,
            Err(e) => {
                tracing::warn!(provider = %self.settings.id, cause = %e, "uitloggen bij de aanbieder overgeslagen");
                return None;
            }
        };
        let end = meta.additional_metadata().end_session_endpoint.clone()?;
        let mut request = LogoutRequest::from(end).set_client_id(self.client_id());
        if let Ok(after) = PostLogoutRedirectUrl::new(after.to_string()) {
            request = request.set_post_logout_redirect_uri(after);
        }
        if let Some(token) = id_token.and_then(|t| CoreIdToken::from_str(t).ok()) {
            request = request.set_id_token_hint(&token);
        }
        Some(request.http_get_url().to_string())
    }
}

/// The claims part of a compact JWT (already verified), as JSON.
fn payload(compact: &str) -> Option<serde_json::Value> {
    let part = compact.split('.').nth(1)?;
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(part.trim_end_matches('='))
        .ok()?;
    serde_json::from_slice(&bytes).ok()
}

/// An error with its causes, on one line.
fn chain(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut cause = e.source();
    while let Some(c) = cause {
        text.push_str(": ");
        text.push_str(&c.to_string());
        cause = c.source();
    }
    text
}
