// SPDX-License-Identifier: EUPL-1.2
//! Social return (SROI) and the Prestatieladder Socialer Ondernemen (PSO), as rules over data:
//!
//! - a [`ValuationTable`] (waarderingstabel, the bouwblokken of a region) is versioned data: a
//!   region, a validity period, an hour basis, a value per year per target group with an optional
//!   cap on the months a candidate counts, bonuses, and kinds valued at cost; the shipped tables
//!   are in `data/sroi/`;
//! - [`value`] values one contribution (inzet) under a table, step by step, so a page can show
//!   the calculation;
//! - [`obligation`] is the SROI obligation of a contract under a rule (a percentage above a
//!   threshold, or a fixed amount);
//! - [`table_for`] picks the table version in force on a contract's tender date, and
//!   [`overlapping_versions`] finds versions of one table whose periods overlap;
//! - [`pso_trede`] says which PSO trede a share of target-group staff meets for a company size;
//! - [`looks_like_bsn`]: a candidate id must never be a citizen service number;
//! - [`Obligation`]: the register kind `sroi-verplichting` (a contract with its SROI rule), whose
//!   obligation in euros and valuation table follow from the rule and the tables.
//!
//! Amounts are euros as `f64`, rounded to cents only where they are shown or stored.

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::codes::RegionCode;
use crate::coherence::Check;
use crate::ondernemers::YES_NO;
use crate::registers::{Fault, Known};
use crate::spec::{Article, Choice, Field, FieldType, KindSpec, RegionSet};

/// A bouwblokken valuation table, one version.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ValuationTable {
    /// Id of the table (all versions share it), e.g. `haaglanden-zhc`.
    pub id: String,
    /// Version, from 1.
    pub versie: u32,
    /// Name.
    pub naam: String,
    /// The regions it applies to: gemeente or arbeidsmarktregio codes.
    pub gebieden: Vec<String>,
    /// First day it applies; `None` when the source gives no date (then it is never picked
    /// by date, only chosen by hand).
    pub geldig_vanaf: Option<NaiveDate>,
    /// Last day it applies; `None`: until a next version.
    pub geldig_tot_en_met: Option<NaiveDate>,
    /// Hours per week of a full-time contract that the values are for (36 or 40).
    pub uren_basis: f64,
    /// Where the values come from, with its date.
    pub bron: String,
    /// Value per target group.
    pub doelgroepen: Vec<TargetGroup>,
    /// Bonuses on top of a candidate's value.
    #[serde(default)]
    pub bonussen: Vec<Bonus>,
    /// Kinds of contribution valued at their cost (an invoice excluding VAT).
    #[serde(default)]
    pub tegen_kosten: Vec<AtCost>,
}

/// The value of a candidate of one target group.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TargetGroup {
    /// Code, e.g. `participatiewet`.
    pub code: String,
    /// Name.
    pub naam: String,
    /// Euros per year for a full-time contract.
    pub waarde_per_jaar: f64,
    /// At most this many months count; `None`: no cap.
    pub max_maanden: Option<u32>,
    /// Fewer hours a week than this count for nothing.
    pub min_uren: Option<f64>,
}

/// A bonus on a candidate's value: for an age from `vanaf_leeftijd`, or when the contribution
/// names its code (statushouder, vast contract).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bonus {
    /// Code, e.g. `leeftijd-55`.
    pub code: String,
    /// Name.
    pub naam: String,
    /// Euros per year for a full-time contract, counted like the candidate's value.
    pub waarde_per_jaar: f64,
    /// Applies from this age on, without being named.
    pub vanaf_leeftijd: Option<u32>,
}

/// A kind of contribution valued at its cost.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AtCost {
    /// Code, e.g. `inkoop-sociale-onderneming`.
    pub code: String,
    /// Name.
    pub naam: String,
}

/// One contribution (inzet) to value.
#[derive(Debug, Clone, PartialEq)]
pub enum Contribution {
    /// A candidate in work or training.
    Candidate {
        /// Target group code.
        group: String,
        /// Hours a week.
        hours_per_week: f64,
        /// Months in the contract.
        months: u32,
        /// Age at the start, if known.
        age: Option<u32>,
        /// Codes of bonuses that apply (besides an age bonus).
        bonuses: Vec<String>,
    },
    /// A purchase or other kind valued at its cost.
    AtCost {
        /// Kind code.
        kind: String,
        /// Invoice amount excluding VAT.
        amount_excl_vat: f64,
    },
}

/// One line of a calculation.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    /// What was done, in Dutch.
    pub text: String,
    /// The amount it adds.
    pub amount: f64,
}

/// The value of a contribution with its calculation.
#[derive(Debug, Clone, PartialEq)]
pub struct Valuation {
    /// The steps, in order.
    pub steps: Vec<Step>,
    /// Their total.
    pub total: f64,
}

/// Why a contribution cannot be valued under a table.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ValuationError {
    /// The table has no such target group.
    #[error("De doelgroep '{0}' staat niet in deze waarderingstabel.")]
    UnknownGroup(String),
    /// The table has no such kind valued at cost.
    #[error("De soort inzet '{0}' staat niet in deze waarderingstabel.")]
    UnknownKind(String),
    /// The table has no such bonus.
    #[error("De bonus '{0}' staat niet in deze waarderingstabel.")]
    UnknownBonus(String),
    /// A bonus that follows from the candidate's age, named instead.
    #[error("De bonus '{0}' volgt uit de leeftijd: vul de leeftijd van de kandidaat in in plaats van de bonus.")]
    AgeBonus(String),
    /// Hours or an amount below zero, or not a number.
    #[error("{0} moet een getal van 0 of meer zijn.")]
    Negative(&'static str),
}

fn euro(v: f64) -> String {
    let cents = (v * 100.0).round() as i64;
    let (whole, frac) = (cents.abs() / 100, cents.abs() % 100);
    let digits = whole.to_string();
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push('.');
        }
        grouped.push(c);
    }
    format!("{}€\u{a0}{grouped},{frac:02}", if cents < 0 { "−" } else { "" })
}

/// A number as Dutch text: "24,5".
fn dutch(v: f64) -> String {
    format!("{v}").replace('.', ",")
}

/// The value of `c` under `table`: a candidate's value per year × hours / the table's hour
/// basis (at most 1) × the months that count / 12, plus each bonus counted the same way; a
/// contribution at cost counts at its invoice amount excluding VAT.
pub fn value(table: &ValuationTable, c: &Contribution) -> Result<Valuation, ValuationError> {
    match c {
        Contribution::AtCost { kind, amount_excl_vat } => {
            let k = table
                .tegen_kosten
                .iter()
                .find(|k| &k.code == kind)
                .ok_or_else(|| ValuationError::UnknownKind(kind.clone()))?;
            if !amount_excl_vat.is_finite() || *amount_excl_vat < 0.0 {
                return Err(ValuationError::Negative("Het bedrag"));
            }
            let step = Step {
                text: format!("{}: het factuurbedrag zonder btw, {}", k.naam, euro(*amount_excl_vat)),
                amount: *amount_excl_vat,
            };
            Ok(Valuation {
                total: step.amount,
                steps: vec![step],
            })
        }
        Contribution::Candidate {
            group,
            hours_per_week,
            months,
            age,
            bonuses,
        } => {
            let g = table
                .doelgroepen
                .iter()
                .find(|g| &g.code == group)
                .ok_or_else(|| ValuationError::UnknownGroup(group.clone()))?;
            if !hours_per_week.is_finite() || *hours_per_week < 0.0 {
                return Err(ValuationError::Negative("Het aantal uren per week"));
            }
            let mut named: Vec<&Bonus> = Vec::new();
            // Bonuses of a kind this table does not value: shown, counted as nothing.
            let mut unvalued: Vec<&str> = Vec::new();
            for b in bonuses {
                let Some(bonus) = table.bonussen.iter().find(|x| &x.code == b) else {
                    match NAMED_BONUSES.iter().find(|k| k.value == b) {
                        Some(k) if !unvalued.contains(&k.label) => unvalued.push(k.label),
                        Some(_) => {}
                        None => return Err(ValuationError::UnknownBonus(b.clone())),
                    }
                    continue;
                };
                if bonus.vanaf_leeftijd.is_some() {
                    return Err(ValuationError::AgeBonus(b.clone()));
                }
                // A bonus named twice counts once.
                if !named.iter().any(|n| n.code == bonus.code) {
                    named.push(bonus);
                }
            }
            let mut steps = Vec::new();
            if let Some(min) = g.min_uren.filter(|m| hours_per_week < m) {
                steps.push(Step {
                    text: format!("{}: minder dan {min} uur per week telt niet mee", g.naam),
                    amount: 0.0,
                });
                return Ok(Valuation { steps, total: 0.0 });
            }
            let hours = hours_per_week.min(table.uren_basis);
            let part = hours / table.uren_basis;
            let counted = g.max_maanden.map_or(*months, |cap| (*months).min(cap));
            let share = part * f64::from(counted) / 12.0;
            let capped = if counted < *months {
                format!(" (van de {months} maanden tellen er {counted})")
            } else {
                String::new()
            };
            let base = g.waarde_per_jaar * share;
            steps.push(Step {
                text: format!(
                    "{}: {} per jaar × {} / {} uur × {counted} / 12 maanden{capped}{}",
                    g.naam,
                    euro(g.waarde_per_jaar),
                    dutch(hours),
                    dutch(table.uren_basis),
                    if hours < *hours_per_week {
                        format!(" (meer dan {} uur telt als voltijd)", dutch(table.uren_basis))
                    } else {
                        String::new()
                    }
                ),
                amount: base,
            });
            // The highest age bonus the candidate's age reaches, then the bonuses named.
            let by_age = age.and_then(|a| {
                table
                    .bonussen
                    .iter()
                    .filter(|b| b.vanaf_leeftijd.is_some_and(|from| a >= from))
                    .max_by_key(|b| b.vanaf_leeftijd)
            });
            for b in by_age.into_iter().chain(named) {
                steps.push(Step {
                    text: format!(
                        "{}: {} per jaar, op dezelfde manier naar uren en maanden",
                        b.naam,
                        euro(b.waarde_per_jaar)
                    ),
                    amount: b.waarde_per_jaar * share,
                });
            }
            for label in unvalued {
                steps.push(Step {
                    text: format!("{label}: deze tabel geeft hiervoor geen bonus"),
                    amount: 0.0,
                });
            }
            let total = steps.iter().map(|s| s.amount).sum();
            Ok(Valuation { steps, total })
        }
    }
}

/// An invoice amount without its VAT at `rate` (0.21 for 21 %).
pub fn excluding_vat(amount_incl_vat: f64, rate: f64) -> f64 {
    amount_incl_vat / (1.0 + rate)
}

/// How a contract's SROI obligation is set.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ObligationRule {
    /// `percent` of the contract value, for a contract of at least `threshold`.
    Percentage {
        /// Percentage, e.g. 5.0.
        percent: f64,
        /// The lowest contract value with an obligation.
        threshold: f64,
    },
    /// A fixed amount.
    Amount(f64),
}

/// The obligation in euros of a contract of `contract_value` under `rule`.
pub fn obligation(contract_value: f64, rule: ObligationRule) -> f64 {
    match rule {
        ObligationRule::Percentage { percent, threshold } if contract_value >= threshold => {
            contract_value * percent / 100.0
        }
        ObligationRule::Percentage { .. } => 0.0,
        ObligationRule::Amount(a) => a,
    }
}

/// Whether `table` applies on `date` (a version without an end ends when the next begins).
fn in_force(tables: &[ValuationTable], table: &ValuationTable, date: NaiveDate) -> bool {
    table.geldig_vanaf.is_some_and(|from| from <= date) && last_day(tables, table).is_none_or(|to| date <= to)
}

/// The table version in force on `tender_date` for a contract in `areas`, most specific first
/// (the contract's gemeente, then its arbeidsmarktregio): for the first area that a table in
/// force covers, the version of the latest start; `None` when there is none.
pub fn table_for<'t>(
    tables: &'t [ValuationTable],
    areas: &[&str],
    tender_date: NaiveDate,
) -> Option<&'t ValuationTable> {
    areas.iter().find_map(|area| {
        tables
            .iter()
            .filter(|t| t.gebieden.iter().any(|g| g == area))
            .filter(|t| in_force(tables, t, tender_date))
            .max_by_key(|t| (t.geldig_vanaf, t.versie))
    })
}

/// The last day a version applies: its own end, or else the day before the next version of the
/// same table starts; `None` when it runs on.
pub fn last_day(tables: &[ValuationTable], t: &ValuationTable) -> Option<NaiveDate> {
    let next = tables
        .iter()
        .filter(|o| o.id == t.id && o.versie != t.versie)
        .filter_map(|o| o.geldig_vanaf)
        .filter(|start| t.geldig_vanaf.is_some_and(|own| *start > own))
        .min()
        .and_then(|d| d.pred_opt());
    match (t.geldig_tot_en_met, next) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// Pairs of versions of one table whose periods overlap, as (id, version, version): a version
/// whose own end date reaches the next version's start, or two versions with the same start. (A
/// version without an end runs until the next one starts.)
pub fn overlapping_versions(tables: &[ValuationTable]) -> Vec<(String, u32, u32)> {
    let mut out = Vec::new();
    for (i, a) in tables.iter().enumerate() {
        for b in tables.iter().skip(i + 1).filter(|b| b.id == a.id) {
            let (Some(a0), Some(b0)) = (a.geldig_vanaf, b.geldig_vanaf) else {
                continue;
            };
            let (first, second) = if a0 <= b0 { (a, b0) } else { (b, a0) };
            let overlap = a0 == b0 || first.geldig_tot_en_met.is_some_and(|end| second <= end);
            if overlap {
                out.push((a.id.clone(), a.versie.min(b.versie), a.versie.max(b.versie)));
            }
        }
    }
    out
}

/// The whole months from `start` to `end` (both days included): 1 January to 30 June is 6.
pub fn months_between(start: NaiveDate, end: NaiveDate) -> u32 {
    let mut n = 0;
    while let Some(next) = start.checked_add_months(Months::new(n + 1)) {
        if next > end.succ_opt().unwrap_or(end) {
            break;
        }
        n += 1;
    }
    n
}

/// The PSO norm for one company size: the share of target-group staff (%) for trede 1, 2 and 3.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PsoNorm {
    /// Number of employees it is published for.
    pub medewerkers: u32,
    /// Percentages for trede 1, 2 and 3.
    pub treden: [f64; 3],
}

/// The highest PSO trede (1–3) that `share` (% of staff from the target group) meets for a
/// company of `employees`, under the norm of the largest listed size not above it; `None` when
/// it meets none or the size is below every listed one.
pub fn pso_trede(norms: &[PsoNorm], employees: u32, share: f64) -> Option<u8> {
    let norm = norms
        .iter()
        .filter(|n| n.medewerkers <= employees)
        .max_by_key(|n| n.medewerkers)?;
    (0..3).rev().find(|&t| share >= norm.treden[t]).map(|t| t as u8 + 1)
}

/// Where a company stands on the Prestatieladder Socialer Ondernemen.
#[derive(Debug, Clone, PartialEq)]
pub struct PsoStanding {
    /// The level its certificate states (its label), if any.
    pub trede: Option<&'static str>,
    /// Whether the certificate holds on the day asked; `None` without an end date.
    pub geldig: Option<bool>,
    /// The highest trede (1–3) its share from the target group meets for its size, 0 for none;
    /// `None` without a measurement or without a published norm for its size.
    pub norm_trede: Option<u8>,
    /// The outcome in words, with the norms.
    pub oordeel: String,
}

fn percent(p: f64) -> String {
    let s = format!("{:.1}", p).replace('.', ",");
    format!("{s} %")
}

/// A company's PSO standing on `today`: its certificate's level and validity, and the trede its
/// measured share meets under the published norms for its number of employees. `None` when the
/// company has neither a level nor a measurement.
pub fn pso_standing(
    norms: &[PsoNorm],
    level: Option<&str>,
    valid_until: Option<NaiveDate>,
    employees: Option<u32>,
    share: Option<f64>,
    today: NaiveDate,
) -> Option<PsoStanding> {
    let trede = level.and_then(|l| {
        crate::ondernemers::PSO_LEVELS
            .iter()
            .find(|c| c.value == l)
            .map(|c| c.label)
    });
    let measured = employees.zip(share);
    if trede.is_none() && measured.is_none() {
        return None;
    }
    let geldig = valid_until.map(|d| today <= d);
    let norm = employees.and_then(|n| {
        norms
            .iter()
            .filter(|x| x.medewerkers <= n)
            .max_by_key(|x| x.medewerkers)
    });
    // Judged only where a published norm applies to the size.
    let norm_trede = measured.and(norm).map(|_| {
        let (n, p) = measured.unwrap_or_default();
        pso_trede(norms, n, p).unwrap_or(0)
    });
    let mut parts = Vec::new();
    if let Some(t) = trede {
        parts.push(match (geldig, valid_until) {
            (Some(true), Some(d)) => format!("{t}, geldig tot en met {}.", d.format("%d-%m-%Y")),
            (Some(false), Some(d)) => format!("{t}, maar het certificaat is verlopen op {}.", d.format("%d-%m-%Y")),
            _ => format!("{t}."),
        });
    }
    match (measured, norm, norm_trede) {
        (Some((n, p)), Some(norm), Some(met)) => {
            let size = if n == 1 {
                "1 medewerker".to_string()
            } else {
                format!("{n} medewerkers")
            };
            let met_text = if met == 0 {
                format!(
                    "Met {} uit de doelgroep bij {size} haalt de onderneming geen trede (trede 1 vraagt {}).",
                    percent(p),
                    percent(norm.treden[0])
                )
            } else {
                format!(
                    "Met {} uit de doelgroep bij {size} haalt de onderneming trede {met} (norm {})",
                    percent(p),
                    percent(norm.treden[met as usize - 1])
                )
            };
            parts.push(if met == 0 {
                met_text
            } else if met < 3 {
                format!(
                    "{met_text}, niet trede {} (norm {}).",
                    met + 1,
                    percent(norm.treden[met as usize])
                )
            } else {
                format!("{met_text}.")
            });
        }
        (Some((n, _)), None, _) => {
            let size = if n == 1 {
                "1 medewerker".to_string()
            } else {
                format!("{n} medewerkers")
            };
            if let Some(smallest) = norms.iter().map(|x| x.medewerkers).min() {
                parts.push(format!(
                    "Voor {size} is geen PSO-norm gepubliceerd; de kleinste norm geldt vanaf {smallest} medewerkers."
                ));
            }
        }
        _ => {}
    }
    Some(PsoStanding {
        trede,
        geldig,
        norm_trede,
        oordeel: parts.join(" "),
    })
}

/// Whether `id` has the form of a burgerservicenummer: nine digits (or eight, a leading zero
/// dropped), perhaps written with spaces, dots or dashes, that pass the elfproef. A candidate's
/// id must not be one (the register keeps pseudonymous ids only).
pub fn looks_like_bsn(id: &str) -> bool {
    let bare: String = id.trim().chars().filter(|c| !matches!(c, ' ' | '.' | '-')).collect();
    if !(8..=9).contains(&bare.len()) || !bare.chars().all(|c| c.is_ascii_digit()) {
        return false;
    }
    let digits: Vec<u32> = format!("{bare:0>9}").chars().filter_map(|c| c.to_digit(10)).collect();
    let sum: i64 = digits[..8]
        .iter()
        .zip((2..=9).rev())
        .map(|(d, w)| i64::from(*d) * w)
        .sum::<i64>()
        - i64::from(digits[8]);
    sum % 11 == 0 && digits.iter().any(|d| *d != 0)
}

const EURO: FieldType = FieldType::Number {
    unit: "euro",
    min: 0.0,
    max: 1e12,
    decimals: 2,
};

/// SROI-verplichtingen: a contract with a social return obligation.
pub const OBLIGATION_SPEC: KindSpec = KindSpec {
    kind: "sroi-verplichting",
    collection: "sroi-verplichtingen",
    singular: "SROI-verplichting",
    plural: "SROI-verplichtingen",
    article: Article::De,
    schema: "SroiVerplichting",
    tag: "SROI",
    about: "Contracten met een social-returnverplichting: opdrachtgever, opdrachtnemer, gebied, aanbestedingsdatum, \
            contractwaarde en de regel (een percentage boven een drempel, of een vast bedrag); de verplichting in euro \
            en de waarderingstabel die op de aanbestedingsdatum gold, volgen daaruit.",
    title_field: "titel",
    fields: &[
        Field::new(
            "titel",
            "Contract",
            "De naam of het kenmerk van het contract.",
            FieldType::Text { max: 200, lines: 1 },
        )
        .required(),
        Field::new(
            "opdrachtgever",
            "Opdrachtgever",
            "De organisatie die het contract gunt.",
            FieldType::Organisation,
        )
        .required(),
        Field::new(
            "opdrachtnemer",
            "Opdrachtnemer",
            "Het bedrijf uit het ondernemersregister dat de opdracht uitvoert.",
            FieldType::Record("onderneming"),
        )
        .required(),
        Field::new(
            "gebied",
            "Gemeente",
            "De gemeente van de opdrachtgever; met de aanbestedingsdatum kiest die de waarderingstabel.",
            FieldType::Region(RegionSet::Municipality),
        )
        .required(),
        Field::new(
            "aanbestedingsdatum",
            "Aanbestedingsdatum",
            "De dag van de aanbesteding: de waarderingstabel die toen gold, telt voor het hele contract.",
            FieldType::Date,
        )
        .required(),
        Field::new(
            "contractwaarde",
            "Contractwaarde",
            "De waarde van het contract in euro, zonder btw.",
            EURO,
        )
        .required(),
        Field::new(
            "percentage",
            "Percentage",
            "Het deel van de contractwaarde dat als social return wordt gevraagd, meestal 5 %.",
            FieldType::Number {
                unit: "%",
                min: 0.0,
                max: 100.0,
                decimals: 1,
            },
        ),
        Field::new(
            "drempel",
            "Drempel",
            "Onder deze contractwaarde geldt geen verplichting (bijvoorbeeld 250.000 euro).",
            EURO,
        ),
        Field::new(
            "bedrag",
            "Vast bedrag",
            "Een vast bedrag in euro in plaats van een percentage; gaat voor het percentage.",
            EURO,
        ),
        Field::new(
            "begindatum",
            "Begindatum",
            "De eerste dag van het contract.",
            FieldType::Date,
        ),
        Field::new(
            "einddatum",
            "Einddatum",
            "De laatste dag van het contract; niet voor de begindatum.",
            FieldType::Date,
        ),
        Field::new(
            "psoAandeel",
            "Deel vervuld met PSO",
            "Het deel van de verplichting dat de opdrachtgever als vervuld rekent omdat de opdrachtnemer een \
             PSO-trede heeft, in procenten.",
            FieldType::Number {
                unit: "%",
                min: 0.0,
                max: 100.0,
                decimals: 0,
            },
        ),
        Field::new(
            "waarderingstabel",
            "Andere waarderingstabel",
            "Alleen als het contract met een andere tabel wordt gewaardeerd dan die op de aanbestedingsdatum gold: \
             het kenmerk van die tabel (bijvoorbeeld utrecht), met de versie en de reden.",
            FieldType::Code {
                pattern: "^[a-z0-9]+(-[a-z0-9]+)*$",
                max: 60,
            },
        ),
        Field::new(
            "waarderingstabelVersie",
            "Versie van die tabel",
            "De versie van de gekozen tabel; zij blijft gelden, ook als er later een versie bijkomt.",
            FieldType::Number {
                unit: "",
                min: 1.0,
                max: 999.0,
                decimals: 0,
            },
        ),
        Field::new(
            "redenWaarderingstabel",
            "Reden voor die tabel",
            "Waarom het contract met een andere tabel wordt gewaardeerd (bijvoorbeeld: zo afgesproken in het bestek).",
            FieldType::Text { max: 500, lines: 2 },
        ),
        Field::new(
            "themas",
            "Thema's",
            "Waar de inzet over gaat (begrippen).",
            FieldType::Concepts,
        )
        .theme(),
    ],
    computed: &[OBLIGATION_COMPUTED],
};

/// An obligation's amount and valuation table, as the representation shows them.
pub const OBLIGATION_COMPUTED: Field = Field::new(
    "verplichting",
    "Verplichting",
    "De verplichting in euro volgens de regel, en de waarderingstabel die op de aanbestedingsdatum gold.",
    FieldType::Object(&[
        Field::new("bedrag", "Bedrag", "De verplichting in euro.", EURO).required(),
        Field::new(
            "regel",
            "Regel",
            "Hoe het bedrag volgt uit het contract.",
            FieldType::Text { max: 400, lines: 1 },
        )
        .required(),
        Field::new(
            "waarderingstabel",
            "Waarderingstabel",
            "De tabel die op de aanbestedingsdatum gold voor de gemeente of haar arbeidsmarktregio; leeg als er geen is.",
            FieldType::Object(&[
                Field::new("id", "Id", "Id van de tabel.", FieldType::Text { max: 100, lines: 1 }).required(),
                Field::new(
                    "versie",
                    "Versie",
                    "De versie van de tabel.",
                    FieldType::Number {
                        unit: "",
                        min: 1.0,
                        max: 1e6,
                        decimals: 0,
                    },
                )
                .required(),
                Field::new("naam", "Naam", "Naam van de tabel.", FieldType::Text { max: 200, lines: 1 }).required(),
                Field::new("geldigVanaf", "Geldig vanaf", "De eerste dag dat de tabel geldt.", FieldType::Date),
                Field::new(
                    "urenBasis",
                    "Urenbasis",
                    "De uren per week van een voltijdcontract in de tabel.",
                    FieldType::Number {
                        unit: "uur per week",
                        min: 1.0,
                        max: 168.0,
                        decimals: 0,
                    },
                )
                .required(),
                Field::new(
                    "bron",
                    "Bron",
                    "Waar de bedragen vandaan komen.",
                    FieldType::Text { max: 1000, lines: 1 },
                )
                .required(),
            ]),
        ),
        Field::new(
            "toelichting",
            "Toelichting",
            "Welke tabel is gekozen, en waarom.",
            FieldType::Text { max: 800, lines: 1 },
        )
        .required(),
    ]),
);

/// A checked SROI obligation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Obligation {
    /// The contract.
    pub titel: String,
    /// Client (organisation id).
    pub opdrachtgever: String,
    /// Contractor (company id).
    pub opdrachtnemer: String,
    /// The client's gemeente.
    pub gebied: RegionCode,
    /// Tender date.
    pub aanbestedingsdatum: NaiveDate,
    /// Contract value excluding VAT.
    pub contractwaarde: f64,
    /// Percentage of the contract value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub percentage: Option<f64>,
    /// Threshold.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub drempel: Option<f64>,
    /// A fixed amount instead of the percentage.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bedrag: Option<f64>,
    /// First day.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub begindatum: Option<NaiveDate>,
    /// Last day.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub einddatum: Option<NaiveDate>,
    /// The share (%) of the obligation the client counts as fulfilled by the contractor's PSO.
    #[serde(default, rename = "psoAandeel", skip_serializing_if = "Option::is_none")]
    pub pso_aandeel: Option<f64>,
    /// A valuation table chosen by hand instead of the one in force on the tender date.
    #[serde(default, flatten, skip_serializing_if = "Option::is_none")]
    pub gekozen_tabel: Option<ChosenTable>,
    /// Themes.
    #[serde(default)]
    pub themas: Vec<String>,
}

/// A valuation table version chosen by hand for an obligation, with the reason.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChosenTable {
    /// The table's id.
    pub waarderingstabel: String,
    /// Its version.
    #[serde(rename = "waarderingstabelVersie")]
    pub versie: u32,
    /// Why.
    #[serde(rename = "redenWaarderingstabel")]
    pub reden: String,
}

impl Obligation {
    /// The part of the obligation, in euros, counted as fulfilled by PSO.
    pub fn pso_amount(&self) -> f64 {
        self.amount() * self.pso_aandeel.unwrap_or(0.0) / 100.0
    }

    /// Its rule: the fixed amount when there is one, else the percentage above the threshold.
    pub fn rule(&self) -> ObligationRule {
        match (self.bedrag, self.percentage) {
            (Some(a), _) => ObligationRule::Amount(a),
            (None, p) => ObligationRule::Percentage {
                percent: p.unwrap_or(0.0),
                threshold: self.drempel.unwrap_or(0.0),
            },
        }
    }

    /// The obligation in euros.
    pub fn amount(&self) -> f64 {
        obligation(self.contractwaarde, self.rule())
    }

    /// The rule in words: "5 % van € 1.200.000,00, boven een drempel van € 250.000,00".
    pub fn rule_text(&self) -> String {
        match self.rule() {
            ObligationRule::Amount(a) => format!("een vast bedrag van {}", euro(a)),
            ObligationRule::Percentage { percent, threshold } => {
                let p = format!("{percent}").replace('.', ",");
                let base = format!("{p} % van {}", euro(self.contractwaarde));
                if threshold > 0.0 {
                    let under = if self.contractwaarde < threshold {
                        "; het contract blijft eronder"
                    } else {
                        ""
                    };
                    format!("{base}, boven een drempel van {}{under}", euro(threshold))
                } else {
                    base
                }
            }
        }
    }
}

/// An SROI obligation as entered.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct ObligationDraft {
    /// titel
    pub titel: String,
    /// opdrachtgever
    pub opdrachtgever: String,
    /// opdrachtnemer
    pub opdrachtnemer: String,
    /// gebied
    pub gebied: String,
    /// aanbestedingsdatum
    pub aanbestedingsdatum: String,
    /// contractwaarde
    pub contractwaarde: Option<f64>,
    /// percentage
    pub percentage: Option<f64>,
    /// drempel
    pub drempel: Option<f64>,
    /// bedrag
    pub bedrag: Option<f64>,
    /// begindatum
    pub begindatum: String,
    /// einddatum
    pub einddatum: String,
    /// psoAandeel
    #[serde(rename = "psoAandeel")]
    pub pso_aandeel: Option<f64>,
    /// waarderingstabel
    pub waarderingstabel: String,
    /// waarderingstabelVersie
    #[serde(rename = "waarderingstabelVersie")]
    pub waarderingstabel_versie: Option<f64>,
    /// redenWaarderingstabel
    #[serde(rename = "redenWaarderingstabel")]
    pub reden_waarderingstabel: String,
    /// themas
    pub themas: Vec<String>,
}

impl ObligationDraft {
    /// Checks the draft; every fault at once.
    pub fn parse(&self, known: &dyn Known) -> Result<Obligation, Vec<Fault>> {
        let mut c = Check::new(known);
        let titel = c.text("titel", &self.titel, true, 200);
        let opdrachtgever = c.organisation("opdrachtgever", &self.opdrachtgever);
        let opdrachtnemer = self.opdrachtnemer.trim().to_string();
        if opdrachtnemer.is_empty() {
            c.fault(
                "opdrachtnemer",
                "required",
                "Kies het bedrijf dat de opdracht uitvoert.",
            );
        } else if !known.record("onderneming", &opdrachtnemer) {
            c.fault(
                "opdrachtnemer",
                "unknown",
                format!("Er is geen onderneming met id '{opdrachtnemer}' die u mag zien."),
            );
        }
        let gebied = match RegionCode::parse(self.gebied.trim()) {
            Ok(code @ RegionCode::Municipality(_)) if known.region(code) => Some(code),
            _ if self.gebied.trim().is_empty() => {
                c.fault("gebied", "required", "Kies een gemeente.");
                None
            }
            _ => {
                c.fault(
                    "gebied",
                    "unknown",
                    format!("'{}' is geen gemeente.", self.gebied.trim()),
                );
                None
            }
        };
        let aanbestedingsdatum = c.date("aanbestedingsdatum", &self.aanbestedingsdatum);
        if aanbestedingsdatum.is_none() && self.aanbestedingsdatum.trim().is_empty() {
            c.fault("aanbestedingsdatum", "required", "Vul de aanbestedingsdatum in.");
        }
        let contractwaarde = c.positive("contractwaarde", self.contractwaarde, "de contractwaarde", true);
        let optional = |c: &mut Check, field: &str, v: Option<f64>, what: &str| {
            v.and_then(|x| c.positive(field, Some(x), what, true))
        };
        let percentage = optional(&mut c, "percentage", self.percentage, "het percentage");
        if percentage.is_some_and(|p| p > 100.0) {
            c.fault("percentage", "range", "Een percentage is hoogstens 100.");
        }
        let drempel = optional(&mut c, "drempel", self.drempel, "de drempel");
        let bedrag = optional(&mut c, "bedrag", self.bedrag, "het bedrag");
        if self.percentage.is_none() && self.bedrag.is_none() {
            c.fault(
                "percentage",
                "required",
                "Vul een percentage van de contractwaarde in, of een vast bedrag.",
            );
        }
        let begindatum = c.date("begindatum", &self.begindatum);
        let einddatum = c.date("einddatum", &self.einddatum);
        c.period(begindatum, einddatum);
        let pso_aandeel = optional(
            &mut c,
            "psoAandeel",
            self.pso_aandeel,
            "het deel dat met PSO is vervuld",
        );
        if pso_aandeel.is_some_and(|p| p > 100.0) {
            c.fault("psoAandeel", "range", "Een deel is hoogstens 100 %.");
        }
        let gekozen_tabel = self.chosen_table(&mut c);
        let themas = c.concepts("themas", &self.themas, false);
        let value = match (gebied, aanbestedingsdatum, contractwaarde) {
            (Some(gebied), Some(aanbestedingsdatum), Some(contractwaarde)) => Some(Obligation {
                titel,
                opdrachtgever,
                opdrachtnemer,
                gebied,
                aanbestedingsdatum,
                contractwaarde,
                percentage,
                drempel,
                bedrag,
                begindatum,
                einddatum,
                pso_aandeel,
                gekozen_tabel,
                themas,
            }),
            _ => None,
        };
        c.done(value)
    }

    /// The table chosen by hand: id, version and reason together, naming a table that exists.
    fn chosen_table(&self, c: &mut Check) -> Option<ChosenTable> {
        let id = self.waarderingstabel.trim();
        let reden = self.reden_waarderingstabel.trim();
        if id.is_empty() && self.waarderingstabel_versie.is_none() && reden.is_empty() {
            return None;
        }
        if id.is_empty() {
            c.fault(
                "waarderingstabel",
                "required",
                "Vul het kenmerk in van de tabel waarmee het contract wordt gewaardeerd, of laat de versie en de reden leeg.",
            );
        }
        let versie = match self.waarderingstabel_versie {
            None => {
                c.fault(
                    "waarderingstabelVersie",
                    "required",
                    "Vul de versie van de gekozen tabel in.",
                );
                None
            }
            Some(v) if v.fract() != 0.0 || !(1.0..=999.0).contains(&v) => {
                c.fault(
                    "waarderingstabelVersie",
                    "range",
                    "De versie is een heel getal vanaf 1.",
                );
                None
            }
            Some(v) => Some(v as u32),
        };
        if reden.is_empty() {
            c.fault(
                "redenWaarderingstabel",
                "required",
                "Schrijf op waarom het contract met een andere tabel wordt gewaardeerd.",
            );
        } else if reden.chars().count() > 500 {
            c.fault("redenWaarderingstabel", "range", "Gebruik hoogstens 500 tekens.");
        }
        let tables = c.known.valuation_tables();
        if !id.is_empty() && !tables.iter().any(|t| t.id == id) {
            c.fault(
                "waarderingstabel",
                "unknown",
                format!("Er is geen waarderingstabel met kenmerk '{id}'."),
            );
            return None;
        }
        let versie = versie.filter(|_| !id.is_empty())?;
        if !tables.iter().any(|t| t.id == id && t.versie == versie) {
            let versions: Vec<String> = tables
                .iter()
                .filter(|t| t.id == id)
                .map(|t| t.versie.to_string())
                .collect();
            let reason = if versions.is_empty() {
                format!("Er is geen waarderingstabel met kenmerk '{id}'.")
            } else if let [only] = versions.as_slice() {
                format!("Tabel '{id}' heeft geen versie {versie}; er is alleen versie {only}.")
            } else {
                format!(
                    "Tabel '{id}' heeft geen versie {versie}; er zijn de versies {}.",
                    versions.join(", ")
                )
            };
            c.fault("waarderingstabel", "unknown", reason);
            return None;
        }
        (!reden.is_empty() && reden.chars().count() <= 500).then(|| ChosenTable {
            waarderingstabel: id.to_string(),
            versie,
            reden: reden.to_string(),
        })
    }
}

/// What a contribution is: a target group of a candidate, or a kind valued at its cost. The
/// codes the shipped tables use; a table that lacks a code values it at nothing, with the reason.
pub const CONTRIBUTION_KINDS: &[Choice] = &[
    Choice {
        value: "participatiewet",
        label: "Participatiewet",
    },
    Choice {
        value: "participatiewet-arbeidsbeperking",
        label: "Participatiewet, met arbeidsbeperking",
    },
    Choice {
        value: "banenafspraak",
        label: "Banenafspraak (doelgroepregister)",
    },
    Choice {
        value: "wia-wao",
        label: "WIA/WAO",
    },
    Choice {
        value: "ww",
        label: "WW",
    },
    Choice {
        value: "nug",
        label: "Zonder uitkering (NUG)",
    },
    Choice {
        value: "bbl",
        label: "BBL",
    },
    Choice {
        value: "bbl-tot-niveau-2",
        label: "BBL tot en met niveau 2",
    },
    Choice {
        value: "bbl-niveau-3",
        label: "BBL niveau 3 en hoger",
    },
    Choice {
        value: "inkoop-sociale-onderneming",
        label: "Inkoop bij een sociale onderneming (tegen het factuurbedrag)",
    },
];

/// The kinds of [`CONTRIBUTION_KINDS`] valued at their cost.
pub const AT_COST_KINDS: &[&str] = &["inkoop-sociale-onderneming"];

/// The kinds of bonus a table may give: by age, or one a contribution names.
pub const BONUS_KINDS: &[Choice] = &[
    Choice {
        value: "leeftijd",
        label: "Naar leeftijd",
    },
    Choice {
        value: "statushouder",
        label: "Statushouder",
    },
    Choice {
        value: "vast-contract",
        label: "Vast contract",
    },
    Choice {
        value: "na-stage",
        label: "In dienst na een stage of leerwerkplek",
    },
];

/// The bonuses a contribution can name besides an age bonus; a table may give a value to each.
pub const NAMED_BONUSES: &[Choice] = BONUS_KINDS.split_at(1).1;

/// SROI-inzet: a contribution to an obligation.
pub const CONTRIBUTION_SPEC: KindSpec = KindSpec {
    kind: "sroi-inzet",
    collection: "sroi-inzet",
    singular: "SROI-inzet",
    plural: "SROI-inzet",
    article: Article::De,
    schema: "SroiInzet",
    tag: "SROI",
    about: "Inzet voor een SROI-verplichting: een kandidaat (onder een nummer, nooit een naam of BSN) met doelgroep, \
            periode, uren per week en leeftijd, of een inkoop bij een sociale onderneming tegen het factuurbedrag zonder \
            btw; gewaardeerd met de waarderingstabel van de verplichting.",
    title_field: "titel",
    fields: &[
        Field::new(
            "titel",
            "Omschrijving",
            "Waar het om gaat, zonder de naam van een kandidaat (bijvoorbeeld ‘kandidaat 0042, timmerman’).",
            FieldType::Text { max: 200, lines: 1 },
        )
        .required(),
        Field::new(
            "verplichting",
            "Verplichting",
            "De SROI-verplichting waar deze inzet voor telt.",
            FieldType::Record("sroi-verplichting"),
        )
        .required(),
        Field::new(
            "soort",
            "Doelgroep of soort inzet",
            "De doelgroep van de kandidaat, of inkoop bij een sociale onderneming.",
            FieldType::Choice(CONTRIBUTION_KINDS),
        )
        .required(),
        Field::new(
            "kandidaat",
            "Kandidaatnummer",
            "Het nummer waaronder de opdrachtnemer of het werkgeversservicepunt de kandidaat kent; nooit een naam of BSN.",
            FieldType::Text { max: 40, lines: 1 },
        ),
        Field::new(
            "begindatum",
            "Begindatum",
            "De eerste dag van het contract van de kandidaat, of de factuurdatum.",
            FieldType::Date,
        ),
        Field::new(
            "einddatum",
            "Einddatum",
            "De laatste dag van het contract van de kandidaat; niet voor de begindatum.",
            FieldType::Date,
        ),
        Field::new(
            "urenPerWeek",
            "Uren per week",
            "Het aantal uren per week van het contract van de kandidaat.",
            FieldType::Number { unit: "uur per week", min: 0.0, max: 60.0, decimals: 1 },
        ),
        Field::new(
            "leeftijd",
            "Leeftijd",
            "De leeftijd van de kandidaat bij de start; geeft in sommige tabellen een bonus.",
            FieldType::Number { unit: "jaar", min: 0.0, max: 120.0, decimals: 0 },
        ),
        Field::new(
            "statushouder",
            "Statushouder",
            "Ja als de kandidaat statushouder is; geeft in sommige tabellen een bonus.",
            FieldType::Choice(YES_NO),
        ),
        Field::new(
            "vastContract",
            "Vast contract",
            "Ja als de kandidaat een vast contract krijgt; geeft in sommige tabellen een bonus.",
            FieldType::Choice(YES_NO),
        ),
        Field::new(
            "naStage",
            "In dienst na stage",
            "Ja als de kandidaat in dienst komt na een stage of leerwerkplek; geeft in sommige tabellen een bonus.",
            FieldType::Choice(YES_NO),
        ),
        Field::new("bedrag", "Factuurbedrag", "Bij inkoop: het factuurbedrag zonder btw, in euro.", EURO),
    ],
    computed: &[],
};

/// A checked contribution.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ContributionRecord {
    /// What it is about.
    pub titel: String,
    /// The obligation (record id).
    pub verplichting: String,
    /// Target group or kind at cost.
    pub soort: String,
    /// The candidate's pseudonymous number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kandidaat: Option<String>,
    /// First day (or the invoice date).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub begindatum: Option<NaiveDate>,
    /// Last day.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub einddatum: Option<NaiveDate>,
    /// Hours a week.
    #[serde(default, rename = "urenPerWeek", skip_serializing_if = "Option::is_none")]
    pub uren_per_week: Option<f64>,
    /// Age at the start.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub leeftijd: Option<f64>,
    /// Invoice amount excluding VAT.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bedrag: Option<f64>,
    /// "ja" when the candidate is a statushouder.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub statushouder: Option<String>,
    /// "ja" when the candidate gets a permanent contract.
    #[serde(default, rename = "vastContract", skip_serializing_if = "Option::is_none")]
    pub vast_contract: Option<String>,
    /// "ja" when the candidate is hired after a stage or work-study place.
    #[serde(default, rename = "naStage", skip_serializing_if = "Option::is_none")]
    pub na_stage: Option<String>,
}

impl ContributionRecord {
    /// The codes of the bonuses this contribution names ([`NAMED_BONUSES`]).
    pub fn bonuses(&self) -> Vec<String> {
        [
            (&self.statushouder, "statushouder"),
            (&self.vast_contract, "vast-contract"),
            (&self.na_stage, "na-stage"),
        ]
        .into_iter()
        .filter(|(v, _)| v.as_deref() == Some("ja"))
        .map(|(_, code)| code.to_string())
        .collect()
    }

    /// The contribution to value.
    pub fn contribution(&self) -> Contribution {
        if AT_COST_KINDS.contains(&self.soort.as_str()) {
            Contribution::AtCost {
                kind: self.soort.clone(),
                amount_excl_vat: self.bedrag.unwrap_or(0.0),
            }
        } else {
            let months = match (self.begindatum, self.einddatum) {
                (Some(a), Some(b)) => months_between(a, b),
                _ => 0,
            };
            Contribution::Candidate {
                group: self.soort.clone(),
                hours_per_week: self.uren_per_week.unwrap_or(0.0),
                months,
                age: self.leeftijd.map(|a| a.max(0.0) as u32),
                bonuses: self.bonuses(),
            }
        }
    }
}

/// A contribution as entered.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct ContributionDraft {
    /// titel
    pub titel: String,
    /// verplichting
    pub verplichting: String,
    /// soort
    pub soort: String,
    /// kandidaat
    pub kandidaat: String,
    /// begindatum
    pub begindatum: String,
    /// einddatum
    pub einddatum: String,
    /// urenPerWeek
    #[serde(rename = "urenPerWeek")]
    pub uren_per_week: Option<f64>,
    /// leeftijd
    pub leeftijd: Option<f64>,
    /// bedrag
    pub bedrag: Option<f64>,
    /// statushouder
    pub statushouder: String,
    /// vastContract
    #[serde(rename = "vastContract")]
    pub vast_contract: String,
    /// naStage
    #[serde(rename = "naStage")]
    pub na_stage: String,
}

impl ContributionDraft {
    /// Checks the draft; every fault at once. A candidate needs a number that is no BSN, a
    /// period and hours; a purchase needs its amount.
    pub fn parse(&self, known: &dyn Known) -> Result<ContributionRecord, Vec<Fault>> {
        let mut c = Check::new(known);
        let titel = c.text("titel", &self.titel, true, 200);
        let verplichting = self.verplichting.trim().to_string();
        if verplichting.is_empty() {
            c.fault(
                "verplichting",
                "required",
                "Kies de SROI-verplichting waar deze inzet voor telt.",
            );
        } else if !known.record("sroi-verplichting", &verplichting) {
            c.fault(
                "verplichting",
                "unknown",
                format!("Er is geen SROI-verplichting met id '{verplichting}' die u mag zien."),
            );
        }
        let soort = self.soort.trim().to_string();
        let listed = CONTRIBUTION_KINDS.iter().any(|k| k.value == soort);
        if soort.is_empty() {
            c.fault("soort", "required", crate::coherence::EMPTY_CHOICE);
        } else if !listed {
            let all: Vec<&str> = CONTRIBUTION_KINDS.iter().map(|k| k.value).collect();
            c.fault("soort", "enum", format!("Kies uit {}.", all.join(", ")));
        }
        let at_cost = AT_COST_KINDS.contains(&soort.as_str());
        let kandidaat = self.kandidaat.trim();
        if looks_like_bsn(kandidaat) {
            c.fault(
                "kandidaat",
                "bsn",
                "Dit lijkt een burgerservicenummer. Gebruik het nummer waaronder de opdrachtnemer of het \
                 werkgeversservicepunt de kandidaat kent: een BSN hoort niet in Samenhang.",
            );
        } else if kandidaat.chars().count() > 40 {
            c.fault("kandidaat", "length", "Een kandidaatnummer is hoogstens 40 tekens.");
        }
        let begindatum = c.date("begindatum", &self.begindatum);
        let einddatum = c.date("einddatum", &self.einddatum);
        c.period(begindatum, einddatum);
        // Within the obligation's period, where it has one.
        if let Some((from, until)) = known.record_period("sroi-verplichting", &verplichting) {
            let show = |d: NaiveDate| d.format("%d-%m-%Y").to_string();
            if let (Some(from), Some(start)) = (from, begindatum) {
                if start < from {
                    c.fault(
                        "begindatum",
                        "range",
                        format!(
                            "De inzet begint vóór de begindatum van de verplichting ({}); alleen inzet binnen de looptijd telt.",
                            show(from)
                        ),
                    );
                }
            }
            if let Some(until) = until {
                for (field, date, what) in [
                    ("begindatum", begindatum, "begint"),
                    ("einddatum", einddatum, "eindigt"),
                ] {
                    if date.is_some_and(|d| d > until) {
                        c.fault(
                            field,
                            "range",
                            format!(
                                "De inzet {what} na de einddatum van de verplichting ({}); alleen inzet binnen de looptijd telt.",
                                show(until)
                            ),
                        );
                    }
                }
            }
        }
        let optional = |c: &mut Check, field: &str, v: Option<f64>, what: &str| {
            v.and_then(|x| c.positive(field, Some(x), what, true))
        };
        let uren_per_week = optional(&mut c, "urenPerWeek", self.uren_per_week, "het aantal uren per week");
        let leeftijd = optional(&mut c, "leeftijd", self.leeftijd, "de leeftijd");
        let bedrag = optional(&mut c, "bedrag", self.bedrag, "het factuurbedrag");
        if listed && at_cost {
            if self.bedrag.is_none() {
                c.fault("bedrag", "required", "Vul het factuurbedrag zonder btw in.");
            }
        } else if listed {
            if kandidaat.is_empty() {
                c.fault(
                    "kandidaat",
                    "required",
                    "Vul het kandidaatnummer in (geen naam of BSN).",
                );
            }
            if self.begindatum.trim().is_empty() {
                c.fault("begindatum", "required", "Vul de begindatum van het contract in.");
            }
            if self.einddatum.trim().is_empty() {
                c.fault("einddatum", "required", "Vul de einddatum van het contract in.");
            }
            if self.uren_per_week.is_none() {
                c.fault("urenPerWeek", "required", "Vul het aantal uren per week in.");
            }
        }
        let mut yes_no = |field: &str, raw: &str| {
            let raw = raw.trim();
            if raw.is_empty() {
                None
            } else if YES_NO.iter().any(|c| c.value == raw) {
                if raw == "ja" && listed && at_cost {
                    c.fault(
                        field,
                        "conflict",
                        "Een bonus hoort bij een kandidaat, niet bij een inkoop.",
                    );
                }
                Some(raw.to_string())
            } else {
                c.fault(field, "enum", "Kies uit ja, nee.");
                None
            }
        };
        let statushouder = yes_no("statushouder", &self.statushouder);
        let vast_contract = yes_no("vastContract", &self.vast_contract);
        let na_stage = yes_no("naStage", &self.na_stage);
        let value = Some(ContributionRecord {
            titel,
            verplichting,
            soort,
            kandidaat: (!kandidaat.is_empty()).then(|| kandidaat.to_string()),
            begindatum,
            einddatum,
            uren_per_week,
            leeftijd,
            bedrag,
            statushouder,
            vast_contract,
            na_stage,
        });
        c.done(value)
    }
}

/// Where an obligation stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum RealisationStatus {
    /// The contributions reach the obligation.
    Gerealiseerd,
    /// Ahead of or on the straight line from the start to the obligation at the end.
    OpKoers,
    /// Behind that line.
    Achter,
    /// Past its end date and not reached.
    Verlopen,
    /// No period: no pace to compare with.
    ZonderPeriode,
}

impl RealisationStatus {
    /// In Dutch, for a page.
    pub fn label(self) -> &'static str {
        match self {
            RealisationStatus::Gerealiseerd => "gerealiseerd",
            RealisationStatus::OpKoers => "op koers",
            RealisationStatus::Achter => "loopt achter",
            RealisationStatus::Verlopen => "verlopen",
            RealisationStatus::ZonderPeriode => "zonder looptijd",
        }
    }
}

/// The status of an obligation of `amount` with `done` realised on `today`, and the amount
/// expected by then on a straight line from `begin` (nothing) to `end` (everything).
pub fn realisation_status(
    amount: f64,
    done: f64,
    begin: Option<NaiveDate>,
    end: Option<NaiveDate>,
    today: NaiveDate,
) -> (RealisationStatus, Option<f64>) {
    if done >= amount {
        return (RealisationStatus::Gerealiseerd, Some(amount));
    }
    let (Some(begin), Some(end)) = (begin, end) else {
        return (RealisationStatus::ZonderPeriode, None);
    };
    if today > end {
        return (RealisationStatus::Verlopen, Some(amount));
    }
    let total_days = (end - begin).num_days().max(1) as f64;
    let passed = (today - begin).num_days().clamp(0, (end - begin).num_days().max(1)) as f64;
    let expected = amount * passed / total_days;
    let status = if done >= expected {
        RealisationStatus::OpKoers
    } else {
        RealisationStatus::Achter
    };
    (status, Some(expected))
}

/// What will have been realised by `end` if the pace so far (`done` since `begin`) holds;
/// `None` without a period, before it starts or after it ends.
pub fn forecast(done: f64, begin: Option<NaiveDate>, end: Option<NaiveDate>, today: NaiveDate) -> Option<f64> {
    let (begin, end) = (begin?, end?);
    if today <= begin || today > end {
        return None;
    }
    let total = (end - begin).num_days().max(1) as f64;
    let passed = (today - begin).num_days() as f64;
    Some(done * total / passed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn group(code: &str, value: f64, cap: Option<u32>) -> TargetGroup {
        TargetGroup {
            code: code.into(),
            naam: code.into(),
            waarde_per_jaar: value,
            max_maanden: cap,
            min_uren: None,
        }
    }

    /// The Haaglanden table's values as the issue lists them, with Den Haag's caps.
    fn haaglanden(version: u32, from: &str) -> ValuationTable {
        ValuationTable {
            id: "haaglanden-zhc".into(),
            versie: version,
            naam: "Haaglanden".into(),
            gebieden: vec!["AM21".into(), "AM34".into()],
            geldig_vanaf: Some(date(from)),
            geldig_tot_en_met: None,
            uren_basis: 36.0,
            bron: "test".into(),
            doelgroepen: vec![
                group("participatiewet", 40_000.0, Some(24)),
                group("ww", 20_000.0, Some(12)),
                group("banenafspraak", 50_000.0, None),
            ],
            bonussen: vec![Bonus {
                code: "leeftijd-55".into(),
                naam: "55 jaar of ouder".into(),
                waarde_per_jaar: 10_000.0,
                vanaf_leeftijd: Some(55),
            }],
            tegen_kosten: vec![AtCost {
                code: "inkoop-sociale-onderneming".into(),
                naam: "Inkoop bij een sociale onderneming".into(),
            }],
        }
    }

    fn candidate(group: &str, hours: f64, months: u32, age: Option<u32>) -> Contribution {
        Contribution::Candidate {
            group: group.into(),
            hours_per_week: hours,
            months,
            age,
            bonuses: vec![],
        }
    }

    fn cents(v: f64) -> i64 {
        (v * 100.0).round() as i64
    }

    #[test]
    fn candidates_are_valued_by_hours_months_caps_and_age() {
        let t = haaglanden(1, "2023-07-01");
        let v = value(&t, &candidate("participatiewet", 36.0, 6, None)).unwrap();
        assert_eq!(cents(v.total), 2_000_000);
        let v = value(&t, &candidate("participatiewet", 24.0, 6, None)).unwrap();
        assert_eq!(cents(v.total), 1_333_333);
        let v = value(&t, &candidate("ww", 36.0, 12, Some(56))).unwrap();
        assert_eq!(v.steps.len(), 2);
        assert_eq!(
            (cents(v.steps[0].amount), cents(v.steps[1].amount)),
            (2_000_000, 1_000_000)
        );
        assert!(v.steps[1].text.starts_with("55 jaar of ouder"));
        let v = value(&t, &candidate("participatiewet", 36.0, 30, None)).unwrap();
        assert_eq!(cents(v.total), 8_000_000, "24 of the 30 months count");
        assert!(
            v.steps[0].text.contains("van de 30 maanden tellen er 24"),
            "{}",
            v.steps[0].text
        );
        // More hours than the basis count as full time.
        let v = value(&t, &candidate("banenafspraak", 40.0, 12, Some(30))).unwrap();
        assert_eq!((cents(v.total), v.steps.len()), (5_000_000, 1));
    }

    #[test]
    fn a_purchase_counts_without_vat_and_bad_input_is_named() {
        let t = haaglanden(1, "2023-07-01");
        let amount = excluding_vat(12_100.0, 0.21);
        let v = value(
            &t,
            &Contribution::AtCost {
                kind: "inkoop-sociale-onderneming".into(),
                amount_excl_vat: amount,
            },
        )
        .unwrap();
        assert_eq!(cents(v.total), 1_000_000);
        assert!(v.steps[0].text.contains("€\u{a0}10.000,00"), "{}", v.steps[0].text);
        assert_eq!(
            value(&t, &candidate("kat", 36.0, 1, None)),
            Err(ValuationError::UnknownGroup("kat".into()))
        );
        assert_eq!(
            value(&t, &candidate("ww", -1.0, 1, None)),
            Err(ValuationError::Negative("Het aantal uren per week"))
        );
        assert_eq!(
            value(&t, &candidate("ww", f64::NAN, 1, None)),
            Err(ValuationError::Negative("Het aantal uren per week"))
        );
        let named = Contribution::Candidate {
            group: "ww".into(),
            hours_per_week: 36.0,
            months: 1,
            age: None,
            bonuses: vec!["statushouder".into()],
        };
        // A bonus of a kind this table does not value counts for nothing, and says so.
        let v = value(&t, &named).unwrap();
        assert!((v.total - 20_000.0 / 12.0).abs() < 1e-9, "{}", v.total);
        assert_eq!(v.steps[1].text, "Statushouder: deze tabel geeft hiervoor geen bonus");
        let unheard = Contribution::Candidate {
            group: "ww".into(),
            hours_per_week: 36.0,
            months: 1,
            age: None,
            bonuses: vec!["voorrang".into()],
        };
        assert_eq!(
            value(&t, &unheard),
            Err(ValuationError::UnknownBonus("voorrang".into()))
        );
    }

    #[test]
    fn an_obligation_is_a_percentage_above_the_threshold() {
        let rule = ObligationRule::Percentage {
            percent: 5.0,
            threshold: 250_000.0,
        };
        assert_eq!(cents(obligation(1_200_000.0, rule)), 6_000_000);
        assert_eq!(obligation(200_000.0, rule), 0.0);
        assert_eq!(obligation(250_000.0, rule), 12_500.0);
        assert_eq!(obligation(10.0, ObligationRule::Amount(5_000.0)), 5_000.0);
    }

    #[test]
    fn the_tender_date_picks_the_version() {
        let mut old = haaglanden(1, "2020-01-01");
        old.geldig_tot_en_met = Some(date("2023-06-30"));
        old.doelgroepen[0].waarde_per_jaar = 30_000.0;
        let new = haaglanden(2, "2023-07-01");
        let tables = [old, new];
        let before = table_for(&tables, &["GM0518", "AM21"], date("2023-03-01")).unwrap();
        let after = table_for(&tables, &["GM0518", "AM21"], date("2023-09-01")).unwrap();
        assert_eq!((before.versie, after.versie), (1, 2));
        let c = candidate("participatiewet", 36.0, 12, None);
        assert_ne!(value(before, &c).unwrap().total, value(after, &c).unwrap().total);
        assert!(table_for(&tables, &["GM0153", "AM05"], date("2024-01-01")).is_none());
        assert!(table_for(&tables, &["AM21"], date("2019-12-31")).is_none());
        assert!(overlapping_versions(&tables).is_empty());
        let mut overlap = haaglanden(3, "2023-01-01");
        overlap.geldig_tot_en_met = Some(date("2023-12-31"));
        assert_eq!(
            overlapping_versions(&[tables[0].clone(), tables[1].clone(), overlap]),
            vec![
                ("haaglanden-zhc".to_string(), 1, 3),
                ("haaglanden-zhc".to_string(), 2, 3)
            ]
        );
    }

    #[test]
    fn an_open_version_ends_when_the_next_begins_and_bonuses_count_once() {
        let mut t = haaglanden(1, "2020-01-01");
        t.bonussen.push(Bonus {
            code: "statushouder".into(),
            naam: "Statushouder".into(),
            waarde_per_jaar: 6_000.0,
            vanaf_leeftijd: None,
        });
        let mut later = haaglanden(2, "2023-07-01");
        later.geldig_tot_en_met = Some(date("2025-12-31"));
        let tables = [t.clone(), later];
        assert!(overlapping_versions(&tables).is_empty());
        assert_eq!(table_for(&tables, &["AM21"], date("2023-06-30")).unwrap().versie, 1);
        assert_eq!(table_for(&tables, &["AM21"], date("2024-01-01")).unwrap().versie, 2);
        assert!(
            table_for(&tables, &["AM21"], date("2026-01-01")).is_none(),
            "v1 does not come back"
        );
        let mut same_start = haaglanden(3, "2020-01-01");
        same_start.geldig_tot_en_met = None;
        assert_eq!(overlapping_versions(&[t.clone(), same_start]).len(), 1);
        let twice = Contribution::Candidate {
            group: "ww".into(),
            hours_per_week: 36.0,
            months: 12,
            age: None,
            bonuses: vec!["statushouder".into(), "statushouder".into()],
        };
        assert_eq!(cents(value(&t, &twice).unwrap().total), 2_600_000);
        let by_name = Contribution::Candidate {
            group: "ww".into(),
            hours_per_week: 36.0,
            months: 12,
            age: None,
            bonuses: vec!["leeftijd-55".into()],
        };
        assert_eq!(value(&t, &by_name), Err(ValuationError::AgeBonus("leeftijd-55".into())));
        let v = value(&t, &candidate("ww", 40.0, 12, None)).unwrap();
        assert!(
            v.steps[0].text.contains("× 36 / 36 uur") && v.steps[0].text.contains("telt als voltijd"),
            "{}",
            v.steps[0].text
        );
        let v = value(&t, &candidate("ww", 24.5, 12, None)).unwrap();
        assert!(v.steps[0].text.contains("× 24,5 / 36 uur"), "{}", v.steps[0].text);
    }

    #[test]
    fn the_status_follows_the_pace_from_start_to_end() {
        let (b, e) = (Some(date("2026-01-01")), Some(date("2026-12-31")));
        let today = date("2026-07-02");
        let (s, expected) = realisation_status(60_000.0, 20_000.0, b, e, today);
        assert_eq!(s, RealisationStatus::Achter);
        assert!((expected.unwrap() - 30_000.0).abs() < 200.0);
        assert_eq!(
            realisation_status(60_000.0, 40_000.0, b, e, today).0,
            RealisationStatus::OpKoers
        );
        assert_eq!(
            realisation_status(60_000.0, 60_000.0, b, e, today).0,
            RealisationStatus::Gerealiseerd
        );
        assert_eq!(
            realisation_status(60_000.0, 1.0, b, e, date("2027-01-01")).0,
            RealisationStatus::Verlopen
        );
        assert_eq!(
            realisation_status(60_000.0, 1.0, None, e, today).0,
            RealisationStatus::ZonderPeriode
        );
        assert_eq!(
            realisation_status(0.0, 0.0, None, None, today).0,
            RealisationStatus::Gerealiseerd
        );
    }

    #[test]
    fn months_are_counted_whole() {
        assert_eq!(months_between(date("2025-01-01"), date("2025-06-30")), 6);
        assert_eq!(months_between(date("2025-01-15"), date("2025-02-13")), 0);
        assert_eq!(months_between(date("2025-01-15"), date("2025-02-14")), 1);
        assert_eq!(months_between(date("2025-03-01"), date("2025-02-01")), 0);
    }

    #[test]
    fn the_forecast_extends_the_pace_so_far_to_the_end() {
        let (b, e) = (Some(date("2026-01-01")), Some(date("2026-12-31")));
        // A quarter of the year passed (90 of 364 days), 10,000 done: 40,444.44 by the end.
        let f = forecast(10_000.0, b, e, date("2026-04-01")).unwrap();
        assert!((f - 10_000.0 * 364.0 / 90.0).abs() < 1e-6, "{f}");
        assert_eq!(forecast(10_000.0, b, e, date("2026-01-01")), None);
        assert_eq!(forecast(10_000.0, b, e, date("2027-01-01")), None);
        assert_eq!(forecast(10_000.0, None, e, date("2026-04-01")), None);
    }

    #[test]
    fn pso_standing_names_the_trede_met_and_the_next_norm() {
        let norms = [PsoNorm {
            medewerkers: 50,
            treden: [3.0, 3.7, 6.8],
        }];
        let today = date("2026-12-04");
        let s = pso_standing(
            &norms,
            Some("trede-1"),
            Some(date("2027-03-31")),
            Some(50),
            Some(3.2),
            today,
        )
        .unwrap();
        assert_eq!(s.trede, Some("Trede 1"));
        assert_eq!(s.geldig, Some(true));
        assert_eq!(s.norm_trede, Some(1));
        assert_eq!(
            s.oordeel,
            "Trede 1, geldig tot en met 31-03-2027. Met 3,2 % uit de doelgroep bij 50 medewerkers haalt de onderneming trede 1 \
             (norm 3,0 %), niet trede 2 (norm 3,7 %)."
        );
        let expired = pso_standing(&norms, Some("trede-2"), Some(date("2026-01-01")), None, None, today).unwrap();
        assert_eq!(expired.geldig, Some(false));
        assert_eq!(expired.norm_trede, None);
        assert!(
            expired.oordeel.contains("verlopen op 01-01-2026"),
            "{}",
            expired.oordeel
        );
        let none = pso_standing(&norms, None, None, Some(60), Some(1.0), today).unwrap();
        assert_eq!(none.norm_trede, Some(0));
        assert!(
            none.oordeel
                .contains("haalt de onderneming geen trede (trede 1 vraagt 3,0 %)"),
            "{}",
            none.oordeel
        );
        assert_eq!(pso_standing(&norms, None, None, None, Some(4.0), today), None);
        // One employee: below every published norm, so not judged.
        let small = pso_standing(&norms, None, None, Some(1), Some(50.0), today).unwrap();
        assert_eq!(small.norm_trede, None);
        assert!(
            small.oordeel.starts_with("Voor 1 medewerker is geen PSO-norm"),
            "{}",
            small.oordeel
        );
        let unjudged = pso_standing(&[], Some("trede-1"), None, Some(60), Some(5.0), today).unwrap();
        assert_eq!((unjudged.norm_trede, unjudged.oordeel.as_str()), (None, "Trede 1."));
    }

    #[test]
    fn pso_treden_follow_the_norm_for_the_size() {
        let norms = [
            PsoNorm {
                medewerkers: 10,
                treden: [6.7, 9.0, 15.5],
            },
            PsoNorm {
                medewerkers: 50,
                treden: [3.0, 3.7, 6.8],
            },
        ];
        assert_eq!(pso_trede(&norms, 50, 3.2), Some(1));
        assert_eq!(pso_trede(&norms, 50, 7.0), Some(3));
        assert_eq!(pso_trede(&norms, 50, 2.9), None);
        assert_eq!(pso_trede(&norms, 20, 3.2), None, "the norm of 10 employees applies");
        assert_eq!(pso_trede(&norms, 5, 50.0), None);
    }

    #[test]
    fn a_bsn_is_recognised_by_the_elfproef() {
        assert!(looks_like_bsn("111222333"));
        assert!(looks_like_bsn("123456782"));
        assert!(!looks_like_bsn("123456789"));
        assert!(!looks_like_bsn("KAND-0042"));
        assert!(!looks_like_bsn("12345678"));
        assert!(!looks_like_bsn("000000000"));
        assert!(looks_like_bsn("1234 5678 2"));
        assert!(looks_like_bsn("123.456.782"));
        assert!(looks_like_bsn("12345672"), "eight digits: 012345672");
        assert!(!looks_like_bsn("KAND 1234 5678 2"));
    }

    proptest::proptest! {
        #[test]
        fn valuation_never_panics(hours in proptest::num::f64::ANY, months in 0u32..1000, age in proptest::option::of(0u32..120)) {
            let _ = value(&haaglanden(1, "2023-07-01"), &candidate("participatiewet", hours, months, age));
        }
    }
}
