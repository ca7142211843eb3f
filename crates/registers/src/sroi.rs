// SPDX-License-Identifier: EUPL-1.2
//! The SROI data files (`data/sroi/`): bouwblokken valuation tables and PSO norms, in TOML. A
//! file with versions of one table whose periods overlap is refused, naming them.

use samenhang_domain::sroi::{overlapping_versions, PsoNorm, ValuationTable};
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TablesFile {
    tabel: Vec<ValuationTable>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NormsFile {
    norm: Vec<PsoNorm>,
}

/// Reads a file of valuation tables; `file` names it in a fault.
pub fn read_valuation_tables(text: &str, file: &str) -> Result<Vec<ValuationTable>, String> {
    let parsed: TablesFile = toml::from_str(text).map_err(|e| format!("{file}: {e}"))?;
    if let Some((id, a, b)) = overlapping_versions(&parsed.tabel).into_iter().next() {
        return Err(format!(
            "{file}: de versies {a} en {b} van waarderingstabel '{id}' gelden in dezelfde periode"
        ));
    }
    Ok(parsed.tabel)
}

/// Reads a file of PSO norms; `file` names it in a fault.
pub fn read_pso_norms(text: &str, file: &str) -> Result<Vec<PsoNorm>, String> {
    let parsed: NormsFile = toml::from_str(text).map_err(|e| format!("{file}: {e}"))?;
    Ok(parsed.norm)
}

#[cfg(test)]
mod tests {
    use super::*;
    use samenhang_domain::sroi::{excluding_vat, pso_trede, table_for, value, Contribution};

    fn date(s: &str) -> chrono::NaiveDate {
        chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
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
    fn the_shipped_tables_give_the_published_values() {
        let tables = read_valuation_tables(
            include_str!("../../../data/sroi/waarderingstabellen.toml"),
            "waarderingstabellen.toml",
        )
        .unwrap();
        assert_eq!(tables.len(), 3);
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
        let norms = read_pso_norms(include_str!("../../../data/sroi/pso-normen.toml"), "pso-normen.toml").unwrap();
        assert_eq!(pso_trede(&norms, 50, 3.2), Some(1));
        assert_eq!(pso_trede(&norms, 400, 2.0), Some(2));
    }

    #[test]
    fn every_code_of_the_shipped_tables_can_be_chosen_for_a_contribution() {
        let tables = read_valuation_tables(
            include_str!("../../../data/sroi/waarderingstabellen.toml"),
            "waarderingstabellen.toml",
        )
        .unwrap();
        let choices: Vec<&str> = samenhang_domain::sroi::CONTRIBUTION_KINDS
            .iter()
            .map(|k| k.value)
            .collect();
        for t in &tables {
            for code in t
                .doelgroepen
                .iter()
                .map(|g| &g.code)
                .chain(t.tegen_kosten.iter().map(|k| &k.code))
            {
                assert!(choices.contains(&code.as_str()), "{}: {code}", t.id);
            }
            for k in &t.tegen_kosten {
                assert!(
                    samenhang_domain::sroi::AT_COST_KINDS.contains(&k.code.as_str()),
                    "{}",
                    k.code
                );
            }
        }
    }

    #[test]
    fn overlapping_versions_and_unknown_fields_are_refused() {
        let one = |v: u32, from: &str| {
            format!(
                "[[tabel]]\nid = \"x\"\nversie = {v}\nnaam = \"X\"\ngebieden = [\"AM21\"]\ngeldig_vanaf = \"{from}\"\ngeldig_tot_en_met = \"2024-12-31\"\nuren_basis = 36\nbron = \"test\"\ndoelgroepen = []\n"
            )
        };
        let text = format!("{}{}", one(1, "2023-01-01"), one(2, "2024-06-01"));
        let e = read_valuation_tables(&text, "t.toml").unwrap_err();
        assert!(e.contains("versies 1 en 2") && e.starts_with("t.toml"), "{e}");
        let e = read_valuation_tables("[[tabel]]\nid = 1\n", "t.toml").unwrap_err();
        assert!(e.starts_with("t.toml"), "{e}");
        assert!(read_pso_norms(
            "[[norm]]\nmedewerkers = 2\ntreden = [1.0, 2.0, 3.0]\nkleur = 1\n",
            "n.toml"
        )
        .is_err());
    }
}
