package com.pricefeed.launcher.feed;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.random.RandomGenerator;

/**
 * A geometric random walk of one instrument's price within a trading session, with the session's open, high, low
 * and the previous close that real feeds send alongside. Prices are rounded to cents like an exchange quote.
 */
final class RandomWalk {

    /** Per-tick volatility: about 0.05 % a step. */
    private static final double SIGMA = 0.0005;

    private final RandomGenerator random;
    private final BigDecimal previousClose;
    private final BigDecimal open;
    private BigDecimal price;
    private BigDecimal high;
    private BigDecimal low;
    private long volume;

    RandomWalk(BigDecimal startPrice, RandomGenerator random) {
        this.random = random;
        this.previousClose = startPrice.setScale(2, RoundingMode.HALF_EVEN);
        this.open = step(previousClose, 0.004);
        this.price = open;
        this.high = open;
        this.low = open;
        this.volume = 1_000_000L + random.nextLong(5_000_000L);
    }

    void advance() {
        price = step(price, SIGMA);
        high = high.max(price);
        low = low.min(price);
        volume += 100L * (1 + random.nextInt(50));
    }

    BigDecimal price() {
        return price;
    }

    BigDecimal open() {
        return open;
    }

    BigDecimal high() {
        return high;
    }

    BigDecimal low() {
        return low;
    }

    BigDecimal previousClose() {
        return previousClose;
    }

    long volume() {
        return volume;
    }

    private BigDecimal step(BigDecimal from, double sigma) {
        double factor = Math.exp(sigma * random.nextGaussian());
        BigDecimal next = from.multiply(BigDecimal.valueOf(factor)).setScale(2, RoundingMode.HALF_EVEN);
        return next.signum() > 0 ? next : BigDecimal.valueOf(1, 2);
    }
}
