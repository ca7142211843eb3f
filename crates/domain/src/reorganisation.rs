// SPDX-License-Identifier: EUPL-1.2
//! Herindelingen: dated changes to the set of gemeenten (mergers, splits, boundary changes,
//! renames, province changes), and the lineage that maps a gemeente code valid in one year to
//! its successor(s) in a later year.
//!
//! CBS publishes each change twice, once from each side ("overgegaan naar" / "ontvangen van").
//! [`Reorganisation::group`] folds those lines into one event per change.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::codes::MunicipalityCode;
use crate::region::reference_date;

/// One line of the CBS herindelingen list, as read from the source file.
#[derive(Debug, Clone, PartialEq)]
pub struct ReorganisationRecord {
    /// The gemeente the line describes.
    pub code: MunicipalityCode,
    /// What happened to it.
    pub event: RecordEvent,
    /// When.
    pub date: NaiveDate,
    /// The other gemeente involved, if any.
    pub counterpart: Option<MunicipalityCode>,
    /// Area moved, in hectares.
    pub hectare: Option<f64>,
    /// Dwellings moved.
    pub dwellings: Option<u32>,
    /// Inhabitants moved.
    pub inhabitants: Option<u32>,
    /// Free text (the province change).
    pub note: Option<String>,
}

/// The event and direction of a [`ReorganisationRecord`], as CBS labels it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordEvent {
    /// "Ontstaan … ontvangen van/uit": a new gemeente got territory from `counterpart`.
    CreatedFrom,
    /// "Opgeheven … overgegaan naar": the gemeente was abolished; territory went to `counterpart`.
    AbolishedInto,
    /// "Gemeentelijke herindeling … ontvangen van": an existing gemeente absorbed `counterpart`.
    AbsorbedFrom,
    /// "Grenswijziging/Wijziging … ontvangen van".
    BoundaryReceivedFrom,
    /// "Grenswijziging/Wijziging … overgegaan naar".
    BoundaryGaveTo,
    /// "Naamswijziging … nieuwe naam": the gemeente continues under `counterpart`.
    RenamedTo,
    /// "Naamswijziging … oude naam": the gemeente was formerly `counterpart`.
    RenamedFrom,
    /// "Provinciale wijziging".
    ProvinceChanged,
}

/// The kind of a herindeling event. Serialised with the Dutch names of the API.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ReorganisationKind {
    /// One or more gemeenten are abolished and go whole into one gemeente (new or existing).
    Samenvoeging,
    /// A gemeente is abolished and its territory is divided over several gemeenten.
    Splitsing,
    /// Territory moves between gemeenten that both continue.
    Grenswijziging,
    /// A gemeente continues under a new name and code.
    Naamswijziging,
    /// A gemeente moves to another provincie.
    Provinciewijziging,
}

impl ReorganisationKind {
    /// All kinds.
    pub const ALL: [ReorganisationKind; 5] = [
        ReorganisationKind::Samenvoeging,
        ReorganisationKind::Splitsing,
        ReorganisationKind::Grenswijziging,
        ReorganisationKind::Naamswijziging,
        ReorganisationKind::Provinciewijziging,
    ];

    /// The Dutch name used in the API and the database.
    pub fn as_str(self) -> &'static str {
        match self {
            ReorganisationKind::Samenvoeging => "samenvoeging",
            ReorganisationKind::Splitsing => "splitsing",
            ReorganisationKind::Grenswijziging => "grenswijziging",
            ReorganisationKind::Naamswijziging => "naamswijziging",
            ReorganisationKind::Provinciewijziging => "provinciewijziging",
        }
    }

    /// Parses the Dutch name.
    pub fn parse(input: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == input)
    }
}

impl fmt::Display for ReorganisationKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Territory that moved from one gemeente to another (or stayed, when `from == to`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Transfer {
    /// Where it came from.
    pub from: MunicipalityCode,
    /// Where it went.
    pub to: MunicipalityCode,
    /// Area in hectares.
    pub hectare: Option<f64>,
    /// Dwellings.
    pub dwellings: Option<u32>,
    /// Inhabitants.
    pub inhabitants: Option<u32>,
}

/// One herindeling event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reorganisation {
    /// Stable identifier: date, kind and first gemeente, e.g. `2022-03-24-samenvoeging-GM0363`.
    pub id: String,
    /// Date the change took effect.
    pub date: NaiveDate,
    /// What kind of change.
    pub kind: ReorganisationKind,
    /// Gemeenten that ceased to exist.
    pub abolished: Vec<MunicipalityCode>,
    /// Gemeenten that came into existence.
    pub created: Vec<MunicipalityCode>,
    /// All gemeenten involved, sorted.
    pub involved: Vec<MunicipalityCode>,
    /// Territory moved.
    pub transfers: Vec<Transfer>,
    /// Free text, e.g. the province change.
    pub note: Option<String>,
}

/// Where a part of a gemeente went: the code and the share of the inhabitants.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Successor {
    /// The successor gemeente.
    pub code: MunicipalityCode,
    /// Share (0–1] of the original gemeente that ended up in it.
    pub share: f64,
}

/// A split is called a split when the second-largest part holds at least this share of the
/// inhabitants; smaller parts are boundary corrections that come with a merger.
const SPLIT_THRESHOLD: f64 = 0.10;

#[derive(Default, Clone, Copy)]
struct Size {
    hectare: Option<f64>,
    dwellings: Option<u32>,
    inhabitants: Option<u32>,
}

impl Reorganisation {
    /// Folds CBS's two-sided lines into one event per change. The result is sorted by date and id.
    pub fn group(records: &[ReorganisationRecord]) -> Vec<Reorganisation> {
        // Every move of territory, deduplicated over both sides: (date, from, to) → size.
        let mut edges: BTreeMap<(NaiveDate, MunicipalityCode, MunicipalityCode), Size> = BTreeMap::new();
        let mut abolished: BTreeSet<(NaiveDate, MunicipalityCode)> = BTreeSet::new();
        let mut created: BTreeSet<(NaiveDate, MunicipalityCode)> = BTreeSet::new();
        let mut renames: BTreeSet<(NaiveDate, MunicipalityCode, MunicipalityCode)> = BTreeSet::new();
        let mut province: BTreeMap<(NaiveDate, String), BTreeSet<MunicipalityCode>> = BTreeMap::new();

        for r in records {
            let size = Size {
                hectare: r.hectare,
                dwellings: r.dwellings,
                inhabitants: r.inhabitants,
            };
            let Some(other) = r.counterpart else {
                if r.event == RecordEvent::ProvinceChanged {
                    province
                        .entry((r.date, r.note.clone().unwrap_or_default()))
                        .or_default()
                        .insert(r.code);
                }
                continue;
            };
            let (from, to) = match r.event {
                RecordEvent::AbolishedInto | RecordEvent::BoundaryGaveTo => (r.code, other),
                RecordEvent::CreatedFrom | RecordEvent::AbsorbedFrom | RecordEvent::BoundaryReceivedFrom => {
                    (other, r.code)
                }
                RecordEvent::RenamedTo => {
                    renames.insert((r.date, r.code, other));
                    continue;
                }
                RecordEvent::RenamedFrom => {
                    renames.insert((r.date, other, r.code));
                    continue;
                }
                RecordEvent::ProvinceChanged => continue,
            };
            match r.event {
                RecordEvent::AbolishedInto => {
                    abolished.insert((r.date, r.code));
                }
                RecordEvent::CreatedFrom => {
                    created.insert((r.date, r.code));
                }
                _ => {}
            }
            let entry = edges.entry((r.date, from, to)).or_default();
            entry.hectare = entry.hectare.or(size.hectare);
            entry.dwellings = entry.dwellings.or(size.dwellings);
            entry.inhabitants = entry.inhabitants.or(size.inhabitants);
        }

        let mut events = Vec::new();
        let mut used: BTreeSet<(NaiveDate, MunicipalityCode, MunicipalityCode)> = BTreeSet::new();

        // Mergers and splits: connected groups of abolished gemeenten and where they went.
        let dates: BTreeSet<NaiveDate> = abolished.iter().map(|(d, _)| *d).collect();
        for date in dates {
            let gone: BTreeSet<MunicipalityCode> = abolished
                .range((date, MunicipalityCode::MIN)..=(date, MunicipalityCode::MAX))
                .map(|(_, c)| *c)
                .collect();
            let day_edges: Vec<(MunicipalityCode, MunicipalityCode)> = edges
                .range(
                    (date, MunicipalityCode::MIN, MunicipalityCode::MIN)
                        ..=(date, MunicipalityCode::MAX, MunicipalityCode::MAX),
                )
                .map(|((_, f, t), _)| (*f, *t))
                .collect();
            let mut groups = UnionFind::default();
            for &(f, t) in &day_edges {
                if gone.contains(&f) {
                    groups.union(f, t);
                }
            }
            let mut components: BTreeMap<MunicipalityCode, BTreeSet<MunicipalityCode>> = BTreeMap::new();
            for &g in &gone {
                components.entry(groups.find(g)).or_default().insert(g);
            }
            for &(f, t) in &day_edges {
                if gone.contains(&f) {
                    components.entry(groups.find(f)).or_default().insert(t);
                }
            }
            for members in components.into_values() {
                let mut transfers = Vec::new();
                for &(f, t) in &day_edges {
                    // Abolition moves, the continuing gemeenten' own territory, and boundary
                    // corrections between members on the same day.
                    if members.contains(&f) && members.contains(&t) {
                        used.insert((date, f, t));
                        transfers.push(transfer(f, t, edges[&(date, f, t)]));
                    }
                }
                let is_split = members.iter().filter(|m| gone.contains(m)).any(|m| {
                    let mut parts: Vec<f64> = transfers
                        .iter()
                        .filter(|tr| tr.from == *m && tr.to != *m)
                        .map(|tr| f64::from(tr.inhabitants.unwrap_or(0)))
                        .collect();
                    let total: f64 = parts.iter().sum();
                    parts.sort_by(|a, b| b.total_cmp(a));
                    parts.len() >= 2 && total > 0.0 && parts[1] / total >= SPLIT_THRESHOLD
                });
                let abolished_here: Vec<_> = members.iter().copied().filter(|m| gone.contains(m)).collect();
                let created_here: Vec<_> = members
                    .iter()
                    .copied()
                    .filter(|m| created.contains(&(date, *m)))
                    .collect();
                let first_target = transfers
                    .iter()
                    .map(|t| t.to)
                    .filter(|t| !gone.contains(t))
                    .min()
                    .or_else(|| members.first().copied());
                events.push(
                    Reorganisation {
                        id: String::new(),
                        date,
                        kind: if is_split {
                            ReorganisationKind::Splitsing
                        } else {
                            ReorganisationKind::Samenvoeging
                        },
                        abolished: abolished_here,
                        created: created_here,
                        involved: members.iter().copied().collect(),
                        transfers,
                        note: None,
                    }
                    .with_id_base(first_target),
                );
            }
        }

        // Boundary changes between gemeenten that both continue: one event per day and pair.
        let mut pairs: BTreeMap<(NaiveDate, MunicipalityCode, MunicipalityCode), Vec<Transfer>> = BTreeMap::new();
        for (&(date, f, t), &size) in &edges {
            if f == t || used.contains(&(date, f, t)) {
                continue;
            }
            let key = (date, f.min(t), f.max(t));
            pairs.entry(key).or_default().push(transfer(f, t, size));
        }
        for ((date, a, b), transfers) in pairs {
            events.push(
                Reorganisation {
                    id: String::new(),
                    date,
                    kind: ReorganisationKind::Grenswijziging,
                    abolished: vec![],
                    created: vec![],
                    involved: vec![a, b],
                    transfers,
                    note: None,
                }
                .with_id_base(Some(a)),
            );
        }

        for (date, old, new) in renames {
            let mut involved = vec![old, new];
            involved.sort();
            involved.dedup();
            events.push(
                Reorganisation {
                    id: String::new(),
                    date,
                    kind: ReorganisationKind::Naamswijziging,
                    abolished: if old != new { vec![old] } else { vec![] },
                    created: if old != new { vec![new] } else { vec![] },
                    involved,
                    transfers: vec![Transfer {
                        from: old,
                        to: new,
                        hectare: None,
                        dwellings: None,
                        inhabitants: None,
                    }],
                    note: None,
                }
                .with_id_base(Some(old)),
            );
        }

        for ((date, note), codes) in province {
            let involved: Vec<_> = codes.into_iter().collect();
            events.push(
                Reorganisation {
                    id: String::new(),
                    date,
                    kind: ReorganisationKind::Provinciewijziging,
                    abolished: vec![],
                    created: vec![],
                    involved: involved.clone(),
                    transfers: vec![],
                    note: Some(note).filter(|n| !n.is_empty()),
                }
                .with_id_base(involved.first().copied()),
            );
        }

        events.sort_by(|a, b| (a.date, &a.id).cmp(&(b.date, &b.id)));
        // Ids must be unique; a second event with the same base gets a suffix.
        let mut seen: HashMap<String, u32> = HashMap::new();
        for e in &mut events {
            let n = seen.entry(e.id.clone()).or_insert(0);
            *n += 1;
            if *n > 1 {
                e.id = format!("{}-{}", e.id, n);
            }
        }
        events
    }

    fn with_id_base(mut self, code: Option<MunicipalityCode>) -> Self {
        self.id = match code {
            Some(c) => format!("{}-{}-{}", self.date.format("%Y-%m-%d"), self.kind, c),
            None => format!("{}-{}", self.date.format("%Y-%m-%d"), self.kind),
        };
        self
    }
}

fn transfer(from: MunicipalityCode, to: MunicipalityCode, size: Size) -> Transfer {
    Transfer {
        from,
        to,
        hectare: size.hectare,
        dwellings: size.dwellings,
        inhabitants: size.inhabitants,
    }
}

impl MunicipalityCode {
    const MIN: MunicipalityCode = MunicipalityCode::from_number(0);
    const MAX: MunicipalityCode = MunicipalityCode::from_number(9999);
}

#[derive(Default)]
struct UnionFind {
    parent: HashMap<MunicipalityCode, MunicipalityCode>,
}

impl UnionFind {
    fn find(&mut self, x: MunicipalityCode) -> MunicipalityCode {
        let p = *self.parent.entry(x).or_insert(x);
        if p == x {
            return x;
        }
        let root = self.find(p);
        self.parent.insert(x, root);
        root
    }
    fn union(&mut self, a: MunicipalityCode, b: MunicipalityCode) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            // Keep the smaller code as root so grouping is deterministic.
            let (root, child) = if ra < rb { (ra, rb) } else { (rb, ra) };
            self.parent.insert(child, root);
        }
    }
}

/// Why a successor mapping cannot be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LineageError {
    /// The target year lies before the source year.
    #[error("het doeljaar {to} ligt vóór het beginjaar {from}")]
    Backwards {
        /// Source year.
        from: i32,
        /// Target year.
        to: i32,
    },
    /// The year cannot be represented as a date.
    #[error("jaar {0} valt buiten het bereik")]
    YearOutOfRange(i32),
}

/// The chain of abolitions and renames, for mapping codes across years.
#[derive(Debug, Clone, Default)]
pub struct Lineage {
    /// Per date, per abolished or renamed gemeente: where its territory went.
    steps: BTreeMap<NaiveDate, BTreeMap<MunicipalityCode, Vec<(MunicipalityCode, Size3)>>>,
}

#[derive(Debug, Clone, Copy, Default)]
struct Size3 {
    inhabitants: f64,
    hectare: f64,
}

impl Lineage {
    /// Builds the lineage from grouped events.
    pub fn new(events: &[Reorganisation]) -> Self {
        let mut steps: BTreeMap<NaiveDate, BTreeMap<MunicipalityCode, Vec<(MunicipalityCode, Size3)>>> =
            BTreeMap::new();
        for e in events {
            if !matches!(
                e.kind,
                ReorganisationKind::Samenvoeging | ReorganisationKind::Splitsing | ReorganisationKind::Naamswijziging
            ) {
                continue;
            }
            for t in &e.transfers {
                if t.from != t.to && e.abolished.contains(&t.from) {
                    steps.entry(e.date).or_default().entry(t.from).or_default().push((
                        t.to,
                        Size3 {
                            inhabitants: f64::from(t.inhabitants.unwrap_or(0)),
                            hectare: t.hectare.unwrap_or(0.0),
                        },
                    ));
                }
            }
        }
        Lineage { steps }
    }

    /// When `code` ceased to exist (by a merger, a split or a new name) and the gemeenten its
    /// territory went to, sorted by code; `None` for a gemeente that still exists.
    pub fn end_of(&self, code: MunicipalityCode) -> Option<(NaiveDate, Vec<MunicipalityCode>)> {
        self.steps.iter().find_map(|(date, moves)| {
            moves.get(&code).map(|parts| {
                let mut to: Vec<MunicipalityCode> = parts.iter().map(|p| p.0).collect();
                to.sort();
                to.dedup();
                (*date, to)
            })
        })
    }

    /// Maps a gemeente of the classification of `from_year` to the gemeente(n) of the
    /// classification of `to_year` that hold its territory, with the share of its inhabitants
    /// (at the time of each change) that went to each. A gemeente that did not change maps to
    /// itself with share 1. The shares add up to 1. The result is sorted by code.
    pub fn successors(
        &self,
        code: MunicipalityCode,
        from_year: i32,
        to_year: i32,
    ) -> Result<Vec<Successor>, LineageError> {
        if to_year < from_year {
            return Err(LineageError::Backwards {
                from: from_year,
                to: to_year,
            });
        }
        let start = reference_date(from_year).ok_or(LineageError::YearOutOfRange(from_year))?;
        let end = reference_date(to_year).ok_or(LineageError::YearOutOfRange(to_year))?;
        let mut weights: BTreeMap<MunicipalityCode, f64> = BTreeMap::from([(code, 1.0)]);
        // Changes dated on 1 January of the start year are already part of its classification.
        for (_, moves) in self
            .steps
            .range((std::ops::Bound::Excluded(start), std::ops::Bound::Included(end)))
        {
            for (gone, parts) in moves {
                let Some(weight) = weights.remove(gone) else { continue };
                let total_inh: f64 = parts.iter().map(|(_, s)| s.inhabitants).sum();
                let total_ha: f64 = parts.iter().map(|(_, s)| s.hectare).sum();
                for (to, size) in parts {
                    let part = if total_inh > 0.0 {
                        size.inhabitants / total_inh
                    } else if total_ha > 0.0 {
                        size.hectare / total_ha
                    } else {
                        1.0 / parts.len() as f64
                    };
                    if part > 0.0 {
                        *weights.entry(*to).or_insert(0.0) += weight * part;
                    }
                }
            }
        }
        Ok(weights
            .into_iter()
            .map(|(code, share)| Successor { code, share })
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gm(s: &str) -> MunicipalityCode {
        MunicipalityCode::parse(s).unwrap()
    }
    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }
    fn rec(code: &str, event: RecordEvent, date: &str, cp: &str, inh: u32) -> ReorganisationRecord {
        ReorganisationRecord {
            code: gm(code),
            event,
            date: d(date),
            counterpart: Some(gm(cp)),
            hectare: Some(1.0),
            dwellings: Some(0),
            inhabitants: Some(inh),
            note: None,
        }
    }

    #[test]
    fn merger_is_one_event_and_maps_forward() {
        use RecordEvent::*;
        let records = vec![
            rec("GM0457", AbolishedInto, "2022-03-24", "GM0363", 20766),
            rec("GM0363", AbsorbedFrom, "2022-03-24", "GM0457", 20766),
            rec("GM0363", AbsorbedFrom, "2022-03-24", "GM0363", 882633),
        ];
        let events = Reorganisation::group(&records);
        assert_eq!(events.len(), 1);
        let e = &events[0];
        assert_eq!(e.kind, ReorganisationKind::Samenvoeging);
        assert_eq!(e.id, "2022-03-24-samenvoeging-GM0363");
        assert_eq!(e.abolished, vec![gm("GM0457")]);
        assert_eq!(e.transfers.len(), 2);
        let lineage = Lineage::new(&events);
        let s = lineage.successors(gm("GM0457"), 2018, 2026).unwrap();
        assert_eq!(
            s,
            vec![Successor {
                code: gm("GM0363"),
                share: 1.0
            }]
        );
        // Weesp is still part of the 2022 classification (1 January), so 2021→2022 keeps it.
        let s = lineage.successors(gm("GM0457"), 2021, 2022).unwrap();
        assert_eq!(s[0].code, gm("GM0457"));
        let date = NaiveDate::from_ymd_opt(2022, 3, 24).unwrap();
        assert_eq!(lineage.end_of(gm("GM0457")), Some((date, vec![gm("GM0363")])));
        assert_eq!(lineage.end_of(gm("GM0363")), None);
    }

    #[test]
    fn split_divides_by_inhabitants() {
        use RecordEvent::*;
        let records = vec![
            rec("GM0788", AbolishedInto, "2021-01-01", "GM0757", 2149),
            rec("GM0788", AbolishedInto, "2021-01-01", "GM0824", 5827),
            rec("GM0788", AbolishedInto, "2021-01-01", "GM0855", 1442),
            rec("GM0788", AbolishedInto, "2021-01-01", "GM0865", 4900),
        ];
        let events = Reorganisation::group(&records);
        assert_eq!(events.len(), 1);
        assert_eq!(events[0].kind, ReorganisationKind::Splitsing);
        let s = Lineage::new(&events).successors(gm("GM0788"), 2020, 2021).unwrap();
        assert_eq!(s.len(), 4);
        let total: f64 = s.iter().map(|x| x.share).sum();
        assert!((total - 1.0).abs() < 1e-12);
        assert!((s[1].share - 5827.0 / 14318.0).abs() < 1e-12);
    }

    #[test]
    fn boundary_change_is_one_event_per_pair_and_keeps_codes() {
        use RecordEvent::*;
        let records = vec![
            rec("GM0457", BoundaryGaveTo, "2009-01-01", "GM1696", 0),
            rec("GM1696", BoundaryReceivedFrom, "2009-01-01", "GM0457", 0),
        ];
        let events = Reorganisation::group(&records);
        assert_eq!(events.len(), 1);
        assert_eq!(events[0].kind, ReorganisationKind::Grenswijziging);
        let s = Lineage::new(&events).successors(gm("GM0457"), 2008, 2010).unwrap();
        assert_eq!(
            s,
            vec![Successor {
                code: gm("GM0457"),
                share: 1.0
            }]
        );
    }

    #[test]
    fn backwards_is_an_error() {
        let l = Lineage::default();
        assert!(matches!(
            l.successors(gm("GM0153"), 2026, 2018),
            Err(LineageError::Backwards { .. })
        ));
    }
}
