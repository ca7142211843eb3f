// SPDX-License-Identifier: EUPL-1.2
//! What a request, a form or a CSV cell says, turned into an [`Input`]: the record's owner and
//! visibility and its fields as JSON, typed by the kind's description. And back: the text a form
//! or a CSV cell shows for a stored value ([`Display`]).
//!
//! - From JSON ([`from_json`]): every field's JSON type is checked (text, number, whole year,
//!   list); a reference may be an id or an object with its `id` (or `code`), so a representation
//!   can be sent back as it was read. Unknown fields are faults; the read-only fields of a
//!   representation are ignored.
//! - From text ([`Resolver::value`]): numbers as Dutch users write them (`165.000`, `48,8`),
//!   dates as dd-mm-jjjj or ISO, choices by value or label, and names instead of ids where they
//!   are unambiguous: "Enschede" or "Enschede (GM0153)" for a gemeente, "Gemeente Enschede" for
//!   an organisation, a concept's label, "Name [id]" or a unique name for a person.
//!
//! Every fault names its field (`partijen[1].organisatie`); nothing is looked up twice.

use std::collections::HashMap;

use samenhang_domain::access::{Principal, Visibility};
use samenhang_domain::codes::{RegionCode, RegionKind};
use samenhang_domain::region::fold_for_search;
use samenhang_domain::registers::Fault;
use samenhang_domain::spec::{Field, FieldType, KindSpec, RegionSet};
use samenhang_store::items::ItemQuery;
use serde_json::{Map, Value};

use crate::error::fault;
use crate::{App, AppError};

/// The input of a create or update.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Input {
    /// The owning organisation, when named.
    pub organisation: Option<String>,
    /// The visibility, when named.
    pub visibility: Option<Visibility>,
    /// The record's fields (absent or null: not given).
    pub fields: Map<String, Value>,
    /// Faults found while reading the input (a name that matches nothing, say); the field is
    /// left out of `fields`. The check adds its own faults to these, so the caller hears of
    /// every fault in one answer.
    pub faults: Vec<Fault>,
}

/// Properties of a representation that a client may send back but cannot change.
pub const READ_ONLY: &[&str] = &["id", "versie", "gewijzigdOp", "gewijzigdDoor", "_links"];

/// Refuses text with a NUL character (no database stores it, and no user types it).
pub fn check_text(field: &str, text: &str, faults: &mut Vec<Fault>) {
    if text.contains('\0') {
        faults.push(fault(field, "format", "De tekst bevat een NUL-teken; dat kan niet."));
    }
}

/// Reads a JSON body of a create or update of `spec`; every fault at once.
pub fn from_json(spec: &KindSpec, body: &[u8]) -> Result<Input, AppError> {
    let value: Value = serde_json::from_slice(body).map_err(|e| {
        AppError::invalid(
            "body",
            "json",
            format!("Ongeldige JSON (regel {}, kolom {}): {e}.", e.line(), e.column()),
        )
    })?;
    let Value::Object(object) = value else {
        return Err(AppError::invalid("body", "json", "Stuur een JSON-object."));
    };
    let mut faults = Vec::new();
    let mut input = Input::default();
    for (key, v) in object {
        match key.as_str() {
            "organisatie" => input.organisation = reference(&key, v, &mut faults),
            "zichtbaarheid" => match v {
                Value::Null => {}
                Value::String(s) => match Visibility::parse(&s) {
                    Some(vis) => input.visibility = Some(vis),
                    None => faults.push(fault(&key, "enum", "Kies uit openbaar, regio of organisatie.")),
                },
                _ => faults.push(fault(
                    &key,
                    "type",
                    "Verwacht een tekst: openbaar, regio of organisatie.",
                )),
            },
            k if READ_ONLY.contains(&k) || spec.computed.iter().any(|c| c.name == k) => {}
            k => match spec.field(k) {
                Some(f) => {
                    if let Some(v) = json_value(k, f.ty, v, &mut faults) {
                        input.fields.insert(key, v);
                    }
                }
                None => {
                    let names: Vec<&str> = spec.fields.iter().map(|f| f.name).collect();
                    faults.push(fault(
                        k,
                        "unknown",
                        format!(
                            "Onbekend veld. Toegestaan zijn: organisatie, zichtbaarheid, {}.",
                            names.join(", ")
                        ),
                    ));
                }
            },
        }
    }
    if faults.is_empty() {
        Ok(input)
    } else {
        Err(AppError::Invalid(faults))
    }
}

/// A reference given as an id, or as an object with its `id` or `code`.
fn reference(path: &str, v: Value, faults: &mut Vec<Fault>) -> Option<String> {
    let text = match v {
        Value::Null => return None,
        Value::String(s) => s,
        Value::Object(mut o) => match o.remove("id").or_else(|| o.remove("code")) {
            Some(Value::String(s)) => s,
            _ => {
                faults.push(fault(path, "type", "Verwacht een id, of een object met 'id'."));
                return None;
            }
        },
        _ => {
            faults.push(fault(path, "type", "Verwacht een id (tekst)."));
            return None;
        }
    };
    check_text(path, &text, faults);
    Some(text)
}

/// Checks one JSON value against its field type; `None` when absent (null) or wrong.
fn json_value(path: &str, ty: FieldType, v: Value, faults: &mut Vec<Fault>) -> Option<Value> {
    if v.is_null() {
        return None;
    }
    match ty {
        FieldType::Text { .. }
        | FieldType::Code { .. }
        | FieldType::Link
        | FieldType::Email
        | FieldType::Phone
        | FieldType::Date
        | FieldType::Time
        | FieldType::Choice(_) => match v {
            Value::String(s) => {
                check_text(path, &s, faults);
                Some(Value::String(s))
            }
            _ => {
                faults.push(fault(path, "type", "Verwacht een tekst."));
                None
            }
        },
        FieldType::Concept
        | FieldType::Region(_)
        | FieldType::Organisation
        | FieldType::Record(_)
        | FieldType::Indicator => reference(path, v, faults).map(Value::String),
        FieldType::Number { .. } => match v {
            Value::Number(n) if n.as_f64().is_some_and(f64::is_finite) => Some(Value::Number(n)),
            _ => {
                faults.push(fault(path, "type", "Verwacht een getal."));
                None
            }
        },
        FieldType::Year => match v.as_f64() {
            Some(y) if y.fract() == 0.0 => Some(v),
            _ => {
                faults.push(fault(path, "type", "Verwacht een jaartal (een geheel getal)."));
                None
            }
        },
        FieldType::Concepts | FieldType::Records(_) => match v {
            Value::Array(items) => Some(Value::Array(
                items
                    .into_iter()
                    .enumerate()
                    .filter_map(|(i, item)| reference(&format!("{path}[{i}]"), item, faults).map(Value::String))
                    .collect(),
            )),
            _ => {
                faults.push(fault(path, "type", "Verwacht een lijst van ids."));
                None
            }
        },
        FieldType::Objects(list) => match v {
            Value::Array(items) => {
                let mut out = Vec::with_capacity(items.len());
                for (i, item) in items.into_iter().enumerate() {
                    let at = format!("{path}[{i}]");
                    let Value::Object(o) = item else {
                        faults.push(fault(&at, "type", "Verwacht een object."));
                        continue;
                    };
                    let mut entry = Map::new();
                    for (k, v) in o {
                        match list.fields.iter().find(|f| f.name == k) {
                            Some(f) => {
                                if let Some(v) = json_value(&format!("{at}.{k}"), f.ty, v, faults) {
                                    entry.insert(k, v);
                                }
                            }
                            None => {
                                let names: Vec<&str> = list.fields.iter().map(|f| f.name).collect();
                                faults.push(fault(
                                    &format!("{at}.{k}"),
                                    "unknown",
                                    format!("Onbekend veld. Toegestaan zijn: {}.", names.join(", ")),
                                ));
                            }
                        }
                    }
                    out.push(Value::Object(entry));
                }
                Some(Value::Array(out))
            }
            _ => {
                faults.push(fault(path, "type", "Verwacht een lijst van objecten."));
                None
            }
        },
        FieldType::Object(_) => None,
    }
}

/// A number as a Dutch user types it: `165.000`, `165000`, `48,8`, `1.234,5`, `-2,5`; a
/// plain decimal point (`0.5`) is read as such when it cannot be a thousands separator.
pub fn dutch_number(raw: &str) -> Option<f64> {
    let raw = raw.trim().replace([' ', '\u{a0}'], "");
    if raw.is_empty() {
        return None;
    }
    let (sign, digits) = match raw.strip_prefix('-') {
        Some(d) => ("-", d),
        None => ("", raw.as_str()),
    };
    let (int, frac) = digits.split_once(',').map_or((digits, None), |(i, f)| (i, Some(f)));
    let groups: Vec<&str> = int.split('.').collect();
    let thousands = groups.len() > 1
        && (1..=3).contains(&groups[0].len())
        && groups[1..].iter().all(|g| g.len() == 3)
        && groups.iter().all(|g| g.chars().all(|c| c.is_ascii_digit()));
    let normalised = match (thousands, frac) {
        (true, f) => format!("{sign}{}.{}", groups.concat(), f.unwrap_or("0")),
        (false, Some(f)) if !int.contains('.') => format!("{sign}{int}.{f}"),
        (false, None) => format!("{sign}{int}"),
        _ => return None,
    };
    normalised.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// A number written for a Dutch reader or spreadsheet: decimal comma, no thousands separator.
pub fn dutch_decimal(v: f64) -> String {
    let s = format!("{v}");
    s.replace('.', ",")
}

/// A date as dd-mm-jjjj (also d-m-jjjj, dd/mm/jjjj) or ISO jjjj-mm-dd.
pub fn date(raw: &str) -> Option<chrono::NaiveDate> {
    let raw = raw.trim();
    for format in ["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y"] {
        if let Ok(d) = chrono::NaiveDate::parse_from_str(raw, format) {
            if (1900..=2200).contains(&chrono::Datelike::year(&d)) {
                return Some(d);
            }
        }
    }
    None
}

/// The words of a region kind, for messages and labels.
pub fn region_kind_word(kind: RegionKind) -> &'static str {
    match kind {
        RegionKind::Gemeente => "gemeente",
        RegionKind::Arbeidsmarktregio => "arbeidsmarktregio",
        RegionKind::Corop => "COROP-gebied",
        RegionKind::Provincie => "provincie",
        RegionKind::Landsdeel => "landsdeel",
        RegionKind::Land => "land",
    }
}

/// The text of a region for a form or a CSV cell: "Enschede (GM0153)".
pub fn region_text(app: &App, code: RegionCode) -> String {
    format!("{} ({code})", crate::region_name(&app.snapshot(), code))
}

/// The text of a record reference: "Title (Organisation)", as people name things: the
/// organisation tells apart records of the same title. [`Resolver::record`] reads it back.
pub fn record_text(title: &str, organisation: &str) -> String {
    format!("{title} ({organisation})")
}

/// Looks up names for one request: organisations once, regions and concepts from the views,
/// records by title with an indexed query.
pub struct Resolver<'a> {
    app: &'a App,
    caller: &'a Principal,
    organisations: Option<Vec<samenhang_store::accounts::Organisation>>,
}

impl<'a> Resolver<'a> {
    /// For `caller`.
    pub fn new(app: &'a App, caller: &'a Principal) -> Resolver<'a> {
        Resolver {
            app,
            caller,
            organisations: None,
        }
    }

    async fn organisations(&mut self) -> Result<&[samenhang_store::accounts::Organisation], AppError> {
        if self.organisations.is_none() {
            self.organisations = Some(self.app.store().organisations().await?);
        }
        Ok(self.organisations.as_deref().unwrap_or_default())
    }

    /// The id of an organisation given by id or by name.
    pub async fn organisation(&mut self, text: &str) -> Result<String, String> {
        let orgs = self.organisations().await.map_err(|e| e.to_string())?;
        if let Some(o) = orgs.iter().find(|o| o.id == text) {
            return Ok(o.id.clone());
        }
        let wanted = fold_for_search(text);
        let named: Vec<&samenhang_store::accounts::Organisation> =
            orgs.iter().filter(|o| fold_for_search(&o.name) == wanted).collect();
        match named.as_slice() {
            [one] => Ok(one.id.clone()),
            [] => Err(format!(
                "Er is geen organisatie '{text}'. Kies een organisatie uit de lijst."
            )),
            many => Err(format!(
                "Er zijn {} organisaties met de naam '{text}'; gebruik het id: {}.",
                many.len(),
                many.iter().map(|o| o.id.as_str()).collect::<Vec<_>>().join(", ")
            )),
        }
    }

    /// The code of a region given by code, by "Name (CODE)" or by an unambiguous name.
    pub fn region(&self, text: &str, set: RegionSet) -> Result<String, String> {
        let text = text.trim();
        let code_part = text
            .rsplit_once('(')
            .and_then(|(_, rest)| rest.strip_suffix(')'))
            .map(|inner| inner.rsplit(',').next().unwrap_or(inner).trim());
        for candidate in [Some(text), code_part].into_iter().flatten() {
            if let Ok(code) = RegionCode::parse(candidate) {
                return Ok(code.to_string());
            }
        }
        let snap = self.app.snapshot();
        let year = crate::latest_year(&snap);
        let wanted = fold_for_search(text.rsplit_once(" (").map_or(text, |(name, _)| name));
        let allowed = |k: RegionKind| match set {
            RegionSet::Any => true,
            RegionSet::MunicipalityOrLabourMarket => matches!(k, RegionKind::Gemeente | RegionKind::Arbeidsmarktregio),
            RegionSet::Municipality => k == RegionKind::Gemeente,
        };
        let mut found: Vec<RegionCode> = (0..snap.regions.len())
            .filter(|&i| allowed(snap.kind(i)) && fold_for_search(snap.regions.name(i)) == wanted)
            .map(|i| snap.regions.code(i))
            .collect();
        // "Bergen" is both "Bergen (L.)" and "Bergen (NH.)": offer those, not "no such region".
        if found.is_empty() {
            found = (0..snap.regions.len())
                .filter(|&i| {
                    let name = snap.regions.name(i);
                    allowed(snap.kind(i)) && fold_for_search(name.rsplit_once(" (").map_or(name, |(n, _)| n)) == wanted
                })
                .map(|i| snap.regions.code(i))
                .collect();
        }
        // Names of gemeenten that no longer exist are a last resort.
        if found.len() > 1 {
            let current: Vec<RegionCode> = found
                .iter()
                .copied()
                .filter(|c| match c {
                    RegionCode::Municipality(m) => snap.memberships(year).iter().any(|x| x.municipality == *m),
                    _ => true,
                })
                .collect();
            if !current.is_empty() {
                found = current;
            }
        }
        match found.as_slice() {
            [one] => Ok(one.to_string()),
            [] => Err(format!(
                "Er is geen gebied '{text}'. Typ een naam uit de lijst of een code (bijvoorbeeld GM0153)."
            )),
            many => Err(format!(
                "'{text}' kan meer gebieden zijn: {}. Kies er één.",
                many.iter()
                    .map(|c| {
                        let i = snap.regions.position(*c).unwrap_or(0);
                        format!("{} {} ({c})", region_kind_word(snap.kind(i)), snap.regions.name(i))
                    })
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        }
    }

    /// The id of a concept given by id or by one of its labels.
    pub fn concept(&self, text: &str) -> Result<String, String> {
        let view = self.app.vocab();
        if view.concept(text).is_some() {
            return Ok(text.to_string());
        }
        let wanted = fold_for_search(text);
        let found: Vec<&samenhang_vocab::Concept> = view
            .concepts()
            .filter(|c| {
                fold_for_search(&c.pref_label) == wanted || c.alt_labels.iter().any(|l| fold_for_search(l) == wanted)
            })
            .collect();
        match found.as_slice() {
            [one] => Ok(one.id.clone()),
            [] => Err(format!("Het begrip '{text}' staat niet in het begrippenkader.")),
            many => Err(format!(
                "'{text}' past bij meer begrippen: {}. Kies er één.",
                many.iter()
                    .map(|c| c.pref_label.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        }
    }

    /// The id of an indicator given by id or by name.
    pub fn indicator(&self, text: &str) -> Result<String, String> {
        let snap = self.app.snapshot();
        if snap.registry.indicator(text).is_some() {
            return Ok(text.to_string());
        }
        let wanted = fold_for_search(text);
        // Goals refer to the registry's indicators (a goal outlives who may see an own one).
        snap.registry
            .indicators
            .iter()
            .find(|i| fold_for_search(&i.name) == wanted)
            .map(|i| i.id.clone())
            .ok_or_else(|| format!("Er is geen indicator '{text}'. Kies er een uit de lijst."))
    }

    /// The id of a record of `kind` given by id, by "Name [id]" or by a name only one visible
    /// record has.
    pub async fn record(&self, kind: &'static str, text: &str) -> Result<String, String> {
        let text = text.trim();
        if let Some(id) = text.rsplit_once('[').and_then(|(_, rest)| rest.strip_suffix(']')) {
            return Ok(id.trim().to_string());
        }
        if samenhang_domain::spec::valid_record_id(text) {
            let seen = self
                .app
                .store()
                .visible_titles(kind, &[text.to_string()], self.caller)
                .await
                .map_err(|e| e.to_string())?;
            if !seen.is_empty() {
                return Ok(text.to_string());
            }
        }
        let what = crate::kinds::by_kind(kind).map_or(kind, |k| k.spec().singular);
        // The whole text as a title; else "Title (Organisation)".
        let mut found = self.titled(kind, text).await?;
        if found.is_empty() {
            if let Some(inner) = text.strip_suffix(')') {
                let names = self.app.store().organisations().await.map_err(|e| e.to_string())?;
                // Title and organisation may both hold parentheses ("Werkpact (voorbeeld)
                // (Werkcentrum (voorbeeld))"): try each split whose second part names an
                // organisation.
                for (at, _) in inner.match_indices(" (") {
                    let (title, org) = (&inner[..at], &inner[at + 2..]);
                    let wanted = fold_for_search(org);
                    let owners: Vec<&str> = names
                        .iter()
                        .filter(|o| fold_for_search(&o.name) == wanted || o.id == org)
                        .map(|o| o.id.as_str())
                        .collect();
                    if owners.is_empty() {
                        continue;
                    }
                    found = self
                        .titled(kind, title)
                        .await?
                        .into_iter()
                        .filter(|i| owners.contains(&i.owner.as_str()))
                        .collect();
                    if !found.is_empty() {
                        break;
                    }
                }
            }
        }
        match found.as_slice() {
            [one] => Ok(one.id.clone()),
            [] => Err(format!("Er is geen {what} '{text}' die u mag zien.")),
            many => Err(format!(
                "Er zijn meer records met de naam '{text}'; kies er een uit de lijst: {}.",
                many.iter()
                    .map(|i| format!("{} [{}]", i.title, i.id))
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        }
    }

    /// The records of `kind` with this title that the caller may see (at most a few).
    async fn titled(&self, kind: &'static str, title: &str) -> Result<Vec<samenhang_store::items::StoredItem>, String> {
        let query = ItemQuery {
            title: Some(title.to_string()),
            paging: samenhang_store::Paging { page: 1, page_size: 5 },
            ..ItemQuery::all(kind)
        };
        Ok(self
            .app
            .store()
            .list_items(&query, self.caller)
            .await
            .map_err(|e| e.to_string())?
            .items)
    }

    /// The JSON value of a field from the text(s) a form or a CSV cell gave; a list field takes
    /// several texts. `Ok(None)` when nothing was given.
    pub async fn value(&mut self, field: &Field, texts: &[String]) -> Result<Option<Value>, String> {
        let texts: Vec<&str> = texts.iter().map(|t| t.trim()).filter(|t| !t.is_empty()).collect();
        if let Some(t) = texts.iter().find(|t| t.contains('\0')) {
            let _ = t;
            return Err("De tekst bevat een NUL-teken; dat kan niet.".into());
        }
        if texts.is_empty() {
            return Ok(None);
        }
        let one = texts[0];
        let value = match field.ty {
            FieldType::Text { .. } | FieldType::Link | FieldType::Email | FieldType::Phone => Value::String(one.into()),
            // A KvK number as people write it ("1234 5678") is the number.
            FieldType::Code { .. } => Value::String(one.chars().filter(|c| !matches!(c, ' ' | '.')).collect()),
            FieldType::Date => match date(one) {
                Some(d) => Value::String(d.to_string()),
                None => {
                    return Err(format!(
                        "'{one}' is geen datum; schrijf dd-mm-jjjj, bijvoorbeeld 01-03-2026."
                    ))
                }
            },
            FieldType::Time => match samenhang_domain::verslagen::time_of_day(one) {
                Some(t) => Value::String(t),
                None => return Err(format!("'{one}' is geen tijd; schrijf uu:mm, bijvoorbeeld 14:00.")),
            },
            FieldType::Choice(choices) => {
                let wanted = fold_for_search(one);
                match choices.iter().find(|c| {
                    c.value == one || fold_for_search(c.label) == wanted || fold_for_search(c.value) == wanted
                }) {
                    Some(c) => Value::String(c.value.into()),
                    None => {
                        return Err(format!(
                            "Kies uit {}.",
                            choices.iter().map(|c| c.value).collect::<Vec<_>>().join(", ")
                        ))
                    }
                }
            }
            FieldType::Number { .. } => match dutch_number(one) {
                Some(v) => serde_json::Number::from_f64(v).map_or(Value::Null, Value::Number),
                None => return Err(format!("'{one}' is geen getal; schrijf bijvoorbeeld 1250 of 48,8.")),
            },
            FieldType::Year => match one.parse::<i64>() {
                Ok(y) => Value::from(y),
                Err(_) => return Err(format!("'{one}' is geen jaartal.")),
            },
            FieldType::Concept => Value::String(self.concept(one)?),
            FieldType::Concepts => {
                let mut out = Vec::new();
                for t in split_all(&texts) {
                    out.push(Value::String(self.concept(&t)?));
                }
                Value::Array(out)
            }
            FieldType::Region(set) => Value::String(self.region(one, set)?),
            FieldType::Organisation => Value::String(self.organisation(one).await?),
            FieldType::Record(kind) => Value::String(self.record(kind, one).await?),
            FieldType::Records(kind) => {
                let mut out = Vec::new();
                for t in split_all(&texts) {
                    out.push(Value::String(self.record(kind, &t).await?));
                }
                Value::Array(out)
            }
            FieldType::Indicator => Value::String(self.indicator(one)?),
            FieldType::Objects(_) | FieldType::Object(_) => return Ok(None),
        };
        Ok(Some(value))
    }
}

/// Texts of a list field: each form value, and each part of a CSV cell split at `|`.
fn split_all(texts: &[&str]) -> Vec<String> {
    texts
        .iter()
        .flat_map(|t| t.split('|'))
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect()
}

/// Names for showing stored values: organisations, and record titles by kind and id.
#[derive(Debug, Default, Clone)]
pub struct Names {
    /// Organisation id → name.
    pub organisations: HashMap<String, String>,
    /// (kind, id) → title and owner, for the records the caller may see.
    pub records: HashMap<(String, String), samenhang_store::items::Titled>,
}

/// The text a form or a CSV cell shows for a stored value, in a form [`Resolver::value`] reads
/// back to the same value.
pub fn display(app: &App, names: &Names, ty: FieldType, v: &Value) -> Vec<String> {
    let text = |v: &Value| v.as_str().map(str::to_string);
    match (ty, v) {
        (_, Value::Null) => Vec::new(),
        (FieldType::Number { .. }, Value::Number(n)) => n.as_f64().map(dutch_decimal).into_iter().collect(),
        (FieldType::Year, Value::Number(n)) => vec![n.to_string()],
        (FieldType::Concept, Value::String(id)) => vec![app.vocab().label(id)],
        (FieldType::Concepts, Value::Array(items)) => {
            items.iter().filter_map(text).map(|id| app.vocab().label(&id)).collect()
        }
        (FieldType::Region(_), Value::String(code)) => {
            vec![RegionCode::parse(code).map_or_else(|_| code.clone(), |c| region_text(app, c))]
        }
        (FieldType::Organisation, Value::String(id)) => {
            vec![names.organisations.get(id).cloned().unwrap_or_else(|| id.clone())]
        }
        (FieldType::Record(kind) | FieldType::Records(kind), v) => {
            let ids: Vec<String> = match v {
                Value::Array(items) => items.iter().filter_map(text).collect(),
                other => text(other).into_iter().collect(),
            };
            ids.into_iter()
                .filter_map(|id| {
                    names
                        .records
                        .get(&(kind.to_string(), id.clone()))
                        .map(|t| record_text(&t.title, names.organisations.get(&t.owner).unwrap_or(&t.owner)))
                })
                .collect()
        }
        (FieldType::Indicator, Value::String(id)) => vec![app
            .snapshot()
            .registry
            .indicator(id)
            .map_or_else(|| id.clone(), |i| i.name.clone())],
        (_, Value::String(s)) => vec![s.clone()],
        (_, other) => vec![other.to_string()],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use samenhang_domain::coherence::AGREEMENT_SPEC;
    use samenhang_domain::registers::GOAL_SPEC;

    #[test]
    fn dutch_numbers() {
        for (raw, want) in [
            ("165.000", 165000.0),
            ("165000", 165000.0),
            ("48,8", 48.8),
            ("1.234,5", 1234.5),
            ("-2,5", -2.5),
            ("0.5", 0.5),
            ("12 500", 12500.0),
        ] {
            assert_eq!(dutch_number(raw), Some(want), "{raw}");
        }
        assert_eq!(dutch_number("twee"), None);
        assert_eq!(dutch_number(" "), None);
        assert_eq!(dutch_number("1.2.3,4"), None);
        assert_eq!(dutch_decimal(48.8), "48,8");
    }

    #[test]
    fn dates_in_dutch_and_iso() {
        assert_eq!(date("01-03-2026").map(|d| d.to_string()).as_deref(), Some("2026-03-01"));
        assert_eq!(date("1-3-2026").map(|d| d.to_string()).as_deref(), Some("2026-03-01"));
        assert_eq!(date("2026-03-01").map(|d| d.to_string()).as_deref(), Some("2026-03-01"));
        assert_eq!(date("31-02-2026"), None);
        assert_eq!(date("morgen"), None);
    }

    #[test]
    fn json_input_accepts_nulls_and_references_as_objects_and_names_every_fault() {
        let ok = from_json(
            &GOAL_SPEC,
            br#"{"titel":"T","eigenaar":null,"gebied":{"code":"GM0153","naam":"Enschede"},"themas":[{"id":"krapte"}],"versie":3,"_links":{}}"#,
        )
        .unwrap();
        assert_eq!(ok.fields["gebied"], "GM0153");
        assert_eq!(ok.fields["themas"][0], "krapte");
        assert!(!ok.fields.contains_key("eigenaar"));
        let Err(AppError::Invalid(faults)) = from_json(
            &AGREEMENT_SPEC,
            br#"{"titel":7,"partijen":[{"organisatie":"a","wie":1},"x"],"kleur":"rood","zichtbaarheid":"geheim","omschrijving":"a\u0000b"}"#,
        ) else {
            panic!("faults expected")
        };
        let mut fields: Vec<&str> = faults.iter().map(|f| f.field.as_str()).collect();
        fields.sort();
        assert_eq!(
            fields,
            [
                "kleur",
                "omschrijving",
                "partijen[0].wie",
                "partijen[1]",
                "titel",
                "zichtbaarheid"
            ]
        );
    }
}
