-- realtime_price_history loses its DEFAULT partition. While one exists, PostgreSQL cannot read the range
-- partitions in time order and stop at the first hit (an ordered Append), so a price at a moment probed every
-- partition up to the instant. Without it, a row whose partition is missing cannot be written at all, so every
-- writer creates the partitions it needs first: the sink before each batch through price_history_cover (below),
-- which it may call without DDL rights, besides the maintenance task that creates them ahead of time.
--
-- Rows the default partition holds (written where no range partition existed) move into range partitions created
-- for them, of the step most existing partitions have (one day when there are none); the existing partitions are
-- not touched, since the default partition only ever holds rows no range partition covers. The master's link is
-- dropped for the move (a master row may point at such a row) and added back, checked against every master row.

-- The start of the step_size-wide bin that holds ts, bins counted from 2000-01-01 UTC: date_bin(step_size, ts,
-- '2000-01-01Z'), which PostgreSQL 13 lacks, in whole seconds so that no time zone's days come into it.
CREATE FUNCTION price_history_bin(step_size INTERVAL, ts TIMESTAMPTZ)
    RETURNS TIMESTAMPTZ
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$
    SELECT TIMESTAMPTZ '2000-01-01 00:00:00+00'
           + make_interval(secs => floor(extract(epoch FROM ts - TIMESTAMPTZ '2000-01-01 00:00:00+00')
                                         / extract(epoch FROM step_size)) * extract(epoch FROM step_size))
$$;

-- As in V7, without the default partition: every missing range of [from_ts, to_ts) gets its partition.
CREATE OR REPLACE FUNCTION price_history_ensure_partitions(from_ts TIMESTAMPTZ, to_ts TIMESTAMPTZ, step_size INTERVAL)
    RETURNS INTEGER
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp SET timezone = 'UTC'
AS $$
DECLARE
    t        TIMESTAMPTZ := price_history_bin(step_size, from_ts);
    hi       TIMESTAMPTZ;
    covering TIMESTAMPTZ;
    name     TEXT;
    created  INTEGER := 0;
BEGIN
    IF step_size < INTERVAL '1 minute' OR step_size > INTERVAL '366 days' THEN
        RAISE EXCEPTION 'partition step must be between 1 minute and 366 days, got %', step_size;
    END IF;
    -- One maintainer at a time: the check below and the attach must see the same partitions. Writes go on.
    LOCK TABLE realtime_price_history IN SHARE UPDATE EXCLUSIVE MODE;
    WHILE t < to_ts LOOP
        SELECT upper_bound INTO covering FROM price_history_partitions()
         WHERE (lower_bound IS NULL OR lower_bound <= t) AND (upper_bound IS NULL OR upper_bound > t);
        IF FOUND THEN
            EXIT WHEN covering IS NULL;
            t := covering;
            CONTINUE;
        END IF;
        hi := least(price_history_bin(step_size, t) + step_size,
                    (SELECT min(lower_bound) FROM price_history_partitions() WHERE lower_bound > t));
        name := 'realtime_price_history_p' || to_char(t, 'YYYYMMDD"t"HH24MISS');
        EXECUTE format('CREATE TABLE %I (LIKE realtime_price_history INCLUDING DEFAULTS INCLUDING CONSTRAINTS)', name);
        EXECUTE format('ALTER TABLE realtime_price_history ATTACH PARTITION %I FOR VALUES FROM (%L) TO (%L)', name, t, hi);
        created := created + 1;
        t := hi;
    END LOOP;
    RETURN created;
END
$$;

-- The partitions rows at these instants need, and only those: one range of step_size around each distinct instant
-- (a tick from last year costs one partition, not one per day since). What a writer calls before it writes rows;
-- returns how many partitions it created (0 when all exist, the usual case, after one catalog read).
CREATE FUNCTION price_history_cover(stamps TIMESTAMPTZ[], step_size INTERVAL)
    RETURNS INTEGER
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp SET timezone = 'UTC'
AS $$
DECLARE
    bin     TIMESTAMPTZ;
    created INTEGER := 0;
BEGIN
    FOR bin IN WITH p AS MATERIALIZED (SELECT lower_bound, upper_bound FROM price_history_partitions())
               SELECT DISTINCT price_history_bin(step_size, s) FROM unnest(stamps) AS s
                WHERE s IS NOT NULL
                  AND NOT EXISTS (SELECT FROM p WHERE (p.lower_bound IS NULL OR p.lower_bound <= s)
                                                  AND (p.upper_bound IS NULL OR p.upper_bound > s))
                ORDER BY 1 LOOP
        created := created + price_history_ensure_partitions(bin, bin + step_size, step_size);
    END LOOP;
    RETURN created;
END
$$;

-- As in V7, without the default partition's rows to delete.
CREATE OR REPLACE FUNCTION price_history_drop_partitions_before(horizon TIMESTAMPTZ)
    RETURNS INTEGER
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp SET timezone = 'UTC'
AS $$
DECLARE
    boundary TIMESTAMPTZ := (SELECT max(upper_bound) FROM price_history_partitions() WHERE upper_bound <= horizon);
    victim   TEXT;
    dropped  INTEGER := 0;
BEGIN
    IF boundary IS NULL THEN
        RETURN 0;
    END IF;
    -- In the order the sink's transactions take them (history, then master), so the two never deadlock.
    LOCK TABLE realtime_price_history IN ACCESS EXCLUSIVE MODE;
    LOCK TABLE realtime_symbols IN SHARE ROW EXCLUSIVE MODE;
    CREATE TABLE realtime_price_history_retiring (LIKE realtime_price_history INCLUDING DEFAULTS INCLUDING CONSTRAINTS);
    INSERT INTO realtime_price_history_retiring
    SELECT h.* FROM realtime_symbols s
      JOIN realtime_price_history h ON h.id = s.latest_history_id AND h.source_timestamp = s.last_updated
     WHERE s.last_updated < boundary;
    ALTER TABLE realtime_symbols DROP CONSTRAINT realtime_symbols_latest_history_fkey;
    FOR victim IN SELECT partition_name FROM price_history_partitions() WHERE upper_bound <= boundary LOOP
        EXECUTE format('ALTER TABLE realtime_price_history DETACH PARTITION %I', victim);
        EXECUTE format('ALTER TABLE %I RENAME TO %I', victim, 'realtime_price_history_drop_' || victim::regclass::oid);
        IF victim <> 'realtime_price_history_retired' THEN
            dropped := dropped + 1;
        END IF;
    END LOOP;
    ALTER TABLE realtime_price_history_retiring RENAME TO realtime_price_history_retired;
    EXECUTE format('ALTER TABLE realtime_price_history ATTACH PARTITION realtime_price_history_retired '
                   'FOR VALUES FROM (MINVALUE) TO (%L)', boundary);
    ALTER TABLE realtime_symbols ADD CONSTRAINT realtime_symbols_latest_history_fkey
        FOREIGN KEY (latest_history_id, last_updated) REFERENCES realtime_price_history (id, source_timestamp) NOT VALID;
    RETURN dropped;
END
$$;

DROP FUNCTION price_history_default_rows();

-- For the sink alone, as V13 says of every SECURITY DEFINER routine.
REVOKE EXECUTE ON FUNCTION price_history_cover(TIMESTAMPTZ[], INTERVAL) FROM PUBLIC;
DO $$
BEGIN
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'prices_writer') THEN
        GRANT EXECUTE ON FUNCTION price_history_cover(TIMESTAMPTZ[], INTERVAL) TO prices_writer;
    END IF;
END
$$;

DO $$
DECLARE
    step INTERVAL := coalesce((SELECT upper_bound - lower_bound FROM price_history_partitions()
                                WHERE lower_bound IS NOT NULL AND upper_bound IS NOT NULL
                                GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1), INTERVAL '1 day');
    stamps TIMESTAMPTZ[];
BEGIN
    IF to_regclass('public.realtime_price_history_default') IS NULL THEN
        RETURN;
    END IF;
    IF NOT EXISTS (SELECT FROM realtime_price_history_default) THEN
        -- Nothing to move, nothing a master row can point at: detaching checks that in an empty scan.
        ALTER TABLE realtime_price_history DETACH PARTITION realtime_price_history_default;
        DROP TABLE realtime_price_history_default;
        RETURN;
    END IF;
    ALTER TABLE realtime_symbols DROP CONSTRAINT realtime_symbols_latest_history_fkey;
    ALTER TABLE realtime_price_history DETACH PARTITION realtime_price_history_default;
    stamps := ARRAY(SELECT DISTINCT price_history_bin(step, source_timestamp)
                      FROM realtime_price_history_default);
    PERFORM price_history_cover(stamps, step);
    INSERT INTO realtime_price_history SELECT * FROM realtime_price_history_default;
    DROP TABLE realtime_price_history_default;
    -- Each master row's history row by its key, as price_history_validate_links does (no hash of the whole history).
    SET LOCAL enable_hashjoin = off;
    SET LOCAL enable_mergejoin = off;
    ALTER TABLE realtime_symbols ADD CONSTRAINT realtime_symbols_latest_history_fkey
        FOREIGN KEY (latest_history_id, last_updated) REFERENCES realtime_price_history (id, source_timestamp);
    RESET enable_hashjoin;
    RESET enable_mergejoin;
END
$$;
