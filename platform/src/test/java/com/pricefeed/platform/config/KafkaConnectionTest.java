package com.pricefeed.platform.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KafkaConnectionTest {

    private static final String JAAS = "org.apache.kafka.common.security.scram.ScramLoginModule required"
            + " username=\"processor\" password=\"s3cret-pw\";";

    @TempDir
    Path dir;

    @Test
    void shouldMapKafkaVariablesToClientPropertiesOfEveryClient() {
        KafkaConnection kafka = KafkaConnection.from(new Env(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", "kafka-1:9093",
                "KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                "KAFKA_SASL_MECHANISM", "SCRAM-SHA-512",
                "KAFKA_SASL_JAAS_CONFIG", JAAS,
                "KAFKA_MAX_POLL_RECORDS", "100",
                "KAFKA_LOG_LEVEL", "INFO")));

        assertThat(kafka.producer(Map.of("acks", "all")))
                .containsEntry("bootstrap.servers", "kafka-1:9093")
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("sasl.jaas.config", JAAS)
                .containsEntry("acks", "all")
                .doesNotContainKey("max.poll.records");
        assertThat(kafka.consumer(Map.of())).containsEntry("max.poll.records", "100").containsEntry("sasl.jaas.config", JAAS);
        assertThat(kafka.admin(Map.of())).containsEntry("security.protocol", "SASL_SSL").doesNotContainKey("max.poll.records");
        assertThat(kafka.streams(new Properties())).containsEntry("sasl.mechanism", "SCRAM-SHA-512");
    }

    @Test
    void shouldTranslateDoubleAndTripleUnderscores() {
        assertThat(KafkaClientProperties.propertyName("KAFKA_SSL_TRUSTSTORE_LOCATION")).isEqualTo("ssl.truststore.location");
        assertThat(KafkaClientProperties.propertyName("KAFKA_A__B___C_D")).isEqualTo("a_b-c.d");
    }

    @Test
    void shouldRefuseAnUnknownPropertyNamingIt() {
        assertThatThrownBy(() -> KafkaConnection.from(new Env(Map.of("KAFKA_SASL_MECHANSIM", "PLAIN"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("KAFKA_SASL_MECHANSIM (sasl.mechansim) is not a Kafka client property");
    }

    @Test
    void shouldRefuseWhatTheServiceSetsItself() {
        assertThatThrownBy(() -> KafkaConnection.from(new Env(Map.of("KAFKA_ISOLATION_LEVEL", "read_uncommitted"))))
                .hasMessage("KAFKA_ISOLATION_LEVEL (isolation.level) is set by each service itself and cannot be changed");
    }

    @Test
    void shouldRefuseAnInvalidValueNamingTheVariable() {
        assertThatThrownBy(() -> KafkaConnection.from(new Env(Map.of("KAFKA_SECURITY_PROTOCOL", "SASL_TLS"))))
                .hasMessageStartingWith("KAFKA_SECURITY_PROTOCOL (security.protocol) has an invalid value")
                .hasMessageContaining("SASL_TLS");
        assertThatThrownBy(() -> KafkaConnection.from(new Env(Map.of("KAFKA_SSL_TRUSTSTORE_LOCATION", "/no/such/file.p12"))))
                .hasMessage("KAFKA_SSL_TRUSTSTORE_LOCATION (ssl.truststore.location) names /no/such/file.p12, which is no readable file");
    }

    @Test
    void shouldNeverShowASecret() {
        KafkaConnection kafka = KafkaConnection.from(new Env(Map.of(
                "KAFKA_SASL_JAAS_CONFIG", JAAS, "KAFKA_SSL_KEY_PASSWORD", "key-pw-123", "KAFKA_SASL_MECHANISM", "PLAIN")));

        assertThat(kafka.toString())
                .contains("sasl.mechanism=PLAIN", "sasl.jaas.config=****", "ssl.key.password=****")
                .doesNotContain("s3cret-pw", "key-pw-123");
    }

    @Test
    void shouldLetVariablesWinOverTheFileAndTheCommandConfigOverBoth() throws IOException {
        Path file = Files.writeString(dir.resolve("client.properties"), "security.protocol=SASL_SSL\nsasl.mechanism=PLAIN\n");
        Path commandConfig = Files.writeString(dir.resolve("command.properties"), "sasl.mechanism=SCRAM-SHA-256\n");

        KafkaConnection kafka = KafkaConnection.from(new Env(Map.of(
                "KAFKA_CLIENT_PROPERTIES_FILE", file.toString(), "KAFKA_SASL_MECHANISM", "SCRAM-SHA-512")));

        assertThat(kafka.clientProperties()).containsEntry("security.protocol", "SASL_SSL").containsEntry("sasl.mechanism", "SCRAM-SHA-512");
        assertThat(kafka.withPropertiesFile("--command-config", commandConfig).clientProperties())
                .containsEntry("sasl.mechanism", "SCRAM-SHA-256");
    }

    @Test
    void shouldNameTheFileOfAnUnknownProperty() throws IOException {
        Path file = Files.writeString(dir.resolve("client.properties"), "sasl.jaas.confg=x\n");

        assertThatThrownBy(() -> KafkaConnection.from(new Env(Map.of("KAFKA_CLIENT_PROPERTIES_FILE", file.toString()))))
                .hasMessageStartingWith("sasl.jaas.confg in KAFKA_CLIENT_PROPERTIES_FILE " + file + " is not a Kafka client property");
        assertThatThrownBy(() -> new KafkaConnection("k:9092").withPropertiesFile("--command-config", dir.resolve("missing")))
                .hasMessageStartingWith("--command-config names " + dir.resolve("missing") + ", which cannot be read");
    }
}
