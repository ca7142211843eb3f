-- Invitations and password resets: one-time links (only the hash of the token is kept), and
-- the state of an OpenID Connect login between the redirect and the callback; a session knows
-- the provider and ID token it came from, for the provider's logout.
CREATE TABLE eenmalige_link (
    token_hash      TEXT PRIMARY KEY,
    soort           TEXT NOT NULL CHECK (soort IN ('uitnodiging', 'herstel')),
    email           TEXT NOT NULL,
    naam            TEXT NOT NULL DEFAULT '',
    organisatie_id  TEXT REFERENCES organisatie (id),
    rol             TEXT CHECK (rol IS NULL OR rol IN ('lezer', 'redacteur', 'beheerder')),
    aangemaakt_door TEXT,
    aangemaakt_op   BIGINT NOT NULL,
    verloopt_op     BIGINT NOT NULL,
    gebruikt_op     BIGINT
);
CREATE INDEX eenmalige_link_email ON eenmalige_link (email, aangemaakt_op);

CREATE TABLE oidc_aanvraag (
    state_hash   TEXT PRIMARY KEY,
    aanbieder    TEXT NOT NULL,
    verifier     TEXT NOT NULL,
    nonce        TEXT NOT NULL,
    verloopt_op  BIGINT NOT NULL
);

ALTER TABLE sessie ADD COLUMN aanbieder TEXT;
ALTER TABLE sessie ADD COLUMN id_token TEXT;
