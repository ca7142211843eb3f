// SPDX-License-Identifier: EUPL-1.2
//! The configuration file of the identity providers (`--oidc-config`, TOML), parsed into
//! [`Settings`]: every provider checked whole, every fault in Dutch with the provider it is in.
//!
//! ```toml
//! [[aanbieder]]
//! id = "twente"                                   # in the address: /inloggen/oidc/twente
//! naam = "Twentse gemeenten"                      # on the button: "Inloggen met Twentse gemeenten"
//! issuer = "https://sso.twente.example.nl/realms/gemeenten"
//! client_id = "samenhang"
//! client_secret_env = "SAMENHANG_OIDC_TWENTE_SECRET"   # or client_secret = "…"
//! scopes = ["openid", "profile", "email"]        # the default
//! claim_id = "sub"                                # the default; the stable user id
//! claim_naam = "name"                             # the default
//! claim_email = "email"                           # the default
//! claim_groepen = "realm_access.roles"            # default "groups"; a dotted path
//! organisatie = "gemeente-enschede"               # optional: the provider of one organisation
//! koppelen_op_email = false                       # the default: see below
//!
//! [[aanbieder.groep]]
//! groep = "samenhang-redacteur"
//! organisatie = "gemeente-enschede"
//! rol = "redacteur"
//! ```
//!
//! A provider of one organisation (`organisatie`) may only grant roles in it. The organisations
//! a provider's groups name are *mapped*: at every login the user's role there follows the
//! groups (the highest role of the matching groups, or none). Roles elsewhere are a beheerder's.
//! `koppelen_op_email = true` lets a first login take over the local account with the same
//! e-mail address; only for a provider that verifies addresses.

use samenhang_domain::access::Role;
use serde::Deserialize;

/// Every provider of the installation.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// In the order of the file (the order of the buttons).
    pub providers: Vec<ProviderSettings>,
}

/// One identity provider.
#[derive(Clone)]
pub struct ProviderSettings {
    /// The id in the address, `[a-z0-9-]`.
    pub id: String,
    /// The name on the button.
    pub name: String,
    /// The issuer; discovery reads `{issuer}/.well-known/openid-configuration`.
    pub issuer: String,
    /// The client id at the provider.
    pub client_id: String,
    /// The client secret (`None`: a public client, PKCE only).
    pub client_secret: Option<String>,
    /// The scopes asked for.
    pub scopes: Vec<String>,
    /// Claim paths: the stable user id, the name, the e-mail address, the groups or roles.
    pub claims: ClaimPaths,
    /// The organisation the provider belongs to, if it is one organisation's.
    pub organisation: Option<String>,
    /// Whether a first login may take over the local account with the same e-mail address.
    pub link_by_email: bool,
    /// Group → (organisation, role).
    pub groups: Vec<GroupRule>,
}

impl std::fmt::Debug for ProviderSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The secret never reaches a log.
        f.debug_struct("ProviderSettings")
            .field("id", &self.id)
            .field("issuer", &self.issuer)
            .field("client_id", &self.client_id)
            .field("client_secret", &self.client_secret.as_ref().map(|_| "[verborgen]"))
            .field("organisation", &self.organisation)
            .field("groups", &self.groups.len())
            .finish()
    }
}

/// Where the claims are, as dotted paths into the ID token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimPaths {
    /// The stable user id (default `sub`).
    pub id: String,
    /// The name (default `name`).
    pub name: String,
    /// The e-mail address (default `email`).
    pub email: String,
    /// The groups or roles (default `groups`).
    pub groups: String,
}

/// A group at the provider that gives a role in an organisation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupRule {
    /// The group (or role) as the claim gives it.
    pub group: String,
    /// The organisation id.
    pub organisation: String,
    /// The role.
    pub role: Role,
}

impl ProviderSettings {
    /// The organisations the groups name: there the role follows the groups at every login.
    pub fn mapped_organisations(&self) -> Vec<String> {
        let mut orgs: Vec<String> = self.groups.iter().map(|g| g.organisation.clone()).collect();
        orgs.sort();
        orgs.dedup();
        orgs
    }

    /// For every mapped organisation, the role `groups` give there: the highest of the matching
    /// rules, or `None`.
    pub fn roles_for(&self, groups: &[String]) -> Vec<(String, Option<Role>)> {
        self.mapped_organisations()
            .into_iter()
            .map(|org| {
                let role = self
                    .groups
                    .iter()
                    .filter(|r| r.organisation == org && groups.iter().any(|g| g == &r.group))
                    .map(|r| r.role)
                    .max_by_key(|r| rank(*r));
                (org, role)
            })
            .collect()
    }
}

fn rank(role: Role) -> u8 {
    match role {
        Role::Reader => 1,
        Role::Editor => 2,
        Role::Admin => 3,
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    aanbieder: Vec<RawProvider>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawProvider {
    id: String,
    naam: Option<String>,
    issuer: String,
    client_id: String,
    client_secret: Option<String>,
    client_secret_env: Option<String>,
    scopes: Option<Vec<String>>,
    claim_id: Option<String>,
    claim_naam: Option<String>,
    claim_email: Option<String>,
    claim_groepen: Option<String>,
    organisatie: Option<String>,
    #[serde(default)]
    koppelen_op_email: bool,
    #[serde(default)]
    groep: Vec<RawRule>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRule {
    groep: String,
    organisatie: String,
    rol: String,
}

/// Reads the configuration; `env` gives the value of an environment variable (the secrets).
/// Every fault is named, with the provider it is in.
pub fn parse(text: &str, env: impl Fn(&str) -> Option<String>) -> Result<Settings, Vec<String>> {
    let file: File =
        toml::from_str(text).map_err(|e| vec![format!("het bestand is geen geldige configuratie: {e}")])?;
    let mut faults = Vec::new();
    let mut providers = Vec::new();
    for (n, raw) in file.aanbieder.into_iter().enumerate() {
        let at = if raw.id.trim().is_empty() {
            format!("aanbieder {}", n + 1)
        } else {
            format!("aanbieder '{}'", raw.id)
        };
        let mut fault = |m: String| faults.push(format!("{at}: {m}"));
        let id = raw.id.trim().to_string();
        if id.is_empty()
            || id.len() > 40
            || !id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        {
            fault("id moet 1 tot 40 tekens zijn: kleine letters, cijfers en '-'.".into());
        }
        if providers.iter().any(|p: &ProviderSettings| p.id == id) {
            fault("deze id komt twee keer voor.".into());
        }
        if !issuer_ok(&raw.issuer) {
            fault(format!(
                "issuer '{}' moet met https:// beginnen (http:// alleen voor localhost of 127.0.0.1).",
                raw.issuer
            ));
        }
        if raw.client_id.trim().is_empty() {
            fault("client_id ontbreekt.".into());
        }
        let client_secret = match (raw.client_secret, raw.client_secret_env) {
            (Some(_), Some(_)) => {
                fault("geef client_secret of client_secret_env, niet allebei.".into());
                None
            }
            (Some(s), None) => Some(s),
            (None, Some(var)) => match env(&var) {
                Some(s) if !s.is_empty() => Some(s),
                _ => {
                    fault(format!(
                        "de omgevingsvariabele {var} (client_secret_env) is niet gezet."
                    ));
                    None
                }
            },
            (None, None) => None,
        };
        let scopes = raw
            .scopes
            .unwrap_or_else(|| vec!["openid".into(), "profile".into(), "email".into()]);
        if !scopes.iter().any(|s| s == "openid") {
            fault("scopes moet 'openid' bevatten.".into());
        }
        let path =
            |p: Option<String>, default: &str| p.filter(|s| !s.trim().is_empty()).unwrap_or_else(|| default.into());
        let claims = ClaimPaths {
            id: path(raw.claim_id, "sub"),
            name: path(raw.claim_naam, "name"),
            email: path(raw.claim_email, "email"),
            groups: path(raw.claim_groepen, "groups"),
        };
        let organisation = raw.organisatie.map(|o| o.trim().to_string()).filter(|o| !o.is_empty());
        let mut groups = Vec::new();
        for rule in raw.groep {
            let Some(role) = Role::parse(rule.rol.trim()) else {
                fault(format!(
                    "groep '{}': rol '{}' bestaat niet; kies lezer, redacteur of beheerder.",
                    rule.groep, rule.rol
                ));
                continue;
            };
            if let Some(own) = &organisation {
                if own != rule.organisatie.trim() {
                    fault(format!(
                        "groep '{}': deze aanbieder is van {own} en kan geen rol geven in {}.",
                        rule.groep, rule.organisatie
                    ));
                    continue;
                }
            }
            groups.push(GroupRule {
                group: rule.groep,
                organisation: rule.organisatie.trim().to_string(),
                role,
            });
        }
        providers.push(ProviderSettings {
            name: raw.naam.filter(|n| !n.trim().is_empty()).unwrap_or_else(|| id.clone()),
            id,
            issuer: raw.issuer.trim().trim_end_matches('/').to_string(),
            client_id: raw.client_id.trim().to_string(),
            client_secret,
            scopes,
            claims,
            organisation,
            link_by_email: raw.koppelen_op_email,
            groups,
        });
    }
    if faults.is_empty() {
        Ok(Settings { providers })
    } else {
        Err(faults)
    }
}

/// https, or http on the loopback address (a provider on the same machine, or a test).
fn issuer_ok(issuer: &str) -> bool {
    let issuer = issuer.trim();
    if issuer.starts_with("https://") {
        return issuer.len() > "https://".len();
    }
    let Some(rest) = issuer.strip_prefix("http://") else {
        return false;
    };
    let host = rest.split(['/', ':']).next().unwrap_or("");
    matches!(host, "localhost" | "127.0.0.1" | "[::1]")
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = r#"
[[aanbieder]]
id = "twente"
naam = "Twentse gemeenten"
issuer = "https://sso.example.nl/realms/twente/"
client_id = "samenhang"
client_secret_env = "GEHEIM"
claim_groepen = "realm_access.roles"

[[aanbieder.groep]]
groep = "enschede-lezer"
organisatie = "gemeente-enschede"
rol = "lezer"

[[aanbieder.groep]]
groep = "enschede-redacteur"
organisatie = "gemeente-enschede"
rol = "redacteur"

[[aanbieder.groep]]
groep = "hengelo-beheer"
organisatie = "gemeente-hengelo"
rol = "beheerder"
"#;

    fn env(var: &str) -> Option<String> {
        (var == "GEHEIM").then(|| "s3cr3t".to_string())
    }

    #[test]
    fn a_provider_with_its_groups_is_read_and_its_secret_stays_out_of_debug() {
        let s = parse(FILE, env).expect("valid");
        let p = &s.providers[0];
        assert_eq!(p.issuer, "https://sso.example.nl/realms/twente");
        assert_eq!(p.client_secret.as_deref(), Some("s3cr3t"));
        assert_eq!(p.claims.groups, "realm_access.roles");
        assert_eq!(p.claims.id, "sub");
        assert_eq!(p.scopes, ["openid", "profile", "email"]);
        assert!(!format!("{p:?}").contains("s3cr3t"));
        assert_eq!(p.mapped_organisations(), ["gemeente-enschede", "gemeente-hengelo"]);
    }

    #[test]
    fn the_highest_role_of_the_matching_groups_wins_and_unmatched_organisations_get_none() {
        let s = parse(FILE, env).expect("valid");
        let p = &s.providers[0];
        let groups = |g: &[&str]| g.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            p.roles_for(&groups(&["enschede-lezer", "enschede-redacteur", "iets-anders"])),
            [
                ("gemeente-enschede".to_string(), Some(Role::Editor)),
                ("gemeente-hengelo".to_string(), None)
            ]
        );
        assert_eq!(
            p.roles_for(&[]),
            [
                ("gemeente-enschede".to_string(), None),
                ("gemeente-hengelo".to_string(), None)
            ]
        );
    }

    #[test]
    fn every_fault_is_named_with_its_provider() {
        let bad = r#"
[[aanbieder]]
id = "Twente SSO"
issuer = "http://sso.example.nl"
client_id = ""
client_secret_env = "ONTBREEKT"
scopes = ["profile"]
organisatie = "gemeente-enschede"

[[aanbieder.groep]]
groep = "x"
organisatie = "gemeente-hengelo"
rol = "redacteur"

[[aanbieder.groep]]
groep = "y"
organisatie = "gemeente-enschede"
rol = "baas"
"#;
        let faults = parse(bad, env).expect_err("invalid");
        let all = faults.join("\n");
        for part in [
            "aanbieder 'Twente SSO': id moet",
            "moet met https:// beginnen",
            "client_id ontbreekt",
            "ONTBREEKT (client_secret_env) is niet gezet",
            "scopes moet 'openid' bevatten",
            "kan geen rol geven in gemeente-hengelo",
            "rol 'baas' bestaat niet",
        ] {
            assert!(all.contains(part), "{part} in\n{all}");
        }
        assert!(parse("[[aanbieder]]\nid = 3", env).expect_err("type")[0].contains("geen geldige configuratie"));
        assert!(parse("onbekend = 1", env).is_err());
        assert!(parse("", env).expect("empty").providers.is_empty());
    }

    #[test]
    fn http_issuers_are_for_the_loopback_address_only() {
        assert!(issuer_ok("http://127.0.0.1:9400"));
        assert!(issuer_ok("http://localhost:8080/realms/x"));
        assert!(!issuer_ok("http://127.0.0.1.example.nl"));
        assert!(!issuer_ok("ftp://sso.example.nl"));
        assert!(issuer_ok("https://login.microsoftonline.com/tenant/v2.0"));
    }
}
