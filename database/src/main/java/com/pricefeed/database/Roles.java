package com.pricefeed.database;

/**
 * The database roles the migrations create: V3 for the API, V12 for the sink (see their headers for what a deployment
 * must add). The role that applies the migrations owns every object; neither service's role owns anything.
 */
public final class Roles {

    /** NOLOGIN group: CONNECT, USAGE on schema public and SELECT on its tables, present and future. */
    public static final String PRICES_READER = "prices_reader";
    /** The API's LOGIN role: a member of {@link #PRICES_READER} whose sessions start read-only. */
    public static final String PRICE_API = "price_api";

    /**
     * NOLOGIN group: CONNECT, USAGE on schema public, SELECT/INSERT/UPDATE on its tables, USAGE/SELECT/UPDATE on its
     * sequences, EXECUTE on its routines, present and future; no DELETE, TRUNCATE or DDL, and Flyway's history read-only.
     */
    public static final String PRICES_WRITER = "prices_writer";
    /** The sink's LOGIN role, a member of {@link #PRICES_WRITER}: the default {@code DATABASE_USER}. */
    public static final String PRICE_SINK = "price_sink";

    private Roles() {
    }
}
