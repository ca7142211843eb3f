-- SPDX-License-Identifier: EUPL-1.2
-- Statistics: CBS tables (bronnen), their measures, dimension codes and observations.
CREATE TABLE bron (
    id                  TEXT PRIMARY KEY,
    tabel               TEXT NOT NULL,
    titel               TEXT NOT NULL,
    omschrijving        TEXT NOT NULL,
    gewijzigd           TEXT,
    licentie            TEXT NOT NULL,
    herkomst            TEXT NOT NULL,
    formaat             TEXT NOT NULL,
    inhoud_hash         TEXT NOT NULL,
    aantal_waarnemingen BIGINT NOT NULL,
    geladen_op          TIMESTAMPTZ NOT NULL
);

CREATE TABLE maatstaf (
    bron_id      TEXT NOT NULL REFERENCES bron (id),
    code         TEXT NOT NULL,
    titel        TEXT NOT NULL,
    eenheid      TEXT NOT NULL,
    decimalen    INTEGER,
    omschrijving TEXT NOT NULL,
    groep        TEXT,
    PRIMARY KEY (bron_id, code)
);

CREATE TABLE dimensiecode (
    bron_id      TEXT NOT NULL REFERENCES bron (id),
    dimensie     TEXT NOT NULL,
    code         TEXT NOT NULL,
    titel        TEXT NOT NULL,
    omschrijving TEXT NOT NULL,
    status       TEXT NOT NULL,
    groep        TEXT,
    PRIMARY KEY (bron_id, dimensie, code)
);

-- CBS's hierarchy of codes and measures ({Dim}Groups, MeasureGroups).
CREATE TABLE dimensiegroep (
    bron_id      TEXT NOT NULL REFERENCES bron (id),
    dimensie     TEXT NOT NULL,
    id           TEXT NOT NULL,
    ouder        TEXT,
    titel        TEXT NOT NULL,
    omschrijving TEXT NOT NULL,
    PRIMARY KEY (bron_id, dimensie, id)
);

CREATE TABLE waarneming (
    bron_id   TEXT NOT NULL,
    maatstaf  TEXT NOT NULL,
    gebied    TEXT NOT NULL,
    periode   TEXT NOT NULL,
    dimensies TEXT NOT NULL,
    waarde    DOUBLE PRECISION,
    status    TEXT NOT NULL,
    PRIMARY KEY (bron_id, maatstaf, dimensies, gebied, periode)
);
