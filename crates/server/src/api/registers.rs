// SPDX-License-Identifier: EUPL-1.2
//! What the register resources (`/personen`, `/doelen`, `/agendas`) share: the [`Register`]
//! trait that says how one kind of record is checked, titled, themed and linked, and the
//! generic list, show, create, update, delete, export and import that the action files wrap.
//!
//! Access follows `samenhang_domain::access`: the store filters every read by the caller;
//! writes need `redacteur` in the owning organisation; `If-Match` is required on every change.

use std::collections::HashSet;
use std::sync::Arc;

use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use samenhang_domain::access::{Principal, UserRef, Visibility};
use samenhang_domain::codes::RegionCode;
use samenhang_domain::registers::{Fault, Known};
use samenhang_registers::{CsvFault, Row};
use samenhang_store::registers::{Expect, ItemQuery, ItemWrite, StoredItem};
use samenhang_store::StoreError;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{Map, Value};

use crate::api::begrippen::BegripRef;
use crate::api::model::Link;
use crate::params::QueryParams;
use crate::problem::{ApiError, InvalidParam};
use crate::state::AppState;

/// One kind of register record.
pub trait Register {
    /// Stored kind (`persoon`).
    const KIND: &'static str;
    /// Collection path under `/api/v1` (`/personen`).
    const PATH: &'static str;
    /// Name in messages (`persoon`).
    const NAME: &'static str;
    /// Property names of the input (besides `organisatie` and `zichtbaarheid`).
    const FIELDS: &'static [&'static str];
    /// The input.
    type Draft: DeserializeOwned + Default;
    /// The checked record.
    type Record: Serialize + DeserializeOwned;
    /// Checks a draft.
    fn parse(draft: &Self::Draft, known: &dyn Known) -> Result<Self::Record, Vec<Fault>>;
    /// Title for lists and the audit log.
    fn title(record: &Self::Record) -> String;
    /// Theme concept ids.
    fn themes(record: &Self::Record) -> Vec<String>;
    /// Other records it refers to.
    fn links(record: &Self::Record) -> Vec<(String, String)>;
    /// The CSV column of a fault in `field` (where the CSV flattens nested fields).
    fn csv_column(field: &str) -> String {
        field.to_string()
    }
}

/// What exists, for one request: concepts, regions and indicators from the read-mostly views,
/// organisations, and the people and goals the caller may see.
pub struct Context {
    vocab: Arc<crate::taal::VocabView>,
    snapshot: Arc<samenhang_stats::Snapshot>,
    organisations: HashSet<String>,
    people: HashSet<String>,
    goals: HashSet<String>,
}

impl Context {
    /// Loads what exists, as `caller` sees it.
    pub async fn load(state: &AppState, caller: &Principal) -> Result<Context, StoreError> {
        let ids = |kind: &'static str| async move {
            let page = state.store.list_items(&ItemQuery::all(kind), caller).await?;
            Ok::<_, StoreError>(page.items.into_iter().map(|i| i.id).collect::<HashSet<_>>())
        };
        Ok(Context {
            vocab: state.vocab(),
            snapshot: state.snapshot(),
            organisations: state.store.organisations().await?.into_iter().map(|o| o.id).collect(),
            people: ids("persoon").await?,
            goals: ids("doel").await?,
        })
    }
}

impl Known for Context {
    fn concept(&self, id: &str) -> bool {
        self.vocab.vocabulary_of(id).is_some()
    }
    fn region(&self, code: RegionCode) -> bool {
        self.snapshot.regions.position(code).is_some()
    }
    fn indicator(&self, id: &str) -> bool {
        self.snapshot.registry.indicator(id).is_some()
    }
    fn organisation(&self, id: &str) -> bool {
        self.organisations.contains(id)
    }
    fn person(&self, id: &str) -> bool {
        self.people.contains(id)
    }
    fn goal(&self, id: &str) -> bool {
        self.goals.contains(id)
    }
}

/// The ETag of a version.
pub(crate) fn etag(version: i64) -> String {
    format!("\"{version}\"")
}

/// The version a change is based on, from `If-Match` (428 when absent, 412 when not a version).
pub(crate) fn expected_version(headers: &HeaderMap, what: &str) -> Result<i64, ApiError> {
    let raw = headers
        .get(header::IF_MATCH)
        .and_then(|v| v.to_str().ok())
        .ok_or_else(|| {
            ApiError::Status(
                StatusCode::PRECONDITION_REQUIRED,
                "Stuur If-Match mee met de ETag van de versie waarop je wijziging is gebaseerd.".into(),
            )
        })?;
    raw.trim()
        .trim_start_matches("W/")
        .trim_matches('"')
        .parse()
        .map_err(|_| {
            ApiError::Status(
                StatusCode::PRECONDITION_FAILED,
                format!("If-Match '{raw}' is geen versie van dit {what}."),
            )
        })
}

/// 401 for anonymous callers.
pub(crate) fn require_user(caller: &Principal) -> Result<&UserRef, ApiError> {
    caller.user.as_ref().ok_or_else(|| {
        ApiError::Status(
            StatusCode::UNAUTHORIZED,
            "Log in: stuur 'Authorization: Bearer <API-sleutel>' mee.".into(),
        )
    })
}

/// 403 unless the caller may write records of `owner`.
pub(crate) fn require_write(caller: &Principal, owner: &str) -> Result<(), ApiError> {
    require_user(caller)?;
    if caller.can_write(owner) {
        Ok(())
    } else {
        Err(ApiError::Status(
            StatusCode::FORBIDDEN,
            format!("Je hebt geen rol als redacteur of beheerder bij de organisatie '{owner}'."),
        ))
    }
}

/// Maps store outcomes of a write to API errors.
pub(crate) fn write_error(e: StoreError, what: &str) -> ApiError {
    match e {
        StoreError::Conflict { current } => ApiError::Status(
            StatusCode::PRECONDITION_FAILED,
            format!("Dit {what} is intussen gewijzigd (nu versie {current}). Haal het opnieuw op en pas je wijziging daarop toe."),
        ),
        StoreError::Exists(x) => ApiError::Status(StatusCode::CONFLICT, format!("Dit bestaat al: {x}.")),
        StoreError::Missing(x) => ApiError::NotFound(format!("Dit bestaat niet (meer): {x}.")),
        other => other.into(),
    }
}

fn faults_to_params(faults: Vec<Fault>) -> Vec<InvalidParam> {
    faults
        .into_iter()
        .map(|f| InvalidParam::new(&f.field, f.code, f.reason))
        .collect()
}

/// The input of a create or update: the envelope (`organisatie`, `zichtbaarheid`) and the draft.
struct Input<D> {
    organisation: Option<String>,
    visibility: Option<Visibility>,
    draft: D,
}

fn parse_input<R: Register>(body: &[u8]) -> Result<Input<R::Draft>, ApiError> {
    let json = |reason: String| ApiError::Invalid(vec![InvalidParam::new("body", "json", reason)]);
    let value: Value = serde_json::from_slice(body).map_err(|e| {
        json(format!(
            "Ongeldige JSON (regel {}, kolom {}): {e}",
            e.line(),
            e.column()
        ))
    })?;
    let Value::Object(mut object) = value else {
        return Err(json("Stuur een JSON-object.".into()));
    };
    let mut faults = Vec::new();
    for key in object.keys() {
        if key != "organisatie" && key != "zichtbaarheid" && !R::FIELDS.contains(&key.as_str()) {
            faults.push(InvalidParam::new(
                key,
                "unknown",
                format!(
                    "Onbekend veld. Toegestaan zijn: organisatie, zichtbaarheid, {}.",
                    R::FIELDS.join(", ")
                ),
            ));
        }
    }
    let mut text = |name: &str| match object.remove(name) {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s),
        Some(_) => {
            faults.push(InvalidParam::new(name, "type", "Verwacht een tekst."));
            None
        }
    };
    let organisation = text("organisatie");
    let visibility = text("zichtbaarheid");
    let visibility = match visibility {
        None => None,
        Some(v) => match Visibility::parse(&v) {
            Some(v) => Some(v),
            None => {
                faults.push(InvalidParam::new(
                    "zichtbaarheid",
                    "enum",
                    "Kies uit openbaar, regio of organisatie.",
                ));
                None
            }
        },
    };
    if !faults.is_empty() {
        return Err(ApiError::Invalid(faults));
    }
    let draft: R::Draft = serde_json::from_value(Value::Object(object)).map_err(|e| json(format!("{e}.")))?;
    Ok(Input {
        organisation,
        visibility,
        draft,
    })
}

/// The owner of a new record: the one named, else the caller's only writable organisation.
fn choose_owner(caller: &Principal, named: Option<String>) -> Result<String, ApiError> {
    require_user(caller)?;
    let owner = match named {
        Some(o) => o,
        None => {
            let mine = caller.writable_organisations();
            match mine.as_slice() {
                [one] => one.clone(),
                [] => {
                    return Err(ApiError::Status(
                        StatusCode::FORBIDDEN,
                        "Je hebt nergens een rol als redacteur of beheerder; vraag een beheerder om een rol.".into(),
                    ))
                }
                _ => {
                    return Err(ApiError::Invalid(vec![InvalidParam::new(
                        "organisatie",
                        "required",
                        format!(
                            "Je bent redacteur bij meer organisaties; kies er één: {}.",
                            mine.join(", ")
                        ),
                    )]))
                }
            }
        }
    };
    require_write(caller, &owner)?;
    Ok(owner)
}

/// The stored form of a checked record.
pub(crate) fn write_of<R: Register>(
    id: String,
    owner: String,
    visibility: Visibility,
    record: &R::Record,
    expect: Expect,
) -> Result<ItemWrite, ApiError> {
    Ok(ItemWrite {
        kind: R::KIND,
        id,
        owner,
        visibility,
        title: R::title(record),
        data: serde_json::to_string(record).map_err(|e| ApiError::Internal(e.to_string()))?,
        themes: R::themes(record),
        links: R::links(record),
        expect,
    })
}

/// The representation of a stored record: its own fields plus `id`, `organisatie`,
/// `zichtbaarheid`, `versie`, `gewijzigdOp`, `gewijzigdDoor` and `_links`; themes with their
/// preferred labels. `extra` adds kind-specific properties (a goal's progress).
pub(crate) fn representation<R: Register>(
    state: &AppState,
    item: &StoredItem,
    extra: impl FnOnce(&R::Record, &mut Map<String, Value>),
) -> Result<Value, ApiError> {
    let record: R::Record = serde_json::from_str(&item.data).map_err(|e| ApiError::Internal(e.to_string()))?;
    let mut map = match serde_json::to_value(&record) {
        Ok(Value::Object(m)) => m,
        _ => return Err(ApiError::Internal("record is geen object".into())),
    };
    let view = state.vocab();
    let themes: Vec<BegripRef> = R::themes(&record)
        .into_iter()
        .map(|id| BegripRef {
            voorkeursterm: view.label(&id),
            id,
        })
        .collect();
    map.insert("themas".into(), serde_json::to_value(themes).unwrap_or_default());
    extra(&record, &mut map);
    let mut out = Map::new();
    out.insert("id".into(), Value::String(item.id.clone()));
    out.insert("organisatie".into(), Value::String(item.owner.clone()));
    out.insert("zichtbaarheid".into(), Value::String(item.visibility.as_str().into()));
    out.insert("versie".into(), Value::from(item.version));
    out.insert(
        "gewijzigdOp".into(),
        Value::String(item.changed_at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)),
    );
    out.insert("gewijzigdDoor".into(), Value::String(item.changed_by.clone()));
    out.extend(map);
    out.insert(
        "_links".into(),
        serde_json::json!({ "self": Link::to(format!("/api/v1{}/{}", R::PATH, item.id)) }),
    );
    Ok(Value::Object(out))
}

fn with_etag(mut res: Response, version: i64) -> Response {
    if let Ok(v) = HeaderValue::from_str(&etag(version)) {
        res.headers_mut().insert(header::ETAG, v);
    }
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-cache"));
    res
}

/// `GET` on the collection: filters `thema`, `organisatie`, paging.
pub(crate) async fn list<R: Register>(
    state: &AppState,
    caller: &Principal,
    raw: Option<&str>,
    collection: &str,
    extra: impl Fn(&AppState, &R::Record, &mut Map<String, Value>),
) -> Result<Response, ApiError> {
    let mut q = QueryParams::parse(raw, &["thema", "organisatie", "pagina", "paginaGrootte"]);
    let theme = q.get("thema", "format", |s| Ok::<_, String>(s.to_string()));
    let owner = q.get("organisatie", "format", |s| Ok::<_, String>(s.to_string()));
    let paging = q.paging();
    q.finish()?;
    let page = state
        .store
        .list_items(
            &ItemQuery {
                kind: Some(R::KIND),
                theme,
                linked_to: None,
                owner,
                paging,
            },
            caller,
        )
        .await?;
    let items = page
        .items
        .iter()
        .map(|i| representation::<R>(state, i, |r, m| extra(state, r, m)))
        .collect::<Result<Vec<_>, _>>()?;
    let body = serde_json::json!({
        collection: items,
        "paginering": crate::api::paginering(page.total, paging),
        "_links": crate::api::page_links(&format!("/api/v1{}", R::PATH), raw, page.total, paging),
    });
    let mut res = axum::Json(body).into_response();
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-cache"));
    Ok(res)
}

/// A record the caller may read, or 404.
pub(crate) async fn find<R: Register>(state: &AppState, caller: &Principal, id: &str) -> Result<StoredItem, ApiError> {
    state.store.item(R::KIND, id, caller).await?.ok_or_else(|| {
        ApiError::NotFound(format!(
            "Er is geen {} met id '{id}' (of je mag het niet zien).",
            R::NAME
        ))
    })
}

/// `GET` on one record, with its ETag.
pub(crate) async fn show<R: Register>(
    state: &AppState,
    caller: &Principal,
    id: &str,
    extra: impl FnOnce(&R::Record, &mut Map<String, Value>),
) -> Result<Response, ApiError> {
    let item = find::<R>(state, caller, id).await?;
    let body = representation::<R>(state, &item, extra)?;
    Ok(with_etag(axum::Json(body).into_response(), item.version))
}

/// `POST` on the collection: 201 with `Location` and `ETag`.
pub(crate) async fn create<R: Register>(
    state: &AppState,
    caller: &Principal,
    body: &[u8],
) -> Result<Response, ApiError> {
    require_user(caller)?;
    let input = parse_input::<R>(body)?;
    let id = create_record::<R>(state, caller, input.organisation, input.visibility, &input.draft).await?;
    let item = find::<R>(state, caller, &id).await?;
    let body = representation::<R>(state, &item, |_, _| {})?;
    let mut res = with_etag((StatusCode::CREATED, axum::Json(body)).into_response(), item.version);
    if let Ok(v) = HeaderValue::from_str(&format!("/api/v1{}/{id}", R::PATH)) {
        res.headers_mut().insert(header::LOCATION, v);
    }
    Ok(res)
}

/// Checks and stores a new record of `owner` (default: the caller's only writable
/// organisation) with `visibility` (default `organisatie`); returns its id. Used by the API and
/// by the page forms.
pub(crate) async fn create_record<R: Register>(
    state: &AppState,
    caller: &Principal,
    owner: Option<String>,
    visibility: Option<Visibility>,
    draft: &R::Draft,
) -> Result<String, ApiError> {
    let by = require_user(caller)?.clone();
    let owner = choose_owner(caller, owner)?;
    let context = Context::load(state, caller).await?;
    let record = R::parse(draft, &context).map_err(|f| ApiError::Invalid(faults_to_params(f)))?;
    let id = crate::auth::new_id();
    let write = write_of::<R>(
        id.clone(),
        owner,
        visibility.unwrap_or(Visibility::Organisation),
        &record,
        Expect::New,
    )?;
    state
        .store
        .save_items(&[write], &by)
        .await
        .map_err(|e| write_error(e, R::NAME))?;
    Ok(id)
}

/// `PUT` on one record: replaces it, if `If-Match` names the current version.
pub(crate) async fn update<R: Register>(
    state: &AppState,
    caller: &Principal,
    id: &str,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<Response, ApiError> {
    let by = require_user(caller)?.clone();
    let current = find::<R>(state, caller, id).await?;
    require_write(caller, &current.owner)?;
    let expected = expected_version(headers, R::NAME)?;
    let input = parse_input::<R>(body)?;
    let owner = input.organisation.unwrap_or_else(|| current.owner.clone());
    require_write(caller, &owner)?;
    let context = Context::load(state, caller).await?;
    let record = R::parse(&input.draft, &context).map_err(|f| ApiError::Invalid(faults_to_params(f)))?;
    let visibility = input.visibility.unwrap_or(current.visibility);
    let write = write_of::<R>(id.to_string(), owner, visibility, &record, Expect::Version(expected))?;
    state
        .store
        .save_items(&[write], &by)
        .await
        .map_err(|e| write_error(e, R::NAME))?;
    let item = find::<R>(state, caller, id).await?;
    let body = representation::<R>(state, &item, |_, _| {})?;
    Ok(with_etag(axum::Json(body).into_response(), item.version))
}

/// `DELETE` on one record, if `If-Match` names the current version: 204.
pub(crate) async fn delete<R: Register>(
    state: &AppState,
    caller: &Principal,
    id: &str,
    headers: &HeaderMap,
) -> Result<Response, ApiError> {
    let by = require_user(caller)?.clone();
    let current = find::<R>(state, caller, id).await?;
    require_write(caller, &current.owner)?;
    let expected = expected_version(headers, R::NAME)?;
    state
        .store
        .delete_item(R::KIND, id, expected, &by)
        .await
        .map_err(|e| write_error(e, R::NAME))?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// Every record the caller may read, as (item, record), for exports.
pub(crate) async fn all<R: Register>(
    state: &AppState,
    caller: &Principal,
) -> Result<Vec<(StoredItem, R::Record)>, ApiError> {
    decoded(state, caller, &ItemQuery::all(R::KIND)).await
}

/// The records matching `query` that the caller may read, each with its stored form.
pub(crate) async fn decoded<T: DeserializeOwned>(
    state: &AppState,
    caller: &Principal,
    query: &ItemQuery,
) -> Result<Vec<(StoredItem, T)>, ApiError> {
    state
        .store
        .list_items(query, caller)
        .await?
        .items
        .into_iter()
        .map(|i| {
            let r: T = serde_json::from_str(&i.data).map_err(|e| ApiError::Internal(e.to_string()))?;
            Ok((i, r))
        })
        .collect()
}

/// Ids of the records of one kind the caller may see.
pub(crate) async fn visible_ids<R: Register>(
    state: &AppState,
    caller: &Principal,
) -> Result<HashSet<String>, ApiError> {
    Ok(state
        .store
        .list_items(&ItemQuery::all(R::KIND), caller)
        .await?
        .items
        .into_iter()
        .map(|i| i.id)
        .collect())
}

/// A CSV download.
pub(crate) fn csv_response(body: String, filename: &str) -> Response {
    let mut res = body.into_response();
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/csv; charset=utf-8"),
    );
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{filename}\"")) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-cache"));
    res
}

fn row_param(line: usize, column: &str, code: &str, reason: &str) -> InvalidParam {
    let name = if column.is_empty() {
        format!("regel {line}")
    } else {
        format!("regel {line}, kolom {column}")
    };
    InvalidParam::new(&name, code, reason.to_string())
}

/// Imports rows read from a CSV file: every row is checked (line and column named in every
/// fault), and only when all are right are they all stored, in one transaction. Rows with an
/// `id` replace that record; others are new.
pub(crate) async fn import<R: CsvRegister>(
    state: &AppState,
    caller: &Principal,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<Response, ApiError> {
    require_user(caller)?;
    let is_csv = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/csv"));
    if !is_csv {
        return Err(ApiError::Status(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "Stuur het bestand als text/csv.".into(),
        ));
    }
    let ids = import_rows::<R>(state, caller, body).await?;
    Ok((
        StatusCode::OK,
        axum::Json(serde_json::json!({ "aantal": ids.len(), "ids": ids })),
    )
        .into_response())
}

/// Checks and stores the records of a CSV file, all or nothing; returns their ids.
pub(crate) async fn import_rows<R: CsvRegister>(
    state: &AppState,
    caller: &Principal,
    body: &[u8],
) -> Result<Vec<String>, ApiError> {
    let by = require_user(caller)?.clone();
    let rows = R::read_csv(body).map_err(|faults| {
        ApiError::Invalid(
            faults
                .iter()
                .map(|f| row_param(f.line, &f.column, "csv", &f.reason))
                .collect(),
        )
    })?;
    let context = Context::load(state, caller).await?;
    let mut faults = Vec::new();
    let mut writes = Vec::new();
    for row in &rows {
        let owner = match row
            .organisation
            .clone()
            .or_else(|| match caller.writable_organisations().as_slice() {
                [one] => Some(one.clone()),
                _ => None,
            }) {
            Some(o) if caller.can_write(&o) => Some(o),
            Some(o) => {
                faults.push(row_param(
                    row.line,
                    "organisatie",
                    "forbidden",
                    &format!("Je bent geen redacteur bij '{o}'."),
                ));
                None
            }
            None => {
                faults.push(row_param(row.line, "organisatie", "required", "Vul de organisatie in."));
                None
            }
        };
        let visibility = match row.visibility.as_deref() {
            None => Some(Visibility::Organisation),
            Some(v) => Visibility::parse(v).or_else(|| {
                faults.push(row_param(
                    row.line,
                    "zichtbaarheid",
                    "enum",
                    "Kies uit openbaar, regio of organisatie.",
                ));
                None
            }),
        };
        let record = R::parse(&row.draft, &context).map_err(|fs| {
            for f in fs {
                faults.push(row_param(
                    row.line_of(&f.field),
                    &R::csv_column(&f.field),
                    f.code,
                    &f.reason,
                ));
            }
        });
        if let (Some(owner), Some(visibility), Ok(record)) = (owner, visibility, record) {
            // A row with the id of a record the caller may change replaces it (based on the
            // version read now); an id the caller cannot see is treated as new, so the store
            // refuses it if it exists, and no hidden record is ever overwritten.
            let (id, expect) = match &row.id {
                None => (crate::auth::new_id(), Expect::New),
                Some(id) => match state.store.item(R::KIND, id, caller).await? {
                    Some(existing) if caller.can_write(&existing.owner) => {
                        (id.clone(), Expect::Version(existing.version))
                    }
                    Some(_) => {
                        faults.push(row_param(
                            row.line,
                            "id",
                            "forbidden",
                            &format!("Je mag {} '{id}' niet wijzigen.", R::NAME),
                        ));
                        continue;
                    }
                    None => (id.clone(), Expect::New),
                },
            };
            writes.push(write_of::<R>(id, owner, visibility, &record, expect)?);
        }
    }
    if !faults.is_empty() {
        return Err(ApiError::Invalid(faults));
    }
    state
        .store
        .save_items(&writes, &by)
        .await
        .map_err(|e| write_error(e, R::NAME))?;
    Ok(writes.iter().map(|w| w.id.clone()).collect())
}

/// A register with a CSV format (`docs/csv.md`).
pub trait CsvRegister: Register {
    /// The file name of an export.
    const FILE: &'static str;
    /// Reads a file into drafts.
    fn read_csv(bytes: &[u8]) -> Result<Vec<Row<Self::Draft>>, Vec<CsvFault>>;
    /// Writes records.
    fn write_csv(rows: &[(StoredItem, Self::Record)]) -> String;
}

/// The records of `R` the caller may see, as CSV.
pub(crate) async fn export<R: CsvRegister>(state: &AppState, caller: &Principal) -> Result<String, ApiError> {
    Ok(R::write_csv(&all::<R>(state, caller).await?))
}

/// Export metadata of a stored record.
pub(crate) fn meta(item: &StoredItem) -> samenhang_registers::Meta<'_> {
    samenhang_registers::Meta {
        id: &item.id,
        organisation: &item.owner,
        visibility: item.visibility.as_str(),
    }
}
