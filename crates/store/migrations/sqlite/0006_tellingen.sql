-- SPDX-License-Identifier: EUPL-1.2
-- Lists that stay fast in a national register: a theme's records in title order from its own
-- index (the title is kept next to the theme), and counts per (kind, theme, owner, visibility)
-- kept up to date in the write's own transaction, so a list's total sums a few hundred rows
-- instead of counting every record. `begrip` is '' for the count of all records of a kind.
ALTER TABLE item_thema ADD COLUMN titel TEXT NOT NULL DEFAULT '';
UPDATE item_thema SET titel = (SELECT i.titel FROM item i WHERE i.soort = item_thema.soort AND i.id = item_thema.id);
DROP INDEX item_thema_lijst;
CREATE INDEX item_thema_lijst ON item_thema (begrip, soort, titel, id);

CREATE TABLE item_telling (
    soort           TEXT NOT NULL,
    begrip          TEXT NOT NULL,
    organisatie_id  TEXT NOT NULL,
    zichtbaarheid   TEXT NOT NULL,
    aantal          INTEGER NOT NULL,
    PRIMARY KEY (soort, begrip, organisatie_id, zichtbaarheid)
);
INSERT INTO item_telling (soort, begrip, organisatie_id, zichtbaarheid, aantal)
SELECT soort, '', organisatie_id, zichtbaarheid, COUNT(*) FROM item GROUP BY soort, organisatie_id, zichtbaarheid;
INSERT INTO item_telling (soort, begrip, organisatie_id, zichtbaarheid, aantal)
SELECT i.soort, t.begrip, i.organisatie_id, i.zichtbaarheid, COUNT(*)
FROM item i JOIN item_thema t ON t.soort = i.soort AND t.id = i.id
GROUP BY i.soort, t.begrip, i.organisatie_id, i.zichtbaarheid;
