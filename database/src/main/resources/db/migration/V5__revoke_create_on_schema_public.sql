-- Before PostgreSQL 15 every role (PUBLIC) may create objects in schema public, so the API's read-only role
-- price_api (V3) could create tables, views and functions there once a session lifts its read-only default.
-- Revoke that as PostgreSQL 15 and later do by default; their schema owner and superusers, and so the role that
-- migrates, keep it. Revoking needs the schema's owner or a superuser: for any other migrating role PostgreSQL only
-- warns, and a DBA runs this statement by hand.
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
