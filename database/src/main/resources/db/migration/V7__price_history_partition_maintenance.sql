-- Partition maintenance for a writer that may not run DDL: SECURITY DEFINER functions owned by the migrating role,
-- with a fixed search_path, and executable by the owner only (REVOKE from PUBLIC below; a deployment with a
-- separate writer role grants EXECUTE to it). All bounds are computed and rendered in UTC.

-- The range partitions of realtime_price_history with their bounds (NULL lower: from MINVALUE), default excluded.
CREATE FUNCTION price_history_partitions()
    RETURNS TABLE (partition_name TEXT, lower_bound TIMESTAMPTZ, upper_bound TIMESTAMPTZ)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp SET timezone = 'UTC'
AS $$
    SELECT c.relname::text,
           NULLIF(trim(BOTH '''' FROM b[1]), 'MINVALUE')::timestamptz,
           NULLIF(trim(BOTH '''' FROM b[2]), 'MAXVALUE')::timestamptz
      FROM pg_inherits i
      JOIN pg_class c ON c.oid = i.inhrelid
      CROSS JOIN LATERAL regexp_match(pg_get_expr(c.relpartbound, c.oid), 'FROM \((.*)\) TO \((.*)\)') AS b
     WHERE i.inhparent = 'realtime_price_history'::regclass AND b IS NOT NULL
$$;

-- Creates the partitions that cover [from_ts, to_ts): ranges of step_size aligned on 2000-01-01 UTC, clipped to
-- the partitions already there. A range some of whose rows already sit in the default partition is left to the
-- default (the sink's metric on that partition reports it). Returns how many partitions it created. Attaching a
-- new, empty table takes only a SHARE UPDATE EXCLUSIVE lock on the parent: writes go on meanwhile.
CREATE FUNCTION price_history_ensure_partitions(from_ts TIMESTAMPTZ, to_ts TIMESTAMPTZ, step_size INTERVAL)
    RETURNS INTEGER
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp SET timezone = 'UTC'
AS $$
DECLARE
    t        TIMESTAMPTZ := date_bin(step_size, from_ts, TIMESTAMPTZ '2000-01-01 00:00:00+00');
    hi       TIMESTAMPTZ;
    covering TIMESTAMPTZ;
    name     TEXT;
    created  INTEGER := 0;
BEGIN
    IF step_size < INTERVAL '1 minute' OR step_size > INTERVAL '366 days' THEN
        RAISE EXCEPTION 'partition step must be between 1 minute and 366 days, got %', step_size;
    END IF;
    -- One maintainer at a time: the check below and the attach must see the same partitions.
    LOCK TABLE realtime_price_history IN SHARE UPDATE EXCLUSIVE MODE;
    WHILE t < to_ts LOOP
        SELECT upper_bound INTO covering FROM price_history_partitions()
         WHERE (lower_bound IS NULL OR lower_bound <= t) AND (upper_bound IS NULL OR upper_bound > t);
        IF FOUND THEN
            EXIT WHEN covering IS NULL;
            t := covering;
            CONTINUE;
        END IF;
        hi := least(date_bin(step_size, t, TIMESTAMPTZ '2000-01-01 00:00:00+00') + step_size,
                    (SELECT min(lower_bound) FROM price_history_partitions() WHERE lower_bound > t));
        IF NOT EXISTS (SELECT FROM realtime_price_history_default WHERE source_timestamp >= t AND source_timestamp < hi) THEN
            name := 'realtime_price_history_p' || to_char(t, 'YYYYMMDD"t"HH24MISS');
            EXECUTE format('CREATE TABLE %I (LIKE realtime_price_history INCLUDING DEFAULTS INCLUDING CONSTRAINTS)', name);
            EXECUTE format('ALTER TABLE realtime_price_history ATTACH PARTITION %I FOR VALUES FROM (%L) TO (%L)', name, t, hi);
            created := created + 1;
        END IF;
        t := hi;
    END LOOP;
    RETURN created;
END
$$;

-- Retention: every partition wholly before the horizon is detached, never deleted row by row, and renamed
-- realtime_price_history_drop_<oid> for price_history_drop_detached to drop in a transaction of its own (removing
-- the files of a large table takes a while, and no lock on the history is held meanwhile). The rows
-- master rows still point at (a symbol that has not ticked since) move first to realtime_price_history_retired,
-- one small partition that replaces all those below the new boundary, so every link stays valid and every master
-- keeps its price. The master's foreign key is dropped for the swap and added back NOT VALID (checking new writes
-- at once); price_history_validate_links validates it afterwards without blocking writes. The caller bounds the
-- wait for locks (lock_timeout): the swap itself takes milliseconds, but it holds an ACCESS EXCLUSIVE lock on the
-- history while it runs. Returns how many partitions it dropped.
CREATE FUNCTION price_history_drop_partitions_before(horizon TIMESTAMPTZ)
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
    DELETE FROM realtime_price_history_default WHERE source_timestamp < boundary;
    ALTER TABLE realtime_price_history_retiring RENAME TO realtime_price_history_retired;
    EXECUTE format('ALTER TABLE realtime_price_history ATTACH PARTITION realtime_price_history_retired '
                   'FOR VALUES FROM (MINVALUE) TO (%L)', boundary);
    ALTER TABLE realtime_symbols ADD CONSTRAINT realtime_symbols_latest_history_fkey
        FOREIGN KEY (latest_history_id, last_updated) REFERENCES realtime_price_history (id, source_timestamp) NOT VALID;
    RETURN dropped;
END
$$;

-- Drops the tables retention detached; returns how many. Locks nothing the sink writes.
CREATE FUNCTION price_history_drop_detached()
    RETURNS INTEGER
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
AS $$
DECLARE
    detached TEXT;
    dropped  INTEGER := 0;
BEGIN
    FOR detached IN SELECT relname FROM pg_class
                     WHERE relname LIKE 'realtime\_price\_history\_drop\_%' AND relkind = 'r'
                       AND relnamespace = 'public'::regnamespace AND NOT relispartition LOOP
        EXECUTE format('DROP TABLE %I', detached);
        dropped := dropped + 1;
    END LOOP;
    RETURN dropped;
END
$$;

-- Validates the master's link after a retention swap; takes only locks that let the sink write on. PostgreSQL
-- checks the link with maintenance_work_mem as work_mem, which makes it hash the whole history; probing each master
-- row's history row by its key is a few milliseconds instead.
CREATE FUNCTION price_history_validate_links()
    RETURNS VOID
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp SET enable_hashjoin = off SET enable_mergejoin = off
AS $$
BEGIN
    IF EXISTS (SELECT FROM pg_constraint WHERE conname = 'realtime_symbols_latest_history_fkey' AND NOT convalidated) THEN
        ALTER TABLE realtime_symbols VALIDATE CONSTRAINT realtime_symbols_latest_history_fkey;
    END IF;
END
$$;

-- The rows in the default partition: 0 while partitions are created ahead of the ticks.
CREATE FUNCTION price_history_default_rows()
    RETURNS BIGINT
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
AS $$
    SELECT count(*) FROM realtime_price_history_default
$$;

-- Where the full history begins: the upper bound of the retired partition, or NULL while nothing was dropped.
-- Before it only the rows master rows point at are left, so the API answers no price at an earlier instant.
-- It reads only the catalog, which every role may read: it runs with its caller's rights (no SECURITY DEFINER).
CREATE FUNCTION price_history_retained_from()
    RETURNS TIMESTAMPTZ
    LANGUAGE sql STABLE SET search_path = public, pg_temp SET timezone = 'UTC'
AS $$
    SELECT trim(BOTH '''' FROM (regexp_match(pg_get_expr(c.relpartbound, c.oid), 'TO \((.*)\)'))[1])::timestamptz
      FROM pg_class c
     WHERE c.oid = to_regclass('public.realtime_price_history_retired') AND c.relispartition
$$;

REVOKE EXECUTE ON FUNCTION price_history_partitions(), price_history_ensure_partitions(TIMESTAMPTZ, TIMESTAMPTZ, INTERVAL),
    price_history_drop_partitions_before(TIMESTAMPTZ), price_history_drop_detached(), price_history_validate_links(), price_history_default_rows(),
    price_history_retained_from()
    FROM PUBLIC;
DO $$
BEGIN
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'prices_reader') THEN
        GRANT EXECUTE ON FUNCTION price_history_retained_from() TO prices_reader;
    END IF;
END
$$;
