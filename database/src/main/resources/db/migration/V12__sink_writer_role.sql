-- The sink's own database role: it writes the price tables and may change nothing else. The role that applies
-- the migrations (DATABASE_MIGRATION_USER) owns every object; the sink connects as price_sink (DATABASE_USER).
--
--   prices_writer  NOLOGIN group: CONNECT, USAGE on schema public; SELECT, INSERT, UPDATE on its tables; USAGE,
--                  SELECT, UPDATE on its sequences (nextval, and setval when the sink repairs the history's id
--                  sequence); EXECUTE on its functions and procedures. No DELETE, TRUNCATE, REFERENCES or TRIGGER,
--                  no DDL: it owns nothing. The same rights reach the objects later migrations create, through the
--                  migrating role's default privileges, so a later migration grants nothing for the sink.
--   price_sink     LOGIN member of prices_writer. No password is set here: the local demo and the tests reach
--                  PostgreSQL on 127.0.0.1 with trust auth; a real deployment sets one once, as a role administrator:
--                      ALTER ROLE price_sink PASSWORD 'choose-a-secret';
--                  (or creates the role itself with its password before the first migration) and gives it to the
--                  sink as DATABASE_PASSWORD.
--
-- Flyway's own history stays read-only to the writer: it may see which version the schema is at, not rewrite it.
-- Roles belong to the whole cluster while this migration runs once per database, so every step is idempotent and
-- tolerates another database's migration creating the same role at the same moment (as V3 does). A migrating role
-- that may not create roles (no CREATEROLE) skips that part with a warning; the grants then apply to roles a DBA
-- created.

DO $$
DECLARE
    may_create_roles BOOLEAN := (SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = current_user);
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'prices_writer') THEN
        IF may_create_roles THEN
            BEGIN
                CREATE ROLE prices_writer NOLOGIN;
            EXCEPTION WHEN duplicate_object OR unique_violation THEN
                NULL; -- created meanwhile by the migration of another database on this cluster
            END;
        ELSE
            RAISE WARNING 'role prices_writer is missing and % may not create roles: create it as a DBA (see V12)', current_user;
        END IF;
    END IF;

    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'price_sink') THEN
        IF may_create_roles THEN
            BEGIN
                CREATE ROLE price_sink LOGIN;
            EXCEPTION WHEN duplicate_object OR unique_violation THEN
                NULL;
            END;
        ELSE
            RAISE WARNING 'role price_sink is missing and % may not create roles: create it as a DBA (see V12)', current_user;
        END IF;
    END IF;

    IF may_create_roles AND EXISTS (SELECT FROM pg_roles WHERE rolname = 'price_sink')
            AND EXISTS (SELECT FROM pg_roles WHERE rolname = 'prices_writer')
            AND NOT pg_has_role('price_sink', 'prices_writer', 'MEMBER') THEN
        BEGIN
            GRANT prices_writer TO price_sink;
        EXCEPTION WHEN unique_violation THEN
            NULL; -- granted meanwhile by the migration of another database on this cluster
        END;
    END IF;

    IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'prices_writer') THEN
        EXECUTE format('GRANT CONNECT ON DATABASE %I TO prices_writer', current_database());
        GRANT USAGE ON SCHEMA public TO prices_writer;
        GRANT SELECT, INSERT, UPDATE ON ALL TABLES IN SCHEMA public TO prices_writer;
        GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO prices_writer;
        GRANT EXECUTE ON ALL ROUTINES IN SCHEMA public TO prices_writer;
        ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE ON TABLES TO prices_writer;
        ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO prices_writer;
        ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT EXECUTE ON ROUTINES TO prices_writer;
        IF to_regclass('public.flyway_schema_history') IS NOT NULL THEN
            REVOKE INSERT, UPDATE ON public.flyway_schema_history FROM prices_writer;
        END IF;
    END IF;
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'price_sink') THEN
        EXECUTE format('GRANT CONNECT ON DATABASE %I TO price_sink', current_database());
    END IF;
END
$$;
