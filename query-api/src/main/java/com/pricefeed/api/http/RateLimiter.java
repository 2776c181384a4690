package com.pricefeed.api.http;

import com.pricefeed.api.errors.ApiException;
import io.javalin.http.Context;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * A token bucket per client IP: {@code perSecond} requests a second, in bursts of up to {@code perSecond}. A caller
 * beyond it is answered 429 with {@code Retry-After}. A limiter counts only the paths it is given: the API runs one
 * for its {@code /api/} routes and another for health probes and metric scrapes, so neither kind of traffic uses up
 * the other's allowance and a busy neighbour behind the same address cannot make an instance look dead. The client
 * is the connection's remote address: behind a proxy every caller shares the proxy's bucket (forwarded headers are
 * not trusted). Buckets of idle clients are forgotten once there are many, so memory stays bounded.
 */
public final class RateLimiter {

    private static final int FORGET_IDLE_ABOVE = 10_000;
    private static final long NANOS_PER_SECOND = TimeUnit.SECONDS.toNanos(1);

    private final int perSecond;
    private final LongSupplier nanoTime;
    private final Predicate<String> limitedPaths;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final AtomicLong lastSweep = new AtomicLong();

    /** @param limitedPaths the request paths this limiter counts; requests to others pass untouched */
    public RateLimiter(int perSecond, LongSupplier nanoTime, Predicate<String> limitedPaths) {
        if (perSecond < 0) {
            throw new IllegalArgumentException("perSecond must be 0 (off) or more, got " + perSecond);
        }
        this.perSecond = perSecond;
        this.nanoTime = nanoTime;
        this.limitedPaths = limitedPaths;
    }

    /** A before-handler: lets the request through or answers 429. */
    public void check(Context ctx) {
        if (!limitedPaths.test(ctx.path())) {
            return;
        }
        long waitNanos = acquire(ctx.req().getRemoteAddr());
        if (waitNanos > 0) {
            long seconds = Math.max(1, (waitNanos + NANOS_PER_SECOND - 1) / NANOS_PER_SECOND);
            throw ApiException.tooManyRequests(
                    "This client may make at most " + perSecond + " requests a second; retry after " + seconds + " s.", seconds);
        }
    }

    /** Takes a token for {@code client}: 0 when granted, otherwise the nanoseconds until the next one. */
    long acquire(String client) {
        if (perSecond == 0) {
            return 0;
        }
        long now = nanoTime.getAsLong();
        if (buckets.size() > FORGET_IDLE_ABOVE) {
            sweep(now);
        }
        return buckets.computeIfAbsent(client == null ? "" : client, key -> new Bucket(perSecond, now)).take(now);
    }

    int clients() {
        return buckets.size();
    }

    private void sweep(long now) {
        long last = lastSweep.get();
        if (now - last >= NANOS_PER_SECOND && lastSweep.compareAndSet(last, now)) {
            buckets.values().removeIf(bucket -> bucket.full(now));
        }
    }

    /** Tokens refill continuously at {@code perSecond}; the bucket holds at most {@code perSecond}. */
    private static final class Bucket {

        private final double capacity;
        private final double tokensPerNano;
        private double tokens;
        private long refilledAt;

        Bucket(int perSecond, long now) {
            this.capacity = perSecond;
            this.tokensPerNano = perSecond / (double) NANOS_PER_SECOND;
            this.tokens = capacity;
            this.refilledAt = now;
        }

        synchronized long take(long now) {
            refill(now);
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return (long) Math.ceil((1 - tokens) / tokensPerNano);
        }

        synchronized boolean full(long now) {
            refill(now);
            return tokens >= capacity;
        }

        private void refill(long now) {
            long elapsed = now - refilledAt;
            if (elapsed > 0) {
                tokens = Math.min(capacity, tokens + elapsed * tokensPerNano);
                refilledAt = now;
            }
        }
    }
}
