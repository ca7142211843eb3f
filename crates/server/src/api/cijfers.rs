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

/// Een tabel waar de cijfers vandaan komen.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct BronRef {
    /// Id van de tabel in Samenhang.
    #[schema(example = "03759ned")]
    pub id: String,
    /// Tabel-id van het CBS.
    #[schema(example = "03759ned")]
    pub tabel: String,
    /// Titel.
    #[schema(example = "Bevolking op 1 januari en gemiddeld; geslacht, leeftijd en regio")]
    pub titel: String,
}

/// De bron en licentie van de cijfers in een antwoord.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Bronvermelding {
    /// De regel om bij de cijfers te tonen.
    #[schema(example = "Bron: CBS, tabel 03759ned (CC BY 4.0)")]
    pub tekst: String,
    /// Licentie.
    #[schema(example = "https://creativecommons.org/licenses/by/4.0/")]
    pub licentie: String,
    /// De tabellen.
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

/// Een dataset.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Bron {
    /// Id in Samenhang.
    #[schema(example = "03759ned")]
    pub id: String,
    /// Tabel-id van het CBS.
    #[schema(example = "03759ned")]
    pub tabel: String,
    /// Titel.
    pub titel: String,
    /// Samenvatting van het CBS.
    pub omschrijving: String,
    /// Wanneer het CBS de tabel het laatst wijzigde, zoals het CBS dat opgeeft.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gewijzigd: Option<String>,
    /// Licentie.
    pub licentie: String,
    /// Het formaat waaruit de tabel is gelezen.
    #[schema(example = "odata-v4")]
    pub formaat: String,
    /// Versie: SHA-256 van de bestanden waaruit de tabel is gelezen.
    pub versie: String,
    /// Wanneer de tabel is geladen.
    pub geladen: DateTime<Utc>,
    /// Aantal waarnemingen.
    pub aantal_waarnemingen: u64,
    /// Aantal onderwerpen (maten).
    pub aantal_maatstaven: u64,
    /// Bronvermelding.
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

/// Een maatstaf.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Maatstaf {
    /// Dataset id.
    #[schema(example = "03759ned")]
    pub bron: String,
    /// Code binnen de tabel.
    #[schema(example = "M000352")]
    pub code: String,
    /// Titel.
    #[schema(example = "Bevolking op 1 januari")]
    pub titel: String,
    /// Eenheid.
    #[schema(example = "aantal")]
    pub eenheid: String,
    /// Decimals CBS publishes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub decimalen: Option<u8>,
    /// De definitie van CBS.
    pub omschrijving: String,
    /// De groep van maatstaven waartoe hij hoort (zie `groepen` van de bron).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub groep: Option<String>,
}

/// Een groep in de indeling van CBS van codes of maatstaven.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Groep {
    /// De dimensie die het groepeert ("Maatstaven" voor groepen van maatstaven).
    #[schema(example = "Maatstaven")]
    pub dimensie: String,
    /// Group id.
    pub id: String,
    /// Parent group.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ouder: Option<String>,
    /// Titel.
    pub titel: String,
    /// Omschrijving.
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

/// Soort formule.
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

/// Welke kant beter is.
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

/// Een indicator.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct IndicatorDto {
    /// Identifier.
    #[schema(example = "inwoners")]
    pub id: String,
    /// Naam.
    #[schema(example = "Inwoners op 1 januari")]
    pub naam: String,
    /// Definition.
    pub omschrijving: String,
    /// Eenheid.
    #[schema(example = "aantal")]
    pub eenheid: String,
    /// Soort formule.
    pub soort: IndicatorSoort,
    /// Formule: teller (maatstaven als `bron:maatstaf[Dimensie=Code]`, `|` = de eerste die er is, `+` = som).
    pub teller: String,
    /// Noemer, voor een verhouding.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub noemer: Option<String>,
    /// Gewicht, voor een gewogen gemiddelde.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gewicht: Option<String>,
    /// Factor.
    pub factor: f64,
    /// Hoe de cijfers van gemeenten optellen tot grotere gebieden.
    pub aggregatie: Aggregatie,
    /// Welke kant beter is.
    pub richting: Richting,
    /// Het gekoppelde begrip in het begrippenkader.
    #[schema(example = "bevolking")]
    pub begrip: String,
    /// Het thema waartoe het hoort.
    pub thema: Thema,
    /// Jaren met waarden.
    pub jaren: Vec<i32>,
    /// Jaren waarin gemeenten waarden hebben; leeg als de indicator alleen bestaat voor
    /// Nederland of grotere gebieden.
    pub jaren_gemeenten: Vec<i32>,
    /// Of de indicator alleen voor Nederland of grotere gebieden bestaat, niet per gemeente.
    pub alleen_landelijk: bool,
    /// De tabellen die de indicator leest.
    pub bronnen: Vec<String>,
    /// Bij een eigen indicator (eigen cijfers): de organisatie die hem vastlegt, wie hem mag zien
    /// en waar de cijfers vandaan komen; leeg bij CBS-indicatoren.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub eigen: Option<EigenHerkomst>,
    /// Links.
    #[serde(rename = "_links")]
    pub links: IndicatorLinks,
}

/// Wie een eigen indicator vastlegt en wie hem mag zien.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct EigenHerkomst {
    /// De organisatie.
    pub organisatie: crate::api::analyses::OrganisatieRef,
    /// Wie de indicator en zijn cijfers mag zien: openbaar, regio of organisatie.
    #[schema(example = "regio")]
    pub zichtbaarheid: String,
    /// Waar de cijfers vandaan komen, in de woorden van de organisatie.
    pub bron: String,
    /// Het record van de indicator (`/api/v1/eigen-indicatoren/{id}`); de cijfers staan onder
    /// `…/cijfers`.
    pub definitie: Link,
}

/// Het thema van een indicator.
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

/// Links van een indicator.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct IndicatorLinks {
    /// Deze resource.
    #[serde(rename = "self")]
    pub self_: Link,
    /// De waarden.
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

/// Waar een waarde vandaan komt.
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

/// Korte verwijzing naar een indicator.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct IndicatorRef {
    /// Identifier.
    #[schema(example = "inwoners")]
    pub id: String,
    /// Naam.
    #[schema(example = "Inwoners op 1 januari")]
    pub naam: String,
    /// Eenheid.
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

/// Eén waarde.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Waarde {
    /// Het gebied.
    pub gebied: GebiedRef,
    /// Jaar.
    #[schema(example = 2024)]
    pub jaar: i32,
    /// De waarde.
    #[schema(example = 161738.0)]
    pub waarde: f64,
    /// Waar het vandaan komt.
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

/// Normalisatie in de API.
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
