// SPDX-License-Identifier: EUPL-1.2
//! Who may read and change what: organisations, roles, visibility and the caller of a request.
//!
//! The rules, in one place so that the store's SQL filter and the server's checks agree:
//! - a record is `openbaar` (everyone, also without logging in), `regio` (members of an
//!   organisation in the same arbeidsmarktregio as the record's owner) or `organisatie` (members
//!   of the owning organisation only);
//! - a member of the owning organisation reads every record of it, whatever its visibility;
//! - writing needs the role `redacteur` or `beheerder` in the owning organisation;
//! - managing accounts and roles of an organisation needs `beheerder` there;
//! - a user without roles is treated as anonymous: deny by default.

use serde::{Deserialize, Serialize};

use crate::codes::LabourMarketRegionCode;

/// A role of a user in an organisation. Ordered: a beheerder may do all a redacteur may.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// lezer: reads the organisation's records.
    #[serde(rename = "lezer")]
    Reader,
    /// redacteur: also writes them.
    #[serde(rename = "redacteur")]
    Editor,
    /// beheerder: also manages accounts and roles.
    #[serde(rename = "beheerder")]
    Admin,
}

impl Role {
    /// Every role, lowest first.
    pub const ALL: [Role; 3] = [Role::Reader, Role::Editor, Role::Admin];

    /// The Dutch name.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Reader => "lezer",
            Role::Editor => "redacteur",
            Role::Admin => "beheerder",
        }
    }

    /// Parses the Dutch name.
    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s.trim())
    }
}

/// Who may read a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Visibility {
    /// openbaar: everyone.
    #[serde(rename = "openbaar")]
    Public,
    /// regio: members of organisations in the owner's arbeidsmarktregio.
    #[serde(rename = "regio")]
    Region,
    /// organisatie: members of the owning organisation only.
    #[serde(rename = "organisatie")]
    Organisation,
}

impl Visibility {
    /// Every level, widest first.
    pub const ALL: [Visibility; 3] = [Visibility::Public, Visibility::Region, Visibility::Organisation];

    /// The Dutch name.
    pub fn as_str(self) -> &'static str {
        match self {
            Visibility::Public => "openbaar",
            Visibility::Region => "regio",
            Visibility::Organisation => "organisatie",
        }
    }

    /// Parses the Dutch name.
    pub fn parse(s: &str) -> Option<Visibility> {
        Visibility::ALL.into_iter().find(|v| v.as_str() == s.trim())
    }
}

/// The kind of an organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum OrganisationKind {
    /// gemeente
    #[serde(rename = "gemeente")]
    Municipality,
    /// provincie
    #[serde(rename = "provincie")]
    Province,
    /// UWV
    #[serde(rename = "uwv")]
    Uwv,
    /// werkgeversorganisatie
    #[serde(rename = "werkgeversorganisatie")]
    EmployersBody,
    /// onderwijsinstelling
    #[serde(rename = "onderwijs")]
    School,
    /// vakbond
    #[serde(rename = "vakbond")]
    Union,
    /// bedrijf
    #[serde(rename = "bedrijf")]
    Company,
    /// netwerk or samenwerkingsverband (for example a Regionaal Werkcentrum)
    #[serde(rename = "netwerk")]
    Network,
    /// anything else
    #[serde(rename = "overig")]
    Other,
}

impl OrganisationKind {
    /// Every kind.
    pub const ALL: [OrganisationKind; 9] = [
        OrganisationKind::Municipality,
        OrganisationKind::Province,
        OrganisationKind::Uwv,
        OrganisationKind::EmployersBody,
        OrganisationKind::School,
        OrganisationKind::Union,
        OrganisationKind::Company,
        OrganisationKind::Network,
        OrganisationKind::Other,
    ];

    /// The Dutch code.
    pub fn as_str(self) -> &'static str {
        match self {
            OrganisationKind::Municipality => "gemeente",
            OrganisationKind::Province => "provincie",
            OrganisationKind::Uwv => "uwv",
            OrganisationKind::EmployersBody => "werkgeversorganisatie",
            OrganisationKind::School => "onderwijs",
            OrganisationKind::Union => "vakbond",
            OrganisationKind::Company => "bedrijf",
            OrganisationKind::Network => "netwerk",
            OrganisationKind::Other => "overig",
        }
    }

    /// Parses the Dutch code.
    pub fn parse(s: &str) -> Option<OrganisationKind> {
        OrganisationKind::ALL.into_iter().find(|k| k.as_str() == s.trim())
    }
}

/// Whether `id` can name an organisation: 2–60 lower-case letters, digits and inner hyphens.
pub fn valid_organisation_id(id: &str) -> bool {
    (2..=60).contains(&id.len())
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !id.starts_with('-')
        && !id.ends_with('-')
}

/// Whether `s` is an e-mail address: something before one `@`, a domain with a dot after it,
/// no spaces, at most 254 characters. The one check for user accounts and people's work
/// addresses.
pub fn valid_email(s: &str) -> bool {
    if s.len() > 254 || s.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return false;
    }
    match s.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && !domain.contains('@')
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
        }
        None => false,
    }
}

/// A role of the caller in one organisation, with that organisation's arbeidsmarktregio.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grant {
    /// Organisation id.
    pub organisation: String,
    /// The role there.
    pub role: Role,
    /// The organisation's arbeidsmarktregio, if it has one.
    pub region: Option<LabourMarketRegionCode>,
}

/// A logged-in user.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UserRef {
    /// Id.
    pub id: String,
    /// Display name.
    pub name: String,
}

/// The caller of a request: anonymous, or a user with roles.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Principal {
    /// The user, when logged in.
    pub user: Option<UserRef>,
    /// The user's roles.
    pub grants: Vec<Grant>,
    /// Whether the user manages the installation (set on the command line): only they may give
    /// an organisation an arbeidsmarktregio outside their own regions, or change it.
    pub installation_admin: bool,
}

impl Principal {
    /// Nobody: reads public records only, writes nothing.
    pub fn anonymous() -> Principal {
        Principal::default()
    }

    /// The organisations the caller is a member of (any role).
    pub fn organisations(&self) -> Vec<String> {
        self.grants.iter().map(|g| g.organisation.clone()).collect()
    }

    /// The arbeidsmarktregio's of those organisations.
    pub fn regions(&self) -> Vec<LabourMarketRegionCode> {
        let mut out: Vec<_> = self.grants.iter().filter_map(|g| g.region).collect();
        out.sort();
        out.dedup();
        out
    }

    /// The caller's role in `organisation`.
    pub fn role_in(&self, organisation: &str) -> Option<Role> {
        self.grants
            .iter()
            .filter(|g| g.organisation == organisation)
            .map(|g| g.role)
            .max()
    }

    /// Whether the caller may read a record of `owner` (in `owner_region`) with `visibility`.
    pub fn can_read(&self, owner: &str, owner_region: Option<LabourMarketRegionCode>, visibility: Visibility) -> bool {
        match visibility {
            Visibility::Public => true,
            _ if self.role_in(owner).is_some() => true,
            Visibility::Region => owner_region.is_some_and(|r| self.grants.iter().any(|g| g.region == Some(r))),
            Visibility::Organisation => false,
        }
    }

    /// Whether the caller may create, change or delete records of `owner`.
    pub fn can_write(&self, owner: &str) -> bool {
        self.role_in(owner).is_some_and(|r| r >= Role::Editor)
    }

    /// Whether the caller manages accounts and roles of `organisation`.
    pub fn is_admin_of(&self, organisation: &str) -> bool {
        self.role_in(organisation) == Some(Role::Admin)
    }

    /// The organisations whose records the caller may write, in grant order.
    pub fn writable_organisations(&self) -> Vec<String> {
        self.grants
            .iter()
            .filter(|g| g.role >= Role::Editor)
            .map(|g| g.organisation.clone())
            .collect()
    }

    /// The organisations the caller administers.
    pub fn administered(&self) -> Vec<String> {
        self.grants
            .iter()
            .filter(|g| g.role == Role::Admin)
            .map(|g| g.organisation.clone())
            .collect()
    }

    /// Whether the caller is a beheerder anywhere.
    pub fn is_admin(&self) -> bool {
        self.grants.iter().any(|g| g.role == Role::Admin)
    }

    /// Whether the caller may give a new organisation arbeidsmarktregio `region`: which region an
    /// organisation is in decides who reads its `regio` records, so it is not the organisation's
    /// own choice. An installation beheerder may set any region; a beheerder only a region of an
    /// organisation they administer (or none).
    pub fn may_place_in(&self, region: Option<LabourMarketRegionCode>) -> bool {
        self.installation_admin
            || match region {
                None => self.is_admin(),
                Some(r) => self.grants.iter().any(|g| g.role == Role::Admin && g.region == Some(r)),
            }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn am(n: u8) -> Option<LabourMarketRegionCode> {
        LabourMarketRegionCode::parse(&format!("AM{n:02}")).ok()
    }

    fn member(org: &str, role: Role, region: Option<LabourMarketRegionCode>) -> Principal {
        Principal {
            user: Some(UserRef {
                id: "u".into(),
                name: "U".into(),
            }),
            grants: vec![Grant {
                organisation: org.into(),
                role,
                region,
            }],
            installation_admin: false,
        }
    }

    #[test]
    fn anonymous_reads_public_only_and_writes_nothing() {
        let p = Principal::anonymous();
        assert!(p.can_read("a", am(14), Visibility::Public));
        assert!(!p.can_read("a", am(14), Visibility::Region));
        assert!(!p.can_read("a", am(14), Visibility::Organisation));
        assert!(!p.can_write("a"));
    }

    #[test]
    fn region_records_are_shared_within_the_region_only() {
        let p = member("enschede", Role::Reader, am(14));
        assert!(p.can_read("hengelo", am(14), Visibility::Region));
        assert!(!p.can_read("hengelo", am(14), Visibility::Organisation));
        assert!(!p.can_read("utrecht", am(20), Visibility::Region));
        assert!(!p.can_read("zonder-regio", None, Visibility::Region));
        assert!(p.can_read("enschede", am(14), Visibility::Organisation));
    }

    #[test]
    fn writing_needs_redacteur_in_the_owner() {
        assert!(!member("a", Role::Reader, None).can_write("a"));
        assert!(member("a", Role::Editor, None).can_write("a"));
        assert!(!member("a", Role::Editor, None).can_write("b"));
        assert!(member("a", Role::Admin, None).is_admin_of("a"));
        assert!(!member("a", Role::Editor, None).is_admin_of("a"));
    }

    #[test]
    fn only_an_installation_beheerder_places_an_organisation_in_another_region() {
        let b = member("a", Role::Admin, am(14));
        assert!(b.may_place_in(am(14)));
        assert!(b.may_place_in(None));
        assert!(!b.may_place_in(am(5)));
        assert!(!member("a", Role::Editor, am(14)).may_place_in(am(14)));
        let installation = Principal {
            installation_admin: true,
            ..Principal::anonymous()
        };
        assert!(installation.may_place_in(am(5)));
    }

    #[test]
    fn names_round_trip() {
        for r in Role::ALL {
            assert_eq!(Role::parse(r.as_str()), Some(r));
        }
        for v in Visibility::ALL {
            assert_eq!(Visibility::parse(v.as_str()), Some(v));
        }
        for k in OrganisationKind::ALL {
            assert_eq!(OrganisationKind::parse(k.as_str()), Some(k));
        }
        assert_eq!(Role::parse("koning"), None);
        assert!(valid_organisation_id("gemeente-enschede"));
        assert!(!valid_organisation_id("Gemeente Enschede"));
        assert!(!valid_organisation_id("-x"));
    }
}
