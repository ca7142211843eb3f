// SPDX-License-Identifier: EUPL-1.2
//! What a text mentions: the concepts (or anything with labels) whose label occurs in it, with
//! the same Dutch analysis as search (folded, stemmed: "regelingen" mentions "regeling",
//! "DUO-aanpak" and "duo aanpak" are the same words), and names that are the same but for a
//! typing error or two ("Bogor-Odoorn" for Borger-Odoorn).

use std::collections::HashMap;

use rust_stemmers::{Algorithm, Stemmer};

use crate::{fold, within};

/// Something to find in a text: an id and its labels.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Labelled {
    /// The caller's id.
    pub id: String,
    /// Its labels (preferred first).
    pub labels: Vec<String>,
}

/// A mention: the id, and the label as it was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// The id of what is mentioned.
    pub id: String,
    /// The label that matched.
    pub label: String,
    /// How often.
    pub count: usize,
}

/// One label of a thing: the thing's position, the label's stems, the label, and the word as
/// it must be written when the label is a short name or acronym.
struct Label {
    thing: usize,
    stems: Vec<String>,
    label: String,
    written: Option<String>,
}

/// Finds labels in texts; built once from the labelled things.
pub struct Mentions {
    stemmer: Stemmer,
    /// First stem of a label → the labels that start with it.
    by_first: HashMap<String, Vec<Label>>,
    ids: Vec<String>,
}

impl std::fmt::Debug for Mentions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Mentions").field("things", &self.ids.len()).finish()
    }
}

/// The words of a text as written, split at anything that is not a letter or digit.
fn raw_words(text: &str) -> Vec<&str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect()
}

impl Mentions {
    /// Prepares the labels of `things`. A label of one short word (four letters or fewer) is an
    /// acronym, a short name or too common a word to find by its stem: it matches only as
    /// written, capitals and all ("AMR", "SROI", "Oss"), and not at all when the label is in
    /// lower case.
    pub fn new(things: &[Labelled]) -> Mentions {
        let stemmer = Stemmer::create(Algorithm::Dutch);
        let mut by_first: HashMap<String, Vec<Label>> = HashMap::new();
        for (n, t) in things.iter().enumerate() {
            for label in &t.labels {
                let words = raw_words(label);
                let stems: Vec<String> = words.iter().map(|w| stemmer.stem(&fold(w)).into_owned()).collect();
                let Some(first) = stems.first().cloned() else { continue };
                let acronym = match words.as_slice() {
                    [one] if one.chars().count() <= 4 => {
                        if one.chars().any(char::is_uppercase) {
                            Some((*one).to_string())
                        } else {
                            continue;
                        }
                    }
                    _ => None,
                };
                by_first.entry(first).or_default().push(Label {
                    thing: n,
                    stems,
                    label: label.clone(),
                    written: acronym,
                });
            }
        }
        Mentions {
            stemmer,
            by_first,
            ids: things.iter().map(|t| t.id.clone()).collect(),
        }
    }

    /// What `text` mentions, most mentioned first (then by first mention).
    pub fn find(&self, text: &str) -> Vec<Mention> {
        let words = raw_words(text);
        let stems: Vec<String> = words.iter().map(|w| self.stemmer.stem(&fold(w)).into_owned()).collect();
        let mut found: Vec<(usize, Mention)> = Vec::new();
        for (at, stem) in stems.iter().enumerate() {
            let Some(candidates) = self.by_first.get(stem) else {
                continue;
            };
            // The longest label that matches here.
            let best = candidates
                .iter()
                .filter(|l| {
                    stems.get(at..at + l.stems.len()) == Some(l.stems.as_slice())
                        && l.written.as_ref().is_none_or(|a| words[at] == a)
                })
                .max_by_key(|l| l.stems.len());
            if let Some(Label { thing: n, label, .. }) = best {
                match found.iter_mut().find(|(_, m)| m.id == self.ids[*n]) {
                    Some((_, m)) => m.count += 1,
                    None => found.push((
                        at,
                        Mention {
                            id: self.ids[*n].clone(),
                            label: label.clone(),
                            count: 1,
                        },
                    )),
                }
            }
        }
        found.sort_by(|a, b| b.1.count.cmp(&a.1.count).then(a.0.cmp(&b.0)));
        found.into_iter().map(|(_, m)| m).collect()
    }
}

/// Whether two names are the same name: equal once folded (case, accents, hyphens and spaces
/// aside), or within one typing error for names of four to seven letters and two for longer.
pub fn same_name(a: &str, b: &str) -> bool {
    let norm = |s: &str| raw_words(&fold(s)).join(" ");
    let (a, b) = (norm(a), norm(b));
    if a.is_empty() || b.is_empty() {
        return false;
    }
    if a == b {
        return true;
    }
    let edits = match a.chars().count().min(b.chars().count()) {
        0..=3 => 0,
        4..=7 => 1,
        _ => 2,
    };
    edits > 0 && within(&a, &b, edits)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn things() -> Vec<Labelled> {
        let t = |id: &str, labels: &[&str]| Labelled {
            id: id.into(),
            labels: labels.iter().map(|s| s.to_string()).collect(),
        };
        vec![
            t("human-capital", &["human capital", "menselijk kapitaal"]),
            t("arbeidsmarktregio", &["arbeidsmarktregio", "AM", "AMR"]),
            t("sroi", &["social return on investment", "SROI", "social return"]),
            t("duo-aanpak", &["DUO-aanpak"]),
            t("regeling", &["regeling"]),
            t("ai", &["ai"]),
            t("GM0828", &["Oss"]),
        ]
    }

    #[test]
    fn labels_stems_and_acronyms() {
        let m = Mentions::new(&things());
        let found = m.find(
            "Ontwikkelingen rondom Human Capital. Benut je menselijk kapitaal. Koppeling met de arbeidsmarkt (AMR). \
             Via een werkpact of social return on investment. De DUO-aanpak (Meierijstad); versnippering van regelingen. \
             We zijn am het werk met ai, in Oss en oss.",
        );
        let ids: Vec<&str> = found.iter().map(|m| m.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "human-capital",
                "arbeidsmarktregio",
                "sroi",
                "duo-aanpak",
                "regeling",
                "GM0828"
            ]
        );
        assert_eq!(found[0].count, 2);
        assert_eq!(found[2].label, "social return on investment");
    }

    #[test]
    fn names_with_typing_errors() {
        assert!(same_name("Sudwest-Fryslan", "Súdwest-Fryslân"));
        assert!(same_name("Bogor-Odoorn", "Borger-Odoorn"));
        assert!(same_name("Sittard-Geleen", "Sittard Geleen"));
        assert!(!same_name("Oss", "Ede"));
        assert!(!same_name("Almelo", "Zwolle"));
        assert!(!same_name("", "Oss"));
    }
}
