-- SPDX-License-Identifier: EUPL-1.2
-- A logged-in user's own comparison group (vergelijkingsgroep): the gemeentecodes, comma
-- separated, as they appear in `leden=` of a page's URL.
CREATE TABLE vergelijkingsgroep (
    gebruiker_id  TEXT PRIMARY KEY REFERENCES gebruiker (id) ON DELETE CASCADE,
    leden         TEXT NOT NULL
);
