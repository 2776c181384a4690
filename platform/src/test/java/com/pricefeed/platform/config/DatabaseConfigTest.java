package com.pricefeed.platform.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatabaseConfigTest {

    private static final String SECRET = "s3cret-value";

    @Test
    void shouldMaskEverySecretWhenPrinted() {
        DatabaseConfig config = DatabaseConfig.from(new Env(Map.of(
                "DATABASE_URL", "jdbc:postgresql://db:5432/prices?sslmode=verify-full&password=" + SECRET + "&sslpassword=" + SECRET,
                "DATABASE_USER", "price_sink",
                "DATABASE_PASSWORD", SECRET)));

        assertThat(config.toString()).doesNotContain(SECRET)
                .isEqualTo("DatabaseConfig[url=jdbc:postgresql://db:5432/prices?sslmode=verify-full&password=****&sslpassword=****, "
                        + "user=price_sink, password=****]");
        assertThat(config.url()).contains(SECRET);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "postgresql://price_sink:" + SECRET + "@db:5432/prices",
            "postgres://price_sink:" + SECRET + "@db/prices?sslmode=require",
            "db:5432/prices?user=price_sink&password=" + SECRET,
            "jdbc:mysql://db/prices?PASSWORD=" + SECRET})
    void shouldRefuseAUrlOfAnotherFormWithoutRepeatingItsPassword(String url) {
        assertThatThrownBy(() -> DatabaseConfig.from(new Env(Map.of("DATABASE_URL", url))))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("DATABASE_URL must be a URL starting with jdbc:postgresql://, got \"")
                .hasMessageContaining("****")
                .hasMessageNotContaining(SECRET)
                .hasMessageNotContaining("\n");
    }

    @Test
    void shouldMaskThePasswordInTheUrlWhenTheSettingsAreLoggedAtStart() {
        Env env = new Env(Map.of("DATABASE_URL", "jdbc:postgresql://db/prices?password=" + SECRET,
                "DATABASE_PASSWORD", SECRET, "DATABASE_MIGRATION_PASSWORD", SECRET));

        assertThat(Settings.of(SharedSettings.DATABASE).describe(env)).doesNotContain(SECRET)
                .contains("DATABASE_URL=jdbc:postgresql://db/prices?password=****");
    }

    @Test
    void shouldLeaveAUrlWithoutSecretsAsItIs() {
        String url = "jdbc:postgresql://db:5432/prices?sslmode=verify-full&sslrootcert=/etc/prices/ca.crt&user=price_sink";

        assertThat(DatabaseConfig.redact(url)).isEqualTo(url);
    }
}
