package com.pricefeed.schemas.tick;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.pricefeed.schemas.json.IsoInstants;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The one place where publisher input becomes a {@link PriceTick}, a {@link Delisting} or a {@link RejectReason}.
 *
 * <p>A record with a non-null {@code event} is a lifecycle record: {@code "delisted"} is the only event; it has
 * {@code symbol}, {@code source_timestamp} and {@code provider} under the tick's rules and no tick field.
 *
 * <p>Normalization: the symbol is trimmed and upper-cased, the provider trimmed and lower-cased; prices with more
 * than four decimal places and a market cap with more than two are rounded HALF_EVEN (reported, not rejected); a
 * blank company name counts as absent; a source timestamp finer than a microsecond is truncated to the microsecond,
 * the precision of PostgreSQL's {@code timestamptz}, so that the processor and the table order ticks alike. Unknown
 * fields are ignored. Thread-safe.
 *
 * <p>Strictness: the value must be UTF-8 (a leading byte order mark is tolerated) holding exactly one JSON object
 * with no field named twice; decimals are read exactly, never through a binary float.
 */
public final class TickParser {

    public static final Pattern SYMBOL = Pattern.compile("^[A-Z0-9][A-Z0-9.\\-^=]{0,9}$");
    public static final Pattern PROVIDER = Pattern.compile("^[a-z0-9][a-z0-9_-]{0,49}$");
    public static final int PRICE_SCALE = 4;
    public static final int PRICE_INTEGER_DIGITS = 11;
    public static final int MARKET_CAP_SCALE = 2;
    public static final int MARKET_CAP_INTEGER_DIGITS = 18;
    public static final int COMPANY_NAME_MAX_LENGTH = 200;

    /** Beyond this many decimal places a number is refused outright, so rounding never does unbounded work. */
    private static final int MAX_INPUT_SCALE = 1000;
    /** The longest decimal string read, the same limit Jackson puts on a JSON number. */
    private static final int MAX_NUMBER_LENGTH = 1000;
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);
    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    /** The fields of a tick's value, which a lifecycle record must not carry. */
    private static final List<String> TICK_FIELDS = List.of("price", "volume", "open_price", "high_price", "low_price",
            "previous_close", "company_name", "market_cap");

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    /** Reads trees without resolving the target type on every call, as {@code ObjectMapper.readTree} does. */
    private static final ObjectReader TREE_READER = MAPPER.readerFor(JsonNode.class);

    private final Clock clock;
    private final Duration maxFutureSkew;
    private final Duration retention;

    /** A parser that accepts any past source timestamp (from 1970 on). */
    public TickParser(Clock clock, Duration maxFutureSkew) {
        this(clock, maxFutureSkew, Duration.ZERO);
    }

    /**
     * @param clock         the clock that says what "now" is
     * @param maxFutureSkew how far in the future a source timestamp may lie before it is rejected
     * @param retention     how far in the past a source timestamp may lie before it is rejected; zero for no limit
     */
    public TickParser(Clock clock, Duration maxFutureSkew, Duration retention) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.maxFutureSkew = Objects.requireNonNull(maxFutureSkew, "maxFutureSkew");
        this.retention = Objects.requireNonNull(retention, "retention");
        if (maxFutureSkew.isNegative()) {
            throw new IllegalArgumentException("maxFutureSkew must not be negative, got " + maxFutureSkew);
        }
        if (retention.isNegative()) {
            throw new IllegalArgumentException("retention must not be negative, got " + retention);
        }
    }

    public ParseResult parse(byte[] value) {
        if (value == null || value.length == 0) {
            return new ParseResult.Rejected(RejectReason.NOT_JSON, "the record has no value");
        }
        String text;
        try {
            text = utf8(value);
        } catch (CharacterCodingException e) {
            return new ParseResult.Rejected(RejectReason.NOT_JSON, "the value is not valid UTF-8");
        }
        JsonNode root;
        try {
            root = TREE_READER.readTree(text);
        } catch (JsonProcessingException e) {
            return new ParseResult.Rejected(RejectReason.NOT_JSON, "the value is not valid JSON: " + e.getOriginalMessage());
        } catch (NumberFormatException e) {
            // Jackson reads every number eagerly; one whose exponent BigDecimal cannot hold fails the whole tree.
            return new ParseResult.Rejected(RejectReason.INVALID_NUMBER, "the value holds a number that is not a finite decimal: " + e.getMessage());
        }
        if (root == null || root.isMissingNode()) {
            return new ParseResult.Rejected(RejectReason.NOT_JSON, "the value holds only white space");
        }
        if (!root.isObject()) {
            return new ParseResult.Rejected(RejectReason.NOT_AN_OBJECT,
                    "the value must be a JSON object, got " + root.getNodeType().name().toLowerCase(Locale.ROOT));
        }
        try {
            return read(root);
        } catch (Invalid e) {
            return new ParseResult.Rejected(e.reason, e.getMessage());
        }
    }

    /** Strict UTF-8, so that overlong forms, encoded surrogates and other encodings (UTF-16) are refused, not guessed. */
    private static String utf8(byte[] value) throws CharacterCodingException {
        String text = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(value))
                .toString();
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    private ParseResult read(JsonNode root) {
        JsonNode event = root.get("event");
        if (event != null && !event.isNull()) {
            return lifecycle(root, event);
        }
        List<String> rounded = new ArrayList<>(0);
        String symbol = symbol(requiredText(root, "symbol"));
        String provider = provider(requiredText(root, "provider"));
        Instant sourceTimestamp = timestamp(required(root, "source_timestamp"));
        BigDecimal price = money(required(root, "price"), "price", rounded,
                RejectReason.PRICE_NOT_POSITIVE, RejectReason.PRICE_OUT_OF_RANGE);
        Long volume = volume(root.get("volume"));
        BigDecimal open = optionalMoney(root, "open_price", rounded);
        BigDecimal high = optionalMoney(root, "high_price", rounded);
        BigDecimal low = optionalMoney(root, "low_price", rounded);
        BigDecimal previousClose = optionalMoney(root, "previous_close", rounded);
        if (low != null && high != null && low.compareTo(high) > 0) {
            throw new Invalid(RejectReason.LOW_ABOVE_HIGH,
                    "low_price " + low.toPlainString() + " is greater than high_price " + high.toPlainString());
        }
        String companyName = companyName(root.get("company_name"));
        BigDecimal marketCap = marketCap(root.get("market_cap"), rounded);
        PriceTick tick = new PriceTick(symbol, price, sourceTimestamp, provider, volume,
                open, high, low, previousClose, companyName, marketCap);
        return new ParseResult.Accepted(tick, rounded);
    }

    private ParseResult lifecycle(JsonNode root, JsonNode event) {
        if (!event.isTextual() || !Delisting.EVENT.equals(event.textValue())) {
            throw new Invalid(RejectReason.UNKNOWN_EVENT, "event " + (event.isTextual() ? quoted(event.textValue())
                    : event.getNodeType().name().toLowerCase(Locale.ROOT)) + " is not \"" + Delisting.EVENT + '"');
        }
        for (String field : TICK_FIELDS) {
            if (root.has(field)) {
                throw new Invalid(RejectReason.INVALID_LIFECYCLE_RECORD,
                        "a lifecycle record (event \"" + Delisting.EVENT + "\") must not carry " + field);
            }
        }
        String symbol = symbol(requiredText(root, "symbol"));
        String provider = provider(requiredText(root, "provider"));
        Instant at = timestamp(required(root, "source_timestamp"));
        return new ParseResult.Lifecycle(new Delisting(symbol, at, provider));
    }

    private static JsonNode required(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            throw new Invalid(RejectReason.MISSING_FIELD, "required field " + field + " is missing");
        }
        return node;
    }

    private static String requiredText(JsonNode root, String field) {
        JsonNode node = required(root, field);
        if (!node.isTextual()) {
            throw wrongType(field, "a string", node);
        }
        return node.textValue();
    }

    private static String symbol(String raw) {
        String trimmed = raw.trim();
        String symbol = trimmed.toUpperCase(Locale.ROOT);
        if (!isAscii(trimmed) || !SYMBOL.matcher(symbol).matches()) {
            throw new Invalid(RejectReason.INVALID_SYMBOL,
                    "symbol " + quoted(raw) + " does not match " + SYMBOL.pattern() + " after trimming and upper-casing");
        }
        return symbol;
    }

    private static String provider(String raw) {
        String trimmed = raw.trim();
        String provider = trimmed.toLowerCase(Locale.ROOT);
        if (!isAscii(trimmed) || !PROVIDER.matcher(provider).matches()) {
            throw new Invalid(RejectReason.INVALID_PROVIDER,
                    "provider " + quoted(raw) + " does not match " + PROVIDER.pattern() + " after trimming and lower-casing");
        }
        return provider;
    }

    /** Case mapping turns some non-ASCII letters into ASCII ones ("ß" to "SS", the Kelvin sign to "k"): refuse them first. */
    private static boolean isAscii(String text) {
        return text.chars().allMatch(c -> c < 0x80);
    }

    private Instant timestamp(JsonNode node) {
        Instant instant = node.isIntegralNumber() || (node.isTextual() && NumberSyntax.isEpochMillis(node.textValue().trim()))
                ? epochMillis(node)
                : isoInstant(node).truncatedTo(ChronoUnit.MICROS);
        Instant now = clock.instant();
        if (instant.isAfter(now.plus(maxFutureSkew))) {
            throw new Invalid(RejectReason.TIMESTAMP_IN_FUTURE,
                    "source_timestamp " + instant + " is later than now plus the allowed skew of " + maxFutureSkew);
        }
        if (!retention.isZero() && instant.isBefore(now.minus(retention))) {
            throw new Invalid(RejectReason.TIMESTAMP_BEYOND_RETENTION,
                    "source_timestamp " + instant + " is older than the history retention of " + retention);
        }
        return instant;
    }

    private static Instant epochMillis(JsonNode node) {
        String text = node.isTextual() ? node.textValue().trim() : node.asText();
        try {
            long millis = node.canConvertToLong() ? node.longValue() : Long.parseLong(text);
            if (millis < 0) {
                throw new Invalid(RejectReason.INVALID_TIMESTAMP, "source_timestamp " + text + " is before 1970");
            }
            return Instant.ofEpochMilli(millis);
        } catch (NumberFormatException e) {
            throw new Invalid(RejectReason.INVALID_TIMESTAMP, "source_timestamp " + text + " is not epoch milliseconds");
        }
    }

    private static Instant isoInstant(JsonNode node) {
        if (!node.isTextual()) {
            throw wrongType("source_timestamp", "an ISO-8601 string or epoch milliseconds", node);
        }
        String text = node.textValue().trim();
        try {
            Instant canonical = IsoInstants.parseCanonical(text);
            Instant instant = canonical != null ? canonical
                    : OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
            if (instant.isBefore(Instant.EPOCH)) {
                throw new Invalid(RejectReason.INVALID_TIMESTAMP, "source_timestamp " + quoted(text) + " is before 1970");
            }
            return instant;
        } catch (DateTimeException e) {
            throw new Invalid(RejectReason.INVALID_TIMESTAMP,
                    "source_timestamp " + quoted(text) + " is not ISO-8601 with an offset (2026-11-24T14:30:00.123Z) nor epoch milliseconds");
        }
    }

    private static BigDecimal optionalMoney(JsonNode root, String field, List<String> rounded) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        return money(node, field, rounded, RejectReason.OHLC_NOT_POSITIVE, RejectReason.OHLC_OUT_OF_RANGE);
    }

    private static BigDecimal money(JsonNode node, String field, List<String> rounded,
                                    RejectReason notPositive, RejectReason outOfRange) {
        BigDecimal value = scaled(decimal(node, field), PRICE_SCALE, field, rounded);
        if (value.signum() <= 0) {
            throw new Invalid(notPositive, field + " must be positive, got " + value.toPlainString());
        }
        if (integerDigits(value) > PRICE_INTEGER_DIGITS) {
            throw new Invalid(outOfRange, field + " " + value.toPlainString() + " does not fit DECIMAL(15,4)");
        }
        return value;
    }

    private static BigDecimal marketCap(JsonNode node, List<String> rounded) {
        if (node == null || node.isNull()) {
            return null;
        }
        BigDecimal value = decimal(node, "market_cap");
        if (value.signum() < 0) {
            throw new Invalid(RejectReason.MARKET_CAP_NEGATIVE, "market_cap must not be negative, got " + value.toPlainString());
        }
        BigDecimal scaled = scaled(value, MARKET_CAP_SCALE, "market_cap", rounded);
        if (integerDigits(scaled) > MARKET_CAP_INTEGER_DIGITS) {
            throw new Invalid(RejectReason.MARKET_CAP_OUT_OF_RANGE, "market_cap " + value.toPlainString() + " does not fit DECIMAL(20,2)");
        }
        return scaled;
    }

    private static BigDecimal decimal(JsonNode node, String field) {
        BigDecimal value;
        if (node.isNumber()) {
            if (node.isFloatingPointNumber() && !node.isBigDecimal()) {
                throw wrongType(field, "a decimal", node);
            }
            value = node.decimalValue();
        } else if (node.isTextual()) {
            value = parseDecimal(node.textValue().trim(), field);
        } else {
            throw wrongType(field, "a decimal string or number", node);
        }
        if (value.scale() > MAX_INPUT_SCALE || value.scale() < -MAX_INPUT_SCALE) {
            throw new Invalid(RejectReason.INVALID_NUMBER, field + " has an exponent out of range");
        }
        return value;
    }

    private static BigDecimal parseDecimal(String text, String field) {
        if (text.length() > MAX_NUMBER_LENGTH || !NumberSyntax.isDecimal(text)) {
            throw new Invalid(RejectReason.INVALID_NUMBER, field + " " + quoted(text) + " is not a decimal number");
        }
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new Invalid(RejectReason.INVALID_NUMBER, field + " " + quoted(text) + " is not a decimal number");
        }
    }

    private static BigDecimal scaled(BigDecimal value, int scale, String field, List<String> rounded) {
        if (value.scale() > scale) {
            BigDecimal result = value.setScale(scale, RoundingMode.HALF_EVEN);
            if (result.compareTo(value) != 0) {
                rounded.add(field);
            }
            return result;
        }
        return value.setScale(scale, RoundingMode.UNNECESSARY);
    }

    private static int integerDigits(BigDecimal value) {
        return value.precision() - value.scale();
    }

    private static Long volume(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        String text = node.isTextual() ? node.textValue().trim() : null;
        BigInteger volume;
        if (node.isIntegralNumber()) {
            volume = node.bigIntegerValue();
        } else if (text != null && text.length() <= MAX_NUMBER_LENGTH && NumberSyntax.isWholeNumber(text)) {
            volume = new BigInteger(text);
        } else {
            throw wrongType("volume", "a whole number", node);
        }
        if (volume.signum() < 0) {
            throw new Invalid(RejectReason.VOLUME_NEGATIVE, "volume must not be negative, got " + volume);
        }
        if (volume.compareTo(LONG_MAX) > 0 || volume.compareTo(LONG_MIN) < 0) {
            throw new Invalid(RejectReason.VOLUME_OUT_OF_RANGE, "volume " + volume + " does not fit a 64-bit integer");
        }
        return volume.longValue();
    }

    private static String companyName(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw wrongType("company_name", "a string", node);
        }
        String name = node.textValue().trim();
        if (name.codePointCount(0, name.length()) > COMPANY_NAME_MAX_LENGTH) {
            throw new Invalid(RejectReason.COMPANY_NAME_TOO_LONG,
                    "company_name is longer than " + COMPANY_NAME_MAX_LENGTH + " characters");
        }
        if (!isStorableText(name)) {
            throw new Invalid(RejectReason.COMPANY_NAME_INVALID,
                    "company_name contains a control character or an unpaired surrogate, which the database cannot store");
        }
        return name.isEmpty() ? null : name;
    }

    /** PostgreSQL text cannot hold NUL, and an unpaired surrogate would be written as "?": refuse both. */
    private static boolean isStorableText(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c)) {
                return false;
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    private static Invalid wrongType(String field, String expected, JsonNode node) {
        return new Invalid(RejectReason.WRONG_TYPE,
                field + " must be " + expected + ", got " + node.getNodeType().name().toLowerCase(Locale.ROOT));
    }

    private static String quoted(String text) {
        String shown = text.length() > 40 ? text.substring(0, 40) + "…" : text;
        return '"' + shown + '"';
    }

    /** Ends reading at the first problem found; carries the reason out of the nested reads. */
    private static final class Invalid extends RuntimeException {
        private final RejectReason reason;

        Invalid(RejectReason reason, String message) {
            super(message, null, false, false);
            this.reason = reason;
        }
    }
}
