// SPDX-License-Identifier: EUPL-1.2
//! What the coherence endpoints and pages share: which schemes apply in a region, the facts
//! the analyses in `samenhang_stats::coherence` take, reference types with names, and the
//! analyses themselves put together for one caller.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use samenhang_domain::access::Principal;
use samenhang_domain::codes::RegionCode;
use samenhang_domain::coherence::{Agreement, Body, CommitmentStatus, MoneyKind, Scheme};
use samenhang_domain::registers::Person;
use samenhang_stats::coherence::{self as analysis, BodyFacts, SchemeFacts};
use samenhang_store::registers::{ItemQuery, StoredItem};
use serde::Serialize;
use utoipa::ToSchema;

use crate::api::begrippen::BegripRef;
use crate::api::registers::Register;
use crate::problem::ApiError;
use crate::state::AppState;

/// A reference to a record: id and title.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RecordRef {
    /// Id.
    pub id: String,
    /// Title or name.
    pub titel: String,
}

/// A reference to an organisation: id and name.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct OrganisatieRef {
    /// Id.
    pub id: String,
    /// Name.
    pub naam: String,
}

/// Names the analyses need: organisations and concepts.
pub(crate) struct Names {
    organisations: HashMap<String, String>,
    vocab: std::sync::Arc<crate::taal::VocabView>,
}

impl Names {
    pub(crate) async fn load(state: &AppState) -> Result<Names, ApiError> {
        Ok(Names {
            organisations: state
                .store
                .organisations()
                .await?
                .into_iter()
                .map(|o| (o.id, o.name))
                .collect(),
            vocab: state.vocab(),
        })
    }

    pub(crate) fn organisation(&self, id: &str) -> OrganisatieRef {
        OrganisatieRef {
            id: id.to_string(),
            naam: self.organisations.get(id).cloned().unwrap_or_else(|| id.to_string()),
        }
    }

    pub(crate) fn concept(&self, id: &str) -> BegripRef {
        BegripRef {
            id: id.to_string(),
            voorkeursterm: self.vocab.label(id),
        }
    }
}

/// Every record of a register the caller may read (on one theme, if given), decoded.
pub(crate) async fn records<R: Register>(
    state: &AppState,
    caller: &Principal,
    theme: Option<&str>,
) -> Result<Vec<(StoredItem, R::Record)>, ApiError> {
    let query = ItemQuery {
        theme: theme.map(str::to_string),
        ..ItemQuery::all(R::KIND)
    };
    crate::api::registers::decoded(state, caller, &query).await
}

/// The region codes whose schemes apply to someone in `region` (a gemeente or an
/// arbeidsmarktregio) in the latest classification: the region itself, its gemeenten, and the
/// COROP regions, provincies and arbeidsmarktregio they lie in, and Nederland.
pub(crate) fn covering(state: &AppState, region: RegionCode) -> HashSet<RegionCode> {
    let snap = state.snapshot();
    let year = crate::web::pages::latest_year(&snap);
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

/// The facts of a scheme for the analyses.
pub(crate) fn scheme_facts(item: &StoredItem, s: &Scheme) -> SchemeFacts {
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
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct OverlapCel {
    /// Target group.
    pub doelgroep: BegripRef,
    /// Instrument.
    pub instrument: BegripRef,
    /// The providers.
    pub aanbieders: Vec<OrganisatieRef>,
    /// The schemes.
    pub regelingen: Vec<RecordRef>,
}

/// The schemes an employer meets for one need.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct PerBehoefte {
    /// The need.
    pub behoefte: BegripRef,
    /// Number of schemes.
    pub aantal_regelingen: usize,
    /// The providers.
    pub aanbieders: Vec<OrganisatieRef>,
    /// The schemes.
    pub regelingen: Vec<RecordRef>,
}

/// Two schemes with nearly the same description.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct BijnaGelijk {
    /// One scheme.
    pub a: RecordRef,
    /// The other.
    pub b: RecordRef,
    /// Jaccard similarity of their descriptions (word trigrams), 0–1.
    pub gelijkenis: f64,
}

/// Doe-geld and procesgeld of one organisation or theme.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Geldverdeling {
    /// Organisation id or concept id.
    pub id: String,
    /// Name or preferred label.
    pub naam: String,
    /// Doe-geld in euros.
    pub doe_geld: f64,
    /// Procesgeld in euros.
    pub procesgeld: f64,
    /// Share of doe-geld, 0–1.
    pub aandeel_doe_geld: Option<f64>,
}

/// The fragmentation of schemes in one arbeidsmarktregio.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Versnippering {
    /// The region.
    pub arbeidsmarktregio: crate::api::model::GebiedRef,
    /// Number of schemes that apply there (that you may see).
    pub aantal_regelingen: usize,
    /// Target group × instrument offered by more than one scheme, most providers first.
    pub overlap: Vec<OverlapCel>,
    /// Per need, the schemes an employer meets; most first.
    pub per_behoefte: Vec<PerBehoefte>,
    /// Near-duplicate descriptions (similarity 0.5 or more).
    pub bijna_gelijk: Vec<BijnaGelijk>,
    /// Doe-geld and procesgeld per provider.
    pub geld_per_organisatie: Vec<Geldverdeling>,
    /// Doe-geld and procesgeld per theme (target group, instrument, need).
    pub geld_per_thema: Vec<Geldverdeling>,
}

/// The fragmentation analysis of the schemes that apply in `region` and that `caller` may see.
pub(crate) async fn fragmentation(
    state: &AppState,
    caller: &Principal,
    region: RegionCode,
) -> Result<Versnippering, ApiError> {
    let names = Names::load(state).await?;
    let cover = covering(state, region);
    let schemes: Vec<(StoredItem, Scheme)> = records::<crate::api::regelingen::Schemes>(state, caller, None)
        .await?
        .into_iter()
        .filter(|(_, s)| cover.contains(&s.gebied))
        .collect();
    let titles: HashMap<&str, &str> = schemes.iter().map(|(i, s)| (i.id.as_str(), s.titel.as_str())).collect();
    let refs = |ids: &[String]| -> Vec<RecordRef> {
        ids.iter()
            .map(|id| RecordRef {
                id: id.clone(),
                titel: titles.get(id.as_str()).map_or_else(|| id.clone(), |t| t.to_string()),
            })
            .collect()
    };
    let facts: Vec<SchemeFacts> = schemes.iter().map(|(i, s)| scheme_facts(i, s)).collect();
    let money = |m: analysis::MoneyShare, name: String| Geldverdeling {
        aandeel_doe_geld: m.doing_share(),
        id: m.key,
        naam: name,
        doe_geld: m.doing,
        procesgeld: m.process,
    };
    let snap = state.snapshot();
    Ok(Versnippering {
        arbeidsmarktregio: crate::api::model::GebiedRef {
            code: region.to_string(),
            naam: crate::web::pages::name(&snap, region),
        },
        aantal_regelingen: schemes.len(),
        overlap: analysis::overlap(&facts)
            .into_iter()
            .map(|c| OverlapCel {
                doelgroep: names.concept(&c.target_group),
                instrument: names.concept(&c.instrument),
                aanbieders: c.providers.iter().map(|p| names.organisation(p)).collect(),
                regelingen: refs(&c.schemes),
            })
            .collect(),
        per_behoefte: analysis::per_need(&facts)
            .into_iter()
            .map(|n| PerBehoefte {
                behoefte: names.concept(&n.need),
                aantal_regelingen: n.schemes.len(),
                aanbieders: n.providers.iter().map(|p| names.organisation(p)).collect(),
                regelingen: refs(&n.schemes),
            })
            .collect(),
        bijna_gelijk: analysis::near_duplicates(&facts, 0.5)
            .into_iter()
            .map(|d| BijnaGelijk {
                a: refs(std::slice::from_ref(&d.a)).remove(0),
                b: refs(std::slice::from_ref(&d.b)).remove(0),
                gelijkenis: d.similarity,
            })
            .collect(),
        geld_per_organisatie: analysis::money_by(&facts, |s| vec![s.provider.clone()])
            .into_iter()
            .map(|m| {
                let n = names.organisation(&m.key).naam;
                money(m, n)
            })
            .collect(),
        geld_per_thema: analysis::money_by(&facts, |s| {
            let mut t = s.target_groups.clone();
            t.push(s.instrument.clone());
            t.extend(s.needs.iter().cloned());
            t.sort();
            t.dedup();
            t
        })
        .into_iter()
        .map(|m| {
            let n = names.concept(&m.key).voorkeursterm;
            money(m, n)
        })
        .collect(),
    })
}

/// A commitment that is open after its due date.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Achterstand {
    /// The agreement.
    pub afspraak: RecordRef,
    /// The party that has not delivered.
    pub partij: OrganisatieRef,
    /// What was promised.
    pub toezegging: String,
    /// The due date.
    pub deadline: NaiveDate,
    /// Days past the due date.
    pub dagen_te_laat: i64,
}

/// Per party: open and overdue commitments.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct PartijStand {
    /// The party.
    pub partij: OrganisatieRef,
    /// Commitments still open.
    pub open: usize,
    /// Of which past their due date.
    pub te_laat: usize,
    /// Delivered.
    pub geleverd: usize,
}

/// Who has not yet delivered.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Achterstallig {
    /// The reference date.
    pub peildatum: NaiveDate,
    /// Open commitments past their due date, longest overdue first.
    pub achterstanden: Vec<Achterstand>,
    /// Per party, most overdue first.
    pub per_partij: Vec<PartijStand>,
}

/// Who has not delivered by `today`, over the agreements `caller` may see.
pub(crate) async fn overdue(state: &AppState, caller: &Principal, today: NaiveDate) -> Result<Achterstallig, ApiError> {
    let names = Names::load(state).await?;
    let agreements: Vec<(StoredItem, Agreement)> =
        records::<crate::api::afspraken::Agreements>(state, caller, None).await?;
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
                        late.push(Achterstand {
                            afspraak: RecordRef {
                                id: item.id.clone(),
                                titel: a.titel.clone(),
                            },
                            partij: names.organisation(&c.partij),
                            toezegging: c.omschrijving.clone(),
                            deadline: d,
                            dagen_te_laat: (today - d).num_days(),
                        });
                    }
                }
            }
        }
    }
    late.sort_by(|a, b| {
        b.dagen_te_laat
            .cmp(&a.dagen_te_laat)
            .then_with(|| a.partij.id.cmp(&b.partij.id))
    });
    let mut per_partij: Vec<PartijStand> = per
        .into_iter()
        .map(|(p, (open, te_laat, geleverd))| PartijStand {
            partij: names.organisation(&p),
            open,
            te_laat,
            geleverd,
        })
        .collect();
    per_partij.sort_by(|a, b| {
        (b.te_laat, b.open)
            .cmp(&(a.te_laat, a.open))
            .then_with(|| a.partij.id.cmp(&b.partij.id))
    });
    Ok(Achterstallig {
        peildatum: today,
        achterstanden: late,
        per_partij,
    })
}

/// Hours per year of a person or organisation.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Belasting {
    /// Person or organisation id.
    pub id: String,
    /// Name.
    pub naam: String,
    /// Hours per year in consultation bodies.
    pub uren: f64,
    /// Number of bodies.
    pub overleggen: usize,
}

/// The overlap of two bodies.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct OverlegOverlap {
    /// One body.
    pub a: RecordRef,
    /// The other.
    pub b: RecordRef,
    /// Jaccard of their participants, 0–1.
    pub deelnemers: f64,
    /// Jaccard of their themes, 0–1.
    pub themas: f64,
}

/// A body to merge or drop.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Kandidaat {
    /// The body.
    pub overleg: RecordRef,
    /// samenvoegen or opheffen.
    pub advies: String,
    /// The other body (merge with, or covered by).
    pub met: RecordRef,
    /// Why.
    pub reden: String,
    /// Person-hours per year saved.
    pub uren_bespaard: f64,
}

/// The consultation-body analysis.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct OverlegAnalyse {
    /// Number of bodies (that you may see).
    pub aantal_overleggen: usize,
    /// Hours per year in all of them together (person-hours).
    pub uren_totaal: f64,
    /// Per person, most first.
    pub belasting_per_persoon: Vec<Belasting>,
    /// Per organisation, most first.
    pub belasting_per_organisatie: Vec<Belasting>,
    /// Pairs that share participants or themes.
    pub overlap: Vec<OverlegOverlap>,
    /// Candidates to merge or drop.
    pub kandidaten: Vec<Kandidaat>,
}

/// The bodies `caller` may see as facts, with their participants `caller` may see.
pub(crate) async fn body_facts(
    state: &AppState,
    caller: &Principal,
) -> Result<(Vec<BodyFacts>, HashMap<String, String>), ApiError> {
    let people: HashMap<String, (String, String)> = records::<crate::api::personen::People>(state, caller, None)
        .await?
        .into_iter()
        .map(|(i, p): (StoredItem, Person)| (i.id, (p.naam, i.owner)))
        .collect();
    let bodies: Vec<(StoredItem, Body)> = records::<crate::api::overleggen::Bodies>(state, caller, None).await?;
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
    Ok((facts, people.into_iter().map(|(id, (name, _))| (id, name)).collect()))
}

/// Load, overlap and candidates over the bodies `caller` may see.
pub(crate) async fn body_analysis(state: &AppState, caller: &Principal) -> Result<OverlegAnalyse, ApiError> {
    let names = Names::load(state).await?;
    let (facts, people) = body_facts(state, caller).await?;
    let body_name: HashMap<&str, &str> = facts.iter().map(|b| (b.id.as_str(), b.name.as_str())).collect();
    let body = |id: &str| RecordRef {
        id: id.to_string(),
        titel: body_name.get(id).map_or_else(|| id.to_string(), |n| n.to_string()),
    };
    let load = |l: analysis::Load, name: String| Belasting {
        id: l.key,
        naam: name,
        uren: l.hours,
        overleggen: l.bodies,
    };
    let by_hours_then_name = |mut v: Vec<Belasting>| {
        v.sort_by(|a, b| b.uren.total_cmp(&a.uren).then_with(|| a.naam.cmp(&b.naam)));
        v
    };
    Ok(OverlegAnalyse {
        aantal_overleggen: facts.len(),
        uren_totaal: facts.iter().map(|b| b.hours * b.participants.len() as f64).sum(),
        belasting_per_persoon: by_hours_then_name(
            analysis::load_per_person(&facts)
                .into_iter()
                .map(|l| {
                    let n = people.get(&l.key).cloned().unwrap_or_else(|| l.key.clone());
                    load(l, n)
                })
                .collect(),
        ),
        belasting_per_organisatie: by_hours_then_name(
            analysis::load_per_organisation(&facts)
                .into_iter()
                .map(|l| {
                    let n = names.organisation(&l.key).naam;
                    load(l, n)
                })
                .collect(),
        ),
        overlap: analysis::body_overlap(&facts)
            .into_iter()
            .map(|p| OverlegOverlap {
                a: body(&p.a),
                b: body(&p.b),
                deelnemers: p.participants,
                themas: p.themes,
            })
            .collect(),
        kandidaten: analysis::candidates(&facts)
            .into_iter()
            .map(|c| {
                let (advies, met) = match &c.advice {
                    analysis::Advice::Merge { with } => ("samenvoegen", with.as_str()),
                    analysis::Advice::Drop { into } => ("opheffen", into.as_str()),
                };
                Kandidaat {
                    overleg: body(&c.body),
                    advies: advies.into(),
                    met: body(met),
                    reden: c.reason,
                    uren_bespaard: c.hours_saved,
                }
            })
            .collect(),
    })
}
