// SPDX-License-Identifier: EUPL-1.2
//! The use-cases of the relations with entrepreneurs, over the register kinds `onderneming`,
//! `contactpersoon`, `bedrijfsbezoek` and `opvolging`: one view of a company, the overdue
//! follow-up, what entrepreneurs need (with the visit coverage against the CBS establishment
//! counts), near-duplicate companies and their merge, and a contact person's export, review and
//! erasure ("vergeet deze persoon"). Every view is of what the caller may see; a confidential
//! note is never read here.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use chrono::NaiveDate;
use samenhang_domain::access::Principal;
use samenhang_domain::codes::RegionCode;
use samenhang_domain::coherence::{Agreement, CommitmentStatus, AGREEMENT_KINDS};
use samenhang_domain::ondernemers::{
    coverage_share, establishment_group, name_key, Company, Contact, EstablishmentGroup, FollowUp, Visit,
    ESTABLISHMENT_GROUPS, SEGMENTS, SIZE_CLASSES,
};
use samenhang_domain::registers::Person;
use samenhang_domain::spec::{FieldType, KindSpec};
use samenhang_store::items::{Expect, ItemDelete, ItemQuery, ItemWrite, StoredItem};
use serde_json::Value;

use crate::analyses::{records, Named, Names};
use crate::kinds::{by_kind, Kind};
use crate::records::{find, require_user, require_write, show, write_of, Shown};
use crate::{App, AppError};

/// The four kinds.
fn kind(name: &str) -> &'static dyn Kind {
    by_kind(name).unwrap_or_else(|| unreachable!("kind {name} is in the list"))
}

fn named(item: &StoredItem) -> Named {
    Named {
        id: item.id.clone(),
        name: item.title.clone(),
    }
}

/// What the caller may see of the four registers, decoded once.
struct Seen {
    companies: HashMap<String, (StoredItem, Company)>,
    visits: Vec<(StoredItem, Visit)>,
    follow_ups: Vec<(StoredItem, FollowUp)>,
    people: HashMap<String, (StoredItem, Person)>,
}

impl Seen {
    async fn load(app: &App, caller: &Principal) -> Result<Seen, AppError> {
        let (companies, visits, follow_ups, people) = futures_util::future::try_join4(
            records::<Company>(app, caller, "onderneming", None),
            records::<Visit>(app, caller, "bedrijfsbezoek", None),
            records::<FollowUp>(app, caller, "opvolging", None),
            records::<Person>(app, caller, "persoon", None),
        )
        .await?;
        Ok(Seen {
            companies: companies.into_iter().map(|c| (c.0.id.clone(), c)).collect(),
            visits,
            follow_ups,
            people: people.into_iter().map(|p| (p.0.id.clone(), p)).collect(),
        })
    }

    fn person(&self, id: &str) -> Named {
        Named {
            id: id.to_string(),
            name: self
                .people
                .get(id)
                .map_or_else(|| "(niet zichtbaar)".to_string(), |p| p.1.naam.clone()),
        }
    }

    fn company(&self, id: &str) -> Named {
        Named {
            id: id.to_string(),
            name: self
                .companies
                .get(id)
                .map_or_else(|| "(niet zichtbaar)".to_string(), |c| c.1.naam.clone()),
        }
    }
}

/// A visit in a company's view.
#[derive(Debug, Clone, PartialEq)]
pub struct VisitLine {
    /// The visit.
    pub visit: Named,
    /// Its date.
    pub date: NaiveDate,
    /// The visiting organisation.
    pub organisation: Named,
    /// Who visited.
    pub visitors: Vec<Named>,
    /// The needs raised.
    pub needs: Vec<Named>,
}

/// A follow-up action in a view.
#[derive(Debug, Clone, PartialEq)]
pub struct ActionLine {
    /// The action (its `wat`).
    pub action: Named,
    /// The visit it follows.
    pub visit: Named,
    /// The company visited.
    pub company: Named,
    /// Who does it.
    pub owner: Named,
    /// The organisation that holds it.
    pub organisation: Named,
    /// The need it answers.
    pub need: Option<Named>,
    /// The deadline.
    pub deadline: NaiveDate,
    /// Its status (`open`, `in-uitvoering`, `afgedaan`, `vervallen`).
    pub status: String,
    /// Days past the deadline on the reference date, when open and late.
    pub days_late: Option<i64>,
    /// The answer given.
    pub answer: String,
}

/// Everything about one company that the caller may see: who visited, when, what was asked,
/// what was promised, by which organisation.
#[derive(Debug, Clone, PartialEq)]
pub struct CompanyView {
    /// The company.
    pub company: Named,
    /// The organisations that visited it, by name.
    pub organisations: Vec<Named>,
    /// Its visits, newest first.
    pub visits: Vec<VisitLine>,
    /// The follow-up of those visits, by deadline.
    pub actions: Vec<ActionLine>,
    /// Its contact persons.
    pub contacts: Vec<Named>,
    /// The werkpacten and other agreements it takes part in, as far as the caller may see them.
    pub pacts: Vec<PactLine>,
    /// How many of its agreements the caller may not see.
    pub hidden_pacts: usize,
}

/// An agreement a company takes part in (a werkpact), with the state of its commitments.
#[derive(Debug, Clone, PartialEq)]
pub struct PactLine {
    /// The agreement.
    pub agreement: Named,
    /// Its kind, in words (Werkpact, Convenant, …).
    pub kind: &'static str,
    /// First and last day.
    pub period: (Option<NaiveDate>, Option<NaiveDate>),
    /// Its commitments by deadline (those without one last).
    pub commitments: Vec<CommitmentLine>,
}

impl PactLine {
    /// Commitments open, of which late, and delivered.
    pub fn counts(&self) -> (usize, usize, usize) {
        let open = self
            .commitments
            .iter()
            .filter(|c| c.status == CommitmentStatus::Open)
            .count();
        let late = self.commitments.iter().filter(|c| c.days_late.is_some()).count();
        let delivered = self
            .commitments
            .iter()
            .filter(|c| c.status == CommitmentStatus::Delivered)
            .count();
        (open, late, delivered)
    }
}

/// A commitment of an agreement in a view.
#[derive(Debug, Clone, PartialEq)]
pub struct CommitmentLine {
    /// The party that promised it.
    pub party: Named,
    /// What was promised.
    pub what: String,
    /// Its deadline.
    pub deadline: Option<NaiveDate>,
    /// Its status.
    pub status: CommitmentStatus,
    /// Days past the deadline, when open and late.
    pub days_late: Option<i64>,
}

/// The agreements `ids` (a company's werkpacten) that the caller may see, with their
/// commitments on `today`, and how many the caller may not see.
async fn pacts(
    app: &App,
    caller: &Principal,
    names: &Names,
    ids: &[String],
    today: NaiveDate,
) -> Result<(Vec<PactLine>, usize), AppError> {
    let found = futures_util::future::join_all(ids.iter().map(|id| find(app, caller, kind("afspraak"), id))).await;
    let mut out = Vec::new();
    let mut hidden = 0;
    for f in found {
        let item = match f {
            Ok(item) => item,
            Err(AppError::NotFound(_)) => {
                hidden += 1;
                continue;
            }
            Err(e) => return Err(e),
        };
        let a: Agreement = serde_json::from_str(&item.data).map_err(|e| AppError::Internal(Box::new(e)))?;
        let mut commitments: Vec<CommitmentLine> = a
            .toezeggingen
            .iter()
            .map(|c| CommitmentLine {
                party: names.organisation(&c.partij),
                what: c.omschrijving.clone(),
                deadline: c.deadline,
                status: c.status,
                days_late: c
                    .deadline
                    .filter(|d| c.status == CommitmentStatus::Open && *d < today)
                    .map(|d| (today - d).num_days()),
            })
            .collect();
        commitments.sort_by_key(|c| (c.deadline.is_none(), c.deadline));
        out.push(PactLine {
            kind: AGREEMENT_KINDS
                .iter()
                .find(|k| k.value == a.soort.as_str())
                .map_or("Afspraak", |k| k.label),
            agreement: named(&item),
            period: (a.begindatum, a.einddatum),
            commitments,
        });
    }
    out.sort_by(|a, b| a.agreement.name.cmp(&b.agreement.name));
    Ok((out, hidden))
}

fn action_line(seen: &Seen, names: &Names, item: &StoredItem, f: &FollowUp, today: NaiveDate) -> ActionLine {
    let visit = seen.visits.iter().find(|(v, _)| v.id == f.bezoek);
    ActionLine {
        action: Named {
            id: item.id.clone(),
            name: f.wat.clone(),
        },
        visit: visit.map_or_else(
            || Named {
                id: f.bezoek.clone(),
                name: "(niet zichtbaar)".into(),
            },
            |(v, _)| named(v),
        ),
        company: visit.map_or_else(
            || Named {
                id: String::new(),
                name: "(niet zichtbaar)".into(),
            },
            |(_, v)| seen.company(&v.onderneming),
        ),
        owner: seen.person(&f.eigenaar),
        organisation: names.organisation(&item.owner),
        need: f.behoefte.as_deref().map(|n| names.concept(n)),
        deadline: f.deadline,
        status: f.status.clone(),
        days_late: f.overdue(today).then(|| (today - f.deadline).num_days()),
        answer: f.antwoord.clone(),
    }
}

/// One view of a company, as far as the caller may see.
pub async fn company_view(app: &App, caller: &Principal, id: &str, today: NaiveDate) -> Result<CompanyView, AppError> {
    let item = find(app, caller, kind("onderneming"), id).await?;
    let seen = Seen::load(app, caller).await?;
    let names = Names::load(app).await?;
    let mut visits: Vec<&(StoredItem, Visit)> = seen.visits.iter().filter(|(_, v)| v.onderneming == id).collect();
    visits.sort_by(|a, b| b.1.datum.cmp(&a.1.datum).then_with(|| a.0.id.cmp(&b.0.id)));
    let ids: HashSet<&str> = visits.iter().map(|(i, _)| i.id.as_str()).collect();
    let mut actions: Vec<ActionLine> = seen
        .follow_ups
        .iter()
        .filter(|(_, f)| ids.contains(f.bezoek.as_str()))
        .map(|(i, f)| action_line(&seen, &names, i, f, today))
        .collect();
    actions.sort_by(|a, b| a.deadline.cmp(&b.deadline).then_with(|| a.action.id.cmp(&b.action.id)));
    let organisations: BTreeSet<Named> = visits.iter().map(|(i, _)| names.organisation(&i.owner)).collect();
    let contacts = records::<Contact>(app, caller, "contactpersoon", None)
        .await?
        .into_iter()
        .filter(|(_, c)| c.onderneming == id)
        .map(|(i, _)| named(&i))
        .collect();
    let company: Company = serde_json::from_str(&item.data).map_err(|e| AppError::Internal(Box::new(e)))?;
    let (pacts, hidden_pacts) = pacts(app, caller, &names, &company.werkpacten, today).await?;
    Ok(CompanyView {
        company: named(&item),
        organisations: organisations.into_iter().collect(),
        visits: visits
            .iter()
            .map(|(i, v)| VisitLine {
                visit: named(i),
                date: v.datum,
                organisation: names.organisation(&i.owner),
                visitors: v.bezoekers.iter().map(|p| seen.person(p)).collect(),
                needs: v.behoeften.iter().map(|n| names.concept(n)).collect(),
            })
            .collect(),
        actions,
        contacts,
        pacts,
        hidden_pacts,
    })
}

/// Open or late follow-up per person or organisation.
#[derive(Debug, Clone, PartialEq)]
pub struct ActionStanding {
    /// The person or organisation.
    pub who: Named,
    /// Actions still open.
    pub open: usize,
    /// Of which past their deadline.
    pub late: usize,
}

/// The overdue follow-up.
#[derive(Debug, Clone, PartialEq)]
pub struct OverdueActions {
    /// The reference date.
    pub today: NaiveDate,
    /// Open actions past their deadline, longest overdue first.
    pub late: Vec<ActionLine>,
    /// Per owner, most overdue first.
    pub per_owner: Vec<ActionStanding>,
    /// Per organisation, most overdue first.
    pub per_organisation: Vec<ActionStanding>,
}

/// The follow-up actions open after their deadline on `today`; with `owner_email`, only those
/// of the people in the register with that e-mail address (the reader's own account page).
pub async fn overdue_actions(
    app: &App,
    caller: &Principal,
    today: NaiveDate,
    owner_email: Option<&str>,
) -> Result<OverdueActions, AppError> {
    let seen = Seen::load(app, caller).await?;
    let names = Names::load(app).await?;
    let mine: Option<HashSet<&str>> = owner_email.map(|e| {
        seen.people
            .iter()
            .filter(|(_, (_, p))| p.email.as_deref().is_some_and(|m| m.eq_ignore_ascii_case(e.trim())))
            .map(|(id, _)| id.as_str())
            .collect()
    });
    let mut per_owner: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut per_org: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut late = Vec::new();
    for (item, f) in &seen.follow_ups {
        if !f.is_open() || mine.as_ref().is_some_and(|m| !m.contains(f.eigenaar.as_str())) {
            continue;
        }
        let overdue = f.overdue(today);
        for (map, key) in [(&mut per_owner, &f.eigenaar), (&mut per_org, &item.owner)] {
            let e = map.entry(key.clone()).or_default();
            e.0 += 1;
            e.1 += usize::from(overdue);
        }
        if overdue {
            late.push(action_line(&seen, &names, item, f, today));
        }
    }
    late.sort_by(|a, b| {
        b.days_late
            .cmp(&a.days_late)
            .then_with(|| a.action.id.cmp(&b.action.id))
    });
    let standing = |map: BTreeMap<String, (usize, usize)>, name: &dyn Fn(&str) -> Named| {
        let mut out: Vec<ActionStanding> = map
            .into_iter()
            .map(|(k, (open, late))| ActionStanding {
                who: name(&k),
                open,
                late,
            })
            .collect();
        out.sort_by(|a, b| {
            (b.late, b.open)
                .cmp(&(a.late, a.open))
                .then_with(|| a.who.id.cmp(&b.who.id))
        });
        out
    };
    Ok(OverdueActions {
        today,
        late,
        per_owner: standing(per_owner, &|k| seen.person(k)),
        per_organisation: standing(per_org, &|k| names.organisation(k)),
    })
}

/// The caller's own overdue follow-up: of the people in the register with the caller's e-mail
/// address. `None` when not logged in.
pub async fn my_overdue_actions(
    app: &App,
    caller: &Principal,
    today: NaiveDate,
) -> Result<Option<OverdueActions>, AppError> {
    let Some(u) = &caller.user else { return Ok(None) };
    let Some(user) = app.store().user(&u.id).await? else {
        return Ok(None);
    };
    overdue_actions(app, caller, today, Some(&user.email)).await.map(Some)
}

/// Which visits the needs analysis counts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NeedsFilter {
    /// Only companies in this gemeente.
    pub gemeente: Option<RegionCode>,
    /// Only visits on or after this day.
    pub from: Option<NaiveDate>,
    /// Only visits on or before this day.
    pub to: Option<NaiveDate>,
}

/// One need: how often it was raised and how quickly its actions were done.
#[derive(Debug, Clone, PartialEq)]
pub struct NeedLine {
    /// The need.
    pub need: Named,
    /// Visits that raised it.
    pub visits: usize,
    /// Companies that raised it.
    pub companies: usize,
    /// Follow-up actions on it.
    pub actions: usize,
    /// Of which done.
    pub done: usize,
    /// Mean days from the visit to the action's completion.
    pub mean_days_to_done: Option<f64>,
}

/// A need counted for one value of a company property (a segment, an SBI section, …).
#[derive(Debug, Clone, PartialEq)]
pub struct NeedCell {
    /// The property: `segment`, `sbiSectie`, `grootteklasse`, `gemeente` or `periode`.
    pub dimension: &'static str,
    /// Its value.
    pub value: Named,
    /// The need.
    pub need: Named,
    /// Visits that raised it.
    pub visits: usize,
}

/// The process figures of one visitor (an account manager, an alderman).
#[derive(Debug, Clone, PartialEq)]
pub struct VisitorLine {
    /// The person.
    pub person: Named,
    /// Visits made.
    pub visits: usize,
    /// Follow-up actions of those visits.
    pub actions: usize,
    /// Actions per visit.
    pub actions_per_visit: f64,
    /// Mean days from visit to done, over the actions done.
    pub mean_days_to_done: Option<f64>,
}

/// What entrepreneurs need.
#[derive(Debug, Clone, PartialEq)]
pub struct NeedsAnalysis {
    /// The filter.
    pub filter: NeedsFilter,
    /// Visits counted.
    pub visits: usize,
    /// Per need, most raised first.
    pub needs: Vec<NeedLine>,
    /// Per need and company property.
    pub cells: Vec<NeedCell>,
    /// Per visitor, most visits first.
    pub visitors: Vec<VisitorLine>,
}

/// What the needs analysis counts of one need.
#[derive(Default)]
struct NeedTally {
    visits: usize,
    companies: BTreeSet<String>,
    actions: usize,
    /// Days from visit to done, per action done.
    days: Vec<i64>,
}

fn choice_label(choices: &[samenhang_domain::spec::Choice], value: &str) -> String {
    choices
        .iter()
        .find(|c| c.value == value)
        .map_or_else(|| value.to_string(), |c| c.label.to_string())
}

fn mean(values: &[i64]) -> Option<f64> {
    (!values.is_empty()).then(|| values.iter().sum::<i64>() as f64 / values.len() as f64)
}

/// What entrepreneurs need: over the visits the caller may see that `filter` selects.
pub async fn needs(app: &App, caller: &Principal, filter: NeedsFilter) -> Result<NeedsAnalysis, AppError> {
    let seen = Seen::load(app, caller).await?;
    let names = Names::load(app).await?;
    let snap = app.snapshot();
    let sections = app.sbi_sections();
    let visits: Vec<(&StoredItem, &Visit, &Company)> = seen
        .visits
        .iter()
        .filter(|(_, v)| filter.from.is_none_or(|d| v.datum >= d) && filter.to.is_none_or(|d| v.datum <= d))
        .filter_map(|(i, v)| seen.companies.get(&v.onderneming).map(|(_, c)| (i, v, c)))
        .filter(|(_, _, c)| filter.gemeente.is_none_or(|g| c.gemeente == g))
        .collect();
    let by_visit: HashMap<&str, (&Visit, Vec<&FollowUp>)> = visits
        .iter()
        .map(|(i, v, _)| {
            let fs = seen
                .follow_ups
                .iter()
                .filter(|(_, f)| f.bezoek == i.id)
                .map(|(_, f)| f)
                .collect();
            (i.id.as_str(), (*v, fs))
        })
        .collect();
    let days_to_done = |v: &Visit, f: &FollowUp| {
        f.afgedaan_op
            .filter(|_| f.status == "afgedaan")
            .map(|d| (d - v.datum).num_days())
    };
    // Per need.
    let mut per_need: BTreeMap<&str, NeedTally> = BTreeMap::new();
    let mut cells: BTreeMap<(&'static str, String, String, &str), usize> = BTreeMap::new();
    for (item, v, c) in &visits {
        let section = c.sbi_sectie.to_string();
        let section_name = sections
            .iter()
            .find(|(l, _)| *l == c.sbi_sectie)
            .map_or_else(|| section.clone(), |(_, t)| format!("{section} {t}"));
        let properties = [
            ("segment", c.segment.clone(), choice_label(SEGMENTS, &c.segment)),
            ("sbiSectie", section.clone(), section_name),
            (
                "grootteklasse",
                c.grootteklasse.clone().unwrap_or_default(),
                c.grootteklasse
                    .as_deref()
                    .map_or_else(|| "Onbekend".to_string(), |g| choice_label(SIZE_CLASSES, g)),
            ),
            (
                "gemeente",
                c.gemeente.to_string(),
                crate::region_name(&snap, c.gemeente),
            ),
            (
                "periode",
                v.datum.format("%Y").to_string(),
                v.datum.format("%Y").to_string(),
            ),
        ];
        for need in &v.behoeften {
            let e = per_need.entry(need.as_str()).or_default();
            e.visits += 1;
            e.companies.insert(v.onderneming.clone());
            for f in by_visit
                .get(item.id.as_str())
                .map(|(_, fs)| fs.as_slice())
                .unwrap_or_default()
            {
                if f.behoefte.as_deref() == Some(need.as_str()) {
                    e.actions += 1;
                    e.days.extend(days_to_done(v, f));
                }
            }
            for (dimension, value, label) in &properties {
                *cells
                    .entry((dimension, value.clone(), label.clone(), need.as_str()))
                    .or_default() += 1;
            }
        }
    }
    let mut needs: Vec<NeedLine> = per_need
        .into_iter()
        .map(|(need, t)| NeedLine {
            need: names.concept(need),
            visits: t.visits,
            companies: t.companies.len(),
            actions: t.actions,
            done: t.days.len(),
            mean_days_to_done: mean(&t.days),
        })
        .collect();
    needs.sort_by(|a, b| b.visits.cmp(&a.visits).then_with(|| a.need.name.cmp(&b.need.name)));
    // Per visitor.
    let mut per_visitor: BTreeMap<&str, (usize, usize, Vec<i64>)> = BTreeMap::new();
    for (item, v, _) in &visits {
        let fs = by_visit
            .get(item.id.as_str())
            .map(|(_, fs)| fs.as_slice())
            .unwrap_or_default();
        for p in &v.bezoekers {
            let e = per_visitor.entry(p.as_str()).or_default();
            e.0 += 1;
            e.1 += fs.len();
            e.2.extend(fs.iter().filter_map(|f| days_to_done(v, f)));
        }
    }
    let mut visitors: Vec<VisitorLine> = per_visitor
        .into_iter()
        .map(|(p, (visits, actions, days))| VisitorLine {
            person: seen.person(p),
            visits,
            actions,
            actions_per_visit: actions as f64 / visits.max(1) as f64,
            mean_days_to_done: mean(&days),
        })
        .collect();
    visitors.sort_by(|a, b| b.visits.cmp(&a.visits).then_with(|| a.person.name.cmp(&b.person.name)));
    Ok(NeedsAnalysis {
        filter,
        visits: visits.len(),
        needs,
        cells: cells
            .into_iter()
            .map(|((dimension, id, name, need), visits)| NeedCell {
                dimension,
                value: Named { id, name },
                need: names.concept(need),
                visits,
            })
            .collect(),
        visitors,
    })
}

/// The visit coverage of one CBS establishment group in a gemeente.
#[derive(Debug, Clone, PartialEq)]
pub struct CoverageLine {
    /// The group; `None` for sections CBS counts in no group (O, P, Q).
    pub group: Option<&'static EstablishmentGroup>,
    /// Companies in the register in the gemeente and the group.
    pub companies: usize,
    /// Of which visited at least once (in the period).
    pub visited: usize,
    /// Establishments by CBS in the gemeente and the group.
    pub establishments: Option<f64>,
    /// The year of that count.
    pub year: Option<i32>,
    /// Visited / establishments.
    pub share: Option<f64>,
}

/// Visit coverage per SBI group for one gemeente.
#[derive(Debug, Clone, PartialEq)]
pub struct Coverage {
    /// The gemeente.
    pub gemeente: Named,
    /// Per CBS group, in CBS's order, and last the sections without a CBS count.
    pub lines: Vec<CoverageLine>,
}

/// The share of establishments visited per SBI group in `gemeente`: the companies of the register
/// in that gemeente that the caller may see with at least one visit the caller may see (between
/// `from` and `to`), against the establishments in the newest CBS figures.
pub async fn coverage(
    app: &App,
    caller: &Principal,
    gemeente: RegionCode,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> Result<Coverage, AppError> {
    let seen = Seen::load(app, caller).await?;
    let snap = app.snapshot();
    let visited: HashSet<&str> = seen
        .visits
        .iter()
        .filter(|(_, v)| from.is_none_or(|d| v.datum >= d) && to.is_none_or(|d| v.datum <= d))
        .map(|(_, v)| v.onderneming.as_str())
        .collect();
    let mut tally: HashMap<Option<&'static str>, (usize, usize)> = HashMap::new();
    for (id, (_, c)) in &seen.companies {
        if c.gemeente != gemeente {
            continue;
        }
        let e = tally
            .entry(establishment_group(c.sbi_sectie).map(|g| g.code))
            .or_default();
        e.0 += 1;
        e.1 += usize::from(visited.contains(id.as_str()));
    }
    let count = |g: &EstablishmentGroup| -> Option<(i32, f64)> {
        let s = snap.series(g.indicator)?;
        s.years()
            .iter()
            .rev()
            .find_map(|&y| snap.value(s, gemeente, y).map(|(v, _)| (y, v)))
    };
    let mut lines: Vec<CoverageLine> = ESTABLISHMENT_GROUPS
        .iter()
        .map(|g| {
            let (companies, visited) = tally.get(&Some(g.code)).copied().unwrap_or_default();
            let found = count(g);
            CoverageLine {
                group: Some(g),
                companies,
                visited,
                establishments: found.map(|f| f.1),
                year: found.map(|f| f.0),
                share: coverage_share(visited, found.map(|f| f.1)),
            }
        })
        .collect();
    if let Some((companies, visited)) = tally.get(&None).copied() {
        lines.push(CoverageLine {
            group: None,
            companies,
            visited,
            establishments: None,
            year: None,
            share: None,
        });
    }
    Ok(Coverage {
        gemeente: Named {
            id: gemeente.to_string(),
            name: crate::region_name(&snap, gemeente),
        },
        lines,
    })
}

/// Two companies that look the same: the same name (without legal form) in the same gemeente.
#[derive(Debug, Clone, PartialEq)]
pub struct LookAlike {
    /// One.
    pub a: Named,
    /// The other.
    pub b: Named,
    /// The gemeente.
    pub gemeente: Named,
}

/// Companies the caller may see that are probably the same.
pub async fn look_alikes(app: &App, caller: &Principal) -> Result<Vec<LookAlike>, AppError> {
    let snap = app.snapshot();
    let mut groups: BTreeMap<(String, String), Vec<Named>> = BTreeMap::new();
    for (item, c) in records::<Company>(app, caller, "onderneming", None).await? {
        groups
            .entry((c.gemeente.to_string(), name_key(&c.naam)))
            .or_default()
            .push(named(&item));
    }
    let mut out = Vec::new();
    for ((gemeente, _), list) in groups {
        for (n, a) in list.iter().enumerate() {
            for b in &list[n + 1..] {
                out.push(LookAlike {
                    a: a.clone(),
                    b: b.clone(),
                    gemeente: Named {
                        name: gemeente
                            .parse::<RegionCode>()
                            .map_or_else(|_| gemeente.clone(), |g| crate::region_name(&snap, g)),
                        id: gemeente.clone(),
                    },
                });
            }
        }
    }
    Ok(out)
}

/// Replaces reference `from` to a record of `target` by `to` (or removes it) in every reference
/// field of `spec`; returns whether anything changed.
fn replace_reference(spec: &KindSpec, record: &mut Value, target: &str, from: &str, to: Option<&str>) -> bool {
    let mut changed = false;
    for f in spec.fields {
        let Some(v) = record.get_mut(f.name) else { continue };
        match f.ty {
            FieldType::Record(k) if k == target && v.as_str() == Some(from) => {
                *v = to.map_or(Value::Null, |t| Value::String(t.to_string()));
                changed = true;
            }
            FieldType::Records(k) if k == target => {
                if let Value::Array(list) = v {
                    let before = list.clone();
                    let mut out: Vec<Value> = Vec::new();
                    for x in before {
                        let x = if x.as_str() == Some(from) {
                            match to {
                                Some(t) => Value::String(t.to_string()),
                                None => continue,
                            }
                        } else {
                            x
                        };
                        if !out.contains(&x) {
                            out.push(x);
                        }
                    }
                    changed |= *list != out;
                    *list = out;
                }
            }
            _ => {}
        }
    }
    if let Value::Object(map) = record {
        map.retain(|_, v| !v.is_null());
    }
    changed
}

/// The writes that make every record that refers to `(target, from)` refer to `to` instead (or
/// to nothing), whoever holds them.
async fn relinked(app: &App, target: &str, from: &str, to: Option<&str>) -> Result<Vec<ItemWrite>, AppError> {
    let mut out = Vec::new();
    for item in app.store().linking_items(target, from).await? {
        let Some(k) = by_kind(&item.kind) else { continue };
        let mut record: Value = serde_json::from_str(&item.data).map_err(|e| AppError::Internal(Box::new(e)))?;
        if !replace_reference(k.spec(), &mut record, target, from, to) {
            continue;
        }
        let keys = k.keys(&record).into_iter().map(|u| u.key).collect();
        out.push(write_of(
            k.spec(),
            item.id,
            item.owner,
            item.visibility,
            &record,
            Expect::Version(item.version),
            keys,
        ));
    }
    Ok(out)
}

/// Merges company `gone` into `keep`: every visit, contact person and other record that refers
/// to `gone` (of any organisation) then refers to `keep`, and `gone` is deleted, in one
/// transaction, with an audit line `samengevoegd`. Both must be the caller's to change.
pub async fn merge(app: &App, caller: &Principal, keep: &str, gone: &str) -> Result<Shown, AppError> {
    let by = require_user(caller)?.clone();
    let company = kind("onderneming");
    if keep == gone {
        return Err(AppError::Invalid(vec![crate::error::fault(
            "met",
            "same",
            "Kies een andere onderneming dan deze om mee samen te voegen.",
        )]));
    }
    let kept = find(app, caller, company, keep).await?;
    let other = find(app, caller, company, gone).await.map_err(|_| {
        AppError::Invalid(vec![crate::error::fault(
            "met",
            "unknown",
            format!("Er is geen onderneming '{gone}' die u kunt zien."),
        )])
    })?;
    require_write(caller, &kept.owner)?;
    require_write(caller, &other.owner)?;
    let writes = relinked(app, "onderneming", gone, Some(keep)).await?;
    let delete = ItemDelete {
        kind: "onderneming",
        id: gone.to_string(),
        version: other.version,
        action: "samengevoegd",
        summary: format!("'{}' samengevoegd met '{}' ({keep})", other.title, kept.title),
    };
    app.store()
        .save_and_delete(&writes, std::slice::from_ref(&delete), &by)
        .await
        .map_err(|e| crate::records::write_error(company.spec(), e))?;
    app.items_changed();
    show(app, caller, company, keep).await
}

/// A contact person's data, with every version and the records that name them, as JSON (the
/// right of access, AVG article 15).
pub async fn contact_export(app: &App, caller: &Principal, id: &str) -> Result<Value, AppError> {
    let contact = kind("contactpersoon");
    let current = show(app, caller, contact, id).await?;
    let mut versions = Vec::new();
    for v in 1..=current.item.version {
        if let Some(old) = app.store().item_version("contactpersoon", id, v, caller).await? {
            let data: Value = serde_json::from_str(&old.data).map_err(|e| AppError::Internal(Box::new(e)))?;
            versions.push(serde_json::json!({ "versie": v, "op": old.changed_at, "gegevens": data }));
        }
    }
    let query = ItemQuery {
        kind: None,
        linked_to: Some(("contactpersoon".into(), id.into())),
        ..ItemQuery::all("bedrijfsbezoek")
    };
    let named_in: Vec<Value> = app
        .store()
        .list_items(&query, caller)
        .await?
        .items
        .into_iter()
        .map(|i| serde_json::json!({ "soort": i.kind, "id": i.id, "titel": i.title }))
        .collect();
    Ok(serde_json::json!({
        "contactpersoon": current.body,
        "versies": versions,
        "vermeldIn": named_in,
    }))
}

/// "Vergeet deze persoon": erases a contact person: the record with every version, their name,
/// e-mail address and telephone number wherever they are stored (other records, versions, the
/// audit log), and the references to them; an audit line without the data says it happened.
pub async fn erase_contact(app: &App, caller: &Principal, id: &str) -> Result<(), AppError> {
    let by = require_user(caller)?.clone();
    let contact = kind("contactpersoon");
    let item = find(app, caller, contact, id).await?;
    require_write(caller, &item.owner)?;
    let mut needles = BTreeSet::new();
    for v in 1..=item.version {
        let Some(old) = app.store().item_version("contactpersoon", id, v, caller).await? else {
            continue;
        };
        let Ok(c) = serde_json::from_str::<Contact>(&old.data) else {
            continue;
        };
        for value in [Some(c.naam), c.email, c.telefoon].into_iter().flatten() {
            // As typed and as it stands inside a JSON string.
            let escaped = serde_json::to_string(&value).unwrap_or_default();
            needles.insert(escaped.trim_matches('"').to_string());
            needles.insert(value);
        }
    }
    let rewrites = relinked(app, "contactpersoon", id, None).await?;
    let needles: Vec<String> = needles.into_iter().collect();
    app.store()
        .erase_item("contactpersoon", id, &rewrites, &needles, &by)
        .await
        .map_err(|e| crate::records::write_error(contact.spec(), e))?;
    app.items_changed();
    Ok(())
}

/// A contact person due for review.
#[derive(Debug, Clone, PartialEq)]
pub struct ReviewLine {
    /// The person.
    pub contact: Named,
    /// Their company.
    pub company: Named,
    /// The last visit they were at (or when they were recorded).
    pub last_seen: NaiveDate,
    /// The review date recorded with them.
    pub review_date: NaiveDate,
    /// Why: `herzieningsdatum` (the review date has passed) or `niet-gezien` (not seen for the
    /// period).
    pub reason: &'static str,
}

/// The contact persons the caller may change who were not seen at a visit for `years` years, or
/// whose review date has passed.
pub async fn contacts_to_review(
    app: &App,
    caller: &Principal,
    today: NaiveDate,
    years: u32,
) -> Result<Vec<ReviewLine>, AppError> {
    let seen = Seen::load(app, caller).await?;
    let limit = today
        .checked_sub_months(chrono::Months::new(years.saturating_mul(12)))
        .unwrap_or(NaiveDate::MIN);
    let mut last: HashMap<&str, NaiveDate> = HashMap::new();
    for (_, v) in &seen.visits {
        for c in &v.contactpersonen {
            let e = last.entry(c.as_str()).or_insert(v.datum);
            *e = (*e).max(v.datum);
        }
    }
    let mut out = Vec::new();
    for (item, c) in records::<Contact>(app, caller, "contactpersoon", None).await? {
        if !caller.can_write(&item.owner) {
            continue;
        }
        let last_seen = last
            .get(item.id.as_str())
            .copied()
            .unwrap_or_else(|| item.created_at.date_naive());
        let reason = if c.herzien_op <= today {
            "herzieningsdatum"
        } else if last_seen < limit {
            "niet-gezien"
        } else {
            continue;
        };
        out.push(ReviewLine {
            contact: named(&item),
            company: seen.company(&c.onderneming),
            last_seen,
            review_date: c.herzien_op,
            reason,
        });
    }
    out.sort_by(|a, b| {
        a.last_seen
            .cmp(&b.last_seen)
            .then_with(|| a.contact.id.cmp(&b.contact.id))
    });
    Ok(out)
}

/// The schemes that may answer the needs of a visit ("welke regelingen passen?"), per need (with
/// its related concepts), in the company's gemeente.
pub async fn schemes_for_visit(
    app: &App,
    caller: &Principal,
    visit: &Visit,
) -> Result<Vec<(Named, Vec<StoredItem>)>, AppError> {
    let region = app
        .store()
        .item("onderneming", &visit.onderneming, caller)
        .await?
        .and_then(|i| serde_json::from_str::<Company>(&i.data).ok())
        .map(|c| c.gemeente);
    let names = Names::load(app).await?;
    let vocab = app.vocab();
    let mut out = Vec::new();
    for need in &visit.behoeften {
        // The need itself and the concepts related to it (personeel en krapte → krapte), as
        // schemes name the problem they answer rather than the entrepreneur's need.
        let mut concepts = vec![need.clone()];
        if let Some(c) = vocab.concept(need) {
            concepts.extend(
                c.related
                    .iter()
                    .map(|iri| iri.rsplit('/').next().unwrap_or(iri).to_string()),
            );
        }
        let mut found: Vec<StoredItem> = Vec::new();
        for concept in &concepts {
            for item in crate::analyses::matching(app, caller, Some(concept), None, region).await? {
                if !found.iter().any(|f| f.id == item.id) {
                    found.push(item);
                }
            }
        }
        found.sort_by(|a, b| a.title.cmp(&b.title));
        out.push((names.concept(need), found));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use samenhang_domain::ondernemers::VISIT_SPEC;

    #[test]
    fn a_reference_is_replaced_once_or_removed() {
        let mut r = serde_json::json!({"onderneming": "a", "contactpersonen": ["x", "y"], "bezoekers": ["p"]});
        assert!(replace_reference(&VISIT_SPEC, &mut r, "onderneming", "a", Some("b")));
        assert_eq!(r["onderneming"], "b");
        assert!(replace_reference(&VISIT_SPEC, &mut r, "contactpersoon", "x", Some("y")));
        assert_eq!(r["contactpersonen"], serde_json::json!(["y"]));
        assert!(replace_reference(&VISIT_SPEC, &mut r, "contactpersoon", "y", None));
        assert_eq!(r["contactpersonen"], serde_json::json!([]));
        assert!(!replace_reference(&VISIT_SPEC, &mut r, "persoon", "q", None));
    }
}
