-- SPDX-License-Identifier: EUPL-1.2
-- The begrippenkader: each scheme's RDF graph as N-Triples, by subject, and every concept's
-- version history.
CREATE TABLE begrippenkader (
    id           TEXT PRIMARY KEY,
    iri          TEXT NOT NULL,
    titel        TEXT NOT NULL,
    herkomst     TEXT NOT NULL,
    inhoud_hash  TEXT NOT NULL,
    geladen_op   TIMESTAMPTZ NOT NULL
);

CREATE TABLE begrip_triple (
    kader_id  TEXT NOT NULL REFERENCES begrippenkader (id),
    onderwerp TEXT NOT NULL,
    triple    TEXT NOT NULL
);
CREATE INDEX begrip_triple_onderwerp ON begrip_triple (kader_id, onderwerp);

CREATE TABLE begrip_versie (
    kader_id     TEXT NOT NULL REFERENCES begrippenkader (id),
    begrip       TEXT NOT NULL,
    versie       BIGINT NOT NULL,
    door         TEXT NOT NULL,
    op           TIMESTAMPTZ NOT NULL,
    wijziging    TEXT NOT NULL,
    triples      TEXT NOT NULL,
    PRIMARY KEY (kader_id, begrip, versie)
);
