package com.pricefeed.api.http;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimiterTest {

    private final AtomicLong now = new AtomicLong(1_000);

    @Test
    void shouldGrantABurstOfTheRateThenRefuseUntilATokenRefills() {
        RateLimiter limiter = new RateLimiter(4, now::get, path -> true);

        for (int i = 0; i < 4; i++) {
            assertThat(limiter.acquire("10.0.0.1")).as("request %d", i).isZero();
        }
        long wait = limiter.acquire("10.0.0.1");

        assertThat(wait).isEqualTo(TimeUnit.MILLISECONDS.toNanos(250));
        now.addAndGet(wait);
        assertThat(limiter.acquire("10.0.0.1")).isZero();
        assertThat(limiter.acquire("10.0.0.1")).isPositive();
    }

    @Test
    void shouldKeepOneBucketPerClient() {
        RateLimiter limiter = new RateLimiter(1, now::get, path -> true);

        assertThat(limiter.acquire("10.0.0.1")).isZero();
        assertThat(limiter.acquire("10.0.0.1")).isPositive();
        assertThat(limiter.acquire("10.0.0.2")).isZero();
    }

    @Test
    void shouldNeverRefuseWhenOff() {
        RateLimiter limiter = new RateLimiter(0, now::get, path -> true);

        for (int i = 0; i < 10_000; i++) {
            assertThat(limiter.acquire("10.0.0.1")).isZero();
        }
        assertThat(limiter.clients()).isZero();
    }

    @Test
    void shouldForgetIdleClientsOnceThereAreMany() {
        RateLimiter limiter = new RateLimiter(1, now::get, path -> true);
        for (int i = 0; i <= 10_000; i++) {
            limiter.acquire("client-" + i);
        }
        now.addAndGet(TimeUnit.SECONDS.toNanos(2));

        limiter.acquire("newcomer");

        assertThat(limiter.clients()).isEqualTo(1);
    }
}
