package com.pricefeed.benchmark;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The sink's own account of its batches, read from its Prometheus endpoint: how many it committed and their total
 * records and write-and-commit time. Two readings around a phase give that phase's batches, mean size and mean time,
 * which splits the sink's share of the latency into writing and waiting.
 */
record SinkBatches(double batches, double records, double seconds) {

    static SinkBatches read(String metricsUrl) throws IOException, InterruptedException {
        ScrapedMetrics metrics = ScrapedMetrics.read(metricsUrl);
        return new SinkBatches(metrics.sum("prices_sink_commit_latency_seconds_count"),
                metrics.sum("prices_sink_batch_size_records_sum"), metrics.sum("prices_sink_commit_latency_seconds_sum"));
    }

    /** Batches, mean records per batch and mean write-and-commit milliseconds between {@code before} and this. */
    Map<String, Object> since(SinkBatches before) {
        double count = batches - before.batches;
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("sink_batches", count);
        figures.put("sink_mean_batch_records", count == 0 ? 0 : (records - before.records) / count);
        figures.put("sink_mean_write_ms", count == 0 ? 0 : (seconds - before.seconds) * 1000 / count);
        return figures;
    }
}
