// SPDX-License-Identifier: EUPL-1.2
//! The register engine: list, show, create, update and delete a record of any kind.
//!
//! - **Access.** The store filters every read by the caller; writing needs the role redacteur
//!   or beheerder in the owning organisation (and in the new owner, when it changes).
//! - **Optimistic locking.** A change names the version it is based on ([`Expected`]); the store
//!   checks it in the statement that changes the row.
//! - **References.** A write looks up only the organisations and records its draft names, with
//!   indexed queries; concepts, regions and indicators come from the read-mostly views.
//! - **Hidden references.** A representation leaves out references to records the caller may
//!   not see; a change by that caller keeps them, so a GET followed by a PUT drops nothing.
//! - **The representation** is one envelope for every kind: `id`, `organisatie`,
//!   `zichtbaarheid`, `versie`, `gewijzigdOp`, `gewijzigdDoor`, the record's fields (references
//!   with their names), what the kind computes, and `_links`.

use std::collections::{BTreeSet, HashMap, HashSet};

use samenhang_domain::access::{Principal, UserRef, Visibility};
use samenhang_domain::codes::RegionCode;
use samenhang_domain::registers::{Fault, Known};
use samenhang_domain::spec::{Field, FieldType, KindSpec};
use samenhang_store::items::{Expect, ItemQuery, ItemWrite, StoredItem, Titled};
use samenhang_store::{Page, Paging, StoreError};
use serde::de::DeserializeOwned;
use serde_json::{json, Map, Value};

use crate::input::{Input, Names};
use crate::kinds::Kind;
use crate::{App, AppError};

/// What a change expects of the stored record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expected {
    /// No version was given (`If-Match` missing): refused.
    Missing,
    /// Any current version (`If-Match: *`).
    Any,
    /// This version.
    Version(i64),
}

/// Filters of a list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListFilter {
    /// Only records with this theme (a concept id).
    pub theme: Option<String>,
    /// Only records of this organisation.
    pub owner: Option<String>,
    /// Which page.
    pub paging: Paging,
}

/// A record as a caller sees it: the stored item and its representation.
#[derive(Debug, Clone, PartialEq)]
pub struct Shown {
    /// The stored record.
    pub item: StoredItem,
    /// The representation.
    pub body: Value,
}

/// A new random id for a record (16 hexadecimal characters).
pub fn new_id() -> String {
    use argon2::password_hash::rand_core::{OsRng, RngCore};
    let mut bytes = [0u8; 8];
    OsRng.fill_bytes(&mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// 401 for anonymous callers.
pub fn require_user(caller: &Principal) -> Result<&UserRef, AppError> {
    caller
        .user
        .as_ref()
        .ok_or_else(|| AppError::Unauthenticated("Log in om dit te doen.".into()))
}

/// 403 unless the caller may write records of `owner`.
pub fn require_write(caller: &Principal, owner: &str) -> Result<(), AppError> {
    require_user(caller)?;
    if caller.can_write(owner) {
        Ok(())
    } else {
        Err(AppError::Forbidden(format!(
            "U hebt geen rol als redacteur of beheerder bij de organisatie '{owner}'."
        )))
    }
}

fn not_found(spec: &KindSpec, id: &str) -> AppError {
    AppError::NotFound(format!(
        "Er is geen {} met id '{id}' (of u mag {} niet zien).",
        spec.singular,
        if spec.article == samenhang_domain::spec::Article::Het {
            "het"
        } else {
            "die"
        }
    ))
}

/// A record the caller may read, or 404 (also for ids that cannot exist).
pub async fn find(app: &App, caller: &Principal, kind: &dyn Kind, id: &str) -> Result<StoredItem, AppError> {
    let spec = kind.spec();
    if !samenhang_domain::spec::valid_record_id(id) {
        return Err(not_found(spec, id));
    }
    app.store()
        .item(spec.kind, id, caller)
        .await?
        .ok_or_else(|| not_found(spec, id))
}

/// The records matching `query` that the caller may read, decoded into the record type.
pub async fn decoded<T: DeserializeOwned>(
    app: &App,
    caller: &Principal,
    query: &ItemQuery,
) -> Result<Vec<(StoredItem, T)>, AppError> {
    app.store()
        .list_items(query, caller)
        .await?
        .items
        .into_iter()
        .map(|i| {
            let r: T = serde_json::from_str(&i.data).map_err(|e| AppError::Internal(Box::new(e)))?;
            Ok((i, r))
        })
        .collect()
}

/// A page of records.
pub async fn list(
    app: &App,
    caller: &Principal,
    kind: &dyn Kind,
    filter: &ListFilter,
) -> Result<Page<Shown>, AppError> {
    let query = ItemQuery {
        theme: filter.theme.clone(),
        owner: filter.owner.clone(),
        paging: filter.paging,
        ..ItemQuery::all(kind.spec().kind)
    };
    let page = app.store().list_items(&query, caller).await?;
    let shown = represent_all(app, caller, kind, page.items).await?;
    Ok(Page {
        items: shown,
        total: page.total,
    })
}

/// How many records of each kind the caller may see, in the order of the list of kinds.
pub async fn counts(app: &App, caller: &Principal) -> Result<Vec<(&'static dyn Kind, u64)>, AppError> {
    let totals = futures_util::future::try_join_all(crate::kinds::KINDS.iter().map(|kind| {
        let query = ItemQuery {
            paging: Paging { page: 1, page_size: 1 },
            ..ItemQuery::all(kind.spec().kind)
        };
        async move { app.store().list_items(&query, caller).await.map(|p| p.total) }
    }))
    .await?;
    Ok(crate::kinds::KINDS.iter().copied().zip(totals).collect())
}

/// One record.
pub async fn show(app: &App, caller: &Principal, kind: &dyn Kind, id: &str) -> Result<Shown, AppError> {
    let item = find(app, caller, kind, id).await?;
    Ok(represent_all(app, caller, kind, vec![item]).await?.remove(0))
}

/// An earlier version of a record (for showing what changed since a stale edit began).
pub async fn version(
    app: &App,
    caller: &Principal,
    kind: &dyn Kind,
    id: &str,
    version: i64,
) -> Result<Shown, AppError> {
    let spec = kind.spec();
    let item = app
        .store()
        .item_version(spec.kind, id, version, caller)
        .await?
        .ok_or_else(|| not_found(spec, id))?;
    Ok(represent_all(app, caller, kind, vec![item]).await?.remove(0))
}

/// Creates a record; returns it as stored.
pub async fn create(app: &App, caller: &Principal, kind: &dyn Kind, input: Input) -> Result<Shown, AppError> {
    let by = require_user(caller)?.clone();
    if let Err(f) = choose_owner(caller, input.organisation.clone()) {
        return Err(if f.code == "forbidden" {
            AppError::Forbidden(f.reason)
        } else {
            AppError::Invalid(vec![f])
        });
    }
    let write = prepare(app, caller, kind, vec![(Target::New, input)])
        .await
        .map_err(|mut e| AppError::Invalid(e.remove(0).1))?
        .remove(0);
    let id = write.id.clone();
    save(app, caller, kind, &[write], &by).await?;
    show(app, caller, kind, &id).await
}

/// Stores prepared writes; a key another record holds is a fault at its field, naming that
/// record when the caller may see it.
pub async fn save(
    app: &App,
    caller: &Principal,
    kind: &dyn Kind,
    writes: &[ItemWrite],
    by: &UserRef,
) -> Result<Vec<i64>, AppError> {
    let _exclusive = app.exclusive(kind).await?;
    let refused = guard(app, caller, kind, writes).await?;
    if !refused.is_empty() {
        return Err(AppError::Invalid(refused.into_iter().map(|(_, f)| f).collect()));
    }
    match app.store().save_items(writes, by).await {
        Ok(v) => {
            app.written(kind).await?;
            Ok(v)
        }
        Err(e) => Err(match duplicate(app, caller, kind, writes, &e).await? {
            Some((_, fault)) => AppError::Invalid(vec![fault]),
            None => write_error(kind.spec(), e),
        }),
    }
}

/// The kind's guard over prepared writes: the faults, each with the position of its write.
pub async fn guard(
    app: &App,
    caller: &Principal,
    kind: &dyn Kind,
    writes: &[ItemWrite],
) -> Result<Vec<(usize, Fault)>, AppError> {
    let changes: Vec<(String, Option<Value>)> = writes
        .iter()
        .map(|w| (w.id.clone(), serde_json::from_str(&w.data).ok()))
        .collect();
    kind.guard(app, caller, &changes).await
}

/// For a write refused because another record holds one of its keys: which write, and the
/// fault to report.
pub async fn duplicate(
    app: &App,
    caller: &Principal,
    kind: &dyn Kind,
    writes: &[ItemWrite],
    e: &StoreError,
) -> Result<Option<(usize, Fault)>, AppError> {
    let StoreError::KeyTaken { key, id, .. } = e else {
        return Ok(None);
    };
    let spec = kind.spec();
    let Some((n, unique)) = writes.iter().enumerate().find_map(|(n, w)| {
        let record: Value = serde_json::from_str(&w.data).ok()?;
        kind.keys(&record).into_iter().find(|k| &k.key == key).map(|k| (n, k))
    }) else {
        return Ok(None);
    };
    let seen = app
        .store()
        .visible_titles(spec.kind, std::slice::from_ref(id), caller)
        .await?;
    let reason = match seen.get(id) {
        Some(t) => format!(
            "Er is al een {} met {}: '{}' (/{}/{id}). Werk die bij in plaats van een nieuwe toe te voegen.",
            spec.singular, unique.what, t.title, spec.collection
        ),
        None => format!(
            "Er is al een {} met {}, die u niet kunt zien. Vraag de organisatie die haar beheert om toegang.",
            spec.singular, unique.what
        ),
    };
    Ok(Some((n, crate::error::fault(unique.field, "duplicate", reason))))
}

/// Replaces a record, if `expected` is its current version; returns it as stored.
pub async fn update(
    app: &App,
    caller: &Principal,
    kind: &dyn Kind,
    id: &str,
    expected: Expected,
    input: Input,
) -> Result<Shown, AppError> {
    let by = require_user(caller)?.clone();
    let current = find(app, caller, kind, id).await?;
    require_write(caller, &current.owner)?;
    let expected = expected_version(kind.spec(), &current, expected)?;
    let write = prepare(app, caller, kind, vec![(Target::Existing(current, expected), input)])
        .await
        .map_err(|mut e| AppError::Invalid(e.remove(0).1))?
        .remove(0);
    save(app, caller, kind, &[write], &by).await?;
    show(app, caller, kind, id).await
}

/// Deletes a record, if `expected` is its current version.
pub async fn delete(
    app: &App,
    caller: &Principal,
    kind: &dyn Kind,
    id: &str,
    expected: Expected,
) -> Result<(), AppError> {
    let by = require_user(caller)?.clone();
    let current = find(app, caller, kind, id).await?;
    require_write(caller, &current.owner)?;
    let expected = expected_version(kind.spec(), &current, expected)?;
    let _exclusive = app.exclusive(kind).await?;
    let refused = kind.guard(app, caller, &[(id.to_string(), None)]).await?;
    if !refused.is_empty() {
        return Err(AppError::Invalid(refused.into_iter().map(|(_, f)| f).collect()));
    }
    app.store()
        .delete_item(kind.spec().kind, id, expected, &by)
        .await
        .map_err(|e| write_error(kind.spec(), e))?;
    app.written(kind).await
}

fn expected_version(spec: &KindSpec, current: &StoredItem, expected: Expected) -> Result<i64, AppError> {
    match expected {
        Expected::Missing => Err(AppError::VersionRequired(format!(
            "Stuur If-Match mee met de ETag van de versie waarop uw wijziging is gebaseerd ({} heeft nu versie {}).",
            spec.the(false),
            current.version
        ))),
        Expected::Any => Ok(current.version),
        Expected::Version(v) => Ok(v),
    }
}

/// Maps store outcomes of a write.
pub fn write_error(spec: &KindSpec, e: StoreError) -> AppError {
    match e {
        StoreError::Conflict { current } => {
            AppError::Conflict {
                current,
                message: format!(
                "{} is intussen gewijzigd (nu versie {current}). Haal {} opnieuw op en pas uw wijziging daarop toe.",
                spec.the(true),
                if spec.article == samenhang_domain::spec::Article::Het { "het" } else { "die" }
            ),
            }
        }
        StoreError::Missing(_) => AppError::NotFound(format!("{} bestaat niet (meer).", spec.the(true))),
        other => other.into(),
    }
}

/// What a prepared write changes.
#[derive(Debug, Clone)]
pub enum Target {
    /// A new record.
    New,
    /// The stored record, at this expected version.
    Existing(StoredItem, i64),
}

/// Checks drafts and turns them into writes: owner and visibility, the references each names
/// (looked up together), the hidden references of the stored record kept, the kind's own check.
/// The faults of each failing draft come back with its position in `drafts`.
pub async fn prepare(
    app: &App,
    caller: &Principal,
    kind: &dyn Kind,
    drafts: Vec<(Target, Input)>,
) -> Result<Vec<ItemWrite>, Vec<(usize, Vec<Fault>)>> {
    prepare_with(app, caller, kind, drafts, &[]).await
}

/// [`prepare`], with records of other kinds that the same transaction will write (`pending`):
/// the drafts may refer to them as if they were stored (action items to the meeting they come
/// from).
pub async fn prepare_with(
    app: &App,
    caller: &Principal,
    kind: &dyn Kind,
    drafts: Vec<(Target, Input)>,
    pending: &[&ItemWrite],
) -> Result<Vec<ItemWrite>, Vec<(usize, Vec<Fault>)>> {
    let spec = kind.spec();
    let internal = |e: AppError| vec![(0, vec![crate::error::fault("body", "internal", e.to_string())])];
    let mut refs = Refs::default();
    let mut drafts = drafts;
    // First pass: what every draft (and every stored record being changed) names.
    for (target, input) in &drafts {
        refs.collect(spec.fields, &Value::Object(input.fields.clone()));
        if let Target::Existing(item, _) = target {
            if let Ok(stored) = serde_json::from_str::<Value>(&item.data) {
                refs.collect(spec.fields, &stored);
            }
        }
    }
    let mut looked_up = refs.look_up(app, caller).await.map_err(internal)?;
    for w in pending {
        looked_up.records.entry(w.kind).or_default().insert(
            w.id.clone(),
            samenhang_store::items::Titled {
                title: w.title.clone(),
                owner: w.owner.clone(),
                data: w.data.clone(),
            },
        );
    }
    let mut out = Vec::with_capacity(drafts.len());
    let mut failed = Vec::new();
    // Keys the drafts of this batch give, so that one file cannot hold the same record twice.
    let mut batch_keys: HashSet<String> = HashSet::new();
    for (n, (target, input)) in drafts.drain(..).enumerate() {
        let mut faults = input.faults.clone();
        let mut kept = HashSet::new();
        let (id, owner, expect, mut fields) = match &target {
            Target::New => {
                let owner = match choose_owner(caller, input.organisation.clone()) {
                    Ok(o) => o,
                    Err(f) => {
                        faults.push(f);
                        failed.push((n, faults));
                        continue;
                    }
                };
                (new_id(), owner, Expect::New, input.fields.clone())
            }
            Target::Existing(item, expected) => {
                let owner = input.organisation.clone().unwrap_or_else(|| item.owner.clone());
                if !caller.can_write(&owner) {
                    faults.push(crate::error::fault(
                        "organisatie",
                        "forbidden",
                        format!("U bent geen redacteur bij '{owner}'."),
                    ));
                }
                let mut fields = input.fields.clone();
                if let Ok(Value::Object(stored)) = serde_json::from_str::<Value>(&item.data) {
                    kept = keep_hidden(spec.fields, &stored, &mut fields, &looked_up);
                }
                (item.id.clone(), owner, Expect::Version(*expected), fields)
            }
        };
        if !looked_up.organisations.contains_key(&owner) && !faults.iter().any(|f| f.field == "organisatie") {
            faults.push(crate::error::fault(
                "organisatie",
                "unknown",
                format!("Er is geen organisatie met id '{owner}'."),
            ));
        }
        let visibility = input.visibility.unwrap_or(match &target {
            Target::Existing(item, _) => item.visibility,
            Target::New => Visibility::Organisation,
        });
        fields.retain(|_, v| !v.is_null());
        let known = KnownNow {
            app,
            looked_up: &looked_up,
            kept: &kept,
            this: match &target {
                Target::Existing(item, _) => Some(item.id.as_str()),
                Target::New => None,
            },
        };
        match kind.check(Value::Object(std::mem::take(&mut fields)), &known) {
            Ok(record) if faults.is_empty() => {
                let keys = kind.keys(&record);
                match keys.iter().find(|k| batch_keys.contains(&k.key)) {
                    Some(k) => failed.push((
                        n,
                        vec![crate::error::fault(
                            k.field,
                            "duplicate",
                            format!(
                                "Deze {} staat al eerder in dezelfde invoer ({}).",
                                spec.singular, k.what
                            ),
                        )],
                    )),
                    None => {
                        batch_keys.extend(keys.iter().map(|k| k.key.clone()));
                        let keys = keys.into_iter().map(|k| k.key).collect();
                        out.push(write_of(spec, id, owner, visibility, &record, expect, keys));
                    }
                }
            }
            Ok(_) => failed.push((n, faults)),
            Err(fs) => {
                // A field that could not be read was left out; "required" for it says nothing new.
                let read: HashSet<String> = input.faults.iter().map(|f| f.field.clone()).collect();
                faults.extend(fs.into_iter().filter(|f| !read.contains(&f.field)));
                failed.push((n, faults));
            }
        }
    }
    if failed.is_empty() {
        Ok(out)
    } else {
        Err(failed)
    }
}

/// The owner of a new record: the one named, else the caller's only writable organisation.
fn choose_owner(caller: &Principal, named: Option<String>) -> Result<String, Fault> {
    let owner = match named {
        Some(o) => o,
        None => match caller.writable_organisations().as_slice() {
            [one] => one.clone(),
            [] => {
                return Err(crate::error::fault(
                    "organisatie",
                    "forbidden",
                    "U hebt nergens een rol als redacteur of beheerder; vraag een beheerder om een rol.",
                ))
            }
            many => {
                return Err(crate::error::fault(
                    "organisatie",
                    "required",
                    format!(
                        "U bent redacteur bij meer organisaties; kies er één: {}.",
                        many.join(", ")
                    ),
                ))
            }
        },
    };
    if caller.can_write(&owner) {
        Ok(owner)
    } else {
        Err(crate::error::fault(
            "organisatie",
            "forbidden",
            format!("U bent geen redacteur of beheerder bij '{owner}'."),
        ))
    }
}

/// The stored form of a checked record: its title, themes and links follow from the spec.
pub fn write_of(
    spec: &KindSpec,
    id: String,
    owner: String,
    visibility: Visibility,
    record: &Value,
    expect: Expect,
    keys: Vec<String>,
) -> ItemWrite {
    let title = record
        .get(spec.title_field)
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string();
    let mut themes = BTreeSet::new();
    let mut links = BTreeSet::new();
    for f in spec.fields {
        let v = record.get(f.name).unwrap_or(&Value::Null);
        if f.theme {
            for id in ids_of(v) {
                themes.insert(id);
            }
        }
        link_targets(f, v, &mut links);
    }
    ItemWrite {
        kind: spec.kind,
        id,
        owner,
        visibility,
        title,
        data: record.to_string(),
        themes: themes.into_iter().collect(),
        links: links.into_iter().collect(),
        keys,
        expect,
    }
}

fn link_targets(f: &Field, v: &Value, links: &mut BTreeSet<(String, String)>) {
    match f.ty {
        FieldType::Record(k) | FieldType::Records(k) => {
            for id in ids_of(v) {
                links.insert((k.to_string(), id));
            }
        }
        FieldType::Organisation => {
            for id in ids_of(v) {
                links.insert(("organisatie".to_string(), id));
            }
        }
        FieldType::Objects(list) => {
            for entry in v.as_array().into_iter().flatten() {
                for sub in list.fields {
                    link_targets(sub, entry.get(sub.name).unwrap_or(&Value::Null), links);
                }
            }
        }
        _ => {}
    }
}

/// The ids in a reference value: a string, or an array of strings.
fn ids_of(v: &Value) -> Vec<String> {
    match v {
        Value::String(s) => vec![s.clone()],
        Value::Array(items) => items.iter().filter_map(|i| i.as_str().map(str::to_string)).collect(),
        _ => Vec::new(),
    }
}

/// The organisations and records a set of records names.
#[derive(Debug, Default)]
struct Refs {
    organisations: BTreeSet<String>,
    records: HashMap<&'static str, BTreeSet<String>>,
}

/// What the lookups found: organisation names, and the titles of the records the caller may see.
#[derive(Debug, Default)]
struct LookedUp {
    organisations: HashMap<String, String>,
    records: HashMap<&'static str, HashMap<String, Titled>>,
}

impl From<LookedUp> for Names {
    fn from(l: LookedUp) -> Names {
        Names {
            organisations: l.organisations,
            records: l
                .records
                .into_iter()
                .flat_map(|(k, m)| m.into_iter().map(move |(id, t)| ((k.to_string(), id), t)))
                .collect(),
        }
    }
}

impl Refs {
    fn collect(&mut self, fields: &'static [Field], record: &Value) {
        for f in fields {
            let v = record.get(f.name).unwrap_or(&Value::Null);
            match f.ty {
                FieldType::Organisation => self.organisations.extend(ids_of(v)),
                FieldType::Record(k) | FieldType::Records(k) => self.records.entry(k).or_default().extend(ids_of(v)),
                FieldType::Objects(list) => {
                    for entry in v.as_array().into_iter().flatten() {
                        self.collect(list.fields, entry);
                    }
                }
                _ => {}
            }
        }
    }

    async fn look_up(mut self, app: &App, caller: &Principal) -> Result<LookedUp, AppError> {
        let mut out = LookedUp::default();
        for (kind, ids) in self.records {
            let ids: Vec<String> = ids
                .into_iter()
                .filter(|i| samenhang_domain::spec::valid_record_id(i))
                .collect();
            let found = app.store().visible_titles(kind, &ids, caller).await?;
            // The owners name the records in forms and CSV cells ("title (organisation)").
            self.organisations.extend(found.values().map(|t| t.owner.clone()));
            out.records.insert(kind, found);
        }
        self.organisations.extend(caller.organisations());
        let orgs: Vec<String> = self.organisations.into_iter().collect();
        out.organisations = app.store().organisation_names(&orgs).await?;
        Ok(out)
    }
}

/// Puts back into `fields` the references of the stored record that the caller cannot see:
/// they were not shown, so leaving them out is no request to remove them. Returns them, so the
/// check accepts them as known.
fn keep_hidden(
    fields: &'static [Field],
    stored: &Map<String, Value>,
    input: &mut Map<String, Value>,
    looked_up: &LookedUp,
) -> HashSet<(String, String)> {
    let mut kept = HashSet::new();
    for f in fields {
        let Some(kind) = f.ty.referenced_kind() else { continue };
        let visible = looked_up.records.get(kind);
        let hidden: Vec<String> = ids_of(stored.get(f.name).unwrap_or(&Value::Null))
            .into_iter()
            .filter(|id| !visible.is_some_and(|v| v.contains_key(id)))
            .collect();
        if hidden.is_empty() {
            continue;
        }
        for id in &hidden {
            kept.insert((kind.to_string(), id.clone()));
        }
        match f.ty {
            FieldType::Record(_) => {
                if input.get(f.name).is_none_or(Value::is_null) {
                    input.insert(f.name.to_string(), Value::String(hidden[0].clone()));
                }
            }
            _ => {
                let mut list: Vec<Value> = input.get(f.name).and_then(Value::as_array).cloned().unwrap_or_default();
                for id in hidden {
                    if !list.iter().any(|v| v.as_str() == Some(id.as_str())) {
                        list.push(Value::String(id));
                    }
                }
                input.insert(f.name.to_string(), Value::Array(list));
            }
        }
    }
    kept
}

/// Answers the domain's questions for one write from the views and the lookups.
struct KnownNow<'a> {
    app: &'a App,
    looked_up: &'a LookedUp,
    /// References the caller cannot see but that the change keeps.
    kept: &'a HashSet<(String, String)>,
    /// The id of the record being changed (`None` for a new one).
    this: Option<&'a str>,
}

impl Known for KnownNow<'_> {
    fn concept(&self, id: &str) -> bool {
        self.app.vocab().concept(id).is_some()
    }
    fn region(&self, code: RegionCode) -> bool {
        self.app.snapshot().regions.position(code).is_some()
    }
    fn indicator(&self, id: &str) -> bool {
        self.app.snapshot().registry.indicator(id).is_some()
    }
    fn organisation(&self, id: &str) -> bool {
        self.looked_up.organisations.contains_key(id)
    }
    fn record(&self, kind: &str, id: &str) -> bool {
        self.looked_up.records.get(kind).is_some_and(|r| r.contains_key(id))
            || self.kept.contains(&(kind.to_string(), id.to_string()))
    }
    fn record_period(&self, kind: &str, id: &str) -> Option<(Option<chrono::NaiveDate>, Option<chrono::NaiveDate>)> {
        let data: Value = serde_json::from_str(&self.looked_up.records.get(kind)?.get(id)?.data).ok()?;
        let date = |f: &str| data.get(f).and_then(Value::as_str).and_then(|s| s.parse().ok());
        Some((date("begindatum"), date("einddatum")))
    }
    fn valuation_tables(&self) -> Vec<samenhang_domain::sroi::ValuationTable> {
        self.app.sroi_tables_except(self.this)
    }
    fn within(&self, id: &str, ancestor: &str) -> bool {
        self.app.vocab().within(id, ancestor)
    }
    fn sbi_section(&self, section: char) -> bool {
        // Without a CBS table with an SBI dimension, the sections of the SBI 2008 itself hold.
        let sbi = self.app.sbi_sections();
        sbi.is_empty() || sbi.iter().any(|(l, _)| *l == section)
    }
    fn today(&self) -> chrono::NaiveDate {
        today()
    }
    fn figure(&self, indicator: &str, region: samenhang_domain::codes::RegionCode, year: i32) -> Option<f64> {
        let snap = self.app.snapshot();
        let series = snap.series(indicator)?;
        snap.value(series, region, year).map(|(v, _)| v)
    }
}

/// Today in the Netherlands, for dates that may not lie in the future and for overdue views.
pub fn today() -> chrono::NaiveDate {
    dutch_date(chrono::Utc::now())
}

/// The date in the Netherlands at a moment: UTC+1, and UTC+2 from 01:00 UTC on the last Sunday
/// of March until 01:00 UTC on the last Sunday of October (summer time in the EU, Directive
/// 2000/84/EC).
pub fn dutch_date(at: chrono::DateTime<chrono::Utc>) -> chrono::NaiveDate {
    use chrono::Datelike;
    let year = at.year();
    // The last Sunday of a month of 31 days, at 01:00 UTC.
    let last_sunday = |month: u32| {
        chrono::NaiveDate::from_ymd_opt(year, month, 31).map(|last| {
            let back = i64::from(last.weekday().num_days_from_sunday());
            (last - chrono::Duration::days(back))
                .and_time(chrono::NaiveTime::MIN)
                .and_utc()
                + chrono::Duration::hours(1)
        })
    };
    let summer = matches!((last_sunday(3), last_sunday(10)), (Some(from), Some(until)) if at >= from && at < until);
    (at + chrono::Duration::hours(if summer { 2 } else { 1 })).date_naive()
}

/// The representations of stored records, with one lookup of the names they all need.
pub async fn represent_all(
    app: &App,
    caller: &Principal,
    kind: &dyn Kind,
    items: Vec<StoredItem>,
) -> Result<Vec<Shown>, AppError> {
    let spec = kind.spec();
    let mut refs = Refs::default();
    let mut records = Vec::with_capacity(items.len());
    for item in &items {
        let record: Value = serde_json::from_str(&item.data).map_err(|e| AppError::Internal(Box::new(e)))?;
        refs.collect(spec.fields, &record);
        refs.organisations.insert(item.owner.clone());
        records.push(record);
    }
    let names = Names::from(refs.look_up(app, caller).await?);
    Ok(items
        .into_iter()
        .zip(records)
        .map(|(item, record)| {
            let record = without_confidential(kind.spec(), caller, &item.owner, record);
            let body = envelope(app, kind, &item, &record, &names);
            Shown { item, body }
        })
        .collect())
}

/// The names a set of records needs for display (forms, CSV): organisations and record titles.
pub async fn names_for(app: &App, caller: &Principal, spec: &KindSpec, records: &[Value]) -> Result<Names, AppError> {
    let mut refs = Refs::default();
    for r in records {
        refs.collect(spec.fields, r);
    }
    Ok(Names::from(refs.look_up(app, caller).await?))
}

/// The record as `caller` may read it: the fields marked confidential only for members of the
/// owning organisation.
pub fn without_confidential(spec: &KindSpec, caller: &Principal, owner: &str, mut record: Value) -> Value {
    if caller.role_in(owner).is_none() {
        if let Value::Object(map) = &mut record {
            for f in spec.fields.iter().filter(|f| f.confidential) {
                map.remove(f.name);
            }
        }
    }
    record
}

fn envelope(app: &App, kind: &dyn Kind, item: &StoredItem, record: &Value, names: &Names) -> Value {
    let spec = kind.spec();
    let mut out = Map::new();
    out.insert("id".into(), Value::String(item.id.clone()));
    out.insert("organisatie".into(), organisation_ref(names, &item.owner));
    out.insert("zichtbaarheid".into(), Value::String(item.visibility.as_str().into()));
    out.insert("versie".into(), Value::from(item.version));
    out.insert(
        "gewijzigdOp".into(),
        Value::String(item.changed_at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)),
    );
    out.insert("gewijzigdDoor".into(), Value::String(item.changed_by.clone()));
    for f in spec.fields {
        // A confidential field the reader may not see is left out, not shown empty.
        if f.confidential && record.get(f.name).is_none() {
            continue;
        }
        out.insert(
            f.name.into(),
            shown(app, names, f, record.get(f.name).unwrap_or(&Value::Null)),
        );
    }
    for (name, value) in kind.computed(app, record) {
        out.insert(name.into(), value);
    }
    out.insert(
        "_links".into(),
        json!({ "self": { "href": format!("/api/v1/{}/{}", spec.collection, item.id) } }),
    );
    Value::Object(out)
}

fn organisation_ref(names: &Names, id: &str) -> Value {
    json!({ "id": id, "naam": names.organisations.get(id).cloned().unwrap_or_else(|| id.to_string()) })
}

/// One field of a representation: references with their names; hidden references left out.
fn shown(app: &App, names: &Names, f: &Field, v: &Value) -> Value {
    let concept = |id: &str| json!({ "id": id, "voorkeursterm": app.vocab().label(id) });
    let record = |kind: &str, id: &str| {
        names
            .records
            .get(&(kind.to_string(), id.to_string()))
            .map(|t| json!({ "id": id, "titel": t.title }))
    };
    match (f.ty, v) {
        (FieldType::Concepts | FieldType::Records(_) | FieldType::Objects(_), Value::Null) => Value::Array(vec![]),
        (_, Value::Null) => Value::Null,
        (FieldType::Concept, Value::String(id)) => concept(id),
        (FieldType::Concepts, Value::Array(ids)) => {
            Value::Array(ids.iter().filter_map(Value::as_str).map(concept).collect())
        }
        (FieldType::Region(_), Value::String(code)) => {
            let naam =
                RegionCode::parse(code).map_or_else(|_| code.clone(), |c| crate::region_name(&app.snapshot(), c));
            json!({ "code": code, "naam": naam })
        }
        (FieldType::Organisation, Value::String(id)) => organisation_ref(names, id),
        (FieldType::Record(kind), Value::String(id)) => record(kind, id).unwrap_or(Value::Null),
        (FieldType::Records(kind), Value::Array(ids)) => Value::Array(
            ids.iter()
                .filter_map(Value::as_str)
                .filter_map(|id| record(kind, id))
                .collect(),
        ),
        (FieldType::Indicator, Value::String(id)) => {
            let naam = app
                .snapshot()
                .registry
                .indicator(id)
                .map_or_else(|| id.clone(), |i| i.name.clone());
            json!({ "id": id, "naam": naam })
        }
        (FieldType::Objects(list), Value::Array(entries)) => Value::Array(
            entries
                .iter()
                .map(|e| {
                    let mut m = Map::new();
                    for sub in list.fields {
                        m.insert(
                            sub.name.into(),
                            shown(app, names, sub, e.get(sub.name).unwrap_or(&Value::Null)),
                        );
                    }
                    Value::Object(m)
                })
                .collect(),
        ),
        (_, other) => other.clone(),
    }
}

#[cfg(test)]
mod dutch_date_tests {
    use super::dutch_date;

    fn at(s: &str) -> chrono::DateTime<chrono::Utc> {
        chrono::DateTime::parse_from_rfc3339(s)
            .map(|d| d.to_utc())
            .unwrap_or_default()
    }

    #[test]
    fn the_dutch_date_follows_winter_and_summer_time() {
        let date = |s: &str| dutch_date(at(s)).to_string();
        // Winter: UTC+1.
        assert_eq!(date("2026-12-06T22:30:00Z"), "2026-12-06");
        assert_eq!(date("2026-12-06T23:00:00Z"), "2026-12-07");
        // Summer: UTC+2.
        assert_eq!(date("2026-07-01T21:59:00Z"), "2026-07-01");
        assert_eq!(date("2026-07-01T22:00:00Z"), "2026-07-02");
        // Summer time starts on 29 March 2026 and ends on 25 October 2026, at 01:00 UTC.
        assert_eq!(date("2026-03-29T00:59:00Z"), "2026-03-29");
        assert_eq!(date("2026-03-28T22:30:00Z"), "2026-03-28");
        assert_eq!(date("2026-03-29T22:30:00Z"), "2026-03-30");
        assert_eq!(date("2026-10-24T22:30:00Z"), "2026-10-25");
        assert_eq!(date("2026-10-25T22:30:00Z"), "2026-10-25");
        assert_eq!(date("2026-10-25T23:00:00Z"), "2026-10-26");
    }
}
