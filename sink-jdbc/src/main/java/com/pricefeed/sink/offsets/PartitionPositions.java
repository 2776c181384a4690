package com.pricefeed.sink.offsets;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Starts every assigned partition at the position stored in {@code sink_offsets} (or at the beginning when none is
 * stored, or when the stored one belongs to an earlier topic of the same name), never at Kafka's committed offset.
 * A newly assigned partition stays paused until its position has been read; if the database cannot be read right
 * now, it stays paused and {@link #positionPending()} tries again.
 *
 * <p>Runs on the consumer's thread only: the consumer's rebalance listener calls {@link #assigned} and
 * {@link #released} from inside {@code poll}.
 */
public final class PartitionPositions {

    private static final Logger log = LoggerFactory.getLogger(PartitionPositions.class);

    private final Consumer<?, ?> consumer;
    private final DataSource dataSource;
    private final OffsetRepository offsets;
    private final TopicIds topicIds;
    private final Set<TopicPartition> unpositioned = new HashSet<>();

    public PartitionPositions(Consumer<?, ?> consumer, DataSource dataSource, OffsetRepository offsets, TopicIds topicIds) {
        this.consumer = consumer;
        this.dataSource = dataSource;
        this.offsets = offsets;
        this.topicIds = topicIds;
    }

    /** Newly assigned partitions: paused until positioned, positioned now if the database answers. */
    public void assigned(Collection<TopicPartition> partitions) {
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

    /** Partitions this instance no longer owns (revoked or lost): no longer waiting for a position. */
    public void released(Collection<TopicPartition> partitions) {
        unpositioned.removeAll(partitions);
    }

    /** Seeks every partition still waiting for its position; throws while the database or Kafka cannot be read. */
    public void positionPending() throws SQLException {
        if (unpositioned.isEmpty()) {
            return;
        }
        Set<TopicPartition> pending = new HashSet<>(unpositioned);
        pending.retainAll(consumer.assignment());
        Map<TopicPartition, Long> positions = positionsInTheCurrentLogs(pending);
        pending.forEach(partition -> consumer.seek(partition, positions.get(partition)));
        unpositioned.clear();
        consumer.resume(pending);
        log.info("Positioned {} from the database: {}", pending, positions);
    }

    /*
     * A stored position belongs to one log of its topic, named by the topic's id. When the topic was deleted and
     * created again (or the demo's data/ folder removed while the database kept its rows), the position belongs to
     * a log that no longer exists and the fence in OffsetRepository.ADVANCE would refuse every batch of the new one:
     * the partition starts afresh at the new log's beginning and its row is moved there. A row written before ids
     * were kept is judged by its offset alone (past the end means another log). A position before the beginning
     * means retention deleted records the sink never wrote: they are gone, so it is said loudly.
     */
    private Map<TopicPartition, Long> positionsInTheCurrentLogs(Set<TopicPartition> partitions) throws SQLException {
        Map<String, UUID> ids = topicIds.of(partitions.stream().map(TopicPartition::topic).collect(Collectors.toSet()));
        Map<TopicPartition, Long> beginnings = consumer.beginningOffsets(partitions);
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        Map<TopicPartition, Long> positions = new HashMap<>();
        try (Connection connection = dataSource.getConnection()) {
            Map<TopicPartition, StoredPosition> stored = offsets.find(connection, partitions);
            for (TopicPartition partition : partitions) {
                UUID id = ids.get(partition.topic());
                long beginning = beginnings.get(partition);
                StoredPosition position = stored.get(partition);
                if (position == null) {
                    offsets.claim(connection, partition, beginning, id);
                    positions.put(partition, beginning);
                } else if (position.topicId() != null ? !position.topicId().equals(id) : position.next() > ends.get(partition)) {
                    log.warn("The stored position {} of {} belongs to an earlier topic of that name (it was deleted and "
                            + "created again); starting the partition afresh at offset {}", position.next(), partition, beginning);
                    offsets.reset(connection, partition, position.next(), beginning, id);
                    positions.put(partition, beginning);
                } else {
                    offsets.claim(connection, partition, beginning, id);
                    if (position.next() < beginning) {
                        log.error("Records {} to {} of {} were deleted by retention before this sink wrote them; "
                                + "continuing at offset {}", position.next(), beginning - 1, partition, beginning);
                    }
                    positions.put(partition, Math.max(position.next(), beginning));
                }
            }
            connection.commit();
        }
        return positions;
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
}
