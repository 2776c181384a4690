package com.pricefeed.schemas.topic;

/**
 * Why a dead letter is not the whole rejected record: the value of the {@code dlq-truncated} header. The name is a
 * stable code; never rename one.
 */
public enum DeadLetterTruncation {
    /**
     * The record and its dead-letter headers together are larger than one record of the dead-letter topic may be: the
     * key and the value are cut to their first bytes so that the dead letter fits.
     */
    TOO_LARGE,
    /**
     * The broker refused the dead letter (for example a record size limit lowered while the processor ran): it carries
     * no key and no value, only the headers, whose {@code dlq-source-*} coordinates point at the original record.
     */
    REFUSED_BY_BROKER
}
