package com.pricefeed.platform.config;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretsTest {

    @Test
    void shouldShowADatabaseUrlWithoutItsPasswords() {
        assertThat(Secrets.url("jdbc:postgresql://db:5432/prices?user=w&password=pw")).isEqualTo("jdbc:postgresql://db:5432/prices?user=w&password=****");
        assertThat(Secrets.url("jdbc:postgresql://w:pw@db:5432/prices")).isEqualTo("jdbc:postgresql://w:****@db:5432/prices");
        assertThat(Secrets.url("jdbc:postgresql://db/prices")).isEqualTo("jdbc:postgresql://db/prices");
        assertThat(Secrets.url("host=db password=pw sslmode=require")).isEqualTo("host=db password=**** sslmode=require");
    }

    @Test
    void shouldMaskTheValueOfASecretVariableInAConfigurationError() {
        assertThatThrownBy(() -> DatabaseConfig.from(new Env(Map.of("DATABASE_URL", "postgresql://w:pw@db/prices?password=pw"))))
                .isInstanceOf(ConfigException.class)
                .hasMessage("DATABASE_URL must be a URL starting with jdbc:postgresql://, got \"postgresql://w:****@db/prices?password=****\"");
        assertThat(Secrets.shown("DATABASE_PASSWORD", "pw")).isEqualTo("****");
        assertThat(Secrets.shown("KAFKA_SASL_JAAS_CONFIG", "x")).isEqualTo("****");
        assertThat(Secrets.shown("ADMIN_TOKEN", "x")).isEqualTo("****");
        assertThat(Secrets.shown("HTTP_HOST", "0.0.0.0")).isEqualTo("0.0.0.0");
    }

    @Test
    void shouldNotPrintTheFullDatabaseUrlInTheLoggedConfiguration() {
        DatabaseConfig config = new DatabaseConfig("jdbc:postgresql://db:5432/prices?password=pw", "writer", "pw");

        assertThat(config.toString()).doesNotContain("pw").contains("jdbc:postgresql://db:5432/prices?password=****");
    }
}
