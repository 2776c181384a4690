-- Delisting (issue #18): a master row stays when its symbol is delisted, with its last price and its link to the
-- history row, and says since when the symbol is delisted. NULL means listed; the API derives the status from it.
-- The sink sets it with the master upsert (a late tick of a delisted symbol keeps it set, a newer tick clears it)
-- and with a guarded UPDATE for a delisting record (only where the row's last price is not newer than the delisting).
--
-- A nullable column without a default is a catalogue change only: no table rewrite, no lock beyond a moment's
-- ACCESS EXCLUSIVE, and existing rows read it as NULL. It is deliberately not indexed, so master updates stay HOT
-- (V14): a delisting rewrites the row in place on its page like a price update. No grant is needed either: the
-- writer's UPDATE (V12) and the readers' SELECT (V3) are table privileges and cover every column, present and future.
ALTER TABLE realtime_symbols ADD COLUMN delisted_at TIMESTAMPTZ NULL;

COMMENT ON COLUMN realtime_symbols.delisted_at IS
    'Source time of the delisting in force, NULL while listed; the last price stays (issue #18).';
