package com.pricefeed.processor;

import com.pricefeed.platform.config.ConfigException;
import com.pricefeed.platform.config.Env;
import com.pricefeed.processor.routing.SymbolPartitions;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProcessorConfigTest {

    @Test
    void shouldUseWorkingDefaultsWhenNothingIsSet() {
        ProcessorConfig config = ProcessorConfig.from(new Env(Map.of()));

        assertThat(config.kafka().bootstrapServers()).isEqualTo("127.0.0.1:9092");
        assertThat(config.applicationId()).isEqualTo("price-processor");
        assertThat(config.stateDir()).isEqualTo(Path.of(System.getProperty("java.io.tmpdir"), "price-processor"));
        assertThat(config.topology()).isEqualTo(TopologySettings.defaults().withSymbolPartitions(new com.pricefeed.processor.routing.SymbolPartitions(6)));
        assertThat(config.topicPartitions()).isEqualTo(6);
        assertThat(config.replicationFactor()).isEqualTo((short) 1);
        assertThat(config.threads()).isEqualTo(1);
        assertThat(config.commitInterval()).isEqualTo(Duration.ofMillis(20));
        assertThat(config.standbyReplicas()).isZero();
        assertThat(config.opsPort()).isEqualTo(8081);
        assertThat(config.sessionTimeout()).isEqualTo(Duration.ofSeconds(45));
        assertThat(config.rocksDbMemoryBytes()).isEqualTo(64L * 1024 * 1024);
    }

    @Test
    void shouldReadEveryVariable() {
        ProcessorConfig config = ProcessorConfig.from(new Env(Map.ofEntries(
                Map.entry("KAFKA_BOOTSTRAP_SERVERS", "kafka-1:9092,kafka-2:9092"),
                Map.entry("PROCESSOR_APPLICATION_ID", "prices-eu"),
                Map.entry("PROCESSOR_STATE_DIR", "/var/lib/prices"),
                Map.entry("TOPIC_PRICE_TICKS", "t"),
                Map.entry("TOPIC_PRICE_TICKS_DLQ", "d"),
                Map.entry("TOPIC_PRICE_HISTORY", "h"),
                Map.entry("TOPIC_REALTIME_SYMBOLS", "r"),
                Map.entry("PRICE_TICKS_PARTITIONS", "12"),
                Map.entry("TOPIC_REPLICATION_FACTOR", "3"),
                Map.entry("PROCESSOR_THREADS", "4"),
                Map.entry("PROCESSOR_COMMIT_INTERVAL", "250ms"),
                Map.entry("PROCESSOR_STANDBY_REPLICAS", "1"),
                Map.entry("MAX_FUTURE_SKEW", "30s"),
                Map.entry("DEDUP_WINDOW", "PT2H"),
                Map.entry("PROCESSOR_OPS_PORT", "0"),
                Map.entry("PROCESSOR_SESSION_TIMEOUT", "10s"),
                Map.entry("PROCESSOR_ROCKSDB_MEMORY_MB", "256"))));

        assertThat(config.kafka().bootstrapServers()).isEqualTo("kafka-1:9092,kafka-2:9092");
        assertThat(config.applicationId()).isEqualTo("prices-eu");
        assertThat(config.stateDir()).isEqualTo(Path.of("/var/lib/prices"));
        assertThat(config.topology()).isEqualTo(new TopologySettings(new TopicNames("t", "d", "h", "r"),
                Duration.ofSeconds(30), Duration.ofHours(2), new SymbolPartitions(12)));
        assertThat(config.topicPartitions()).isEqualTo(12);
        assertThat(config.replicationFactor()).isEqualTo((short) 3);
        assertThat(config.threads()).isEqualTo(4);
        assertThat(config.commitInterval()).isEqualTo(Duration.ofMillis(250));
        assertThat(config.standbyReplicas()).isEqualTo(1);
        assertThat(config.sessionTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.opsPort()).isZero();
        assertThat(config.rocksDbMemoryBytes()).isEqualTo(256L * 1024 * 1024);
    }

    @Test
    void shouldAcceptNoCommitIntervalLongerThanTheTransactionTimeout() {
        assertThat(ProcessorConfig.from(new Env(Map.of("PROCESSOR_COMMIT_INTERVAL", "10s"))).commitInterval())
                .isEqualTo(Duration.ofSeconds(10));
        assertThatThrownBy(() -> ProcessorConfig.from(new Env(Map.of("PROCESSOR_COMMIT_INTERVAL", "10001ms"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("PROCESSOR_COMMIT_INTERVAL must be between");
        assertThatThrownBy(() -> ProcessorConfig.from(new Env(Map.of("PROCESSOR_COMMIT_INTERVAL", "9ms"))))
                .hasMessageStartingWith("PROCESSOR_COMMIT_INTERVAL must be between");
    }

    @Test
    void shouldDefaultStateDirToOneNamedAfterTheApplicationId() {
        ProcessorConfig config = ProcessorConfig.from(new Env(Map.of("PROCESSOR_APPLICATION_ID", "prices-us")));

        assertThat(config.stateDir().getFileName().toString()).isEqualTo("prices-us");
    }

    @Test
    void shouldRejectTheSameTopicForTwoRoles() {
        assertThatThrownBy(() -> ProcessorConfig.from(new Env(Map.of("TOPIC_PRICE_HISTORY", "price-ticks"))))
                .isInstanceOf(ConfigException.class)
                .hasMessage("TOPIC_PRICE_HISTORY and TOPIC_PRICE_TICKS must name different topics, both are \"price-ticks\"");
    }

    @Test
    void shouldRejectIllegalTopicName() {
        assertThatThrownBy(() -> ProcessorConfig.from(new Env(Map.of("TOPIC_PRICE_TICKS_DLQ", "dead letters"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("TOPIC_PRICE_TICKS_DLQ must be a Kafka topic name")
                .hasMessageContaining("dead letters");
    }

    @Test
    void shouldRejectIllegalApplicationId() {
        assertThatThrownBy(() -> ProcessorConfig.from(new Env(Map.of("PROCESSOR_APPLICATION_ID", "prices/eu"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("PROCESSOR_APPLICATION_ID must be");
    }

    @Test
    void shouldRejectOutOfRangeNumbersAndDurationsNamingTheVariable() {
        assertThatThrownBy(() -> ProcessorConfig.from(new Env(Map.of("PROCESSOR_THREADS", "0"))))
                .hasMessage("PROCESSOR_THREADS must be between 1 and 64, got 0");
        assertThatThrownBy(() -> ProcessorConfig.from(new Env(Map.of("PRICE_TICKS_PARTITIONS", "six"))))
                .hasMessageStartingWith("PRICE_TICKS_PARTITIONS must be a whole number");
        assertThatThrownBy(() -> ProcessorConfig.from(new Env(Map.of("DEDUP_WINDOW", "forever"))))
                .hasMessageStartingWith("DEDUP_WINDOW must be a duration");
        assertThatThrownBy(() -> ProcessorConfig.from(new Env(Map.of("MAX_FUTURE_SKEW", "2d"))))
                .hasMessageStartingWith("MAX_FUTURE_SKEW must be between");
        assertThatThrownBy(() -> ProcessorConfig.from(new Env(Map.of("PROCESSOR_ROCKSDB_MEMORY_MB", "4"))))
                .hasMessage("PROCESSOR_ROCKSDB_MEMORY_MB must be between 8 and 1048576, got 4");
        assertThatThrownBy(() -> ProcessorConfig.from(new Env(Map.of("KAFKA_BOOTSTRAP_SERVERS", "localhost"))))
                .hasMessageStartingWith("KAFKA_BOOTSTRAP_SERVERS must be");
    }
}
