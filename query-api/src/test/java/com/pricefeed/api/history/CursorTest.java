package com.pricefeed.api.history;

import com.pricefeed.api.errors.ApiException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CursorTest {

    @Test
    void shouldRoundTripTimestampToTheMicrosecondAndId() {
        Cursor cursor = new Cursor(Instant.parse("2026-11-24T14:30:00.123456Z"), 9_007_199_254_740_993L);

        assertThat(Cursor.decode(cursor.encode())).isEqualTo(cursor);
    }

    @Test
    void shouldRoundTripTimestampsBeforeTheEpoch() {
        Cursor cursor = new Cursor(Instant.parse("1969-12-31T23:59:59.999999Z"), 1);

        assertThat(Cursor.decode(cursor.encode())).isEqualTo(cursor);
    }

    @Test
    void shouldBeUrlSafeWithoutPadding() {
        String token = new Cursor(Instant.parse("2026-11-24T14:30:00Z"), 42).encode();

        assertThat(token).matches("[A-Za-z0-9_-]+");
    }

    @Test
    void shouldRefuseTokensItDidNotIssue() {
        for (String token : new String[]{"", "!!!", "bm90LWEtY3Vyc29y", "A".repeat(100),
                encode("v1:abc:1"), encode("v1:1:-1"), encode("v2:1:1"), encode("v1:1:1:1")}) {
            assertThatThrownBy(() -> Cursor.decode(token)).as(token).isInstanceOfSatisfying(ApiException.class,
                    e -> assertThat(e.status()).isEqualTo(400));
        }
    }

    private static String encode(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.US_ASCII));
    }
}
