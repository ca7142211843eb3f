// SPDX-License-Identifier: EUPL-1.2
//! The API's resource representations: Dutch lowerCamelCase properties, every code with its name.

use chrono::NaiveDate;
use serde::Serialize;
use utoipa::ToSchema;

/// Een link.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Link {
    /// Pad van de gekoppelde resource.
    #[schema(example = "/api/v1/gebieden/GM0153")]
    pub href: String,
}

impl Link {
    /// A link to `href`.
    pub fn to(href: impl Into<String>) -> Self {
        Link { href: href.into() }
    }
}

/// Links van één resource.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SelfLinks {
    /// Deze resource.
    #[serde(rename = "self")]
    pub self_: Link,
}

/// Links van een pagina met resultaten.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PageLinks {
    /// Deze pagina.
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

/// Paginering van een lijst.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Paginering {
    /// Aantal items over alle pagina's.
    #[schema(example = 342)]
    pub totaal: u64,
    /// Deze pagina (vanaf 1).
    #[schema(example = 1)]
    pub pagina: u32,
    /// Items per page.
    #[schema(example = 20)]
    pub pagina_grootte: u32,
    /// Aantal pagina's.
    #[schema(example = 18)]
    pub aantal_paginas: u64,
}

/// Een verwijzing naar een gebied: de code met de naam.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct GebiedRef {
    /// CBS code.
    #[schema(example = "GM0153")]
    pub code: String,
    /// Naam.
    #[schema(example = "Enschede")]
    pub naam: String,
}

/// De soort gebied.
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

/// Wat elke weergave van een gebied heeft.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct GebiedKern {
    /// CBS code.
    #[schema(example = "GM0153")]
    pub code: String,
    /// Naam (in een lijst met `jaar`: de naam in dat jaar; anders de meest recente naam).
    #[schema(example = "Enschede")]
    pub naam: String,
    /// Soort gebied.
    pub soort: Soort,
    /// Eerste dag dat het gebied bestond; leeg als het al bestond voor de gegevens beginnen.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub geldig_vanaf: Option<NaiveDate>,
    /// Eerste dag dat het gebied niet meer bestond; leeg als het nog bestaat.
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

/// Een gebied in een lijst.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Gebied {
    /// Code, naam, soort en geldigheid.
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

/// Een pagina gebieden.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct GebiedenLijst {
    /// De gebieden op deze pagina.
    pub gebieden: Vec<Gebied>,
    /// Paging.
    pub paginering: Paginering,
    /// Links naar deze en de aangrenzende pagina's.
    #[serde(rename = "_links")]
    pub links: PageLinks,
}

/// Waar een gemeente in één jaar bij hoorde.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Lidmaatschap {
    /// Jaar van de indeling (stand op 1 januari).
    #[schema(example = 2026)]
    pub jaar: i32,
    /// De naam van de gemeente in dat jaar.
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

/// De gemeenten van een groter gebied in één jaar.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Leden {
    /// Classification year.
    #[schema(example = 2026)]
    pub jaar: i32,
    /// Aantal gemeenten.
    #[schema(example = 14)]
    pub aantal: usize,
    /// De gemeenten.
    pub gemeenten: Vec<GebiedRef>,
}

/// Een voorganger of opvolger van een gemeente door een herindeling.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Verwant {
    /// De andere gemeente.
    pub gemeente: GebiedRef,
    /// Datum van de wijziging.
    pub datum: NaiveDate,
    /// Soort wijziging.
    pub soort: HerindelingSoort,
    /// Id van de herindeling.
    #[schema(example = "2022-03-24-samenvoeging-GM0363")]
    pub herindeling: String,
}

/// Eén gebied met zijn indelingen en zijn plaats in de herindelingen.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct GebiedDetail {
    /// Code, meest recente naam, soort en geldigheid.
    #[serde(flatten)]
    pub kern: GebiedKern,
    /// Voor een gemeente: waar zij bij hoorde, per jaar.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub lidmaatschappen: Vec<Lidmaatschap>,
    /// Bij een groter gebied: de gemeenten erin in het gevraagde jaar.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub leden: Option<Leden>,
    /// Gemeenten die (deels) in deze zijn opgegaan.
    pub voorgangers: Vec<Verwant>,
    /// Gemeenten waarin deze (deels) is opgegaan.
    pub opvolgers: Vec<Verwant>,
    /// Links.
    #[serde(rename = "_links")]
    pub links: GebiedDetailLinks,
}

/// Links van een gebied.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct GebiedDetailLinks {
    /// Deze resource.
    #[serde(rename = "self")]
    pub self_: Link,
    /// De herindelingen waarbij deze gemeente betrokken is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub herindelingen: Option<Link>,
    /// Waar deze gemeente in is opgegaan.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub opvolgers: Option<Link>,
}

/// Een opvolger met zijn aandeel.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Opvolger {
    /// De opvolgende gemeente.
    pub gemeente: GebiedRef,
    /// Aandeel (0–1] van de inwoners van de oorspronkelijke gemeente dat erin opging.
    #[schema(example = 1.0)]
    pub aandeel: f64,
}

/// Waar een gemeente van één jaar ligt in de indeling van een later jaar.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Opvolging {
    /// De oorspronkelijke gemeente.
    pub gemeente: GebiedRef,
    /// Jaar van de oorspronkelijke indeling.
    #[schema(example = 2018)]
    pub van_jaar: i32,
    /// Jaar van de nieuwe indeling.
    #[schema(example = 2026)]
    pub naar_jaar: i32,
    /// De opvolgers in `naarJaar`; de aandelen tellen op tot 1.
    pub opvolgers: Vec<Opvolger>,
}

/// De soort herindeling.
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

/// Grondgebied dat overging.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Overgang {
    /// Van.
    pub van: GebiedRef,
    /// Naar (gelijk aan `van` voor het eigen grondgebied van een gemeente die blijft bestaan).
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

/// Een herindeling.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Herindeling {
    /// Identifier.
    #[schema(example = "2022-03-24-samenvoeging-GM0363")]
    pub id: String,
    /// Datum waarop de wijziging inging.
    pub datum: NaiveDate,
    /// Soort wijziging.
    pub soort: HerindelingSoort,
    /// Gemeenten abolished.
    pub opgeheven: Vec<GebiedRef>,
    /// Gemeenten created.
    pub nieuw: Vec<GebiedRef>,
    /// All gemeenten involved.
    pub betrokken: Vec<GebiedRef>,
    /// Grondgebied dat overging.
    pub overgangen: Vec<Overgang>,
    /// Opmerking, bijvoorbeeld de provinciewijziging.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub toelichting: Option<String>,
    /// Links.
    #[serde(rename = "_links")]
    pub links: SelfLinks,
}

/// Een pagina herindelingen.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct HerindelingenLijst {
    /// De herindelingen op deze pagina.
    pub herindelingen: Vec<Herindeling>,
    /// Paging.
    pub paginering: Paginering,
    /// Links naar deze en de aangrenzende pagina's.
    #[serde(rename = "_links")]
    pub links: PageLinks,
}

/// De formaten van een export van een begrippenkader (uitleg bij de parameter `formaat`).
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

/// De normalisaties van een index (uitleg bij de parameter `normalisatie`).
#[derive(Debug, Clone, Copy, Serialize, ToSchema)]
#[serde(rename_all = "lowercase")]
#[allow(dead_code)]
pub enum NormalisatieKeuze {
    /// 0–10, 10 is best.
    Minmax,
    /// z-scores.
    Z,
}

/// De statussen van een begrip (uitleg bij de parameter `status`).
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
