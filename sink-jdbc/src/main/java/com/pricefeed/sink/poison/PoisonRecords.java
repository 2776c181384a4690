package com.pricefeed.sink.poison;

import com.pricefeed.schemas.history.HistoryEvent;
import com.pricefeed.sink.batch.BatchRecord;
import com.pricefeed.sink.metrics.SinkMetrics;
import com.pricefeed.sink.write.BatchWriter;
import com.pricefeed.sink.write.Errors;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Collection;

/**
 * Poison isolation's last step: a record proven poison (the database refused it alone, for its own content) or
 * unreadable is stored in {@code sink_rejected_records} with the error, and its partition moves past it, in one
 * transaction, before anything else is written. So it is never lost unrecorded and never stalls its partition.
 * Runs on the consumer thread.
 */
public final class PoisonRecords {

    private static final Logger log = LoggerFactory.getLogger(PoisonRecords.class);

    private final Consumer<?, ?> consumer;
    private final BatchWriter writer;
    private final String topic;
    private final Serializer<HistoryEvent> serializer;
    private final SinkMetrics metrics;
    /** The record to set aside before anything else is written, or null. */
    private Rejection pending;

    /** @param serializer writes a readable poison record's value back to the bytes it was read from */
    public PoisonRecords(Consumer<?, ?> consumer, BatchWriter writer, String topic, Serializer<HistoryEvent> serializer,
                         SinkMetrics metrics) {
        this.consumer = consumer;
        this.writer = writer;
        this.topic = topic;
        this.serializer = serializer;
        this.metrics = metrics;
    }

    /** A record that cannot be deserialized; the consumer still stands at it. */
    public void unreadable(RecordDeserializationException e) {
        pending = new Rejection(new RejectedRecord(e.topicPartition(), e.offset(), utf8(e.keyBuffer()),
                bytes(e.valueBuffer()), "Cannot deserialize: " + Errors.rootMessage(e)), true);
    }

    /** A record the database refused on its own, for its own content. */
    public void isolated(BatchRecord poison, Exception error) {
        log.error("Database rejected record {} (topic {}, partition {}, offset {}): {}", poison.coordinates(),
                poison.partition().topic(), poison.partition().partition(), poison.offset(), error.getMessage(), error);
        pending = new Rejection(new RejectedRecord(poison.partition(), poison.offset(), poison.key(),
                poison.value() == null ? null : serializer.serialize(topic, poison.value()), Errors.rootMessage(error)), false);
    }

    public boolean isPending() {
        return pending != null;
    }

    /** Stores the pending record and moves its partition past it; on failure it stays pending. */
    public void setAside() throws SQLException {
        RejectedRecord rejected = pending.record();
        writer.reject(rejected);
        boolean seekPast = pending.seekPast();
        pending = null;
        metrics.poisoned();
        log.error("Set aside record {} of {} in sink_rejected_records and moved past it: {}",
                rejected.coordinates(), rejected.partition().topic(), rejected.error());
        if (seekPast && consumer.assignment().contains(rejected.partition())) {
            consumer.seek(rejected.partition(), rejected.offset() + 1);
        }
    }

    /** Forgets the pending record if it belongs to partitions this instance no longer owns. */
    public void forget(Collection<TopicPartition> partitions) {
        if (pending != null && partitions.contains(pending.record().partition())) {
            pending = null;
        }
    }

    public void clear() {
        pending = null;
    }

    private static byte[] bytes(ByteBuffer buffer) {
        if (buffer == null) {
            return null;
        }
        ByteBuffer copy = buffer.duplicate();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return bytes;
    }

    private static String utf8(ByteBuffer buffer) {
        byte[] bytes = bytes(buffer);
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    /**
     * @param record   the record to store in {@code sink_rejected_records}
     * @param seekPast whether the consumer still stands at this record (it could not be deserialized) and must
     *                 seek past it once it is stored
     */
    private record Rejection(RejectedRecord record, boolean seekPast) {
    }
}
