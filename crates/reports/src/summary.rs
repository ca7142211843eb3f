// SPDX-License-Identifier: EUPL-1.2
//! An extractive summary: the sentences of a report that carry most of its content words, in
//! the order of the text. Nothing is written anew, so the summary never says what the report
//! does not.

use std::collections::HashMap;

/// Dutch words that carry no content.
const STOP: &[&str] = &[
    "de", "het", "een", "en", "van", "in", "op", "te", "dat", "die", "is", "zijn", "voor", "met", "aan", "om", "ook",
    "als", "er", "bij", "niet", "door", "naar", "of", "wordt", "worden", "we", "wij", "hun", "hij", "zij", "ze", "dit",
    "deze", "uit", "over", "nog", "wel", "maar", "dan", "kan", "kunnen", "zal", "zullen", "heeft", "hebben", "was",
    "waren", "tot", "onze", "ons", "je", "men", "meer", "zo", "al", "hier", "daar", "wat", "hoe", "waar", "geen",
    "zich", "ook", "elkaar", "nu", "the", "and", "of", "to",
];

fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .map(str::to_lowercase)
        .filter(|w| w.chars().count() > 2 && !STOP.contains(&w.as_str()) && !w.chars().all(|c| c.is_ascii_digit()))
        .collect()
}

/// At most `n` sentences of `sentences`, in their order: those whose content words are the most
/// frequent in the whole text (per word, so long sentences win no prize), with a small bonus for
/// the opening of the text, where minutes say what a meeting was about.
pub fn summary(sentences: &[String], n: usize) -> Vec<String> {
    let mut freq: HashMap<String, f64> = HashMap::new();
    for s in sentences {
        for w in words(s) {
            *freq.entry(w).or_default() += 1.0;
        }
    }
    let mut scored: Vec<(usize, f64)> = sentences
        .iter()
        .enumerate()
        // A question or an announcement of a list says little by itself.
        .filter(|(_, s)| s.split_whitespace().count() >= 6 && !s.trim_end().ends_with([':', '?']))
        .map(|(i, s)| {
            let w = words(s);
            let total: f64 = w.iter().map(|x| freq.get(x).copied().unwrap_or(0.0)).sum();
            let mean = total / (w.len().max(1) as f64).sqrt();
            let position = 1.0 + 0.5 / (1.0 + i as f64);
            (i, mean * position)
        })
        .collect();
    scored.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let mut chosen: Vec<usize> = scored.into_iter().take(n).map(|(i, _)| i).collect();
    chosen.sort_unstable();
    chosen.into_iter().map(|i| sentences[i].clone()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picks_sentences_from_the_text_in_order() {
        let s: Vec<String> = [
            "De krapte op de arbeidsmarkt in de regio houdt aan en remt de groei.",
            "Koffie.",
            "Werkgevers en gemeenten zoeken samen naar mensen voor de krapte in de zorg.",
            "Het weer was goed tijdens de bijeenkomst in het stadhuis van de gemeente.",
            "De regio wil de krapte met werkgevers aanpakken via een werkpact in de regio.",
        ]
        .iter()
        .map(|x| x.to_string())
        .collect();
        let out = summary(&s, 2);
        assert_eq!(out.len(), 2);
        assert!(out.iter().all(|x| s.contains(x)));
        assert!(out.iter().all(|x| x.contains("krapte")), "{out:?}");
        assert!(s.iter().position(|x| *x == out[0]) < s.iter().position(|x| *x == out[1]));
    }
}
