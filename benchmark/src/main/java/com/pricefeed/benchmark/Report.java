package com.pricefeed.benchmark;

import java.util.List;
import java.util.Map;

/** The printed table: each figure, its reference, the ratio, and the issue's target. */
final class Report {

    private Report() {
    }

    @SuppressWarnings("unchecked")
    static String table(Map<String, Object> results) {
        StringBuilder out = new StringBuilder();
        Map<String, Object> machine = (Map<String, Object>) results.get("machine");
        out.append(String.format("%nBenchmark %s on %s CPUs (%s), %s%n", results.get("date"), machine.get("cpus"),
                machine.get("cpu_model"), machine.get("memory_total")));
        row(out, "figure", "value", "target");
        Map<String, Object> e2e = (Map<String, Object>) results.get("end_to_end");
        Map<String, Object> sink = (Map<String, Object>) results.get("sink");
        if (e2e != null) {
        row(out, "end-to-end ticks/s (exactly_once_v2, median)", f(e2e.get("ticks_per_s")), ">= 50000");
        row(out, "end-to-end / seed pattern", f(e2e.get("vs_seed_pattern")) + "x", ">= 30x");
        Map<String, Object> perCpu = (Map<String, Object>) e2e.get("ticks_per_cpu_s");
        perCpu.forEach((process, value) -> row(out, "  ticks per CPU-second: " + process, f(value), ""));
        row(out, "  CPU cores busy during the run", f(e2e.get("cpu_cores_busy")), "");
        if (e2e.get("jit_share_of_cpu") instanceof Map<?, ?> compiling) {
            compiling.forEach((process, share) -> row(out, "  share of " + process + " CPU spent in JIT compilers",
                    f(share), ""));
        }
        }
        if (sink != null) {
        row(out, "sink history rows/s (median)", f(sink.get("sink_rows_per_s")), "");
        row(out, "raw binary COPY rows/s (median)", f(sink.get("copy_binary_rows_per_s")), "");
        row(out, "sink / raw binary COPY", f(sink.get("sink_vs_copy")), ">= 0.7");
        row(out, "  CPU us per row, sink: sink JVM / PostgreSQL", f(sink.get("sink_cpu_us_per_row")) + " / "
                + f(sink.get("sink_postgresql_cpu_us_per_row")), "");
        if (sink.containsKey("sink_jit_share_of_cpu")) {
            row(out, "  share of sink CPU spent in JIT compilers", f(sink.get("sink_jit_share_of_cpu")), "");
        }
        row(out, "  CPU us per row, raw COPY: client / PostgreSQL", f(sink.get("copy_client_cpu_us_per_row")) + " / "
                + f(sink.get("copy_postgresql_cpu_us_per_row")), "");
        if (sink.containsKey("sink_mean_batch_records")) {
            row(out, "  sink batches timed: count, mean records, mean ms", f(sink.get("sink_batches"))
                    + ", " + f(sink.get("sink_mean_batch_records")) + ", " + f(sink.get("sink_mean_write_ms")), "");
        }
        if (sink.containsKey("sink_peak_heap_mib")) {
            row(out, "  sink peak heap MiB, working off the backlog", f(sink.get("sink_peak_heap_mib")), "heap <= 512");
        }
        if (sink.containsKey("sink_with_candles_vs_without")) {
            row(out, "sink rows/s without the one-minute bars (median)", f(sink.get("sink_without_candles_rows_per_s")), "");
            row(out, "  sink with bars / without", f(sink.get("sink_with_candles_vs_without")), ">= 0.8");
            row(out, "  CPU us per row without bars: sink JVM / PostgreSQL", f(sink.get("sink_without_candles_cpu_us_per_row"))
                    + " / " + f(sink.get("sink_without_candles_postgresql_cpu_us_per_row")), "");
        }
        row(out, "seed pattern rows/s (median)", f(sink.get("seed_pattern_rows_per_s")), "");
        row(out, "sink / seed pattern", f(sink.get("sink_vs_seed")) + "x", "");
        }
        Map<String, Object> latency = (Map<String, Object>) results.getOrDefault("latency", Map.of());
        for (Map<String, Object> phase : (List<Map<String, Object>>) latency.getOrDefault("at_fractions_of_max", List.of())) {
            latencyRow(out, phase, "");
        }
        if (latency.containsKey("at_fixed_rate")) {
            latencyRow(out, (Map<String, Object>) latency.get("at_fixed_rate"), "p99 <= 100 ms");
        }
        Map<String, Object> api = (Map<String, Object>) results.getOrDefault("api", Map.of());
        for (Map<String, Object> level : (List<Map<String, Object>>) api.getOrDefault("levels", List.of())) {
            Map<String, Object> prices = (Map<String, Object>) level.get("api_price_lookup");
            Map<String, Object> raw = (Map<String, Object>) level.get("raw_prepared_select");
            Map<String, Object> ping = (Map<String, Object>) level.get("no_db_endpoint");
            Object c = level.get("connections");
            row(out, "API lookups/s, p99 @" + c + " conns", f(prices.get("requests_per_s")) + ", " + f(prices.get("p99_ms")) + " ms",
                    "p99 <= 10 ms");
            Map<String, Object> fromDatabase = (Map<String, Object>) level.get("api_price_lookup_database_path");
            row(out, "  same API reading the database per lookup, p99", f(fromDatabase.get("requests_per_s")) + ", "
                    + f(fromDatabase.get("p99_ms")) + " ms", "");
            row(out, "  raw prepared SELECT/s, p99 (pgbench, " + raw.get("clients") + " clients)",
                    f(raw.get("queries_per_s")) + ", " + f(raw.get("p99_ms")) + " ms", "");
            row(out, "  no-database endpoint req/s, p99", f(ping.get("requests_per_s")) + ", " + f(ping.get("p99_ms")) + " ms", "");
            row(out, "  API / raw SELECT", f(level.get("api_vs_raw_select")), "64 conns: >= 1.0");
            row(out, "  API reading the database per lookup / raw SELECT", f(level.get("api_database_path_vs_raw_select")), "");
            row(out, "  API / no-database endpoint", f(level.get("api_vs_no_db_endpoint")), "");
        }
        Map<String, Object> candles = (Map<String, Object>) results.getOrDefault("candles", Map.of());
        for (String interval : List.of("1m", "1h")) {
            if (candles.containsKey("api_" + interval + "_ms")) {
                Map<String, Object> served = (Map<String, Object>) candles.get("api_" + interval + "_ms");
                Map<String, Object> raw = (Map<String, Object>) candles.get("raw_sql_" + interval + "_ms");
                row(out, "bars of a day at " + interval + ": API p50/p99 ms", f(served.get("p50")) + " / " + f(served.get("p99")), "");
                row(out, "  same SQL run raw p50/p99 ms", f(raw.get("p50")) + " / " + f(raw.get("p99")), "");
                row(out, "  API p99 / raw SQL p99", f(candles.get("api_vs_raw_sql_" + interval + "_p99")), "");
            }
        }
        if (candles.containsKey("raw_sql_1m_from_history_ms")) {
            Map<String, Object> history = (Map<String, Object>) candles.get("raw_sql_1m_from_history_ms");
            row(out, "  1m bars computed from the history rows p50/p99 ms", f(history.get("p50")) + " / " + f(history.get("p99")), "");
            row(out, "  stored 1m bars p99 / computed from history p99", f(candles.get("raw_sql_1m_stored_vs_from_history_p99")), "");
        }
        Map<String, Object> memory = (Map<String, Object>) results.getOrDefault("memory_at_max_rate", Map.of());
        memory.forEach((process, value) -> {
            Map<String, Object> m = (Map<String, Object>) value;
            row(out, "memory " + process + ": peak heap / RSS MiB", f(m.get("peak_heap_mib")) + " / " + f(m.get("peak_rss_mib")),
                    "heap <= 512");
        });
        return out.toString();
    }

    private static void latencyRow(StringBuilder out, Map<String, Object> phase, String target) {
        row(out, String.format("latency @%s ticks/s (%.0f%% of max) p50/p99/p99.9 ms", phase.get("offered_ticks_per_s"),
                        ((Number) phase.get("fraction_of_max")).doubleValue() * 100),
                f(phase.get("p50_ms")) + " / " + f(phase.get("p99_ms")) + " / " + f(phase.get("p99_9_ms")), target);
        if (phase.containsKey("on_price_history_p99_ms")) {
            row(out, "  of which tick -> visible on price-history p50/p99 ms",
                    f(phase.get("on_price_history_p50_ms")) + " / " + f(phase.get("on_price_history_p99_ms")), "");
        }
        if (phase.containsKey("wake_up_lateness_max_ms")) {
            row(out, "  host: a 1 ms sleep woke late by p99/p99.9/max ms", f(phase.get("wake_up_lateness_p99_ms")) + " / "
                    + f(phase.get("wake_up_lateness_p99_9_ms")) + " / " + f(phase.get("wake_up_lateness_max_ms")), "");
        }
        commitProbeRow(out, phase, "postgresql", "a one-row PostgreSQL commit");
        commitProbeRow(out, phase, "kafka", "a one-record Kafka transaction");
        if (phase.containsKey("processor_mean_commit_interval_ms")) {
            row(out, "  processor commits: count, mean ms apart, mean ms to commit", f(phase.get("processor_commits")) + ", "
                    + f(phase.get("processor_mean_commit_interval_ms")) + ", " + f(phase.get("processor_mean_transaction_commit_ms")), "");
        }
        if (phase.containsKey("sink_mean_write_ms")) {
            row(out, "  sink batches: count, mean records, mean write+commit ms", f(phase.get("sink_batches")) + ", "
                    + f(phase.get("sink_mean_batch_records")) + ", " + f(phase.get("sink_mean_write_ms")), "");
        }
    }

    private static void commitProbeRow(StringBuilder out, Map<String, Object> phase, String probe, String what) {
        if (phase.containsKey(probe + "_commit_p99_ms")) {
            row(out, "  host: " + what + " took p50/p99/max ms", f(phase.get(probe + "_commit_p50_ms")) + " / "
                    + f(phase.get(probe + "_commit_p99_ms")) + " / " + f(phase.get(probe + "_commit_max_ms")), "");
        }
    }

    private static void row(StringBuilder out, String name, String value, String target) {
        out.append(String.format("%-62s %-26s %s%n", name, value, target));
    }

    static String f(Object value) {
        if (!(value instanceof Number number)) {
            return String.valueOf(value);
        }
        double d = number.doubleValue();
        if (Math.abs(d) >= 100) {
            return String.format("%,.0f", d);
        }
        return String.format("%.2f", d);
    }
}
