-- A SECURITY DEFINER function runs with its owner's rights (the migrating role's: DDL included), and PostgreSQL
-- lets every role (PUBLIC) execute a new function. Such functions in schema public are for the sink alone
-- (prices_writer, V12): the API's read-only role and any other role must not reach the owner's rights through them.
-- A later migration that creates a SECURITY DEFINER function revokes the same in its own script:
--     REVOKE EXECUTE ON FUNCTION f(...) FROM PUBLIC;   -- prices_writer keeps it through V12's default privileges
-- DatabaseRolesIT checks that no such function is left executable by the API's role.

DO $$
DECLARE
    routine REGPROCEDURE;
BEGIN
    FOR routine IN SELECT p.oid FROM pg_proc p WHERE p.pronamespace = 'public'::regnamespace AND p.prosecdef LOOP
        EXECUTE format('REVOKE EXECUTE ON ROUTINE %s FROM PUBLIC', routine);
        IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'prices_writer') THEN
            EXECUTE format('GRANT EXECUTE ON ROUTINE %s TO prices_writer', routine);
        END IF;
    END LOOP;
END
$$;
