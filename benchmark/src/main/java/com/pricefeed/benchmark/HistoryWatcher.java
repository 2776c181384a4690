package com.pricefeed.benchmark;

import com.pricefeed.schemas.history.HistoryEvent;
import com.pricefeed.schemas.history.HistoryRecord;
import com.pricefeed.schemas.topic.Topic;
import com.pricefeed.schemas.topic.Topics;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The processor's share of the latency: a {@code read_committed} consumer of {@code price-history} that records, for
 * each tick, the time it became visible there minus its intended send time (its source timestamp). Started at the
 * topic's end before the ticks are sent; {@link #close()} stops it and returns the histogram.
 */
final class HistoryWatcher implements AutoCloseable {

    private static final long MAX_LATENCY_MICROS = TimeUnit.MINUTES.toMicros(2);

    private final KafkaConsumer<String, HistoryEvent> consumer;
    private final Histogram histogram = new Histogram(MAX_LATENCY_MICROS, 3);
    private final long recordFromMicros;
    private final Thread thread;
    private volatile boolean running = true;

    HistoryWatcher(String bootstrap, String historyTopic, Instant recordFrom) {
        Topic<String, HistoryEvent> topic = Topics.priceHistory(historyTopic);
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10,
                ConsumerConfig.CLIENT_ID_CONFIG, "bench-history-watcher"),
                topic.keySerde().deserializer(), topic.valueSerde().deserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(historyTopic).stream()
                .map(info -> new TopicPartition(historyTopic, info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        recordFromMicros = LatencyProbe.micros(recordFrom);
        thread = new Thread(this::watch, "bench-history-watcher");
        thread.start();
    }

    private void watch() {
        while (running) {
            for (ConsumerRecord<String, HistoryEvent> record : consumer.poll(Duration.ofMillis(50))) {
                if (!(record.value() instanceof HistoryRecord history)) {
                    continue;
                }
                long visibleMicros = LatencyProbe.micros(Instant.now());
                long sourceMicros = LatencyProbe.micros(history.tick().sourceTimestamp());
                if (sourceMicros >= recordFromMicros) {
                    histogram.recordValue(Math.min(MAX_LATENCY_MICROS, Math.max(0, visibleMicros - sourceMicros)));
                }
            }
        }
    }

    /** Stops watching; the histogram of what was seen so far. */
    Histogram stop() throws InterruptedException {
        running = false;
        thread.join();
        return histogram;
    }

    @Override
    public void close() throws InterruptedException {
        if (thread.isAlive()) {
            stop();
        }
        consumer.close();
    }
}
