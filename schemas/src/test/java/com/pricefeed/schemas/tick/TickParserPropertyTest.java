package com.pricefeed.schemas.tick;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever way a publisher writes a valid tick (decimals as strings or numbers, with extra trailing zeros or an
 * exponent; timestamps in UTC, with an offset or as epoch milliseconds; any field order; symbol and provider in
 * any case, padded), the parser yields the same normalized tick and reports nothing as rounded.
 */
class TickParserPropertyTest {

    private static final Instant NOW = Instant.parse("2026-11-24T15:00:00Z");
    private static final Duration SKEW = Duration.ofMinutes(5);
    private static final String SYMBOL_REST = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-^=";
    private static final String PROVIDER_REST = "abcdefghijklmnopqrstuvwxyz0123456789_-";

    private final TickParser parser = new TickParser(Clock.fixed(NOW, ZoneOffset.UTC), SKEW);

    @Property(tries = 500)
    void parsingAnyRenderingOfAValidTickYieldsTheSameNormalizedTick(@ForAll("validTicks") PriceTick tick,
                                                                    @ForAll long renderingSeed) {
        String json = new Renderer(new Random(renderingSeed)).render(tick);

        ParseResult result = parser.parse(json.getBytes(StandardCharsets.UTF_8));

        assertThat(result).as(json).isEqualTo(new ParseResult.Accepted(normalized(tick), List.of()));
    }

    @Property(tries = 500)
    void parsingNeverThrowsWhateverTheBytes(@ForAll @Size(max = 200) byte[] value) {
        assertThat(parser.parse(value)).isNotNull();
    }

    @Property(tries = 500)
    void parsingNeverThrowsOnACorruptedTick(@ForAll("validTicks") PriceTick tick, @ForAll long seed) {
        Random random = new Random(seed);
        StringBuilder json = new StringBuilder(new Renderer(random).render(tick));
        String noise = "{}[]\":,.-+eE0123456789 \\u\u0000\uD800nultrefas";
        for (int i = random.nextInt(4); i >= 0; i--) {
            int at = random.nextInt(json.length() + 1);
            if (random.nextBoolean() && at < json.length()) {
                json.deleteCharAt(at);
            } else {
                json.insert(at, noise.charAt(random.nextInt(noise.length())));
            }
        }

        assertThat(parser.parse(json.toString().getBytes(StandardCharsets.UTF_8))).isNotNull();
    }

    @Provide
    Arbitrary<PriceTick> validTicks() {
        Arbitrary<String> symbols = Combinators.combine(
                        Arbitraries.strings().withChars("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789").ofLength(1),
                        Arbitraries.strings().withChars(SYMBOL_REST).ofMaxLength(9))
                .as(String::concat);
        Arbitrary<String> providers = Combinators.combine(
                        Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789").ofLength(1),
                        Arbitraries.strings().withChars(PROVIDER_REST).ofMaxLength(49))
                .as(String::concat);
        Arbitrary<Instant> timestamps = Combinators.combine(
                        Arbitraries.longs().between(0, NOW.plus(SKEW).getEpochSecond() - 1),
                        Arbitraries.oneOf(Arbitraries.just(0), Arbitraries.integers().between(0, 999).map(ms -> ms * 1_000_000),
                                Arbitraries.integers().between(0, 999_999).map(micros -> micros * 1_000)))
                .as(Instant::ofEpochSecond);
        Arbitrary<BigDecimal> prices = decimals(11, 4, true);
        Arbitrary<BigDecimal> optionalPrices = prices.injectNull(0.3);
        Arbitrary<List<BigDecimal>> lowHigh = prices.list().ofSize(2).map(pair -> {
            List<BigDecimal> sorted = new ArrayList<>(pair);
            sorted.sort(BigDecimal::compareTo);
            return sorted;
        }).injectNull(0.3);
        Arbitrary<Long> volumes = Arbitraries.longs().between(0, Long.MAX_VALUE).injectNull(0.3);
        Arbitrary<String> names = Arbitraries.strings()
                .withCharRange('!', '~').withCharRange('À', 'ÿ').withCharRange('一', '龥').withChars(' ')
                .ofMinLength(1).ofMaxLength(200)
                .filter(name -> !name.isBlank())
                .injectNull(0.3);
        Arbitrary<BigDecimal> marketCaps = decimals(18, 2, false).injectNull(0.3);

        return Combinators.combine(symbols, providers, timestamps, prices, volumes,
                        Combinators.combine(optionalPrices, lowHigh, optionalPrices).as(Ohlc::new), names, marketCaps)
                .as((symbol, provider, at, price, volume, ohlc, name, marketCap) -> new PriceTick(
                        symbol, price, at, provider, volume, ohlc.open(), ohlc.high(), ohlc.low(), ohlc.previousClose(),
                        name, marketCap));
    }

    /** Open and previous close each optional; low and high both present (low not above high) or both absent. */
    private record Ohlc(BigDecimal open, List<BigDecimal> lowAndHigh, BigDecimal previousClose) {
        BigDecimal low() {
            return lowAndHigh == null ? null : lowAndHigh.get(0);
        }

        BigDecimal high() {
            return lowAndHigh == null ? null : lowAndHigh.get(1);
        }
    }

    /** Decimals with up to {@code integerDigits} integer digits and any scale up to {@code maxScale}. */
    private static Arbitrary<BigDecimal> decimals(int integerDigits, int maxScale, boolean positive) {
        return Arbitraries.integers().between(0, maxScale).flatMap(scale -> Arbitraries.bigIntegers()
                .between(positive ? BigInteger.ONE : BigInteger.ZERO, BigInteger.TEN.pow(integerDigits + scale).subtract(BigInteger.ONE))
                .map(unscaled -> new BigDecimal(unscaled, scale)));
    }

    private static PriceTick normalized(PriceTick tick) {
        return new PriceTick(tick.symbol(), scale4(tick.price()), tick.sourceTimestamp(), tick.provider(), tick.volume(),
                scale4(tick.openPrice()), scale4(tick.highPrice()), scale4(tick.lowPrice()), scale4(tick.previousClose()),
                tick.companyName() == null ? null : tick.companyName().trim(),
                tick.marketCap() == null ? null : tick.marketCap().setScale(2));
    }

    private static BigDecimal scale4(BigDecimal value) {
        return value == null ? null : value.setScale(4);
    }

    /** Writes a tick as a publisher might: every choice drawn from one seeded random. */
    private static final class Renderer {
        private final Random random;

        Renderer(Random random) {
            this.random = random;
        }

        String render(PriceTick tick) {
            List<String> fields = new ArrayList<>();
            fields.add(field("symbol", string(pad(randomCase(tick.symbol())))));
            fields.add(field("provider", string(pad(random.nextBoolean() ? tick.provider().toUpperCase(Locale.ROOT) : tick.provider()))));
            fields.add(field("source_timestamp", timestamp(tick.sourceTimestamp())));
            fields.add(field("price", decimal(tick.price())));
            optional(fields, "volume", tick.volume() == null ? null : volume(tick.volume()));
            optional(fields, "open_price", decimal(tick.openPrice()));
            optional(fields, "high_price", decimal(tick.highPrice()));
            optional(fields, "low_price", decimal(tick.lowPrice()));
            optional(fields, "previous_close", decimal(tick.previousClose()));
            optional(fields, "company_name", tick.companyName() == null ? null : string(tick.companyName()));
            optional(fields, "market_cap", decimal(tick.marketCap()));
            if (random.nextBoolean()) {
                fields.add(field("unknown_field", "{\"nested\":[1.5,\"x\",null]}"));
            }
            Collections.shuffle(fields, random);
            return fields.stream().collect(Collectors.joining(",", "{", "}"));
        }

        private void optional(List<String> fields, String name, String json) {
            if (json != null) {
                fields.add(field(name, json));
            } else if (random.nextBoolean()) {
                fields.add(field(name, "null"));
            }
        }

        private String decimal(BigDecimal value) {
            if (value == null) {
                return null;
            }
            int extraZeros = random.nextInt(4);
            String text = switch (random.nextInt(3)) {
                case 0 -> value.toPlainString() + (extraZeros > 0 && value.scale() == 0 ? "." : "") + "0".repeat(extraZeros);
                case 1 -> value.unscaledValue().multiply(BigInteger.TEN.pow(extraZeros)) + "E" + -(value.scale() + extraZeros);
                default -> value.toPlainString();
            };
            return random.nextBoolean() ? text : string(text);
        }

        private String volume(long value) {
            return random.nextBoolean() ? Long.toString(value) : string(Long.toString(value));
        }

        private String timestamp(Instant at) {
            boolean wholeMillis = at.getNano() % 1_000_000 == 0;
            switch (random.nextInt(wholeMillis ? 4 : 2)) {
                case 0:
                    return string(at.toString());
                case 1:
                    ZoneOffset offset = ZoneOffset.ofTotalSeconds((random.nextInt(105) - 48) * 15 * 60);
                    return string(OffsetDateTime.ofInstant(at, offset).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
                case 2:
                    return Long.toString(at.toEpochMilli());
                default:
                    return string(Long.toString(at.toEpochMilli()));
            }
        }

        private String randomCase(String text) {
            StringBuilder out = new StringBuilder();
            for (char c : text.toCharArray()) {
                out.append(random.nextBoolean() ? Character.toLowerCase(c) : c);
            }
            return out.toString();
        }

        private String pad(String text) {
            return " ".repeat(random.nextInt(3)) + text + " ".repeat(random.nextInt(3));
        }

        private static String field(String name, String json) {
            return '"' + name + "\":" + json;
        }

        private static String string(String text) {
            return '"' + new String(JsonStringEncoder.getInstance().quoteAsString(text)) + '"';
        }
    }
}
