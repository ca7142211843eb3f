-- Observations stored per series: a series is one measure of one table for one combination of
-- other dimensions. An observation's key shrinks from five text columns (about 80 bytes) to a
-- series number, an area and a period, and its status becomes a number: a row of about a third
-- of the size, which is what makes an import fast (docs/PERFORMANCE.md). The importer derives a
-- new series' id from its key (a hash), so that imports never contend for a counter; the ids
-- given here to the series already stored are just as good: an id only has to be unique.
-- The observations as they were stored until now, to be copied and then dropped.
ALTER TABLE waarneming RENAME TO waarneming_oud;
ALTER INDEX waarneming_pkey RENAME TO waarneming_oud_pkey;

CREATE TABLE reeks (
    id        BIGINT PRIMARY KEY,
    bron_id   TEXT NOT NULL REFERENCES bron (id),
    maatstaf  TEXT NOT NULL,
    dimensies TEXT NOT NULL,
    UNIQUE (bron_id, maatstaf, dimensies)
);

INSERT INTO reeks (id, bron_id, maatstaf, dimensies)
SELECT row_number() OVER (ORDER BY bron_id, maatstaf, dimensies), bron_id, maatstaf, dimensies
FROM (SELECT DISTINCT bron_id, maatstaf, dimensies FROM waarneming_oud) s;

-- No foreign key to reeks: it would be checked for every one of millions of rows, and the
-- importer removes a table's observations together with its series in one transaction.
CREATE TABLE waarneming (
    reeks_id BIGINT NOT NULL,
    gebied   TEXT NOT NULL,
    periode  TEXT NOT NULL,
    waarde   DOUBLE PRECISION,
    -- 0 definitief, 1 voorlopig, 2 naderVoorlopig, 3 onbekend, 4 geheim, 5 nietVanToepassing
    -- (samenhang_domain::statistics::ValueStatus::code).
    status   INTEGER NOT NULL,
    PRIMARY KEY (reeks_id, gebied, periode)
);

INSERT INTO waarneming (reeks_id, gebied, periode, waarde, status)
SELECT r.id, w.gebied, w.periode, w.waarde,
       CASE w.status WHEN 'definitief' THEN 0 WHEN 'voorlopig' THEN 1 WHEN 'naderVoorlopig' THEN 2
                     WHEN 'onbekend' THEN 3 WHEN 'geheim' THEN 4 WHEN 'nietVanToepassing' THEN 5 END
FROM waarneming_oud w JOIN reeks r ON r.bron_id = w.bron_id AND r.maatstaf = w.maatstaf AND r.dimensies = w.dimensies;

DROP TABLE waarneming_oud;
