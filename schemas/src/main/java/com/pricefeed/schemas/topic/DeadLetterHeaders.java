package com.pricefeed.schemas.topic;

/** The header names on a record of {@code price-ticks-dlq}; values are UTF-8 strings. */
public final class DeadLetterHeaders {

    /** The {@link com.pricefeed.schemas.tick.RejectReason} name, e.g. {@code PRICE_NOT_POSITIVE}. */
    public static final String REASON = "dlq-reason";
    /** What is wrong, for a human. */
    public static final String MESSAGE = "dlq-message";
    public static final String SOURCE_TOPIC = "dlq-source-topic";
    public static final String SOURCE_PARTITION = "dlq-source-partition";
    public static final String SOURCE_OFFSET = "dlq-source-offset";
    /**
     * Present only on a dead letter that is not the whole record: a {@link DeadLetterTruncation} name saying why. The
     * key and value are then the first bytes of the original ones (or absent), and the publisher's headers are left out.
     */
    public static final String TRUNCATED = "dlq-truncated";
    /** With {@link #TRUNCATED}: the size of the original key in bytes (0 when it had none). */
    public static final String ORIGINAL_KEY_SIZE = "dlq-original-key-size";
    /** With {@link #TRUNCATED}: the size of the original value in bytes (0 when it had none). */
    public static final String ORIGINAL_VALUE_SIZE = "dlq-original-value-size";

    private DeadLetterHeaders() {
    }
}
