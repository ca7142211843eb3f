// SPDX-License-Identifier: EUPL-1.2
//! The analyses over the registers, each over what the caller may see: the fragmentation of
//! schemes in a region, "welke regelingen passen?", who has not delivered, the load and overlap
//! of consultation bodies, and the theme page (everything linked to one concept). The
//! computations themselves are pure functions in `samenhang_stats::coherence`; this module
//! gathers their facts and names the results.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use samenhang_domain::access::Principal;
use samenhang_domain::codes::RegionCode;
use samenhang_domain::coherence::{Agreement, Body, CommitmentStatus, MoneyKind, Scheme, SchemeStatus};
use samenhang_domain::registers::Person;
use samenhang_domain::spec::KindSpec;
use samenhang_stats::coherence::{self as analysis, BodyFacts, SchemeFacts};
use samenhang_store::items::{ItemQuery, StoredItem};

use crate::records::decoded;
use crate::{App, AppError};

/// A reference with its name: an organisation, a concept, a region or a record.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Named {
    /// Id or code.
    pub id: String,
    /// Name, label or title.
    pub name: String,
}

/// Names of organisations and concepts, for one analysis.
pub struct Names {
    organisations: HashMap<String, String>,
    vocab: std::sync::Arc<crate::VocabView>,
}

impl Names {
    /// Loads the organisation names.
    pub async fn load(app: &App) -> Result<Names, AppError> {
        Ok(Names {
            organisations: app
                .store()
                .organisations()
                .await?
                .into_iter()
                .map(|o| (o.id, o.name))
                .collect(),
            vocab: app.vocab(),
        })
    }

    /// An organisation with its name.
    pub fn organisation(&self, id: &str) -> Named {
        Named {
            id: id.to_string(),
            name: self.organisations.get(id).cloned().unwrap_or_else(|| id.to_string()),
        }
    }

    /// A concept with its preferred label.
    pub fn concept(&self, id: &str) -> Named {
        Named {
            id: id.to_string(),
            name: self.vocab.label(id),
        }
    }
}

/// Every record of `kind` the caller may read (on one theme, if given), decoded.
pub async fn records<T: serde::de::DeserializeOwned>(
    app: &App,
    caller: &Principal,
    kind: &'static str,
    theme: Option<&str>,
) -> Result<Vec<(StoredItem, T)>, AppError> {
    let query = ItemQuery {
        theme: theme.map(str::to_string),
        ..ItemQuery::all(kind)
    };
    decoded(app, caller, &query).await
}

/// The region codes whose schemes apply to someone in `region` (a gemeente or an
/// arbeidsmarktregio) in the latest classification: the region itself, its gemeenten, and the
/// COROP regions, provincies and arbeidsmarktregio they lie in, and Nederland.
pub fn covering(app: &App, region: RegionCode) -> HashSet<RegionCode> {
    let snap = app.snapshot();
    let year = crate::latest_year(&snap);
    let mut out = HashSet::from([region, RegionCode::Nederland]);
    for m in snap.memberships(year) {
        let inside = match region {
            RegionCode::Municipality(g) => m.municipality == g,
            RegionCode::LabourMarketRegion(a) => m.labour_market_region == Some(a),
            _ => false,
        };
        if inside {
            out.insert(m.municipality.into());
            out.insert(m.corop.into());
            out.insert(m.province.into());
            if let Some(a) = m.labour_market_region {
                out.insert(a.into());
            }
        }
    }
    out
}

/// "Welke regelingen passen?": the active or planned schemes for a need and a target group that
/// apply in a region, as far as the caller may see them.
pub async fn matching(
    app: &App,
    caller: &Principal,
    need: Option<&str>,
    group: Option<&str>,
    region: Option<RegionCode>,
) -> Result<Vec<StoredItem>, AppError> {
    let cover = region.map(|r| covering(app, r));
    Ok(records::<Scheme>(app, caller, "regeling", need)
        .await?
        .into_iter()
        .filter(|(_, s)| s.status != SchemeStatus::Ended)
        .filter(|(_, s)| group.is_none_or(|g| s.doelgroepen.iter().any(|d| d == g)))
        .filter(|(_, s)| cover.as_ref().is_none_or(|c| c.contains(&s.gebied)))
        .map(|(i, _)| i)
        .collect())
}

fn scheme_facts(item: &StoredItem, s: &Scheme) -> SchemeFacts {
    SchemeFacts {
        id: item.id.clone(),
        provider: s.aanbieder.clone(),
        target_groups: s.doelgroepen.clone(),
        instrument: s.instrument.clone(),
        needs: s.behoeften.clone(),
        text: format!("{} {}", s.titel, s.omschrijving),
        budget: s.budget,
        doing: s.geldsoort == MoneyKind::Doing,
    }
}

/// A target group × instrument offered by more than one scheme.
#[derive(Debug, Clone, PartialEq)]
pub struct Overlap {
    /// Target group.
    pub target_group: Named,
    /// Instrument.
    pub instrument: Named,
    /// The providers.
    pub providers: Vec<Named>,
    /// The schemes.
    pub schemes: Vec<Named>,
}

/// The schemes an employer meets for one need.
#[derive(Debug, Clone, PartialEq)]
pub struct PerNeed {
    /// The need.
    pub need: Named,
    /// The providers.
    pub providers: Vec<Named>,
    /// The schemes.
    pub schemes: Vec<Named>,
}

/// Two schemes with nearly the same description.
#[derive(Debug, Clone, PartialEq)]
pub struct NearDuplicate {
    /// One scheme.
    pub a: Named,
    /// The other.
    pub b: Named,
    /// Jaccard similarity of their descriptions (word trigrams), 0–1.
    pub similarity: f64,
}

/// Doe-geld and procesgeld of one organisation or theme.
#[derive(Debug, Clone, PartialEq)]
pub struct Money {
    /// The organisation or concept.
    pub of: Named,
    /// Doe-geld in euros.
    pub doing: f64,
    /// Procesgeld in euros.
    pub process: f64,
    /// Share of doe-geld, 0–1.
    pub doing_share: Option<f64>,
}

/// The fragmentation of schemes in one region.
#[derive(Debug, Clone, PartialEq)]
pub struct Fragmentation {
    /// The region.
    pub region: Named,
    /// Number of schemes that apply there (that the caller may see).
    pub schemes: usize,
    /// Target group × instrument offered by more than one scheme, most providers first.
    pub overlap: Vec<Overlap>,
    /// Per need, the schemes an employer meets; most first.
    pub per_need: Vec<PerNeed>,
    /// Near-duplicate descriptions (similarity 0.5 or more).
    pub near_duplicates: Vec<NearDuplicate>,
    /// Doe-geld and procesgeld per provider.
    pub money_by_organisation: Vec<Money>,
    /// Doe-geld and procesgeld per theme (target group, instrument, need).
    pub money_by_theme: Vec<Money>,
}

/// The fragmentation analysis of the schemes that apply in `region` and that `caller` may see.
pub async fn fragmentation(app: &App, caller: &Principal, region: RegionCode) -> Result<Fragmentation, AppError> {
    let names = Names::load(app).await?;
    let cover = covering(app, region);
    let schemes: Vec<(StoredItem, Scheme)> = records::<Scheme>(app, caller, "regeling", None)
        .await?
        .into_iter()
        .filter(|(_, s)| cover.contains(&s.gebied))
        .collect();
    let titles: HashMap<&str, &str> = schemes.iter().map(|(i, s)| (i.id.as_str(), s.titel.as_str())).collect();
    let named = |id: &String| Named {
        id: id.clone(),
        name: titles.get(id.as_str()).map_or_else(|| id.clone(), |t| t.to_string()),
    };
    let facts: Vec<SchemeFacts> = schemes.iter().map(|(i, s)| scheme_facts(i, s)).collect();
    let money = |m: analysis::MoneyShare, of: Named| Money {
        doing_share: m.doing_share(),
        of,
        doing: m.doing,
        process: m.process,
    };
    let snap = app.snapshot();
    Ok(Fragmentation {
        region: Named {
            id: region.to_string(),
            name: crate::region_name(&snap, region),
        },
        schemes: schemes.len(),
        overlap: analysis::overlap(&facts)
            .into_iter()
            .map(|c| Overlap {
                target_group: names.concept(&c.target_group),
                instrument: names.concept(&c.instrument),
                providers: c.providers.iter().map(|p| names.organisation(p)).collect(),
                schemes: c.schemes.iter().map(named).collect(),
            })
            .collect(),
        per_need: analysis::per_need(&facts)
            .into_iter()
            .map(|n| PerNeed {
                need: names.concept(&n.need),
                providers: n.providers.iter().map(|p| names.organisation(p)).collect(),
                schemes: n.schemes.iter().map(named).collect(),
            })
            .collect(),
        near_duplicates: analysis::near_duplicates(&facts, 0.5)
            .into_iter()
            .map(|d| NearDuplicate {
                a: named(&d.a),
                b: named(&d.b),
                similarity: d.similarity,
            })
            .collect(),
        money_by_organisation: analysis::money_by(&facts, |s| vec![s.provider.clone()])
            .into_iter()
            .map(|m| {
                let of = names.organisation(&m.key);
                money(m, of)
            })
            .collect(),
        money_by_theme: analysis::money_by(&facts, |s| {
            let mut t = s.target_groups.clone();
            t.push(s.instrument.clone());
            t.extend(s.needs.iter().cloned());
            t.sort();
            t.dedup();
            t
        })
        .into_iter()
        .map(|m| {
            let of = names.concept(&m.key);
            money(m, of)
        })
        .collect(),
    })
}

/// A commitment that is open after its due date.
#[derive(Debug, Clone, PartialEq)]
pub struct Late {
    /// The agreement.
    pub agreement: Named,
    /// The party that has not delivered.
    pub party: Named,
    /// What was promised.
    pub commitment: String,
    /// The due date.
    pub due: NaiveDate,
    /// Days past the due date.
    pub days_late: i64,
}

/// Per party: open, overdue and delivered commitments.
#[derive(Debug, Clone, PartialEq)]
pub struct Standing {
    /// The party.
    pub party: Named,
    /// Commitments still open.
    pub open: usize,
    /// Of which past their due date.
    pub late: usize,
    /// Delivered.
    pub delivered: usize,
}

/// Who has not yet delivered.
#[derive(Debug, Clone, PartialEq)]
pub struct Overdue {
    /// The reference date.
    pub today: NaiveDate,
    /// Open commitments past their due date, longest overdue first.
    pub late: Vec<Late>,
    /// Per party, most overdue first (commitments and action items together).
    pub per_party: Vec<Standing>,
    /// Action items open after their deadline, longest overdue first.
    pub late_actions: Vec<crate::verslagen::ActionLine>,
}

/// Who has not delivered by `today`, over the agreements `caller` may see.
pub async fn overdue(app: &App, caller: &Principal, today: NaiveDate) -> Result<Overdue, AppError> {
    let names = Names::load(app).await?;
    let agreements: Vec<(StoredItem, Agreement)> = records(app, caller, "afspraak", None).await?;
    let mut late = Vec::new();
    let mut per: HashMap<String, (usize, usize, usize)> = HashMap::new();
    for (item, a) in &agreements {
        for c in &a.toezeggingen {
            let e = per.entry(c.partij.clone()).or_default();
            match c.status {
                CommitmentStatus::Delivered => e.2 += 1,
                CommitmentStatus::Dropped => {}
                CommitmentStatus::Open => {
                    e.0 += 1;
                    if let Some(d) = c.deadline.filter(|d| *d < today) {
                        e.1 += 1;
                        late.push(Late {
                            agreement: Named {
                                id: item.id.clone(),
                                name: a.titel.clone(),
                            },
                            party: names.organisation(&c.partij),
                            commitment: c.omschrijving.clone(),
                            due: d,
                            days_late: (today - d).num_days(),
                        });
                    }
                }
            }
        }
    }
    // Action items count for the organisation that does them.
    let filter = crate::verslagen::ActionFilter {
        open_only: true,
        ..crate::verslagen::ActionFilter::default()
    };
    let actions = crate::verslagen::actions(app, caller, &filter, today).await?;
    for l in &actions.lines {
        let e = per.entry(l.organisation.id.clone()).or_default();
        e.0 += 1;
        if l.days_late.is_some() {
            e.1 += 1;
        }
    }
    let late_actions: Vec<crate::verslagen::ActionLine> =
        actions.lines.into_iter().filter(|l| l.days_late.is_some()).collect();
    late.sort_by(|a, b| b.days_late.cmp(&a.days_late).then_with(|| a.party.id.cmp(&b.party.id)));
    let mut per_party: Vec<Standing> = per
        .into_iter()
        .map(|(p, (open, late, delivered))| Standing {
            party: names.organisation(&p),
            open,
            late,
            delivered,
        })
        .collect();
    per_party.sort_by(|a, b| {
        (b.late, b.open)
            .cmp(&(a.late, a.open))
            .then_with(|| a.party.id.cmp(&b.party.id))
    });
    Ok(Overdue {
        today,
        late,
        per_party,
        late_actions,
    })
}

/// Hours per year of a person or organisation in consultation bodies.
#[derive(Debug, Clone, PartialEq)]
pub struct Load {
    /// The person or organisation.
    pub who: Named,
    /// Hours per year.
    pub hours: f64,
    /// Number of bodies.
    pub bodies: usize,
}

/// The overlap of two bodies.
#[derive(Debug, Clone, PartialEq)]
pub struct BodyOverlap {
    /// One body.
    pub a: Named,
    /// The other.
    pub b: Named,
    /// Jaccard of their participants, 0–1.
    pub participants: f64,
    /// Jaccard of their themes, 0–1.
    pub themes: f64,
}

/// What to do with a body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Advice {
    /// Merge with the other body.
    Merge,
    /// Drop: the other body covers it.
    Drop,
}

impl Advice {
    /// The Dutch word.
    pub fn as_str(self) -> &'static str {
        match self {
            Advice::Merge => "samenvoegen",
            Advice::Drop => "opheffen",
        }
    }
}

/// A body to merge or drop.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    /// The body.
    pub body: Named,
    /// Merge or drop.
    pub advice: Advice,
    /// The other body (merge with, or covered by).
    pub with: Named,
    /// Why.
    pub reason: String,
    /// Person-hours per year saved.
    pub hours_saved: f64,
}

/// The consultation-body analysis.
#[derive(Debug, Clone, PartialEq)]
pub struct BodyAnalysis {
    /// Number of bodies (that the caller may see).
    pub bodies: usize,
    /// Person-hours per year in all of them together.
    pub hours_total: f64,
    /// Per person, most first.
    pub per_person: Vec<Load>,
    /// Per organisation, most first.
    pub per_organisation: Vec<Load>,
    /// Pairs that share participants or themes.
    pub overlap: Vec<BodyOverlap>,
    /// Candidates to merge or drop.
    pub candidates: Vec<Candidate>,
}

/// The bodies `caller` may see as facts, with their participants `caller` may see, the names of
/// those people, and the person-hours per year of those bodies counted over all their
/// participants (also those the caller may not see, so the total matches each body's own count).
pub async fn body_facts(
    app: &App,
    caller: &Principal,
) -> Result<(Vec<BodyFacts>, HashMap<String, String>, f64), AppError> {
    let people: HashMap<String, (String, String)> = records::<Person>(app, caller, "persoon", None)
        .await?
        .into_iter()
        .map(|(i, p)| (i.id, (p.naam, i.owner)))
        .collect();
    let bodies: Vec<(StoredItem, Body)> = records(app, caller, "overleg", None).await?;
    let facts = bodies
        .iter()
        .map(|(i, b)| BodyFacts {
            id: i.id.clone(),
            name: b.naam.clone(),
            participants: b
                .deelnemers
                .iter()
                .filter_map(|p| people.get(p).map(|(_, org)| (p.clone(), org.clone())))
                .collect(),
            hours: b.hours_per_year(),
            mandate: b.mandaat,
            themes: b.themas.clone(),
        })
        .collect();
    let hours_all = bodies
        .iter()
        .map(|(_, b)| b.hours_per_year() * b.deelnemers.len() as f64)
        .sum();
    Ok((
        facts,
        people.into_iter().map(|(id, (name, _))| (id, name)).collect(),
        hours_all,
    ))
}

/// Load, overlap and candidates over the bodies `caller` may see.
pub async fn bodies(app: &App, caller: &Principal) -> Result<BodyAnalysis, AppError> {
    let names = Names::load(app).await?;
    let (facts, people, hours_all) = body_facts(app, caller).await?;
    let body_name: HashMap<&str, &str> = facts.iter().map(|b| (b.id.as_str(), b.name.as_str())).collect();
    let body = |id: &str| Named {
        id: id.to_string(),
        name: body_name.get(id).map_or_else(|| id.to_string(), |n| n.to_string()),
    };
    let sorted = |mut v: Vec<Load>| {
        v.sort_by(|a, b| b.hours.total_cmp(&a.hours).then_with(|| a.who.name.cmp(&b.who.name)));
        v
    };
    Ok(BodyAnalysis {
        bodies: facts.len(),
        hours_total: hours_all,
        per_person: sorted(
            analysis::load_per_person(&facts)
                .into_iter()
                .map(|l| Load {
                    who: Named {
                        name: people.get(&l.key).cloned().unwrap_or_else(|| l.key.clone()),
                        id: l.key,
                    },
                    hours: l.hours,
                    bodies: l.bodies,
                })
                .collect(),
        ),
        per_organisation: sorted(
            analysis::load_per_organisation(&facts)
                .into_iter()
                .map(|l| Load {
                    who: names.organisation(&l.key),
                    hours: l.hours,
                    bodies: l.bodies,
                })
                .collect(),
        ),
        overlap: analysis::body_overlap(&facts)
            .into_iter()
            .map(|p| BodyOverlap {
                a: body(&p.a),
                b: body(&p.b),
                participants: p.participants,
                themes: p.themes,
            })
            .collect(),
        candidates: analysis::candidates(&facts)
            .into_iter()
            .map(|c| {
                let (advice, with) = match &c.advice {
                    analysis::Advice::Merge { with } => (Advice::Merge, with.as_str()),
                    analysis::Advice::Drop { into } => (Advice::Drop, into.as_str()),
                };
                Candidate {
                    body: body(&c.body),
                    advice,
                    with: body(with),
                    reason: c.reason,
                    hours_saved: c.hours_saved,
                }
            })
            .collect(),
    })
}

/// A record on a theme page.
#[derive(Debug, Clone, PartialEq)]
pub struct ThemeRecord {
    /// Id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Owning organisation.
    pub owner: Named,
}

/// At most this many records per kind on a theme page (by title); the rest are counted.
pub const THEME_SHOWN: u32 = 50;

/// The records of one kind on a theme page.
#[derive(Debug, Clone)]
pub struct ThemeRegister {
    /// The kind.
    pub spec: &'static KindSpec,
    /// The first [`THEME_SHOWN`] records by title.
    pub records: Vec<ThemeRecord>,
    /// The same, as stored (for a page that shows more of them).
    pub items: Vec<StoredItem>,
    /// How many records of this kind on this theme the caller may see in all.
    pub total: u64,
}

/// Everything linked to one concept, per register kind (every kind of the list).
#[derive(Debug, Clone)]
pub struct Theme {
    /// The concept.
    pub concept: Named,
    /// Indicators that measure it.
    pub indicators: Vec<Named>,
    /// Per kind, its records on this theme.
    pub registers: Vec<ThemeRegister>,
}

/// The theme page of a concept, as far as `caller` may see; `None` for an unknown concept.
pub async fn theme(app: &App, caller: &Principal, concept_id: &str) -> Result<Option<Theme>, AppError> {
    let view = app.vocab();
    let Some(concept) = view.concept(concept_id) else {
        return Ok(None);
    };
    let snap = app.snapshot();
    let indicators = snap
        .all_series_for(caller)
        .filter(|s| s.indicator.concept == concept.id)
        .map(|s| Named {
            id: s.indicator.id.clone(),
            name: s.indicator.name.clone(),
        })
        .collect();
    let names = Names::load(app).await?;
    // Every kind's page and count at once.
    let pages = futures_util::future::try_join_all(crate::kinds::KINDS.iter().map(|kind| {
        let query = ItemQuery {
            theme: Some(concept.id.clone()),
            paging: samenhang_store::Paging {
                page: 1,
                page_size: THEME_SHOWN,
            },
            ..ItemQuery::all(kind.spec().kind)
        };
        async move { app.store().list_items(&query, caller).await }
    }))
    .await?;
    let registers = crate::kinds::KINDS
        .iter()
        .zip(pages)
        .map(|(kind, page)| ThemeRegister {
            spec: kind.spec(),
            records: page
                .items
                .iter()
                .map(|i| ThemeRecord {
                    owner: names.organisation(&i.owner),
                    id: i.id.clone(),
                    title: i.title.clone(),
                })
                .collect(),
            items: page.items,
            total: page.total,
        })
        .collect();
    Ok(Some(Theme {
        concept: Named {
            id: concept.id.clone(),
            name: concept.pref_label.clone(),
        },
        indicators,
        registers,
    }))
}

/// What the region does about a gemeente, as far as the caller may see: the goals for the
/// gemeente or its arbeidsmarktregio, the aldermen of its organisation, the schemes that apply
/// there, the agreements its organisation is party to, and the consultation bodies its people
/// sit in.
#[derive(Debug, Clone, Default)]
pub struct GemeenteWork {
    /// The organisations of kind gemeente that are this gemeente (matched on name: "Gemeente
    /// Enschede" or "Enschede").
    pub organisations: Vec<Named>,
    /// Goals whose region is the gemeente or its arbeidsmarktregio, by title.
    pub goals: Vec<(StoredItem, samenhang_domain::registers::Goal)>,
    /// Aldermen of the gemeente's organisation, with their portfolio.
    pub aldermen: Vec<(ThemeRecord, Option<String>)>,
    /// Active or planned schemes that apply in the gemeente (its own, its region's, national).
    pub schemes: Vec<ThemeRecord>,
    /// Agreements the gemeente's organisation owns or is a party to.
    pub agreements: Vec<ThemeRecord>,
    /// Consultation bodies with a participant from the gemeente's organisation.
    pub bodies: Vec<ThemeRecord>,
}

impl GemeenteWork {
    /// Whether there is nothing to show.
    pub fn is_empty(&self) -> bool {
        self.goals.is_empty()
            && self.aldermen.is_empty()
            && self.schemes.is_empty()
            && self.agreements.is_empty()
            && self.bodies.is_empty()
    }
}

/// The name of a gemeente as an organisation may spell it, for matching: lower case, without
/// "gemeente ".
fn gemeente_name(name: &str) -> String {
    let lower = name.trim().to_lowercase();
    lower.strip_prefix("gemeente ").unwrap_or(&lower).trim().to_string()
}

/// [`GemeenteWork`] for gemeente `code` named `name`, in arbeidsmarktregio `region`.
pub async fn gemeente_work(
    app: &App,
    caller: &Principal,
    code: RegionCode,
    name: &str,
    region: Option<RegionCode>,
) -> Result<GemeenteWork, AppError> {
    let names = Names::load(app).await?;
    let wanted = gemeente_name(name);
    let orgs: HashSet<String> = app
        .store()
        .organisations()
        .await?
        .into_iter()
        .filter(|o| {
            o.kind == samenhang_domain::access::OrganisationKind::Municipality && gemeente_name(&o.name) == wanted
        })
        .map(|o| o.id)
        .collect();
    let record = |i: &StoredItem| ThemeRecord {
        id: i.id.clone(),
        title: i.title.clone(),
        owner: names.organisation(&i.owner),
    };
    let by_title = |v: &mut Vec<ThemeRecord>| v.sort_by_key(|r| r.title.to_lowercase());
    let mut goals: Vec<_> = records::<samenhang_domain::registers::Goal>(app, caller, "doel", None)
        .await?
        .into_iter()
        .filter(|(_, g)| g.gebied == code || Some(g.gebied) == region)
        .collect();
    goals.sort_by_key(|(i, _)| i.title.to_lowercase());
    let people = records::<Person>(app, caller, "persoon", None).await?;
    let ours: HashSet<&str> = people
        .iter()
        .filter(|(i, _)| orgs.contains(&i.owner))
        .map(|(i, _)| i.id.as_str())
        .collect();
    let mut aldermen: Vec<_> = people
        .iter()
        .filter(|(i, p)| orgs.contains(&i.owner) && p.functie == samenhang_domain::registers::Function::Alderman)
        .map(|(i, p)| (record(i), p.portefeuille.clone()))
        .collect();
    aldermen.sort_by_key(|(r, _)| r.title.to_lowercase());
    let mut schemes: Vec<_> = matching(app, caller, None, None, Some(code))
        .await?
        .iter()
        .map(record)
        .collect();
    by_title(&mut schemes);
    let mut agreements: Vec<_> = records::<Agreement>(app, caller, "afspraak", None)
        .await?
        .into_iter()
        .filter(|(i, a)| orgs.contains(&i.owner) || a.partijen.iter().any(|p| orgs.contains(&p.organisatie)))
        .map(|(i, _)| record(&i))
        .collect();
    by_title(&mut agreements);
    let mut bodies: Vec<_> = records::<Body>(app, caller, "overleg", None)
        .await?
        .into_iter()
        .filter(|(_, b)| b.deelnemers.iter().any(|d| ours.contains(d.as_str())))
        .map(|(i, _)| record(&i))
        .collect();
    by_title(&mut bodies);
    let mut organisations: Vec<Named> = orgs.iter().map(|o| names.organisation(o)).collect();
    organisations.sort();
    Ok(GemeenteWork {
        organisations,
        goals,
        aldermen,
        schemes,
        agreements,
        bodies,
    })
}

#[cfg(test)]
mod gemeente_name_tests {
    #[test]
    fn an_organisation_may_or_may_not_say_gemeente() {
        assert_eq!(super::gemeente_name("Gemeente Enschede"), "enschede");
        assert_eq!(super::gemeente_name(" enschede "), "enschede");
        assert_eq!(super::gemeente_name("Gemeente 's-Hertogenbosch"), "'s-hertogenbosch");
        assert_ne!(super::gemeente_name("Gemeente Enschede-Oost"), "enschede");
    }
}
