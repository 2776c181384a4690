package com.pricefeed.api.follow;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** The follower's reads by kind and the rows they returned: what following the commits costs the database. */
final class ReadCounts {

    private final Counter all;
    private final Counter committedSince;
    private final Counter bySymbol;
    private final Counter rows;

    ReadCounts(MeterRegistry registry) {
        this.all = read(registry, "all");
        this.committedSince = read(registry, "committed_since");
        this.bySymbol = read(registry, "by_symbol");
        this.rows = Counter.builder("stream.follower.rows").description("Master rows read by the follower")
                .register(registry);
    }

    /** One page of a walk over the master rows: of all of them, or of those committed since a horizon. */
    void page(boolean committedSince, int rowsRead) {
        count(committedSince ? this.committedSince : all, rowsRead);
    }

    void bySymbol(int rowsRead) {
        count(bySymbol, rowsRead);
    }

    private void count(Counter reads, int rowsRead) {
        reads.increment();
        rows.increment(rowsRead);
    }

    private static Counter read(MeterRegistry registry, String kind) {
        return Counter.builder("stream.follower.reads").description("Reads of committed master rows by kind (a walk over the table counts each page)")
                .tag("kind", kind).register(registry);
    }
}
