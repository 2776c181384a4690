package com.pricefeed.processor.dlq;

import com.pricefeed.processor.dlq.DeadLetters.SourceCoordinates;
import com.pricefeed.schemas.topic.DeadLetterHeaders;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Optional;

/**
 * The source records whose dead letter the broker refused, so that the next attempt writes a reference to them instead
 * ({@link com.pricefeed.schemas.topic.DeadLetterTruncation#REFUSED_BY_BROKER}) and the partition moves on. Under
 * exactly-once a refused record aborts the whole transaction; the records are then processed again, so one refusal
 * costs one retry, never a loop. Kept in memory for the life of the processor, the most recent
 * {@value #CAPACITY} only; another instance that takes the partition over pays the one retry itself. Thread-safe.
 */
public final class RefusedDeadLetters {

    static final int CAPACITY = 10_000;

    private final String deadLetterTopic;
    private final LinkedHashSet<SourceCoordinates> refused = new LinkedHashSet<>();

    public RefusedDeadLetters(String deadLetterTopic) {
        this.deadLetterTopic = Objects.requireNonNull(deadLetterTopic, "deadLetterTopic");
    }

    /**
     * Remembers the source of {@code record} when it is a dead letter.
     *
     * @return the source coordinates remembered, or empty when {@code record} is no dead letter of this processor
     */
    public Optional<SourceCoordinates> remember(ProducerRecord<byte[], byte[]> record) {
        if (!deadLetterTopic.equals(record.topic())) {
            return Optional.empty();
        }
        Optional<SourceCoordinates> source = sourceOf(record.headers());
        source.ifPresent(this::add);
        return source;
    }

    public synchronized boolean contains(SourceCoordinates source) {
        return refused.contains(source);
    }

    private synchronized void add(SourceCoordinates source) {
        refused.add(source);
        if (refused.size() > CAPACITY) {
            refused.remove(refused.iterator().next());
        }
    }

    private static Optional<SourceCoordinates> sourceOf(Headers headers) {
        String topic = text(headers, DeadLetterHeaders.SOURCE_TOPIC);
        String partition = text(headers, DeadLetterHeaders.SOURCE_PARTITION);
        String offset = text(headers, DeadLetterHeaders.SOURCE_OFFSET);
        if (topic == null || partition == null || offset == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new SourceCoordinates(topic, Integer.parseInt(partition), Long.parseLong(offset)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String text(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
