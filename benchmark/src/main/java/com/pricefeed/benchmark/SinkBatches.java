package com.pricefeed.benchmark;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sink's own account of its batches, read from its Prometheus endpoint: how many it committed and their total
 * records and write-and-commit time. Two readings around a phase give that phase's batches, mean size and mean time,
 * which splits the sink's share of the latency into writing and waiting.
 */
record SinkBatches(double batches, double records, double seconds) {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    static SinkBatches read(String metricsUrl) throws IOException, InterruptedException {
        String text = HTTP.send(HttpRequest.newBuilder(URI.create(metricsUrl)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        return new SinkBatches(value(text, "prices_sink_commit_latency_seconds_count"),
                value(text, "prices_sink_batch_size_records_sum"), value(text, "prices_sink_commit_latency_seconds_sum"));
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

    private static double value(String metrics, String name) {
        Matcher matcher = Pattern.compile("(?m)^" + Pattern.quote(name) + "(?:\\{[^}]*})? ([0-9.eE+-]+)$").matcher(metrics);
        if (!matcher.find()) {
            throw new IllegalStateException("No " + name + " in the sink's metrics");
        }
        return Double.parseDouble(matcher.group(1));
    }
}
