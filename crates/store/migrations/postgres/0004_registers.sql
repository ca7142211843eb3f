-- SPDX-License-Identifier: EUPL-1.2
-- Accounts and access (organisations, users, roles, sessions, API keys, failed logins), the
-- register records (people, goals, agendas; later schemes, agreements, consultation bodies)
-- with their visibility, version, themes and links, and the audit log.
CREATE TABLE organisatie (
    id             TEXT PRIMARY KEY,
    naam           TEXT NOT NULL,
    soort          TEXT NOT NULL,
    regio          TEXT,
    versie         BIGINT NOT NULL,
    aangemaakt_op  TIMESTAMPTZ NOT NULL
);

-- wachtwoord is an argon2id PHC string; NULL for accounts that log in elsewhere (OIDC), which
-- are found by extern_id (issuer and subject).
CREATE TABLE gebruiker (
    id             TEXT PRIMARY KEY,
    email          TEXT NOT NULL UNIQUE,
    naam           TEXT NOT NULL,
    wachtwoord     TEXT,
    extern_id      TEXT UNIQUE,
    aangemaakt_op  TIMESTAMPTZ NOT NULL
);

CREATE TABLE rol (
    gebruiker_id    TEXT NOT NULL REFERENCES gebruiker (id) ON DELETE CASCADE,
    organisatie_id  TEXT NOT NULL REFERENCES organisatie (id),
    rol             TEXT NOT NULL CHECK (rol IN ('lezer', 'redacteur', 'beheerder')),
    PRIMARY KEY (gebruiker_id, organisatie_id)
);

-- Only hashes of session tokens and API keys are stored. Expiry and failed-login times are Unix
-- seconds, so that both backends compare them the same way.
CREATE TABLE sessie (
    token_hash    TEXT PRIMARY KEY,
    gebruiker_id  TEXT NOT NULL REFERENCES gebruiker (id) ON DELETE CASCADE,
    csrf          TEXT NOT NULL,
    verloopt_op   BIGINT NOT NULL
);

CREATE TABLE api_sleutel (
    token_hash     TEXT PRIMARY KEY,
    gebruiker_id   TEXT NOT NULL REFERENCES gebruiker (id) ON DELETE CASCADE,
    naam           TEXT NOT NULL,
    aangemaakt_op  TIMESTAMPTZ NOT NULL
);

CREATE TABLE mislukte_inlog (
    email     TEXT NOT NULL,
    tijdstip  BIGINT NOT NULL
);
CREATE INDEX mislukte_inlog_email ON mislukte_inlog (email, tijdstip);

-- One row per register record; gegevens is the record as JSON (the API's representation).
CREATE TABLE item (
    soort           TEXT NOT NULL,
    id              TEXT NOT NULL,
    organisatie_id  TEXT NOT NULL REFERENCES organisatie (id),
    zichtbaarheid   TEXT NOT NULL CHECK (zichtbaarheid IN ('openbaar', 'regio', 'organisatie')),
    versie          BIGINT NOT NULL,
    titel           TEXT NOT NULL,
    gegevens        TEXT NOT NULL,
    aangemaakt_op   TIMESTAMPTZ NOT NULL,
    gewijzigd_op    TIMESTAMPTZ NOT NULL,
    gewijzigd_door  TEXT NOT NULL,
    PRIMARY KEY (soort, id)
);
CREATE INDEX item_organisatie ON item (organisatie_id);

CREATE TABLE item_thema (
    soort   TEXT NOT NULL,
    id      TEXT NOT NULL,
    begrip  TEXT NOT NULL,
    PRIMARY KEY (soort, id, begrip),
    FOREIGN KEY (soort, id) REFERENCES item (soort, id) ON DELETE CASCADE
);
CREATE INDEX item_thema_begrip ON item_thema (begrip);

CREATE TABLE item_verwijzing (
    soort       TEXT NOT NULL,
    id          TEXT NOT NULL,
    naar_soort  TEXT NOT NULL,
    naar_id     TEXT NOT NULL,
    PRIMARY KEY (soort, id, naar_soort, naar_id),
    FOREIGN KEY (soort, id) REFERENCES item (soort, id) ON DELETE CASCADE
);
CREATE INDEX item_verwijzing_naar ON item_verwijzing (naar_soort, naar_id);

CREATE TABLE auditregel (
    id              BIGSERIAL PRIMARY KEY,
    tijdstip        TIMESTAMPTZ NOT NULL,
    gebruiker_id    TEXT,
    gebruiker_naam  TEXT NOT NULL,
    organisatie_id  TEXT NOT NULL,
    actie           TEXT NOT NULL,
    soort           TEXT NOT NULL,
    item_id         TEXT NOT NULL,
    versie          BIGINT,
    samenvatting    TEXT NOT NULL
);
CREATE INDEX auditregel_organisatie ON auditregel (organisatie_id, id);
