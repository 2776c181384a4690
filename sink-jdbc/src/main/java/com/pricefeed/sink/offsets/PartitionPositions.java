package com.pricefeed.sink.offsets;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Starts every assigned partition at the position stored in {@code sink_offsets} (or at the beginning when none is
 * stored), never at Kafka's committed offset. A newly assigned partition stays paused until its position has been
 * read; if the database cannot be read right now, it stays paused and {@link #positionPending()} tries again.
 *
 * <p>Runs on the consumer's thread only: Kafka calls the listener methods from inside {@code poll}.
 */
public final class PartitionPositions implements ConsumerRebalanceListener {

    private static final Logger log = LoggerFactory.getLogger(PartitionPositions.class);

    private final Consumer<?, ?> consumer;
    private final DataSource dataSource;
    private final OffsetRepository offsets;
    private final java.util.function.Consumer<Collection<TopicPartition>> onRevoked;
    private final Set<TopicPartition> unpositioned = new HashSet<>();

    /**
     * @param onRevoked told which partitions this instance no longer owns, so it drops their unwritten records
     */
    public PartitionPositions(Consumer<?, ?> consumer, DataSource dataSource,
                              OffsetRepository offsets, java.util.function.Consumer<Collection<TopicPartition>> onRevoked) {
        this.consumer = consumer;
        this.dataSource = dataSource;
        this.offsets = offsets;
        this.onRevoked = onRevoked;
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        consumer.pause(partitions);
        unpositioned.addAll(partitions);
        try {
            positionPending();
        } catch (SQLException | RuntimeException e) {
            log.warn("Cannot read the stored positions of {} yet; they stay paused until the database answers: {}",
                    partitions, e.getMessage());
        }
    }

    /*
     * Nothing needs flushing here: every batch is committed to the database before the next poll, and only poll
     * calls this. The one exception is a batch waiting for the database to come back (the consumer polls, paused,
     * to stay in the group): its records of these partitions are dropped unwritten, and the new owner starts from
     * the stored position, which does not include them.
     */
    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        released(partitions);
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
        released(partitions);
    }

    /** Seeks every partition still waiting for its position; throws while the database cannot be read. */
    public void positionPending() throws SQLException {
        if (unpositioned.isEmpty()) {
            return;
        }
        Set<TopicPartition> pending = new HashSet<>(unpositioned);
        pending.retainAll(consumer.assignment());
        Map<TopicPartition, Long> stored;
        try (Connection connection = dataSource.getConnection()) {
            connection.setReadOnly(true);
            stored = offsets.find(connection, pending);
            connection.commit();
        }
        Map<TopicPartition, Long> positions = fittedToTheLog(stored);
        for (TopicPartition partition : pending) {
            Long next = positions.get(partition);
            if (next == null) {
                consumer.seekToBeginning(List.of(partition));
            } else {
                consumer.seek(partition, next);
            }
        }
        unpositioned.clear();
        consumer.resume(pending);
        log.info("Positioned {} from the database: {} (partitions not listed start at the beginning)", pending, positions);
    }

    /*
     * A stored position past the end of its partition means the topic was deleted and created again (or its log was
     * lost): that position belongs to a log that no longer exists, and the fence in OffsetRepository.ADVANCE would
     * refuse every batch of the new one. The partition starts afresh at its beginning, and the stored position is
     * moved there. A stored position before the beginning means retention deleted records the sink never wrote:
     * they are gone, so it is said loudly and the partition starts at its beginning.
     */
    private Map<TopicPartition, Long> fittedToTheLog(Map<TopicPartition, Long> stored) throws SQLException {
        if (stored.isEmpty()) {
            return stored;
        }
        Map<TopicPartition, Long> beginnings = consumer.beginningOffsets(stored.keySet());
        Map<TopicPartition, Long> ends = consumer.endOffsets(stored.keySet());
        Map<TopicPartition, Long> fitted = new HashMap<>(stored);
        try (Connection connection = dataSource.getConnection()) {
            for (Map.Entry<TopicPartition, Long> entry : stored.entrySet()) {
                TopicPartition partition = entry.getKey();
                long position = entry.getValue();
                long beginning = beginnings.get(partition);
                if (position > ends.get(partition)) {
                    log.warn("The stored position {} of {} is past the partition's end {}: the topic was recreated. "
                            + "Starting it afresh at offset {}", position, partition, ends.get(partition), beginning);
                    offsets.reset(connection, partition, position, beginning);
                    fitted.put(partition, beginning);
                } else if (position < beginning) {
                    log.error("Records {} to {} of {} were deleted by retention before this sink wrote them; "
                            + "continuing at offset {}", position, beginning - 1, partition, beginning);
                    fitted.put(partition, beginning);
                }
            }
            connection.commit();
        }
        return fitted;
    }

    /** Whether a partition is positioned and may be fetched. */
    public boolean isPositioned(TopicPartition partition) {
        return !unpositioned.contains(partition);
    }

    /** Forgets the consumer's positions: every assigned partition is paused and re-read from the database. */
    public void repositionAll() {
        Set<TopicPartition> assignment = consumer.assignment();
        consumer.pause(assignment);
        unpositioned.addAll(assignment);
    }

    private void released(Collection<TopicPartition> partitions) {
        unpositioned.removeAll(partitions);
        if (!partitions.isEmpty()) {
            onRevoked.accept(partitions);
        }
    }
}
