package com.pricefeed.benchmark;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How big each measurement is. {@link #full} takes a few minutes; {@link #smoke} checks the harness in seconds.
 *
 * @param runs            repetitions of the throughput and sink measurements (medians are reported)
 * @param symbols         instruments, Zipf-distributed activity
 * @param ticks           ticks per end-to-end throughput run
 * @param sinkWarmupRows  history rows each sink run writes before it is timed: JVM start, group join, class loading
 *                        and most of the JIT's compiling happen in them
 * @param sinkRows        history rows per sink run timed after the warm-up rows, enough to last a few seconds
 * @param warmupTicks     ticks sent through the end-to-end pipeline once, before its timed runs: enough for the
 *                        JIT compilers to have done most of their work
 * @param seedTicks       ticks written by the seed-pattern baseline (it is slow)
 * @param latencyPhase    length of each constant-rate latency phase
 * @param latencyRates    fractions of the measured maximum to offer in the latency phases
 * @param fixedLatencyRate an absolute rate (ticks/s) also measured, the one the latency target names
 * @param apiPhase        length of each HTTP / pgbench load
 * @param connections     concurrencies of the API measurements
 * @param outDir          where results.json, the logs of the child JVMs and the wrk/pgbench files go
 */
record BenchConfig(int runs, int symbols, int ticks, int sinkWarmupRows, int sinkRows, int warmupTicks, int seedTicks,
                   Duration latencyPhase, List<Double> latencyRates, int fixedLatencyRate, Duration apiPhase,
                   List<Integer> connections, Path outDir) {

    static BenchConfig full(Path outDir) {
        return new BenchConfig(3, 1000, 200_000, 400_000, 400_000, 400_000, 3_000, Duration.ofSeconds(20),
                List.of(0.1, 0.5, 0.8), 5_000, Duration.ofSeconds(5), List.of(16, 64, 256), outDir);
    }

    static BenchConfig smoke(Path outDir) {
        return new BenchConfig(1, 1000, 3_000, 600, 2_400, 500, 100, Duration.ofSeconds(1), List.of(0.1, 0.5, 0.8), 300,
                Duration.ofSeconds(1), List.of(16), outDir);
    }
}
