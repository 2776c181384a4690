package com.pricefeed.sink.support;

import com.pricefeed.schemas.history.HistoryEvent;
import com.pricefeed.schemas.history.HistoryRecord;
import com.pricefeed.schemas.topic.Topic;
import com.pricefeed.schemas.topic.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/** A {@code price-history} topic on the test broker and a plain producer for it, as the processor would write it. */
public final class HistoryTopic implements AutoCloseable {

    private final Topic<String, HistoryEvent> topic;
    private final KafkaProducer<String, HistoryEvent> producer;
    private final KafkaProducer<String, byte[]> rawProducer;
    private final String bootstrapServers;

    private HistoryTopic(Topic<String, HistoryEvent> topic, String bootstrapServers) {
        this.topic = topic;
        this.bootstrapServers = bootstrapServers;
        // Not idempotent, one request in flight: order is kept and a slow shared machine cannot confuse sequences.
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false, ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        this.producer = new KafkaProducer<>(config, topic.keySerde().serializer(), topic.valueSerde().serializer());
        this.rawProducer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    public static HistoryTopic create(String bootstrapServers, String name, int partitions) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot create topic " + name, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return new HistoryTopic(Topics.priceHistory(name), bootstrapServers);
    }

    public String name() {
        return topic.name();
    }

    /** Sends the events (ticks and delistings) keyed by symbol, in order, and waits until the broker has them all. */
    public void send(List<? extends HistoryEvent> records) {
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        for (HistoryEvent record : records) {
            sent.add(producer.send(new ProducerRecord<>(topic.name(), record.symbol(), record)));
        }
        producer.flush();
        sent.forEach(HistoryTopic::acknowledged);
    }

    public void send(HistoryRecord... records) {
        send(List.of(records));
    }

    /** Sends the records in one Kafka transaction, committed or aborted, as the processor's exactly-once producer does. */
    public void sendInTransaction(List<HistoryRecord> records, boolean commit) {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "test-" + topic.name());
        try (KafkaProducer<String, HistoryEvent> transactional =
                     new KafkaProducer<>(config, topic.keySerde().serializer(), topic.valueSerde().serializer())) {
            transactional.initTransactions();
            transactional.beginTransaction();
            for (HistoryRecord record : records) {
                transactional.send(new ProducerRecord<>(topic.name(), record.tick().symbol(), record));
            }
            if (commit) {
                transactional.commitTransaction();
            } else {
                transactional.flush();
                transactional.abortTransaction();
            }
        }
    }

    /** Sends bytes that are not a history record, to partition 0. */
    public void sendRaw(String key, byte[] value) {
        Future<RecordMetadata> sent = rawProducer.send(new ProducerRecord<>(topic.name(), 0, key, value));
        rawProducer.flush();
        acknowledged(sent);
    }

    private static void acknowledged(Future<RecordMetadata> sent) {
        try {
            sent.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("The broker refused a test record", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        producer.close();
        rawProducer.close();
    }
}
