-- The master row carries its tick's previous close (issue #22). Until now every reader of a current price joined the
-- master row to its history row for this one column: the API's follower did so for every changed symbol it read by
-- key, each probe of the partitioned history costing a partition lookup. The history row keeps its own copy: a tick is written whole there, and the
-- master row is the newest tick's summary, as current_price and volume already are.
--
-- The sink sets it with the master upsert, from the same tick as current_price (not merged from earlier ticks:
-- like volume, it belongs to the tick that set the price, and NULL means that tick did not state it).
--
-- A nullable column without a default is a catalogue change; the backfill below rewrites each master row once (one
-- row per symbol), reading its history row by key with the same condition the readers used, partition by partition
-- at run time. The column is not indexed, so master updates stay HOT (V14). No grant is needed: the writer's UPDATE
-- (V12) and the readers' SELECT (V3) are table privileges and cover every column.
ALTER TABLE realtime_symbols ADD COLUMN previous_close DECIMAL(15,4) NULL;

UPDATE realtime_symbols s
   SET previous_close = (SELECT h.previous_close FROM realtime_price_history h
                          WHERE h.id = s.latest_history_id AND h.source_timestamp = s.last_updated
                          LIMIT 1);

COMMENT ON COLUMN realtime_symbols.previous_close IS
    'The previous close stated by the tick that set current_price, NULL when it stated none (issue #22).';
