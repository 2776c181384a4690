package com.pricefeed.benchmark;

import com.pricefeed.schemas.tick.PriceTick;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Realistic ticks: {@code symbols} instruments whose activity follows a Zipf law (exponent 1: the busiest symbol
 * ticks {@code symbols} times as often as the quietest), a random walk of prices with four decimals, a growing
 * cumulative volume, and every optional field filled, so each JSON tick is the size of a real one (~300 bytes).
 * Deterministic for a seed. Not thread-safe.
 */
final class TickGenerator {

    private static final String[] PROVIDERS = {"polygon", "iex", "finnhub"};

    private final SplittableRandom random;
    private final double[] cumulative;
    private final String[] names;
    private final long[] priceUnits;
    private final long[] volume;

    TickGenerator(int symbols, long seed) {
        random = new SplittableRandom(seed);
        cumulative = new double[symbols];
        names = new String[symbols];
        priceUnits = new long[symbols];
        volume = new long[symbols];
        double sum = 0;
        for (int k = 0; k < symbols; k++) {
            sum += 1.0 / (k + 1);
            cumulative[k] = sum;
            names[k] = symbol(k);
            priceUnits[k] = 10_0000L + random.nextLong(500_0000L);
        }
        for (int k = 0; k < symbols; k++) {
            cumulative[k] /= sum;
        }
    }

    static String symbol(int index) {
        return String.format("SYM%04d", index + 1);
    }

    /** The next tick, stamped {@code timestamp} (which the caller keeps increasing, so every tick becomes current). */
    PriceTick next(Instant timestamp) {
        int k = Arrays.binarySearch(cumulative, random.nextDouble());
        k = k < 0 ? Math.min(-k - 1, cumulative.length - 1) : k;
        long price = Math.max(1_0000L, priceUnits[k] + random.nextLong(-2000, 2001));
        priceUnits[k] = price;
        volume[k] += 1 + random.nextInt(5_000);
        long open = price - 1500;
        return new PriceTick(names[k], BigDecimal.valueOf(price, 4), timestamp, PROVIDERS[k % PROVIDERS.length], volume[k],
                BigDecimal.valueOf(open, 4), BigDecimal.valueOf(price + 2500, 4), BigDecimal.valueOf(Math.max(1, open - 2500), 4),
                BigDecimal.valueOf(open - 700, 4), "Synthetic Holdings " + names[k] + " Incorporated",
                BigDecimal.valueOf(price * 1_000_000L + k, 2));
    }

    /** The tick as a publisher sends it: snake_case JSON, decimals as strings, ISO-8601 timestamp. */
    static byte[] json(PriceTick tick) {
        StringBuilder json = new StringBuilder(320)
                .append("{\"symbol\":\"").append(tick.symbol())
                .append("\",\"price\":\"").append(tick.price().toPlainString())
                .append("\",\"source_timestamp\":\"").append(tick.sourceTimestamp())
                .append("\",\"provider\":\"").append(tick.provider())
                .append("\",\"volume\":").append(tick.volume())
                .append(",\"open_price\":\"").append(tick.openPrice().toPlainString())
                .append("\",\"high_price\":\"").append(tick.highPrice().toPlainString())
                .append("\",\"low_price\":\"").append(tick.lowPrice().toPlainString())
                .append("\",\"previous_close\":\"").append(tick.previousClose().toPlainString())
                .append("\",\"company_name\":\"").append(tick.companyName())
                .append("\",\"market_cap\":\"").append(tick.marketCap().toPlainString())
                .append("\"}");
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }
}
