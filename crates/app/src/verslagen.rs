// SPDX-License-Identifier: EUPL-1.2
//! Verslagen use-cases.
//!
//! - [`propose`]: a report file becomes a proposal, never a record: the meeting (date, times,
//!   place, topics, decisions), its attendees matched to people of the register and to
//!   gemeenten of the region registry (also when the report misspells them), the themes it
//!   mentions (labels of the begrippenkader, with Dutch stemming), the gemeenten it names, and
//!   its action items and recommendations with owner, due date and themes. Each found thing says
//!   why; each suggestion (an owner from earlier action items on the same theme, similar schemes,
//!   agreements and action items, a summary) is marked as a suggestion. All offline: no service
//!   is called.
//! - [`save`]: the corrected meeting and its action items in one transaction, the items
//!   referring to the meeting; every fault of every part in one answer.
//! - [`actions`]: the action list, filtered by owner, organisation, alderman's portfolio,
//!   consultation body, region or theme, overdue first, with the age of each open item.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::NaiveDate;
use samenhang_domain::access::Principal;
use samenhang_domain::codes::RegionCode;
use samenhang_domain::coherence::{Agreement, Body, Scheme};
use samenhang_domain::registers::{Fault, Function, Person};
use samenhang_domain::verslagen::{ActionItem, Meeting, REPORT_MAX};
use samenhang_reports::{Attendee, Format, ItemKind, ReadError};
use samenhang_search::{same_name, Labelled, Mentions};
use samenhang_store::items::{ItemQuery, ItemWrite, StoredItem};
use serde_json::{json, Map, Value};

use crate::analyses::{records, Named, Names};
use crate::input::Input;
use crate::records::{prepare_with, require_user, Target};
use crate::{App, AppError};

/// An attendee as read, with what it was matched to.
#[derive(Debug, Clone, PartialEq)]
pub struct AttendeeMatch {
    /// As the report gives it.
    pub read: Attendee,
    /// The person of the register with that name.
    pub person: Option<Named>,
    /// The gemeente of the region registry the organisation names (code and name).
    pub municipality: Option<Named>,
    /// The organisation of the register the organisation names.
    pub organisation: Option<Named>,
}

/// A record like a proposed action item, as a suggestion.
#[derive(Debug, Clone, PartialEq)]
pub struct Similar {
    /// Its collection (`regelingen`, `afspraken`, `actiepunten`).
    pub collection: &'static str,
    /// Its kind in words.
    pub kind: &'static str,
    /// Id and title.
    pub record: Named,
    /// Share of their content words in common, 0–1.
    pub score: f64,
}

/// An action item or recommendation the report holds, as a draft to correct.
#[derive(Debug, Clone, PartialEq)]
pub struct ProposedItem {
    /// The action item's fields as the API takes them (ids, ISO dates).
    pub record: Map<String, Value>,
    /// Why the reader took this as an item.
    pub why: String,
    /// The owner as the report names it.
    pub owner_text: Option<String>,
    /// Whether and how that owner was found in the register.
    pub owner_note: Option<String>,
    /// The themes it mentions.
    pub themes: Vec<Named>,
    /// A suggested owner (when the report names none), with why.
    pub suggested_owner: Option<(Named, String)>,
    /// Records like it.
    pub similar: Vec<Similar>,
}

/// A concept the report mentions.
#[derive(Debug, Clone, PartialEq)]
pub struct ThemeFound {
    /// The concept.
    pub concept: Named,
    /// The label found.
    pub label: String,
    /// How often.
    pub count: usize,
}

/// What a report holds, for a person to check and correct before anything is saved.
#[derive(Debug, Clone, PartialEq)]
pub struct Proposal {
    /// The kind of file.
    pub format: Format,
    /// The file's name.
    pub file_name: String,
    /// The meeting's fields as the API takes them.
    pub meeting: Map<String, Value>,
    /// Attendees with their matches.
    pub attendees: Vec<AttendeeMatch>,
    /// Action items and recommendations.
    pub items: Vec<ProposedItem>,
    /// The themes the report mentions, most mentioned first.
    pub themes: Vec<ThemeFound>,
    /// The gemeenten it names (attendees' and in the text).
    pub municipalities: Vec<Named>,
    /// The consultation body whose name the title gives, if any.
    pub body: Option<Named>,
    /// A few sentences of the report that carry most of it (a suggestion).
    pub summary: Vec<String>,
    /// What the reader could not find and the user must fill in.
    pub notes: Vec<String>,
}

/// The records a saved proposal made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Saved {
    /// The meeting's id.
    pub meeting: String,
    /// The action items' ids.
    pub items: Vec<String>,
}

fn unreadable(e: ReadError) -> AppError {
    AppError::Invalid(vec![crate::error::fault("bestand", "unreadable", e.to_string())])
}

fn clip(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let mut out: String = s.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// The content words of a text, for similarity: folded, stemmed, without short words.
fn content_words(text: &str) -> HashSet<String> {
    const STOP: &[&str] = &[
        "de", "het", "een", "en", "van", "in", "op", "te", "dat", "die", "is", "zijn", "voor", "met", "aan", "om",
        "ook", "als", "er", "bij", "door", "naar", "of", "wordt", "worden", "we", "wij", "hun", "dit", "deze", "uit",
        "over", "nog", "wel", "maar", "dan", "kan", "zal", "heeft", "hebben", "tot", "onze", "je", "meer", "zo",
        "waar", "goed", "zorg", "maak",
    ];
    samenhang_search::stems(text)
        .into_iter()
        .filter(|w| w.chars().count() > 3 && !STOP.contains(&w.as_str()))
        .collect()
}

fn jaccard(a: &HashSet<String>, b: &HashSet<String>) -> f64 {
    let union = a.union(b).count();
    if union == 0 {
        0.0
    } else {
        a.intersection(b).count() as f64 / union as f64
    }
}

/// The gemeenten of the latest year, by name.
fn municipalities(app: &App) -> Vec<Named> {
    let snap = app.snapshot();
    let year = crate::latest_year(&snap);
    snap.memberships(year)
        .iter()
        .filter_map(|m| {
            let code = RegionCode::from(m.municipality);
            snap.regions.position(code).map(|i| Named {
                id: code.to_string(),
                name: snap.regions.name(i).to_string(),
            })
        })
        .collect()
}

/// An organisation of the register that a report's name means: the same name, or "Gemeente X"
/// for "X".
fn organisation_named<'a>(orgs: &'a [(String, String)], text: &str) -> Option<&'a (String, String)> {
    let t = text.trim();
    if t.is_empty() {
        return None;
    }
    orgs.iter().find(|(_, name)| same_name(name, t)).or_else(|| {
        orgs.iter().find(|(_, name)| {
            let n = samenhang_search::fold(name);
            let f = samenhang_search::fold(t);
            f.len() >= 3 && (n.ends_with(&format!(" {f}")) || f.ends_with(&format!(" {n}")))
        })
    })
}

/// Reads a report file and proposes the meeting and its action items; nothing is saved.
pub async fn propose(app: &App, caller: &Principal, bytes: &[u8], file_name: &str) -> Result<Proposal, AppError> {
    let text = samenhang_reports::read(bytes, file_name).map_err(unreadable)?;
    let report = samenhang_reports::parse(&text);
    let people: Vec<(StoredItem, Person)> = records(app, caller, "persoon", None).await?;
    let orgs: Vec<(String, String)> = app
        .store()
        .organisations()
        .await?
        .into_iter()
        .map(|o| (o.id, o.name))
        .collect();
    let gemeenten = municipalities(app);
    let vocab = app.vocab();
    let concepts: Vec<Labelled> = vocab
        .concepts()
        .map(|c| Labelled {
            id: c.id.clone(),
            labels: std::iter::once(c.pref_label.clone())
                .chain(c.alt_labels.iter().cloned())
                .chain(c.hidden_labels.iter().cloned())
                .collect(),
        })
        .collect();
    let concept_mentions = Mentions::new(&concepts);
    let concept_name = |id: &str| Named {
        id: id.to_string(),
        name: vocab
            .concept(id)
            .map_or_else(|| id.to_string(), |c| c.pref_label.clone()),
    };
    let mut notes = Vec::new();

    // Attendees: a person by name; the organisation as a gemeente, else an organisation.
    let person_named = |name: &str| {
        people
            .iter()
            .find(|(_, p)| same_name(&p.naam, name))
            .map(|(i, p)| Named {
                id: i.id.clone(),
                name: p.naam.clone(),
            })
    };
    // An attendee who introduced a topic has the role the topic line gives ("wethouder").
    let presenters: Vec<&Attendee> = report.topics.iter().flat_map(|t| &t.presenters).collect();
    let attendees: Vec<AttendeeMatch> = report
        .attendees
        .iter()
        .map(|a| {
            let org = a.organisation.as_deref().unwrap_or_default();
            let mut read = a.clone();
            if read.role.is_none() {
                read.role = presenters
                    .iter()
                    .find(|p| p.name.is_some() && p.name == a.name)
                    .and_then(|p| p.role.clone());
            }
            AttendeeMatch {
                read,
                person: a.name.as_deref().and_then(person_named),
                municipality: gemeenten.iter().find(|g| same_name(&g.name, org)).cloned(),
                organisation: organisation_named(&orgs, org).map(|(id, name)| Named {
                    id: id.clone(),
                    name: name.clone(),
                }),
            }
        })
        .collect();

    // Gemeenten: the attendees' and those the text names.
    let full_text = text.lines.join("\n");
    let place_mentions = Mentions::new(
        &gemeenten
            .iter()
            .map(|g| Labelled {
                id: g.id.clone(),
                labels: vec![g.name.clone()],
            })
            .collect::<Vec<_>>(),
    );
    let mut named_places: Vec<Named> = attendees.iter().filter_map(|a| a.municipality.clone()).collect();
    for m in place_mentions.find(&full_text) {
        if !named_places.iter().any(|p| p.id == m.id) {
            if let Some(g) = gemeenten.iter().find(|g| g.id == m.id) {
                named_places.push(g.clone());
            }
        }
    }

    // Themes of the whole report.
    let themes: Vec<ThemeFound> = concept_mentions
        .find(&full_text)
        .into_iter()
        .map(|m| ThemeFound {
            concept: concept_name(&m.id),
            label: m.label,
            count: m.count,
        })
        .collect();

    // The consultation body whose name the title holds.
    let bodies: Vec<(StoredItem, Body)> = records(app, caller, "overleg", None).await?;
    let title = report.title.clone().unwrap_or_default();
    let body = bodies
        .iter()
        .find(|(_, b)| {
            let (t, n) = (samenhang_search::fold(&title), samenhang_search::fold(&b.naam));
            same_name(&b.naam, &title) || (n.split_whitespace().count() >= 2 && t.contains(&n))
        })
        .map(|(i, b)| Named {
            id: i.id.clone(),
            name: b.naam.clone(),
        });

    // The meeting's fields.
    let mut meeting = Map::new();
    meeting.insert(
        "titel".into(),
        json!(clip(if title.is_empty() { file_name } else { &title }, 200)),
    );
    if title.is_empty() {
        notes.push("Het verslag noemt geen titel; de bestandsnaam is overgenomen.".into());
    }
    match report.date {
        Some(d) => {
            meeting.insert("datum".into(), json!(d.to_string()));
        }
        None => notes.push("Er staat geen datum in het verslag; vul de datum van de bijeenkomst in.".into()),
    }
    if let Some(b) = &body {
        meeting.insert("overleg".into(), json!(b.id));
    }
    for (field, v) in [("begintijd", &report.start), ("eindtijd", &report.end)] {
        if let Some(v) = v {
            meeting.insert(field.into(), json!(v));
        }
    }
    if let Some(p) = &report.place {
        meeting.insert("locatie".into(), json!(clip(p, 200)));
    }
    let attendee_entry = |a: &AttendeeMatch| {
        let mut e = Map::new();
        if let Some(p) = &a.person {
            e.insert("persoon".into(), json!(p.id));
        }
        if let Some(n) = &a.read.name {
            e.insert("naam".into(), json!(clip(n, 120)));
        }
        // The organisation as the registry spells it, when it is a gemeente.
        let org = a
            .municipality
            .as_ref()
            .map(|m| m.name.clone())
            .or_else(|| a.read.organisation.clone());
        if let Some(o) = org {
            e.insert("organisatie".into(), json!(clip(&o, 120)));
        }
        if let Some(r) = &a.read.role {
            e.insert("rol".into(), json!(clip(r, 80)));
        }
        Value::Object(e)
    };
    meeting.insert(
        "aanwezigen".into(),
        Value::Array(attendees.iter().map(attendee_entry).collect()),
    );
    if report.attendees.is_empty() {
        notes.push("Er staan geen aanwezigen in het verslag (een regel ‘Aanwezigen’ of een kopje ‘Aanwezig’).".into());
    }
    let absent: Vec<String> = report
        .absent
        .iter()
        .map(|a| match (&a.name, &a.organisation) {
            (Some(n), Some(o)) => format!("{n} ({o})"),
            (Some(n), None) => n.clone(),
            (None, Some(o)) => o.clone(),
            (None, None) => String::new(),
        })
        .filter(|s| !s.is_empty())
        .collect();
    if !absent.is_empty() {
        meeting.insert("afwezig".into(), json!(clip(&absent.join(", "), 1000)));
    }
    if let Some(n) = &report.minutes_by {
        meeting.insert("notulist".into(), json!(clip(n, 120)));
    }
    meeting.insert(
        "onderwerpen".into(),
        Value::Array(
            report
                .topics
                .iter()
                .map(|t| {
                    let by: Vec<String> = t
                        .presenters
                        .iter()
                        .map(|p| match (&p.name, &p.role, &p.organisation) {
                            (Some(n), Some(r), Some(o)) => format!("{n} ({r} {o})"),
                            (Some(n), None, Some(o)) => format!("{n} ({o})"),
                            (Some(n), _, None) => n.clone(),
                            (None, _, Some(o)) => o.clone(),
                            (None, _, None) => String::new(),
                        })
                        .collect();
                    json!({"titel": clip(&t.title, 300), "presentatoren": clip(&by.join(", "), 300)})
                })
                .collect(),
        ),
    );
    meeting.insert(
        "besluiten".into(),
        Value::Array(
            report
                .items
                .iter()
                .filter(|i| i.kind == ItemKind::Besluit)
                .map(|i| json!({"tekst": clip(&i.text, 2000)}))
                .collect(),
        ),
    );
    meeting.insert(
        "gemeenten".into(),
        Value::Array(named_places.iter().map(|g| json!({"gebied": g.id})).collect()),
    );
    meeting.insert(
        "themas".into(),
        json!(themes.iter().map(|t| t.concept.id.clone()).collect::<Vec<_>>()),
    );
    meeting.insert("verslag".into(), json!(clip(&full_text, REPORT_MAX)));
    meeting.insert("bronbestand".into(), json!(clip(file_name, 200)));

    // Action items, with suggestions from what the register already holds.
    let earlier: Vec<(StoredItem, ActionItem)> = records(app, caller, "actiepunt", None).await?;
    let schemes: Vec<(StoredItem, Scheme)> = records(app, caller, "regeling", None).await?;
    let agreements: Vec<(StoredItem, Agreement)> = records(app, caller, "afspraak", None).await?;
    let candidates: Vec<(&'static str, &'static str, Named, HashSet<String>)> = schemes
        .iter()
        .map(|(i, s)| ("regelingen", "regeling", i, format!("{} {}", s.titel, s.omschrijving)))
        .chain(
            agreements
                .iter()
                .map(|(i, a)| ("afspraken", "afspraak", i, format!("{} {}", a.titel, a.omschrijving))),
        )
        .chain(
            earlier
                .iter()
                .map(|(i, a)| ("actiepunten", "actiepunt", i, a.wat.clone())),
        )
        .map(|(c, k, i, text)| {
            (
                c,
                k,
                Named {
                    id: i.id.clone(),
                    name: i.title.clone(),
                },
                content_words(&text),
            )
        })
        .collect();
    let names = Names::load(app).await?;
    let people_by_id: HashMap<&str, &Person> = people.iter().map(|(i, p)| (i.id.as_str(), p)).collect();
    let items: Vec<ProposedItem> = report
        .items
        .iter()
        .filter(|i| i.kind != ItemKind::Besluit)
        .map(|item| {
            let mut record = Map::new();
            record.insert("wat".into(), json!(clip(&item.text, 1000)));
            record.insert(
                "soort".into(),
                json!(if item.kind == ItemKind::Actiepunt { "actiepunt" } else { "aanbeveling" }),
            );
            record.insert("status".into(), json!("open"));
            if let Some(d) = item.due {
                record.insert("deadline".into(), json!(d.to_string()));
            }
            let source = match &item.context {
                Some(c) if !item.text.starts_with(c.as_str()) => format!("{c}: {}", item.text),
                _ => item.text.clone(),
            };
            record.insert("bronzin".into(), json!(clip(&source, 2000)));
            // The owner: a person of the register by name, else an organisation.
            let mut owner_note = None;
            if let Some(o) = &item.owner {
                if let Some(p) = person_named(o) {
                    owner_note = Some(format!("‘{o}’ is {} uit het register.", p.name));
                    record.insert("eigenaar".into(), json!(p.id));
                } else if let Some((id, name)) = organisation_named(&orgs, o) {
                    owner_note = Some(format!("‘{o}’ is de organisatie {name}."));
                    record.insert("eigenaarOrganisatie".into(), json!(id));
                } else {
                    owner_note = Some(format!(
                        "Het verslag noemt ‘{o}’ als eigenaar; die staat niet als persoon of organisatie in het register."
                    ));
                }
            }
            let item_themes: Vec<Named> = concept_mentions
                .find(&source)
                .into_iter()
                .map(|m| concept_name(&m.id))
                .collect();
            record.insert(
                "themas".into(),
                json!(item_themes.iter().map(|t| t.id.clone()).collect::<Vec<_>>()),
            );
            // A suggested owner: who holds most earlier action items on the same themes.
            let suggested_owner = if record.contains_key("eigenaar") || record.contains_key("eigenaarOrganisatie") {
                None
            } else {
                let wanted: HashSet<&str> = item_themes.iter().map(|t| t.id.as_str()).collect();
                let mut tally: BTreeMap<(bool, String), (usize, Vec<String>)> = BTreeMap::new();
                for (_, a) in &earlier {
                    let shared: Vec<String> = a.themas.iter().filter(|t| wanted.contains(t.as_str())).cloned().collect();
                    if shared.is_empty() {
                        continue;
                    }
                    let key = match (&a.eigenaar, &a.eigenaar_organisatie) {
                        (Some(p), _) => (true, p.clone()),
                        (None, Some(o)) => (false, o.clone()),
                        (None, None) => continue,
                    };
                    let e = tally.entry(key).or_default();
                    e.0 += 1;
                    e.1.extend(shared);
                }
                tally
                    .into_iter()
                    .max_by(|a, b| a.1 .0.cmp(&b.1 .0).then(b.0.cmp(&a.0)))
                    .map(|((person, id), (n, mut shared))| {
                        shared.sort();
                        shared.dedup();
                        let who = if person {
                            Named {
                                name: people_by_id.get(id.as_str()).map_or_else(|| id.clone(), |p| p.naam.clone()),
                                id,
                            }
                        } else {
                            names.organisation(&id)
                        };
                        let on: Vec<String> = shared.iter().map(|t| concept_name(t).name).collect();
                        let why = format!(
                            "{n} eerder{} actiepunt{} over {} {}",
                            if n == 1 { "" } else { "e" },
                            if n == 1 { "" } else { "en" },
                            on.join(" en "),
                            if n == 1 { "ligt bij deze eigenaar" } else { "liggen bij deze eigenaar" }
                        );
                        (who, why)
                    })
            };
            // Records like it.
            let words = content_words(&source);
            let mut similar: Vec<Similar> = candidates
                .iter()
                .map(|(c, k, r, w)| Similar {
                    collection: c,
                    kind: k,
                    record: r.clone(),
                    score: jaccard(&words, w),
                })
                .filter(|s| s.score >= 0.2)
                .collect();
            similar.sort_by(|a, b| b.score.total_cmp(&a.score).then_with(|| a.record.name.cmp(&b.record.name)));
            similar.truncate(3);
            ProposedItem {
                record,
                why: item.why.clone(),
                owner_text: item.owner.clone(),
                owner_note,
                themes: item_themes,
                suggested_owner,
                similar,
            }
        })
        .collect();
    if items.is_empty() {
        notes.push(
            "Er zijn geen actiepunten of aanbevelingen gevonden; voeg ze na het opslaan toe bij de bijeenkomst.".into(),
        );
    }
    let summary = samenhang_reports::summary::summary(&report.sentences, 3);
    Ok(Proposal {
        format: text.format,
        file_name: file_name.to_string(),
        meeting,
        attendees,
        items,
        themes,
        municipalities: named_places,
        body,
        summary,
        notes,
    })
}

/// Saves a meeting and its action items in one transaction; each item refers to the meeting.
/// The faults of the meeting keep their field names, those of item `n` are prefixed
/// `actiepunten[n].`.
pub async fn save(app: &App, caller: &Principal, meeting: Input, items: Vec<Input>) -> Result<Saved, AppError> {
    let by = require_user(caller)?.clone();
    let meeting_kind = crate::kinds::by_kind("bijeenkomst")
        .ok_or_else(|| AppError::NotFound("Er is geen register van bijeenkomsten.".into()))?;
    let item_kind = crate::kinds::by_kind("actiepunt")
        .ok_or_else(|| AppError::NotFound("Er is geen register van actiepunten.".into()))?;
    let mut faults: Vec<Fault> = Vec::new();
    let meeting_write = match prepare_with(app, caller, meeting_kind, vec![(Target::New, meeting)], &[]).await {
        Ok(mut w) => Some(w.remove(0)),
        Err(failed) => {
            faults.extend(failed.into_iter().flat_map(|(_, f)| f));
            None
        }
    };
    let mut item_writes: Vec<ItemWrite> = Vec::new();
    if !items.is_empty() {
        let pending: Vec<&ItemWrite> = meeting_write.iter().collect();
        let drafts: Vec<(Target, Input)> = items
            .into_iter()
            .map(|mut i| {
                if let Some(m) = &meeting_write {
                    i.fields.insert("bijeenkomst".into(), json!(m.id));
                }
                (Target::New, i)
            })
            .collect();
        match prepare_with(app, caller, item_kind, drafts, &pending).await {
            Ok(w) => item_writes = w,
            Err(failed) => {
                for (n, fs) in failed {
                    faults.extend(fs.into_iter().map(|f| Fault {
                        field: format!("actiepunten[{n}].{}", f.field),
                        ..f
                    }));
                }
            }
        }
    }
    let meeting_write = match meeting_write {
        Some(w) if faults.is_empty() => w,
        _ => return Err(AppError::Invalid(faults)),
    };
    let saved = Saved {
        meeting: meeting_write.id.clone(),
        items: item_writes.iter().map(|w| w.id.clone()).collect(),
    };
    let mut all = vec![meeting_write];
    all.extend(item_writes);
    app.store()
        .save_items(&all, &by)
        .await
        .map_err(|e| crate::records::write_error(meeting_kind.spec(), e))?;
    app.written(meeting_kind).await?;
    app.written(item_kind).await?;
    Ok(saved)
}

/// Which action items a list holds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ActionFilter {
    /// Those of this person.
    pub person: Option<String>,
    /// Those of this organisation (as owner, or held by it).
    pub organisation: Option<String>,
    /// Those in the portfolio of this alderman: owned by the alderman, or on one of the
    /// alderman's themes.
    pub alderman: Option<String>,
    /// Those from meetings of this consultation body.
    pub body: Option<String>,
    /// Those of organisations in this arbeidsmarktregio.
    pub region: Option<String>,
    /// Those on this theme.
    pub theme: Option<String>,
    /// Those from this meeting.
    pub meeting: Option<String>,
    /// Only open ones (open or in progress).
    pub open_only: bool,
}

/// An action item in a list.
#[derive(Debug, Clone, PartialEq)]
pub struct ActionLine {
    /// Id and text.
    pub item: Named,
    /// `actiepunt` or `aanbeveling`.
    pub kind: String,
    /// The person who does it.
    pub owner: Option<Named>,
    /// The organisation that does it (or holds it, when no owner organisation is named).
    pub organisation: Named,
    /// The meeting it comes from.
    pub meeting: Option<Named>,
    /// The consultation body of that meeting.
    pub body: Option<Named>,
    /// Its deadline.
    pub deadline: Option<NaiveDate>,
    /// Its status.
    pub status: String,
    /// Days past the deadline, when open and late.
    pub days_late: Option<i64>,
    /// Days since it was agreed (the meeting's date, else when it was recorded), when open.
    pub age: Option<i64>,
    /// The latest update.
    pub last_update: Option<(NaiveDate, String)>,
    /// Its themes.
    pub themes: Vec<Named>,
}

/// An action list.
#[derive(Debug, Clone, PartialEq)]
pub struct ActionList {
    /// The reference date.
    pub today: NaiveDate,
    /// The items: overdue first (longest overdue first), then open by deadline, then the rest.
    pub lines: Vec<ActionLine>,
    /// Open items.
    pub open: usize,
    /// Of which overdue.
    pub overdue: usize,
}

/// The action items `caller` may see that `filter` selects, on `today`.
pub async fn actions(
    app: &App,
    caller: &Principal,
    filter: &ActionFilter,
    today: NaiveDate,
) -> Result<ActionList, AppError> {
    let query = ItemQuery {
        theme: filter.theme.clone(),
        ..ItemQuery::all("actiepunt")
    };
    let items: Vec<(StoredItem, ActionItem)> = crate::records::decoded(app, caller, &query).await?;
    let meetings: HashMap<String, (StoredItem, Meeting)> = records::<Meeting>(app, caller, "bijeenkomst", None)
        .await?
        .into_iter()
        .map(|(i, m)| (i.id.clone(), (i, m)))
        .collect();
    let people: HashMap<String, (StoredItem, Person)> = records::<Person>(app, caller, "persoon", None)
        .await?
        .into_iter()
        .map(|(i, p)| (i.id.clone(), (i, p)))
        .collect();
    let bodies: HashMap<String, String> = records::<Body>(app, caller, "overleg", None)
        .await?
        .into_iter()
        .map(|(i, b)| (i.id, b.naam))
        .collect();
    let names = Names::load(app).await?;
    let orgs = app.store().organisations().await?;
    let region_of: HashMap<&str, String> = orgs
        .iter()
        .filter_map(|o| o.region.map(|r| (o.id.as_str(), RegionCode::from(r).to_string())))
        .collect();
    let alderman = filter
        .alderman
        .as_deref()
        .and_then(|id| people.get(id))
        .filter(|(_, p)| p.functie == Function::Alderman);
    let mut lines = Vec::new();
    for (item, a) in items {
        let org = a.eigenaar_organisatie.clone().unwrap_or_else(|| {
            a.eigenaar
                .as_deref()
                .and_then(|p| people.get(p))
                .map_or_else(|| item.owner.clone(), |(pi, _)| pi.owner.clone())
        });
        let meeting = a.bijeenkomst.as_deref().and_then(|m| meetings.get(m));
        let body = meeting.and_then(|(_, m)| m.overleg.as_deref()).map(|b| Named {
            id: b.to_string(),
            name: bodies.get(b).cloned().unwrap_or_else(|| "(niet zichtbaar)".into()),
        });
        if filter
            .meeting
            .as_deref()
            .is_some_and(|m| a.bijeenkomst.as_deref() != Some(m))
        {
            continue;
        }
        if filter
            .person
            .as_deref()
            .is_some_and(|p| a.eigenaar.as_deref() != Some(p))
        {
            continue;
        }
        if filter
            .organisation
            .as_deref()
            .is_some_and(|o| org != o && item.owner != o)
        {
            continue;
        }
        if let Some(id) = &filter.alderman {
            let Some((_, p)) = alderman else { continue };
            let own = a.eigenaar.as_deref() == Some(id.as_str());
            let on_theme = a.themas.iter().any(|t| p.themas.contains(t));
            if !own && !on_theme {
                continue;
            }
        }
        if filter
            .body
            .as_deref()
            .is_some_and(|b| body.as_ref().map(|x| x.id.as_str()) != Some(b))
        {
            continue;
        }
        if filter.region.as_deref().is_some_and(|r| {
            region_of.get(org.as_str()).map(String::as_str) != Some(r)
                && region_of.get(item.owner.as_str()).map(String::as_str) != Some(r)
        }) {
            continue;
        }
        if filter.open_only && !a.is_open() {
            continue;
        }
        let agreed = meeting.map_or_else(|| item.created_at.date_naive(), |(_, m)| m.datum);
        lines.push(ActionLine {
            item: Named {
                id: item.id.clone(),
                name: a.wat.clone(),
            },
            kind: a.soort.clone(),
            owner: a.eigenaar.as_deref().map(|p| Named {
                id: p.to_string(),
                name: people
                    .get(p)
                    .map_or_else(|| "(niet zichtbaar)".into(), |(_, x)| x.naam.clone()),
            }),
            organisation: names.organisation(&org),
            meeting: meeting.map(|(i, m)| Named {
                id: i.id.clone(),
                name: format!("{} ({})", m.titel, m.datum.format("%d-%m-%Y")),
            }),
            body,
            deadline: a.deadline,
            days_late: a
                .overdue(today)
                .then(|| a.deadline.map(|d| (today - d).num_days()))
                .flatten(),
            age: a.is_open().then(|| (today - agreed).num_days().max(0)),
            last_update: a.updates.last().map(|u| (u.datum, u.tekst.clone())),
            themes: a.themas.iter().map(|t| names.concept(t)).collect(),
            status: a.status,
        });
    }
    lines.sort_by(|a, b| {
        let rank = |l: &ActionLine| match (l.days_late, l.status.as_str()) {
            (Some(_), _) => 0,
            (None, "open" | "in-uitvoering") => 1,
            _ => 2,
        };
        (
            rank(a),
            std::cmp::Reverse(a.days_late),
            a.deadline.is_none(),
            a.deadline,
            &a.item.name,
        )
            .cmp(&(
                rank(b),
                std::cmp::Reverse(b.days_late),
                b.deadline.is_none(),
                b.deadline,
                &b.item.name,
            ))
    });
    let open = lines
        .iter()
        .filter(|l| matches!(l.status.as_str(), "open" | "in-uitvoering"))
        .count();
    let overdue = lines.iter().filter(|l| l.days_late.is_some()).count();
    Ok(ActionList {
        today,
        lines,
        open,
        overdue,
    })
}

/// Reads `{"bijeenkomst": {…}, "actiepunten": [{…}, …]}`: the meeting's input and each action
/// item's, with every fault at once (an item's prefixed `actiepunten[n].`).
pub fn inputs_from_json(body: &[u8]) -> Result<(Input, Vec<Input>), AppError> {
    let value: Value = serde_json::from_slice(body).map_err(|e| {
        AppError::invalid(
            "body",
            "json",
            format!("Ongeldige JSON (regel {}, kolom {}): {e}.", e.line(), e.column()),
        )
    })?;
    let Value::Object(mut object) = value else {
        return Err(AppError::invalid(
            "body",
            "json",
            "Stuur een JSON-object met bijeenkomst en actiepunten.",
        ));
    };
    let mut faults: Vec<Fault> = Vec::new();
    for key in object.keys() {
        if key != "bijeenkomst" && key != "actiepunten" {
            faults.push(crate::error::fault(
                key,
                "unknown",
                "Onbekend veld. Toegestaan zijn: bijeenkomst, actiepunten.",
            ));
        }
    }
    let part = |spec: &samenhang_domain::spec::KindSpec, v: &Value, prefix: &str, faults: &mut Vec<Fault>| {
        match crate::input::from_json(spec, v.to_string().as_bytes()) {
            Ok(i) => Some(i),
            Err(AppError::Invalid(fs)) => {
                faults.extend(fs.into_iter().map(|f| Fault {
                    field: format!("{prefix}{}", f.field),
                    ..f
                }));
                None
            }
            Err(e) => {
                faults.push(crate::error::fault(prefix.trim_end_matches('.'), "json", e.to_string()));
                None
            }
        }
    };
    let meeting = match object.remove("bijeenkomst") {
        Some(v @ Value::Object(_)) => part(
            &samenhang_domain::verslagen::MEETING_SPEC,
            &v,
            "bijeenkomst.",
            &mut faults,
        ),
        _ => {
            faults.push(crate::error::fault(
                "bijeenkomst",
                "required",
                "Stuur de bijeenkomst als object.",
            ));
            None
        }
    };
    let mut items = Vec::new();
    match object.remove("actiepunten") {
        None | Some(Value::Null) => {}
        Some(Value::Array(list)) => {
            for (n, v) in list.iter().enumerate() {
                let prefix = format!("actiepunten[{n}].");
                if !v.is_object() {
                    faults.push(crate::error::fault(
                        &format!("actiepunten[{n}]"),
                        "type",
                        "Verwacht een object.",
                    ));
                } else if v.get("bijeenkomst").is_some_and(|b| !b.is_null()) {
                    faults.push(crate::error::fault(
                        &format!("{prefix}bijeenkomst"),
                        "unknown",
                        "Laat bijeenkomst weg: elk actiepunt verwijst naar de bijeenkomst die hier wordt opgeslagen.",
                    ));
                } else if let Some(i) = part(&samenhang_domain::verslagen::ACTION_ITEM_SPEC, v, &prefix, &mut faults) {
                    items.push(i);
                }
            }
        }
        Some(_) => faults.push(crate::error::fault(
            "actiepunten",
            "type",
            "Verwacht een lijst van actiepunten.",
        )),
    }
    match meeting {
        Some(m) if faults.is_empty() => Ok((m, items)),
        _ => Err(AppError::Invalid(faults)),
    }
}
