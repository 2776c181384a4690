package com.pricefeed.systemtests;

import com.pricefeed.schemas.tick.Delisting;
import com.pricefeed.schemas.tick.Newest;
import com.pricefeed.schemas.tick.ParseResult;
import com.pricefeed.schemas.tick.PriceTick;
import com.pricefeed.schemas.tick.TickIdentity;
import com.pricefeed.schemas.tick.TickParser;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static com.pricefeed.testing.DelistingBuilder.aDelisting;
import static com.pricefeed.testing.TickBuilder.aTick;

/**
 * A tick set determined by a seed (timestamps relative to the hour it runs in) and what the pipeline must make of it:
 * ticks over many symbols with source timestamps out of order, some exact duplicates (one re-sent with its price written
 * differently), some invalid ticks, one {@link Poison} of each kind in the middle, and delistings (lifecycle records)
 * among them: of symbols that tick before and after them, and of symbols that never tick.
 * What is accepted is decided by the schemas' own {@link TickParser} and {@link TickIdentity}, so the expected
 * history rows and master rows are known exactly before anything runs. Delisting is order-independent, so the master
 * row of a symbol still shows its newest tick, and it is delisted exactly when some delisting is newer than that tick
 * (then at the newest such delisting), whatever order the pipeline sees them in. Delisting times carry half a
 * millisecond, so that none equals a tick's (millisecond) source time.
 */
final class TickSet {

    private static final String[] PROVIDERS = {"alpha", "bravo", "charlie"};

    private final List<Tick> ticks;
    private final Set<TickIdentity> accepted;
    private final Map<String, PriceTick> newest;
    private final Map<String, Instant> delisted;
    private final int invalid;
    private final int duplicates;
    private final int delistings;

    private TickSet(List<Tick> ticks, Set<TickIdentity> accepted, Map<String, PriceTick> newest, Map<String, Instant> delisted,
                    int invalid, int duplicates, int delistings) {
        this.ticks = ticks;
        this.accepted = accepted;
        this.newest = newest;
        this.delisted = delisted;
        this.invalid = invalid;
        this.duplicates = duplicates;
        this.delistings = delistings;
    }

    /** One publisher record: its key, its bytes, its headers, and whether it is the first occurrence of a valid tick. */
    record Tick(byte[] key, byte[] value, Header[] headers, boolean acceptedFirst) {
    }

    /**
     * Records that once stopped a partition, one of each, placed in the middle of the set: a value just under the
     * broker's record limit (not JSON: a dead letter too large to write whole), a key and publisher headers of nearly
     * that size on valid ticks, and valid ticks whose source time the broker would refuse as a record timestamp.
     */
    enum Poison {
        OVERSIZED_VALUE, OVERSIZED_KEY, OVERSIZED_HEADERS, FAR_AHEAD, LONG_AGO
    }

    /** Kafka's default {@code message.max.bytes}: the largest record batch the suite's broker accepts. */
    static final int BROKER_RECORD_LIMIT = 1_048_588;

    static TickSet generate(long seed, int count, int symbols) {
        Random random = new Random(seed);
        /*
         * Source timestamps an hour back from now, so that none is in the future; the poisons go further either way.
         */
        Instant base = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofHours(1));
        TickParser parser = new TickParser(Clock.systemUTC(), Duration.ofDays(1));
        List<Tick> ticks = new ArrayList<>(count);
        List<byte[]> sent = new ArrayList<>();
        Set<TickIdentity> accepted = new HashSet<>();
        Map<String, PriceTick> newest = new HashMap<>();
        int invalid = 0;
        int duplicates = 0;
        Map<String, List<Instant>> delistingsBySymbol = new HashMap<>();
        int delistings = 0;
        Map<Integer, Poison> poisons = poisonPlaces(count, random);
        for (int i = 0; i < count; i++) {
            int roll = random.nextInt(100);
            byte[] value;
            byte[] key = null;
            Header[] headers = new Header[0];
            Poison poison = poisons.get(i);
            if (poison != null) {
                value = poisonValue(poison, symbols, random);
                key = poison == Poison.OVERSIZED_KEY ? new byte[BROKER_RECORD_LIMIT - 1_000] : null;
                headers = poison == Poison.OVERSIZED_HEADERS
                        ? new Header[]{new RecordHeader("trace", new byte[BROKER_RECORD_LIMIT - 1_000])} : headers;
            } else if (roll < 3 && !sent.isEmpty()) {
                value = duplicateOf(sent.get(random.nextInt(sent.size())), random);
            } else if (roll < 5) {
                value = invalidTick(i, random);
            } else if (roll < 6) {
                value = delisting(base, i, symbols, random);
            } else {
                value = validTick(base, i, symbols, random);
                sent.add(value);
            }
            ParseResult result = parser.parse(value);
            boolean first = false;
            if (result instanceof ParseResult.Lifecycle lifecycle) {
                Delisting delisting = lifecycle.delisting();
                delistingsBySymbol.computeIfAbsent(delisting.symbol(), symbol -> new ArrayList<>()).add(delisting.delistedAt());
                delistings++;
            } else if (result instanceof ParseResult.Accepted ok) {
                PriceTick tick = ok.tick();
                first = accepted.add(tick.identity());
                if (first) {
                    newest.merge(tick.symbol(), tick, (a, b) -> Newest.ORDER.compare(a, b) >= 0 ? a : b);
                } else {
                    duplicates++;
                }
            } else {
                invalid++;
            }
            ticks.add(new Tick(key != null ? key : key(result, random), value, headers, first));
        }
        return new TickSet(List.copyOf(ticks), Set.copyOf(accepted), Map.copyOf(newest),
                delistedInTheEnd(delistingsBySymbol, newest), invalid, duplicates, delistings);
    }

    /**
     * A delisting of one of the symbols at about the time the feed has reached (up to 5 s either way, a third of them
     * half a minute ahead, so that some outlast the symbol's ticks), or now and then of a symbol that never ticks.
     */
    private static byte[] delisting(Instant base, int i, int symbols, Random random) {
        Instant at = base.plusMillis(i * 10L + random.nextInt(10_000) - 5_000 + (random.nextInt(3) == 0 ? 30_000 : 0))
                .plusNanos(500_000);
        String symbol = random.nextInt(10) == 0 ? String.format("GONE%02d", random.nextInt(10))
                : String.format("SYM%04d", random.nextInt(symbols));
        return aDelisting().symbol(symbol).provider(PROVIDERS[random.nextInt(PROVIDERS.length)]).at(at).bytes();
    }

    /** Per symbol with a master row, the newest of its delistings that is newer than its newest tick, if any. */
    private static Map<String, Instant> delistedInTheEnd(Map<String, List<Instant>> delistings, Map<String, PriceTick> newest) {
        Map<String, Instant> delisted = new HashMap<>();
        delistings.forEach((symbol, times) -> {
            PriceTick last = newest.get(symbol);
            if (last != null) {
                times.stream().filter(time -> time.isAfter(last.sourceTimestamp())).max(Instant::compareTo)
                        .ifPresent(time -> delisted.put(symbol, time));
            }
        });
        return Map.copyOf(delisted);
    }

    private static byte[] validTick(Instant base, int i, int symbols, Random random) {
        // Time moves forward by 10 ms a tick but each tick is up to 5 s early or late, so arrival order is not time order.
        Instant at = base.plusMillis(i * 10L + random.nextInt(10_000) - 5_000);
        var builder = aTick()
                .symbol(String.format("SYM%04d", random.nextInt(symbols)))
                .provider(PROVIDERS[random.nextInt(PROVIDERS.length)])
                .price(BigDecimal.valueOf(1_000_000 + random.nextInt(9_000_000), 4).toPlainString())
                .at(at);
        if (random.nextInt(10) == 0) {
            builder.without("volume");
        } else {
            builder.volume(random.nextInt(1_000_000));
        }
        if (random.nextInt(4) == 0) {
            builder.companyName("Company " + i).marketCap(BigDecimal.valueOf(random.nextInt(1_000_000_000), 2).toPlainString());
        }
        return builder.bytes();
    }

    /** Where each poison goes: seeded places in the middle fifth of the set, one each. */
    private static Map<Integer, Poison> poisonPlaces(int count, Random random) {
        Map<Integer, Poison> places = new HashMap<>();
        for (Poison poison : Poison.values()) {
            int place;
            do {
                place = count * 2 / 5 + random.nextInt(Math.max(1, count / 5));
            } while (places.containsKey(place));
            places.put(place, poison);
        }
        return places;
    }

    private static byte[] poisonValue(Poison poison, int symbols, Random random) {
        String symbol = String.format("SYM%04d", random.nextInt(symbols));
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return switch (poison) {
            case OVERSIZED_VALUE -> {
                byte[] value = new byte[BROKER_RECORD_LIMIT - 200];
                Arrays.fill(value, (byte) 'x');
                yield value;
            }
            case OVERSIZED_KEY, OVERSIZED_HEADERS -> aTick().symbol(symbol).provider("alpha").at(now.minus(Duration.ofMinutes(30))).bytes();
            case FAR_AHEAD -> aTick().symbol(symbol).provider("bravo").at(now.plus(Duration.ofHours(20))).bytes();
            case LONG_AGO -> aTick().symbol(symbol).provider("charlie").at(now.minus(Duration.ofDays(30))).bytes();
        };
    }

    /** The same observation again; every other time with its price written with extra trailing zeros. */
    private static byte[] duplicateOf(byte[] original, Random random) {
        if (random.nextBoolean()) {
            return original.clone();
        }
        String json = new String(original, StandardCharsets.UTF_8);
        return json.replaceFirst("\"price\":\"([0-9.]+)\"", "\"price\":\"$100\"").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] invalidTick(int i, Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> aTick().symbol("SYM0001").price("-1.00").bytes();
            case 1 -> aTick().symbol("not a symbol!").bytes();
            case 2 -> aTick().without("source_timestamp").bytes();
            default -> ("{not json " + i).getBytes(StandardCharsets.UTF_8);
        };
    }

    /*
     * Most valid ticks are keyed by their symbol, as a feed would: the processor takes them where they are read. One in
     * five gets no key, lands on any partition and crosses the processor's ticks-by-symbol topic, so the faults hit
     * both routes, often for the same symbol at once.
     */
    private static byte[] key(ParseResult result, Random random) {
        String symbol = result instanceof ParseResult.Accepted ok ? ok.tick().symbol()
                : result instanceof ParseResult.Lifecycle lifecycle ? lifecycle.delisting().symbol() : null;
        return symbol != null && random.nextInt(5) > 0 ? symbol.getBytes(StandardCharsets.UTF_8) : null;
    }

    List<Tick> ticks() {
        return ticks;
    }

    int size() {
        return ticks.size();
    }

    /** The identities that must each become exactly one history row. */
    Set<TickIdentity> accepted() {
        return accepted;
    }

    /** The master tick each symbol must end with. */
    Map<String, PriceTick> newest() {
        return newest;
    }

    /** The delisting each symbol with a master row must end with; a symbol not here must end listed. */
    Map<String, Instant> delisted() {
        return delisted;
    }

    /** Lifecycle records published, each one delisting a symbol. */
    int delistings() {
        return delistings;
    }

    int invalid() {
        return invalid;
    }

    int duplicates() {
        return duplicates;
    }

    /** How many of the first {@code produced} ticks are accepted. */
    int acceptedAmongFirst(int produced) {
        int n = 0;
        for (int i = 0; i < produced; i++) {
            if (ticks.get(i).acceptedFirst()) {
                n++;
            }
        }
        return n;
    }
}
