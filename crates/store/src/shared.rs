// SPDX-License-Identifier: EUPL-1.2
//! The SQL both backends share. `store_impl!` expands to `impl Store for $store` over a
//! `sqlx::Pool<$db>` field named `pool`. Statements use `$N` placeholders, which SQLite and
//! PostgreSQL both accept; dates bind as `chrono::NaiveDate` (TEXT in SQLite, DATE in PostgreSQL).

/// Rows per multi-row INSERT; well under SQLite's limit on bound variables.
pub(crate) const CHUNK: usize = 400;
/// Observations per multi-row INSERT (7 columns each).
pub(crate) const OBSERVATION_CHUNK: usize = 1000;

macro_rules! store_impl {
    ($store:ty, $db:ty, $backend:literal) => {
        #[async_trait::async_trait]
        impl $crate::Store for $store {
            fn backend(&self) -> &'static str {
                $backend
            }

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
                let mut tx = self.pool.begin().await?;
                let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM gebied").fetch_one(&mut *tx).await?;
                if n > 0 {
                    return Err($crate::StoreError::AlreadyLoaded);
                }
                for chunk in registry.regions.chunks($crate::shared::CHUNK) {
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
                for chunk in registry.memberships.chunks($crate::shared::CHUNK) {
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
                for chunk in registry.reorganisations.chunks($crate::shared::CHUNK) {
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
                for chunk in roles.chunks($crate::shared::CHUNK) {
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
                for chunk in transfers.chunks($crate::shared::CHUNK) {
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
                    .bind(chrono::Utc::now())
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
                                .push(
                                    " AND EXISTS (SELECT 1 FROM lidmaatschap l WHERE l.jaar = ",
                                )
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
                let rows = select.build().fetch_all(&self.pool).await?;
                let items = rows.iter().map(region_from_row).collect::<Result<Vec<_>, _>>()?;
                Ok($crate::Page {
                    items,
                    total: total as u64,
                })
            }

            async fn region(
                &self,
                code: samenhang_domain::RegionCode,
            ) -> Result<Option<samenhang_domain::Region>, $crate::StoreError> {
                let row = sqlx::query("SELECT code, naam, geldig_vanaf, geldig_tot FROM gebied WHERE code = $1")
                    .bind(code.to_string())
                    .fetch_optional(&self.pool)
                    .await?;
                row.as_ref().map(region_from_row).transpose()
            }

            async fn region_names(
                &self,
                codes: &[samenhang_domain::RegionCode],
            ) -> Result<std::collections::HashMap<samenhang_domain::RegionCode, String>, $crate::StoreError> {
                use sqlx::Row;
                let mut out = std::collections::HashMap::new();
                for chunk in codes.chunks($crate::shared::CHUNK) {
                    let mut b: sqlx::QueryBuilder<$db> = sqlx::QueryBuilder::new("SELECT code, naam FROM gebied WHERE code IN (");
                    let mut sep = b.separated(", ");
                    for c in chunk {
                        sep.push_bind(c.to_string());
                    }
                    b.push(")");
                    for row in b.build().fetch_all(&self.pool).await? {
                        let code: String = row.try_get("code")?;
                        out.insert($crate::parse_code(&code)?, row.try_get("naam")?);
                    }
                }
                Ok(out)
            }

            async fn memberships_of(
                &self,
                municipality: samenhang_domain::MunicipalityCode,
            ) -> Result<Vec<samenhang_domain::Membership>, $crate::StoreError> {
                let rows = sqlx::query(
                    "SELECT gemeente, jaar, naam, arbeidsmarktregio, corop, provincie FROM lidmaatschap WHERE gemeente = $1 ORDER BY jaar",
                )
                .bind(municipality.to_string())
                .fetch_all(&self.pool)
                .await?;
                rows.iter().map(membership_from_row).collect()
            }

            async fn members_of(
                &self,
                region: samenhang_domain::RegionCode,
                year: i32,
            ) -> Result<Vec<samenhang_domain::Membership>, $crate::StoreError> {
                let w = region.to_string();
                let everything = region == samenhang_domain::RegionCode::Nederland;
                let rows = sqlx::query(
                    "SELECT gemeente, jaar, naam, arbeidsmarktregio, corop, provincie FROM lidmaatschap \
                     WHERE jaar = $1 AND ($2 OR gemeente = $3 OR arbeidsmarktregio = $3 OR corop = $3 OR provincie = $3) \
                     ORDER BY gemeente",
                )
                .bind(year)
                .bind(everything)
                .bind(w)
                .fetch_all(&self.pool)
                .await?;
                rows.iter().map(membership_from_row).collect()
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
                    total: total as u64,
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

            async fn all_reorganisations(
                &self,
            ) -> Result<Vec<samenhang_domain::Reorganisation>, $crate::StoreError> {
                let ids: Vec<String> = sqlx::query_scalar("SELECT id FROM herindeling ORDER BY datum, id")
                    .fetch_all(&self.pool)
                    .await?;
                self.reorganisations_by_id(&ids).await
            }

            async fn summary(&self) -> Result<$crate::Summary, $crate::StoreError> {
                use sqlx::Row;
                let mut regions_per_kind = Vec::new();
                for row in sqlx::query("SELECT soort, COUNT(*) AS n FROM gebied GROUP BY soort ORDER BY soort")
                    .fetch_all(&self.pool)
                    .await?
                {
                    let kind: String = row.try_get("soort")?;
                    let kind = samenhang_domain::RegionKind::parse(&kind)
                        .ok_or_else(|| $crate::StoreError::Corrupt(format!("onbekende soort '{kind}'")))?;
                    let n: i64 = row.try_get("n")?;
                    regions_per_kind.push((kind, n as u64));
                }
                let row = sqlx::query("SELECT COUNT(*) AS n, MIN(jaar) AS eerste, MAX(jaar) AS laatste FROM lidmaatschap")
                    .fetch_one(&self.pool)
                    .await?;
                let memberships: i64 = row.try_get("n")?;
                let first: Option<i32> = row.try_get("eerste")?;
                let last: Option<i32> = row.try_get("laatste")?;
                let reorganisations: i64 =
                    sqlx::query_scalar("SELECT COUNT(*) FROM herindeling").fetch_one(&self.pool).await?;
                Ok($crate::Summary {
                    backend: $backend,
                    regions_per_kind,
                    memberships: memberships as u64,
                    years: first.zip(last),
                    reorganisations: reorganisations as u64,
                })
            }

            async fn region_codes(&self) -> Result<Vec<samenhang_domain::RegionCode>, $crate::StoreError> {
                let codes: Vec<String> = sqlx::query_scalar("SELECT code FROM gebied ORDER BY code").fetch_all(&self.pool).await?;
                codes.iter().map(|c| $crate::parse_code(c)).collect()
            }

            async fn dataset_hash(&self, id: &str) -> Result<Option<String>, $crate::StoreError> {
                Ok(sqlx::query_scalar("SELECT inhoud_hash FROM bron WHERE id = $1")
                    .bind(id)
                    .fetch_optional(&self.pool)
                    .await?)
            }

            async fn begin_import(
                &self,
                dataset: &samenhang_domain::statistics::Dataset,
                measures: &[samenhang_domain::statistics::Measure],
                codes: &[samenhang_domain::statistics::DimensionCode],
                groups: &[samenhang_domain::statistics::CodeGroup],
                content_hash: &str,
            ) -> Result<Box<dyn $crate::ImportSession>, $crate::StoreError> {
                use sqlx::QueryBuilder;
                let mut tx = self.pool.begin().await?;
                for table in ["waarneming", "maatstaf", "dimensiecode", "dimensiegroep", "bron"] {
                    let column = if table == "bron" { "id" } else { "bron_id" };
                    sqlx::query(&format!("DELETE FROM {table} WHERE {column} = $1"))
                        .bind(&dataset.id)
                        .execute(&mut *tx)
                        .await?;
                }
                sqlx::query(
                    "INSERT INTO bron (id, tabel, titel, omschrijving, gewijzigd, licentie, herkomst, formaat, inhoud_hash, aantal_waarnemingen, geladen_op) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 0, $10)",
                )
                .bind(&dataset.id)
                .bind(&dataset.table)
                .bind(&dataset.title)
                .bind(&dataset.description)
                .bind(&dataset.modified)
                .bind(&dataset.licence)
                .bind(&dataset.source)
                .bind(&dataset.format)
                .bind(content_hash)
                .bind(chrono::Utc::now())
                .execute(&mut *tx)
                .await?;
                for chunk in measures.chunks($crate::shared::CHUNK) {
                    let mut b: QueryBuilder<$db> =
                        QueryBuilder::new("INSERT INTO maatstaf (bron_id, code, titel, eenheid, decimalen, omschrijving, groep) ");
                    b.push_values(chunk, |mut row, m| {
                        row.push_bind(dataset.id.clone())
                            .push_bind(m.code.clone())
                            .push_bind(m.title.clone())
                            .push_bind(m.unit.clone())
                            .push_bind(m.decimals.map(i32::from))
                            .push_bind(m.description.clone())
                            .push_bind(m.group.clone());
                    });
                    b.build().execute(&mut *tx).await?;
                }
                for chunk in codes.chunks($crate::shared::CHUNK) {
                    let mut b: QueryBuilder<$db> = QueryBuilder::new(
                        "INSERT INTO dimensiecode (bron_id, dimensie, code, titel, omschrijving, status, groep) ",
                    );
                    b.push_values(chunk, |mut row, c| {
                        row.push_bind(dataset.id.clone())
                            .push_bind(c.dimension.clone())
                            .push_bind(c.code.clone())
                            .push_bind(c.title.clone())
                            .push_bind(c.description.clone())
                            .push_bind(c.status.clone())
                            .push_bind(c.group.clone());
                    });
                    b.build().execute(&mut *tx).await?;
                }
                for chunk in groups.chunks($crate::shared::CHUNK) {
                    let mut b: QueryBuilder<$db> = QueryBuilder::new(
                        "INSERT INTO dimensiegroep (bron_id, dimensie, id, ouder, titel, omschrijving) ",
                    );
                    b.push_values(chunk, |mut row, g| {
                        row.push_bind(dataset.id.clone())
                            .push_bind(g.dimension.clone())
                            .push_bind(g.id.clone())
                            .push_bind(g.parent.clone())
                            .push_bind(g.title.clone())
                            .push_bind(g.description.clone());
                    });
                    b.build().execute(&mut *tx).await?;
                }
                Ok(Box::new(Session { tx, id: dataset.id.clone() }))
            }

            async fn datasets(&self) -> Result<Vec<$crate::StoredDataset>, $crate::StoreError> {
                let rows = sqlx::query(&format!("{DATASET_SELECT} ORDER BY b.id")).fetch_all(&self.pool).await?;
                rows.iter().map(dataset_from_row).collect()
            }

            async fn dataset(&self, id: &str) -> Result<Option<$crate::StoredDataset>, $crate::StoreError> {
                let row = sqlx::query(&format!("{DATASET_SELECT} WHERE b.id = $1"))
                    .bind(id)
                    .fetch_optional(&self.pool)
                    .await?;
                row.as_ref().map(dataset_from_row).transpose()
            }

            async fn measures(&self, dataset: Option<&str>) -> Result<Vec<$crate::StoredMeasure>, $crate::StoreError> {
                use sqlx::Row;
                let rows = sqlx::query(
                    "SELECT bron_id, code, titel, eenheid, decimalen, omschrijving, groep FROM maatstaf \
                     WHERE ($1 IS NULL OR bron_id = $1) ORDER BY bron_id, code",
                )
                .bind(dataset)
                .fetch_all(&self.pool)
                .await?;
                rows.iter()
                    .map(|row| {
                        let decimals: Option<i32> = row.try_get("decimalen")?;
                        Ok($crate::StoredMeasure {
                            dataset: row.try_get("bron_id")?,
                            measure: samenhang_domain::statistics::Measure {
                                code: row.try_get("code")?,
                                title: row.try_get("titel")?,
                                unit: row.try_get("eenheid")?,
                                decimals: decimals.and_then(|d| u8::try_from(d).ok()),
                                description: row.try_get("omschrijving")?,
                                group: row.try_get("groep")?,
                            },
                        })
                    })
                    .collect()
            }

            async fn dimension_codes(
                &self,
                dataset: &str,
            ) -> Result<Vec<samenhang_domain::statistics::DimensionCode>, $crate::StoreError> {
                use sqlx::Row;
                let rows = sqlx::query(
                    "SELECT dimensie, code, titel, omschrijving, status, groep FROM dimensiecode WHERE bron_id = $1 ORDER BY dimensie, code",
                )
                .bind(dataset)
                .fetch_all(&self.pool)
                .await?;
                rows.iter()
                    .map(|row| {
                        Ok(samenhang_domain::statistics::DimensionCode {
                            dimension: row.try_get("dimensie")?,
                            code: row.try_get("code")?,
                            title: row.try_get("titel")?,
                            description: row.try_get("omschrijving")?,
                            status: row.try_get("status")?,
                            group: row.try_get("groep")?,
                        })
                    })
                    .collect()
            }

            async fn code_groups(
                &self,
                dataset: &str,
            ) -> Result<Vec<samenhang_domain::statistics::CodeGroup>, $crate::StoreError> {
                use sqlx::Row;
                let rows = sqlx::query(
                    "SELECT dimensie, id, ouder, titel, omschrijving FROM dimensiegroep WHERE bron_id = $1 ORDER BY dimensie, id",
                )
                .bind(dataset)
                .fetch_all(&self.pool)
                .await?;
                rows.iter()
                    .map(|row| {
                        Ok(samenhang_domain::statistics::CodeGroup {
                            dimension: row.try_get("dimensie")?,
                            id: row.try_get("id")?,
                            parent: row.try_get("ouder")?,
                            title: row.try_get("titel")?,
                            description: row.try_get("omschrijving")?,
                        })
                    })
                    .collect()
            }

            async fn observations(
                &self,
                dataset: &str,
                measure: &str,
                dimensions: &str,
            ) -> Result<Vec<samenhang_domain::statistics::Observation>, $crate::StoreError> {
                use sqlx::Row;
                let rows = sqlx::query(
                    "SELECT gebied, periode, waarde, status FROM waarneming \
                     WHERE bron_id = $1 AND maatstaf = $2 AND dimensies = $3 ORDER BY gebied, periode",
                )
                .bind(dataset)
                .bind(measure)
                .bind(dimensions)
                .fetch_all(&self.pool)
                .await?;
                rows.iter()
                    .map(|row| {
                        let period: String = row.try_get("periode")?;
                        let status: String = row.try_get("status")?;
                        Ok(samenhang_domain::statistics::Observation {
                            measure: measure.to_string(),
                            region: $crate::parse_code(&row.try_get::<String, _>("gebied")?)?,
                            period: samenhang_domain::statistics::Period::parse(&period)
                                .map_err(|e| $crate::StoreError::Corrupt(e.to_string()))?,
                            dimensions: dimensions.to_string(),
                            value: row.try_get("waarde")?,
                            status: samenhang_domain::statistics::ValueStatus::parse(&status)
                                .ok_or_else(|| $crate::StoreError::Corrupt(format!("status '{status}'")))?,
                        })
                    })
                    .collect()
            }

            async fn count_observations(&self, dataset: &str) -> Result<u64, $crate::StoreError> {
                let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM waarneming WHERE bron_id = $1")
                    .bind(dataset)
                    .fetch_one(&self.pool)
                    .await?;
                Ok(n as u64)
            }

            async fn vocabulary_hash(&self, id: &str) -> Result<Option<String>, $crate::StoreError> {
                Ok(sqlx::query_scalar("SELECT inhoud_hash FROM begrippenkader WHERE id = $1")
                    .bind(id)
                    .fetch_optional(&self.pool)
                    .await?)
            }

            async fn load_vocabulary(
                &self,
                id: &str,
                iri: &str,
                title: &str,
                source: &str,
                content_hash: &str,
                triples: &[(String, String)],
                initial: &[(String, String)],
            ) -> Result<(), $crate::StoreError> {
                use sqlx::QueryBuilder;
                let mut tx = self.pool.begin().await?;
                sqlx::query("DELETE FROM begrip_triple WHERE kader_id = $1").bind(id).execute(&mut *tx).await?;
                let exists: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM begrippenkader WHERE id = $1")
                    .bind(id)
                    .fetch_one(&mut *tx)
                    .await?;
                let now = chrono::Utc::now();
                if exists > 0 {
                    sqlx::query("UPDATE begrippenkader SET iri = $2, titel = $3, herkomst = $4, inhoud_hash = $5, geladen_op = $6 WHERE id = $1")
                        .bind(id).bind(iri).bind(title).bind(source).bind(content_hash).bind(now)
                        .execute(&mut *tx).await?;
                } else {
                    sqlx::query("INSERT INTO begrippenkader (id, iri, titel, herkomst, inhoud_hash, geladen_op) VALUES ($1, $2, $3, $4, $5, $6)")
                        .bind(id).bind(iri).bind(title).bind(source).bind(content_hash).bind(now)
                        .execute(&mut *tx).await?;
                }
                for chunk in triples.chunks($crate::shared::OBSERVATION_CHUNK) {
                    let mut b: QueryBuilder<$db> = QueryBuilder::new("INSERT INTO begrip_triple (kader_id, onderwerp, triple) ");
                    b.push_values(chunk, |mut row, (subject, triple)| {
                        row.push_bind(id.to_string()).push_bind(subject.clone()).push_bind(triple.clone());
                    });
                    b.build().execute(&mut *tx).await?;
                }
                let versioned: std::collections::HashSet<String> =
                    sqlx::query_scalar("SELECT DISTINCT begrip FROM begrip_versie WHERE kader_id = $1")
                        .bind(id)
                        .fetch_all(&mut *tx)
                        .await?
                        .into_iter()
                        .collect();
                let fresh: Vec<&(String, String)> = initial.iter().filter(|(c, _)| !versioned.contains(c)).collect();
                for chunk in fresh.chunks($crate::shared::CHUNK) {
                    let mut b: QueryBuilder<$db> =
                        QueryBuilder::new("INSERT INTO begrip_versie (kader_id, begrip, versie, door, op, wijziging, triples) ");
                    b.push_values(chunk, |mut row, (concept, nt)| {
                        row.push_bind(id.to_string())
                            .push_bind(concept.clone())
                            .push_bind(1i64)
                            .push_bind("import")
                            .push_bind(now)
                            .push_bind(format!("geladen uit {source}"))
                            .push_bind(nt.clone());
                    });
                    b.build().execute(&mut *tx).await?;
                }
                tx.commit().await?;
                Ok(())
            }

            async fn vocabularies(&self) -> Result<Vec<$crate::StoredVocabulary>, $crate::StoreError> {
                use sqlx::Row;
                let mut out = Vec::new();
                for row in sqlx::query("SELECT id, iri, titel, herkomst, inhoud_hash, geladen_op FROM begrippenkader ORDER BY id")
                    .fetch_all(&self.pool)
                    .await?
                {
                    let id: String = row.try_get("id")?;
                    let triples: Vec<(String, String)> =
                        sqlx::query_as("SELECT onderwerp, triple FROM begrip_triple WHERE kader_id = $1 ORDER BY onderwerp, triple")
                            .bind(&id)
                            .fetch_all(&self.pool)
                            .await?;
                    out.push($crate::StoredVocabulary {
                        id,
                        iri: row.try_get("iri")?,
                        title: row.try_get("titel")?,
                        source: row.try_get("herkomst")?,
                        content_hash: row.try_get("inhoud_hash")?,
                        loaded_at: row.try_get("geladen_op")?,
                        triples,
                    });
                }
                Ok(out)
            }

            async fn save_concept(
                &self,
                vocabulary: &str,
                concept: &str,
                subjects: &[String],
                triples: &[(String, String)],
                expected: i64,
                by: &str,
                change: &str,
            ) -> Result<i64, $crate::StoreError> {
                use sqlx::QueryBuilder;
                let mut tx = self.pool.begin().await?;
                let current: Option<i64> =
                    sqlx::query_scalar("SELECT MAX(versie) FROM begrip_versie WHERE kader_id = $1 AND begrip = $2")
                        .bind(vocabulary)
                        .bind(concept)
                        .fetch_one(&mut *tx)
                        .await?;
                let current = current.unwrap_or(0);
                if current != expected {
                    return Err($crate::StoreError::Conflict { current });
                }
                for chunk in subjects.chunks($crate::shared::CHUNK) {
                    let mut b: QueryBuilder<$db> = QueryBuilder::new("DELETE FROM begrip_triple WHERE kader_id = ");
                    b.push_bind(vocabulary.to_string()).push(" AND onderwerp IN (");
                    let mut sep = b.separated(", ");
                    for s in chunk {
                        sep.push_bind(s.clone());
                    }
                    b.push(")");
                    b.build().execute(&mut *tx).await?;
                }
                for chunk in triples.chunks($crate::shared::OBSERVATION_CHUNK) {
                    let mut b: QueryBuilder<$db> = QueryBuilder::new("INSERT INTO begrip_triple (kader_id, onderwerp, triple) ");
                    b.push_values(chunk, |mut row, (subject, triple)| {
                        row.push_bind(vocabulary.to_string()).push_bind(subject.clone()).push_bind(triple.clone());
                    });
                    b.build().execute(&mut *tx).await?;
                }
                let nt: Vec<&str> = triples.iter().map(|(_, t)| t.as_str()).collect();
                let inserted = sqlx::query(
                    "INSERT INTO begrip_versie (kader_id, begrip, versie, door, op, wijziging, triples) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                )
                .bind(vocabulary)
                .bind(concept)
                .bind(expected + 1)
                .bind(by)
                .bind(chrono::Utc::now())
                .bind(change)
                .bind(nt.join("\n"))
                .execute(&mut *tx)
                .await;
                match inserted {
                    Ok(_) => {}
                    // Another writer got the same version number first.
                    Err(sqlx::Error::Database(e)) if e.is_unique_violation() => {
                        return Err($crate::StoreError::Conflict { current: expected + 1 });
                    }
                    Err(e) => return Err(e.into()),
                }
                tx.commit().await?;
                Ok(expected + 1)
            }

            async fn concept_versions(
                &self,
                vocabulary: &str,
                concept: &str,
            ) -> Result<Vec<$crate::ConceptVersion>, $crate::StoreError> {
                use sqlx::Row;
                let rows = sqlx::query(
                    "SELECT versie, door, op, wijziging, triples FROM begrip_versie WHERE kader_id = $1 AND begrip = $2 ORDER BY versie",
                )
                .bind(vocabulary)
                .bind(concept)
                .fetch_all(&self.pool)
                .await?;
                rows.iter()
                    .map(|row| {
                        Ok($crate::ConceptVersion {
                            version: row.try_get("versie")?,
                            by: row.try_get("door")?,
                            at: row.try_get("op")?,
                            change: row.try_get("wijziging")?,
                            triples: row.try_get("triples")?,
                        })
                    })
                    .collect()
            }

            async fn concept_version_numbers(&self, vocabulary: &str) -> Result<Vec<(String, i64)>, $crate::StoreError> {
                let rows: Vec<(String, i64)> = sqlx::query_as(
                    "SELECT begrip, MAX(versie) FROM begrip_versie WHERE kader_id = $1 GROUP BY begrip ORDER BY begrip",
                )
                .bind(vocabulary)
                .fetch_all(&self.pool)
                .await?;
                Ok(rows)
            }
        }

        impl $store {
            /// Loads herindelingen with their gemeenten and transfers, in the order of `ids`.
            async fn reorganisations_by_id(
                &self,
                ids: &[String],
            ) -> Result<Vec<samenhang_domain::Reorganisation>, $crate::StoreError> {
                use sqlx::Row;
                use std::collections::HashMap;
                let mut by_id: HashMap<String, samenhang_domain::Reorganisation> = HashMap::new();
                for chunk in ids.chunks($crate::shared::CHUNK) {
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
                    for row in b.build().fetch_all(&self.pool).await? {
                        let id: String = row.try_get("id")?;
                        let kind: String = row.try_get("soort")?;
                        let kind = samenhang_domain::ReorganisationKind::parse(&kind)
                            .ok_or_else(|| $crate::StoreError::Corrupt(format!("onbekende herindelingssoort '{kind}'")))?;
                        by_id.insert(
                            id.clone(),
                            samenhang_domain::Reorganisation {
                                id,
                                date: row.try_get("datum")?,
                                kind,
                                abolished: vec![],
                                created: vec![],
                                involved: vec![],
                                transfers: vec![],
                                note: row.try_get("toelichting")?,
                            },
                        );
                    }
                    let mut b: sqlx::QueryBuilder<$db> = sqlx::QueryBuilder::new(
                        "SELECT herindeling_id, gemeente, rol FROM herindeling_gemeente WHERE herindeling_id IN (",
                    );
                    in_list(&mut b);
                    b.push(" ORDER BY herindeling_id, gemeente");
                    for row in b.build().fetch_all(&self.pool).await? {
                        let id: String = row.try_get("herindeling_id")?;
                        let code = $crate::parse_municipality(&row.try_get::<String, _>("gemeente")?)?;
                        let rol: String = row.try_get("rol")?;
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
                    for row in b.build().fetch_all(&self.pool).await? {
                        let id: String = row.try_get("herindeling_id")?;
                        let count = |name: &str| -> Result<Option<u32>, $crate::StoreError> {
                            let v: Option<i64> = row.try_get(name)?;
                            v.map(|v| u32::try_from(v).map_err(|_| $crate::StoreError::Corrupt(format!("{name} = {v}"))))
                                .transpose()
                        };
                        let t = samenhang_domain::Transfer {
                            from: $crate::parse_municipality(&row.try_get::<String, _>("van")?)?,
                            to: $crate::parse_municipality(&row.try_get::<String, _>("naar")?)?,
                            hectare: row.try_get("hectare")?,
                            dwellings: count("woningen")?,
                            inhabitants: count("inwoners")?,
                        };
                        if let Some(e) = by_id.get_mut(&id) {
                            e.transfers.push(t);
                        }
                    }
                }
                Ok(ids.iter().filter_map(|id| by_id.remove(id)).collect())
            }
        }

        fn region_from_row(row: &<$db as sqlx::Database>::Row) -> Result<samenhang_domain::Region, $crate::StoreError> {
            use sqlx::Row;
            let code: String = row.try_get("code")?;
            Ok(samenhang_domain::Region {
                code: $crate::parse_code(&code)?,
                name: row.try_get("naam")?,
                valid_from: row.try_get("geldig_vanaf")?,
                valid_until: row.try_get("geldig_tot")?,
            })
        }

        fn membership_from_row(
            row: &<$db as sqlx::Database>::Row,
        ) -> Result<samenhang_domain::Membership, $crate::StoreError> {
            use sqlx::Row;
            let parse = |s: String| -> Result<samenhang_domain::RegionCode, $crate::StoreError> { $crate::parse_code(&s) };
            let am: Option<String> = row.try_get("arbeidsmarktregio")?;
            let corrupt = |what: &str| $crate::StoreError::Corrupt(format!("{what} in lidmaatschap"));
            Ok(samenhang_domain::Membership {
                municipality: $crate::parse_municipality(&row.try_get::<String, _>("gemeente")?)?,
                year: row.try_get("jaar")?,
                name: row.try_get("naam")?,
                labour_market_region: match am.map(parse).transpose()? {
                    Some(samenhang_domain::RegionCode::LabourMarketRegion(c)) => Some(c),
                    None => None,
                    Some(_) => return Err(corrupt("arbeidsmarktregio")),
                },
                corop: match parse(row.try_get("corop")?)? {
                    samenhang_domain::RegionCode::Corop(c) => c,
                    _ => return Err(corrupt("corop")),
                },
                province: match parse(row.try_get("provincie")?)? {
                    samenhang_domain::RegionCode::Province(c) => c,
                    _ => return Err(corrupt("provincie")),
                },
            })
        }

        const DATASET_SELECT: &str = "SELECT b.id, b.tabel, b.titel, b.omschrijving, b.gewijzigd, b.licentie, b.herkomst, b.formaat, \
             b.inhoud_hash, b.aantal_waarnemingen, b.geladen_op, \
             (SELECT COUNT(*) FROM maatstaf m WHERE m.bron_id = b.id) AS aantal_maatstaven FROM bron b";

        fn dataset_from_row(row: &<$db as sqlx::Database>::Row) -> Result<$crate::StoredDataset, $crate::StoreError> {
            use sqlx::Row;
            let observations: i64 = row.try_get("aantal_waarnemingen")?;
            let measures: i64 = row.try_get("aantal_maatstaven")?;
            Ok($crate::StoredDataset {
                dataset: samenhang_domain::statistics::Dataset {
                    id: row.try_get("id")?,
                    table: row.try_get("tabel")?,
                    title: row.try_get("titel")?,
                    description: row.try_get("omschrijving")?,
                    modified: row.try_get("gewijzigd")?,
                    licence: row.try_get("licentie")?,
                    source: row.try_get("herkomst")?,
                    format: row.try_get("formaat")?,
                },
                content_hash: row.try_get("inhoud_hash")?,
                observations: observations as u64,
                loaded_at: row.try_get("geladen_op")?,
                measures: measures as u64,
            })
        }

        struct Session {
            tx: sqlx::Transaction<'static, $db>,
            id: String,
        }

        #[async_trait::async_trait]
        impl $crate::ImportSession for Session {
            async fn insert(
                &mut self,
                batch: &[samenhang_domain::statistics::Observation],
            ) -> Result<(), $crate::StoreError> {
                for chunk in batch.chunks($crate::shared::OBSERVATION_CHUNK) {
                    let mut b: sqlx::QueryBuilder<$db> = sqlx::QueryBuilder::new(
                        "INSERT INTO waarneming (bron_id, maatstaf, gebied, periode, dimensies, waarde, status) ",
                    );
                    b.push_values(chunk, |mut row, o| {
                        row.push_bind(self.id.clone())
                            .push_bind(o.measure.clone())
                            .push_bind(o.region.to_string())
                            .push_bind(o.period.to_string())
                            .push_bind(o.dimensions.clone())
                            .push_bind(o.value)
                            .push_bind(o.status.as_str());
                    });
                    b.build().execute(&mut *self.tx).await?;
                }
                Ok(())
            }

            async fn commit(mut self: Box<Self>, observations: u64) -> Result<(), $crate::StoreError> {
                sqlx::query("UPDATE bron SET aantal_waarnemingen = $1, geladen_op = $2 WHERE id = $3")
                    .bind(observations as i64)
                    .bind(chrono::Utc::now())
                    .bind(&self.id)
                    .execute(&mut *self.tx)
                    .await?;
                self.tx.commit().await?;
                Ok(())
            }
        }
    };
}
