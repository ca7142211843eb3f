// SPDX-License-Identifier: EUPL-1.2
//! The API's resource representations: Dutch lowerCamelCase properties, every code with its name.

use chrono::NaiveDate;
use serde::Serialize;
use utoipa::ToSchema;

/// A link.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Link {
    /// Path of the linked resource.
    #[schema(example = "/api/v1/gebieden/GM0153")]
    pub href: String,
}

impl Link {
    /// A link to `href`.
    pub fn to(href: impl Into<String>) -> Self {
        Link { href: href.into() }
    }
}

/// Links of a single resource.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SelfLinks {
    /// This resource.
    #[serde(rename = "self")]
    pub self_: Link,
}

/// Links of a page of results.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PageLinks {
    /// This page.
    #[serde(rename = "self")]
    pub self_: Link,
    /// First page.
    pub first: Link,
    /// Previous page, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub prev: Option<Link>,
    /// Next page, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next: Option<Link>,
    /// Last page.
    pub last: Link,
}

/// Paging information of a list.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Paginering {
    /// Number of items over all pages.
    #[schema(example = 342)]
    pub totaal: u64,
    /// This page (from 1).
    #[schema(example = 1)]
    pub pagina: u32,
    /// Items per page.
    #[schema(example = 20)]
    pub pagina_grootte: u32,
    /// Number of pages.
    #[schema(example = 18)]
    pub aantal_paginas: u64,
}

/// A reference to a region: its code with its name.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct GebiedRef {
    /// CBS code.
    #[schema(example = "GM0153")]
    pub code: String,
    /// Name.
    #[schema(example = "Enschede")]
    pub naam: String,
}

/// The kind of a region.
#[derive(Debug, Clone, Copy, Serialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Soort {
    /// Nederland.
    Land,
    /// Landsdeel.
    Landsdeel,
    /// Provincie.
    Provincie,
    /// COROP-gebied.
    Corop,
    /// Arbeidsmarktregio.
    Arbeidsmarktregio,
    /// Gemeente.
    Gemeente,
}

impl From<samenhang_domain::RegionKind> for Soort {
    fn from(k: samenhang_domain::RegionKind) -> Self {
        use samenhang_domain::RegionKind as K;
        match k {
            K::Land => Soort::Land,
            K::Landsdeel => Soort::Landsdeel,
            K::Provincie => Soort::Provincie,
            K::Corop => Soort::Corop,
            K::Arbeidsmarktregio => Soort::Arbeidsmarktregio,
            K::Gemeente => Soort::Gemeente,
        }
    }
}

/// What every representation of a region has.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct GebiedKern {
    /// CBS code.
    #[schema(example = "GM0153")]
    pub code: String,
    /// Name (in a list with `jaar`: the name in that year; otherwise the most recent name).
    #[schema(example = "Enschede")]
    pub naam: String,
    /// Kind of region.
    pub soort: Soort,
    /// First day the region existed; absent when it existed before the data starts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub geldig_vanaf: Option<NaiveDate>,
    /// First day the region no longer existed; absent when it still exists.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub geldig_tot: Option<NaiveDate>,
}

impl From<&samenhang_domain::Region> for GebiedKern {
    fn from(r: &samenhang_domain::Region) -> Self {
        GebiedKern {
            code: r.code.to_string(),
            naam: r.name.clone(),
            soort: r.kind().into(),
            geldig_vanaf: r.valid_from,
            geldig_tot: r.valid_until,
        }
    }
}

/// A region in a list.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Gebied {
    /// Code, name, kind and validity.
    #[serde(flatten)]
    pub kern: GebiedKern,
    /// Links.
    #[serde(rename = "_links")]
    pub links: SelfLinks,
}

impl From<&samenhang_domain::Region> for Gebied {
    fn from(r: &samenhang_domain::Region) -> Self {
        Gebied {
            kern: r.into(),
            links: SelfLinks {
                self_: Link::to(format!("/api/v1/gebieden/{}", r.code)),
            },
        }
    }
}

/// A page of regions.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct GebiedenLijst {
    /// The regions on this page.
    pub gebieden: Vec<Gebied>,
    /// Paging.
    pub paginering: Paginering,
    /// Links to this and the neighbouring pages.
    #[serde(rename = "_links")]
    pub links: PageLinks,
}

/// Where a gemeente belonged in one year.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Lidmaatschap {
    /// Classification year (situation on 1 January).
    #[schema(example = 2026)]
    pub jaar: i32,
    /// The gemeente's name in that year.
    #[schema(example = "Enschede")]
    pub naam: String,
    /// Arbeidsmarktregio; absent before 2014.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub arbeidsmarktregio: Option<GebiedRef>,
    /// COROP region.
    pub corop: GebiedRef,
    /// Provincie.
    pub provincie: GebiedRef,
}

/// The gemeenten of a larger region in one year.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Leden {
    /// Classification year.
    #[schema(example = 2026)]
    pub jaar: i32,
    /// Number of gemeenten.
    #[schema(example = 14)]
    pub aantal: usize,
    /// The gemeenten.
    pub gemeenten: Vec<GebiedRef>,
}

/// A predecessor or successor of a gemeente through a herindeling.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Verwant {
    /// The other gemeente.
    pub gemeente: GebiedRef,
    /// Date of the change.
    pub datum: NaiveDate,
    /// Kind of change.
    pub soort: HerindelingSoort,
    /// Id of the herindeling.
    #[schema(example = "2022-03-24-samenvoeging-GM0363")]
    pub herindeling: String,
}

/// One region with its memberships and its place in the herindelingen.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct GebiedDetail {
    /// Code, most recent name, kind and validity.
    #[serde(flatten)]
    pub kern: GebiedKern,
    /// For a gemeente: where it belonged, per year.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub lidmaatschappen: Vec<Lidmaatschap>,
    /// For a larger region: its gemeenten in the requested year.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub leden: Option<Leden>,
    /// Gemeenten that went (partly) into this one.
    pub voorgangers: Vec<Verwant>,
    /// Gemeenten this one went (partly) into.
    pub opvolgers: Vec<Verwant>,
    /// Links.
    #[serde(rename = "_links")]
    pub links: GebiedDetailLinks,
}

/// Links of a region.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct GebiedDetailLinks {
    /// This resource.
    #[serde(rename = "self")]
    pub self_: Link,
    /// The herindelingen involving this gemeente.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub herindelingen: Option<Link>,
    /// The successor mapping of this gemeente.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub opvolgers: Option<Link>,
}

/// A successor with its share.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Opvolger {
    /// The successor gemeente.
    pub gemeente: GebiedRef,
    /// Share (0–1] of the inhabitants of the original gemeente that went into it.
    #[schema(example = 1.0)]
    pub aandeel: f64,
}

/// Where a gemeente of one year lies in a later year's classification.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Opvolging {
    /// The original gemeente.
    pub gemeente: GebiedRef,
    /// Year of the original classification.
    #[schema(example = 2018)]
    pub van_jaar: i32,
    /// Year of the target classification.
    #[schema(example = 2026)]
    pub naar_jaar: i32,
    /// Its successors in `naarJaar`; the shares add up to 1.
    pub opvolgers: Vec<Opvolger>,
}

/// The kind of a herindeling.
#[derive(Debug, Clone, Copy, Serialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum HerindelingSoort {
    /// Gemeenten are abolished and go whole into one gemeente.
    Samenvoeging,
    /// A gemeente is abolished and divided over several.
    Splitsing,
    /// Territory moves between continuing gemeenten.
    Grenswijziging,
    /// A gemeente continues under a new name and code.
    Naamswijziging,
    /// A gemeente moves to another provincie.
    Provinciewijziging,
}

impl From<samenhang_domain::ReorganisationKind> for HerindelingSoort {
    fn from(k: samenhang_domain::ReorganisationKind) -> Self {
        use samenhang_domain::ReorganisationKind as K;
        match k {
            K::Samenvoeging => HerindelingSoort::Samenvoeging,
            K::Splitsing => HerindelingSoort::Splitsing,
            K::Grenswijziging => HerindelingSoort::Grenswijziging,
            K::Naamswijziging => HerindelingSoort::Naamswijziging,
            K::Provinciewijziging => HerindelingSoort::Provinciewijziging,
        }
    }
}

/// Territory that moved.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Overgang {
    /// From.
    pub van: GebiedRef,
    /// To (the same as `van` for a continuing gemeente's own territory).
    pub naar: GebiedRef,
    /// Area in hectares.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hectare: Option<f64>,
    /// Dwellings.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub woningen: Option<u32>,
    /// Inhabitants.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub inwoners: Option<u32>,
}

/// A herindeling.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Herindeling {
    /// Identifier.
    #[schema(example = "2022-03-24-samenvoeging-GM0363")]
    pub id: String,
    /// Date the change took effect.
    pub datum: NaiveDate,
    /// Kind of change.
    pub soort: HerindelingSoort,
    /// Gemeenten abolished.
    pub opgeheven: Vec<GebiedRef>,
    /// Gemeenten created.
    pub nieuw: Vec<GebiedRef>,
    /// All gemeenten involved.
    pub betrokken: Vec<GebiedRef>,
    /// Territory that moved.
    pub overgangen: Vec<Overgang>,
    /// Note, e.g. the province change.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub toelichting: Option<String>,
    /// Links.
    #[serde(rename = "_links")]
    pub links: SelfLinks,
}

/// A page of herindelingen.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct HerindelingenLijst {
    /// The herindelingen on this page.
    pub herindelingen: Vec<Herindeling>,
    /// Paging.
    pub paginering: Paginering,
    /// Links to this and the neighbouring pages.
    #[serde(rename = "_links")]
    pub links: PageLinks,
}

/// The formats of a begrippenkader export (documentation of the `formaat` parameter).
#[derive(Debug, Clone, Copy, Serialize, ToSchema)]
#[serde(rename_all = "lowercase")]
#[allow(dead_code)]
pub enum ExportFormaat {
    /// Turtle.
    Turtle,
    /// JSON-LD.
    Jsonld,
    /// CSV in the NL-SBB columns.
    Csv,
}

/// The normalisations of an index (documentation of the `normalisatie` parameter).
#[derive(Debug, Clone, Copy, Serialize, ToSchema)]
#[serde(rename_all = "lowercase")]
#[allow(dead_code)]
pub enum NormalisatieKeuze {
    /// 0–10, 10 is best.
    Minmax,
    /// z-scores.
    Z,
}

/// The statuses of a concept (documentation of the `status` parameter).
#[derive(Debug, Clone, Copy, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
#[allow(dead_code)]
pub enum BegripStatus {
    /// In bewerking.
    InBewerking,
    /// Voorgesteld.
    Voorgesteld,
    /// Vastgesteld.
    Vastgesteld,
    /// Vervangen.
    Vervangen,
    /// Vervallen.
    Vervallen,
}
