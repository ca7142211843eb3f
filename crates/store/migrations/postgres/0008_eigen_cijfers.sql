-- SPDX-License-Identifier: EUPL-1.2
-- The region's own figures: the values an organisation uploads for an own indicator (a record
-- of kind 'eigen-indicator'). Deleting the indicator deletes its figures.
CREATE TABLE eigen_cijfer (
    soort   TEXT NOT NULL DEFAULT 'eigen-indicator' CHECK (soort = 'eigen-indicator'),
    id      TEXT NOT NULL,
    gebied  TEXT NOT NULL,
    jaar    INTEGER NOT NULL,
    waarde  DOUBLE PRECISION NOT NULL,
    status  TEXT,
    PRIMARY KEY (id, gebied, jaar),
    FOREIGN KEY (soort, id) REFERENCES item (soort, id) ON DELETE CASCADE
);
