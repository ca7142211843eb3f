// SPDX-License-Identifier: EUPL-1.2
//! The search index of the register records, on tantivy: kept in memory, updated record by
//! record as they change, and searched with the reader's access rules inside the query, so
//! neither a hit, a snippet nor a facet count shows a record the reader may not open.
//!
//! - **Analysis** (`nl`): words (letters and digits), lower case, accents folded, Dutch Snowball
//!   stems; a second field (`delen`) splits compounds into the parts of a dictionary
//!   (`loonkostensubsidie` → `loonkosten`, `subsidie`), and a third (`woorden`) keeps the folded
//!   words unstemmed for prefix and fuzzy matching.
//! - **Ranking**: per query word, a match in the title weighs most, then other labels, then a
//!   prefix of a title word, a word one or two typing errors away, a compound part, and the
//!   body last; every query word must match somewhere.
//! - **Access**: each record carries its owner and visibility; the query requires
//!   `openbaar`, or an owner among the reader's organisations, or `regio` with an owner among
//!   the organisations of the reader's arbeidsmarktregio's.
//! - **Facets**: counts per kind, gemeente or region and theme, of what the reader may see.

use std::collections::HashSet;
use std::sync::Mutex;

use tantivy::collector::{Count, FacetCollector, TopDocs};
use tantivy::query::{BooleanQuery, BoostQuery, FuzzyTermQuery, Occur, Query, RegexQuery, TermQuery};
use tantivy::schema::{
    Facet, FacetOptions, Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, Value, STORED, STRING,
};
use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, SimpleTokenizer, SplitCompoundWords, Stemmer, TextAnalyzer,
};
use tantivy::{doc, Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, Term};

/// Who may read a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Visibility {
    /// Everyone.
    Public,
    /// Members of organisations in the owner's arbeidsmarktregio.
    Region,
    /// Members of the owner.
    Organisation,
}

impl Visibility {
    fn as_str(self) -> &'static str {
        match self {
            Visibility::Public => "openbaar",
            Visibility::Region => "regio",
            Visibility::Organisation => "organisatie",
        }
    }
}

/// A record to index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// Its kind (`regeling`).
    pub kind: String,
    /// Its id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Other labels: codes, names of things it is about.
    pub labels: Vec<String>,
    /// Its other texts, the fields the reader may see (never confidential ones).
    pub body: String,
    /// The owning organisation.
    pub owner: String,
    /// Who may read it.
    pub visibility: Visibility,
    /// The gemeenten and regions it is about (codes).
    pub regions: Vec<String>,
    /// Its themes (concept ids).
    pub themes: Vec<String>,
}

/// Who searches: the organisations whose records the reader may read in full, and those whose
/// `regio` records the reader may read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Reader {
    /// Organisations the reader has a role in.
    pub organisations: Vec<String>,
    /// Organisations in the reader's arbeidsmarktregio's.
    pub region_organisations: Vec<String>,
}

/// A search.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Search {
    /// The words typed.
    pub text: String,
    /// Only this kind.
    pub kind: Option<String>,
    /// Only records about this region.
    pub region: Option<String>,
    /// Only records on this theme.
    pub theme: Option<String>,
    /// At most this many hits.
    pub limit: usize,
}

/// A hit.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// Kind.
    pub kind: String,
    /// Id.
    pub id: String,
    /// Title.
    pub title: String,
    /// The body (for a snippet).
    pub body: String,
    /// Owner.
    pub owner: String,
    /// Score.
    pub score: f32,
}

/// What a search found.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Found {
    /// The best hits of the kind asked for (or any kind).
    pub hits: Vec<Hit>,
    /// How many match of the kind asked for (or any kind).
    pub total: usize,
    /// Per kind, how many match (whatever kind was asked for).
    pub per_kind: Vec<(String, u64)>,
    /// Per region, how many of the kind asked for match, most first.
    pub per_region: Vec<(String, u64)>,
    /// Per theme, how many of the kind asked for match, most first.
    pub per_theme: Vec<(String, u64)>,
}

/// Why the index failed (a tantivy error, kept as text).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("zoekindex: {0}")]
pub struct IndexError(String);

impl From<tantivy::TantivyError> for IndexError {
    fn from(e: tantivy::TantivyError) -> Self {
        IndexError(e.to_string())
    }
}

struct Fields {
    key: Field,
    kind: Field,
    id: Field,
    title: Field,
    labels: Field,
    body: Field,
    parts: Field,
    words: Field,
    owner: Field,
    visibility: Field,
    kind_facet: Field,
    region_facet: Field,
    theme_facet: Field,
}

/// The index.
pub struct RecordIndex {
    index: Index,
    writer: Mutex<IndexWriter>,
    reader: IndexReader,
    f: Fields,
}

impl std::fmt::Debug for RecordIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RecordIndex").field("documents", &self.len()).finish()
    }
}

/// Parts of Dutch compounds of the field, next to those the dictionary adds.
const COMMON_PARTS: &[&str] = &[
    "arbeid",
    "arbeids",
    "markt",
    "regio",
    "regeling",
    "subsidie",
    "loon",
    "kosten",
    "loonkosten",
    "werk",
    "werkgever",
    "werkgevers",
    "werknemer",
    "werknemers",
    "gever",
    "nemer",
    "plaats",
    "plaatsen",
    "baan",
    "banen",
    "bijstand",
    "uitkering",
    "uitkeringen",
    "overleg",
    "afspraak",
    "afspraken",
    "pact",
    "school",
    "onderwijs",
    "zorg",
    "bouw",
    "techniek",
    "leer",
    "stage",
    "traject",
    "begeleiding",
    "coach",
    "budget",
    "fonds",
    "plan",
    "beleid",
    "agenda",
    "netwerk",
    "punt",
    "punten",
    "actie",
    "doel",
    "doelen",
    "groep",
    "raad",
    "board",
    "centrum",
    "service",
    "loket",
    "ondernemer",
    "ondernemers",
    "bedrijf",
    "bedrijven",
    "bezoek",
    "bezoeken",
    "kader",
    "kapitaal",
    "welvaart",
    "krapte",
    "participatie",
    "re",
    "integratie",
    "dienst",
    "diensten",
    "verlening",
    "vouchers",
    "voucher",
    "scholing",
];

fn text_field(tokenizer: &str, stored: bool) -> TextOptions {
    let opts = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(tokenizer)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    if stored {
        opts.set_stored()
    } else {
        opts
    }
}

impl RecordIndex {
    /// An empty index; `dictionary` adds the words compounds are split into (the labels of the
    /// begrippenkader, say).
    pub fn new(dictionary: &[String]) -> Result<RecordIndex, IndexError> {
        let mut sb = Schema::builder();
        let f = Fields {
            key: sb.add_text_field("sleutel", STRING),
            kind: sb.add_text_field("soort", STRING | STORED),
            id: sb.add_text_field("id", STORED),
            title: sb.add_text_field("titel", text_field("nl", true)),
            labels: sb.add_text_field("labels", text_field("nl", false)),
            body: sb.add_text_field("tekst", text_field("nl", true)),
            parts: sb.add_text_field("delen", text_field("nl_delen", false)),
            words: sb.add_text_field("woorden", text_field("gevouwen", false)),
            owner: sb.add_text_field("eigenaar", STRING | STORED),
            visibility: sb.add_text_field("zichtbaarheid", STRING),
            kind_facet: sb.add_facet_field("soort_f", FacetOptions::default()),
            region_facet: sb.add_facet_field("gebied_f", FacetOptions::default()),
            theme_facet: sb.add_facet_field("thema_f", FacetOptions::default()),
        };
        let index = Index::create_in_ram(sb.build());
        let nl = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(LowerCaser)
            .filter(AsciiFoldingFilter)
            .filter(Stemmer::new(Language::Dutch))
            .build();
        let mut words: Vec<String> = COMMON_PARTS.iter().map(|s| (*s).to_string()).collect();
        for d in dictionary {
            for w in crate::words(d) {
                if w.chars().count() >= 4 {
                    words.push(w);
                }
            }
        }
        words.sort();
        words.dedup();
        // A word made of other words of the dictionary stays out of it: the longest match would
        // take it whole, and it would never be split.
        let set: HashSet<String> = words.iter().cloned().collect();
        words.retain(|w| !made_of(w, &set));
        let parts = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(LowerCaser)
            .filter(AsciiFoldingFilter)
            .filter(SplitCompoundWords::from_dictionary(&words)?)
            .filter(Stemmer::new(Language::Dutch))
            .build();
        let folded = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(LowerCaser)
            .filter(AsciiFoldingFilter)
            .build();
        index.tokenizers().register("nl", nl);
        index.tokenizers().register("nl_delen", parts);
        index.tokenizers().register("gevouwen", folded);
        // One writer thread, with little memory: records are small, the machine has two cores.
        let writer = index.writer_with_num_threads(1, 30_000_000)?;
        let reader = index.reader_builder().reload_policy(ReloadPolicy::Manual).try_into()?;
        Ok(RecordIndex {
            index,
            writer: Mutex::new(writer),
            reader,
            f,
        })
    }

    /// The number of records indexed.
    pub fn len(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// Whether nothing is indexed.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn key(kind: &str, id: &str) -> String {
        format!("{kind}:{id}")
    }

    /// Adds or replaces records and removes `gone` (kind, id), then makes it all searchable.
    pub fn apply(&self, records: &[Record], gone: &[(String, String)]) -> Result<(), IndexError> {
        let mut writer = self.writer.lock().unwrap_or_else(|p| p.into_inner());
        for (kind, id) in gone {
            writer.delete_term(Term::from_field_text(self.f.key, &Self::key(kind, id)));
        }
        for r in records {
            writer.delete_term(Term::from_field_text(self.f.key, &Self::key(&r.kind, &r.id)));
            let mut d = doc!(
                self.f.key => Self::key(&r.kind, &r.id),
                self.f.kind => r.kind.as_str(),
                self.f.id => r.id.as_str(),
                self.f.title => r.title.as_str(),
                self.f.body => r.body.as_str(),
                self.f.owner => r.owner.as_str(),
                self.f.visibility => r.visibility.as_str(),
                self.f.kind_facet => Facet::from_path([r.kind.as_str()]),
            );
            for l in &r.labels {
                d.add_text(self.f.labels, l);
            }
            let all = format!("{} {} {}", r.title, r.labels.join(" "), r.body);
            d.add_text(self.f.parts, &all);
            d.add_text(self.f.words, format!("{} {}", r.title, r.labels.join(" ")));
            for g in &r.regions {
                d.add_facet(self.f.region_facet, Facet::from_path([g.as_str()]));
            }
            for t in &r.themes {
                d.add_facet(self.f.theme_facet, Facet::from_path([t.as_str()]));
            }
            writer.add_document(d)?;
        }
        writer.commit()?;
        drop(writer);
        self.reader.reload()?;
        Ok(())
    }

    /// Empties the index and adds `records`, then merges what it wrote into one segment (a
    /// search visits each segment; one is quickest).
    pub fn replace_all(&self, records: &[Record]) -> Result<(), IndexError> {
        {
            let writer = self.writer.lock().unwrap_or_else(|p| p.into_inner());
            writer.delete_all_documents()?;
        }
        self.apply(records, &[])?;
        let segments = self.index.searchable_segment_ids()?;
        if segments.len() > 1 {
            let mut writer = self.writer.lock().unwrap_or_else(|p| p.into_inner());
            writer.merge(&segments).wait()?;
            drop(writer);
            self.reader.reload()?;
        }
        Ok(())
    }

    /// The terms the `nl` analysis makes of a text.
    fn analyse(&self, analyzer: &str, text: &str) -> Vec<String> {
        let mut out = Vec::new();
        if let Some(mut a) = self.index.tokenizers().get(analyzer) {
            let mut stream = a.token_stream(text);
            while stream.advance() {
                out.push(stream.token().text.clone());
            }
        }
        out
    }

    /// What the reader may read, as a query that scores nothing.
    fn access(&self, who: &Reader) -> Box<dyn Query> {
        let term = |f: Field, v: &str| -> Box<dyn Query> {
            Box::new(TermQuery::new(Term::from_field_text(f, v), IndexRecordOption::Basic))
        };
        let mut any: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Should, term(self.f.visibility, "openbaar"))];
        for o in &who.organisations {
            any.push((Occur::Should, term(self.f.owner, o)));
        }
        let regional: HashSet<&String> = who.region_organisations.iter().collect();
        if !regional.is_empty() {
            let owners: Vec<(Occur, Box<dyn Query>)> = regional
                .into_iter()
                .map(|o| (Occur::Should, term(self.f.owner, o)))
                .collect();
            any.push((
                Occur::Should,
                Box::new(BooleanQuery::new(vec![
                    (Occur::Must, term(self.f.visibility, "regio")),
                    (Occur::Must, Box::new(BooleanQuery::new(owners))),
                ])),
            ));
        }
        Box::new(BoostQuery::new(Box::new(BooleanQuery::new(any)), 0.0))
    }

    /// The query of the words typed: every word must match, in some field. With `loose`, a
    /// word may also be the start of a word of a title or label, or one or two typing errors
    /// away from one.
    fn words(&self, text: &str, loose: bool) -> Option<Box<dyn Query>> {
        let mut per_word: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for word in crate::words(text) {
            let mut any: Vec<(Occur, Box<dyn Query>)> = Vec::new();
            let boosted = |q: Box<dyn Query>, b: f32| -> (Occur, Box<dyn Query>) {
                (Occur::Should, Box::new(BoostQuery::new(q, b)))
            };
            for stem in self.analyse("nl", &word) {
                let t = |f: Field| {
                    Box::new(TermQuery::new(
                        Term::from_field_text(f, &stem),
                        IndexRecordOption::WithFreqs,
                    )) as Box<dyn Query>
                };
                any.push(boosted(t(self.f.title), 8.0));
                any.push(boosted(t(self.f.labels), 6.0));
                any.push(boosted(t(self.f.body), 1.0));
                any.push(boosted(t(self.f.parts), 1.5));
            }
            if loose {
                for folded in self.analyse("gevouwen", &word) {
                    let n = folded.chars().count();
                    if n >= 3 {
                        let pattern = format!("{}.*", regex_escape(&folded));
                        if let Ok(q) = RegexQuery::from_pattern(&pattern, self.f.words) {
                            any.push(boosted(Box::new(q), 4.0));
                        }
                    }
                    let edits = match n {
                        0..=3 => 0,
                        4..=7 => 1,
                        _ => 2,
                    };
                    if edits > 0 {
                        let term = Term::from_field_text(self.f.words, &folded);
                        any.push(boosted(Box::new(FuzzyTermQuery::new(term, edits, true)), 2.0));
                    }
                }
            }
            if any.is_empty() {
                continue;
            }
            per_word.push((Occur::Must, Box::new(BooleanQuery::new(any))));
        }
        (!per_word.is_empty()).then(|| Box::new(BooleanQuery::new(per_word)) as Box<dyn Query>)
    }

    fn facet_filter(field: Field, value: &str) -> Box<dyn Query> {
        Box::new(BoostQuery::new(
            Box::new(TermQuery::new(
                Term::from_facet(field, &Facet::from_path([value])),
                IndexRecordOption::Basic,
            )),
            0.0,
        ))
    }

    /// Searches as `who`: the words as they are first, and only when that finds few, also as
    /// the start of a word or with a typing error (which is slower, and ranks below).
    pub fn search(&self, who: &Reader, s: &Search) -> Result<Found, IndexError> {
        let exact = self.search_with(who, s, false)?;
        if exact.total >= FEW {
            return Ok(exact);
        }
        self.search_with(who, s, true)
    }

    fn search_with(&self, who: &Reader, s: &Search, loose: bool) -> Result<Found, IndexError> {
        let Some(words) = self.words(&s.text, loose) else {
            return Ok(Found::default());
        };
        let searcher = self.reader.searcher();
        let mut base: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, words), (Occur::Must, self.access(who))];
        if let Some(r) = &s.region {
            base.push((Occur::Must, Self::facet_filter(self.f.region_facet, r)));
        }
        if let Some(t) = &s.theme {
            base.push((Occur::Must, Self::facet_filter(self.f.theme_facet, t)));
        }
        let facet = |field: &str| {
            let mut c = FacetCollector::for_field(field);
            c.add_facet("/");
            c
        };
        let counted = |c: &tantivy::collector::FacetCounts, sorted: bool| -> Vec<(String, u64)> {
            let mut v: Vec<(String, u64)> = c
                .get("/")
                .map(|(f, n)| (f.to_path().last().map(|s| (*s).to_string()).unwrap_or_default(), n))
                .collect();
            if sorted {
                v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
                v.truncate(12);
            }
            v
        };
        // Per kind over every kind: with a kind chosen, a search of its own.
        let per_kind = match &s.kind {
            Some(_) => {
                let all_kinds = BooleanQuery::new(base.iter().map(|(o, q)| (*o, q.box_clone())).collect());
                Some(counted(&searcher.search(&all_kinds, &facet("soort_f"))?, false))
            }
            None => None,
        };
        if let Some(k) = &s.kind {
            base.push((
                Occur::Must,
                Box::new(BoostQuery::new(
                    Box::new(TermQuery::new(
                        Term::from_field_text(self.f.kind, k),
                        IndexRecordOption::Basic,
                    )),
                    0.0,
                )),
            ));
        }
        let query = BooleanQuery::new(base);
        let (top, total, kinds, (regions, themes)) = searcher.search(
            &query,
            &(
                TopDocs::with_limit(s.limit.max(1)).order_by_score(),
                Count,
                facet("soort_f"),
                (facet("gebied_f"), facet("thema_f")),
            ),
        )?;
        let text =
            |d: &TantivyDocument, f: Field| d.get_first(f).and_then(|v| v.as_str()).unwrap_or_default().to_string();
        let mut hits = Vec::with_capacity(top.len());
        for (score, address) in top {
            let d: TantivyDocument = searcher.doc(address)?;
            hits.push(Hit {
                kind: text(&d, self.f.kind),
                id: text(&d, self.f.id),
                title: text(&d, self.f.title),
                body: text(&d, self.f.body),
                owner: text(&d, self.f.owner),
                score,
            });
        }
        Ok(Found {
            hits,
            total,
            per_kind: per_kind.unwrap_or_else(|| counted(&kinds, false)),
            per_region: counted(&regions, true),
            per_theme: counted(&themes, true),
        })
    }
}

/// Below this many exact matches a search also tries prefixes and typing errors.
const FEW: usize = 10;

/// Whether `word` is two or more words of `dict` one after another.
fn made_of(word: &str, dict: &HashSet<String>) -> bool {
    let chars: Vec<char> = word.chars().collect();
    let n = chars.len();
    // reach[i]: the first i characters are whole words of `dict`, and how many.
    let mut reach: Vec<Option<usize>> = vec![None; n + 1];
    reach[0] = Some(0);
    for i in 0..n {
        let Some(k) = reach[i] else { continue };
        for j in i + 1..=n {
            let part: String = chars[i..j].iter().collect();
            if dict.contains(&part) && (i, j) != (0, n) {
                reach[j] = Some(reach[j].map_or(k + 1, |m| m.max(k + 1)));
            }
        }
    }
    reach[n].is_some_and(|k| k >= 2)
}

/// A text as a literal in a regular expression.
fn regex_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if "\\.+*?()|[]{}^$#&-~".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(kind: &str, id: &str, title: &str, body: &str, owner: &str, vis: Visibility) -> Record {
        Record {
            kind: kind.into(),
            id: id.into(),
            title: title.into(),
            labels: vec![],
            body: body.into(),
            owner: owner.into(),
            visibility: vis,
            regions: vec!["GM0153".into()],
            themes: vec!["krapte".into()],
        }
    }

    fn index() -> RecordIndex {
        let i = RecordIndex::new(&["loonkostensubsidie".into()]).unwrap();
        i.apply(
            &[
                record(
                    "regeling",
                    "r1",
                    "Loonkostensubsidie Enschede",
                    "Voor werkgevers die iemand uit de bijstand aannemen.",
                    "enschede",
                    Visibility::Public,
                ),
                record(
                    "regeling",
                    "r2",
                    "Scholingsvoucher Techniek",
                    "Om- en bijscholing in de techniek.",
                    "roc",
                    Visibility::Region,
                ),
                record(
                    "afspraak",
                    "a1",
                    "Werkpact Twente",
                    "Gemeenten en UWV delen vacatures.",
                    "enschede",
                    Visibility::Organisation,
                ),
                record(
                    "doel",
                    "d1",
                    "Minder mensen in de bijstand",
                    "Het aandeel in de bijstand daalt.",
                    "hengelo",
                    Visibility::Organisation,
                ),
            ],
            &[],
        )
        .unwrap();
        i
    }

    fn search(i: &RecordIndex, who: &Reader, text: &str) -> Found {
        i.search(
            who,
            &Search {
                text: text.into(),
                limit: 10,
                ..Search::default()
            },
        )
        .unwrap()
    }

    #[test]
    fn stems_prefixes_typing_errors_and_compound_parts() {
        let i = index();
        let anyone = Reader::default();
        let ids = |f: &Found| f.hits.iter().map(|h| h.id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(&search(&i, &anyone, "loonkostensubsidie")), ["r1"]);
        assert_eq!(ids(&search(&i, &anyone, "loonkost")), ["r1"], "a prefix");
        assert_eq!(
            ids(&search(&i, &anyone, "loonkostensubsiede")),
            ["r1"],
            "a typing error"
        );
        assert_eq!(ids(&search(&i, &anyone, "subsidie")), ["r1"], "a part of a compound");
        assert_eq!(ids(&search(&i, &anyone, "werkgever")), ["r1"], "a stem in the body");
        assert!(
            search(&i, &anyone, "loonkostensubsidie enschede").total == 1,
            "every word must match"
        );
        assert!(search(&i, &anyone, "").hits.is_empty());
    }

    #[test]
    fn the_reader_sees_only_what_access_allows_also_in_counts() {
        let i = index();
        let anyone = Reader::default();
        let f = search(&i, &anyone, "bijstand");
        assert_eq!(f.hits.iter().map(|h| h.id.as_str()).collect::<Vec<_>>(), ["r1"]);
        assert_eq!(f.per_kind, [("regeling".to_string(), 1)]);
        let hengelo = Reader {
            organisations: vec!["hengelo".into()],
            region_organisations: vec!["roc".into(), "enschede".into(), "hengelo".into()],
        };
        let f = search(&i, &hengelo, "bijstand");
        assert_eq!(f.total, 2);
        assert_eq!(f.hits[0].id, "d1", "a title match first");
        assert!(
            search(&i, &hengelo, "werkpact").hits.is_empty(),
            "organisatie of another"
        );
        assert_eq!(
            search(&i, &hengelo, "techniek").hits.len(),
            1,
            "regio of the same region"
        );
        assert!(search(&i, &anyone, "techniek").hits.is_empty());
        // Facets and filters.
        let f = i
            .search(
                &hengelo,
                &Search {
                    text: "bijstand".into(),
                    kind: Some("doel".into()),
                    limit: 10,
                    ..Search::default()
                },
            )
            .unwrap();
        assert_eq!((f.total, f.per_kind.len()), (1, 2));
        assert_eq!(f.per_region, [("GM0153".to_string(), 1)]);
        // A record removed is gone.
        i.apply(&[], &[("regeling".into(), "r1".into())]).unwrap();
        assert!(search(&i, &anyone, "loonkostensubsidie").hits.is_empty());
    }
}
