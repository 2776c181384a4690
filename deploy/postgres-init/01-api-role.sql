-- Runs once, when the compose PostgreSQL volume is first initialised. The sink's migration V3 then makes
-- price_api a read-only member of prices_reader; here it only gets its login password.
CREATE ROLE price_api LOGIN PASSWORD 'prices-api';
