// SPDX-License-Identifier: EUPL-1.2
//! The begrippenkader: each scheme's RDF graph as N-Triples lines by subject, and every
//! concept's versions ([`VocabularyStore`]). SQL shared by both backends in `vocabulary_impl!`.

use async_trait::async_trait;

use crate::StoreError;

/// A begrippenkader as stored: its graph as N-Triples lines, with their subjects.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredVocabulary {
    /// Short id.
    pub id: String,
    /// IRI of the scheme.
    pub iri: String,
    /// Title.
    pub title: String,
    /// Where it was loaded from.
    pub source: String,
    /// SHA-256 of the loaded file.
    pub content_hash: String,
    /// When it was loaded.
    pub loaded_at: chrono::DateTime<chrono::Utc>,
    /// (subject, N-Triples line).
    pub triples: Vec<(String, String)>,
}

/// One version of a concept.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct ConceptVersion {
    /// Version number, from 1.
    #[sqlx(rename = "versie")]
    pub version: i64,
    /// Who made it.
    #[sqlx(rename = "door")]
    pub by: String,
    /// When.
    #[sqlx(rename = "op")]
    pub at: chrono::DateTime<chrono::Utc>,
    /// What changed.
    #[sqlx(rename = "wijziging")]
    pub change: String,
    /// The concept's triples after the change (N-Triples).
    pub triples: String,
}

/// Begrippenkaders and their history.
#[async_trait]
pub trait VocabularyStore: Send + Sync {
    /// The content hash of a loaded begrippenkader.
    async fn vocabulary_hash(&self, id: &str) -> Result<Option<String>, StoreError>;

    /// Loads (or replaces) a begrippenkader in one transaction, and records version 1 of every
    /// concept that has no history yet (`initial`: concept IRI and its N-Triples).
    #[allow(clippy::too_many_arguments)]
    async fn load_vocabulary(
        &self,
        id: &str,
        iri: &str,
        title: &str,
        source: &str,
        content_hash: &str,
        triples: &[(String, String)],
        initial: &[(String, String)],
    ) -> Result<(), StoreError>;

    /// Every begrippenkader with its triples.
    async fn vocabularies(&self) -> Result<Vec<StoredVocabulary>, StoreError>;

    /// Replaces the triples of `subjects` with `triples` and records a new version of
    /// `concept`, if its current version is `expected`; else [`StoreError::Conflict`].
    /// Returns the new version.
    #[allow(clippy::too_many_arguments)]
    async fn save_concept(
        &self,
        vocabulary: &str,
        concept: &str,
        subjects: &[String],
        triples: &[(String, String)],
        expected: i64,
        by: &str,
        change: &str,
    ) -> Result<i64, StoreError>;

    /// The versions of a concept, oldest first.
    async fn concept_versions(&self, vocabulary: &str, concept: &str) -> Result<Vec<ConceptVersion>, StoreError>;

    /// The current version of every concept of a begrippenkader: (concept IRI, version).
    async fn concept_version_numbers(&self, vocabulary: &str) -> Result<Vec<(String, i64)>, StoreError>;

    /// A number that grows with every change of any begrippenkader (see
    /// [`crate::StatisticsStore::figures_version`]).
    async fn vocabulary_version(&self) -> Result<i64, StoreError>;
}

#[derive(sqlx::FromRow)]
pub(crate) struct VocabularyRow {
    pub(crate) id: String,
    iri: String,
    titel: String,
    herkomst: String,
    inhoud_hash: String,
    geladen_op: chrono::DateTime<chrono::Utc>,
}

impl VocabularyRow {
    pub(crate) fn with_triples(self, triples: Vec<(String, String)>) -> StoredVocabulary {
        StoredVocabulary {
            id: self.id,
            iri: self.iri,
            title: self.titel,
            source: self.herkomst,
            content_hash: self.inhoud_hash,
            loaded_at: self.geladen_op,
            triples,
        }
    }
}

macro_rules! vocabulary_impl {
    ($store:ty, $db:ty) => {
        #[async_trait::async_trait]
        impl $crate::vocabulary::VocabularyStore for $store {
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
                let mut tx = self.begin_write().await?;
                sqlx::query("DELETE FROM begrip_triple WHERE kader_id = $1").bind(id).execute(&mut *tx).await?;
                let exists: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM begrippenkader WHERE id = $1")
                    .bind(id)
                    .fetch_one(&mut *tx)
                    .await?;
                let now = $crate::now();
                let sql = if exists > 0 {
                    "UPDATE begrippenkader SET iri = $2, titel = $3, herkomst = $4, inhoud_hash = $5, geladen_op = $6 WHERE id = $1"
                } else {
                    "INSERT INTO begrippenkader (id, iri, titel, herkomst, inhoud_hash, geladen_op) VALUES ($1, $2, $3, $4, $5, $6)"
                };
                sqlx::query(sql)
                    .bind(id)
                    .bind(iri)
                    .bind(title)
                    .bind(source)
                    .bind(content_hash)
                    .bind(now)
                    .execute(&mut *tx)
                    .await?;
                for chunk in triples.chunks($crate::OBSERVATION_CHUNK) {
                    let mut b: QueryBuilder<$db> =
                        QueryBuilder::new("INSERT INTO begrip_triple (kader_id, onderwerp, triple) ");
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
                for chunk in fresh.chunks($crate::CHUNK) {
                    let mut b: QueryBuilder<$db> = QueryBuilder::new(
                        "INSERT INTO begrip_versie (kader_id, begrip, versie, door, op, wijziging, triples) ",
                    );
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
                bump_counter(&mut tx, "begrippen").await?;
                tx.commit().await?;
                Ok(())
            }

            async fn vocabularies(&self) -> Result<Vec<$crate::StoredVocabulary>, $crate::StoreError> {
                let rows: Vec<$crate::vocabulary::VocabularyRow> = sqlx::query_as(
                    "SELECT id, iri, titel, herkomst, inhoud_hash, geladen_op FROM begrippenkader ORDER BY id",
                )
                .fetch_all(&self.pool)
                .await?;
                let mut out = Vec::with_capacity(rows.len());
                for row in rows {
                    let triples: Vec<(String, String)> = sqlx::query_as(
                        "SELECT onderwerp, triple FROM begrip_triple WHERE kader_id = $1 ORDER BY onderwerp, triple",
                    )
                    .bind(&row.id)
                    .fetch_all(&self.pool)
                    .await?;
                    out.push(row.with_triples(triples));
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
                let mut tx = self.begin_write().await?;
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
                // The version row first: its primary key makes a second writer with the same
                // expected version fail here, before it touches the triples.
                let nt: Vec<&str> = triples.iter().map(|(_, t)| t.as_str()).collect();
                let inserted = sqlx::query(
                    "INSERT INTO begrip_versie (kader_id, begrip, versie, door, op, wijziging, triples) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING",
                )
                .bind(vocabulary)
                .bind(concept)
                .bind(expected + 1)
                .bind(by)
                .bind($crate::now())
                .bind(change)
                .bind(nt.join("\n"))
                .execute(&mut *tx)
                .await?;
                if inserted.rows_affected() == 0 {
                    return Err($crate::StoreError::Conflict { current: expected + 1 });
                }
                for chunk in subjects.chunks($crate::CHUNK) {
                    let mut b: QueryBuilder<$db> = QueryBuilder::new("DELETE FROM begrip_triple WHERE kader_id = ");
                    b.push_bind(vocabulary.to_string()).push(" AND onderwerp IN (");
                    let mut sep = b.separated(", ");
                    for s in chunk {
                        sep.push_bind(s.clone());
                    }
                    b.push(")");
                    b.build().execute(&mut *tx).await?;
                }
                for chunk in triples.chunks($crate::OBSERVATION_CHUNK) {
                    let mut b: QueryBuilder<$db> =
                        QueryBuilder::new("INSERT INTO begrip_triple (kader_id, onderwerp, triple) ");
                    b.push_values(chunk, |mut row, (subject, triple)| {
                        row.push_bind(vocabulary.to_string())
                            .push_bind(subject.clone())
                            .push_bind(triple.clone());
                    });
                    b.build().execute(&mut *tx).await?;
                }
                bump_counter(&mut tx, "begrippen").await?;
                tx.commit().await?;
                Ok(expected + 1)
            }

            async fn concept_versions(
                &self,
                vocabulary: &str,
                concept: &str,
            ) -> Result<Vec<$crate::ConceptVersion>, $crate::StoreError> {
                Ok(sqlx::query_as(
                    "SELECT versie, door, op, wijziging, triples FROM begrip_versie WHERE kader_id = $1 AND begrip = $2 ORDER BY versie",
                )
                .bind(vocabulary)
                .bind(concept)
                .fetch_all(&self.pool)
                .await?)
            }

            async fn concept_version_numbers(&self, vocabulary: &str) -> Result<Vec<(String, i64)>, $crate::StoreError> {
                Ok(sqlx::query_as(
                    "SELECT begrip, MAX(versie) FROM begrip_versie WHERE kader_id = $1 GROUP BY begrip ORDER BY begrip",
                )
                .bind(vocabulary)
                .fetch_all(&self.pool)
                .await?)
            }

            async fn vocabulary_version(&self) -> Result<i64, $crate::StoreError> {
                let v: Option<i64> = sqlx::query_scalar("SELECT teller FROM wijzigingsteller WHERE naam = 'begrippen'")
                    .fetch_optional(&self.pool)
                    .await?;
                Ok(v.unwrap_or(0))
            }
        }
    };
}
