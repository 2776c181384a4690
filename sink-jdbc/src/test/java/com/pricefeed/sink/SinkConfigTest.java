package com.pricefeed.sink;

import com.pricefeed.platform.config.ConfigException;
import com.pricefeed.platform.config.DatabaseConfig;
import com.pricefeed.platform.config.Env;
import com.pricefeed.platform.config.SharedSettings;
import com.pricefeed.sink.partitions.HistoryPartitioning;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SinkConfigTest {

    @Test
    void shouldHaveDefaultsThatWorkForTheLocalDemo() {
        SinkConfig config = SinkConfig.from(new Env(Map.of()));

        assertThat(config.kafka().bootstrapServers()).isEqualTo("127.0.0.1:9092");
        assertThat(config.database().url()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/prices");
        assertThat(config.database().user()).isEqualTo("price_sink");
        assertThat(config.migration()).isEqualTo(new DatabaseConfig("jdbc:postgresql://127.0.0.1:5432/prices", "postgres", ""));
        assertThat(config.historyTopic()).isEqualTo("price-history");
        assertThat(config.groupId()).isEqualTo("price-sink");
        assertThat(config.maxBatch()).isEqualTo(20_000);
        assertThat(config.pollTimeout()).isEqualTo(Duration.ofMillis(100));
        assertThat(config.dbPoolSize()).isEqualTo(3);
        assertThat(config.opsPort()).isEqualTo(8082);
        assertThat(config.retryMaxBackoff()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.displayName("polygon")).isEqualTo("polygon");
    }

    @Test
    void shouldMigrateAsItsOwnRoleAndWriteAsAnother() {
        SinkConfig config = SinkConfig.from(new Env(Map.of(
                "DATABASE_USER", "price_sink", "DATABASE_PASSWORD", "sink-secret",
                "DATABASE_MIGRATION_USER", "prices_owner", "DATABASE_MIGRATION_PASSWORD", "owner-secret")));

        assertThat(config.database()).isEqualTo(new DatabaseConfig(SharedSettings.DATABASE_URL.defaultValue(), "price_sink", "sink-secret"));
        assertThat(config.migration()).isEqualTo(new DatabaseConfig(SharedSettings.DATABASE_URL.defaultValue(), "prices_owner", "owner-secret"));
    }

    @Test
    void shouldMigrateAsTheWritingRoleWhenOnlyThatIsSet() {
        SinkConfig config = SinkConfig.from(new Env(Map.of("DATABASE_USER", "admin", "DATABASE_PASSWORD", "admin-secret")));

        assertThat(config.migration()).isEqualTo(config.database())
                .isEqualTo(new DatabaseConfig(SharedSettings.DATABASE_URL.defaultValue(), "admin", "admin-secret"));
    }

    @Test
    void shouldRefuseToMigrateAsTheSinksRoleThatOwnsNothing() {
        assertThatThrownBy(() -> SinkConfig.from(new Env(Map.of("DATABASE_USER", "price_sink"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("DATABASE_MIGRATION_USER must be the role that owns the schema")
                .hasMessageNotContaining("\n");
    }

    @Test
    void shouldPrintNoPasswordAndNoSecretOfTheUrl() {
        SinkConfig config = SinkConfig.from(new Env(Map.of(
                "DATABASE_URL", "jdbc:postgresql://db/prices?sslmode=verify-full&password=url-secret",
                "DATABASE_PASSWORD", "sink-secret", "DATABASE_MIGRATION_PASSWORD", "owner-secret")));

        assertThat(config.toString()).contains("sslmode=verify-full", "user=price_sink", "user=postgres")
                .doesNotContain("url-secret", "sink-secret", "owner-secret");
    }

    @Test
    void shouldReadProviderDisplayNames() {
        SinkConfig config = SinkConfig.from(new Env(Map.of("PROVIDER_DISPLAY_NAMES", "polygon=Polygon.io, iex=IEX Cloud")));

        assertThat(config.displayName("polygon")).isEqualTo("Polygon.io");
        assertThat(config.displayName("iex")).isEqualTo("IEX Cloud");
        assertThat(config.displayName("other")).isEqualTo("other");
    }

    @Test
    void shouldReadTheSessionTimeoutWithinTheBrokersBounds() {
        assertThat(SinkConfig.from(new Env(Map.of())).sessionTimeout()).isEqualTo(Duration.ofSeconds(45));
        assertThat(SinkConfig.from(new Env(Map.of("SINK_SESSION_TIMEOUT", "10s"))).sessionTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThatThrownBy(() -> SinkConfig.from(new Env(Map.of("SINK_SESSION_TIMEOUT", "1s"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("SINK_SESSION_TIMEOUT");
    }

    @Test
    void shouldPartitionTheHistoryByDayAndKeepItForeverByDefault() {
        HistoryPartitioning defaults = SinkConfig.from(new Env(Map.of())).partitioning();

        assertThat(defaults.step()).isEqualTo(Duration.ofDays(1));
        assertThat(defaults.retention()).isEmpty();
        assertThat(defaults.horizon(Instant.parse("2026-11-24T00:00:00Z"))).isEmpty();
        HistoryPartitioning retained = SinkConfig.from(new Env(Map.of("HISTORY_RETENTION", "30d", "HISTORY_PARTITION_INTERVAL", "6h")))
                .partitioning();
        assertThat(retained.step()).isEqualTo(Duration.ofHours(6));
        assertThat(retained.horizon(Instant.parse("2026-11-24T00:00:00Z"))).contains(Instant.parse("2026-10-25T00:00:00Z"));
        assertThatThrownBy(() -> SinkConfig.from(new Env(Map.of("HISTORY_RETENTION", "12h"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("HISTORY_RETENTION").hasMessageContaining("HISTORY_PARTITION_INTERVAL");
    }

    @Test
    void shouldSayWhatIsWrongWithABadValue() {
        assertThatThrownBy(() -> SinkConfig.from(new Env(Map.of("PROVIDER_DISPLAY_NAMES", "Polygon.io"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("PROVIDER_DISPLAY_NAMES").hasMessageContaining("code=Display Name");
        assertThatThrownBy(() -> SinkConfig.from(new Env(Map.of("SINK_MAX_BATCH", "0"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("SINK_MAX_BATCH");
        assertThatThrownBy(() -> SinkConfig.from(new Env(Map.of("SINK_RETRY_MAX_BACKOFF", "10ms"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("SINK_RETRY_MAX_BACKOFF");
    }

    @Test
    void shouldBoundEveryWaitOnTheDatabaseByDefault() {
        SinkConfig config = SinkConfig.from(new Env(Map.of()));

        assertThat(config.timeouts()).isEqualTo(new DatabaseTimeouts(Duration.ofSeconds(30), Duration.ofSeconds(10), Duration.ofSeconds(60)));
        assertThat(config.maxCommitWait()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void shouldReadTheTimeoutsAndRefuseASocketTimeoutThatWouldCutAStatementShort() {
        SinkConfig config = SinkConfig.from(new Env(Map.of("SINK_STATEMENT_TIMEOUT", "2s", "SINK_LOCK_TIMEOUT", "500ms",
                "SINK_SOCKET_TIMEOUT", "2500ms", "SINK_MAX_COMMIT_WAIT", "5s")));

        assertThat(config.timeouts()).isEqualTo(new DatabaseTimeouts(Duration.ofSeconds(2), Duration.ofMillis(500), Duration.ofMillis(2500)));
        assertThat(config.timeouts().socketSeconds()).isEqualTo(3);
        assertThat(config.maxCommitWait()).isEqualTo(Duration.ofSeconds(5));
        assertThatThrownBy(() -> SinkConfig.from(new Env(Map.of("SINK_STATEMENT_TIMEOUT", "1m", "SINK_SOCKET_TIMEOUT", "30s"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("SINK_SOCKET_TIMEOUT").hasMessageContaining("SINK_STATEMENT_TIMEOUT");
        assertThatThrownBy(() -> SinkConfig.from(new Env(Map.of("SINK_SOCKET_TIMEOUT", "10m"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("SINK_SOCKET_TIMEOUT");
        assertThatThrownBy(() -> SinkConfig.from(new Env(Map.of("SINK_LOCK_TIMEOUT", "0"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("SINK_LOCK_TIMEOUT");
        assertThatThrownBy(() -> SinkConfig.from(new Env(Map.of("SINK_MAX_COMMIT_WAIT", "0"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("SINK_MAX_COMMIT_WAIT");
    }

    @Test
    void shouldNotPrintThePassword() {
        SinkConfig config = SinkConfig.from(new Env(Map.of("DATABASE_PASSWORD", "s3cret")));

        assertThat(config.toString()).doesNotContain("s3cret");
    }
}
