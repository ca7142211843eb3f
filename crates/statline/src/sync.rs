// SPDX-License-Identifier: EUPL-1.2
//! Fetching a table live from the CBS OData v4 API (`datasets.cbs.nl/odata/v1/CBS/{id}`) into a
//! directory in the same layout as the shipped captures, so the normal reader imports it.
//!
//! - Metadata: `Properties`, `Dimensions`, `MeasureCodes` and `{Dim}Codes`.
//! - Observations: page by page, following `@odata.nextLink`. Each page is streamed to disk as
//!   it arrives, so memory stays flat.
//! - Retries: network faults, 429 and 5xx are retried with exponential backoff.
//! - Resume: a page is written to `*.part` and renamed when complete; `voortgang.json` records
//!   the next link. A new run continues where the previous one stopped.
//!
//! This module does HTTP and file I/O only; it never touches the database.

use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::{Deserialize, Serialize};
use tokio::io::AsyncWriteExt;

use crate::error::ReadError;
use crate::json_stream::read_page;

/// The live CBS OData v4 base URL.
pub const CBS_V4: &str = "https://datasets.cbs.nl/odata/v1/CBS";

/// How to fetch.
#[derive(Debug, Clone)]
pub struct SyncOptions {
    /// Base URL (default [`CBS_V4`]; tests point it at a local server).
    pub base_url: String,
    /// An OData `$filter` for the observations, to fetch a slice.
    pub filter: Option<String>,
    /// Attempts per request before giving up.
    pub attempts: u32,
    /// First backoff; doubled after every failed attempt.
    pub backoff: Duration,
}

impl Default for SyncOptions {
    fn default() -> Self {
        SyncOptions {
            base_url: CBS_V4.to_string(),
            filter: None,
            attempts: 5,
            backoff: Duration::from_millis(500),
        }
    }
}

/// Progress reports, for a progress bar.
pub trait Progress: Send {
    /// The expected number of observations, when CBS says.
    fn expected(&mut self, observations: Option<u64>);
    /// `rows` more observations arrived.
    fn advance(&mut self, rows: u64);
    /// A request is retried after a fault.
    fn retry(&mut self, url: &str, attempt: u32, fault: &str);
}

/// No progress reports.
pub struct Silent;

impl Progress for Silent {
    fn expected(&mut self, _: Option<u64>) {}
    fn advance(&mut self, _: u64) {}
    fn retry(&mut self, _: &str, _: u32, _: &str) {}
}

#[derive(Serialize, Deserialize, Default)]
struct State {
    /// Number of complete pages on disk.
    pages: u32,
    /// The link to the next page; `None` when all pages are in.
    next: Option<String>,
    /// Whether the observations are complete.
    complete: bool,
    /// Rows so far.
    rows: u64,
}

const STATE: &str = "voortgang.json";

fn io_err(path: &Path, e: impl std::fmt::Display) -> ReadError {
    ReadError::file(&path.display().to_string(), format!("schrijffout: {e}"))
}

/// A table id as CBS writes it: letters and digits only (`03759ned`, `85224NED`).
pub fn valid_table_id(id: &str) -> bool {
    !id.is_empty() && id.len() <= 16 && id.bytes().all(|b| b.is_ascii_alphanumeric())
}

/// Fetches table `id` into `dir` (created if needed). Returns the directory, ready for
/// [`crate::tables::open`].
pub async fn download(
    client: &reqwest::Client,
    id: &str,
    dir: &Path,
    options: &SyncOptions,
    progress: &mut dyn Progress,
) -> Result<PathBuf, ReadError> {
    if !valid_table_id(id) {
        return Err(ReadError::file(
            id,
            "geen geldige CBS-tabelcode: alleen letters en cijfers, bijv. 85224NED",
        ));
    }
    tokio::fs::create_dir_all(dir).await.map_err(|e| io_err(dir, e))?;
    let base = format!("{}/{}", options.base_url.trim_end_matches('/'), id);
    let state_path = dir.join(STATE);
    let mut state: State = match tokio::fs::read(&state_path).await {
        Ok(bytes) => serde_json::from_slice(&bytes).unwrap_or_default(),
        Err(_) => State::default(),
    };

    // Metadata (small files, fetched once).
    for (resource, file) in [
        ("Properties", "properties.json"),
        ("Dimensions", "dimensions.json"),
        ("MeasureCodes", "measure-codes.json"),
    ] {
        fetch_to_file(
            client,
            &format!("{base}/{resource}"),
            &dir.join(file),
            options,
            progress,
        )
        .await?;
    }
    #[derive(Deserialize)]
    struct Dims {
        value: Vec<Dim>,
    }
    #[derive(Deserialize)]
    struct Dim {
        #[serde(rename = "Identifier")]
        identifier: String,
    }
    #[derive(Deserialize)]
    struct Props {
        #[serde(rename = "ObservationCount")]
        observation_count: Option<u64>,
    }
    let dims_path = dir.join("dimensions.json");
    let dims: Dims = serde_json::from_slice(&tokio::fs::read(&dims_path).await.map_err(|e| io_err(&dims_path, e))?)
        .map_err(|e| ReadError::json(&dims_path.display().to_string(), &e))?;
    for d in &dims.value {
        let ok = !d.identifier.is_empty()
            && d.identifier.len() <= 64
            && d.identifier.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
        if !ok {
            return Err(
                ReadError::file(&dims_path.display().to_string(), "ongeldige dimensienaam")
                    .in_record(d.identifier.clone()),
            );
        }
        let file = dir.join(format!("codes-{}.json", d.identifier));
        fetch_to_file(
            client,
            &format!("{base}/{}Codes", d.identifier),
            &file,
            options,
            progress,
        )
        .await?;
        let groups = dir.join(format!("groups-{}.json", d.identifier));
        fetch_optional(
            client,
            &format!("{base}/{}Groups", d.identifier),
            &groups,
            options,
            progress,
        )
        .await?;
    }
    fetch_optional(
        client,
        &format!("{base}/MeasureGroups"),
        &dir.join("measure-groups.json"),
        options,
        progress,
    )
    .await?;
    let props_path = dir.join("properties.json");
    let props: Option<Props> = tokio::fs::read(&props_path)
        .await
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok());
    progress.expected(if options.filter.is_some() {
        None
    } else {
        props.and_then(|p| p.observation_count)
    });
    progress.advance(state.rows);

    // Observations, page by page.
    if !state.complete {
        let mut next = match (&state.next, state.pages) {
            (Some(link), _) => link.clone(),
            (None, 0) => {
                let mut url = reqwest::Url::parse(&format!("{base}/Observations"))
                    .map_err(|e| ReadError::file(&base, format!("ongeldige URL: {e}")))?;
                if let Some(f) = &options.filter {
                    url.query_pairs_mut().append_pair("$filter", f);
                }
                url.to_string()
            }
            (None, _) => String::new(),
        };
        while !next.is_empty() {
            let page = dir.join(format!("observations-page-{}.json", state.pages + 1));
            fetch_to_file_fresh(client, &next, &page, options, progress).await?;
            let name = page.display().to_string();
            let file = std::fs::File::open(&page).map_err(|e| io_err(&page, e))?;
            let info = read_page(std::io::BufReader::new(file), &name, |_, _| Ok(()))?;
            progress.advance(info.rows);
            state.pages += 1;
            state.rows += info.rows;
            state.next = info.next_link.clone();
            state.complete = info.next_link.is_none();
            write_state(&state_path, &state).await?;
            next = info.next_link.unwrap_or_default();
        }
        state.complete = true;
        write_state(&state_path, &state).await?;
    }
    Ok(dir.to_path_buf())
}

async fn write_state(path: &Path, state: &State) -> Result<(), ReadError> {
    let bytes = serde_json::to_vec(state).map_err(|e| io_err(path, e))?;
    let tmp = path.with_extension("json.part");
    tokio::fs::write(&tmp, bytes).await.map_err(|e| io_err(&tmp, e))?;
    tokio::fs::rename(&tmp, path).await.map_err(|e| io_err(path, e))
}

/// Like [`fetch_to_file`], for resources a table may lack (groups): a 404 leaves no file.
async fn fetch_optional(
    client: &reqwest::Client,
    url: &str,
    file: &Path,
    options: &SyncOptions,
    progress: &mut dyn Progress,
) -> Result<(), ReadError> {
    let missing = file.with_extension("ontbreekt");
    if tokio::fs::try_exists(&missing).await.unwrap_or(false) {
        return Ok(());
    }
    match fetch_to_file(client, url, file, options, progress).await {
        Err(e) if e.message.starts_with("HTTP 404") => {
            tokio::fs::write(&missing, b"").await.map_err(|e| io_err(&missing, e))
        }
        other => other,
    }
}

/// Fetches `url` into `file` unless the file is already complete from an earlier run.
async fn fetch_to_file(
    client: &reqwest::Client,
    url: &str,
    file: &Path,
    options: &SyncOptions,
    progress: &mut dyn Progress,
) -> Result<(), ReadError> {
    if tokio::fs::try_exists(file).await.unwrap_or(false) {
        return Ok(());
    }
    fetch_to_file_fresh(client, url, file, options, progress).await
}

/// Fetches `url` into `file`, streaming the body to `file.part` and renaming it when complete.
/// Retries network faults, 429 and 5xx with exponential backoff.
async fn fetch_to_file_fresh(
    client: &reqwest::Client,
    url: &str,
    file: &Path,
    options: &SyncOptions,
    progress: &mut dyn Progress,
) -> Result<(), ReadError> {
    let part = file.with_extension("json.part");
    let mut delay = options.backoff;
    let mut attempt = 0;
    loop {
        attempt += 1;
        let fault = match try_fetch(client, url, &part).await {
            Ok(()) => {
                tokio::fs::rename(&part, file).await.map_err(|e| io_err(file, e))?;
                return Ok(());
            }
            Err(Fetch::Fatal(msg)) => return Err(ReadError::file(url, msg)),
            Err(Fetch::Retry(msg)) => msg,
        };
        if attempt >= options.attempts.max(1) {
            return Err(ReadError::file(url, format!("mislukt na {attempt} pogingen: {fault}")));
        }
        progress.retry(url, attempt, &fault);
        tokio::time::sleep(delay).await;
        delay = delay.saturating_mul(2);
    }
}

enum Fetch {
    Retry(String),
    Fatal(String),
}

async fn try_fetch(client: &reqwest::Client, url: &str, part: &Path) -> Result<(), Fetch> {
    let mut res = client
        .get(url)
        .header("Accept", "application/json")
        .send()
        .await
        .map_err(|e| Fetch::Retry(format!("verbinding mislukt: {e}")))?;
    let status = res.status();
    if status.as_u16() == 429 || status.is_server_error() {
        return Err(Fetch::Retry(format!("HTTP {status}")));
    }
    if !status.is_success() {
        return Err(Fetch::Fatal(format!(
            "HTTP {status}: de tabel of het onderdeel bestaat niet (of is niet toegankelijk)"
        )));
    }
    let mut out = tokio::fs::File::create(part)
        .await
        .map_err(|e| Fetch::Fatal(format!("kan {} niet schrijven: {e}", part.display())))?;
    loop {
        match res.chunk().await {
            Ok(Some(bytes)) => out
                .write_all(&bytes)
                .await
                .map_err(|e| Fetch::Fatal(format!("kan {} niet schrijven: {e}", part.display())))?,
            Ok(None) => break,
            Err(e) => return Err(Fetch::Retry(format!("verbinding verbroken: {e}"))),
        }
    }
    out.flush()
        .await
        .map_err(|e| Fetch::Fatal(format!("kan {} niet schrijven: {e}", part.display())))?;
    Ok(())
}
