package com.pricefeed.benchmark;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The processor's transaction cadence, from the Kafka Streams and producer counters on its Prometheus endpoint:
 * commits, and the time spent sending offsets to and committing each transaction. A tick becomes visible downstream
 * only when its transaction commits, so the interval between commits bounds the processor's share of the latency.
 */
record ProcessorCommits(long atNanos, double commits, double transactionNanos) {

    static ProcessorCommits read(String metricsUrl) throws IOException, InterruptedException {
        ScrapedMetrics metrics = ScrapedMetrics.read(metricsUrl);
        return new ProcessorCommits(System.nanoTime(), metrics.sum("kafka_stream_thread_commit_total"),
                metrics.sum("kafka_producer_txn_send_offsets_time_ns_total") + metrics.sum("kafka_producer_txn_commit_time_ns_total"));
    }

    /** Commits, mean milliseconds between them and mean milliseconds to send offsets and commit, since {@code before}. */
    Map<String, Object> since(ProcessorCommits before) {
        double count = commits - before.commits;
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("processor_commits", count);
        figures.put("processor_mean_commit_interval_ms", count == 0 ? 0 : (atNanos - before.atNanos) / 1e6 / count);
        figures.put("processor_mean_transaction_commit_ms", count == 0 ? 0 : (transactionNanos - before.transactionNanos) / 1e6 / count);
        return figures;
    }
}
