package com.pricefeed.schemas.tick;

/**
 * Why a record on {@code price-ticks} was rejected. The name is the stable, machine-readable reason code written
 * to the {@code dlq-reason} header of the dead letter; never rename one.
 */
public enum RejectReason {
    /**
     * The value is empty, not UTF-8 or not JSON, holds more than one JSON value (trailing content), or names a field
     * twice (which of the two a reader would take is a guess).
     */
    NOT_JSON,
    /** The value is JSON but not an object. */
    NOT_AN_OBJECT,
    /** A required field ({@code symbol}, {@code price}, {@code source_timestamp}, {@code provider}) is absent or null. */
    MISSING_FIELD,
    /** A field has the wrong JSON type, for example a price that is an object or a volume with a fraction. */
    WRONG_TYPE,
    /** The symbol does not match {@code ^[A-Z0-9][A-Z0-9.\-^=]{0,9}$} after trimming and upper-casing. */
    INVALID_SYMBOL,
    /** The provider does not match {@code ^[a-z0-9][a-z0-9_-]{0,49}$} after trimming and lower-casing. */
    INVALID_PROVIDER,
    /**
     * A decimal field is not a finite decimal number in ASCII digits ({@code "abc"}, {@code "NaN"}, {@code "1e99999"}),
     * or any JSON number in the value has an exponent beyond what can be read exactly.
     */
    INVALID_NUMBER,
    /** The price is zero or negative (after rounding to four decimal places). */
    PRICE_NOT_POSITIVE,
    /** The price does not fit {@code DECIMAL(15,4)}. */
    PRICE_OUT_OF_RANGE,
    /** One of open, high, low or previous close is zero or negative. */
    OHLC_NOT_POSITIVE,
    /** One of open, high, low or previous close does not fit {@code DECIMAL(15,4)}. */
    OHLC_OUT_OF_RANGE,
    /** {@code low_price} is greater than {@code high_price}. */
    LOW_ABOVE_HIGH,
    /** The volume is negative. */
    VOLUME_NEGATIVE,
    /** The volume does not fit a signed 64-bit integer. */
    VOLUME_OUT_OF_RANGE,
    /** The source timestamp is neither ISO-8601 with an offset nor epoch milliseconds. */
    INVALID_TIMESTAMP,
    /** The source timestamp is later than now plus the allowed clock skew. */
    TIMESTAMP_IN_FUTURE,
    /** The source timestamp is older than the history retention ({@code HISTORY_RETENTION}): its history is dropped. */
    TIMESTAMP_BEYOND_RETENTION,
    /** The company name is longer than 200 characters (Unicode code points, after trimming). */
    COMPANY_NAME_TOO_LONG,
    /** The company name holds a control character (such as NUL) or an unpaired surrogate, which PostgreSQL cannot store. */
    COMPANY_NAME_INVALID,
    /** The market cap is negative. */
    MARKET_CAP_NEGATIVE,
    /** The market cap does not fit {@code DECIMAL(20,2)} (after rounding to two decimal places). */
    MARKET_CAP_OUT_OF_RANGE,
    /** A lifecycle record's {@code event} is not one this version knows; only {@code "delisted"} is defined. */
    UNKNOWN_EVENT,
    /**
     * A lifecycle record (one with an {@code event}) carries a tick field ({@code price}, {@code volume},
     * {@code open_price}, {@code high_price}, {@code low_price}, {@code previous_close}, {@code company_name},
     * {@code market_cap}), even as null: it would be a tick and a delisting at once.
     */
    INVALID_LIFECYCLE_RECORD
}
