-- SPDX-License-Identifier: EUPL-1.2
-- Trust: login attempts counted in one statement (a window per e-mail address), installation
-- beheerders (who alone set an organisation's arbeidsmarktregio), every version of every
-- register record, change counters that other servers poll, and the index of register lists.
DROP TABLE mislukte_inlog;

CREATE TABLE inlogpoging (
    sleutel        TEXT PRIMARY KEY,
    venster_start  BIGINT NOT NULL,
    aantal         BIGINT NOT NULL
);

ALTER TABLE gebruiker ADD COLUMN installatiebeheerder BOOLEAN NOT NULL DEFAULT FALSE;

CREATE TABLE item_versie (
    soort           TEXT NOT NULL,
    id              TEXT NOT NULL,
    versie          BIGINT NOT NULL,
    organisatie_id  TEXT NOT NULL REFERENCES organisatie (id),
    zichtbaarheid   TEXT NOT NULL,
    titel           TEXT NOT NULL,
    gegevens        TEXT NOT NULL,
    op              TIMESTAMPTZ NOT NULL,
    door            TEXT NOT NULL,
    PRIMARY KEY (soort, id, versie)
);

CREATE TABLE wijzigingsteller (
    naam    TEXT PRIMARY KEY,
    teller  BIGINT NOT NULL
);

CREATE INDEX item_lijst ON item (soort, titel, id);
CREATE INDEX item_thema_lijst ON item_thema (begrip, soort, id);
