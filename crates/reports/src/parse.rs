// SPDX-License-Identifier: EUPL-1.2
//! The structure of a report's text: the header (Datum, Tijd, Locatie, Aanwezigen, Afwezig,
//! Notulist), the attendees with their role and organisation, the topics with their presenters,
//! the bullet hierarchy (with lines a PDF wrapped mid-sentence joined again), and the action
//! items, recommendations and decisions, each with the reason it was taken as one.
//!
//! Rules, no model: an explicit section ("Actiepunten", "Besluiten", "Afspraken") or an
//! introduction that announces them ("de volgende actiepunten en aanbevelingen") makes its
//! bullets items; elsewhere a sentence is an item by its wording ("X zorgt voor", "wordt
//! opgepakt door", "afgesproken is dat", an action verb with a time expression).

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::dates;
use crate::read::Text;

/// Someone present (or absent): a person with an organisation, or an organisation alone.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Attendee {
    /// The person's name, if the report gives one.
    pub name: Option<String>,
    /// The organisation or gemeente as the report writes it ("Sudwest-Fryslan", "VNG").
    pub organisation: Option<String>,
    /// A role given with it ("wethouder", "initiator", "gast").
    pub role: Option<String>,
}

/// A topic of the meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Topic {
    /// Its title.
    pub title: String,
    /// Who introduced it.
    pub presenters: Vec<Attendee>,
}

/// What kind of item a sentence or bullet is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ItemKind {
    /// Something someone will do.
    Actiepunt,
    /// Advice, without an owner or a date.
    Aanbeveling,
    /// Something decided or agreed.
    Besluit,
}

/// An action item, recommendation or decision found in the text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Item {
    /// Its kind.
    pub kind: ItemKind,
    /// The item's text (a bullet or a sentence, wrapped lines joined).
    pub text: String,
    /// The heading it stands under (a parent bullet, or a bold line such as an organisation).
    pub context: Option<String>,
    /// Who does it, as the text names them (resolved to an attendee where one matches).
    pub owner: Option<String>,
    /// By when.
    pub due: Option<NaiveDate>,
    /// The topic it belongs to (index into [`Report::topics`]).
    pub topic: Option<usize>,
    /// Why it was taken as an item, in Dutch, as a clause after "omdat" ("de tekst ‘zorgt voor’ zegt").
    pub why: String,
}

/// A report, read.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Report {
    /// The title (the name of the meeting).
    pub title: Option<String>,
    /// The day of the meeting.
    pub date: Option<NaiveDate>,
    /// Start time, `hh:mm`.
    pub start: Option<String>,
    /// End time, `hh:mm`.
    pub end: Option<String>,
    /// Where.
    pub place: Option<String>,
    /// Who were there.
    pub attendees: Vec<Attendee>,
    /// Who sent apologies.
    pub absent: Vec<Attendee>,
    /// Who took the minutes.
    pub minutes_by: Option<String>,
    /// The topics.
    pub topics: Vec<Topic>,
    /// Action items, recommendations and decisions, in the order of the text.
    pub items: Vec<Item>,
    /// The next meeting, if the report names it.
    pub next_meeting: Option<NaiveDate>,
    /// The body's sentences (without the header), for a summary.
    pub sentences: Vec<String>,
}

/// One logical line: a bullet (with its depth) or a paragraph, wrapped lines joined.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Unit {
    text: String,
    /// `Some(depth)` for a bullet, `None` for a paragraph.
    bullet: Option<usize>,
    /// A heading: markdown `#`, a line in bold, a numbered agenda item.
    heading: Option<Heading>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Heading {
    /// `#`…: its level.
    Markdown(usize),
    /// A line wholly in bold.
    Bold,
    /// "1. …" at the left margin: an agenda item.
    Numbered,
}

const HEADER_LABELS: &[(&str, Field)] = &[
    ("met kennisgeving afwezig", Field::Absent),
    ("aanwezigen", Field::Present),
    ("aanwezig", Field::Present),
    ("deelnemers", Field::Present),
    ("afwezigen", Field::Absent),
    ("afwezig", Field::Absent),
    ("afmeldingen", Field::Absent),
    ("notulist", Field::Minutes),
    ("notulen", Field::Minutes),
    ("verslaglegging", Field::Minutes),
    ("datum", Field::Date),
    ("tijd", Field::Time),
    ("locatie", Field::Place),
    ("plaats", Field::Place),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Date,
    Time,
    Place,
    Present,
    Absent,
    Minutes,
}

/// Roles that may open a parenthesis after a name: "(wethouder Enschede)".
const ROLES: &[&str] = &[
    "wethouder",
    "burgemeester",
    "gedeputeerde",
    "voorzitter",
    "secretaris",
    "directeur",
    "beleidsadviseur",
    "adviseur",
    "accountmanager",
    "notulist",
    "initiator",
    "gast",
    "projectleider",
    "programmamanager",
    "raadslid",
];

/// The header label a line starts with, and the rest of the line.
fn header_field(line: &str) -> Option<(Field, String)> {
    let line = line.trim_start();
    for (label, field) in HEADER_LABELS {
        if let Some(rest) = strip_prefix_ignoring_case(line, label) {
            // The label is a word of its own: followed by a space, tab, colon or nothing.
            if rest.is_empty() || rest.starts_with([' ', '\t', ':']) {
                let value = rest.trim_start_matches([':', ' ', '\t']).trim();
                return Some((*field, value.to_string()));
            }
        }
    }
    None
}

/// Markdown inline marks out: emphasis, links (their text kept), images, code ticks.
fn plain_markdown(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let chars: Vec<char> = line.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '!' && chars.get(i + 1) == Some(&'[') {
            i += 1;
            continue;
        }
        if c == '[' {
            // [text](url) → text
            if let Some(close) = chars[i..].iter().position(|&x| x == ']').map(|p| p + i) {
                if chars.get(close + 1) == Some(&'(') {
                    if let Some(end) = chars[close..].iter().position(|&x| x == ')').map(|p| p + close) {
                        out.extend(&chars[i + 1..close]);
                        i = end + 1;
                        continue;
                    }
                }
            }
        }
        if c == '*' || c == '`' {
            i += 1;
            continue;
        }
        // _emphasis_ at a word edge (not inside a word such as snake_case)
        if c == '_' {
            let before = i
                .checked_sub(1)
                .and_then(|j| chars.get(j))
                .is_none_or(|x| !x.is_alphanumeric());
            let after = chars.get(i + 1).is_none_or(|x| !x.is_alphanumeric());
            if before || after {
                i += 1;
                continue;
            }
        }
        out.push(c);
        i += 1;
    }
    out
}

/// Whether a line is wholly bold in Markdown (`**Gemeente Breda**`), ignoring a trailing colon.
fn bold_line(raw: &str) -> bool {
    let t = raw.trim().trim_end_matches(':');
    t.len() > 4 && t.starts_with("**") && t.ends_with("**") && !t[2..t.len() - 2].contains("**")
}

/// The bullet of a line: its depth and the text after the mark.
fn bullet(raw: &str) -> Option<(usize, &str)> {
    let indent = raw.chars().take_while(|c| *c == ' ').count() + 4 * raw.chars().take_while(|c| *c == '\t').count();
    let t = raw.trim_start();
    for (mark, extra) in [
        ("- ", 0),
        ("* ", 0),
        ("• ", 0),
        ("– ", 0),
        ("▪ ", 1),
        ("o ", 1),
        ("◦ ", 1),
        ("", 0),
    ] {
        if mark.is_empty() {
            break;
        }
        if let Some(rest) = t.strip_prefix(mark) {
            if !rest.trim().is_empty() {
                return Some((indent / 2 + extra, rest.trim()));
            }
        }
    }
    // "a. " or "b) " at any indentation: a lettered sub-item.
    let mut chars = t.chars();
    if let (Some(letter), Some(dot), Some(' ')) = (chars.next(), chars.next(), chars.next()) {
        if letter.is_ascii_lowercase() && (dot == '.' || dot == ')') && indent > 0 {
            return Some((indent / 2, t[3..].trim()));
        }
    }
    None
}

/// "3. Tekst" at the left margin (or the first level): the number and the text.
fn numbered(raw: &str) -> Option<&str> {
    let t = raw.trim_start();
    if raw.len() - t.len() > 3 {
        return None;
    }
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    if digits == 0 || digits > 2 {
        return None;
    }
    let rest = &t[digits..];
    let rest = rest.strip_prefix(". ").or_else(|| rest.strip_prefix(") "))?;
    Some(rest.trim())
}

/// Joins a line a PDF wrapped: "Sittard-" + "Geleen" keeps the hyphen, "versnip-" + "pering"
/// drops it, anything else gets a space.
fn join(a: &str, b: &str) -> String {
    let b = b.trim();
    if a.is_empty() {
        return b.to_string();
    }
    if let Some(stem) = a.strip_suffix('-') {
        if stem.chars().last().is_some_and(char::is_alphabetic) {
            return if b.chars().next().is_some_and(char::is_uppercase) {
                format!("{a}{b}")
            } else {
                format!("{stem}{b}")
            };
        }
    }
    format!("{a} {b}")
}

/// Parentheses still open in `s`.
fn open_parens(s: &str) -> i32 {
    s.chars().fold(0, |n, c| match c {
        '(' => n + 1,
        ')' => n - 1,
        _ => n,
    })
}

/// Lines to skip: page furniture and notes about the notes.
fn noise(line: &str) -> bool {
    let t = line.trim();
    let bare = t.trim_matches(|c: char| c == '_' || c == '*' || c == ' ');
    t.chars().filter(|c| c.is_alphanumeric()).count() <= 1
        || (bare.starts_with('(') && bare.ends_with(')'))
        || t.starts_with("<!--")
        || t.chars().all(|c| c == '-' || c == '=' || c == '_' || c == ' ')
}

/// Splits an attendee list "A (X), B (Y) en C" at commas and a last "en" outside parentheses.
fn split_list(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut depth = 0;
    let mut cur = String::new();
    for c in s.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            _ => {}
        }
        if (c == ',' || c == ';') && depth <= 0 {
            out.push(std::mem::take(&mut cur));
        } else {
            cur.push(c);
        }
    }
    out.push(cur);
    out.into_iter()
        .flat_map(|part| {
            // "A (X) en B (Y)": split at " en " / " & " after a closing parenthesis.
            let mut pieces = Vec::new();
            let mut rest = part.as_str();
            while let Some((pos, len)) = [") en ", ") & "]
                .iter()
                .filter_map(|m| rest.find(m).map(|p| (p, m.len())))
                .min()
            {
                pieces.push(rest[..=pos].to_string());
                rest = &rest[pos + len..];
            }
            pieces.push(rest.to_string());
            pieces
        })
        .map(|p| p.trim().trim_end_matches('.').trim().to_string())
        .filter(|p| !p.is_empty())
        .collect()
}

/// Words that make a name an organisation rather than a person.
const ORGANISATION_WORDS: &[&str] = &[
    "gemeente",
    "provincie",
    "ministerie",
    "kadaster",
    "vng",
    "ipo",
    "uwv",
    "g40",
    "g4",
    "bzk",
    "regio",
    "werkbedrijf",
    "roc",
    "bv",
    "b.v.",
    "nv",
    "stichting",
    "vereniging",
    "werkcentrum",
    "board",
];

fn is_organisation(s: &str) -> bool {
    let words: Vec<String> = s.split_whitespace().map(str::to_lowercase).collect();
    if words.iter().any(|w| ORGANISATION_WORDS.contains(&w.as_str())) {
        return true;
    }
    // One word, or words not all capitalised ("projecteleider BZK"): no personal name.
    let capitalised = s
        .split_whitespace()
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .count();
    words.len() == 1 || capitalised == 0
}

/// One attendee: "Arjan Kampman (Enschede)", "Tjeerd Leistra (G40)", "Gemeente Eindhoven
/// (initiator)", "[gast] SoftwareOne", "Gast: projectleider BZK", "Kampman (wethouder Enschede)".
pub fn attendee(raw: &str) -> Option<Attendee> {
    let mut s = raw.trim().trim_start_matches(['-', '*', '•']).trim().to_string();
    let mut role = None;
    for guest in ["[gast]", "gast:", "(gast)"] {
        if s.to_lowercase().starts_with(guest) {
            role = Some("gast".to_string());
            s = s[guest.len()..].trim().to_string();
        }
    }
    let (head, paren) = match (s.find('('), s.rfind(')')) {
        (Some(a), Some(b)) if b > a => (s[..a].trim().to_string(), Some(s[a + 1..b].trim().to_string())),
        (Some(a), None) => (s[..a].trim().to_string(), Some(s[a + 1..].trim().to_string())),
        _ => (s.trim().to_string(), None),
    };
    if head.is_empty() && paren.is_none() {
        return None;
    }
    let mut organisation = None;
    if let Some(p) = paren.filter(|p| !p.is_empty()) {
        match ROLES
            .iter()
            .find_map(|r| strip_prefix_ignoring_case(&p, r).map(|rest| (r, rest)))
        {
            Some((r, rest)) => {
                role = Some(r.to_string());
                let rest = rest.trim().trim_start_matches(['-', ',']).trim();
                let rest = rest.strip_prefix("van ").unwrap_or(rest).trim();
                if !rest.is_empty() {
                    organisation = Some(rest.to_string());
                }
            }
            None => organisation = Some(p),
        }
    }
    if head.is_empty() {
        return Some(Attendee {
            name: None,
            organisation,
            role,
        });
    }
    if organisation.is_none() && is_organisation(&head) {
        return Some(Attendee {
            name: None,
            organisation: Some(head),
            role,
        });
    }
    if organisation.is_some() && is_organisation(&head) && head.split_whitespace().count() <= 2 {
        // "Gemeente Eindhoven (initiator)": the parenthesis was a role.
        let role = role.or(organisation);
        return Some(Attendee {
            name: None,
            organisation: Some(head),
            role,
        });
    }
    Some(Attendee {
        name: Some(head),
        organisation,
        role,
    })
}

/// Reads the structure of a report.
pub fn parse(text: &Text) -> Report {
    let mut report = Report::default();
    let lines: Vec<&str> = text.lines.iter().map(String::as_str).collect();

    // 1. The title: a Markdown title, else the last line before the header that is not the
    // word "Verslag" (or the organisation's name above it).
    let mut i = 0;
    let mut before: Vec<String> = Vec::new();
    while i < lines.len() {
        let l = lines[i].trim();
        if header_field(l).is_some() || bullet(lines[i]).is_some() || l.starts_with("## ") {
            break;
        }
        if let Some(h1) = l.strip_prefix("# ") {
            report.title = Some(plain_markdown(h1).trim().to_string());
            i += 1;
            continue;
        }
        if !l.is_empty() && !noise(l) {
            before.push(plain_markdown(l).trim().to_string());
        }
        // A long paragraph before any header is the body: stop.
        if l.len() > 120 {
            before.pop();
            break;
        }
        i += 1;
    }
    if report.title.is_none() {
        report.title = before
            .iter()
            .rev()
            .find(|l| {
                !matches!(
                    l.to_lowercase().as_str(),
                    "verslag" | "notulen" | "concept" | "concept-verslag"
                )
            })
            .cloned();
    }

    // 2. The header: label lines, their values running on over wrapped lines.
    let mut header_end = i;
    let mut j = i;
    while j < lines.len() {
        let l = lines[j].trim();
        if l.is_empty() || noise(l) {
            j += 1;
            continue;
        }
        let Some((field, mut value)) = header_field(l) else {
            break;
        };
        j += 1;
        // Run on: while the next non-blank line is no label, no bullet and no heading, and
        // either directly follows or the value is visibly unfinished.
        while j < lines.len() {
            let next = lines[j].trim();
            let unfinished = open_parens(&value) > 0 || value.ends_with(['-', ',']);
            if next.is_empty() {
                if unfinished {
                    j += 1;
                    continue;
                }
                break;
            }
            if header_field(next).is_some() || next.starts_with("In gesprek over") || next.starts_with('#') {
                break;
            }
            value = join(&value, next);
            j += 1;
        }
        match field {
            Field::Date => report.date = dates::first_date(&value, None),
            Field::Time => {
                let (a, b) = dates::times(&value);
                report.start = a;
                report.end = b;
            }
            Field::Place => report.place = Some(value),
            Field::Present => report
                .attendees
                .extend(split_list(&value).iter().filter_map(|a| attendee(a))),
            Field::Absent => report
                .absent
                .extend(split_list(&value).iter().filter_map(|a| attendee(a))),
            Field::Minutes => report.minutes_by = Some(value),
        }
        header_end = j;
    }
    if report.date.is_none() {
        report.date = report.title.as_deref().and_then(|t| dates::first_date(t, None));
    }

    // 3. The body as units: bullets and paragraphs, wrapped lines joined.
    let units = units(&lines[header_end..]);
    let year = report.date.map(|d| d.year());

    // 4. Walk the units: sections, topics, attendees lists, items.
    let mut section = Section::Body;
    let mut list_mode: Option<ItemKind> = None;
    let mut context: Option<String> = None;
    let mut parents: Vec<(usize, String)> = Vec::new();
    let mut topic: Option<usize> = None;
    for (n, u) in units.iter().enumerate() {
        let text = u.text.trim();
        if let Some(h) = &u.heading {
            let lower = text.to_lowercase();
            let lower = lower.trim_end_matches(':').trim();
            let named = match lower {
                "attendees" | "aanwezigen" | "aanwezig" | "deelnemers" | "present" => Some(Section::Attendees),
                "afwezig" | "afwezigen" | "afmeldingen" => Some(Section::Absent),
                "actiepunten" | "acties" | "actielijst" | "actiepuntenlijst" | "afspraken" | "action items" => {
                    Some(Section::Items(ItemKind::Actiepunt))
                }
                "besluiten" | "besluitenlijst" | "besluitpunten" | "decisions" => {
                    Some(Section::Items(ItemKind::Besluit))
                }
                "aanbevelingen" => Some(Section::Items(ItemKind::Aanbeveling)),
                "notes" | "notulen" | "verslag" | "samenvatting" | "onderwerpen" | "agenda" => Some(Section::Body),
                _ => None,
            };
            if let Some(s) = named {
                section = s;
                list_mode = None;
                context = None;
                parents.clear();
                continue;
            }
            match h {
                Heading::Numbered | Heading::Markdown(_)
                    if !matches!(section, Section::Attendees | Section::Absent) =>
                {
                    if matches!(h, Heading::Numbered) || text.chars().next().is_some_and(|c| c.is_ascii_digit()) {
                        report.topics.push(numbered_topic(text));
                        topic = Some(report.topics.len() - 1);
                        section = Section::Body;
                        list_mode = None;
                        context = None;
                        parents.clear();
                        continue;
                    }
                    context = Some(text.to_string());
                    continue;
                }
                _ => {
                    // A bold line: a sub-heading (often an organisation whose news follows).
                    context = Some(text.trim_end_matches(':').to_string());
                    list_mode = list_mode.filter(|_| false);
                    parents.clear();
                    continue;
                }
            }
        }
        if let Some(rest) = text.strip_prefix("In gesprek over ") {
            report.topics.push(conversation_topic(rest));
            topic = Some(report.topics.len() - 1);
            section = Section::Body;
            list_mode = None;
            context = None;
            parents.clear();
            continue;
        }
        match section {
            Section::Attendees | Section::Absent => {
                if u.bullet.is_some() || !text.contains(' ') || text.len() < 80 {
                    let list = if section == Section::Attendees {
                        &mut report.attendees
                    } else {
                        &mut report.absent
                    };
                    list.extend(split_list(text).iter().filter_map(|a| attendee(a)));
                }
                continue;
            }
            Section::Items(kind) => {
                if u.bullet.is_some() || text.len() < 300 {
                    for s in sentences_of(text, u.bullet.is_some()) {
                        let due = if kind == ItemKind::Besluit {
                            None
                        } else {
                            dates::due_date(&s, report.date)
                        };
                        report.items.push(Item {
                            kind,
                            owner: owner_of(&s, context.as_deref()),
                            due,
                            text: s,
                            context: context.clone(),
                            topic,
                            why: format!("het onder het kopje ‘{}’ staat", kind_heading(kind)),
                        });
                    }
                }
                continue;
            }
            Section::Body => {}
        }
        // The next meeting.
        let lower = text.to_lowercase();
        if (lower.contains("volgende")
            && (lower.contains("overleg") || lower.contains("vergadering") || lower.contains("bijeenkomst")))
            && report.next_meeting.is_none()
        {
            if let Some(d) = dates::first_date(text, year).filter(|d| report.date.is_none_or(|m| *d > m)) {
                report.next_meeting = Some(d);
                continue;
            }
        }
        match u.bullet {
            None => {
                // A paragraph: does it announce a list of items?
                list_mode = announces(&lower);
                parents.clear();
                let sentences = sentences_of(text, false);
                items_in(&mut report, &sentences, context.as_deref(), topic, false);
            }
            Some(depth) => {
                parents.retain(|(d, _)| *d < depth);
                let has_children = units
                    .get(n + 1)
                    .is_some_and(|next| next.bullet.is_some_and(|d| d > depth) && next.heading.is_none());
                if has_children {
                    parents.push((depth, text.to_string()));
                    continue;
                }
                let parent = parents.last().map(|(_, t)| t.clone()).or_else(|| context.clone());
                let question = text.ends_with('?') && parents.is_empty();
                match list_mode {
                    // In an announced list every bullet is an item, whole.
                    Some(kind) if !question => {
                        report.sentences.push(text.to_string());
                        let (k, why) = classify(text, true).unwrap_or((kind, String::new()));
                        let kind = if k == ItemKind::Besluit {
                            k
                        } else {
                            kind_in_list(kind, text, report.date)
                        };
                        let why = if why.is_empty() {
                            "het in een lijst staat die de alinea ervoor aankondigt".to_string()
                        } else {
                            why
                        };
                        report.items.push(Item {
                            kind,
                            owner: owner_of(text, parent.as_deref()),
                            due: (kind != ItemKind::Besluit)
                                .then(|| dates::due_date(text, report.date))
                                .flatten(),
                            text: text.to_string(),
                            context: parent,
                            topic,
                            why,
                        });
                    }
                    Some(_) => report.sentences.push(text.to_string()),
                    // Elsewhere a bullet is prose: each sentence by its wording.
                    None => {
                        let sentences = sentences_of(text, false);
                        items_in(&mut report, &sentences, parent.as_deref(), topic, true);
                    }
                }
            }
        }
    }
    // Owners as the attendee list names them ("Eindhoven" → "Gemeente Eindhoven").
    for item in &mut report.items {
        if let Some(o) = &item.owner {
            item.owner = Some(resolve_owner(o, &report.attendees));
        }
    }
    report
}

/// The items among the sentences of a paragraph or a prose bullet. A short decision that points
/// back ("Overige aanwezigen stemmen hiermee in.", "Dit wordt akkoord bevonden.") takes the
/// sentence before it along, as that says what was decided.
fn items_in(report: &mut Report, sentences: &[String], context: Option<&str>, topic: Option<usize>, bullet: bool) {
    for (k, s) in sentences.iter().enumerate() {
        report.sentences.push(s.clone());
        let Some((kind, why)) = classify(s, bullet) else {
            continue;
        };
        let words = cue_words(s);
        let points_back = words.len() <= 10
            && ["hiermee", "hier", "dit", "daarmee", "daar", "dat"]
                .iter()
                .any(|w| words.iter().any(|x| x == w));
        let text = match (kind, k.checked_sub(1)) {
            (ItemKind::Besluit, Some(prev)) if points_back => format!("{} {s}", sentences[prev]),
            _ => s.clone(),
        };
        report.items.push(Item {
            kind,
            owner: owner_of(s, context),
            due: (kind != ItemKind::Besluit)
                .then(|| dates::due_date(s, report.date))
                .flatten(),
            text,
            context: context.map(str::to_string),
            topic,
            why,
        });
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Section {
    Body,
    Attendees,
    Absent,
    Items(ItemKind),
}

fn kind_heading(kind: ItemKind) -> &'static str {
    match kind {
        ItemKind::Actiepunt => "Actiepunten",
        ItemKind::Aanbeveling => "Aanbevelingen",
        ItemKind::Besluit => "Besluiten",
    }
}

/// The units of the body: bullets with their depth, paragraphs, headings.
fn units(lines: &[&str]) -> Vec<Unit> {
    let mut out: Vec<Unit> = Vec::new();
    // Whether the last unit may take a wrapped line (no blank line since).
    let mut open = false;
    for (k, raw) in lines.iter().enumerate() {
        let quoted = raw.trim_start().strip_prefix('>').map(str::trim_start);
        let raw: &str = quoted.unwrap_or(raw);
        let t = raw.trim();
        if t.is_empty() {
            open = false;
            continue;
        }
        // A paragraph a PDF broke off mid-sentence (with a blank line in between) goes on with
        // a line that starts in lower case or with a parenthesis.
        let unfinished = out.last().is_some_and(|u| {
            u.heading.is_none() && u.bullet.is_none() && !u.text.ends_with(['.', ':', '!', '?']) && u.text.len() > 20
        });
        if (open || unfinished) && (t.starts_with('(') || (!open && t.chars().next().is_some_and(char::is_lowercase))) {
            if let Some(last) = out.last_mut() {
                last.text = join(&last.text, &plain_markdown(t));
                open = true;
                continue;
            }
        }
        if noise(t) {
            continue;
        }
        if let Some(h) = t.strip_prefix('#') {
            let level = 1 + h.chars().take_while(|c| *c == '#').count();
            out.push(Unit {
                text: plain_markdown(h.trim_start_matches('#')).trim().to_string(),
                bullet: None,
                heading: Some(Heading::Markdown(level)),
            });
            open = false;
            continue;
        }
        if bold_line(t) {
            out.push(Unit {
                text: plain_markdown(t).trim().to_string(),
                bullet: None,
                heading: Some(Heading::Bold),
            });
            open = false;
            continue;
        }
        if let Some(rest) = numbered(raw) {
            out.push(Unit {
                text: plain_markdown(rest).trim().to_string(),
                bullet: None,
                heading: Some(Heading::Numbered),
            });
            open = false;
            continue;
        }
        if let Some((depth, rest)) = bullet(raw) {
            out.push(Unit {
                text: plain_markdown(rest).trim().to_string(),
                bullet: Some(depth),
                heading: None,
            });
            open = true;
            continue;
        }
        // A line without a bullet mark right before sub-bullets: a bullet whose mark a PDF
        // lost ("Benader ondernemers vanuit het doen: …" above "o Geef de voorkeur …").
        let next_is_sub = lines[k + 1..]
            .iter()
            .find(|l| !l.trim().is_empty())
            .and_then(|l| bullet(l))
            .is_some_and(|(d, _)| d >= 1);
        let last_is_bullet = out.last().is_some_and(|u| u.bullet.is_some());
        if !open && next_is_sub && last_is_bullet {
            out.push(Unit {
                text: plain_markdown(t).trim().to_string(),
                bullet: Some(0),
                heading: None,
            });
            open = true;
            continue;
        }
        let text = plain_markdown(t);
        let starts_topic = text.starts_with("In gesprek over ");
        match out.last_mut() {
            Some(last) if open && last.heading.is_none() && !starts_topic => last.text = join(&last.text, text.trim()),
            _ => out.push(Unit {
                text: text.trim().to_string(),
                bullet: None,
                heading: None,
            }),
        }
        open = true;
    }
    // A wrapped topic line ("In gesprek over … — Name (wethouder Y) en Name2" + "(wethouder Z)")
    // is one paragraph already; nothing more to do.
    out
}

/// "Human Capital — Arjan Kampman (wethouder Enschede) en Attie Mager (wethouder Gorinchem)".
fn conversation_topic(rest: &str) -> Topic {
    let (title, who) = [" — ", " – ", " - ", ": "]
        .iter()
        .find_map(|sep| rest.split_once(sep))
        .unwrap_or((rest, ""));
    Topic {
        title: title.trim().to_string(),
        presenters: split_list(who)
            .iter()
            .filter_map(|p| attendee(p))
            .filter(|a| a.name.is_some())
            .collect(),
    }
}

/// "Communicatie & Promotie (Kadaster)", "Stand van zaken (zie bord)".
fn numbered_topic(text: &str) -> Topic {
    let t = text.trim().trim_end_matches(':');
    match (t.rfind('('), t.ends_with(')')) {
        (Some(p), true) => {
            let inside = t[p + 1..t.len() - 1].trim();
            let presenters = if inside.to_lowercase().starts_with("zie") || inside.is_empty() {
                Vec::new()
            } else {
                split_list(inside).iter().filter_map(|a| attendee(a)).collect()
            };
            Topic {
                title: t[..p].trim().to_string(),
                presenters,
            }
        }
        _ => Topic {
            title: t.to_string(),
            presenters: Vec::new(),
        },
    }
}

/// Abbreviations whose full stop ends no sentence.
const ABBREVIATIONS: &[&str] = &[
    "bv", "vb", "ca", "nr", "jl", "incl", "excl", "resp", "evt", "dhr", "mevr", "mr", "drs", "ir", "prof", "dr", "red",
    "ivm", "zgn", "etc", "enz", "bijv", "max", "min", "wo", "tel", "art", "lid",
];

/// The sentences of a paragraph (a bullet stays whole).
fn sentences_of(text: &str, bullet: bool) -> Vec<String> {
    if bullet {
        return vec![text.trim().to_string()];
    }
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut cur = String::new();
    for (i, &c) in chars.iter().enumerate() {
        cur.push(c);
        if matches!(c, '.' | '!' | '?') {
            let next = chars.get(i + 1);
            let after = chars.get(i + 2);
            // A sentence ends at the mark before a space and a capital (not in "m.b.t. de",
            // "o.a." or "vb. 'Twents'").
            let ends = next.is_none_or(|n| n.is_whitespace())
                && after.is_none_or(|a| a.is_uppercase() || a.is_ascii_digit() || *a == '"' || *a == '(');
            let abbreviation = c == '.' && {
                let word: String = cur
                    .trim_end_matches('.')
                    .chars()
                    .rev()
                    .take_while(|c| !c.is_whitespace())
                    .collect::<Vec<_>>()
                    .into_iter()
                    .rev()
                    .collect();
                let word = word.trim_start_matches(['(', '\'', '"']).to_lowercase();
                word.contains('.') || ABBREVIATIONS.contains(&word.as_str())
            };
            if ends && !abbreviation {
                out.push(cur.trim().to_string());
                cur.clear();
            }
        }
    }
    if !cur.trim().is_empty() {
        out.push(cur.trim().to_string());
    }
    out
}

/// A paragraph that announces a list of items: "de volgende actiepunten en aanbevelingen",
/// "de volgende punten naar voren gekomen", "Afgesproken:".
fn announces(lower: &str) -> Option<ItemKind> {
    if !lower.trim_end().ends_with(':') {
        return None;
    }
    if lower.contains("besluit") || lower.contains("besloten") {
        Some(ItemKind::Besluit)
    } else if lower.contains("aanbeveling") {
        // Actions and recommendations together: an owner or a date makes one an action.
        Some(ItemKind::Aanbeveling)
    } else if lower.contains("actiepunt")
        || lower.contains("acties")
        || lower.contains("afgesproken")
        || lower.contains("afspraken")
    {
        Some(ItemKind::Actiepunt)
    } else if lower.contains("aanbeveling")
        || lower.contains("punten")
        || lower.contains("adviezen")
        || lower.contains("tips")
    {
        Some(ItemKind::Aanbeveling)
    } else {
        None
    }
}

/// In an announced list: an item with an owner or a due date is an action, advice without
/// either a recommendation (unless the list announced actions only).
fn kind_in_list(announced: ItemKind, text: &str, meeting: Option<NaiveDate>) -> ItemKind {
    let dated = dates::due_date(text, meeting).is_some();
    let owned = explicit_owner(text).is_some();
    match announced {
        ItemKind::Besluit => ItemKind::Besluit,
        _ if dated || owned => ItemKind::Actiepunt,
        ItemKind::Actiepunt => ItemKind::Actiepunt,
        ItemKind::Aanbeveling => ItemKind::Aanbeveling,
    }
}

/// Wording that makes a sentence a decision (`…`: up to four words between).
const DECISION_CUES: &[&str] = &[
    "besloten",
    "besluit is",
    "akkoord bevonden",
    "akkoord gegaan",
    "gaat akkoord",
    "gaan akkoord",
    "stemmen hiermee in",
    "stemmen hier mee in",
    "stemt hiermee in",
    "stemt in met",
    "afgesproken is dat",
    "is afgesproken dat",
    "is … afgesproken dat",
    "wordt … gekozen",
    "is gekozen",
    "wordt uitgezet",
    "is gecancelled",
    "is geannuleerd",
    "wordt vastgesteld",
    "is vastgesteld",
    "zal zich beperken",
    "heeft uitgesproken dat",
    "wordt … nog niet opgepakt",
];

/// Wording that makes a sentence an action item (`…`: up to four words between).
const ACTION_CUES: &[&str] = &[
    "actie :",
    "actiepunt :",
    "zorgt voor",
    "zorgt dat",
    "zorgen voor",
    "neemt contact op",
    "nemen contact op",
    "contact opnemen",
    "in contact brengen",
    "komt … terug",
    "komen … terug",
    "terugkoppelen",
    "koppelt … terug",
    "wordt opgepakt",
    "worden opgepakt",
    "pakt … op",
    "staat op de lijst",
    "gaat … na",
    "vraagt na",
    "navragen",
    "zoekt … uit",
    "uitzoeken",
    "onderzoeken",
    "wordt … onderzocht",
    "verzoek aan",
    "verzoekt om",
    "met het verzoek",
    "de vraag om",
    "wordt gevraagd om",
    "aangespoord om",
    "moet … worden",
    "moeten … worden",
    "wordt … ingepland",
    "wordt … georganiseerd",
    "worden … georganiseerd",
    "zal worden opgelost",
    "zo snel mogelijk",
    "kunnen hier naar kijken",
    "kunnen hiernaar kijken",
    "gaan kijken",
    "afgesproken wordt",
    "te gaan doen",
    "doorgaan met",
    "levert … aan",
    "neemt … mee",
    "agendeert",
];

/// Verbs of doing that, with a time expression, make a sentence an action item.
const ACTION_VERBS: &[&str] = &[
    "aanleveren",
    "opleveren",
    "opstellen",
    "uitwerken",
    "voorbereiden",
    "versturen",
    "rondsturen",
    "sturen",
    "delen",
    "plannen",
    "organiseren",
    "agenderen",
    "afstemmen",
    "nagaan",
    "nakijken",
    "checken",
    "regelen",
    "maken",
    "schrijven",
    "leveren",
    "presenteren",
    "gesprekken",
    "bevestigen",
    "confirmed",
    "terugkomen",
    "gepland",
];

/// Words that say when: a date, or a term.
fn time_expression(lower: &str) -> bool {
    let words = [
        "binnenkort",
        "binnen ",
        "volgende week",
        "voor de zomer",
        "vóór ",
        "uiterlijk",
        "deze week",
        "volgende keer",
        "eind ",
        "begin ",
    ];
    words.iter().any(|w| lower.contains(w)) || !dates::dates_in(lower, Some(2000)).is_empty()
}

/// The words of a text, lower case, with punctuation as spaces (a colon kept, for "actie:").
fn cue_words(text: &str) -> Vec<String> {
    text.to_lowercase()
        .replace(':', " : ")
        .split(|c: char| !(c.is_alphanumeric() || c == ':'))
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// Whether `cue` occurs in `words`: its words in a row, where `…` lets up to four other words
/// stand between two parts ("wordt … onderzocht" in "wordt op dit moment onderzocht").
fn has_cue(words: &[String], cue: &str) -> bool {
    let parts: Vec<Vec<String>> = cue.split('…').map(cue_words).filter(|p| !p.is_empty()).collect();
    let run_at = |part: &[String], at: usize| part.iter().enumerate().all(|(k, w)| words.get(at + k) == Some(w));
    fn from(
        words: &[String],
        parts: &[Vec<String>],
        start: usize,
        gap: usize,
        run_at: &dyn Fn(&[String], usize) -> bool,
    ) -> bool {
        let Some((first, rest)) = parts.split_first() else {
            return true;
        };
        (start..=(start + gap).min(words.len()))
            .any(|at| run_at(first, at) && from(words, rest, at + first.len(), 4, run_at))
    }
    (0..words.len()).any(|at| from(words, &parts, at, 0, &run_at))
}

/// Whether a sentence is an item, of what kind, and why.
fn classify(sentence: &str, bullet: bool) -> Option<(ItemKind, String)> {
    let lower = sentence.to_lowercase().replace('’', "'");
    if lower.ends_with('?') && !lower.contains("moet") {
        return None;
    }
    let words = cue_words(&lower);
    // Looking back ("hadden moeten worden") or ahead to a decision others take ("zal worden
    // besloten") is neither an action nor a decision of this meeting.
    let past = has_cue(&words, "hadden moeten") || has_cue(&words, "had moeten");
    let later = has_cue(&words, "zal … worden besloten") || has_cue(&words, "zullen … worden besloten");
    if past || later {
        return None;
    }
    if let Some(cue) = DECISION_CUES.iter().find(|c| has_cue(&words, c)) {
        return Some((ItemKind::Besluit, format!("de tekst ‘{cue}’ zegt")));
    }
    if let Some(cue) = ACTION_CUES.iter().find(|c| has_cue(&words, c)) {
        return Some((ItemKind::Actiepunt, format!("de tekst ‘{cue}’ zegt")));
    }
    if let Some(verb) = words.iter().find(|w| ACTION_VERBS.contains(&w.as_str())) {
        if time_expression(&lower) {
            return Some((
                ItemKind::Actiepunt,
                format!("er een werkwoord van doen (‘{verb}’) met een termijn in staat"),
            ));
        }
        // "Eindhoven wil een keuzelijst maken": a party that means to do something.
        if words.iter().any(|w| w == "wil" || w == "willen") {
            return Some((ItemKind::Actiepunt, format!("iemand iets wil doen (‘{verb}’)")));
        }
    }
    if bullet && words.first().is_some_and(|w| IMPERATIVES.contains(&w.as_str())) && time_expression(&lower) {
        return Some((ItemKind::Actiepunt, "het een opdracht met een termijn is".into()));
    }
    None
}

/// Verbs that open an instruction ("Maak", "Zorg", "Stuur").
const IMPERATIVES: &[&str] = &[
    "maak",
    "zorg",
    "stuur",
    "plan",
    "organiseer",
    "regel",
    "lever",
    "deel",
    "stel",
    "zet",
    "neem",
    "vraag",
    "zoek",
    "bespreek",
    "agendeer",
    "werk",
];

/// An owner the sentence names itself: "(actie: X)", "Actie X:", "X zorgt voor", "door X",
/// "X: …" at the start, "X komt terug", "wil X".
fn explicit_owner(sentence: &str) -> Option<String> {
    let s = sentence.trim();
    for marker in ["actie:", "actiehouder:", "(actie ", "actie "] {
        if let Some(p) = find_ignoring_case(s, marker) {
            let rest = &s[p + marker.len()..];
            let name: String = rest
                .trim_start_matches([':', ' '])
                .chars()
                .take_while(|c| !matches!(c, ')' | ',' | ';' | '.'))
                .collect();
            if !name.trim().is_empty() && name.trim().chars().next().is_some_and(char::is_uppercase) {
                return Some(name.trim().to_string());
            }
        }
    }
    for marker in ["wordt opgepakt door ", "worden opgepakt door ", "door "] {
        if let Some(p) = find_ignoring_case(s, marker) {
            let rest = &s[p + marker.len()..];
            if let Some(name) = capitalised_run(rest) {
                return Some(name);
            }
        }
    }
    // "Kadaster: …" or "Kadaster zorgt / komt / gaat / zal / wil / geeft aan / onderzoekt".
    let (first, end) = capitalised_run_at(s)?;
    let after = s[end..].trim_start();
    let verbs = [
        ":",
        "zorgt",
        "zorgen",
        "komt",
        "komen",
        "gaat",
        "gaan",
        "zal",
        "zullen",
        "wil",
        "willen",
        "geeft aan",
        "onderzoekt",
        "neemt",
        "stuurt",
        "levert",
        "pakt",
        "vraagt",
        "en ",
    ];
    if verbs.iter().any(|v| after.starts_with(v)) && !NOT_AN_OWNER.contains(&first.as_str()) {
        return Some(first);
    }
    // "… wil Eindhoven wel een keuzelijst maken".
    for marker in [" wil ", " zal ", " gaat "] {
        if let Some(p) = s.find(marker) {
            if let Some(name) = capitalised_run(&s[p + marker.len()..]) {
                if !matches!(name.as_str(), "Dit" | "Er" | "Het" | "De") {
                    return Some(name);
                }
            }
        }
    }
    None
}

/// Capitalised words at the start of a sentence that name no one ("Note: …", "Dit zal …").
const NOT_AN_OWNER: &[&str] = &[
    "Dit",
    "Er",
    "Het",
    "De",
    "Deze",
    "Hier",
    "We",
    "Wij",
    "Zij",
    "Men",
    "Voorlopig",
    "Afgesproken",
    "Daarnaast",
    "Note",
    "Noot",
    "Let",
    "Antwoord",
    "Vraag",
    "Extra",
    "Issue",
    "Zie",
    "Opmerking",
    "Toelichting",
    "Verder",
    "Ook",
    "Wel",
    "Tot",
    "Na",
    "Voor",
    "In",
    "Op",
    "Als",
    "Kan",
    "Hoe",
    "Wat",
    "Wie",
];

/// Capitalised words at the start of `s` ("Gemeente Den Bosch", "SoftwareOne", "Kadaster").
fn capitalised_run(s: &str) -> Option<String> {
    capitalised_run_at(s).map(|(name, _)| name)
}

/// [`capitalised_run`], and the byte offset in `s` where the run ends (the words may be
/// separated by more than one space, so the name's length is not that offset).
fn capitalised_run_at(s: &str) -> Option<(String, usize)> {
    let mut words: Vec<(&str, usize)> = Vec::new();
    for w in s.split_whitespace() {
        let bare = w.trim_end_matches([',', '.', ':', ';', ')']);
        let cap = bare.chars().next().is_some_and(char::is_uppercase);
        let small = matches!(bare, "den" | "van" | "de" | "der" | "ter" | "ten");
        if cap || (small && !words.is_empty()) {
            // `w` is a slice of `s`: its offset is the distance between their starts.
            let end = w.as_ptr() as usize - s.as_ptr() as usize + bare.len();
            words.push((bare, end));
            if bare.len() != w.len() {
                break;
            }
        } else {
            break;
        }
    }
    while words
        .last()
        .is_some_and(|(w, _)| matches!(*w, "den" | "van" | "de" | "der" | "ter" | "ten"))
    {
        words.pop();
    }
    let end = words.last()?.1;
    Some((words.iter().map(|(w, _)| *w).collect::<Vec<_>>().join(" "), end))
}

/// Where the ASCII `marker` first occurs in `s`, ignoring ASCII case. An offset into `s` itself
/// (lowercasing `s` first may change its length, so offsets into the lowercased copy are not
/// offsets into `s`).
fn find_ignoring_case(s: &str, marker: &str) -> Option<usize> {
    s.char_indices()
        .map(|(i, _)| i)
        .find(|&i| strip_prefix_ignoring_case(&s[i..], marker).is_some())
}

/// `s` after the ASCII `prefix`, ignoring ASCII case.
fn strip_prefix_ignoring_case<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    s.get(..prefix.len())
        .filter(|head| head.eq_ignore_ascii_case(prefix))
        .map(|_| &s[prefix.len()..])
}

/// The owner of an item: one the sentence names, else an organisation heading it stands under.
fn owner_of(sentence: &str, context: Option<&str>) -> Option<String> {
    explicit_owner(sentence).or_else(|| {
        context
            .filter(|c| is_organisation(c) && c.len() < 60)
            .map(str::to_string)
    })
}

/// The owner as the attendee list writes it, when one matches: a name, an organisation, or the
/// last word(s) of one ("Eindhoven" → "Gemeente Eindhoven").
fn resolve_owner(owner: &str, attendees: &[Attendee]) -> String {
    let o = owner.to_lowercase();
    for a in attendees {
        for candidate in [a.name.as_deref(), a.organisation.as_deref()].into_iter().flatten() {
            let c = candidate.to_lowercase();
            if c == o || c.ends_with(&format!(" {o}")) || (o.len() > 3 && c.starts_with(&format!("{o} "))) {
                return candidate.to_string();
            }
        }
    }
    owner.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::Format;

    fn text(s: &str) -> Text {
        Text {
            format: Format::Tekst,
            lines: s.lines().map(str::to_string).collect(),
        }
    }

    #[test]
    fn attendees_with_roles_and_organisations() {
        let a = attendee("Arjan Kampman (Enschede)").unwrap();
        assert_eq!(
            (a.name.as_deref(), a.organisation.as_deref()),
            (Some("Arjan Kampman"), Some("Enschede"))
        );
        let a = attendee("Yvonne Salvino (wethouder Sittard-Geleen)").unwrap();
        assert_eq!(a.role.as_deref(), Some("wethouder"));
        assert_eq!(a.organisation.as_deref(), Some("Sittard-Geleen"));
        let a = attendee("Gemeente Eindhoven (initiator)").unwrap();
        assert_eq!(
            (a.name, a.organisation.as_deref(), a.role.as_deref()),
            (None, Some("Gemeente Eindhoven"), Some("initiator"))
        );
        let a = attendee("[gast] SoftwareOne").unwrap();
        assert_eq!(
            (a.organisation.as_deref(), a.role.as_deref()),
            (Some("SoftwareOne"), Some("gast"))
        );
        let a = attendee("Kadaster").unwrap();
        assert_eq!(a.organisation.as_deref(), Some("Kadaster"));
    }

    #[test]
    fn a_header_wrapped_over_blank_lines() {
        let r = parse(&text(
            "Verslag\n\nOverleg X\n\nDatum 16 april 2025\n\nTijd 14.00 - 15.30\n\nAanwezigen Jan Jansen (Sittard-\n\nGeleen), Piet Pieters (Hof van\nTwente)\n\nIn gesprek over Werk — Jan Jansen (wethouder Sittard-Geleen)\n",
        ));
        assert_eq!(r.title.as_deref(), Some("Overleg X"));
        assert_eq!(r.date, NaiveDate::from_ymd_opt(2025, 4, 16));
        assert_eq!((r.start.as_deref(), r.end.as_deref()), (Some("14:00"), Some("15:30")));
        let orgs: Vec<_> = r.attendees.iter().filter_map(|a| a.organisation.as_deref()).collect();
        assert_eq!(orgs, ["Sittard-Geleen", "Hof van Twente"]);
        assert_eq!(r.topics[0].title, "Werk");
        assert_eq!(r.topics[0].presenters[0].name.as_deref(), Some("Jan Jansen"));
    }

    #[test]
    fn items_from_sections_lists_and_wording() {
        let r = parse(&text(
            "Datum 1 maart 2026\n\nUit het gesprek zijn de volgende actiepunten en aanbevelingen besproken:\n\n- Samen optrekken\no Maak gebruik van bestaande platforms om data te delen en\nversnippering te beperken.\no Gemeente Hengelo stuurt vóór 1 april de cijfers\n- Welke knop is belangrijk?\n\nAfgesproken is dat het overleg maandelijks plaatsvindt. Het UWV komt binnen twee weken terug met een voorstel.\n\n## Besluiten\n\n- De agenda wordt vastgesteld.\n",
        ));
        let kinds: Vec<(ItemKind, &str)> = r.items.iter().map(|i| (i.kind, i.text.as_str())).collect();
        assert_eq!(
            kinds,
            [
                (
                    ItemKind::Aanbeveling,
                    "Maak gebruik van bestaande platforms om data te delen en versnippering te beperken."
                ),
                (ItemKind::Actiepunt, "Gemeente Hengelo stuurt vóór 1 april de cijfers"),
                (
                    ItemKind::Besluit,
                    "Afgesproken is dat het overleg maandelijks plaatsvindt."
                ),
                (
                    ItemKind::Actiepunt,
                    "Het UWV komt binnen twee weken terug met een voorstel."
                ),
                (ItemKind::Besluit, "De agenda wordt vastgesteld."),
            ]
        );
        assert_eq!(r.items[0].context.as_deref(), Some("Samen optrekken"));
        assert_eq!(r.items[1].due, NaiveDate::from_ymd_opt(2026, 4, 1));
        assert_eq!(r.items[1].owner.as_deref(), Some("Gemeente Hengelo"));
        assert_eq!(r.items[3].due, NaiveDate::from_ymd_opt(2026, 3, 15));
    }

    #[test]
    fn markdown_minutes_with_attendees_and_numbered_topics() {
        let r = parse(&Text {
            format: Format::Markdown,
            lines: "# Pilotgroep - 13 november 2020\n\n_(Dutch only)_\n\n## Attendees\n\n- Gemeente Breda\n- Kadaster (initiator)\n\n## Notes\n\n1. **Pilots** (Kadaster)\n\n     Tilburg: het [overleg](http://x) is gestart.\n\n**Gemeente Breda**\n\n- zoektocht loopt in positieve richting\n- binnenkort gesprekken met de business\n"
                .lines()
                .map(str::to_string)
                .collect(),
        });
        assert_eq!(r.date, NaiveDate::from_ymd_opt(2020, 11, 13));
        assert_eq!(r.attendees.len(), 2);
        assert_eq!(r.topics[0].title, "Pilots");
        assert_eq!(r.topics[0].presenters[0].organisation.as_deref(), Some("Kadaster"));
        let action = r.items.iter().find(|i| i.text.starts_with("binnenkort")).unwrap();
        assert_eq!(action.owner.as_deref(), Some("Gemeente Breda"));
    }
}
