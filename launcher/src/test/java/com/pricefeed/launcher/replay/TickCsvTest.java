package com.pricefeed.launcher.replay;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TickCsvTest {

    private static final String HEADER = "symbol,price,source_timestamp,provider,volume,open_price,high_price,low_price,"
            + "previous_close,company_name,market_cap\n";

    @Test
    void shouldCopyMoneyAsTheExactTextOfEachCell() throws IOException {
        JsonNode tick = onlyTick(HEADER + "AAPL,189.2300,2026-11-24T14:30:00.123Z,polygon,51234567,188.10,190.00,"
                + "187.95,187.4400,Apple Inc.,2950000000000.00\n");

        assertThat(tick.toString()).isEqualTo("{\"symbol\":\"AAPL\",\"price\":\"189.2300\","
                + "\"source_timestamp\":\"2026-11-24T14:30:00.123Z\",\"provider\":\"polygon\",\"volume\":51234567,"
                + "\"open_price\":\"188.10\",\"high_price\":\"190.00\",\"low_price\":\"187.95\",\"previous_close\":\"187.4400\","
                + "\"company_name\":\"Apple Inc.\",\"market_cap\":\"2950000000000.00\"}");
    }

    @Test
    void shouldKeepDecimalsThatNoBinaryFloatHolds() throws IOException {
        JsonNode tick = onlyTick("symbol,price,source_timestamp,provider,market_cap\n"
                + "X,0.1000000000000000055511151231257827,2026-11-24T14:30:00Z,iex,123456789012345678.99\n");

        assertThat(tick.get("price").textValue()).isEqualTo("0.1000000000000000055511151231257827");
        assertThat(tick.get("market_cap").textValue()).isEqualTo("123456789012345678.99");
    }

    @Test
    void shouldLeaveOutTheFieldOfAnEmptyCell() throws IOException {
        JsonNode tick = onlyTick(HEADER + "MSFT,415.10,2026-11-24T14:30:00Z,iex,,,,,,,\n");

        assertThat(tick.fieldNames()).toIterable().containsExactly("symbol", "price", "source_timestamp", "provider");
    }

    @Test
    void shouldIgnoreColumnsThatAreNotTickFieldsAndSayWhichTheyAre() throws IOException {
        try (TickCsv csv = TickCsv.open(new StringReader(
                "exchange,symbol,price,source_timestamp,provider,note\nXNAS,AAPL,1.5,2026-11-24T14:30:00Z,iex,hello\n"))) {
            assertThat(csv.ignoredColumns()).containsExactly("exchange", "note");
            JsonNode tick = ((CsvRow.Tick) csv.read().orElseThrow()).json();
            assertThat(tick.toString()).isEqualTo(
                    "{\"symbol\":\"AAPL\",\"price\":\"1.5\",\"source_timestamp\":\"2026-11-24T14:30:00Z\",\"provider\":\"iex\"}");
        }
    }

    @Test
    void shouldMatchHeaderNamesTrimmedInAnyCaseAfterAByteOrderMark() throws IOException {
        JsonNode tick = onlyTick("\uFEFFSymbol, PRICE ,Source_Timestamp,provider\nAAPL,1.5,2026-11-24T14:30:00Z,iex\n");

        assertThat(tick.get("symbol").textValue()).isEqualTo("AAPL");
        assertThat(tick.get("price").textValue()).isEqualTo("1.5");
    }

    @Test
    void shouldWriteAWholeNumberVolumeAsANumberAndAnythingElseAsTheCellText() throws IOException {
        List<CsvRow> rows = rows("symbol,price,source_timestamp,provider,volume\n"
                + "A,1,1795530600000,iex,9223372036854775807\n"
                + "A,1,1795530600000,iex,12.5\n"
                + "A,1,1795530600000,iex,-3\n");

        assertThat(json(rows.get(0)).get("volume").isIntegralNumber()).isTrue();
        assertThat(json(rows.get(0)).get("volume").asText()).isEqualTo("9223372036854775807");
        assertThat(json(rows.get(1)).get("volume").textValue()).isEqualTo("12.5");
        assertThat(json(rows.get(2)).get("volume").longValue()).isEqualTo(-3);
        assertThat(json(rows.get(0)).get("source_timestamp").textValue()).isEqualTo("1795530600000");
    }

    @Test
    void shouldNumberRowsByTheLineTheyStartOnAcrossBlankLinesAndQuotedLineBreaks() throws IOException {
        List<CsvRow> rows = rows("symbol,price,source_timestamp,provider,company_name\r\n"
                + "A,1,2026-11-24T14:30:00Z,iex,\r\n"
                + "\r\n"
                + "B,1,2026-11-24T14:30:00Z,iex,\"two\r\nlines\"\r\n"
                + "C,1,2026-11-24T14:30:00Z,iex,\"Amazon.com, Inc.\"\r\n"
                + "D,1,2026-11-24T14:30:00Z,iex,last");

        assertThat(rows).extracting(CsvRow::line).containsExactly(2L, 4L, 6L, 7L);
        assertThat(json(rows.get(1)).get("company_name").textValue()).isEqualTo("two\r\nlines");
        assertThat(json(rows.get(2)).get("company_name").textValue()).isEqualTo("Amazon.com, Inc.");
    }

    @Test
    void shouldReportARowWithTooFewOrTooManyCellsAsMalformedWithItsLine() throws IOException {
        List<CsvRow> rows = rows("symbol,price,source_timestamp,provider\n"
                + "A,1,2026-11-24T14:30:00Z\n"
                + "A,1,2026-11-24T14:30:00Z,iex,extra\n");

        assertThat(rows).containsExactly(
                new CsvRow.Malformed(2, "the row has 3 cell(s) but the header has 4"),
                new CsvRow.Malformed(3, "the row has 5 cell(s) but the header has 4"));
    }

    @Test
    void shouldRefuseAHeaderWithoutTheRequiredFields() {
        assertThatThrownBy(() -> TickCsv.open(new StringReader("symbol,last,time,provider\nA,1,2,iex\n")))
                .isInstanceOf(ReplayFailure.class)
                .hasMessageContaining("no column for the required field(s) price, source_timestamp");
    }

    @Test
    void shouldRefuseAHeaderThatNamesAFieldTwice() {
        assertThatThrownBy(() -> TickCsv.open(new StringReader("symbol,price,source_timestamp,provider,Price\n")))
                .isInstanceOf(ReplayFailure.class)
                .hasMessageContaining("names column price twice");
    }

    @Test
    void shouldRefuseAnEmptyInput() {
        assertThatThrownBy(() -> TickCsv.open(new StringReader("")))
                .isInstanceOf(ReplayFailure.class)
                .hasMessageContaining("The CSV is empty");
    }

    @Test
    void shouldFailWithTheLineWhenAQuoteIsNeverClosed() throws IOException {
        try (TickCsv csv = TickCsv.open(new StringReader("symbol,price,source_timestamp,provider\n"
                + "A,1,2026-11-24T14:30:00Z,iex\n"
                + "B,\"1,2026-11-24T14:30:00Z,iex\n"))) {
            assertThat(csv.read()).isPresent();
            assertThatThrownBy(csv::read).isInstanceOf(IOException.class).hasMessageContaining("line");
        }
    }

    @Test
    void shouldCountTheDataRowsForTheProgressBar() {
        assertThat(TickCsv.countRows(new StringReader(HEADER + "a\n\nb\nc\n"))).isEqualTo(3);
        assertThat(TickCsv.countRows(new StringReader("x,\"y\n"))).isEqualTo(-1);
    }

    private static JsonNode onlyTick(String csv) throws IOException {
        List<CsvRow> rows = rows(csv);
        assertThat(rows).hasSize(1);
        return json(rows.get(0));
    }

    private static JsonNode json(CsvRow row) {
        assertThat(row).isInstanceOf(CsvRow.Tick.class);
        return ((CsvRow.Tick) row).json();
    }

    private static List<CsvRow> rows(String text) throws IOException {
        List<CsvRow> rows = new ArrayList<>();
        try (TickCsv csv = TickCsv.open(new StringReader(text))) {
            for (Optional<CsvRow> row = csv.read(); row.isPresent(); row = csv.read()) {
                rows.add(row.get());
            }
        }
        return rows;
    }
}
