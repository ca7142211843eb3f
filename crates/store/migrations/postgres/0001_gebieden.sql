-- SPDX-License-Identifier: EUPL-1.2
-- Region registry: regions, yearly memberships of gemeenten, herindelingen.
CREATE TABLE gebied (
    code          TEXT PRIMARY KEY,
    soort         TEXT NOT NULL,
    naam          TEXT NOT NULL,
    zoeknaam      TEXT NOT NULL,
    geldig_vanaf  DATE,
    geldig_tot    DATE
);
CREATE INDEX gebied_soort ON gebied (soort, code);

CREATE TABLE lidmaatschap (
    gemeente          TEXT NOT NULL REFERENCES gebied (code),
    jaar              INTEGER NOT NULL,
    naam              TEXT NOT NULL,
    arbeidsmarktregio TEXT REFERENCES gebied (code),
    corop             TEXT NOT NULL REFERENCES gebied (code),
    provincie         TEXT NOT NULL REFERENCES gebied (code),
    PRIMARY KEY (gemeente, jaar)
);
CREATE INDEX lidmaatschap_am ON lidmaatschap (jaar, arbeidsmarktregio);
CREATE INDEX lidmaatschap_cr ON lidmaatschap (jaar, corop);
CREATE INDEX lidmaatschap_pv ON lidmaatschap (jaar, provincie);

CREATE TABLE herindeling (
    id          TEXT PRIMARY KEY,
    datum       DATE NOT NULL,
    soort       TEXT NOT NULL,
    toelichting TEXT
);
CREATE INDEX herindeling_datum ON herindeling (datum);

CREATE TABLE herindeling_gemeente (
    herindeling_id TEXT NOT NULL REFERENCES herindeling (id),
    gemeente       TEXT NOT NULL,
    rol            TEXT NOT NULL,
    PRIMARY KEY (herindeling_id, gemeente, rol)
);
CREATE INDEX herindeling_gemeente_code ON herindeling_gemeente (gemeente);

CREATE TABLE herindeling_overgang (
    herindeling_id TEXT NOT NULL REFERENCES herindeling (id),
    volgnummer     INTEGER NOT NULL,
    van            TEXT NOT NULL,
    naar           TEXT NOT NULL,
    hectare        DOUBLE PRECISION,
    woningen       BIGINT,
    inwoners       BIGINT,
    PRIMARY KEY (herindeling_id, volgnummer)
);

CREATE TABLE gegevensset (
    naam        TEXT PRIMARY KEY,
    geladen_op  TIMESTAMPTZ NOT NULL,
    bron        TEXT NOT NULL
);
