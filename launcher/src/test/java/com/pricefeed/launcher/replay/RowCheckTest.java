package com.pricefeed.launcher.replay;

import com.pricefeed.schemas.tick.TickParser;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class RowCheckTest {

    private static final Instant NOW = Instant.parse("2026-11-25T09:00:00Z");
    private static final RowCheck CHECK = new RowCheck(new TickParser(Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofMinutes(5)));
    private static final String HEADER = "symbol,price,source_timestamp,provider,volume,low_price,high_price\n";

    @Test
    void shouldReportEachBadLineWithItsLineNumberAndReasonCode() throws IOException {
        List<RowCheck.Checked> checked = check(HEADER
                + "AAPL,189.23,2026-11-24T14:30:00Z,polygon,100,,\n"
                + "MSFT,-415.10,2026-11-24T14:30:01Z,iex,100,,\n"
                + "\n"
                + "GOOGL,172.63,2026-11-24T14:30:02Z,iex,100,172.72,171.22\n"
                + "TSLA,248.50,2026-11-25T09:05:01Z,iex,100,,\n"
                + "META,503.20,2026-11-24T14:30:04Z,iex,-1,,\n"
                + "V,274.16,2026-11-24T14:30:05Z\n");

        assertThat(checked).filteredOn(RowCheck.Invalid.class::isInstance).map(RowCheck.Invalid.class::cast)
                .extracting(RowCheck.Invalid::line, RowCheck.Invalid::reason)
                .containsExactly(
                        tuple(3L, "PRICE_NOT_POSITIVE"),
                        tuple(5L, "LOW_ABOVE_HIGH"),
                        tuple(6L, "TIMESTAMP_IN_FUTURE"),
                        tuple(7L, "VOLUME_NEGATIVE"),
                        tuple(8L, "CSV_COLUMN_COUNT"));
        assertThat(((RowCheck.Invalid) checked.get(1)).describe())
                .isEqualTo("line 3: PRICE_NOT_POSITIVE price must be positive, got -415.1000");
    }

    @Test
    void shouldKeyAValidTickByItsNormalizedSymbolAndSendTheJsonUnchanged() throws IOException {
        RowCheck.Checked checked = check(HEADER + " nvda ,131.3838,2026-11-24T14:31:46.867Z,IEX,2184242,,\n").get(0);

        assertThat(checked).isInstanceOf(RowCheck.Valid.class);
        RowCheck.Valid valid = (RowCheck.Valid) checked;
        assertThat(valid.key()).isEqualTo("NVDA");
        assertThat(valid.sourceTimestamp()).isEqualTo(Instant.parse("2026-11-24T14:31:46.867Z"));
        assertThat(new String(valid.value(), StandardCharsets.UTF_8)).isEqualTo("{\"symbol\":\" nvda \",\"price\":\"131.3838\","
                + "\"source_timestamp\":\"2026-11-24T14:31:46.867Z\",\"provider\":\"IEX\",\"volume\":2184242}");
    }

    @Test
    void shouldKeepTheJsonAndAKeyOfAnInvalidTickSoThatItCanBeSentAnyway() throws IOException {
        RowCheck.Invalid invalid = (RowCheck.Invalid) check(HEADER + "msft,0,2026-11-24T14:30:01Z,iex,,,\n").get(0);

        assertThat(invalid.key()).isEqualTo("MSFT");
        assertThat(invalid.sendable()).isTrue();
        assertThat(new String(invalid.value(), StandardCharsets.UTF_8)).contains("\"price\":\"0\"");
    }

    @Test
    void shouldFindExactlyTheDeliberatelyBadRowsOfTheSample() throws IOException {
        List<RowCheck.Checked> checked;
        try (Reader reader = new InputStreamReader(Objects.requireNonNull(
                getClass().getClassLoader().getResourceAsStream("samples/ticks-sample.csv")), StandardCharsets.UTF_8)) {
            checked = check(reader);
        }

        assertThat(checked).hasSize(300);
        assertThat(checked).filteredOn(RowCheck.Invalid.class::isInstance).map(RowCheck.Invalid.class::cast)
                .extracting(RowCheck.Invalid::line, RowCheck.Invalid::reason)
                .containsExactly(tuple(108L, "PRICE_NOT_POSITIVE"), tuple(212L, "LOW_ABOVE_HIGH"));
        assertThat(checked).filteredOn(RowCheck.Valid.class::isInstance).map(RowCheck.Valid.class::cast)
                .hasSize(298)
                .extracting(RowCheck.Valid::key)
                .containsOnly("AAPL", "MSFT", "NVDA", "AMZN", "GOOGL", "META", "TSLA", "JPM", "V", "BRK.B");
    }

    @Test
    void shouldShipTheSameSampleInTheJarAndInTheRepository() throws Exception {
        byte[] inJar = Objects.requireNonNull(getClass().getClassLoader().getResourceAsStream("samples/ticks-sample.csv"))
                .readAllBytes();

        assertThat(Files.readAllBytes(Path.of("..", "samples", "ticks-sample.csv"))).isEqualTo(inJar);
    }

    private static List<RowCheck.Checked> check(String csv) throws IOException {
        return check(new StringReader(csv));
    }

    private static List<RowCheck.Checked> check(Reader reader) throws IOException {
        List<RowCheck.Checked> checked = new ArrayList<>();
        try (TickCsv csv = TickCsv.open(reader)) {
            for (Optional<CsvRow> row = csv.read(); row.isPresent(); row = csv.read()) {
                checked.add(CHECK.check(row.get()));
            }
        }
        return checked;
    }
}
