package com.pricefeed.sink.consume;

import com.pricefeed.sink.batch.Batch;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.Map;

/** Tells Kafka the committed position too, for lag monitoring only: the database's position is the truth. */
public final class AdvisoryCommits {

    private static final Logger log = LoggerFactory.getLogger(AdvisoryCommits.class);

    private final Consumer<?, ?> consumer;

    public AdvisoryCommits(Consumer<?, ?> consumer) {
        this.consumer = consumer;
    }

    void commit(Batch written) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        written.ranges().forEach((partition, range) -> {
            if (consumer.assignment().contains(partition)) {
                offsets.put(partition, new OffsetAndMetadata(range.next()));
            }
        });
        consumer.commitAsync(offsets, (committed, error) -> {
            if (error != null) {
                log.debug("Advisory offset commit failed (the database holds the real positions): {}", error.toString());
            }
        });
    }
}
