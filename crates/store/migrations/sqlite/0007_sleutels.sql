-- SPDX-License-Identifier: EUPL-1.2
-- Keys that make a record unique within its kind (a company's KvK number and vestigingsnummer):
-- the database refuses a second record with the same key, also when two writers race.
CREATE TABLE item_sleutel (
    sleutel  TEXT PRIMARY KEY,
    soort    TEXT NOT NULL,
    id       TEXT NOT NULL,
    FOREIGN KEY (soort, id) REFERENCES item (soort, id) ON DELETE CASCADE
);
CREATE INDEX item_sleutel_item ON item_sleutel (soort, id);
