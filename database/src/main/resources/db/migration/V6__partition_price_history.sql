-- realtime_price_history becomes range-partitioned on source_timestamp, in place: the existing table keeps every
-- row where it lies (renamed, never rewritten) and is attached as the partition of everything before the day after
-- its newest tick. Attaching scans it once to check that bound and builds the (id, source_timestamp) key index on
-- it; its other indexes are reused as they are. An empty table (a new database) is simply replaced.
--
-- The sink creates the partitions ahead of need through price_history_ensure_partitions (V7). Rows for which no
-- partition exists land in realtime_price_history_default, so a write never fails for a missing partition; the
-- sink reports that partition's row count as a metric (it stays 0 while the sink creates partitions in time).
--
-- The master keeps its link with referential integrity: a key on a partitioned table must hold the partition
-- column, so the link is (latest_history_id, last_updated) -> (id, source_timestamp), and the sink writes a master
-- row's last_updated as the source_timestamp of the history row it points at.

ALTER TABLE realtime_symbols DROP CONSTRAINT realtime_symbols_latest_history_id_fkey;

ALTER TABLE realtime_price_history RENAME TO realtime_price_history_legacy;
-- A partition's primary key must match the parent's (id, source_timestamp): attaching builds that one instead.
ALTER TABLE realtime_price_history_legacy DROP CONSTRAINT realtime_price_history_pkey;
ALTER INDEX idx_price_history_symbol_time RENAME TO realtime_price_history_legacy_symbol_time_idx;
ALTER INDEX idx_price_history_provider RENAME TO realtime_price_history_legacy_provider_idx;
ALTER SEQUENCE realtime_price_history_id_seq OWNED BY NONE;

CREATE TABLE realtime_price_history (
    id               BIGINT        NOT NULL DEFAULT nextval('realtime_price_history_id_seq'),
    symbol           VARCHAR(20)   NOT NULL,
    price            DECIMAL(15,4) NOT NULL,
    volume           BIGINT,
    source_timestamp TIMESTAMPTZ   NOT NULL,
    fetched_at       TIMESTAMPTZ   NOT NULL,
    provider_id      BIGINT        NOT NULL,
    open_price       DECIMAL(15,4),
    high_price       DECIMAL(15,4),
    low_price        DECIMAL(15,4),
    previous_close   DECIMAL(15,4),
    CONSTRAINT realtime_price_history_provider_fkey FOREIGN KEY (provider_id) REFERENCES market_data_providers (id),
    CONSTRAINT realtime_price_history_pkey PRIMARY KEY (id, source_timestamp)
) PARTITION BY RANGE (source_timestamp);
ALTER SEQUENCE realtime_price_history_id_seq OWNED BY realtime_price_history.id;

-- History of one symbol, newest first, and the price in effect at an instant; the id breaks ties.
CREATE INDEX idx_price_history_symbol_time ON realtime_price_history (symbol, source_timestamp DESC, id DESC);
-- The admin metrics' per-provider figures.
CREATE INDEX idx_price_history_provider ON realtime_price_history (provider_id);

CREATE TABLE realtime_price_history_default PARTITION OF realtime_price_history DEFAULT;

DO $$
DECLARE
    newest TIMESTAMPTZ := (SELECT max(source_timestamp) FROM realtime_price_history_legacy);
BEGIN
    IF newest IS NULL THEN
        DROP TABLE realtime_price_history_legacy;
    ELSE
        EXECUTE format('ALTER TABLE realtime_price_history ATTACH PARTITION realtime_price_history_legacy '
                       'FOR VALUES FROM (MINVALUE) TO (%L)', date_trunc('day', newest, 'UTC') + INTERVAL '1 day');
    END IF;
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'prices_reader') THEN
        GRANT SELECT ON realtime_price_history, realtime_price_history_default TO prices_reader;
    END IF;
END
$$;

ALTER TABLE realtime_symbols ADD CONSTRAINT realtime_symbols_latest_history_fkey
    FOREIGN KEY (latest_history_id, last_updated) REFERENCES realtime_price_history (id, source_timestamp);
