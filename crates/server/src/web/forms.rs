// SPDX-License-Identifier: EUPL-1.2
//! The form of a register kind, derived from its description: one control per field, pickers by
//! name (never by internal id or code), every fault at its field and in a summary at the top,
//! what the user typed kept. It works without JavaScript: a list grows by one empty entry with
//! the button "Nog een …", which re-shows the form without saving.
//!
//! - Concepts, regions and records are typed with suggestions (`<datalist>`): "Enschede"
//!   becomes GM0153, a concept's label its id; the application resolves the names
//!   (`samenhang_app::input::Resolver`) and names what it cannot resolve.
//! - Organisations and indicators are chosen from a list; the indicator list holds only the
//!   indicators with figures for the chosen area once one is given.
//! - Numbers are typed as Dutch users write them (`1.250,5`), dates with the browser's date field
//!   (dd-mm-jjjj is read too).

use samenhang_domain::spec::capital;
use std::collections::{BTreeMap, HashMap};

use maud::{html, Markup};
use samenhang_app::input::{display, record_text, region_text, Input, Resolver};
use samenhang_app::{App, AppError, Principal};
use samenhang_domain::access::Visibility;
use samenhang_domain::codes::RegionCode;
use samenhang_domain::registers::Fault;
use samenhang_domain::spec::{Field, FieldType, KindSpec};
use serde_json::{Map, Value};

/// A submitted form, pairs in order (repeated names kept).
#[derive(Debug, Clone, Default)]
pub struct FormData(pub Vec<(String, String)>);

impl FormData {
    /// Reads an urlencoded body.
    pub fn parse(body: &[u8]) -> FormData {
        FormData(serde_urlencoded::from_bytes(body).unwrap_or_default())
    }

    /// The first value of `name` (empty when absent).
    pub fn get(&self, name: &str) -> &str {
        self.0.iter().find(|(k, _)| k == name).map_or("", |(_, v)| v.as_str())
    }

    /// The pairs whose name starts with `prefix`, with the prefix taken off: the fields of one
    /// record in a form that holds several.
    pub fn under(&self, prefix: &str) -> FormData {
        FormData(
            self.0
                .iter()
                .filter_map(|(k, v)| k.strip_prefix(prefix).map(|k| (k.to_string(), v.clone())))
                .collect(),
        )
    }

    /// Every value of `name`.
    pub fn all(&self, name: &str) -> Vec<String> {
        self.0
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .collect()
    }
}

/// What a form shows: the texts of every field, and the owner and visibility.
#[derive(Debug, Clone, Default)]
pub struct Values {
    /// Owning organisation (id).
    pub organisation: String,
    /// Visibility (Dutch).
    pub visibility: String,
    /// Texts per field (several for a list field).
    pub fields: HashMap<String, Vec<String>>,
    /// Entries per list of small records: each entry's texts by field.
    pub entries: HashMap<String, Vec<HashMap<String, String>>>,
}

/// The name of a part of a list entry in the form: `partijen[1].organisatie`.
pub fn entry_name(field: &str, i: usize, sub: &str) -> String {
    format!("{field}[{i}].{sub}")
}

/// An element id for a field name (no brackets or dots).
pub fn dom_id(name: &str) -> String {
    name.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect::<String>()
        .trim_matches('-')
        .to_string()
}

impl Values {
    /// The values of a submitted form.
    pub fn from_form(spec: &KindSpec, form: &FormData) -> Values {
        let mut v = Values {
            organisation: form.get("organisatie").to_string(),
            visibility: form.get("zichtbaarheid").to_string(),
            ..Values::default()
        };
        for f in spec.fields {
            match f.ty {
                FieldType::Objects(list) => {
                    let mut entries: BTreeMap<usize, HashMap<String, String>> = BTreeMap::new();
                    let prefix = format!("{}[", f.name);
                    for (k, text) in &form.0 {
                        let Some(rest) = k.strip_prefix(&prefix) else { continue };
                        let Some((i, sub)) = rest.split_once("].") else {
                            continue;
                        };
                        let Ok(i) = i.parse::<usize>() else { continue };
                        if i < 200 && list.fields.iter().any(|s| s.name == sub) {
                            entries.entry(i).or_default().insert(sub.to_string(), text.clone());
                        }
                    }
                    // Entries left wholly empty are no entries.
                    let kept = entries
                        .into_values()
                        .filter(|e| e.values().any(|t| !t.trim().is_empty()))
                        .collect();
                    v.entries.insert(f.name.into(), kept);
                }
                _ => {
                    let texts: Vec<String> = form.all(f.name).into_iter().filter(|t| !t.trim().is_empty()).collect();
                    v.fields.insert(f.name.into(), texts);
                }
            }
        }
        v
    }

    /// The values of a stored record, as the form shows them.
    pub fn from_record(
        app: &App,
        names: &samenhang_app::input::Names,
        spec: &KindSpec,
        owner: &str,
        visibility: Visibility,
        record: &Value,
    ) -> Values {
        let mut v = Values {
            organisation: owner.to_string(),
            visibility: visibility.as_str().into(),
            ..Values::default()
        };
        for f in spec.fields {
            let value = record.get(f.name).unwrap_or(&Value::Null);
            match f.ty {
                FieldType::Objects(list) => {
                    let entries = value
                        .as_array()
                        .into_iter()
                        .flatten()
                        .map(|e| {
                            list.fields
                                .iter()
                                .map(|s| {
                                    (
                                        s.name.to_string(),
                                        display(app, names, s.ty, e.get(s.name).unwrap_or(&Value::Null)).join("|"),
                                    )
                                })
                                .collect()
                        })
                        .collect();
                    v.entries.insert(f.name.into(), entries);
                }
                ty => {
                    v.fields.insert(f.name.into(), display(app, names, ty, value));
                }
            }
        }
        v
    }

    fn first(&self, field: &str) -> &str {
        self.fields
            .get(field)
            .and_then(|t| t.first())
            .map_or("", String::as_str)
    }
}

/// Turns a form's values into an input: names resolved; a value that cannot be read is left out
/// and its fault kept in [`Input::faults`], so the check adds the rest in the same answer.
pub async fn to_input(app: &App, caller: &Principal, spec: &KindSpec, values: &Values) -> Result<Input, AppError> {
    let mut resolver = Resolver::new(app, caller);
    let mut faults = Vec::new();
    let mut input = Input::default();
    if !values.organisation.trim().is_empty() {
        input.organisation = Some(values.organisation.trim().to_string());
    }
    if !values.visibility.trim().is_empty() {
        match Visibility::parse(&values.visibility) {
            Some(v) => input.visibility = Some(v),
            None => faults.push(fault("zichtbaarheid", "Kies openbaar, regio of organisatie.")),
        }
    }
    for f in spec.fields {
        match f.ty {
            FieldType::Objects(list) => {
                let mut out = Vec::new();
                for (i, entry) in values.entries.get(f.name).into_iter().flatten().enumerate() {
                    let mut obj = Map::new();
                    for sub in list.fields {
                        let text = entry.get(sub.name).cloned().unwrap_or_default();
                        match resolver.value(sub, &[text]).await {
                            Ok(Some(v)) => {
                                obj.insert(sub.name.into(), v);
                            }
                            Ok(None) => {}
                            Err(reason) => faults.push(fault(&entry_name(f.name, i, sub.name), &reason)),
                        }
                    }
                    out.push(Value::Object(obj));
                }
                input.fields.insert(f.name.into(), Value::Array(out));
            }
            _ => {
                let texts = values.fields.get(f.name).cloned().unwrap_or_default();
                match resolver.value(f, &texts).await {
                    Ok(Some(v)) => {
                        input.fields.insert(f.name.into(), v);
                    }
                    Ok(None) => {}
                    Err(reason) => faults.push(fault(f.name, &reason)),
                }
            }
        }
    }
    input.faults = faults;
    Ok(input)
}

fn fault(field: &str, reason: &str) -> Fault {
    Fault {
        field: field.into(),
        code: "format",
        reason: reason.into(),
    }
}

/// At most this many records are suggested for a reference field.
const SUGGESTIONS: u32 = 500;

/// The choices a form offers: organisations, and suggestions for concepts, regions, records
/// and indicators.
#[derive(Debug, Default)]
pub struct Options {
    /// Organisations the caller may make owner: (id, name).
    pub writable: Vec<(String, String)>,
    /// Every organisation: (id, name), by name.
    pub organisations: Vec<(String, String)>,
    /// Concept labels.
    pub concepts: Vec<String>,
    /// Per ancestor concept: the labels of the concepts under it (a field that takes only those).
    pub concepts_under: BTreeMap<&'static str, Vec<String>>,
    /// Region texts ("Enschede (GM0153)").
    pub regions: Vec<String>,
    /// Per record kind: "Title [id]" of the records the caller may see.
    pub records: BTreeMap<&'static str, Vec<String>>,
    /// Indicators: (id, name, whether it has figures for the chosen area).
    pub indicators: Vec<(String, String, bool)>,
}

impl Options {
    /// What a form of `spec` needs, for `caller`, with the area typed in `values` (if any) to
    /// narrow the indicators.
    pub async fn load(app: &App, caller: &Principal, spec: &KindSpec, values: &Values) -> Result<Options, AppError> {
        let orgs = app.store().organisations().await?;
        let name_of = |id: &str| {
            orgs.iter()
                .find(|o| o.id == id)
                .map_or_else(|| id.to_string(), |o| o.name.clone())
        };
        let mut options = Options {
            writable: caller
                .writable_organisations()
                .into_iter()
                .map(|id| (id.clone(), name_of(&id)))
                .collect(),
            organisations: orgs.iter().map(|o| (o.id.clone(), o.name.clone())).collect(),
            ..Options::default()
        };
        let all_fields: Vec<&Field> = spec
            .fields
            .iter()
            .flat_map(|f| match f.ty {
                FieldType::Objects(list) => list.fields.iter().collect::<Vec<_>>(),
                _ => vec![f],
            })
            .collect();
        let snap = app.snapshot();
        for f in &all_fields {
            match f.ty {
                FieldType::Concept | FieldType::Concepts if f.within.is_some() => {
                    let a = f.within.unwrap_or_default();
                    let labels = app.vocab().under(a).into_iter().map(|c| c.pref_label.clone()).collect();
                    options.concepts_under.insert(a, labels);
                }
                FieldType::Concept | FieldType::Concepts if options.concepts.is_empty() => {
                    let mut labels: Vec<String> = app.vocab().concepts().map(|c| c.pref_label.clone()).collect();
                    labels.sort();
                    labels.dedup();
                    options.concepts = labels;
                }
                FieldType::Region(set) if options.regions.is_empty() => {
                    let year = samenhang_app::latest_year(&snap);
                    let mut codes: Vec<RegionCode> = vec![RegionCode::Nederland];
                    let members = snap.memberships(year);
                    let mut seen = std::collections::BTreeSet::new();
                    for m in members {
                        for c in [
                            Some(RegionCode::from(m.province)),
                            m.labour_market_region.map(RegionCode::from),
                            Some(RegionCode::from(m.corop)),
                        ]
                        .into_iter()
                        .flatten()
                        {
                            if seen.insert(c) {
                                codes.push(c);
                            }
                        }
                    }
                    let mut texts: Vec<String> = codes.into_iter().map(|c| region_text(app, c)).collect();
                    let mut gemeenten: Vec<String> = members
                        .iter()
                        .map(|m| region_text(app, m.municipality.into()))
                        .collect();
                    texts.sort();
                    gemeenten.sort();
                    if set != samenhang_domain::spec::RegionSet::Municipality {
                        gemeenten.extend(texts);
                    }
                    options.regions = gemeenten;
                }
                FieldType::Record(kind) | FieldType::Records(kind) if !options.records.contains_key(kind) => {
                    // Suggestions only: a name typed that is not among them is still looked up.
                    let query = samenhang_store::items::ItemQuery {
                        paging: samenhang_store::Paging {
                            page: 1,
                            page_size: SUGGESTIONS,
                        },
                        ..samenhang_store::items::ItemQuery::all(kind)
                    };
                    let items = app.store().list_items(&query, caller).await?.items;
                    options.records.insert(
                        kind,
                        items
                            .iter()
                            .map(|i| record_text(&i.title, &name_of(&i.owner)))
                            .collect(),
                    );
                }
                FieldType::Indicator if options.indicators.is_empty() => {
                    let area = spec
                        .fields
                        .iter()
                        .find(|f| matches!(f.ty, FieldType::Region(_)))
                        .and_then(|f| {
                            Resolver::new(app, caller)
                                .region(values.first(f.name), samenhang_domain::spec::RegionSet::Any)
                                .ok()
                        })
                        .and_then(|c| RegionCode::parse(&c).ok());
                    // Goals refer to the registry's indicators, not to own ones.
                    let mut list: Vec<(String, String, bool)> = snap
                        .all_series()
                        .filter(|s| s.indicator.owner.is_none())
                        .map(|s| {
                            let has = area.is_none_or(|a| s.years().iter().any(|&y| snap.value(s, a, y).is_some()));
                            (s.indicator.id.clone(), s.indicator.name.clone(), has)
                        })
                        .collect();
                    list.sort_by(|a, b| a.1.cmp(&b.1));
                    options.indicators = list;
                }
                _ => {}
            }
        }
        Ok(options)
    }
}

/// How a form is rendered.
pub struct Form<'a> {
    /// The kind.
    pub spec: &'static KindSpec,
    /// What the fields hold.
    pub values: &'a Values,
    /// The faults, by field name.
    pub faults: &'a [Fault],
    /// The choices.
    pub options: &'a Options,
    /// The session's CSRF token.
    pub csrf: &'a str,
    /// Where it posts to.
    pub action: String,
    /// The version an edit is based on.
    pub version: Option<i64>,
    /// The button text.
    pub submit: &'a str,
}

fn fault_of<'f>(faults: &'f [Fault], name: &str) -> Option<&'f Fault> {
    faults.iter().find(|f| f.field == name)
}

/// The faults of a form in a summary, each linked to its field.
pub fn summary(spec: &KindSpec, faults: &[Fault]) -> Markup {
    let label = |name: &str| -> String {
        let top = name.split(['[', '.']).next().unwrap_or(name);
        match top {
            "organisatie" => "Organisatie".into(),
            "zichtbaarheid" => "Zichtbaarheid".into(),
            _ => spec.field(top).map_or_else(
                || name.to_string(),
                |f| match (f.ty, name.split_once('[')) {
                    (FieldType::Objects(list), Some((_, rest))) => {
                        let n = rest
                            .split(']')
                            .next()
                            .and_then(|i| i.parse::<usize>().ok())
                            .unwrap_or(0)
                            + 1;
                        let sub = rest
                            .split("].")
                            .nth(1)
                            .and_then(|s| list.fields.iter().find(|x| x.name == s))
                            .map_or("", |x| x.label);
                        format!("{} {n}: {}", capital(list.entry), sub.to_lowercase())
                    }
                    _ => f.label.to_string(),
                },
            ),
        }
    };
    // In the order of the form, top to bottom.
    let mut faults: Vec<&Fault> = faults.iter().collect();
    faults.sort_by_key(|f| position(spec, &f.field));
    html! {
        @if !faults.is_empty() {
            div.error role="alert" id="fouten" tabindex="-1" {
                p { @if faults.len() == 1 { "Er is 1 fout; er is nog niets opgeslagen:" } @else { "Er zijn " (faults.len()) " fouten; er is nog niets opgeslagen:" } }
                ul { @for f in faults { li { a href=(format!("#{}", dom_id(&anchor(spec, &f.field)))) { (label(&f.field)) } ": " (f.reason) } } }
            }
        }
    }
}

/// Where a field ("titel", "partijen[1].brengt") stands in the form: field, entry, part; the
/// owner and the visibility come last.
fn position(spec: &KindSpec, name: &str) -> (usize, usize, usize) {
    let top = name.split(['[', '.']).next().unwrap_or(name);
    let field = match top {
        "organisatie" => spec.fields.len(),
        "zichtbaarheid" => spec.fields.len() + 1,
        _ => spec
            .fields
            .iter()
            .position(|f| f.name == top)
            .unwrap_or(spec.fields.len() + 2),
    };
    let entry = name
        .split_once('[')
        .and_then(|(_, rest)| rest.split(']').next())
        .and_then(|i| i.parse().ok())
        .unwrap_or(0);
    let part = match (spec.field(top).map(|f| f.ty), name.split_once("].")) {
        (Some(FieldType::Objects(list)), Some((_, sub))) => list.fields.iter().position(|f| f.name == sub).unwrap_or(0),
        _ => 0,
    };
    (field, entry, part)
}

/// The element a fault points at: the field itself, or for a list field its first control.
fn anchor(spec: &KindSpec, field: &str) -> String {
    match spec.field(field).map(|f| f.ty) {
        Some(FieldType::Concepts | FieldType::Records(_)) => format!("{field}-0"),
        _ => field.to_string(),
    }
}

/// The whole form.
pub fn render(form: &Form<'_>) -> Markup {
    let Form {
        spec,
        values,
        faults,
        options,
        csrf,
        ..
    } = form;
    html! {
        (summary(spec, faults))
        form.record method="post" action=(form.action) novalidate {
            input type="hidden" name="csrf" value=(csrf);
            @if let Some(v) = form.version { input type="hidden" name="versie" value=(v); }
            @for f in spec.fields { (control(f, values, faults, options)) }
            fieldset.field {
                legend { "Wie het beheert en wie het mag zien" }
                (owner(values, faults, options))
                (visibility(values, faults))
            }
            div.buttons {
                button type="submit" name="actie" value="opslaan" { (form.submit) }
            }
        }
        (datalists(options))
    }
}

/// The suggestions of a concept field: every concept, or those under the field's ancestor.
fn concept_list(f: &Field) -> String {
    match f.within {
        Some(a) => format!("lijst-begrippen-{a}"),
        None => "lijst-begrippen".into(),
    }
}

/// The suggestion lists (`<datalist>`) the controls of a form refer to.
pub fn datalists_of(options: &Options) -> Markup {
    datalists(options)
}

fn datalists(options: &Options) -> Markup {
    html! {
        @if !options.concepts.is_empty() {
            datalist id="lijst-begrippen" { @for c in &options.concepts { option value=(c) {} } }
        }
        @for (ancestor, labels) in &options.concepts_under {
            datalist id=(format!("lijst-begrippen-{ancestor}")) { @for c in labels { option value=(c) {} } }
        }
        @if !options.regions.is_empty() {
            datalist id="lijst-gebieden" { @for r in &options.regions { option value=(r) {} } }
        }
        @for (kind, items) in &options.records {
            datalist id=(format!("lijst-{kind}")) { @for r in items { option value=(r) {} } }
        }
    }
}

fn owner(values: &Values, faults: &[Fault], options: &Options) -> Markup {
    let fault = fault_of(faults, "organisatie");
    html! {
        div.field {
            label for="organisatie" { "Organisatie (eigenaar)" }
            @if let Some(f) = fault { p.field-error id="organisatie-fout" { (f.reason) } }
            select id="organisatie" name="organisatie" aria-invalid=[fault.map(|_| "true")] aria-describedby=[fault.map(|_| "organisatie-fout")] {
                @for (id, name) in &options.writable {
                    option value=(id) selected[values.organisation == *id] { (name) }
                }
            }
        }
    }
}

fn visibility(values: &Values, faults: &[Fault]) -> Markup {
    let fault = fault_of(faults, "zichtbaarheid");
    let chosen = if values.visibility.is_empty() {
        "organisatie"
    } else {
        values.visibility.as_str()
    };
    let label = |v: Visibility| match v {
        Visibility::Public => "Openbaar: iedereen, ook zonder in te loggen",
        Visibility::Region => "Regio: de organisaties in de arbeidsmarktregio",
        Visibility::Organisation => "Organisatie: alleen uw eigen organisatie",
    };
    html! {
        div.field {
            label for="zichtbaarheid" { "Zichtbaarheid" }
            @if let Some(f) = fault { p.field-error id="zichtbaarheid-fout" { (f.reason) } }
            select id="zichtbaarheid" name="zichtbaarheid" aria-invalid=[fault.map(|_| "true")] aria-describedby=[fault.map(|_| "zichtbaarheid-fout")] {
                @for v in Visibility::ALL { option value=(v.as_str()) selected[chosen == v.as_str()] { (label(v)) } }
            }
        }
    }
}

/// One field: its label, hint, fault and control.
fn control(f: &Field, values: &Values, faults: &[Fault], options: &Options) -> Markup {
    control_under(f, "", values, faults, options)
}

/// One field of a record whose fields are named under `prefix` in a form that holds several
/// records (`actiepunten[2].wat`); `values` are the record's own, faults are by full name.
pub fn control_under(f: &Field, prefix: &str, values: &Values, faults: &[Fault], options: &Options) -> Markup {
    let full = format!("{prefix}{}", f.name);
    let name = full.as_str();
    let id = dom_id(name);
    let fault = fault_of(faults, name);
    let hint_id = format!("{id}-uitleg");
    let fault_id = format!("{id}-fout");
    let described = if fault.is_some() {
        format!("{hint_id} {fault_id}")
    } else {
        hint_id.clone()
    };
    let invalid = fault.map(|_| "true");
    let texts = values.fields.get(f.name).cloned().unwrap_or_default();
    let first = texts.first().cloned().unwrap_or_default();
    let label = html! { (f.label) @if !f.required { span.optional { " (niet verplicht)" } } };
    let head = |for_id: &str| {
        html! {
            label for=(for_id) { (label) }
            p.hint id=(hint_id) { (f.help) (unit_hint(f)) }
            @if let Some(fl) = fault { p.field-error id=(fault_id) { (fl.reason) } }
        }
    };
    match f.ty {
        FieldType::Objects(list) => {
            let entries = values.entries.get(f.name).cloned().unwrap_or_default();
            let shown = entries.len().max(if f.required { 2 } else { 1 });
            html! {
                fieldset.field.entries id=(id) {
                    legend { (label) }
                    p.hint { (f.help) }
                    @if let Some(fl) = fault { p.field-error { (fl.reason) } }
                    @for i in 0..(shown + 1) {
                        @let entry = entries.get(i).cloned().unwrap_or_default();
                        div.entry {
                            p.entry-title { (capital(list.entry)) " " (i + 1) @if i >= entries.len() { " (leeg laten als die er niet is)" } }
                            @for sub in list.fields {
                                @let sub_name = entry_name(name, i, sub.name);
                                @let sub_id = dom_id(&sub_name);
                                @let sub_fault = fault_of(faults, &sub_name);
                                @let text = entry.get(sub.name).cloned().unwrap_or_default();
                                div.field {
                                    label for=(sub_id) { (sub.label) }
                                    @if let Some(fl) = sub_fault { p.field-error id=(format!("{sub_id}-fout")) { (fl.reason) } }
                                    (input(sub, &sub_name, &sub_id, &text, sub_fault.map(|_| "true"), sub_fault.map(|_| format!("{sub_id}-fout")), options))
                                }
                            }
                        }
                    }
                    button.secondary type="submit" name="actie" value="meer" { "Nog een " (list.entry) " toevoegen" }
                }
            }
        }
        FieldType::Concepts | FieldType::Records(_) => {
            let slots = texts.len() + 2;
            html! {
                fieldset.field id=(id) aria-describedby=(described) {
                    legend { (label) }
                    p.hint id=(hint_id) { (f.help) " Typ een naam; u krijgt suggesties. Laat vakken leeg die u niet nodig hebt." }
                    @if let Some(fl) = fault { p.field-error id=(fault_id) { (fl.reason) } }
                    @for i in 0..slots {
                        @let slot_id = format!("{id}-{i}");
                        @let text = texts.get(i).cloned().unwrap_or_default();
                        div.slot {
                            label.visually-hidden for=(slot_id) { (f.label) " " (i + 1) }
                            (input(f, name, &slot_id, &text, invalid, None, options))
                        }
                    }
                    button.secondary type="submit" name="actie" value="meer" { "Meer vakken" }
                }
            }
        }
        FieldType::Object(_) => html! {},
        FieldType::Indicator => html! {
            div.field {
                (head(&id))
                (input(f, name, &id, &first, invalid, Some(described.clone()), options))
                button.secondary type="submit" name="actie" value="verversen" {
                    "Toon alleen indicatoren met cijfers voor het gekozen gebied"
                }
            }
        },
        _ => html! {
            div.field {
                (head(&id))
                (input(f, name, &id, &first, invalid, Some(described.clone()), options))
            }
        },
    }
}

fn unit_hint(f: &Field) -> Markup {
    match f.ty {
        FieldType::Number { unit, .. } if !unit.is_empty() && !f.help.contains(unit) => html! { " In " (unit) "." },
        FieldType::Date => html! { " Bijvoorbeeld 01-03-2026." },
        FieldType::Time => html! { " Bijvoorbeeld 14:00." },
        FieldType::Region(_) => html! { " Typ de naam van de gemeente of regio, bijvoorbeeld Enschede." },
        FieldType::Concept => html! { " Typ een begrip; u krijgt suggesties." },
        FieldType::Record(_) => html! { " Typ een naam; u krijgt suggesties." },
        _ => html! {},
    }
}

/// The control of one value named `name` (a page that lays out its fields itself).
pub fn input_of(f: &Field, name: &str, text: &str, fault: Option<&Fault>, options: &Options) -> Markup {
    let id = dom_id(name);
    let described = fault.map(|_| format!("{id}-fout"));
    html! {
        @if let Some(fl) = fault { p.field-error id=(format!("{id}-fout")) { (fl.reason) } }
        (input(f, name, &id, text, fault.map(|_| "true"), described, options))
    }
}

/// The control of one of several values with the same name (a list of concepts), with its own
/// element id.
pub fn input_with_id(f: &Field, name: &str, id: &str, text: &str, options: &Options) -> Markup {
    input(f, name, &dom_id(id), text, None, None, options)
}

/// The control of one value.
fn input(
    f: &Field,
    name: &str,
    id: &str,
    text: &str,
    invalid: Option<&str>,
    described: Option<String>,
    options: &Options,
) -> Markup {
    match f.ty {
        FieldType::Text { max, lines } if lines > 1 => html! {
            textarea id=(id) name=(name) rows=(lines) maxlength=(max) aria-invalid=[invalid] aria-describedby=[described] { (text) }
        },
        FieldType::Text { max, .. } => html! {
            input type="text" id=(id) name=(name) value=(text) maxlength=(max) aria-invalid=[invalid] aria-describedby=[described];
        },
        FieldType::Code { max, pattern } => {
            let numeric = pattern.starts_with("^[0-9]");
            let pattern = pattern.trim_start_matches('^').trim_end_matches('$');
            html! { input.code type="text" inputmode=[numeric.then_some("numeric")] pattern=(pattern) id=(id) name=(name) value=(text) maxlength=(2 * max) autocomplete="off" aria-invalid=[invalid] aria-describedby=[described]; }
        }
        FieldType::Link => {
            html! { input type="url" id=(id) name=(name) value=(text) aria-invalid=[invalid] aria-describedby=[described]; }
        }
        FieldType::Email => {
            html! { input type="email" id=(id) name=(name) value=(text) autocomplete="off" aria-invalid=[invalid] aria-describedby=[described]; }
        }
        FieldType::Phone => {
            html! { input type="tel" id=(id) name=(name) value=(text) aria-invalid=[invalid] aria-describedby=[described]; }
        }
        // Shown without decimals (a count, euros, a round percentage): marked `whole`.
        FieldType::Number { decimals: 0, .. } => html! {
            input.number.whole type="text" inputmode="decimal" id=(id) name=(name) value=(text) aria-invalid=[invalid] aria-describedby=[described];
        },
        FieldType::Number { .. } => html! {
            input.number type="text" inputmode="decimal" id=(id) name=(name) value=(text) aria-invalid=[invalid] aria-describedby=[described];
        },
        FieldType::Year => html! {
            input.year type="text" inputmode="numeric" id=(id) name=(name) value=(text) maxlength="4" aria-invalid=[invalid] aria-describedby=[described];
        },
        FieldType::Date => {
            // The browser's date field sends ISO dates; show a stored one the same way.
            // A text that is no date (typed in a browser without a date picker) stays as typed in
            // a text field, since a date field would drop it.
            match samenhang_app::input::date(text) {
                Some(d) => {
                    html! { input type="date" id=(id) name=(name) value=(d.to_string()) aria-invalid=[invalid] aria-describedby=[described]; }
                }
                None if text.trim().is_empty() => {
                    html! { input type="date" id=(id) name=(name) value="" aria-invalid=[invalid] aria-describedby=[described]; }
                }
                None => {
                    html! { input.date type="text" id=(id) name=(name) value=(text) placeholder="dd-mm-jjjj" aria-invalid=[invalid] aria-describedby=[described]; }
                }
            }
        }
        // As with dates: a text that is no time stays as typed, in a text field.
        FieldType::Time => match samenhang_domain::verslagen::time_of_day(text) {
            Some(t) => {
                html! { input type="time" id=(id) name=(name) value=(t) aria-invalid=[invalid] aria-describedby=[described]; }
            }
            None if text.trim().is_empty() => {
                html! { input type="time" id=(id) name=(name) value="" aria-invalid=[invalid] aria-describedby=[described]; }
            }
            None => {
                html! { input.time type="text" id=(id) name=(name) value=(text) placeholder="uu:mm" aria-invalid=[invalid] aria-describedby=[described]; }
            }
        },
        FieldType::Choice(choices) => html! {
            select id=(id) name=(name) aria-invalid=[invalid] aria-describedby=[described] {
                option value="" { "– kies –" }
                @for c in choices { option value=(c.value) selected[text == c.value || text == c.label] { (c.label) } }
            }
        },
        FieldType::Concept | FieldType::Concepts => html! {
            input type="text" list=(concept_list(f)) id=(id) name=(name) value=(text) autocomplete="off" aria-invalid=[invalid] aria-describedby=[described];
        },
        FieldType::Region(_) => html! {
            input type="text" list="lijst-gebieden" id=(id) name=(name) value=(text) autocomplete="off" aria-invalid=[invalid] aria-describedby=[described];
        },
        FieldType::Record(kind) | FieldType::Records(kind) => html! {
            input type="text" list=(format!("lijst-{kind}")) id=(id) name=(name) value=(text) autocomplete="off" aria-invalid=[invalid] aria-describedby=[described];
        },
        FieldType::Organisation => html! {
            select id=(id) name=(name) aria-invalid=[invalid] aria-describedby=[described] {
                option value="" { "– kies –" }
                @for (oid, oname) in &options.organisations { option value=(oid) selected[text == oid || text == oname] { (oname) } }
            }
        },
        FieldType::Indicator => html! {
            select id=(id) name=(name) aria-invalid=[invalid] aria-describedby=[described] {
                option value="" { "– kies –" }
                @for (iid, iname, has) in &options.indicators {
                    @if *has { option value=(iid) selected[text == iid || text == iname] { (iname) } }
                }
            }
        },
        FieldType::Objects(_) | FieldType::Object(_) => html! {},
    }
}

/// The fields whose shown value differs between two versions of a record: (label, before, now).
pub fn changes(
    app: &App,
    names: &samenhang_app::input::Names,
    spec: &KindSpec,
    before: &Value,
    now: &Value,
) -> Vec<(&'static str, String, String)> {
    let text = |ty: FieldType, v: &Value| {
        let t = match ty {
            FieldType::Objects(list) => v
                .as_array()
                .into_iter()
                .flatten()
                .map(|e| {
                    list.fields
                        .iter()
                        .map(|s| display(app, names, s.ty, e.get(s.name).unwrap_or(&Value::Null)).join(", "))
                        .filter(|t| !t.is_empty())
                        .collect::<Vec<_>>()
                        .join(" – ")
                })
                .collect::<Vec<_>>()
                .join("; "),
            ty => display(app, names, ty, v).join(", "),
        };
        if t.is_empty() {
            "(leeg)".to_string()
        } else {
            t
        }
    };
    spec.fields
        .iter()
        .filter_map(|f| {
            let a = text(f.ty, before.get(f.name).unwrap_or(&Value::Null));
            let b = text(f.ty, now.get(f.name).unwrap_or(&Value::Null));
            (a != b).then_some((f.label, a, b))
        })
        .collect()
}
