// SPDX-License-Identifier: EUPL-1.2
//! The claims of a verified ID token, and who they say the user is ([`Identity`]).
//!
//! A claim path is a name (`email`, also one with dots, such as a URL) or a dotted path into
//! nested objects (`realm_access.roles`, `resource_access.samenhang.roles`). Groups may be a
//! list of strings or one string.

use serde_json::Value;

use crate::config::ClaimPaths;

/// Who a verified ID token says the user is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identity {
    /// The issuer.
    pub issuer: String,
    /// The stable user id at the issuer (the `claim_id` path, default `sub`).
    pub subject: String,
    /// The name, when the token gives one.
    pub name: Option<String>,
    /// The e-mail address, when the token gives one.
    pub email: Option<String>,
    /// The groups or roles.
    pub groups: Vec<String>,
}

impl Identity {
    /// The user's id in Samenhang: issuer and subject (an e-mail address may change hands).
    pub fn external_id(&self) -> String {
        format!("{} {}", self.issuer, self.subject)
    }
}

/// The value at `path` in `claims`.
pub fn at<'a>(claims: &'a Value, path: &str) -> Option<&'a Value> {
    if let Some(v) = claims.get(path) {
        return Some(v);
    }
    path.split('.').try_fold(claims, |v, key| v.get(key))
}

fn text(claims: &Value, path: &str) -> Option<String> {
    match at(claims, path)? {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// The identity in `claims` (already verified), by the provider's claim paths; `Err` names the
/// claim that is missing.
pub fn identity(issuer: &str, claims: &Value, paths: &ClaimPaths) -> Result<Identity, String> {
    let subject =
        text(claims, &paths.id).ok_or_else(|| format!("de claim '{}' (gebruikers-id) ontbreekt", paths.id))?;
    let groups = match at(claims, &paths.groups) {
        Some(Value::Array(items)) => items.iter().filter_map(|v| v.as_str()).map(str::to_string).collect(),
        Some(Value::String(s)) => vec![s.clone()],
        _ => Vec::new(),
    };
    Ok(Identity {
        issuer: issuer.to_string(),
        subject,
        name: text(claims, &paths.name),
        email: text(claims, &paths.email),
        groups,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn paths(groups: &str) -> ClaimPaths {
        ClaimPaths {
            id: "sub".into(),
            name: "name".into(),
            email: "email".into(),
            groups: groups.into(),
        }
    }

    #[test]
    fn keycloak_roles_sit_in_nested_objects() {
        let claims = json!({
            "sub": "f:1234", "name": "Eva de Vries", "email": "eva@enschede.nl",
            "realm_access": {"roles": ["samenhang-redacteur", "offline_access"]},
            "resource_access": {"samenhang": {"roles": ["beheer"]}}
        });
        let id = identity("https://sso", &claims, &paths("realm_access.roles")).expect("identity");
        assert_eq!(id.groups, ["samenhang-redacteur", "offline_access"]);
        assert_eq!(id.external_id(), "https://sso f:1234");
        let id = identity("https://sso", &claims, &paths("resource_access.samenhang.roles")).expect("identity");
        assert_eq!(id.groups, ["beheer"]);
    }

    #[test]
    fn a_claim_named_with_dots_is_found_whole_and_a_single_group_is_a_list_of_one() {
        let claims = json!({"sub": "x", "https://example.nl/groepen": "raad"});
        let id = identity("i", &claims, &paths("https://example.nl/groepen")).expect("identity");
        assert_eq!(id.groups, ["raad"]);
        assert_eq!((id.name, id.email), (None, None));
    }

    #[test]
    fn a_missing_subject_is_named() {
        let err = identity("i", &json!({"email": "a@b.nl"}), &paths("groups")).expect_err("no sub");
        assert!(err.contains("'sub'"), "{err}");
        let mut p = paths("groups");
        p.id = "oid".into();
        assert_eq!(identity("i", &json!({"oid": "g-1"}), &p).expect("oid").subject, "g-1");
    }
}
