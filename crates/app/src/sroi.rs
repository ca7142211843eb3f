// SPDX-License-Identifier: EUPL-1.2
//! SROI use-cases: the realisation of an obligation from the contributions the caller may see,
//! each valued with the table in force on the obligation's tender date, step by step, with the
//! part fulfilled by the contractor's PSO and the forecast at the current pace; and the overview
//! of every obligation the caller may see, with those behind or ending soon first and totals per
//! client, contractor, arbeidsmarktregio and target group.

use std::collections::HashMap;

use chrono::{Datelike, Months, NaiveDate};
use samenhang_domain::access::Principal;
use samenhang_domain::codes::RegionCode;
use samenhang_domain::ondernemers::Company;
use samenhang_domain::sroi::{
    forecast, pso_standing, realisation_status, ContributionRecord, Obligation, PsoStanding, RealisationStatus,
    Valuation, ValuationTable, CONTRIBUTION_KINDS,
};
use samenhang_store::items::{ItemQuery, StoredItem};

use crate::analyses::{Named, Names};
use crate::records::decoded;
use crate::{App, AppError};

/// One contribution with its value, or why it has none.
#[derive(Debug, Clone)]
pub struct Valued {
    /// The stored contribution.
    pub item: StoredItem,
    /// The contribution.
    pub record: ContributionRecord,
    /// Its value under the obligation's table, or the reason there is none.
    pub value: Result<Valuation, String>,
}

/// An obligation's realisation.
#[derive(Debug, Clone)]
pub struct Realisation {
    /// The obligation in euros.
    pub obligation: f64,
    /// The table the contributions are valued with.
    pub table: Option<ValuationTable>,
    /// The contributions, by start date.
    pub contributions: Vec<Valued>,
    /// The part the client counts as fulfilled by the contractor's PSO, in euros: the agreed
    /// share, while the contractor's certificate holds.
    pub pso: f64,
    /// Why the agreed PSO share does not count now (no trede known to the caller, or an
    /// expired certificate); `None` when it counts or none is agreed.
    pub pso_note: Option<String>,
    /// The total value of the contributions and the PSO part.
    pub done: f64,
    /// What will have been realised by the end date if the pace so far holds.
    pub forecast: Option<f64>,
    /// What is left of the obligation (not below zero).
    pub remaining: f64,
    /// The amount expected by today on a straight line over the contract's period.
    pub expected: Option<f64>,
    /// Where it stands.
    pub status: RealisationStatus,
    /// The contractor's PSO standing, when the caller may see the company and it has one.
    pub contractor_pso: Option<PsoStanding>,
}

/// Obligation `id`, if the caller may read it, and its realisation.
pub async fn realisation_of(app: &App, caller: &Principal, id: &str) -> Result<(StoredItem, Realisation), AppError> {
    let kind = crate::kinds::by_kind("sroi-verplichting")
        .ok_or_else(|| AppError::NotFound("Er is geen register van SROI-verplichtingen.".into()))?;
    let item = crate::records::find(app, caller, kind, id).await?;
    let obligation: Obligation = serde_json::from_str(&item.data).map_err(|e| AppError::Internal(Box::new(e)))?;
    let r = realisation(app, caller, &item.id, &obligation).await?;
    Ok((item, r))
}

/// The realisation of obligation `id` (whose record the caller may read).
pub async fn realisation(
    app: &App,
    caller: &Principal,
    id: &str,
    obligation: &Obligation,
) -> Result<Realisation, AppError> {
    let query = ItemQuery {
        linked_to: Some(("sroi-verplichting".into(), id.into())),
        ..ItemQuery::all("sroi-inzet")
    };
    let contributions: Vec<_> = decoded::<ContributionRecord>(app, caller, &query)
        .await?
        .into_iter()
        .filter(|(_, c)| c.verplichting == id)
        .collect();
    let today = crate::records::today();
    let contractor = match crate::kinds::by_kind("onderneming") {
        Some(kind) => crate::records::find(app, caller, kind, &obligation.opdrachtnemer)
            .await
            .ok()
            .and_then(|item| serde_json::from_str::<Company>(&item.data).ok()),
        None => None,
    };
    Ok(realise(app, obligation, contributions, contractor.as_ref(), today))
}

/// The realisation of `obligation` from these contributions to it, on `today`.
fn realise(
    app: &App,
    obligation: &Obligation,
    contributions: Vec<(StoredItem, ContributionRecord)>,
    contractor: Option<&Company>,
    today: NaiveDate,
) -> Realisation {
    let tables = app.sroi_tables();
    let table = crate::kinds::sroi_table_of(app, &tables, obligation).cloned();
    let mut contributions: Vec<Valued> = contributions
        .into_iter()
        .map(|(item, record)| {
            let value = match &table {
                Some(t) => samenhang_domain::sroi::value(t, &record.contribution()).map_err(|e| e.to_string()),
                None => Err("Er is geen waarderingstabel voor deze verplichting: de inzet heeft geen waarde.".into()),
            };
            Valued { item, record, value }
        })
        .collect();
    contributions.sort_by(|a, b| (a.record.begindatum, &a.item.title).cmp(&(b.record.begindatum, &b.item.title)));
    let amount = obligation.amount();
    let contractor_pso = contractor.and_then(|c| {
        pso_standing(
            &app.pso_norms(),
            c.pso_niveau.as_deref(),
            c.pso_geldig_tot,
            c.medewerkers,
            c.doelgroep_aandeel,
            today,
        )
    });
    // The agreed PSO share counts while the contractor holds a valid trede.
    let agreed = obligation.pso_amount();
    let (pso, pso_note) = match &contractor_pso {
        _ if agreed <= 0.0 => (0.0, None),
        Some(p) if p.trede.is_some() && p.geldig != Some(false) => (agreed, None),
        Some(p) if p.trede.is_some() => (
            0.0,
            Some("Het PSO-deel telt niet: het PSO-certificaat van de opdrachtnemer is verlopen.".to_string()),
        ),
        _ => (
            0.0,
            Some("Het PSO-deel telt niet: van de opdrachtnemer is geen PSO-trede bekend die u kunt zien.".to_string()),
        ),
    };
    let valued = |c: &Valued| c.value.as_ref().ok().map(|v| v.total);
    let done: f64 = pso + contributions.iter().filter_map(valued).sum::<f64>();
    let (status, expected) = realisation_status(amount, done, obligation.begindatum, obligation.einddatum, today);
    // The pace is what has been earned so far (a candidate's value pro rata over the days of
    // its contract that have passed); the forecast is at least what is already committed.
    let earned: f64 = contributions
        .iter()
        .filter_map(|c| valued(c).map(|v| v * earned_share(&c.record, today)))
        .sum();
    let forecast = if done >= amount {
        Some(done)
    } else {
        forecast(earned, obligation.begindatum, obligation.einddatum, today).map(|f| (f + pso).max(done))
    };
    Realisation {
        obligation: amount,
        table,
        contributions,
        pso,
        pso_note,
        done,
        forecast,
        remaining: (amount - done).max(0.0),
        expected,
        status,
        contractor_pso,
    }
}

/// The part of a contribution's value earned by `today`: a candidate's by the days of its
/// contract that have passed, a purchase (a start date only) in full from that date.
fn earned_share(c: &ContributionRecord, today: NaiveDate) -> f64 {
    match (c.begindatum, c.einddatum) {
        (Some(b), Some(e)) if e >= b => {
            let total = (e - b).num_days() + 1;
            let passed = ((today - b).num_days() + 1).clamp(0, total);
            passed as f64 / total as f64
        }
        (Some(b), _) => f64::from(u8::from(b <= today)),
        (None, _) => 1.0,
    }
}

/// One obligation in the overview.
#[derive(Debug, Clone)]
pub struct Row {
    /// The stored obligation.
    pub item: StoredItem,
    /// The obligation.
    pub obligation: Obligation,
    /// The client, named.
    pub client: Named,
    /// The contractor, named (its id when the caller may not see it).
    pub contractor: Named,
    /// Its realisation.
    pub realisation: Realisation,
    /// Whether it needs attention: behind, past its end unrealised, or ending within three
    /// months without being realised.
    pub attention: bool,
}

/// A total over obligations or contributions that share something.
#[derive(Debug, Clone, PartialEq)]
pub struct Total {
    /// What they share, named.
    pub by: Named,
    /// How many obligations or contributions.
    pub count: usize,
    /// The obligations in euros (for contributions: 0).
    pub obligation: f64,
    /// Realised, in euros.
    pub done: f64,
}

/// Every SROI obligation the caller may see with its realisation, those needing attention
/// first, and the totals per client, contractor, arbeidsmarktregio and target group.
#[derive(Debug, Clone)]
pub struct Overview {
    /// The obligations: needing attention first, then by end date.
    pub rows: Vec<Row>,
    /// Per client.
    pub per_client: Vec<Total>,
    /// Per contractor.
    pub per_contractor: Vec<Total>,
    /// Per arbeidsmarktregio of the obligation's gemeente (in the tender year).
    pub per_region: Vec<Total>,
    /// Per kind of contribution (target group), valued contributions only.
    pub per_kind: Vec<Total>,
}

/// The overview of the obligations the caller may see, on `today`.
pub async fn overview(app: &App, caller: &Principal, today: NaiveDate) -> Result<Overview, AppError> {
    let obligations = decoded::<Obligation>(app, caller, &ItemQuery::all("sroi-verplichting")).await?;
    let mut by_obligation: HashMap<String, Vec<(StoredItem, ContributionRecord)>> = HashMap::new();
    for (item, c) in decoded::<ContributionRecord>(app, caller, &ItemQuery::all("sroi-inzet")).await? {
        by_obligation.entry(c.verplichting.clone()).or_default().push((item, c));
    }
    let companies: HashMap<String, (String, Company)> = decoded::<Company>(app, caller, &ItemQuery::all("onderneming"))
        .await?
        .into_iter()
        .map(|(item, c)| (item.id.clone(), (item.title, c)))
        .collect();
    let names = Names::load(app).await?;
    let snap = app.snapshot();
    let mut rows: Vec<Row> = obligations
        .into_iter()
        .map(|(item, o)| {
            let contractor = companies.get(&o.opdrachtnemer);
            let realisation = realise(
                app,
                &o,
                by_obligation.remove(&item.id).unwrap_or_default(),
                contractor.map(|(_, c)| c),
                today,
            );
            row(&names, item, o, contractor.map(|(t, _)| t.as_str()), realisation, today)
        })
        .collect();
    sort_rows(&mut rows);
    let total = |key: &dyn Fn(&Row) -> Named| {
        let mut t: Vec<Total> = Vec::new();
        for r in &rows {
            let by = key(r);
            match t.iter_mut().find(|x| x.by == by) {
                Some(x) => {
                    x.count += 1;
                    x.obligation += r.realisation.obligation;
                    x.done += r.realisation.done;
                }
                None => t.push(Total {
                    by,
                    count: 1,
                    obligation: r.realisation.obligation,
                    done: r.realisation.done,
                }),
            }
        }
        t.sort_by(|a, b| b.obligation.total_cmp(&a.obligation).then_with(|| a.by.cmp(&b.by)));
        t
    };
    let region_of = |r: &Row| {
        let year = r.obligation.aanbestedingsdatum.year().min(crate::latest_year(&snap));
        let am = snap
            .memberships(year)
            .iter()
            .find(|m| RegionCode::from(m.municipality) == r.obligation.gebied)
            .and_then(|m| m.labour_market_region)
            .map(RegionCode::from);
        match am {
            Some(code) => Named {
                id: code.to_string(),
                name: snap
                    .regions
                    .position(code)
                    .map_or_else(|| code.to_string(), |i| snap.regions.name(i).to_string()),
            },
            None => Named {
                id: String::new(),
                name: "Zonder arbeidsmarktregio".into(),
            },
        }
    };
    let per_client = total(&|r: &Row| r.client.clone());
    let per_contractor = total(&|r: &Row| r.contractor.clone());
    let per_region = total(&region_of);
    let mut per_kind: Vec<Total> = Vec::new();
    for c in rows.iter().flat_map(|r| &r.realisation.contributions) {
        let Ok(v) = &c.value else { continue };
        let label = CONTRIBUTION_KINDS
            .iter()
            .find(|k| k.value == c.record.soort)
            .map_or(c.record.soort.clone(), |k| k.label.to_string());
        match per_kind.iter_mut().find(|x| x.by.id == c.record.soort) {
            Some(x) => {
                x.count += 1;
                x.done += v.total;
            }
            None => per_kind.push(Total {
                by: Named {
                    id: c.record.soort.clone(),
                    name: label,
                },
                count: 1,
                obligation: 0.0,
                done: v.total,
            }),
        }
    }
    per_kind.sort_by(|a, b| b.done.total_cmp(&a.done).then_with(|| a.by.cmp(&b.by)));
    Ok(Overview {
        rows,
        per_client,
        per_contractor,
        per_region,
        per_kind,
    })
}

/// An obligation with its realisation as a line of the overview; `contractor` is the company's
/// name when the caller may see it.
fn row(
    names: &Names,
    item: StoredItem,
    obligation: Obligation,
    contractor: Option<&str>,
    realisation: Realisation,
    today: NaiveDate,
) -> Row {
    let soon = today.checked_add_months(Months::new(3)).unwrap_or(today);
    let ending = obligation.einddatum.is_some_and(|e| e >= today && e <= soon);
    let attention = matches!(
        realisation.status,
        RealisationStatus::Achter | RealisationStatus::Verlopen
    ) || (ending && realisation.status != RealisationStatus::Gerealiseerd);
    Row {
        client: names.organisation(&obligation.opdrachtgever),
        contractor: Named {
            id: obligation.opdrachtnemer.clone(),
            name: contractor.map_or_else(|| obligation.opdrachtnemer.clone(), str::to_string),
        },
        item,
        obligation,
        realisation,
        attention,
    }
}

/// The obligations of `query` (a theme, or those that name one company) that the caller may
/// see, each with its realisation on `today`, those needing attention first. For the few
/// obligations of a theme or a company page; the whole register is [`overview`].
pub async fn rows(app: &App, caller: &Principal, query: &ItemQuery, today: NaiveDate) -> Result<Vec<Row>, AppError> {
    let obligations = decoded::<Obligation>(app, caller, query).await?;
    let names = Names::load(app).await?;
    let company = crate::kinds::by_kind("onderneming");
    let realised = futures_util::future::try_join_all(obligations.into_iter().map(|(item, o)| async {
        let contractor = match company {
            Some(kind) => crate::records::find(app, caller, kind, &o.opdrachtnemer).await.ok(),
            None => None,
        };
        let realisation = realisation(app, caller, &item.id, &o).await?;
        Ok::<_, AppError>((item, o, contractor.map(|c| c.title), realisation))
    }))
    .await?;
    let mut out: Vec<Row> = realised
        .into_iter()
        .map(|(item, o, contractor, r)| row(&names, item, o, contractor.as_deref(), r, today))
        .collect();
    sort_rows(&mut out);
    Ok(out)
}

/// Needing attention first, then by end date (open-ended last), then by title.
fn sort_rows(rows: &mut [Row]) {
    rows.sort_by(|a, b| {
        (
            !a.attention,
            a.obligation.einddatum.is_none(),
            a.obligation.einddatum,
            &a.item.title,
        )
            .cmp(&(
                !b.attention,
                b.obligation.einddatum.is_none(),
                b.obligation.einddatum,
                &b.item.title,
            ))
    });
}

/// Euros with a decimal comma and no grouping, for a spreadsheet.
fn sheet_euro(v: f64) -> String {
    format!("{v:.2}").replace('.', ",")
}

/// The overview as a file Dutch Excel opens (`;`, UTF-8 with BOM, decimal comma): one line per
/// obligation with its rule, table, realisation and status, for a review of the registration.
pub fn export(overview: &Overview) -> Vec<u8> {
    let header = [
        "id",
        "contract",
        "opdrachtgever",
        "opdrachtnemer",
        "gemeente",
        "aanbestedingsdatum",
        "begindatum",
        "einddatum",
        "contractwaarde",
        "regel",
        "waarderingstabel",
        "verplichting",
        "pso",
        "inzet",
        "aantal inzet",
        "inzet zonder waarde",
        "gerealiseerd",
        "nog te doen",
        "prognose einddatum",
        "status",
        "aandacht",
    ];
    let date = |d: Option<NaiveDate>| d.map(|d| d.format("%d-%m-%Y").to_string()).unwrap_or_default();
    let rows: Vec<Vec<String>> = overview
        .rows
        .iter()
        .map(|r| {
            let o = &r.obligation;
            let x = &r.realisation;
            let valued: f64 = x
                .contributions
                .iter()
                .filter_map(|c| c.value.as_ref().ok())
                .map(|v| v.total)
                .sum();
            vec![
                r.item.id.clone(),
                r.item.title.clone(),
                r.client.name.clone(),
                r.contractor.name.clone(),
                o.gebied.to_string(),
                date(Some(o.aanbestedingsdatum)),
                date(o.begindatum),
                date(o.einddatum),
                sheet_euro(o.contractwaarde),
                o.rule_text(),
                x.table
                    .as_ref()
                    .map(|t| format!("{} (versie {})", t.naam, t.versie))
                    .unwrap_or_default(),
                sheet_euro(x.obligation),
                sheet_euro(x.pso),
                sheet_euro(valued),
                x.contributions.len().to_string(),
                x.contributions.iter().filter(|c| c.value.is_err()).count().to_string(),
                sheet_euro(x.done),
                sheet_euro(x.remaining),
                x.forecast.map(sheet_euro).unwrap_or_default(),
                x.status.label().to_string(),
                if r.attention { "ja" } else { "nee" }.to_string(),
            ]
        })
        .collect();
    samenhang_registers::write_lines(&header, &rows)
}

/// One valuation table version, as the page of tables shows it.
#[derive(Debug, Clone)]
pub struct TableVersion {
    /// The table.
    pub table: ValuationTable,
    /// The register record that holds it; `None` for a table shipped in `data/sroi/`.
    pub record: Option<String>,
    /// The names of its areas, in its order.
    pub areas: Vec<String>,
    /// Its last day: its own end, or the day before the next version starts.
    pub until: Option<NaiveDate>,
}

/// Every valuation table version, shipped and registered, by table and version.
pub fn table_versions(app: &App) -> Vec<TableVersion> {
    let all = app.sroi_tables();
    let registered = app.registered_sroi_tables();
    let snap = app.snapshot();
    let mut out: Vec<TableVersion> = all
        .iter()
        .map(|t| TableVersion {
            table: t.clone(),
            record: registered
                .iter()
                .find(|(_, r)| r.id == t.id && r.versie == t.versie)
                .map(|(id, _)| id.clone()),
            areas: t
                .gebieden
                .iter()
                .map(|g| RegionCode::parse(g).map_or_else(|_| g.clone(), |c| crate::region_name(&snap, c)))
                .collect(),
            until: samenhang_domain::sroi::last_day(&all, t),
        })
        .collect();
    out.sort_by(|a, b| (&a.table.id, a.table.versie).cmp(&(&b.table.id, b.table.versie)));
    out
}
