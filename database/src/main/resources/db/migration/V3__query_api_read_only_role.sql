-- The query API's own database role: it can read the price tables and nothing else.
--
--   prices_reader  NOLOGIN group: USAGE on schema public, SELECT on its tables (now and, through default
--                  privileges, on tables later migrations create).
--   price_api      LOGIN member of prices_reader whose sessions start read-only. No password is set here:
--                  the local demo and the tests reach PostgreSQL on 127.0.0.1 with trust auth; a real deployment
--                  sets one once, as a role administrator:
--                      ALTER ROLE price_api PASSWORD 'choose-a-secret';
--                  and gives it to the API as API_DATABASE_PASSWORD.
--
-- Roles belong to the whole cluster while this migration runs once per database, so every step is idempotent and
-- tolerates another database's migration creating the same role at the same moment. A migrating role that may not
-- create roles (no CREATEROLE) skips that part with a warning; the grants then apply to roles a DBA created.

DO $$
DECLARE
    may_create_roles BOOLEAN := (SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = current_user);
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'prices_reader') THEN
        IF may_create_roles THEN
            BEGIN
                CREATE ROLE prices_reader NOLOGIN;
            EXCEPTION WHEN duplicate_object OR unique_violation THEN
                NULL; -- created meanwhile by the migration of another database on this cluster
            END;
        ELSE
            RAISE WARNING 'role prices_reader is missing and % may not create roles: create it as a DBA (see V3)', current_user;
        END IF;
    END IF;

    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'price_api') THEN
        IF may_create_roles THEN
            BEGIN
                CREATE ROLE price_api LOGIN;
            EXCEPTION WHEN duplicate_object OR unique_violation THEN
                NULL;
            END;
        ELSE
            RAISE WARNING 'role price_api is missing and % may not create roles: create it as a DBA (see V3)', current_user;
        END IF;
    END IF;

    IF may_create_roles AND EXISTS (SELECT FROM pg_roles WHERE rolname = 'price_api')
            AND EXISTS (SELECT FROM pg_roles WHERE rolname = 'prices_reader') THEN
        IF NOT pg_has_role('price_api', 'prices_reader', 'MEMBER') THEN
            GRANT prices_reader TO price_api;
        END IF;
        IF NOT EXISTS (SELECT FROM pg_db_role_setting s JOIN pg_roles r ON r.oid = s.setrole
                        WHERE r.rolname = 'price_api' AND s.setdatabase = 0
                          AND 'default_transaction_read_only=on' = ANY (s.setconfig)) THEN
            ALTER ROLE price_api SET default_transaction_read_only = on;
        END IF;
    END IF;

    IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'prices_reader') THEN
        EXECUTE format('GRANT CONNECT ON DATABASE %I TO prices_reader', current_database());
        GRANT USAGE ON SCHEMA public TO prices_reader;
        GRANT SELECT ON ALL TABLES IN SCHEMA public TO prices_reader;
        ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO prices_reader;
    END IF;
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'price_api') THEN
        EXECUTE format('GRANT CONNECT ON DATABASE %I TO price_api', current_database());
    END IF;
END
$$;
