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
//! - [`looks_like_bsn`]: a candidate id must never be a citizen service number.
//!
//! Amounts are euros as `f64`, rounded to cents only where they are shown or stored.

use chrono::{Months, NaiveDate};
use serde::Deserialize;

/// A bouwblokken valuation table, one version.
#[derive(Debug, Clone, PartialEq, Deserialize)]
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
    format!("{}€ {grouped},{frac:02}", if cents < 0 { "−" } else { "" })
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
            let named: Vec<&Bonus> = bonuses
                .iter()
                .map(|b| {
                    table
                        .bonussen
                        .iter()
                        .find(|x| &x.code == b)
                        .ok_or_else(|| ValuationError::UnknownBonus(b.clone()))
                })
                .collect::<Result<_, _>>()?;
            let mut steps = Vec::new();
            if let Some(min) = g.min_uren.filter(|m| hours_per_week < m) {
                steps.push(Step {
                    text: format!("{}: minder dan {min} uur per week telt niet mee", g.naam),
                    amount: 0.0,
                });
                return Ok(Valuation { steps, total: 0.0 });
            }
            let part = (hours_per_week / table.uren_basis).min(1.0);
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
                    "{}: {} per jaar × {hours_per_week} / {} uur × {counted} / 12 maanden{capped}",
                    g.naam,
                    euro(g.waarde_per_jaar),
                    table.uren_basis
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
            for b in by_age
                .into_iter()
                .chain(named.into_iter().filter(|b| b.vanaf_leeftijd.is_none()))
            {
                steps.push(Step {
                    text: format!(
                        "{}: {} per jaar, op dezelfde manier naar uren en maanden",
                        b.naam,
                        euro(b.waarde_per_jaar)
                    ),
                    amount: b.waarde_per_jaar * share,
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

/// Whether `table` applies on `date`.
fn in_force(table: &ValuationTable, date: NaiveDate) -> bool {
    table.geldig_vanaf.is_some_and(|from| from <= date) && table.geldig_tot_en_met.is_none_or(|to| date <= to)
}

/// The table version in force on `tender_date` for a contract in one of `areas` (the contract's
/// gemeente and its arbeidsmarktregio): the newest version of the first table that covers an
/// area and is in force; `None` when there is none.
pub fn table_for<'t>(
    tables: &'t [ValuationTable],
    areas: &[&str],
    tender_date: NaiveDate,
) -> Option<&'t ValuationTable> {
    tables
        .iter()
        .filter(|t| t.gebieden.iter().any(|g| areas.contains(&g.as_str())))
        .filter(|t| in_force(t, tender_date))
        .max_by_key(|t| (t.geldig_vanaf, t.versie))
}

/// Pairs of versions of one table whose periods overlap, as (id, version, version): a new
/// version must start after the one before it ends.
pub fn overlapping_versions(tables: &[ValuationTable]) -> Vec<(String, u32, u32)> {
    let mut out = Vec::new();
    for (i, a) in tables.iter().enumerate() {
        for b in tables.iter().skip(i + 1).filter(|b| b.id == a.id) {
            let (Some(a0), Some(b0)) = (a.geldig_vanaf, b.geldig_vanaf) else {
                continue;
            };
            let a1 = a.geldig_tot_en_met.unwrap_or(NaiveDate::MAX);
            let b1 = b.geldig_tot_en_met.unwrap_or(NaiveDate::MAX);
            // Versions without an end run until the next one starts.
            let open_ended = a.geldig_tot_en_met.is_none() && b.geldig_tot_en_met.is_none();
            if !open_ended && a0 <= b1 && b0 <= a1 {
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

/// Whether `id` has the form of a burgerservicenummer: nine digits that pass the elfproef. A
/// candidate's id must not be one (the register keeps pseudonymous ids only).
pub fn looks_like_bsn(id: &str) -> bool {
    let digits: Vec<u32> = id.trim().chars().filter_map(|c| c.to_digit(10)).collect();
    if digits.len() != 9 || id.trim().chars().any(|c| !c.is_ascii_digit()) {
        return false;
    }
    let sum: i64 = digits[..8]
        .iter()
        .zip((2..=9).rev())
        .map(|(d, w)| i64::from(*d) * w)
        .sum::<i64>()
        - i64::from(digits[8]);
    sum % 11 == 0 && digits.iter().any(|d| *d != 0)
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
        assert!(v.steps[0].text.contains("€ 10.000,00"), "{}", v.steps[0].text);
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
        assert_eq!(
            value(&t, &named),
            Err(ValuationError::UnknownBonus("statushouder".into()))
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
    fn months_are_counted_whole() {
        assert_eq!(months_between(date("2025-01-01"), date("2025-06-30")), 6);
        assert_eq!(months_between(date("2025-01-15"), date("2025-02-13")), 0);
        assert_eq!(months_between(date("2025-01-15"), date("2025-02-14")), 1);
        assert_eq!(months_between(date("2025-03-01"), date("2025-02-01")), 0);
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
        assert!(!looks_like_bsn("1234 5678 2"));
    }

    #[derive(Deserialize)]
    struct ShippedTables {
        tabel: Vec<ValuationTable>,
    }

    #[derive(Deserialize)]
    struct ShippedNorms {
        norm: Vec<PsoNorm>,
    }

    #[test]
    fn the_shipped_tables_give_the_published_values() {
        let tables: ShippedTables =
            toml::from_str(include_str!("../../../data/sroi/waarderingstabellen.toml")).unwrap();
        let tables = tables.tabel;
        assert_eq!(tables.len(), 3);
        assert!(overlapping_versions(&tables).is_empty());
        let t = table_for(&tables, &["GM0518", "AM21"], date("2024-03-01")).unwrap();
        assert_eq!(t.id, "haaglanden-zhc");
        let v = |c: &Contribution| cents(value(t, c).unwrap().total);
        assert_eq!(v(&candidate("participatiewet", 36.0, 6, None)), 2_000_000);
        assert_eq!(v(&candidate("participatiewet", 24.0, 6, None)), 1_333_333);
        assert_eq!(v(&candidate("ww", 36.0, 12, Some(56))), 3_000_000);
        assert_eq!(v(&candidate("participatiewet", 36.0, 30, None)), 8_000_000);
        let purchase = Contribution::AtCost {
            kind: "inkoop-sociale-onderneming".into(),
            amount_excl_vat: excluding_vat(12_100.0, 0.21),
        };
        assert_eq!(v(&purchase), 1_000_000);
        // Before the table's start, and for Utrecht (no date in the source): none by date.
        assert!(table_for(&tables, &["AM21"], date("2023-06-30")).is_none());
        assert!(table_for(&tables, &["GM0344"], date("2025-01-01")).is_none());
        let leiden = table_for(&tables, &["GM0546", "AM19"], date("2024-01-01")).unwrap();
        assert_eq!(
            cents(value(leiden, &candidate("ww", 36.0, 12, Some(60))).unwrap().total),
            3_000_000
        );
        let norms: ShippedNorms = toml::from_str(include_str!("../../../data/sroi/pso-normen.toml")).unwrap();
        assert_eq!(pso_trede(&norms.norm, 50, 3.2), Some(1));
        assert_eq!(pso_trede(&norms.norm, 400, 2.0), Some(2));
    }

    proptest::proptest! {
        #[test]
        fn valuation_never_panics(hours in proptest::num::f64::ANY, months in 0u32..1000, age in proptest::option::of(0u32..120)) {
            let _ = value(&haaglanden(1, "2023-07-01"), &candidate("participatiewet", hours, months, age));
        }
    }
}
