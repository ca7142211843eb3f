// SPDX-License-Identifier: EUPL-1.2
//! The region registry: regions, the yearly memberships of gemeenten, and herindelingen
//! ([`RegionStore`]), with the SQL both backends share (`regions_impl!`).

use std::collections::HashMap;

use async_trait::async_trait;
use samenhang_domain::codes::{MunicipalityCode, RegionCode, RegionKind};
use samenhang_domain::{Membership, Region, RegionRegistry, Reorganisation, ReorganisationKind};

use crate::{Page, Paging, StoreError};

/// Filters for listing regions.
#[derive(Debug, Clone, PartialEq)]
pub struct RegionQuery {
    /// Only regions of this kind.
    pub kind: Option<RegionKind>,
    /// Only regions that exist in this year's classification (1 January); also the year used
    /// for names and for `within`.
    pub year: Option<i32>,
    /// Only regions that lie in (or, for non-gemeenten, overlap) this region in `year`.
    pub within: Option<(RegionCode, i32)>,
    /// Case- and accent-insensitive substring of the name or code.
    pub search: Option<String>,
    /// Which page.
    pub paging: Paging,
}

impl RegionQuery {
    /// Every region, on one page.
    pub fn all() -> RegionQuery {
        RegionQuery {
            kind: None,
            year: None,
            within: None,
            search: None,
            paging: Paging::ALL,
        }
    }
}

/// Filters for listing herindelingen.
#[derive(Debug, Clone, PartialEq)]
pub struct ReorganisationQuery {
    /// Only events in this calendar year.
    pub year: Option<i32>,
    /// Only events involving this gemeente.
    pub municipality: Option<MunicipalityCode>,
    /// Only events of this kind.
    pub kind: Option<ReorganisationKind>,
    /// Which page.
    pub paging: Paging,
}

/// Counts for `samenhang check`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    /// Backend name.
    pub backend: &'static str,
    /// Regions per kind.
    pub regions_per_kind: Vec<(RegionKind, u64)>,
    /// Membership rows.
    pub memberships: u64,
    /// First and last membership year.
    pub years: Option<(i32, i32)>,
    /// Herindelingen.
    pub reorganisations: u64,
}

/// The region registry.
#[async_trait]
pub trait RegionStore: Send + Sync {
    /// Whether the region registry has been loaded.
    async fn regions_loaded(&self) -> Result<bool, StoreError>;
    /// Loads the region registry into an empty database, in one transaction.
    async fn load_regions(&self, registry: &RegionRegistry, source: &str) -> Result<(), StoreError>;
    /// Lists regions.
    async fn list_regions(&self, query: &RegionQuery) -> Result<Page<Region>, StoreError>;
    /// One region.
    async fn region(&self, code: RegionCode) -> Result<Option<Region>, StoreError>;
    /// Names of the given regions (codes not found are left out).
    async fn region_names(&self, codes: &[RegionCode]) -> Result<HashMap<RegionCode, String>, StoreError>;
    /// A gemeente's membership in every year, oldest first.
    async fn memberships_of(&self, municipality: MunicipalityCode) -> Result<Vec<Membership>, StoreError>;
    /// The gemeenten that lie in `region` in `year`, by code.
    async fn members_of(&self, region: RegionCode, year: i32) -> Result<Vec<Membership>, StoreError>;
    /// Lists herindelingen, oldest first.
    async fn list_reorganisations(&self, query: &ReorganisationQuery) -> Result<Page<Reorganisation>, StoreError>;
    /// One herindeling.
    async fn reorganisation(&self, id: &str) -> Result<Option<Reorganisation>, StoreError>;
    /// All herindelingen involving a gemeente, oldest first.
    async fn reorganisations_of(&self, municipality: MunicipalityCode) -> Result<Vec<Reorganisation>, StoreError>;
    /// All herindelingen, oldest first (to build the lineage at start-up).
    async fn all_reorganisations(&self) -> Result<Vec<Reorganisation>, StoreError>;
    /// Counts for a health summary.
    async fn summary(&self) -> Result<Summary, StoreError>;
    /// Every region code in the registry.
    async fn region_codes(&self) -> Result<Vec<RegionCode>, StoreError>;
}

#[derive(sqlx::FromRow)]
pub(crate) struct RegionRow {
    code: String,
    naam: String,
    geldig_vanaf: Option<chrono::NaiveDate>,
    geldig_tot: Option<chrono::NaiveDate>,
}

impl TryFrom<RegionRow> for Region {
    type Error = StoreError;
    fn try_from(r: RegionRow) -> Result<Region, StoreError> {
        Ok(Region {
            code: crate::parse_code(&r.code)?,
            name: r.naam,
            valid_from: r.geldig_vanaf,
            valid_until: r.geldig_tot,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct MembershipRow {
    gemeente: String,
    jaar: i32,
    naam: String,
    arbeidsmarktregio: Option<String>,
    corop: String,
    provincie: String,
}

impl TryFrom<MembershipRow> for Membership {
    type Error = StoreError;
    fn try_from(r: MembershipRow) -> Result<Membership, StoreError> {
        let corrupt = |what: &str| StoreError::Corrupt(format!("{what} in lidmaatschap"));
        Ok(Membership {
            municipality: crate::parse_municipality(&r.gemeente)?,
            year: r.jaar,
            name: r.naam,
            labour_market_region: match r.arbeidsmarktregio.as_deref().map(crate::parse_code).transpose()? {
                Some(RegionCode::LabourMarketRegion(c)) => Some(c),
                None => None,
                Some(_) => return Err(corrupt("arbeidsmarktregio")),
            },
            corop: match crate::parse_code(&r.corop)? {
                RegionCode::Corop(c) => c,
                _ => return Err(corrupt("corop")),
            },
            province: match crate::parse_code(&r.provincie)? {
                RegionCode::Province(c) => c,
                _ => return Err(corrupt("provincie")),
            },
        })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct ReorganisationRow {
    pub(crate) id: String,
    datum: chrono::NaiveDate,
    soort: String,
    toelichting: Option<String>,
}

impl TryFrom<ReorganisationRow> for Reorganisation {
    type Error = StoreError;
    fn try_from(r: ReorganisationRow) -> Result<Reorganisation, StoreError> {
        let kind = ReorganisationKind::parse(&r.soort)
            .ok_or_else(|| StoreError::Corrupt(format!("onbekende herindelingssoort '{}'", r.soort)))?;
        Ok(Reorganisation {
            id: r.id,
            date: r.datum,
            kind,
            abolished: vec![],
            created: vec![],
            involved: vec![],
            transfers: vec![],
            note: r.toelichting,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct TransferRow {
    pub(crate) herindeling_id: String,
    van: String,
    naar: String,
    hectare: Option<f64>,
    woningen: Option<i64>,
    inwoners: Option<i64>,
}

impl TryFrom<TransferRow> for samenhang_domain::Transfer {
    type Error = StoreError;
    fn try_from(r: TransferRow) -> Result<samenhang_domain::Transfer, StoreError> {
        let count = |name: &str, v: Option<i64>| -> Result<Option<u32>, StoreError> {
            v.map(|v| u32::try_from(v).map_err(|_| StoreError::Corrupt(format!("{name} = {v}"))))
                .transpose()
        };
        Ok(samenhang_domain::Transfer {
            from: crate::parse_municipality(&r.van)?,
            to: crate::parse_municipality(&r.naar)?,
            hectare: r.hectare,
            dwellings: count("woningen", r.woningen)?,
            inhabitants: count("inwoners", r.inwoners)?,
        })
    }
}

macro_rules! regions_impl {
    ($store:ty, $db:ty, $backend:literal) => {
        #[async_trait::async_trait]
        impl $crate::regions::RegionStore for $store {
            async fn regions_loaded(&self) -> Result<bool, $crate::StoreError> {
                let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM gebied").fetch_one(&self.pool).await?;
                Ok(n > 0)
            }

            async fn load_regions(
                &self,
                registry: &samenhang_domain::RegionRegistry,
                source: &str,
            ) -> Result<(), $crate::StoreError> {
                use samenhang_domain::region::fold_for_search;
                use sqlx::QueryBuilder;
                let mut tx = self.begin_write().await?;
                let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM gebied").fetch_one(&mut *tx).await?;
                if n > 0 {
                    return Err($crate::StoreError::AlreadyLoaded);
                }
                for chunk in registry.regions.chunks($crate::CHUNK) {
                    let mut b: QueryBuilder<$db> =
                        QueryBuilder::new("INSERT INTO gebied (code, soort, naam, zoeknaam, geldig_vanaf, geldig_tot) ");
                    b.push_values(chunk, |mut row, r| {
                        row.push_bind(r.code.to_string())
                            .push_bind(r.kind().as_str())
                            .push_bind(r.name.clone())
                            .push_bind(format!("{} {}", fold_for_search(&r.name), fold_for_search(&r.code.to_string())))
                            .push_bind(r.valid_from)
                            .push_bind(r.valid_until);
                    });
                    b.build().execute(&mut *tx).await?;
                }
                for chunk in registry.memberships.chunks($crate::CHUNK) {
                    let mut b: QueryBuilder<$db> = QueryBuilder::new(
                        "INSERT INTO lidmaatschap (gemeente, jaar, naam, arbeidsmarktregio, corop, provincie) ",
                    );
                    b.push_values(chunk, |mut row, m| {
                        row.push_bind(m.municipality.to_string())
                            .push_bind(m.year)
                            .push_bind(m.name.clone())
                            .push_bind(m.labour_market_region.map(|c| c.to_string()))
                            .push_bind(m.corop.to_string())
                            .push_bind(m.province.to_string());
                    });
                    b.build().execute(&mut *tx).await?;
                }
                for chunk in registry.reorganisations.chunks($crate::CHUNK) {
                    let mut b: QueryBuilder<$db> =
                        QueryBuilder::new("INSERT INTO herindeling (id, datum, soort, toelichting) ");
                    b.push_values(chunk, |mut row, e| {
                        row.push_bind(e.id.clone())
                            .push_bind(e.date)
                            .push_bind(e.kind.as_str())
                            .push_bind(e.note.clone());
                    });
                    b.build().execute(&mut *tx).await?;
                }
                let roles: Vec<(String, String, &'static str)> = registry
                    .reorganisations
                    .iter()
                    .flat_map(|e| {
                        let id = e.id.clone();
                        e.abolished
                            .iter()
                            .map(move |c| (c, "opgeheven"))
                            .chain(e.created.iter().map(|c| (c, "nieuw")))
                            .chain(e.involved.iter().map(|c| (c, "betrokken")))
                            .map(move |(c, rol)| (id.clone(), c.to_string(), rol))
                    })
                    .collect();
                for chunk in roles.chunks($crate::CHUNK) {
                    let mut b: QueryBuilder<$db> =
                        QueryBuilder::new("INSERT INTO herindeling_gemeente (herindeling_id, gemeente, rol) ");
                    b.push_values(chunk, |mut row, (id, code, rol)| {
                        row.push_bind(id.clone()).push_bind(code.clone()).push_bind(*rol);
                    });
                    b.build().execute(&mut *tx).await?;
                }
                let transfers: Vec<(&str, i64, &samenhang_domain::Transfer)> = registry
                    .reorganisations
                    .iter()
                    .flat_map(|e| e.transfers.iter().enumerate().map(move |(i, t)| (e.id.as_str(), i as i64, t)))
                    .collect();
                for chunk in transfers.chunks($crate::CHUNK) {
                    let mut b: QueryBuilder<$db> = QueryBuilder::new(
                        "INSERT INTO herindeling_overgang (herindeling_id, volgnummer, van, naar, hectare, woningen, inwoners) ",
                    );
                    b.push_values(chunk, |mut row, (id, i, t)| {
                        row.push_bind(id.to_string())
                            .push_bind(*i)
                            .push_bind(t.from.to_string())
                            .push_bind(t.to.to_string())
                            .push_bind(t.hectare)
                            .push_bind(t.dwellings.map(i64::from))
                            .push_bind(t.inhabitants.map(i64::from));
                    });
                    b.build().execute(&mut *tx).await?;
                }
                sqlx::query("INSERT INTO gegevensset (naam, geladen_op, bron) VALUES ($1, $2, $3)")
                    .bind("gebieden")
                    .bind($crate::now())
                    .bind(source)
                    .execute(&mut *tx)
                    .await?;
                tx.commit().await?;
                Ok(())
            }

            async fn list_regions(
                &self,
                query: &$crate::RegionQuery,
            ) -> Result<$crate::Page<samenhang_domain::Region>, $crate::StoreError> {
                use sqlx::QueryBuilder;
                fn push_filters(b: &mut QueryBuilder<'_, $db>, q: &$crate::RegionQuery) {
                    b.push(" FROM gebied g");
                    if let Some(year) = q.year {
                        b.push(" LEFT JOIN lidmaatschap ly ON ly.gemeente = g.code AND ly.jaar = ");
                        b.push_bind(year);
                    }
                    b.push(" WHERE 1 = 1");
                    if let Some(kind) = q.kind {
                        b.push(" AND g.soort = ").push_bind(kind.as_str());
                    }
                    if let Some(day) = q.year.and_then(samenhang_domain::region::reference_date) {
                        b.push(" AND (g.geldig_vanaf IS NULL OR g.geldig_vanaf <= ")
                            .push_bind(day)
                            .push(") AND (g.geldig_tot IS NULL OR g.geldig_tot > ")
                            .push_bind(day)
                            .push(")");
                    }
                    if let Some((within, year)) = q.within {
                        if within != samenhang_domain::RegionCode::Nederland {
                            let w = within.to_string();
                            b.push(" AND g.code <> ")
                                .push_bind(w.clone())
                                .push(" AND EXISTS (SELECT 1 FROM lidmaatschap l WHERE l.jaar = ")
                                .push_bind(year)
                                .push(
                                    " AND (l.gemeente = g.code OR l.arbeidsmarktregio = g.code OR l.corop = g.code OR l.provincie = g.code)",
                                )
                                .push(" AND (l.gemeente = ")
                                .push_bind(w.clone())
                                .push(" OR l.arbeidsmarktregio = ")
                                .push_bind(w.clone())
                                .push(" OR l.corop = ")
                                .push_bind(w.clone())
                                .push(" OR l.provincie = ")
                                .push_bind(w)
                                .push("))");
                        }
                    }
                    if let Some(search) = &q.search {
                        b.push(" AND g.zoeknaam LIKE ")
                            .push_bind($crate::like_pattern(search))
                            .push(" ESCAPE '\\'");
                    }
                }
                let mut count: QueryBuilder<$db> = QueryBuilder::new("SELECT COUNT(*)");
                push_filters(&mut count, query);
                let total: i64 = count.build_query_scalar().fetch_one(&self.pool).await?;
                let mut select: QueryBuilder<$db> = QueryBuilder::new(if query.year.is_some() {
                    "SELECT g.code, COALESCE(ly.naam, g.naam) AS naam, g.geldig_vanaf, g.geldig_tot"
                } else {
                    "SELECT g.code, g.naam, g.geldig_vanaf, g.geldig_tot"
                });
                push_filters(&mut select, query);
                select
                    .push(" ORDER BY g.code LIMIT ")
                    .push_bind(i64::from(query.paging.page_size))
                    .push(" OFFSET ")
                    .push_bind(query.paging.offset());
                let rows: Vec<$crate::regions::RegionRow> = select.build_query_as().fetch_all(&self.pool).await?;
                Ok($crate::Page {
                    items: rows.into_iter().map(TryInto::try_into).collect::<Result<_, _>>()?,
                    total: $crate::count(total),
                })
            }

            async fn region(
                &self,
                code: samenhang_domain::RegionCode,
            ) -> Result<Option<samenhang_domain::Region>, $crate::StoreError> {
                let row: Option<$crate::regions::RegionRow> =
                    sqlx::query_as("SELECT code, naam, geldig_vanaf, geldig_tot FROM gebied WHERE code = $1")
                        .bind(code.to_string())
                        .fetch_optional(&self.pool)
                        .await?;
                row.map(TryInto::try_into).transpose()
            }

            async fn region_names(
                &self,
                codes: &[samenhang_domain::RegionCode],
            ) -> Result<std::collections::HashMap<samenhang_domain::RegionCode, String>, $crate::StoreError> {
                let mut out = std::collections::HashMap::new();
                for chunk in codes.chunks($crate::CHUNK) {
                    let mut b: sqlx::QueryBuilder<$db> =
                        sqlx::QueryBuilder::new("SELECT code, naam FROM gebied WHERE code IN (");
                    let mut sep = b.separated(", ");
                    for c in chunk {
                        sep.push_bind(c.to_string());
                    }
                    b.push(")");
                    let rows: Vec<(String, String)> = b.build_query_as().fetch_all(&self.pool).await?;
                    for (code, name) in rows {
                        out.insert($crate::parse_code(&code)?, name);
                    }
                }
                Ok(out)
            }

            async fn memberships_of(
                &self,
                municipality: samenhang_domain::MunicipalityCode,
            ) -> Result<Vec<samenhang_domain::Membership>, $crate::StoreError> {
                let rows: Vec<$crate::regions::MembershipRow> = sqlx::query_as(
                    "SELECT gemeente, jaar, naam, arbeidsmarktregio, corop, provincie FROM lidmaatschap WHERE gemeente = $1 ORDER BY jaar",
                )
                .bind(municipality.to_string())
                .fetch_all(&self.pool)
                .await?;
                rows.into_iter().map(TryInto::try_into).collect()
            }

            async fn members_of(
                &self,
                region: samenhang_domain::RegionCode,
                year: i32,
            ) -> Result<Vec<samenhang_domain::Membership>, $crate::StoreError> {
                let w = region.to_string();
                let everything = region == samenhang_domain::RegionCode::Nederland;
                let rows: Vec<$crate::regions::MembershipRow> = sqlx::query_as(
                    "SELECT gemeente, jaar, naam, arbeidsmarktregio, corop, provincie FROM lidmaatschap \
                     WHERE jaar = $1 AND ($2 OR gemeente = $3 OR arbeidsmarktregio = $3 OR corop = $3 OR provincie = $3) \
                     ORDER BY gemeente",
                )
                .bind(year)
                .bind(everything)
                .bind(w)
                .fetch_all(&self.pool)
                .await?;
                rows.into_iter().map(TryInto::try_into).collect()
            }

            async fn list_reorganisations(
                &self,
                query: &$crate::ReorganisationQuery,
            ) -> Result<$crate::Page<samenhang_domain::Reorganisation>, $crate::StoreError> {
                use sqlx::QueryBuilder;
                fn push_filters(b: &mut QueryBuilder<'_, $db>, q: &$crate::ReorganisationQuery) {
                    b.push(" FROM herindeling h WHERE 1 = 1");
                    if let Some(year) = q.year {
                        if let (Some(from), Some(to)) = (
                            samenhang_domain::region::reference_date(year),
                            samenhang_domain::region::reference_date(year + 1),
                        ) {
                            b.push(" AND h.datum >= ").push_bind(from).push(" AND h.datum < ").push_bind(to);
                        }
                    }
                    if let Some(kind) = q.kind {
                        b.push(" AND h.soort = ").push_bind(kind.as_str());
                    }
                    if let Some(m) = q.municipality {
                        b.push(" AND EXISTS (SELECT 1 FROM herindeling_gemeente hg WHERE hg.herindeling_id = h.id AND hg.rol = 'betrokken' AND hg.gemeente = ")
                            .push_bind(m.to_string())
                            .push(")");
                    }
                }
                let mut count: QueryBuilder<$db> = QueryBuilder::new("SELECT COUNT(*)");
                push_filters(&mut count, query);
                let total: i64 = count.build_query_scalar().fetch_one(&self.pool).await?;
                let mut select: QueryBuilder<$db> = QueryBuilder::new("SELECT h.id");
                push_filters(&mut select, query);
                select
                    .push(" ORDER BY h.datum, h.id LIMIT ")
                    .push_bind(i64::from(query.paging.page_size))
                    .push(" OFFSET ")
                    .push_bind(query.paging.offset());
                let ids: Vec<String> = select.build_query_scalar().fetch_all(&self.pool).await?;
                Ok($crate::Page {
                    items: self.reorganisations_by_id(&ids).await?,
                    total: $crate::count(total),
                })
            }

            async fn reorganisation(
                &self,
                id: &str,
            ) -> Result<Option<samenhang_domain::Reorganisation>, $crate::StoreError> {
                Ok(self.reorganisations_by_id(&[id.to_string()]).await?.into_iter().next())
            }

            async fn reorganisations_of(
                &self,
                municipality: samenhang_domain::MunicipalityCode,
            ) -> Result<Vec<samenhang_domain::Reorganisation>, $crate::StoreError> {
                let ids: Vec<String> = sqlx::query_scalar(
                    "SELECT h.id FROM herindeling h JOIN herindeling_gemeente hg ON hg.herindeling_id = h.id \
                     WHERE hg.rol = 'betrokken' AND hg.gemeente = $1 ORDER BY h.datum, h.id",
                )
                .bind(municipality.to_string())
                .fetch_all(&self.pool)
                .await?;
                self.reorganisations_by_id(&ids).await
            }

            async fn all_reorganisations(&self) -> Result<Vec<samenhang_domain::Reorganisation>, $crate::StoreError> {
                let ids: Vec<String> = sqlx::query_scalar("SELECT id FROM herindeling ORDER BY datum, id")
                    .fetch_all(&self.pool)
                    .await?;
                self.reorganisations_by_id(&ids).await
            }

            async fn summary(&self) -> Result<$crate::Summary, $crate::StoreError> {
                let mut regions_per_kind = Vec::new();
                let rows: Vec<(String, i64)> =
                    sqlx::query_as("SELECT soort, COUNT(*) AS n FROM gebied GROUP BY soort ORDER BY soort")
                        .fetch_all(&self.pool)
                        .await?;
                for (kind, n) in rows {
                    let kind = samenhang_domain::RegionKind::parse(&kind)
                        .ok_or_else(|| $crate::StoreError::Corrupt(format!("onbekende soort '{kind}'")))?;
                    regions_per_kind.push((kind, $crate::count(n)));
                }
                let (memberships, first, last): (i64, Option<i32>, Option<i32>) =
                    sqlx::query_as("SELECT COUNT(*) AS n, MIN(jaar) AS eerste, MAX(jaar) AS laatste FROM lidmaatschap")
                        .fetch_one(&self.pool)
                        .await?;
                let reorganisations: i64 =
                    sqlx::query_scalar("SELECT COUNT(*) FROM herindeling").fetch_one(&self.pool).await?;
                Ok($crate::Summary {
                    backend: $backend,
                    regions_per_kind,
                    memberships: $crate::count(memberships),
                    years: first.zip(last),
                    reorganisations: $crate::count(reorganisations),
                })
            }

            async fn region_codes(&self) -> Result<Vec<samenhang_domain::RegionCode>, $crate::StoreError> {
                let codes: Vec<String> =
                    sqlx::query_scalar("SELECT code FROM gebied ORDER BY code").fetch_all(&self.pool).await?;
                codes.iter().map(|c| $crate::parse_code(c)).collect()
            }
        }

        impl $store {
            /// Loads herindelingen with their gemeenten and transfers, in the order of `ids`.
            async fn reorganisations_by_id(
                &self,
                ids: &[String],
            ) -> Result<Vec<samenhang_domain::Reorganisation>, $crate::StoreError> {
                use std::collections::HashMap;
                let mut by_id: HashMap<String, samenhang_domain::Reorganisation> = HashMap::new();
                for chunk in ids.chunks($crate::CHUNK) {
                    let in_list = |b: &mut sqlx::QueryBuilder<'_, $db>| {
                        let mut sep = b.separated(", ");
                        for id in chunk {
                            sep.push_bind(id.clone());
                        }
                        b.push(")");
                    };
                    let mut b: sqlx::QueryBuilder<$db> =
                        sqlx::QueryBuilder::new("SELECT id, datum, soort, toelichting FROM herindeling WHERE id IN (");
                    in_list(&mut b);
                    let rows: Vec<$crate::regions::ReorganisationRow> = b.build_query_as().fetch_all(&self.pool).await?;
                    for row in rows {
                        let e: samenhang_domain::Reorganisation = row.try_into()?;
                        by_id.insert(e.id.clone(), e);
                    }
                    let mut b: sqlx::QueryBuilder<$db> = sqlx::QueryBuilder::new(
                        "SELECT herindeling_id, gemeente, rol FROM herindeling_gemeente WHERE herindeling_id IN (",
                    );
                    in_list(&mut b);
                    b.push(" ORDER BY herindeling_id, gemeente");
                    let rows: Vec<(String, String, String)> = b.build_query_as().fetch_all(&self.pool).await?;
                    for (id, gemeente, rol) in rows {
                        let code = $crate::parse_municipality(&gemeente)?;
                        if let Some(e) = by_id.get_mut(&id) {
                            match rol.as_str() {
                                "opgeheven" => e.abolished.push(code),
                                "nieuw" => e.created.push(code),
                                _ => e.involved.push(code),
                            }
                        }
                    }
                    let mut b: sqlx::QueryBuilder<$db> = sqlx::QueryBuilder::new(
                        "SELECT herindeling_id, van, naar, hectare, woningen, inwoners FROM herindeling_overgang WHERE herindeling_id IN (",
                    );
                    in_list(&mut b);
                    b.push(" ORDER BY herindeling_id, volgnummer");
                    let rows: Vec<$crate::regions::TransferRow> = b.build_query_as().fetch_all(&self.pool).await?;
                    for row in rows {
                        let id = row.herindeling_id.clone();
                        let t: samenhang_domain::Transfer = row.try_into()?;
                        if let Some(e) = by_id.get_mut(&id) {
                            e.transfers.push(t);
                        }
                    }
                }
                Ok(ids.iter().filter_map(|id| by_id.remove(id)).collect())
            }
        }
    };
}
