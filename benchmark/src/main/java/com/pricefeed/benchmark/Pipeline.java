package com.pricefeed.benchmark;

import com.pricefeed.schemas.tick.PriceTick;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The real path for one run: a fresh database, fresh topic names, and the processor and sink each in its own JVM
 * running its production {@code Main}, configured by environment like in production (tuning variables set for the
 * benchmark's own JVM are passed on). Plus a publisher (a plain producer in the benchmark JVM) of JSON ticks.
 */
final class Pipeline implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(Math.max(90, Long.getLong("bench.wait.seconds", 90)));

    final BenchDatabase database;
    final ChildProcess processor;
    final ChildProcess sink;
    final String ticksTopic;
    final String historyTopic;
    final String bootstrap;
    final String sinkMetrics;
    final String processorMetrics;
    final KafkaProducer<byte[], byte[]> publisher;

    private Pipeline(BenchDatabase database, ChildProcess processor, ChildProcess sink,
                     Map<String, String> topics, String bootstrap, String processorMetrics, String sinkMetrics) {
        this.database = database;
        this.processorMetrics = processorMetrics;
        this.sinkMetrics = sinkMetrics;
        this.processor = processor;
        this.sink = sink;
        this.ticksTopic = topics.get("TOPIC_PRICE_TICKS");
        this.historyTopic = topics.get("TOPIC_PRICE_HISTORY");
        this.bootstrap = bootstrap;
        this.publisher = publisher(bootstrap);
    }

    /** @param processorState where the processor keeps its state; the caller removes it */
    static Pipeline start(String bootstrap, String runId, Path outDir, Path processorState) throws Exception {
        BenchDatabase database = BenchDatabase.empty();
        String prefix = "bench-" + runId + "-";
        Map<String, String> topics = Map.of(
                "TOPIC_PRICE_TICKS", prefix + "price-ticks",
                "TOPIC_PRICE_TICKS_DLQ", prefix + "price-ticks-dlq",
                "TOPIC_PRICE_HISTORY", prefix + "price-history",
                "TOPIC_REALTIME_SYMBOLS", prefix + "realtime-symbols");
        int processorPort = freePort();
        int sinkPort = freePort();
        Map<String, String> processorEnv = new HashMap<>(topics);
        processorEnv.put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
        processorEnv.put("PROCESSOR_APPLICATION_ID", prefix + "processor");
        processorEnv.put("PROCESSOR_STATE_DIR", processorState.toString());
        processorEnv.put("PROCESSOR_OPS_PORT", Integer.toString(processorPort));
        Map<String, String> sinkEnv = new HashMap<>(topics);
        sinkEnv.put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
        sinkEnv.put("DATABASE_URL", database.config().url());
        sinkEnv.put("DATABASE_USER", database.config().user());
        sinkEnv.put("SINK_GROUP_ID", prefix + "sink");
        sinkEnv.put("SINK_OPS_PORT", Integer.toString(sinkPort));
        ChildProcess processor = ChildProcess.start("processor", List.of(), processorEnv, outDir.resolve(runId));
        ChildProcess sink = ChildProcess.start("sink", List.of(), sinkEnv, outDir.resolve(runId));
        Pipeline pipeline = new Pipeline(database, processor, sink, topics, bootstrap,
                "http://127.0.0.1:" + processorPort + "/metrics", "http://127.0.0.1:" + sinkPort + "/metrics");
        try {
            processor.awaitReady("http://127.0.0.1:" + processorPort + "/health/ready", READY_TIMEOUT);
            sink.awaitReady("http://127.0.0.1:" + sinkPort + "/health/ready", READY_TIMEOUT);
            return pipeline;
        } catch (Exception | Error e) {
            pipeline.close();
            throw e;
        }
    }

    /** A publisher as a feed would run one: batching a little, acks from the broker. */
    static KafkaProducer<byte[], byte[]> publisher(String bootstrap) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.LINGER_MS_CONFIG, 2,
                ProducerConfig.BATCH_SIZE_CONFIG, 128 * 1024,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.CLIENT_ID_CONFIG, "bench-publisher"), new ByteArraySerializer(), new ByteArraySerializer());
    }

    void send(PriceTick tick) {
        send(tick.symbol(), TickGenerator.json(tick));
    }

    void send(String symbol, byte[] json) {
        publisher.send(new ProducerRecord<>(ticksTopic, symbol.getBytes(StandardCharsets.UTF_8), json));
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops the services (the database stays for the caller to close). */
    void stopServices() {
        publisher.close(Duration.ofSeconds(10));
        sink.stopAsync();
        processor.stopAsync();
        sink.close();
        processor.close();
    }

    @Override
    public void close() throws Exception {
        try {
            stopServices();
        } finally {
            database.close();
        }
    }
}
