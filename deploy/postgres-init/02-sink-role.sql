-- Runs once, when the compose PostgreSQL volume is first initialised. The sink's migration V12 then makes
-- price_sink a member of prices_writer, which may only write the price tables; here it only gets its login password.
-- The sink migrates as postgres (DATABASE_MIGRATION_USER) and writes as price_sink (DATABASE_USER).
CREATE ROLE price_sink LOGIN PASSWORD 'prices-sink';
