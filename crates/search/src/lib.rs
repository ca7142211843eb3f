// SPDX-License-Identifier: EUPL-1.2
//! A small in-memory full-text index with Dutch analysis, for concepts, regions and indicators.
//!
//! - **Analysis**: lower case, diacritics folded ("creëren" → "creeren"), split on anything that
//!   is not a letter or digit, Dutch Snowball stemming ("werkloosheid" → "werkloos").
//! - **Matching** per query word, best first: the same stem; a label word that starts with the
//!   query word (prefix); a label word within one edit (two for long words) of it (fuzzy, via a
//!   deletion index, so no scan over all words); and, for definitions, the same stem. Adjacent
//!   query words are also tried joined ("arbeidsmarkt regio" finds "arbeidsmarktregio").
//! - **Ranking**: label matches weigh more than text matches; ties go to the shorter label.
//!
//! Built once from the documents and read-only afterwards; no I/O. [`mentions`] finds the
//! concepts a text mentions and names that differ by a typing error, with the same analysis.

use std::collections::{BTreeMap, HashMap, HashSet};

use rust_stemmers::{Algorithm, Stemmer};

pub mod mentions;
pub mod records;
pub use mentions::{same_name, Labelled, Mention, Mentions};

/// A document to index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// The caller's id.
    pub id: String,
    /// Labels: the preferred label first, then others (searched with prefix and fuzzy matching).
    pub labels: Vec<String>,
    /// Longer text (definitions), searched by stem only and ranked lower.
    pub texts: Vec<String>,
}

/// A hit.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// The document id.
    pub id: String,
    /// Score (higher is better).
    pub score: f64,
}

const EXACT_LABEL: f64 = 10.0;
const PREFERRED_BONUS: f64 = 2.0;
const PREFIX_LABEL: f64 = 6.0;
const FUZZY_LABEL: f64 = 4.0;
const TEXT: f64 = 1.5;

/// Folds diacritics and lower-cases (the same folding as region search).
pub use samenhang_domain::region::fold_for_search as fold;

/// Splits folded text into words.
pub fn words(input: &str) -> Vec<String> {
    fold(input)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// The Dutch stems of a text's words (folded first): "regelingen" → "regel".
pub fn stems(input: &str) -> Vec<String> {
    let stemmer = Stemmer::create(Algorithm::Dutch);
    words(input).iter().map(|w| stemmer.stem(w).into_owned()).collect()
}

/// The index.
pub struct Index {
    ids: Vec<String>,
    label_len: Vec<usize>,
    stemmer: Stemmer,
    /// Label word or its stem → (document, is preferred label).
    label_words: BTreeMap<String, Vec<(u32, bool)>>,
    /// Text stem → documents.
    text_stems: HashMap<String, Vec<u32>>,
    /// A label word with one letter deleted → the label words it comes from.
    deletions: HashMap<String, Vec<String>>,
}

impl std::fmt::Debug for Index {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Index").field("documents", &self.ids.len()).finish()
    }
}

fn one_deletions(word: &str) -> Vec<String> {
    let chars: Vec<char> = word.chars().collect();
    (0..chars.len())
        .map(|i| {
            chars
                .iter()
                .enumerate()
                .filter(|(j, _)| *j != i)
                .map(|(_, c)| *c)
                .collect()
        })
        .collect()
}

/// Levenshtein distance, bounded: stops early once it exceeds `max`.
fn within(a: &str, b: &str, max: usize) -> bool {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > max {
        return false;
    }
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut cur = vec![i; b.len() + 1];
        let mut best = cur[0];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            best = best.min(cur[j]);
        }
        if best > max {
            return false;
        }
        prev = cur;
    }
    prev[b.len()] <= max
}

fn max_edits(word: &str) -> usize {
    match word.chars().count() {
        0..=3 => 0,
        4..=7 => 1,
        _ => 2,
    }
}

impl Index {
    /// Builds the index.
    pub fn new(documents: &[Document]) -> Index {
        let stemmer = Stemmer::create(Algorithm::Dutch);
        let mut index = Index {
            ids: Vec::with_capacity(documents.len()),
            label_len: Vec::with_capacity(documents.len()),
            stemmer,
            label_words: BTreeMap::new(),
            text_stems: HashMap::new(),
            deletions: HashMap::new(),
        };
        for (n, doc) in documents.iter().enumerate() {
            let n = n as u32;
            index.ids.push(doc.id.clone());
            index
                .label_len
                .push(doc.labels.first().map_or(usize::MAX, |l| l.chars().count()));
            for (li, label) in doc.labels.iter().enumerate() {
                let ws = words(label);
                // The whole label as one word too, so "arbeidsmarkt regio" can meet a compound.
                let joined: String = ws.concat();
                for w in ws.iter().cloned().chain((ws.len() > 1).then_some(joined)) {
                    let stem = index.stemmer.stem(&w).into_owned();
                    for key in [w, stem] {
                        let postings = index.label_words.entry(key).or_default();
                        if !postings.contains(&(n, li == 0)) {
                            postings.push((n, li == 0));
                        }
                    }
                }
            }
            for text in &doc.texts {
                for w in words(text) {
                    let stem = index.stemmer.stem(&w).into_owned();
                    let postings = index.text_stems.entry(stem).or_default();
                    if postings.last() != Some(&n) {
                        postings.push(n);
                    }
                }
            }
        }
        let keys: Vec<String> = index.label_words.keys().cloned().collect();
        for w in keys {
            if max_edits(&w) == 0 {
                continue;
            }
            for d in one_deletions(&w) {
                index.deletions.entry(d).or_default().push(w.clone());
            }
        }
        index
    }

    /// Number of documents.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// Whether the index is empty.
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// Label words within the allowed edits of `word` (excluding `word` itself).
    fn fuzzy(&self, word: &str) -> Vec<&str> {
        let max = max_edits(word);
        if max == 0 {
            return vec![];
        }
        let mut candidates: HashSet<&str> = HashSet::new();
        let mut variants = vec![word.to_string()];
        variants.extend(one_deletions(word));
        if max >= 2 {
            let seconds: Vec<String> = variants.iter().skip(1).flat_map(|v| one_deletions(v)).collect();
            variants.extend(seconds);
        }
        for v in &variants {
            if let Some((w, _)) = self.label_words.get_key_value(v.as_str()) {
                candidates.insert(w.as_str());
            }
            if let Some(ws) = self.deletions.get(v) {
                candidates.extend(ws.iter().map(String::as_str));
            }
        }
        candidates
            .into_iter()
            .filter(|c| *c != word && within(c, word, max))
            .collect()
    }

    /// Scores for one query word: best score per document.
    fn score_word(&self, word: &str, scores: &mut HashMap<u32, f64>) {
        let stem = self.stemmer.stem(word).into_owned();
        let mut bump = |doc: u32, s: f64| {
            let e = scores.entry(doc).or_insert(0.0);
            if s > *e {
                *e = s;
            }
        };
        for key in [word, stem.as_str()] {
            if let Some(p) = self.label_words.get(key) {
                for &(d, preferred) in p {
                    bump(d, EXACT_LABEL + if preferred { PREFERRED_BONUS } else { 0.0 });
                }
            }
        }
        if word.chars().count() >= 2 {
            for (_, p) in self
                .label_words
                .range(word.to_string()..)
                .take_while(|(k, _)| k.starts_with(word))
                .take(200)
            {
                for &(d, preferred) in p {
                    bump(d, PREFIX_LABEL + if preferred { PREFERRED_BONUS / 2.0 } else { 0.0 });
                }
            }
        }
        for w in self.fuzzy(word) {
            if let Some(p) = self.label_words.get(w) {
                for &(d, _) in p {
                    bump(d, FUZZY_LABEL);
                }
            }
        }
        if let Some(p) = self.text_stems.get(&stem) {
            for &d in p {
                bump(d, TEXT);
            }
        }
    }

    /// Searches; returns at most `limit` hits, best first.
    pub fn search(&self, query: &str, limit: usize) -> Vec<Hit> {
        let ws = words(query);
        if ws.is_empty() {
            return vec![];
        }
        let mut total: HashMap<u32, (f64, usize)> = HashMap::new();
        let mut add = |scores: HashMap<u32, f64>, weight: usize| {
            for (d, s) in scores {
                let e = total.entry(d).or_insert((0.0, 0));
                e.0 += s;
                e.1 += weight;
            }
        };
        for w in &ws {
            let mut s = HashMap::new();
            self.score_word(w, &mut s);
            add(s, 1);
        }
        // Adjacent words joined: counts as matching both.
        for pair in ws.windows(2) {
            let mut s = HashMap::new();
            self.score_word(&pair.concat(), &mut s);
            add(s.into_iter().map(|(d, v)| (d, v * 2.0)).collect(), 2);
        }
        let mut hits: Vec<(u32, f64)> = total
            .into_iter()
            // Every query word must match (directly or as part of a joined pair).
            .filter(|(_, (_, matched))| *matched >= ws.len())
            .map(|(d, (s, _))| (d, s))
            .collect();
        hits.sort_by(|a, b| {
            b.1.total_cmp(&a.1)
                .then(self.label_len[a.0 as usize].cmp(&self.label_len[b.0 as usize]))
                .then(a.0.cmp(&b.0))
        });
        hits.into_iter()
            .take(limit)
            .map(|(d, score)| Hit {
                id: self.ids[d as usize].clone(),
                score,
            })
            .collect()
    }
}

/// A piece of text around the first word that matches the query, for a search result: the
/// words before it, the word itself (to highlight) and the words after it, cut with "…".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snippet {
    /// The text before the match.
    pub before: String,
    /// The matching word.
    pub hit: String,
    /// The text after the match.
    pub after: String,
}

/// The [`Snippet`] of `text` for `query`: the first word that starts with a query word or has
/// its stem, with about eight words before and sixteen after; `None` when no word matches.
pub fn snippet(text: &str, query: &str) -> Option<Snippet> {
    let stemmer = Stemmer::create(Algorithm::Dutch);
    let wanted: Vec<(String, String)> = words(query)
        .into_iter()
        .filter(|w| w.chars().count() >= 3)
        .map(|w| (stemmer.stem(&w).into_owned(), w))
        .collect();
    if wanted.is_empty() {
        return None;
    }
    let tokens: Vec<&str> = text.split_whitespace().collect();
    let at = tokens.iter().position(|t| {
        words(t).iter().any(|w| {
            wanted
                .iter()
                .any(|(stem, q)| w.starts_with(q.as_str()) || stemmer.stem(w) == stem.as_str())
        })
    })?;
    let from = at.saturating_sub(8);
    let to = (at + 17).min(tokens.len());
    let mut before = tokens[from..at].join(" ");
    if from > 0 {
        before.insert_str(0, "… ");
    }
    if !before.is_empty() {
        before.push(' ');
    }
    let mut after = tokens[at + 1..to].join(" ");
    if !after.is_empty() {
        after.insert(0, ' ');
    }
    if to < tokens.len() {
        after.push_str(" …");
    }
    Some(Snippet {
        before,
        hit: tokens[at].to_string(),
        after,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_snippet_is_cut_around_the_first_match() {
        let text = "Werkgevers krijgen een subsidie op de loonkosten als zij iemand uit de bijstand in dienst nemen die nog niet het volle loon kan verdienen, ook voor een proefperiode.";
        let s = snippet(text, "Bijstand").unwrap();
        assert_eq!(s.hit, "bijstand");
        assert!(s.before.starts_with("… ") && s.before.ends_with("uit de "));
        assert!(s.after.starts_with(" in dienst") && s.after.ends_with("proefperiode."));
        let long = format!("{text} {text}");
        assert!(snippet(&long, "bijstand").unwrap().after.ends_with(" …"));
        // By stem: "loonkosten" for "loonkost"; diacritics folded.
        assert_eq!(snippet(text, "loonkost").unwrap().hit, "loonkosten");
        assert_eq!(
            snippet("Een cooperatie van gemeenten.", "coöperatie").unwrap().hit,
            "cooperatie"
        );
        assert_eq!(snippet(text, "werkpact"), None);
        assert_eq!(snippet(text, "de"), None);
        assert_eq!(snippet("", "bijstand"), None);
    }

    proptest! {
        #[test]
        fn snippets_never_panic(text in "\\PC{0,200}", query in "\\PC{0,20}") {
            let _ = snippet(&text, &query);
        }
    }

    fn doc(id: &str, label: &str, text: &str) -> Document {
        Document {
            id: id.into(),
            labels: vec![label.into()],
            texts: vec![text.into()],
        }
    }

    fn index() -> Index {
        Index::new(&[
            doc(
                "werkloosheid",
                "werkloosheid",
                "Het niet hebben van betaald werk terwijl men dat wel zoekt.",
            ),
            doc(
                "werkloze-beroepsbevolking",
                "werkloze beroepsbevolking",
                "Personen zonder betaald werk.",
            ),
            doc(
                "arbeidsmarktregio",
                "arbeidsmarktregio",
                "Een van de 35 regio's waarin gemeenten en UWV samenwerken.",
            ),
            doc(
                "arbeidsmarkt",
                "arbeidsmarkt",
                "De markt waarop vraag naar en aanbod van arbeid samenkomen.",
            ),
            doc("samenhang", "samenhang creëren", "Beleid en uitvoering verbinden."),
            doc(
                "vacature",
                "vacature",
                "Een baan waarvoor een werkgever iemand zoekt; werkloosheid daalt.",
            ),
        ])
    }

    #[test]
    fn folds_stems_and_matches_prefixes() {
        let i = index();
        assert_eq!(i.search("creeren", 5)[0].id, "samenhang");
        assert_eq!(i.search("werkloos", 5)[0].id, "werkloosheid");
        assert_eq!(i.search("arbeidsmarkt regio", 5)[0].id, "arbeidsmarktregio");
        assert_eq!(i.search("arbeidsmarkt", 5)[0].id, "arbeidsmarkt");
    }

    #[test]
    fn fuzzy_and_labels_above_text() {
        let i = index();
        assert_eq!(i.search("vakature", 5)[0].id, "vacature");
        let hits = i.search("werkloosheid", 5);
        assert_eq!(hits[0].id, "werkloosheid");
        // The definition of "vacature" mentions werkloosheid; it ranks below the label match.
        let pos = hits.iter().position(|h| h.id == "vacature").unwrap();
        assert!(pos > 0);
        assert!(i.search("", 5).is_empty());
    }

    proptest! {
        #[test]
        fn never_panics(q in "\\PC{0,40}") {
            let i = index();
            let _ = i.search(&q, 10);
        }
    }
}
