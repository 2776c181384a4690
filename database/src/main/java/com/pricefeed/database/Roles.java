package com.pricefeed.database;

/** The database roles migration V3 creates for the API (see its header for what a deployment must add). */
public final class Roles {

    /** NOLOGIN group: CONNECT, USAGE on schema public and SELECT on its tables, present and future. */
    public static final String PRICES_READER = "prices_reader";
    /** The API's LOGIN role: a member of {@link #PRICES_READER} whose sessions start read-only. */
    public static final String PRICE_API = "price_api";

    private Roles() {
    }
}
