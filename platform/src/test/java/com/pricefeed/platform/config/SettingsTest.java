package com.pricefeed.platform.config;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;

import static com.pricefeed.platform.config.Settings.group;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SettingsTest {

    private static final Setting<Integer> THREADS = Setting.integer("THREADS", 1, 1, 64, "stream threads");
    private static final Setting<Duration> WAIT = Setting.duration("WAIT", Duration.ofSeconds(30),
            Duration.ofMillis(100), Duration.ofMinutes(2), "how long to wait; see [the docs](docs.md#wait)");
    private static final Setting<String> NAME = Setting.matching("NAME", "prices", Pattern.compile("^[a-z]+$"),
            "lower-case letters", "the name");
    private static final Setting<String> TOKEN = Setting.string("TOKEN", null, "bearer token").masked();
    private static final Settings CATALOGUE = Settings.of(group("Service", THREADS, WAIT, NAME), group("Secrets", TOKEN));

    @Test
    void shouldReadTheDefaultWhenUnsetAndTheValueWhenSet() {
        assertThat(THREADS.read(new Env(Map.of()))).isEqualTo(1);
        assertThat(THREADS.read(new Env(Map.of("THREADS", " 8 ")))).isEqualTo(8);
        assertThat(WAIT.read(new Env(Map.of("WAIT", "250ms")))).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void shouldRefuseAValueWithEnvsMessageNamingTheVariableOrTheOption() {
        assertThatThrownBy(() -> THREADS.read(new Env(Map.of("THREADS", "0"))))
                .isInstanceOf(ConfigException.class).hasMessage("THREADS must be between 1 and 64, got 0");
        assertThatThrownBy(() -> NAME.parse("--name", "Prices"))
                .isInstanceOf(ConfigException.class).hasMessage("--name must be lower-case letters, got \"Prices\"");
        assertThatThrownBy(() -> WAIT.read(new Env(Map.of("WAIT", "soon"))))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("WAIT must be a duration");
    }

    @Test
    void shouldRenderOneMarkdownRowPerSettingWithDefaultAllowedValuesAndMeaning() {
        assertThat(CATALOGUE.markdownTable()).isEqualTo("""
                | variable | default | allowed | meaning |
                | --- | --- | --- | --- |
                | `THREADS` | `1` | 1–64 | stream threads |
                | `WAIT` | `30s` | 100ms–2m | how long to wait; see [the docs](docs.md#wait) |
                | `NAME` | `prices` | lower-case letters | the name |
                | `TOKEN` | *(unset)* |  | bearer token |
                """);
    }

    @Test
    void shouldRenderHelpLinesUnderHeadingsInPlainTextWrappedAtTheWidth() {
        assertThat(CATALOGUE.helpLines(60)).containsExactly(
                "Service:",
                "  THREADS                       stream threads [1; 1–64]",
                "  WAIT                          how long to wait; see the",
                "                                docs [30s; 100ms–2m]",
                "  NAME                          the name [prices; lower-case",
                "                                letters]",
                "Secrets:",
                "  TOKEN                         bearer token [(unset)]");
    }

    @Test
    void shouldMaskSecretsWhereSettingsAreShown() {
        Env env = new Env(Map.of("TOKEN", "hunter2", "WAIT", "1m"));

        assertThat(CATALOGUE.describe(env)).isEqualTo("THREADS=1, WAIT=1m, NAME=prices, TOKEN=****")
                .doesNotContain("hunter2");
        assertThat(TOKEN.shown(null)).isEqualTo("(none)");
    }

    @Test
    void shouldDeclareAFamilyOfVariablesByPrefix() {
        Setting<Map<String, String>> clients = Setting.family("CLIENT_", "client properties");
        Env env = new Env(Map.of("CLIENT_LINGER_MS", "5", "CLIENT_ACKS", "all", "OTHER", "x"));

        assertThat(clients.read(env)).containsExactly(Map.entry("CLIENT_ACKS", "all"), Map.entry("CLIENT_LINGER_MS", "5"));
        assertThat(env.namesRead()).containsExactlyInAnyOrder("CLIENT_ACKS", "CLIENT_LINGER_MS");
        assertThat(Settings.of(group("Clients", clients)).find("CLIENT_ACKS")).contains(clients);
        assertThat(clients.name()).isEqualTo("CLIENT_*");
    }
}
