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

    private DeadLetterHeaders() {
    }
}
