-- Every master update changes last_updated and latest_history_id (and provider_id when another provider leads).
-- While any of them is indexed no update can be HOT (heap-only): each one writes a new entry into every index, and
-- the dead row versions it leaves behind are reclaimed only by VACUUM. No query needs these indexes:
--   * the sink's upsert and every API lookup go by symbol (the primary key);
--   * the API's follower reads all rows, or the rows committed since a snapshot (a scan either way), ordered by
--     latest_history_id in memory-sized sorts;
--   * the admin figures aggregate over the whole table (count, avg, min and max of last_updated, rows per provider).
-- The foreign keys from provider_id and latest_history_id need no index on this side for inserts and updates here;
-- only deleting or re-keying a referenced row (a provider, a history row) looks them up, and nothing does that row
-- by row (see docs/operations.md#dead-row-versions-of-the-master-table).
DROP INDEX IF EXISTS idx_realtime_symbols_last_updated;
DROP INDEX IF EXISTS idx_realtime_symbols_provider;
DROP INDEX IF EXISTS idx_realtime_symbols_latest_history_id;

-- Free space on every page, so that the new version of a row fits beside the old one (a HOT update) and the next
-- access to the page prunes the old ones, with or without (auto)vacuum. Applies to pages written from now on; a
-- table filled before this migration gets it with VACUUM FULL realtime_symbols.
-- Where autovacuum runs, it visits this small, hot table after a fixed number of dead rows rather than a share of
-- the table (the default 20 % is reached in seconds and then lets the table lag), and without cost-based pauses.
ALTER TABLE realtime_symbols SET (
    fillfactor = 50,
    autovacuum_vacuum_scale_factor = 0,
    autovacuum_vacuum_threshold = 2000,
    autovacuum_vacuum_cost_delay = 0
);
