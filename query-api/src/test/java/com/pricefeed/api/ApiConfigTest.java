package com.pricefeed.api;

import com.pricefeed.platform.config.ConfigException;
import com.pricefeed.platform.config.Env;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApiConfigTest {

    @Test
    void shouldUseWorkingDefaultsForTheLocalDemo() {
        ApiConfig config = ApiConfig.from(new Env(Map.of()));

        assertThat(config.host()).isEqualTo("127.0.0.1");
        assertThat(config.port()).isEqualTo(8080);
        assertThat(config.database().url()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/prices");
        assertThat(config.database().user()).isEqualTo("price_api");
        assertThat(config.database().password()).isEmpty();
        assertThat(config.rateLimit()).isEqualTo(1000);
        assertThat(config.poolSize()).isEqualTo(8);
        assertThat(config.bulkMaxSymbols()).isEqualTo(500);
        assertThat(config.historyMaxLimit()).isEqualTo(1000);
        assertThat(config.staleAfter()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.priceMaxStaleness()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.adminToken()).isEmpty();
    }

    @Test
    void shouldTakeAZeroPriceStalenessBoundAsReadingTheDatabaseOnEveryLookup() {
        assertThat(ApiConfig.from(new Env(Map.of("PRICE_MAX_STALENESS", "0"))).priceMaxStaleness()).isZero();
        assertThat(ApiConfig.from(new Env(Map.of("PRICE_MAX_STALENESS", "750ms"))).priceMaxStaleness())
                .isEqualTo(Duration.ofMillis(750));
    }

    @Test
    void shouldReadEveryVariable() {
        ApiConfig config = ApiConfig.from(new Env(Map.of("HTTP_HOST", "127.0.0.1", "HTTP_PORT", "0",
                "API_DB_POOL_SIZE", "3", "BULK_MAX_SYMBOLS", "50", "HISTORY_MAX_LIMIT", "20", "STALE_AFTER", "90s",
                "ADMIN_TOKEN", "s3cret-admin-token-of-32-characters", "API_DATABASE_USER", "api_reader", "API_DATABASE_PASSWORD", "pw", "API_RATE_LIMIT", "0")));

        assertThat(config.host()).isEqualTo("127.0.0.1");
        assertThat(config.port()).isZero();
        assertThat(config.poolSize()).isEqualTo(3);
        assertThat(config.bulkMaxSymbols()).isEqualTo(50);
        assertThat(config.historyMaxLimit()).isEqualTo(20);
        assertThat(config.staleAfter()).isEqualTo(Duration.ofSeconds(90));
        assertThat(config.adminToken()).contains("s3cret-admin-token-of-32-characters");
        assertThat(config.database().user()).isEqualTo("api_reader");
        assertThat(config.database().password()).isEqualTo("pw");
        assertThat(config.rateLimit()).isZero();
    }

    @Test
    void shouldNotTakeTheSinksDatabaseUserOrPasswordButShareItsUrl() {
        ApiConfig config = ApiConfig.from(new Env(Map.of("DATABASE_URL", "jdbc:postgresql://db:5432/prices",
                "DATABASE_USER", "postgres", "DATABASE_PASSWORD", "owner-secret")));

        assertThat(config.database().url()).isEqualTo("jdbc:postgresql://db:5432/prices");
        assertThat(config.database().user()).isEqualTo("price_api");
        assertThat(config.database().password()).isEmpty();
    }

    @Test
    void shouldMaskTheAdminTokenAndPasswordWhenLogged() {
        ApiConfig config = ApiConfig.from(new Env(Map.of("ADMIN_TOKEN", "s3cret-admin-token-of-32-characters", "API_DATABASE_PASSWORD", "hunter2")));

        assertThat(config.toString()).doesNotContain("s3cret-admin-token-of-32-characters").doesNotContain("hunter2").contains("****");
    }

    @Test
    void shouldRequireAnAdminTokenOfAtLeast32CharactersBeyondLoopback() {
        assertThatThrownBy(() -> ApiConfig.from(new Env(Map.of("HTTP_HOST", "0.0.0.0"))))
                .isInstanceOf(ConfigException.class)
                .hasMessage("ADMIN_TOKEN (at least 32 characters) is required while HTTP_HOST=0.0.0.0 listens beyond"
                        + " loopback; set it, or HTTP_HOST=127.0.0.1");
        assertThatThrownBy(() -> ApiConfig.from(new Env(Map.of("ADMIN_TOKEN", "short-s3cret"))))
                .isInstanceOf(ConfigException.class)
                .hasMessage("ADMIN_TOKEN must be at least 32 characters, got 12 (e.g. openssl rand -hex 32)");
        assertThat(ApiConfig.from(new Env(Map.of("HTTP_HOST", "0.0.0.0", "ADMIN_TOKEN", "s3cret-admin-token-of-32-characters"))).adminToken()).isPresent();
        assertThat(ApiConfig.from(new Env(Map.of("HTTP_HOST", "localhost"))).adminToken()).isEmpty();
        assertThat(ApiConfig.from(new Env(Map.of("HTTP_HOST", "::1"))).adminToken()).isEmpty();
    }

    @Test
    void shouldExplainInvalidValues() {
        assertThatThrownBy(() -> ApiConfig.from(new Env(Map.of("HTTP_PORT", "http"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("HTTP_PORT");
        assertThatThrownBy(() -> ApiConfig.from(new Env(Map.of("BULK_MAX_SYMBOLS", "0"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("BULK_MAX_SYMBOLS");
        assertThatThrownBy(() -> ApiConfig.from(new Env(Map.of("STALE_AFTER", "soon"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("STALE_AFTER");
        assertThatThrownBy(() -> ApiConfig.from(new Env(Map.of("PRICE_MAX_STALENESS", "2m"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("PRICE_MAX_STALENESS");
        assertThatThrownBy(() -> ApiConfig.from(new Env(Map.of("API_RATE_LIMIT", "-1"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("API_RATE_LIMIT");
    }
}
