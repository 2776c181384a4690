package com.pricefeed.sink.offsets;

import java.util.UUID;

/**
 * A partition's position as stored in {@code sink_offsets}.
 *
 * @param next    the next offset to write
 * @param topicId the id of the topic the offset belongs to, or {@code null} on a row written before ids were kept
 */
public record StoredPosition(long next, UUID topicId) {
}
