// SPDX-License-Identifier: EUPL-1.2
//! Representations of the statistics resources (bronnen, maatstaven, indicatoren, indices) and
//! what their handlers share: the source line that goes with every figure.

use chrono::{DateTime, Utc};
use samenhang_domain::codes::RegionCode;
use samenhang_stats::definition::{Aggregation, Direction, Kind, Normalisation};
use samenhang_stats::{Indicator, Origin, Snapshot};
use samenhang_store::StoredDataset;
use serde::Serialize;
use utoipa::ToSchema;

use super::model::{GebiedRef, Link, SelfLinks};

/// A table the figures come from.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct BronRef {
    /// Id of the dataset in Samenhang.
    #[schema(example = "03759ned")]
    pub id: String,
    /// CBS table id.
    #[schema(example = "03759ned")]
    pub tabel: String,
    /// Title.
    #[schema(example = "Bevolking op 1 januari en gemiddeld; geslacht, leeftijd en regio")]
    pub titel: String,
}

/// The source and licence of the figures in a response.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Bronvermelding {
    /// The line to show with the figures.
    #[schema(example = "Bron: CBS, tabel 03759ned (CC BY 4.0)")]
    pub tekst: String,
    /// Licence.
    #[schema(example = "https://creativecommons.org/licenses/by/4.0/")]
    pub licentie: String,
    /// The tables.
    pub tabellen: Vec<BronRef>,
}

/// The source line for a set of datasets.
pub(crate) async fn bronvermelding(
    app: &samenhang_app::App,
    datasets: &[String],
) -> Result<Bronvermelding, samenhang_app::AppError> {
    Ok(Bronvermelding::from(
        samenhang_app::figures::source(app, datasets).await?,
    ))
}

/// The source line of an indicator (its CBS tables, or the organisation of an own indicator).
pub(crate) async fn bronvermelding_van(
    app: &samenhang_app::App,
    indicator: &Indicator,
) -> Result<Bronvermelding, samenhang_app::AppError> {
    Ok(Bronvermelding::from(
        samenhang_app::figures::source_of(app, indicator).await?,
    ))
}

impl From<samenhang_app::figures::Source> for Bronvermelding {
    fn from(s: samenhang_app::figures::Source) -> Self {
        Bronvermelding {
            tekst: s.text,
            licentie: s.licence,
            tabellen: s
                .tables
                .into_iter()
                .map(|t| BronRef {
                    id: t.id,
                    tabel: t.table,
                    titel: t.title,
                })
                .collect(),
        }
    }
}

/// A dataset.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Bron {
    /// Id in Samenhang.
    #[schema(example = "03759ned")]
    pub id: String,
    /// CBS table id.
    #[schema(example = "03759ned")]
    pub tabel: String,
    /// Title.
    pub titel: String,
    /// CBS summary.
    pub omschrijving: String,
    /// When CBS last changed the table, as CBS gives it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gewijzigd: Option<String>,
    /// Licence.
    pub licentie: String,
    /// Format it was read from.
    #[schema(example = "odata-v4")]
    pub formaat: String,
    /// Version: SHA-256 of the files it was read from.
    pub versie: String,
    /// When it was loaded.
    pub geladen: DateTime<Utc>,
    /// Number of observations.
    pub aantal_waarnemingen: u64,
    /// Number of measures.
    pub aantal_maatstaven: u64,
    /// Source line.
    #[schema(example = "Bron: CBS, tabel 03759ned (CC BY 4.0)")]
    pub bronvermelding: String,
    /// Links.
    #[serde(rename = "_links")]
    pub links: SelfLinks,
}

impl From<StoredDataset> for Bron {
    fn from(d: StoredDataset) -> Self {
        Bron {
            links: SelfLinks {
                self_: Link::to(format!("/api/v1/bronnen/{}", d.dataset.id)),
            },
            bronvermelding: format!("Bron: CBS, tabel {} (CC BY 4.0)", d.dataset.table),
            id: d.dataset.id,
            tabel: d.dataset.table,
            titel: d.dataset.title,
            omschrijving: d.dataset.description,
            gewijzigd: d.dataset.modified,
            licentie: d.dataset.licence,
            formaat: d.dataset.format,
            versie: d.content_hash,
            geladen: d.loaded_at,
            aantal_waarnemingen: d.observations,
            aantal_maatstaven: d.measures,
        }
    }
}

/// A measure.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Maatstaf {
    /// Dataset id.
    #[schema(example = "03759ned")]
    pub bron: String,
    /// Code within the dataset.
    #[schema(example = "M000352")]
    pub code: String,
    /// Title.
    #[schema(example = "Bevolking op 1 januari")]
    pub titel: String,
    /// Unit.
    #[schema(example = "aantal")]
    pub eenheid: String,
    /// Decimals CBS publishes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub decimalen: Option<u8>,
    /// The CBS definition.
    pub omschrijving: String,
    /// The measure group it belongs to (see `groepen` of its bron).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub groep: Option<String>,
}

/// A group in CBS's hierarchy of codes or measures.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Groep {
    /// The dimension it groups ("Maatstaven" for measure groups).
    #[schema(example = "Maatstaven")]
    pub dimensie: String,
    /// Group id.
    pub id: String,
    /// Parent group.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ouder: Option<String>,
    /// Title.
    pub titel: String,
    /// Description.
    pub omschrijving: String,
}

impl From<samenhang_domain::CodeGroup> for Groep {
    fn from(g: samenhang_domain::CodeGroup) -> Self {
        Groep {
            dimensie: g.dimension,
            id: g.id,
            ouder: g.parent,
            titel: g.title,
            omschrijving: g.description,
        }
    }
}

impl From<samenhang_store::StoredMeasure> for Maatstaf {
    fn from(m: samenhang_store::StoredMeasure) -> Self {
        Maatstaf {
            bron: m.dataset,
            code: m.measure.code,
            titel: m.measure.title,
            eenheid: m.measure.unit,
            decimalen: m.measure.decimals,
            omschrijving: m.measure.description,
            groep: m.measure.group,
        }
    }
}

/// Kind of formula.
#[derive(Debug, Clone, Copy, Serialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum IndicatorSoort {
    /// A measure times a factor.
    Maatstaf,
    /// Numerator / denominator × factor.
    Verhouding,
    /// A mean.
    Gemiddelde,
}

/// Aggregation rule.
#[derive(Debug, Clone, Copy, Serialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Aggregatie {
    /// Sum of the gemeenten.
    Som,
    /// Sum numerator and denominator, then divide.
    Verhouding,
    /// Weighted mean.
    Gewogen,
    /// Only published values.
    Geen,
}

/// Which way is better.
#[derive(Debug, Clone, Copy, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub enum Richting {
    /// Higher is better.
    HogerIsBeter,
    /// Lower is better.
    LagerIsBeter,
    /// Neither.
    Neutraal,
}

/// An indicator.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct IndicatorDto {
    /// Identifier.
    #[schema(example = "inwoners")]
    pub id: String,
    /// Name.
    #[schema(example = "Inwoners op 1 januari")]
    pub naam: String,
    /// Definition.
    pub omschrijving: String,
    /// Unit.
    #[schema(example = "aantal")]
    pub eenheid: String,
    /// Kind of formula.
    pub soort: IndicatorSoort,
    /// Formula: numerator (measures as `bron:maatstaf[Dimensie=Code]`, `|` = first available, `+` = sum).
    pub teller: String,
    /// Denominator, for a ratio.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub noemer: Option<String>,
    /// Weight, for a weighted mean.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gewicht: Option<String>,
    /// Factor.
    pub factor: f64,
    /// Aggregation rule from gemeenten to larger regions.
    pub aggregatie: Aggregatie,
    /// Which way is better.
    pub richting: Richting,
    /// The linked concept in the begrippenkader.
    #[schema(example = "bevolking")]
    pub begrip: String,
    /// The theme it belongs to.
    pub thema: Thema,
    /// Years with values.
    pub jaren: Vec<i32>,
    /// Years in which gemeenten have values; empty when the indicator exists only for
    /// Nederland or larger regions.
    pub jaren_gemeenten: Vec<i32>,
    /// Whether the indicator exists only for Nederland or larger regions, not per gemeente.
    pub alleen_landelijk: bool,
    /// Datasets the indicator reads.
    pub bronnen: Vec<String>,
    /// For an own indicator (eigen cijfers): the organisation that defines it, who may see it
    /// and where its figures come from; absent for CBS indicators.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub eigen: Option<EigenHerkomst>,
    /// Links.
    #[serde(rename = "_links")]
    pub links: IndicatorLinks,
}

/// Who defines an own indicator and who may see it.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct EigenHerkomst {
    /// The organisation.
    pub organisatie: crate::api::analyses::OrganisatieRef,
    /// Who may see the indicator and its figures: openbaar, regio of organisatie.
    #[schema(example = "regio")]
    pub zichtbaarheid: String,
    /// Where the figures come from, in the organisation's words.
    pub bron: String,
    /// The record of the indicator (`/api/v1/eigen-indicatoren/{id}`); its figures are at
    /// `…/cijfers`.
    pub definitie: Link,
}

/// The theme of an indicator.
#[derive(Debug, Clone, Copy, Serialize, ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Thema {
    /// Werk, beroepsbevolking, banen en re-integratie.
    Arbeid,
    /// Inkomen, uitkeringen en de Participatiewet.
    InkomenEnUitkeringen,
    /// Bedrijven en vestigingen.
    EconomieEnBedrijven,
    /// Bevolking en huishoudens.
    Bevolking,
    /// Wonen en leefomgeving.
    Wonen,
    /// Onderwijs en opleiding.
    Onderwijs,
}

impl From<samenhang_stats::Theme> for Thema {
    fn from(t: samenhang_stats::Theme) -> Self {
        use samenhang_stats::Theme;
        match t {
            Theme::Arbeid => Thema::Arbeid,
            Theme::InkomenEnUitkeringen => Thema::InkomenEnUitkeringen,
            Theme::EconomieEnBedrijven => Thema::EconomieEnBedrijven,
            Theme::Bevolking => Thema::Bevolking,
            Theme::Wonen => Thema::Wonen,
            Theme::Onderwijs => Thema::Onderwijs,
        }
    }
}

/// Links of an indicator.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct IndicatorLinks {
    /// This resource.
    #[serde(rename = "self")]
    pub self_: Link,
    /// Its values.
    pub waarden: Link,
}

fn expression(e: &samenhang_stats::definition::Expression) -> String {
    e.terms
        .iter()
        .map(|alts| alts.iter().map(ToString::to_string).collect::<Vec<_>>().join(" | "))
        .collect::<Vec<_>>()
        .join(" + ")
}

impl IndicatorDto {
    pub(crate) fn new(series: &samenhang_stats::Series, snap: &Snapshot) -> Self {
        let ind = &series.indicator;
        let jaren_gemeenten = snap.municipal_years(series);
        IndicatorDto {
            id: ind.id.clone(),
            naam: ind.name.clone(),
            omschrijving: ind.description.clone(),
            eenheid: ind.unit.clone(),
            soort: match ind.kind {
                Kind::Maatstaf => IndicatorSoort::Maatstaf,
                Kind::Verhouding => IndicatorSoort::Verhouding,
                Kind::Gemiddelde => IndicatorSoort::Gemiddelde,
            },
            teller: expression(&ind.numerator),
            noemer: ind.denominator.as_ref().map(expression),
            gewicht: ind.weight.as_ref().map(expression),
            factor: ind.factor,
            aggregatie: match ind.aggregation {
                Aggregation::Som => Aggregatie::Som,
                Aggregation::Verhouding => Aggregatie::Verhouding,
                Aggregation::Gewogen => Aggregatie::Gewogen,
                Aggregation::Geen => Aggregatie::Geen,
            },
            richting: richting(ind.direction),
            begrip: ind.concept.clone(),
            thema: Thema::from(ind.theme),
            jaren: series.years().to_vec(),
            alleen_landelijk: jaren_gemeenten.is_empty(),
            jaren_gemeenten,
            bronnen: ind.datasets(),
            eigen: ind.owner.as_ref().map(|o| EigenHerkomst {
                organisatie: crate::api::analyses::OrganisatieRef {
                    id: o.organisation.clone(),
                    naam: o.name.clone(),
                },
                zichtbaarheid: o.visibility.as_str().to_string(),
                bron: o.source.clone(),
                definitie: Link::to(format!(
                    "/api/v1/eigen-indicatoren/{}",
                    ind.id.strip_prefix("eigen-").unwrap_or(&ind.id)
                )),
            }),
            links: IndicatorLinks {
                self_: Link::to(format!("/api/v1/indicatoren/{}", ind.id)),
                waarden: Link::to(format!("/api/v1/indicatoren/{}/waarden", ind.id)),
            },
        }
    }
}

pub(crate) fn richting(d: Direction) -> Richting {
    match d {
        Direction::HogerIsBeter => Richting::HogerIsBeter,
        Direction::LagerIsBeter => Richting::LagerIsBeter,
        Direction::Neutraal => Richting::Neutraal,
    }
}

/// Where a value comes from.
#[derive(Debug, Clone, Copy, Serialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Herkomst {
    /// Published by CBS (or computed from published measures of this region).
    Gepubliceerd,
    /// Summed by Samenhang from the region's gemeenten in that year.
    Geaggregeerd,
    /// Put on another year's boundaries through the herindelingen.
    Geharmoniseerd,
}

impl From<Origin> for Herkomst {
    fn from(o: Origin) -> Self {
        match o {
            Origin::Published => Herkomst::Gepubliceerd,
            Origin::Aggregated => Herkomst::Geaggregeerd,
            Origin::Harmonised => Herkomst::Geharmoniseerd,
        }
    }
}

/// Short reference to an indicator.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct IndicatorRef {
    /// Identifier.
    #[schema(example = "inwoners")]
    pub id: String,
    /// Name.
    #[schema(example = "Inwoners op 1 januari")]
    pub naam: String,
    /// Unit.
    #[schema(example = "aantal")]
    pub eenheid: String,
}

impl From<&Indicator> for IndicatorRef {
    fn from(i: &Indicator) -> Self {
        IndicatorRef {
            id: i.id.clone(),
            naam: i.name.clone(),
            eenheid: i.unit.clone(),
        }
    }
}

/// One value.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Waarde {
    /// The region.
    pub gebied: GebiedRef,
    /// Year.
    #[schema(example = 2024)]
    pub jaar: i32,
    /// The value.
    #[schema(example = 161738.0)]
    pub waarde: f64,
    /// Where it comes from.
    pub herkomst: Herkomst,
}

/// The code with its most recent name, from the snapshot.
pub(crate) fn region_ref(snap: &Snapshot, code: RegionCode) -> GebiedRef {
    GebiedRef {
        code: code.to_string(),
        naam: snap
            .regions
            .position(code)
            .map_or_else(|| code.to_string(), |i| snap.regions.name(i).to_string()),
    }
}

/// Normalisation in the API.
#[derive(Debug, Clone, Copy, Serialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Normalisatie {
    /// Min-max to 0–10.
    Minmax,
    /// z-scores.
    Z,
}

impl From<Normalisation> for Normalisatie {
    fn from(n: Normalisation) -> Self {
        match n {
            Normalisation::Minmax => Normalisatie::Minmax,
            Normalisation::Z => Normalisatie::Z,
        }
    }
}
