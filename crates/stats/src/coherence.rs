// SPDX-License-Identifier: EUPL-1.2
//! Coherence analyses over the registers, as pure functions:
//! - fragmentation of schemes: the overlap of target group × instrument across providers, the
//!   number of schemes an employer meets for one need, and near-duplicate descriptions
//!   (MinHash over word shingles with banded LSH, then the exact Jaccard of the candidates);
//! - doe-geld versus procesgeld: the share of each per organisation or theme;
//! - consultation bodies: load in hours per year per person and per organisation, overlap of
//!   participants and themes (Jaccard), and candidates to merge or drop, with the reason.
//!
//! The server maps stored records to the `…Facts` inputs; nothing here reads or writes.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use samenhang_domain::coherence::Mandate;
use samenhang_domain::region::fold_for_search;

/// What the analyses need of a scheme.
#[derive(Debug, Clone, PartialEq)]
pub struct SchemeFacts {
    /// Id.
    pub id: String,
    /// Provider (organisation id).
    pub provider: String,
    /// Target groups (concept ids).
    pub target_groups: Vec<String>,
    /// Instrument (concept id).
    pub instrument: String,
    /// Needs (concept ids).
    pub needs: Vec<String>,
    /// Title and description, for near-duplicates.
    pub text: String,
    /// Budget in euros.
    pub budget: f64,
    /// Whether the budget is doe-geld (else procesgeld).
    pub doing: bool,
}

/// Schemes that share a target group and an instrument.
#[derive(Debug, Clone, PartialEq)]
pub struct OverlapCell {
    /// Target group.
    pub target_group: String,
    /// Instrument.
    pub instrument: String,
    /// Distinct providers, sorted.
    pub providers: Vec<String>,
    /// Scheme ids, sorted.
    pub schemes: Vec<String>,
}

/// Distinct providers and scheme ids of one cell or need.
type Sets<'a> = (BTreeSet<&'a str>, BTreeSet<&'a str>);

/// Every target group × instrument with two or more schemes; most providers first.
pub fn overlap(schemes: &[SchemeFacts]) -> Vec<OverlapCell> {
    let mut cells: BTreeMap<(&str, &str), Sets<'_>> = BTreeMap::new();
    for s in schemes {
        for g in &s.target_groups {
            let cell = cells.entry((g.as_str(), s.instrument.as_str())).or_default();
            cell.0.insert(s.provider.as_str());
            cell.1.insert(s.id.as_str());
        }
    }
    let mut out: Vec<OverlapCell> = cells
        .into_iter()
        .filter(|(_, (_, ids))| ids.len() >= 2)
        .map(|((g, i), (providers, ids))| OverlapCell {
            target_group: g.to_string(),
            instrument: i.to_string(),
            providers: providers.into_iter().map(str::to_string).collect(),
            schemes: ids.into_iter().map(str::to_string).collect(),
        })
        .collect();
    out.sort_by(|a, b| {
        (b.providers.len(), b.schemes.len())
            .cmp(&(a.providers.len(), a.schemes.len()))
            .then_with(|| (&a.target_group, &a.instrument).cmp(&(&b.target_group, &b.instrument)))
    });
    out
}

/// The schemes an employer meets for one need.
#[derive(Debug, Clone, PartialEq)]
pub struct NeedCount {
    /// The need (concept id).
    pub need: String,
    /// Scheme ids, sorted.
    pub schemes: Vec<String>,
    /// Distinct providers, sorted.
    pub providers: Vec<String>,
}

/// Per need, the schemes that answer it; most schemes first.
pub fn per_need(schemes: &[SchemeFacts]) -> Vec<NeedCount> {
    let mut needs: BTreeMap<&str, Sets<'_>> = BTreeMap::new();
    for s in schemes {
        for n in &s.needs {
            let e = needs.entry(n.as_str()).or_default();
            e.0.insert(s.id.as_str());
            e.1.insert(s.provider.as_str());
        }
    }
    let mut out: Vec<NeedCount> = needs
        .into_iter()
        .map(|(n, (ids, providers))| NeedCount {
            need: n.to_string(),
            schemes: ids.into_iter().map(str::to_string).collect(),
            providers: providers.into_iter().map(str::to_string).collect(),
        })
        .collect();
    out.sort_by(|a, b| b.schemes.len().cmp(&a.schemes.len()).then_with(|| a.need.cmp(&b.need)));
    out
}

/// Two schemes whose descriptions are nearly the same.
#[derive(Debug, Clone, PartialEq)]
pub struct NearDuplicate {
    /// One scheme id (the smaller).
    pub a: String,
    /// The other.
    pub b: String,
    /// Jaccard similarity of their word-trigram sets, 0–1.
    pub similarity: f64,
}

const SIGNATURE: usize = 126;
const BAND_ROWS: usize = 3;

fn mix(mut x: u64) -> u64 {
    // splitmix64: a fixed, well-spread hash, so results are the same on every run.
    x = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

fn word_hash(w: &str) -> u64 {
    // FNV-1a, then mixed.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in w.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    mix(h)
}

/// The word-trigram shingles of a text, after folding case and accents.
pub fn shingles(text: &str) -> HashSet<u64> {
    let folded = fold_for_search(text);
    let words: Vec<u64> = folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(word_hash)
        .collect();
    if words.len() < 3 {
        return if words.is_empty() {
            HashSet::new()
        } else {
            HashSet::from([words.iter().fold(0u64, |acc, w| mix(acc ^ w))])
        };
    }
    words.windows(3).map(|w| mix(w[0] ^ mix(w[1] ^ mix(w[2])))).collect()
}

/// Exact Jaccard similarity of two sets (0 when both are empty).
pub fn jaccard<T: Eq + std::hash::Hash>(a: &HashSet<T>, b: &HashSet<T>) -> f64 {
    let union = a.union(b).count();
    if union == 0 {
        0.0
    } else {
        a.intersection(b).count() as f64 / union as f64
    }
}

fn signature(set: &HashSet<u64>) -> [u64; SIGNATURE] {
    let mut sig = [u64::MAX; SIGNATURE];
    for &s in set {
        for (i, slot) in sig.iter_mut().enumerate() {
            let h = mix(s ^ (i as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15));
            if h < *slot {
                *slot = h;
            }
        }
    }
    sig
}

/// Pairs of schemes whose descriptions have a Jaccard similarity (over word trigrams) of at
/// least `threshold`. Candidates come from MinHash signatures in 42 bands of 3 rows, so not all
/// pairs are compared (a pair at 0.5 is found with probability 0.996); each candidate is then
/// checked exactly. Most similar first.
pub fn near_duplicates(schemes: &[SchemeFacts], threshold: f64) -> Vec<NearDuplicate> {
    let sets: Vec<HashSet<u64>> = schemes.iter().map(|s| shingles(&s.text)).collect();
    let sigs: Vec<[u64; SIGNATURE]> = sets.iter().map(signature).collect();
    let mut candidates: BTreeSet<(usize, usize)> = BTreeSet::new();
    for band in 0..SIGNATURE / BAND_ROWS {
        let mut buckets: HashMap<&[u64], Vec<usize>> = HashMap::new();
        for (i, sig) in sigs.iter().enumerate() {
            if sets[i].is_empty() {
                continue;
            }
            buckets
                .entry(&sig[band * BAND_ROWS..(band + 1) * BAND_ROWS])
                .or_default()
                .push(i);
        }
        for ids in buckets.values() {
            for (x, &i) in ids.iter().enumerate() {
                for &j in &ids[x + 1..] {
                    candidates.insert((i.min(j), i.max(j)));
                }
            }
        }
    }
    let mut out: Vec<NearDuplicate> = candidates
        .into_iter()
        .filter_map(|(i, j)| {
            let sim = jaccard(&sets[i], &sets[j]);
            (sim >= threshold).then(|| {
                let (a, b) = if schemes[i].id <= schemes[j].id { (i, j) } else { (j, i) };
                NearDuplicate {
                    a: schemes[a].id.clone(),
                    b: schemes[b].id.clone(),
                    similarity: sim,
                }
            })
        })
        .collect();
    out.sort_by(|x, y| {
        y.similarity
            .total_cmp(&x.similarity)
            .then_with(|| (&x.a, &x.b).cmp(&(&y.a, &y.b)))
    });
    out
}

/// Doe-geld and procesgeld for one organisation or theme.
#[derive(Debug, Clone, PartialEq)]
pub struct MoneyShare {
    /// Organisation or theme.
    pub key: String,
    /// Doe-geld in euros.
    pub doing: f64,
    /// Procesgeld in euros.
    pub process: f64,
}

impl MoneyShare {
    /// The share of doe-geld, 0–1 (`None` without money).
    pub fn doing_share(&self) -> Option<f64> {
        let total = self.doing + self.process;
        (total > 0.0).then(|| self.doing / total)
    }
}

/// Doe-geld and procesgeld per key (`keys` gives a scheme's keys: its provider, or its
/// themes); sorted by key.
pub fn money_by(schemes: &[SchemeFacts], keys: impl Fn(&SchemeFacts) -> Vec<String>) -> Vec<MoneyShare> {
    let mut by: BTreeMap<String, (f64, f64)> = BTreeMap::new();
    for s in schemes {
        for k in keys(s) {
            let e = by.entry(k).or_default();
            if s.doing {
                e.0 += s.budget;
            } else {
                e.1 += s.budget;
            }
        }
    }
    by.into_iter()
        .map(|(key, (doing, process))| MoneyShare { key, doing, process })
        .collect()
}

/// What the analyses need of a consultation body.
#[derive(Debug, Clone, PartialEq)]
pub struct BodyFacts {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Participants: (person id, organisation id).
    pub participants: Vec<(String, String)>,
    /// Hours per year per participant.
    pub hours: f64,
    /// Mandate.
    pub mandate: Mandate,
    /// Themes.
    pub themes: Vec<String>,
}

/// Hours per year of one person or organisation in consultation bodies.
#[derive(Debug, Clone, PartialEq)]
pub struct Load {
    /// Person or organisation id.
    pub key: String,
    /// Hours per year.
    pub hours: f64,
    /// Number of bodies.
    pub bodies: usize,
}

fn loads(bodies: &[BodyFacts], key: impl Fn(&(String, String)) -> &String) -> Vec<Load> {
    let mut by: BTreeMap<&String, (f64, usize)> = BTreeMap::new();
    for b in bodies {
        for p in &b.participants {
            let e = by.entry(key(p)).or_default();
            e.0 += b.hours;
            e.1 += 1;
        }
    }
    let mut out: Vec<Load> = by
        .into_iter()
        .map(|(k, (hours, bodies))| Load {
            key: k.clone(),
            hours,
            bodies,
        })
        .collect();
    out.sort_by(|a, b| b.hours.total_cmp(&a.hours).then_with(|| a.key.cmp(&b.key)));
    out
}

/// Hours per year per person, most first.
pub fn load_per_person(bodies: &[BodyFacts]) -> Vec<Load> {
    loads(bodies, |p| &p.0)
}

/// Hours per year per organisation (the sum over its people), most first. A body counts once
/// per participant, so two people of one organisation in one body count twice.
pub fn load_per_organisation(bodies: &[BodyFacts]) -> Vec<Load> {
    loads(bodies, |p| &p.1)
}

/// The overlap of two bodies.
#[derive(Debug, Clone, PartialEq)]
pub struct BodyPair {
    /// One body id.
    pub a: String,
    /// The other.
    pub b: String,
    /// Jaccard of their participants.
    pub participants: f64,
    /// Jaccard of their themes.
    pub themes: f64,
}

fn people(b: &BodyFacts) -> HashSet<&str> {
    b.participants.iter().map(|p| p.0.as_str()).collect()
}

fn themes(b: &BodyFacts) -> HashSet<&str> {
    b.themes.iter().map(String::as_str).collect()
}

/// Every pair of bodies that shares a participant or a theme; most overlap first.
pub fn body_overlap(bodies: &[BodyFacts]) -> Vec<BodyPair> {
    let mut out = Vec::new();
    for (i, a) in bodies.iter().enumerate() {
        for b in &bodies[i + 1..] {
            let (p, t) = (jaccard(&people(a), &people(b)), jaccard(&themes(a), &themes(b)));
            if p > 0.0 || t > 0.0 {
                out.push(BodyPair {
                    a: a.id.clone(),
                    b: b.id.clone(),
                    participants: p,
                    themes: t,
                });
            }
        }
    }
    out.sort_by(|x, y| {
        (y.participants + y.themes)
            .total_cmp(&(x.participants + x.themes))
            .then_with(|| (&x.a, &x.b).cmp(&(&y.a, &y.b)))
    });
    out
}

/// What to do with a body.
#[derive(Debug, Clone, PartialEq)]
pub enum Advice {
    /// Merge it with another body.
    Merge {
        /// The other body.
        with: String,
    },
    /// Drop it: what it does already happens in another body.
    Drop {
        /// The body that covers it.
        into: String,
    },
}

/// A candidate to merge or drop, with the reason in Dutch and the hours per year it would save.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    /// The body.
    pub body: String,
    /// The advice.
    pub advice: Advice,
    /// Why, in Dutch.
    pub reason: String,
    /// Person-hours per year saved.
    pub hours_saved: f64,
}

/// Participants and themes at least this similar make two bodies candidates to merge.
pub const MERGE_THRESHOLD: f64 = 0.5;

fn percent(x: f64) -> String {
    format!("{:.0}%", x * 100.0)
}

/// Candidates:
/// - **drop** a body that only informs when all its participants and themes also meet in a body
///   that decides or advises: informing can happen there (saves all its hours);
/// - **merge** two bodies that share at least half of their participants and half of their
///   themes (saves, per shared participant, the hours of the smaller body).
///
/// A body advised to be dropped is not also proposed for a merge.
pub fn candidates(bodies: &[BodyFacts]) -> Vec<Candidate> {
    let mut out: Vec<Candidate> = Vec::new();
    let by_id: HashMap<&str, &BodyFacts> = bodies.iter().map(|b| (b.id.as_str(), b)).collect();
    for a in bodies
        .iter()
        .filter(|b| b.mandate == Mandate::Informs && !b.participants.is_empty())
    {
        let cover = bodies.iter().find(|b| {
            b.id != a.id
                && b.mandate != Mandate::Informs
                && people(a).is_subset(&people(b))
                && themes(a).is_subset(&themes(b))
        });
        if let Some(b) = cover {
            out.push(Candidate {
                body: a.id.clone(),
                advice: Advice::Drop { into: b.id.clone() },
                reason: format!(
                    "Opheffen: '{}' informeert alleen, en al zijn deelnemers en thema's komen ook in '{}' ({}) samen.",
                    a.name,
                    b.name,
                    b.mandate.as_str()
                ),
                hours_saved: a.hours * a.participants.len() as f64,
            });
        }
    }
    let dropped: HashSet<String> = out.iter().map(|c| c.body.clone()).collect();
    for pair in body_overlap(bodies) {
        if pair.participants < MERGE_THRESHOLD || pair.themes < MERGE_THRESHOLD {
            continue;
        }
        if dropped.contains(&pair.a) || dropped.contains(&pair.b) {
            continue;
        }
        let (Some(a), Some(b)) = (by_id.get(pair.a.as_str()), by_id.get(pair.b.as_str())) else {
            continue;
        };
        let shared = people(a).intersection(&people(b)).count() as f64;
        out.push(Candidate {
            body: a.id.clone(),
            advice: Advice::Merge { with: b.id.clone() },
            reason: format!(
                "Samenvoegen met '{}': {} dezelfde deelnemers en {} dezelfde thema's.",
                b.name,
                percent(pair.participants),
                percent(pair.themes)
            ),
            hours_saved: shared * a.hours.min(b.hours),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    // One call per scheme reads as a table of the facts; a builder would hide that.
    #[allow(clippy::too_many_arguments)]
    fn scheme(
        id: &str,
        provider: &str,
        groups: &[&str],
        instrument: &str,
        needs: &[&str],
        text: &str,
        budget: f64,
        doing: bool,
    ) -> SchemeFacts {
        SchemeFacts {
            id: id.into(),
            provider: provider.into(),
            target_groups: groups.iter().map(|s| s.to_string()).collect(),
            instrument: instrument.into(),
            needs: needs.iter().map(|s| s.to_string()).collect(),
            text: text.into(),
            budget,
            doing,
        }
    }

    fn small_region() -> Vec<SchemeFacts> {
        vec![
            scheme(
                "r1",
                "enschede",
                &["bijstand"],
                "loonkostensubsidie",
                &["personeel"],
                "Subsidie op de loonkosten voor werkgevers die iemand uit de bijstand in dienst nemen.",
                500_000.0,
                true,
            ),
            scheme(
                "r2",
                "hengelo",
                &["bijstand", "wajong"],
                "loonkostensubsidie",
                &["personeel"],
                "Subsidie op de loonkosten voor werkgevers die iemand uit de bijstand in dienst nemen, ook in Hengelo.",
                200_000.0,
                true,
            ),
            scheme(
                "r3",
                "uwv",
                &["wajong"],
                "loonkostensubsidie",
                &["personeel", "scholing"],
                "Loondispensatie voor jonggehandicapten met een Wajong-uitkering.",
                300_000.0,
                true,
            ),
            scheme(
                "r4",
                "enschede",
                &["bijstand"],
                "re-integratie",
                &["scholing"],
                "Regionaal programmamanagement en overleg over de aanpak.",
                100_000.0,
                false,
            ),
        ]
    }

    #[test]
    fn overlap_of_target_group_and_instrument_across_providers() {
        let cells = overlap(&small_region());
        assert_eq!(cells.len(), 2);
        assert_eq!(
            (cells[0].target_group.as_str(), cells[0].instrument.as_str()),
            ("bijstand", "loonkostensubsidie")
        );
        assert_eq!(cells[0].providers, ["enschede", "hengelo"]);
        assert_eq!(cells[0].schemes, ["r1", "r2"]);
        assert_eq!(
            (cells[1].target_group.as_str(), cells[1].providers.clone()),
            ("wajong", vec!["hengelo".to_string(), "uwv".into()])
        );
    }

    #[test]
    fn schemes_an_employer_meets_per_need() {
        let needs = per_need(&small_region());
        assert_eq!(needs[0].need, "personeel");
        assert_eq!(needs[0].schemes, ["r1", "r2", "r3"]);
        assert_eq!(needs[0].providers, ["enschede", "hengelo", "uwv"]);
        assert_eq!((needs[1].need.as_str(), needs[1].schemes.len()), ("scholing", 2));
    }

    #[test]
    fn near_duplicate_descriptions_are_found_and_others_not() {
        let found = near_duplicates(&small_region(), 0.5);
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].a.as_str(), found[0].b.as_str()), ("r1", "r2"));
        // r1 has 14 words (12 trigrams); r2 adds ", ook in Hengelo" (15 trigrams, 12 shared).
        assert!(
            (found[0].similarity - 12.0 / 15.0).abs() < 1e-9,
            "{}",
            found[0].similarity
        );
        // Case and accents do not matter.
        let a = shingles("Één regeling voor werkgevers");
        let b = shingles("een REGELING voor werkgevers");
        assert_eq!(jaccard(&a, &b), 1.0);
    }

    #[test]
    fn doe_geld_share_per_provider() {
        let by_provider = money_by(&small_region(), |s| vec![s.provider.clone()]);
        let enschede = by_provider.iter().find(|m| m.key == "enschede").unwrap();
        assert_eq!((enschede.doing, enschede.process), (500_000.0, 100_000.0));
        assert!((enschede.doing_share().unwrap() - 5.0 / 6.0).abs() < 1e-12);
        let by_group = money_by(&small_region(), |s| s.target_groups.clone());
        assert_eq!(
            by_group.iter().map(|m| m.key.as_str()).collect::<Vec<_>>(),
            ["bijstand", "wajong"]
        );
        assert_eq!(by_group[0].doing, 700_000.0);
    }

    fn body(id: &str, participants: &[(&str, &str)], hours: f64, mandate: Mandate, themes: &[&str]) -> BodyFacts {
        BodyFacts {
            id: id.into(),
            name: format!("Overleg {id}"),
            participants: participants
                .iter()
                .map(|(p, o)| (p.to_string(), o.to_string()))
                .collect(),
            hours,
            mandate,
            themes: themes.iter().map(|s| s.to_string()).collect(),
        }
    }

    fn bodies() -> Vec<BodyFacts> {
        vec![
            // The board: decides, 10 × 2 h.
            body(
                "bestuur",
                &[("anna", "enschede"), ("bert", "hengelo"), ("carl", "uwv")],
                20.0,
                Mandate::Decides,
                &["werk", "krapte"],
            ),
            // Same people minus one, same themes: advises, 6 × 1.5 h.
            body(
                "werkgroep",
                &[("anna", "enschede"), ("bert", "hengelo")],
                9.0,
                Mandate::Advises,
                &["werk", "krapte"],
            ),
            // Informs only, wholly inside the board.
            body("info", &[("carl", "uwv")], 4.0, Mandate::Informs, &["krapte"]),
            // Unrelated.
            body("onderwijs", &[("dirk", "roc")], 12.0, Mandate::Advises, &["scholing"]),
        ]
    }

    #[test]
    fn load_per_person_and_organisation() {
        let people = load_per_person(&bodies());
        assert_eq!(
            people[0],
            Load {
                key: "anna".into(),
                hours: 29.0,
                bodies: 2
            }
        );
        assert_eq!(
            people[2],
            Load {
                key: "carl".into(),
                hours: 24.0,
                bodies: 2
            }
        );
        let orgs = load_per_organisation(&bodies());
        let uwv = orgs.iter().find(|l| l.key == "uwv").unwrap();
        assert_eq!((uwv.hours, uwv.bodies), (24.0, 2));
        assert_eq!(
            orgs.iter().map(|l| l.hours).sum::<f64>(),
            20.0 * 3.0 + 9.0 * 2.0 + 4.0 + 12.0
        );
    }

    #[test]
    fn overlap_and_candidates_with_their_reasons() {
        let pairs = body_overlap(&bodies());
        assert_eq!((pairs[0].a.as_str(), pairs[0].b.as_str()), ("bestuur", "werkgroep"));
        assert!((pairs[0].participants - 2.0 / 3.0).abs() < 1e-12);
        assert_eq!(pairs[0].themes, 1.0);
        assert!(pairs.iter().all(|p| p.a != "onderwijs" && p.b != "onderwijs"));
        let c = candidates(&bodies());
        assert_eq!(c.len(), 2);
        assert_eq!(c[0].body, "info");
        assert_eq!(c[0].advice, Advice::Drop { into: "bestuur".into() });
        assert_eq!(c[0].hours_saved, 4.0);
        assert!(c[0].reason.starts_with("Opheffen: 'Overleg info' informeert alleen"));
        assert_eq!(c[1].body, "bestuur");
        assert_eq!(
            c[1].advice,
            Advice::Merge {
                with: "werkgroep".into()
            }
        );
        assert_eq!(c[1].hours_saved, 2.0 * 9.0);
        assert_eq!(
            c[1].reason,
            "Samenvoegen met 'Overleg werkgroep': 67% dezelfde deelnemers en 100% dezelfde thema's."
        );
    }
}
