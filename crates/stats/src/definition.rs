// SPDX-License-Identifier: EUPL-1.2
//! The indicator registry (`data/indicatoren.toml`): indicators as formulas over CBS measures,
//! and composite indices over indicators. Parsed from text; no I/O here.

use std::collections::{BTreeSet, HashSet};
use std::fmt;

use samenhang_domain::access::{Principal, Visibility};
use samenhang_domain::LabourMarketRegionCode;
use serde::Deserialize;

/// A slice of one measure: `dataset:measure[Dim=Code;…]`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct MeasureRef {
    /// Dataset id.
    pub dataset: String,
    /// Measure code.
    pub measure: String,
    /// Other dimensions, `Dim=Code` joined by `;`, sorted; empty for none.
    pub dimensions: String,
}

impl fmt::Display for MeasureRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.dataset, self.measure)?;
        if !self.dimensions.is_empty() {
            write!(f, "[{}]", self.dimensions)?;
        }
        Ok(())
    }
}

impl MeasureRef {
    /// Parses `dataset:measure` with an optional `[Dim=Code;…]`.
    pub fn parse(s: &str) -> Result<MeasureRef, String> {
        let s = s.trim();
        let (head, dims) = match s.split_once('[') {
            Some((h, rest)) => {
                let inner = rest
                    .strip_suffix(']')
                    .ok_or_else(|| format!("'{s}': ontbrekende ']'"))?;
                (h, inner)
            }
            None => (s, ""),
        };
        let (dataset, measure) = head
            .split_once(':')
            .ok_or_else(|| format!("'{s}': verwacht bron:maatstaf"))?;
        let (dataset, measure) = (dataset.trim(), measure.trim());
        if dataset.is_empty() || measure.is_empty() {
            return Err(format!("'{s}': bron en maatstaf mogen niet leeg zijn"));
        }
        let mut parts: Vec<String> = Vec::new();
        for part in dims.split(';').map(str::trim).filter(|p| !p.is_empty()) {
            let (d, c) = part
                .split_once('=')
                .ok_or_else(|| format!("'{s}': dimensie '{part}' moet de vorm Dimensie=Code hebben"))?;
            parts.push(format!("{}={}", d.trim(), c.trim()));
        }
        parts.sort();
        Ok(MeasureRef {
            dataset: dataset.to_string(),
            measure: measure.to_string(),
            dimensions: parts.join(";"),
        })
    }
}

/// A sum of terms, each term a list of alternatives (first with a value wins).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expression {
    /// Terms to add; each is a list of alternatives.
    pub terms: Vec<Vec<MeasureRef>>,
}

impl Expression {
    /// Parses `a | b + c`.
    pub fn parse(s: &str) -> Result<Expression, String> {
        let terms = s
            .split('+')
            .map(|term| term.split('|').map(MeasureRef::parse).collect::<Result<Vec<_>, _>>())
            .collect::<Result<Vec<_>, _>>()?;
        if terms.is_empty() || terms.iter().any(Vec::is_empty) {
            return Err(format!("'{s}': lege formule"));
        }
        Ok(Expression { terms })
    }

    /// Every measure the expression reads.
    pub fn refs(&self) -> impl Iterator<Item = &MeasureRef> {
        self.terms.iter().flatten()
    }
}

/// What kind of formula an indicator is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// `teller × factor`.
    Maatstaf,
    /// `teller / noemer × factor`.
    Verhouding,
    /// A mean (`teller`), aggregated weighted by `gewicht`.
    Gemiddelde,
}

/// How gemeenten add up to larger regions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Aggregation {
    /// Sum.
    Som,
    /// Sum numerator and denominator, then divide.
    Verhouding,
    /// Weighted mean with `gewicht`.
    Gewogen,
    /// Only values CBS publishes.
    Geen,
}

/// Which way is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Direction {
    /// Higher values are better.
    HogerIsBeter,
    /// Lower values are better.
    LagerIsBeter,
    /// Neither.
    Neutraal,
}

/// The theme an indicator belongs to, in the order the pages show them (labour market first).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Theme {
    /// Work, the labour force, jobs and re-integration.
    Arbeid,
    /// Income, benefits and the Participatiewet.
    InkomenEnUitkeringen,
    /// Companies and their establishments.
    EconomieEnBedrijven,
    /// Population and households.
    Bevolking,
    /// Housing and the living environment.
    Wonen,
    /// Education and skills.
    Onderwijs,
}

impl Theme {
    /// Every theme, in page order.
    pub const ALL: [Theme; 6] = [
        Theme::Arbeid,
        Theme::InkomenEnUitkeringen,
        Theme::EconomieEnBedrijven,
        Theme::Bevolking,
        Theme::Wonen,
        Theme::Onderwijs,
    ];

    /// Its key, as in `indicatoren.toml` and the API (`inkomen-en-uitkeringen`).
    pub fn key(self) -> &'static str {
        match self {
            Theme::Arbeid => "arbeid",
            Theme::InkomenEnUitkeringen => "inkomen-en-uitkeringen",
            Theme::EconomieEnBedrijven => "economie-en-bedrijven",
            Theme::Bevolking => "bevolking",
            Theme::Wonen => "wonen",
            Theme::Onderwijs => "onderwijs",
        }
    }

    /// Its Dutch name.
    pub fn label(self) -> &'static str {
        match self {
            Theme::Arbeid => "Arbeid",
            Theme::InkomenEnUitkeringen => "Inkomen en uitkeringen",
            Theme::EconomieEnBedrijven => "Economie en bedrijven",
            Theme::Bevolking => "Bevolking",
            Theme::Wonen => "Wonen",
            Theme::Onderwijs => "Onderwijs",
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawIndicator {
    id: String,
    naam: String,
    omschrijving: String,
    eenheid: String,
    soort: Kind,
    teller: String,
    noemer: Option<String>,
    gewicht: Option<String>,
    #[serde(default = "one")]
    factor: f64,
    aggregatie: Aggregation,
    richting: Direction,
    begrip: String,
    thema: Theme,
}

fn one() -> f64 {
    1.0
}

/// An indicator.
#[derive(Debug, Clone, PartialEq)]
pub struct Indicator {
    /// Identifier (kebab-case).
    pub id: String,
    /// Dutch name.
    pub name: String,
    /// Dutch definition.
    pub description: String,
    /// Unit.
    pub unit: String,
    /// Kind of formula.
    pub kind: Kind,
    /// Numerator (or the measure, or the mean).
    pub numerator: Expression,
    /// Denominator (for `verhouding`).
    pub denominator: Option<Expression>,
    /// Weight (for `gemiddelde` with aggregation `gewogen`).
    pub weight: Option<Expression>,
    /// Factor.
    pub factor: f64,
    /// Aggregation rule.
    pub aggregation: Aggregation,
    /// Direction.
    pub direction: Direction,
    /// The linked concept in the begrippenkader.
    pub concept: String,
    /// The theme it belongs to.
    pub theme: Theme,
    /// For an own indicator (eigen cijfers): the organisation that defines it, and who may see
    /// it; `None` for the registry's CBS indicators, which everyone sees.
    pub owner: Option<Owner>,
}

/// Who defines an own indicator and who may see it.
#[derive(Debug, Clone, PartialEq)]
pub struct Owner {
    /// The organisation's id.
    pub organisation: String,
    /// Its name, named as the source of the figures.
    pub name: String,
    /// Its arbeidsmarktregio (who shares its `regio` records).
    pub region: Option<LabourMarketRegionCode>,
    /// Who may see the indicator and its figures.
    pub visibility: Visibility,
    /// Where the figures come from, in the organisation's words.
    pub source: String,
}

/// The dataset under which the own indicators' figures are in the snapshot's inputs.
pub const OWN_DATASET: &str = "eigen";

/// How an own indicator's gemeenten add up to their regions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OwnAggregation {
    /// The region is the sum of its gemeenten.
    Sum,
    /// The mean of its gemeenten weighted by their inhabitants.
    WeightedByInhabitants,
    /// Only the uploaded values.
    None,
}

impl OwnAggregation {
    /// From the stored value (`som`, `gewogen`, `geen`).
    pub fn parse(s: &str) -> Option<OwnAggregation> {
        match s {
            "som" => Some(OwnAggregation::Sum),
            "gewogen" => Some(OwnAggregation::WeightedByInhabitants),
            "geen" => Some(OwnAggregation::None),
            _ => None,
        }
    }
}

impl Direction {
    /// From the stored value (`hogerIsBeter`, `lagerIsBeter`, `neutraal`).
    pub fn parse(s: &str) -> Option<Direction> {
        match s {
            "hogerIsBeter" => Some(Direction::HogerIsBeter),
            "lagerIsBeter" => Some(Direction::LagerIsBeter),
            "neutraal" => Some(Direction::Neutraal),
            _ => None,
        }
    }
}

impl Theme {
    /// From its key (`inkomen-en-uitkeringen`).
    pub fn parse(key: &str) -> Option<Theme> {
        Theme::ALL.into_iter().find(|t| t.key() == key)
    }
}

/// What an organisation says about its own indicator.
#[derive(Debug, Clone, PartialEq)]
pub struct OwnDefinition {
    /// The indicator id (`eigen-…`).
    pub id: String,
    /// Name.
    pub name: String,
    /// Definition.
    pub description: String,
    /// Unit.
    pub unit: String,
    /// Direction.
    pub direction: Direction,
    /// How gemeenten add up.
    pub aggregation: OwnAggregation,
    /// Theme.
    pub theme: Theme,
    /// The concept id, or empty.
    pub concept: String,
    /// Owner and visibility.
    pub owner: Owner,
}

impl Indicator {
    /// The indicator of an own definition: its figures are the measure
    /// [`OWN_DATASET`]`:{id}`; weighted by the inhabitants of the registry's `inwoners` (a
    /// weighted own indicator adds up only where that measure has values).
    pub fn own(def: OwnDefinition, registry: &Registry) -> Indicator {
        let measure = MeasureRef {
            dataset: OWN_DATASET.into(),
            measure: def.id.clone(),
            dimensions: String::new(),
        };
        let numerator = Expression {
            terms: vec![vec![measure]],
        };
        let inhabitants = registry.indicator("inwoners").map(|i| i.numerator.clone());
        let (kind, weight, aggregation) = match (def.aggregation, inhabitants) {
            (OwnAggregation::Sum, _) => (Kind::Maatstaf, None, Aggregation::Som),
            (OwnAggregation::WeightedByInhabitants, Some(w)) => (Kind::Gemiddelde, Some(w), Aggregation::Gewogen),
            _ => (Kind::Maatstaf, None, Aggregation::Geen),
        };
        Indicator {
            id: def.id,
            name: def.name,
            description: def.description,
            unit: def.unit,
            kind,
            numerator,
            denominator: None,
            weight,
            factor: 1.0,
            aggregation,
            direction: def.direction,
            concept: def.concept,
            theme: def.theme,
            owner: Some(def.owner),
        }
    }

    /// Whether `who` may see this indicator and its figures: every CBS indicator, an own
    /// indicator by its owner's visibility.
    pub fn visible_to(&self, who: &Principal) -> bool {
        self.owner
            .as_ref()
            .is_none_or(|o| who.can_read(&o.organisation, o.region, o.visibility))
    }

    /// Whether everyone, also without an account, may see it.
    pub fn is_public(&self) -> bool {
        self.owner.as_ref().is_none_or(|o| o.visibility == Visibility::Public)
    }
}

/// The number of decimals figures in `unit` are shown and downloaded with, the same for every
/// value of an indicator: whole numbers for counts, euros and densities, one decimal otherwise
/// (percentages, rates per 1,000, thousands of euros, kilometres).
pub fn decimals_for(unit: &str) -> usize {
    match unit {
        "aantal" | "euro" | "inwoners" | "inwoners per km²" => 0,
        _ => 1,
    }
}

impl Indicator {
    /// Whether it counts something (it adds up over gemeenten, or its unit is "aantal"): a
    /// large gemeente then has a larger value, so its values are not compared with those of
    /// other areas on one scale.
    pub fn is_count(&self) -> bool {
        self.aggregation == Aggregation::Som || self.unit == "aantal"
    }

    /// The number of decimals its values are shown with (see [`decimals_for`]).
    pub fn decimals(&self) -> usize {
        decimals_for(&self.unit)
    }

    /// Every measure the indicator reads.
    pub fn refs(&self) -> Vec<&MeasureRef> {
        self.numerator
            .refs()
            .chain(self.denominator.iter().flat_map(Expression::refs))
            .chain(self.weight.iter().flat_map(Expression::refs))
            .collect()
    }

    /// The datasets the indicator reads, sorted.
    pub fn datasets(&self) -> Vec<String> {
        self.refs()
            .into_iter()
            .map(|r| r.dataset.clone())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect()
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawIndexIndicator {
    id: String,
    gewicht: f64,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDomain {
    id: String,
    naam: String,
    gewicht: f64,
    indicatoren: Vec<RawIndexIndicator>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawIndex {
    id: String,
    naam: String,
    omschrijving: String,
    jaar: i32,
    normalisatie: Normalisation,
    domein: Vec<RawDomain>,
}

/// How indicator values are made comparable in an index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Normalisation {
    /// Min-max to 0–10 (10 is best).
    Minmax,
    /// z-scores (positive is better).
    Z,
}

impl Normalisation {
    /// Parses the Dutch name.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "minmax" => Some(Normalisation::Minmax),
            "z" => Some(Normalisation::Z),
            _ => None,
        }
    }

    /// The Dutch name.
    pub fn as_str(self) -> &'static str {
        match self {
            Normalisation::Minmax => "minmax",
            Normalisation::Z => "z",
        }
    }
}

/// A domain of an index.
#[derive(Debug, Clone, PartialEq)]
pub struct Domain {
    /// Identifier.
    pub id: String,
    /// Name.
    pub name: String,
    /// Weight.
    pub weight: f64,
    /// Indicator ids with their weights.
    pub indicators: Vec<(String, f64)>,
}

/// A composite index.
#[derive(Debug, Clone, PartialEq)]
pub struct IndexDef {
    /// Identifier.
    pub id: String,
    /// Name.
    pub name: String,
    /// Description.
    pub description: String,
    /// The year it is computed for.
    pub year: i32,
    /// Normalisation.
    pub normalisation: Normalisation,
    /// Domains.
    pub domains: Vec<Domain>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRegistry {
    indicator: Vec<RawIndicator>,
    #[serde(default)]
    index: Vec<RawIndex>,
}

/// All indicators and indices.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Registry {
    /// Indicators, in file order.
    pub indicators: Vec<Indicator>,
    /// Indices.
    pub indices: Vec<IndexDef>,
}

/// A fault in the registry file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}{}: {message}", line.map(|l| format!(", regel {l}")).unwrap_or_default())]
pub struct DefinitionError {
    /// The file.
    pub file: String,
    /// Line, when known.
    pub line: Option<usize>,
    /// What is wrong.
    pub message: String,
}

impl Registry {
    /// Parses and checks the registry text of `file`.
    pub fn parse(text: &str, file: &str) -> Result<Registry, DefinitionError> {
        let err = |line: Option<usize>, message: String| DefinitionError {
            file: file.to_string(),
            line,
            message,
        };
        let raw: RawRegistry = toml::from_str(text).map_err(|e| {
            let line = e.span().map(|s| text[..s.start.min(text.len())].lines().count().max(1));
            err(line, e.message().to_string())
        })?;
        let line_of = |id: &str| {
            text.find(&format!("\"{id}\""))
                .map(|pos| text[..pos].lines().count().max(1))
        };
        let mut indicators = Vec::new();
        let mut ids = HashSet::new();
        for r in raw.indicator {
            let at = line_of(&r.id);
            let fault = |m: String| err(at, format!("indicator '{}': {m}", r.id));
            if !ids.insert(r.id.clone()) {
                return Err(fault("komt twee keer voor".into()));
            }
            if r.id.is_empty()
                || !r
                    .id
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            {
                return Err(fault("het id moet kebab-case zijn (a-z, 0-9, -)".into()));
            }
            if !r.factor.is_finite() || r.factor == 0.0 {
                return Err(fault("de factor moet een getal ongelijk aan 0 zijn".into()));
            }
            let numerator = Expression::parse(&r.teller).map_err(|m| fault(format!("teller: {m}")))?;
            let denominator = r
                .noemer
                .as_deref()
                .map(Expression::parse)
                .transpose()
                .map_err(|m| fault(format!("noemer: {m}")))?;
            let weight = r
                .gewicht
                .as_deref()
                .map(Expression::parse)
                .transpose()
                .map_err(|m| fault(format!("gewicht: {m}")))?;
            match (r.soort, &denominator, r.aggregatie, &weight) {
                (Kind::Verhouding, None, _, _) => return Err(fault("een verhouding heeft een noemer nodig".into())),
                (Kind::Maatstaf | Kind::Gemiddelde, Some(_), _, _) => {
                    return Err(fault("alleen een verhouding heeft een noemer".into()))
                }
                (_, _, Aggregation::Gewogen, None) => {
                    return Err(fault("aggregatie 'gewogen' heeft een gewicht nodig".into()))
                }
                (Kind::Verhouding, _, Aggregation::Som | Aggregation::Gewogen, _) => {
                    return Err(fault(
                        "een verhouding wordt geaggregeerd als 'verhouding' of 'geen'".into(),
                    ))
                }
                (Kind::Gemiddelde, _, Aggregation::Som | Aggregation::Verhouding, _) => {
                    return Err(fault(
                        "een gemiddelde wordt geaggregeerd als 'gewogen' of 'geen'".into(),
                    ))
                }
                (Kind::Maatstaf, _, Aggregation::Verhouding | Aggregation::Gewogen, _) => {
                    return Err(fault("een maatstaf wordt geaggregeerd als 'som' of 'geen'".into()))
                }
                _ => {}
            }
            indicators.push(Indicator {
                id: r.id,
                name: r.naam,
                description: r.omschrijving,
                unit: r.eenheid,
                kind: r.soort,
                numerator,
                denominator,
                weight,
                factor: r.factor,
                aggregation: r.aggregatie,
                direction: r.richting,
                concept: r.begrip,
                theme: r.thema,
                owner: None,
            });
        }
        let mut indices = Vec::new();
        for x in raw.index {
            let at = line_of(&x.id);
            let fault = |m: String| err(at, format!("index '{}': {m}", x.id));
            let mut domains = Vec::new();
            for d in x.domein {
                if !(d.gewicht.is_finite() && d.gewicht >= 0.0) {
                    return Err(fault(format!("domein '{}': het gewicht moet 0 of groter zijn", d.id)));
                }
                let mut list = Vec::new();
                for i in d.indicatoren {
                    if !ids.contains(&i.id) {
                        return Err(fault(format!("domein '{}': onbekende indicator '{}'", d.id, i.id)));
                    }
                    if !(i.gewicht.is_finite() && i.gewicht >= 0.0) {
                        return Err(fault(format!(
                            "indicator '{}': het gewicht moet 0 of groter zijn",
                            i.id
                        )));
                    }
                    list.push((i.id, i.gewicht));
                }
                domains.push(Domain {
                    id: d.id,
                    name: d.naam,
                    weight: d.gewicht,
                    indicators: list,
                });
            }
            indices.push(IndexDef {
                id: x.id,
                name: x.naam,
                description: x.omschrijving,
                year: x.jaar,
                normalisation: x.normalisatie,
                domains,
            });
        }
        Ok(Registry { indicators, indices })
    }

    /// Every measure any indicator reads.
    pub fn refs(&self) -> BTreeSet<MeasureRef> {
        self.indicators.iter().flat_map(|i| i.refs()).cloned().collect()
    }

    /// An indicator by id.
    pub fn indicator(&self, id: &str) -> Option<&Indicator> {
        self.indicators.iter().find(|i| i.id == id)
    }

    /// An index by id.
    pub fn index(&self, id: &str) -> Option<&IndexDef> {
        self.indices.iter().find(|i| i.id == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_refs_with_sorted_dimensions() {
        let r = MeasureRef::parse("03759ned:M000352[Leeftijd=10000; Geslacht=T001038]").unwrap();
        assert_eq!(r.dimensions, "Geslacht=T001038;Leeftijd=10000");
        assert_eq!(r.to_string(), "03759ned:M000352[Geslacht=T001038;Leeftijd=10000]");
        assert!(MeasureRef::parse("zonder-dubbele-punt").is_err());
        let e = Expression::parse("a:x | b:y + c:z").unwrap();
        assert_eq!(e.terms.len(), 2);
        assert_eq!(e.terms[0].len(), 2);
    }

    #[test]
    fn the_shipped_registry_parses_with_25_or_more_indicators() {
        let text = include_str!("../../../data/indicatoren.toml");
        let reg = Registry::parse(text, "indicatoren.toml").unwrap();
        assert!(reg.indicators.len() >= 25, "{}", reg.indicators.len());
        assert!(reg.index("brede-welvaart-voorbeeld").is_some());
    }

    #[test]
    fn faults_name_the_line() {
        let text = "[[indicator]]\nid = \"x\"\nnaam = \"X\"\nomschrijving = \"\"\neenheid = \"%\"\nsoort = \"verhouding\"\nteller = \"a:b\"\naggregatie = \"verhouding\"\nrichting = \"neutraal\"\nbegrip = \"x\"\nthema = \"arbeid\"\n";
        let e = Registry::parse(text, "i.toml").unwrap_err();
        assert_eq!(
            e.to_string(),
            "i.toml, regel 2: indicator 'x': een verhouding heeft een noemer nodig"
        );
        let e = Registry::parse("[[indicator]]\nid = 3\n", "i.toml").unwrap_err();
        assert_eq!(e.line, Some(2));
    }
}
