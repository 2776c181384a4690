package com.pricefeed.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The harness, not the timings: a tiny run must produce every figure, with the row counts it promised. */
class BenchmarkSmokeIT {

    @TempDir
    Path out;

    @Test
    void smokeRunWritesEveryFigureWithMatchingRowCounts() throws Exception {
        BenchConfig config = BenchConfig.smoke(out);

        new Benchmark(config).run();

        JsonNode results = new ObjectMapper().readTree(out.resolve("results.json").toFile());
        assertThat(results.path("machine").path("cpus").asInt()).isPositive();

        JsonNode sink = results.path("sink");
        for (String figure : List.of("sink_rows_per_s", "copy_binary_rows_per_s", "seed_pattern_rows_per_s", "sink_vs_copy", "sink_vs_seed",
                "sink_without_candles_rows_per_s", "sink_with_candles_vs_without", "sink_candle_rows")) {
            assertThat(sink.path(figure).asDouble()).as(figure).isPositive();
        }
        assertThat(sink.path("sink_jit_share_of_cpu").isNumber()).as("the sink's JIT share reported").isTrue();
        assertThat(sink.path("copy_rows").asLong()).isEqualTo(config.sinkWarmupRows() + config.sinkRows());
        assertThat(sink.path("sink_peak_heap_mib").asDouble()).as("the sink's heap was followed").isPositive();
        assertThat(sink.path("seed_rows").asLong()).isEqualTo(config.seedTicks());
        assertThat(sink.path("copy_content_equals_sink").asBoolean()).as("binary COPY wrote exactly the sink's rows").isTrue();

        JsonNode candles = results.path("candles");
        for (String figure : List.of("api_vs_raw_sql_1m_p99", "api_vs_raw_sql_1h_p99", "raw_sql_1m_stored_vs_from_history_p99")) {
            assertThat(candles.path(figure).asDouble()).as(figure).isPositive();
        }

        JsonNode e2e = results.path("end_to_end");
        assertThat(e2e.path("ticks_per_s").asDouble()).isPositive();
        assertThat(e2e.path("vs_seed_pattern").asDouble()).isPositive();
        assertThat(e2e.path("master_rows").asLong()).isBetween(1L, (long) config.symbols());
        for (String process : List.of("broker", "processor", "sink", "postgresql", "publisher")) {
            assertThat(e2e.path("ticks_per_cpu_s").path(process).asDouble()).as(process).isPositive();
        }
        for (String process : List.of("broker", "processor", "sink")) {
            JsonNode share = e2e.path("jit_share_of_cpu").path(process);
            assertThat(share.isNumber()).as(process + " JIT share reported").isTrue();
            assertThat(share.asDouble()).as(process).isBetween(0.0, 1.0);
        }

        JsonNode latency = results.path("latency");
        assertThat(latency.path("at_fractions_of_max")).hasSize(config.latencyRates().size());
        latency.path("at_fractions_of_max").forEach(phase -> assertLatency(phase, config));
        assertLatency(latency.path("at_fixed_rate"), config);

        JsonNode levels = results.path("api").path("levels");
        assertThat(levels).hasSize(config.connections().size());
        levels.forEach(level -> {
            assertThat(level.path("api_price_lookup").path("requests_per_s").asDouble()).isPositive();
            assertThat(level.path("api_price_lookup").path("p99_ms").asDouble()).isPositive();
            assertThat(level.path("no_db_endpoint").path("requests_per_s").asDouble()).isPositive();
            assertThat(level.path("raw_prepared_select").path("queries_per_s").asDouble()).isPositive();
            assertThat(level.path("raw_prepared_select").path("p99_ms").asDouble()).isPositive();
            assertThat(level.path("api_vs_raw_select").asDouble()).isPositive();
            assertThat(level.path("api_price_lookup_database_path").path("requests_per_s").asDouble()).isPositive();
            assertThat(level.path("api_database_path_vs_raw_select").asDouble()).isPositive();
        });

        for (String service : List.of("broker", "processor", "sink", "api")) {
            JsonNode memory = results.path("memory_at_max_rate").path(service);
            assertThat(memory.path("peak_heap_mib").asDouble()).as(service).isPositive();
            assertThat(memory.path("peak_rss_mib").asDouble()).as(service).isPositive();
        }
    }

    private static void assertLatency(JsonNode phase, BenchConfig config) {
        long expected = phase.path("offered_ticks_per_s").asLong() * config.latencyPhase().toSeconds();
        assertThat(phase.path("ticks").asLong()).as("every tick of the phase committed").isEqualTo(expected);
        assertThat(phase.path("recorded").asLong()).isPositive();
        assertThat(phase.path("p99_ms").asDouble()).isGreaterThanOrEqualTo(phase.path("p50_ms").asDouble()).isPositive();
        assertThat(phase.path("sink_batches").asDouble()).as("the sink committed the phase in batches").isPositive();
        // A mean times a count: 839 records in 17 batches come back as 838.9999999999999.
        assertThat(Math.round(phase.path("sink_mean_batch_records").asDouble() * phase.path("sink_batches").asDouble()))
                .as("the phase's ticks, counted by the sink").isGreaterThanOrEqualTo(expected);
        assertThat(phase.path("sink_mean_write_ms").asDouble()).isPositive();
        for (String probe : List.of("postgresql", "kafka")) {
            assertThat(phase.path(probe + "_commit_probe_count").asLong()).as(probe + " commits probed during the phase").isPositive();
            assertThat(phase.path(probe + "_commit_p99_ms").asDouble())
                    .isGreaterThanOrEqualTo(phase.path(probe + "_commit_p50_ms").asDouble()).isPositive();
        }
        assertThat(phase.path("processor_commits").asDouble()).as("the processor committed during the phase").isPositive();
        assertThat(phase.path("processor_mean_transaction_commit_ms").asDouble()).isPositive();
        assertThat(phase.path("wake_up_lateness_max_ms").asDouble()).as("the host's wake-ups were measured")
                .isGreaterThanOrEqualTo(phase.path("wake_up_lateness_p99_ms").asDouble()).isPositive();
    }
}
