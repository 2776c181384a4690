package com.pricefeed.api.health;

import com.pricefeed.api.support.RunningApi;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

import static com.pricefeed.api.support.PriceRows.aTick;
import static org.assertj.core.api.Assertions.assertThat;

/** Health probes and metric scrapes, however many, never take price lookups' database connections. */
class ProbeFloodIT {

    private static final int PROBERS = 16;
    private static final int LOOKUPS = 100;

    @Test
    void shouldKeepAnsweringLookupsWhileAFloodOfReadinessProbesArrives() throws Exception {
        try (RunningApi api = RunningApi.start(Map.of("API_RATE_LIMIT", "0", "API_DB_POOL_SIZE", "2",
                "API_DB_CONNECT_TIMEOUT", "250ms", "PRICE_MAX_STALENESS", "0"));
             Connection blocker = api.database().connect();
             Statement statement = blocker.createStatement()) {
            api.rows().insert(aTick("AAPL", "189.23", Instant.parse("2026-11-24T14:30:00Z")));
            // A slow schema check: whatever reads Flyway's history waits until this transaction ends.
            blocker.setAutoCommit(false);
            statement.execute("LOCK TABLE flyway_schema_history IN ACCESS EXCLUSIVE MODE");
            AtomicBoolean flooding = new AtomicBoolean(true);
            ExecutorService probers = Executors.newFixedThreadPool(PROBERS);
            List<CompletableFuture<List<Integer>>> probes = new ArrayList<>();
            for (int i = 0; i < PROBERS; i++) {
                probes.add(CompletableFuture.supplyAsync(() -> probeWhile(api, flooding), probers));
            }

            List<Integer> lookups = new ArrayList<>();
            for (int i = 0; i < LOOKUPS; i++) {
                lookups.add(api.get("/api/v1/market-data/prices/AAPL").statusCode());
            }
            flooding.set(false);
            List<Integer> probeAnswers = probes.stream().flatMap(probe -> probe.join().stream()).toList();
            probers.shutdown();
            blocker.rollback();

            assertThat(lookups).hasSize(LOOKUPS).containsOnly(200);
            assertThat(probeAnswers).isNotEmpty().containsOnly(200);
        }
    }

    @Test
    void shouldLimitProbesOfOneAddressApartFromItsLookups() {
        try (RunningApi api = RunningApi.start(Map.of("API_RATE_LIMIT", "1"))) {
            List<Integer> probeAnswers = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                probeAnswers.add(api.get("/health/ready").statusCode());
            }

            assertThat(probeAnswers).contains(429);
            assertThat(api.get("/api/v1/market-data/prices/AAPL").statusCode()).isEqualTo(404);
        }
    }

    private static List<Integer> probeWhile(RunningApi api, AtomicBoolean flooding) {
        List<Integer> answers = new ArrayList<>();
        while (flooding.get()) {
            HttpResponse<String> response = api.get("/health/ready");
            answers.add(response.statusCode());
        }
        return answers;
    }
}
