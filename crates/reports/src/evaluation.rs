// SPDX-License-Identifier: EUPL-1.2
//! How well the reader does against hand-made expected results (`tests/verslagen/*.verwacht.json`):
//! precision, recall and F1 per field, summed over the reports (micro-averaged). Used by the
//! example `evaluatie` (which prints the table) and by a test that keeps the figures from
//! falling.
//!
//! Matching: an attendee by name (or, without names, by organisation); a topic, an item or a
//! decision by the overlap of its words with the expected text (Jaccard ≥ 0.5, each expected one
//! matched once). Organisations compare with diacritics folded and up to two typing errors, so
//! "Sudwest-Fryslan" counts for Súdwest-Fryslân; that tolerance is what the application's
//! matching to the region registry does too.

use std::collections::HashSet;

use chrono::NaiveDate;
use serde::Deserialize;

use crate::parse::{ItemKind, Report};

/// Expected results for one report.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct Expected {
    /// The meeting's day.
    pub datum: Option<NaiveDate>,
    /// Who were there.
    pub aanwezigen: Vec<ExpectedAttendee>,
    /// The topics.
    pub onderwerpen: Vec<ExpectedTopic>,
    /// Action items and recommendations.
    pub punten: Vec<ExpectedItem>,
    /// Decisions.
    pub besluiten: Vec<ExpectedItem>,
}

/// An expected attendee.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct ExpectedAttendee {
    /// The name ("" for an organisation alone).
    pub naam: String,
    /// The organisation.
    pub organisatie: String,
}

/// An expected topic.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct ExpectedTopic {
    /// Title.
    pub titel: String,
    /// Presenters' names (or organisations).
    pub presentatoren: Vec<String>,
}

/// An expected item.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct ExpectedItem {
    /// Its text.
    pub tekst: String,
    /// Its owner, when the report names one.
    pub eigenaar: Option<String>,
    /// Its due date, when the report gives one.
    pub deadline: Option<NaiveDate>,
}

/// Counts for one field.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Found and expected.
    pub hits: usize,
    /// Found.
    pub found: usize,
    /// Expected.
    pub expected: usize,
}

impl Counts {
    /// Precision (1 when nothing was found and nothing expected).
    pub fn precision(&self) -> f64 {
        if self.found == 0 {
            f64::from(u8::from(self.expected == 0))
        } else {
            self.hits as f64 / self.found as f64
        }
    }
    /// Recall (1 when nothing was expected).
    pub fn recall(&self) -> f64 {
        if self.expected == 0 {
            1.0
        } else {
            self.hits as f64 / self.expected as f64
        }
    }
    /// F1.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    fn add(&mut self, o: Counts) {
        self.hits += o.hits;
        self.found += o.found;
        self.expected += o.expected;
    }
}

/// The scores, per field.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scores {
    /// The meeting's date.
    pub date: Counts,
    /// Attendees.
    pub attendees: Counts,
    /// The organisation of each attendee found (of those with one expected).
    pub organisations: Counts,
    /// Topics.
    pub topics: Counts,
    /// Presenters of the topics found.
    pub presenters: Counts,
    /// Action items and recommendations.
    pub items: Counts,
    /// The owner of each item found, where one is expected.
    pub owners: Counts,
    /// The due date of each item found, where one is expected.
    pub due: Counts,
    /// Decisions.
    pub decisions: Counts,
}

impl Scores {
    /// Adds another report's counts.
    pub fn add(&mut self, o: &Scores) {
        self.date.add(o.date);
        self.attendees.add(o.attendees);
        self.organisations.add(o.organisations);
        self.topics.add(o.topics);
        self.presenters.add(o.presenters);
        self.items.add(o.items);
        self.owners.add(o.owners);
        self.due.add(o.due);
        self.decisions.add(o.decisions);
    }

    /// The fields with their Dutch names, in the order of a table.
    pub fn rows(&self) -> Vec<(&'static str, Counts)> {
        vec![
            ("datum", self.date),
            ("aanwezigen", self.attendees),
            ("organisatie van aanwezigen", self.organisations),
            ("onderwerpen", self.topics),
            ("presentatoren", self.presenters),
            ("actiepunten en aanbevelingen", self.items),
            ("eigenaar van een punt", self.owners),
            ("deadline van een punt", self.due),
            ("besluiten", self.decisions),
        ]
    }
}

/// Folds case and the common diacritics.
pub fn fold(s: &str) -> String {
    s.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'á' | 'à' | 'â' | 'ä' | 'ã' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'í' | 'ì' | 'î' | 'ï' => 'i',
            'ó' | 'ò' | 'ô' | 'ö' | 'õ' => 'o',
            'ú' | 'ù' | 'û' | 'ü' => 'u',
            'ç' => 'c',
            '’' | '‘' => '\'',
            c => c,
        })
        .collect()
}

/// Levenshtein distance (for short names).
pub fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != cb)).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

fn same_name(a: &str, b: &str) -> bool {
    let (a, b) = (fold(a.trim()), fold(b.trim()));
    a == b || (a.len() > 5 && distance(&a, &b) <= 2)
}

fn word_set(s: &str) -> HashSet<String> {
    fold(s)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.len() > 1)
        .map(str::to_string)
        .collect()
}

/// Jaccard of the words of two texts.
pub fn overlap(a: &str, b: &str) -> f64 {
    let (a, b) = (word_set(a), word_set(b));
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    a.intersection(&b).count() as f64 / a.union(&b).count() as f64
}

/// Pairs found texts with expected ones (best overlap first, each used once, overlap ≥ 0.5).
fn pair(found: &[&str], expected: &[&str]) -> Vec<(usize, usize)> {
    let mut candidates: Vec<(f64, usize, usize)> = Vec::new();
    for (i, f) in found.iter().enumerate() {
        for (j, e) in expected.iter().enumerate() {
            let o = overlap(f, e);
            if o >= 0.5 {
                candidates.push((o, i, j));
            }
        }
    }
    candidates.sort_by(|a, b| b.0.total_cmp(&a.0));
    let (mut used_f, mut used_e) = (HashSet::new(), HashSet::new());
    let mut out = Vec::new();
    for (_, i, j) in candidates {
        if !used_f.contains(&i) && !used_e.contains(&j) {
            used_f.insert(i);
            used_e.insert(j);
            out.push((i, j));
        }
    }
    out
}

/// The scores of one report against its expected results.
pub fn score(report: &Report, expected: &Expected) -> Scores {
    let mut s = Scores {
        date: Counts {
            hits: usize::from(report.date.is_some() && report.date == expected.datum),
            found: usize::from(report.date.is_some()),
            expected: usize::from(expected.datum.is_some()),
        },
        ..Scores::default()
    };
    // Attendees.
    let mut used = HashSet::new();
    s.attendees.found = report.attendees.len();
    s.attendees.expected = expected.aanwezigen.len();
    for a in &report.attendees {
        let hit = expected.aanwezigen.iter().enumerate().find(|(j, e)| {
            !used.contains(j)
                && match (a.name.as_deref(), e.naam.as_str()) {
                    (Some(n), en) if !en.is_empty() => same_name(n, en),
                    (None, "") => a.organisation.as_deref().is_some_and(|o| same_name(o, &e.organisatie)),
                    _ => false,
                }
        });
        if let Some((j, e)) = hit {
            used.insert(j);
            s.attendees.hits += 1;
            if !e.organisatie.is_empty() {
                s.organisations.expected += 1;
                if let Some(o) = &a.organisation {
                    s.organisations.found += 1;
                    s.organisations.hits += usize::from(same_name(o, &e.organisatie));
                }
            }
        }
    }
    // Topics and their presenters.
    let titles: Vec<&str> = report.topics.iter().map(|t| t.title.as_str()).collect();
    let wanted: Vec<&str> = expected.onderwerpen.iter().map(|t| t.titel.as_str()).collect();
    let pairs = pair(&titles, &wanted);
    s.topics = Counts {
        hits: pairs.len(),
        found: titles.len(),
        expected: wanted.len(),
    };
    for (i, j) in pairs {
        let got: Vec<String> = report.topics[i]
            .presenters
            .iter()
            .filter_map(|p| p.name.clone().or_else(|| p.organisation.clone()))
            .collect();
        let want = &expected.onderwerpen[j].presentatoren;
        s.presenters.found += got.len();
        s.presenters.expected += want.len();
        s.presenters.hits += got.iter().filter(|g| want.iter().any(|w| same_name(g, w))).count();
    }
    // Items and decisions.
    let items: Vec<&crate::parse::Item> = report.items.iter().filter(|i| i.kind != ItemKind::Besluit).collect();
    let texts: Vec<&str> = items.iter().map(|i| i.text.as_str()).collect();
    let wanted: Vec<&str> = expected.punten.iter().map(|p| p.tekst.as_str()).collect();
    let pairs = pair(&texts, &wanted);
    s.items = Counts {
        hits: pairs.len(),
        found: texts.len(),
        expected: wanted.len(),
    };
    for (i, j) in pairs {
        let (got, want) = (items[i], &expected.punten[j]);
        if let Some(w) = &want.eigenaar {
            s.owners.expected += 1;
            if let Some(g) = &got.owner {
                s.owners.found += 1;
                s.owners.hits += usize::from(same_name(g, w) || fold(w).ends_with(&fold(g)));
            }
        }
        if let Some(w) = want.deadline {
            s.due.expected += 1;
            if let Some(g) = got.due {
                s.due.found += 1;
                s.due.hits += usize::from(g == w);
            }
        }
    }
    let decisions: Vec<&str> = report
        .items
        .iter()
        .filter(|i| i.kind == ItemKind::Besluit)
        .map(|i| i.text.as_str())
        .collect();
    let wanted: Vec<&str> = expected.besluiten.iter().map(|p| p.tekst.as_str()).collect();
    s.decisions = Counts {
        hits: pair(&decisions, &wanted).len(),
        found: decisions.len(),
        expected: wanted.len(),
    };
    s
}

/// The scores as a Markdown table.
pub fn table(scores: &Scores) -> String {
    let mut out = String::from(
        "| veld | gevonden | verwacht | goed | precisie | recall | F1 |\n|---|---:|---:|---:|---:|---:|---:|\n",
    );
    for (name, c) in scores.rows() {
        out.push_str(&format!(
            "| {name} | {} | {} | {} | {:.2} | {:.2} | {:.2} |\n",
            c.found,
            c.expected,
            c.hits,
            c.precision(),
            c.recall(),
            c.f1()
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_and_matching() {
        let c = Counts {
            hits: 8,
            found: 10,
            expected: 16,
        };
        assert!((c.precision() - 0.8).abs() < 1e-9 && (c.recall() - 0.5).abs() < 1e-9);
        assert!((c.f1() - 8.0 / 13.0).abs() < 1e-9);
        assert!(same_name("Sudwest-Fryslan", "Súdwest-Fryslân"));
        assert!(same_name("Bogor-Odoorn", "Borger-Odoorn"));
        assert!(!same_name("Oss", "Ede"));
        assert_eq!(
            pair(
                &["Zet in op samenwerking tussen IPO en VNG."],
                &["Zetin op samenwerking tussen IPO en VNG"]
            )
            .len(),
            1
        );
    }
}
