package com.pricefeed.launcher.replay;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pricefeed.schemas.json.Json;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads ticks from RFC 4180 CSV whose header row names tick JSON fields, one tick JSON object per data row.
 *
 * <p>Header names are matched trimmed and case-insensitively; columns that are not tick fields are ignored. An empty
 * cell leaves its field out. Every other cell is copied as its exact text, so money never passes through a binary
 * float; only a whole-number {@code volume} becomes a JSON number. Blank lines are skipped. Nothing is validated
 * here beyond the shape of the CSV: that is {@link com.pricefeed.schemas.tick.TickParser}'s job.
 */
final class TickCsv implements Closeable {

    /** The tick fields in the order they are written to the JSON object. */
    static final List<String> FIELDS = List.of("symbol", "price", "source_timestamp", "provider", "volume",
            "open_price", "high_price", "low_price", "previous_close", "company_name", "market_cap");
    static final List<String> REQUIRED = List.of("symbol", "price", "source_timestamp", "provider");

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).get();
    private static final Pattern WHOLE_NUMBER = Pattern.compile("^-?[0-9]{1,30}$");
    private static final String BYTE_ORDER_MARK = "\uFEFF";

    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private final int headerSize;
    private final Map<String, Integer> columns;
    private final List<String> ignoredColumns;

    private TickCsv(CSVParser parser, Iterator<CSVRecord> records, int headerSize,
                    Map<String, Integer> columns, List<String> ignoredColumns) {
        this.parser = parser;
        this.records = records;
        this.headerSize = headerSize;
        this.columns = columns;
        this.ignoredColumns = ignoredColumns;
    }

    /**
     * Reads the header row.
     *
     * @throws ReplayFailure when there is no header, a tick field is named twice or a required field has no column
     * @throws IOException   when the reader fails or the header is not well-formed CSV
     */
    static TickCsv open(Reader reader) throws IOException {
        CSVParser parser = CSVParser.parse(reader, FORMAT);
        try {
            Iterator<CSVRecord> records = parser.iterator();
            if (!next(records)) {
                throw new ReplayFailure("The CSV is empty: the first line must be a header naming the tick fields "
                        + String.join(",", FIELDS));
            }
            List<String> header = records.next().toList();
            Map<String, Integer> columns = new LinkedHashMap<>();
            List<String> ignored = new ArrayList<>();
            for (int i = 0; i < header.size(); i++) {
                String name = normalize(header.get(i), i);
                if (!FIELDS.contains(name)) {
                    ignored.add(header.get(i).trim());
                } else if (columns.putIfAbsent(name, i) != null) {
                    throw new ReplayFailure("The CSV header names column " + name + " twice");
                }
            }
            List<String> missing = REQUIRED.stream().filter(field -> !columns.containsKey(field)).toList();
            if (!missing.isEmpty()) {
                throw new ReplayFailure("The CSV header has no column for the required field(s) " + String.join(", ", missing)
                        + "; the header must name tick fields, for example " + String.join(",", FIELDS));
            }
            return new TickCsv(parser, records, header.size(), Map.copyOf(columns), List.copyOf(ignored));
        } catch (RuntimeException | IOException e) {
            parser.close();
            throw e;
        }
    }

    /**
     * How many data rows the input holds, for a progress bar: a quick first pass. Unknown ({@code -1}) when the file
     * cannot be read as CSV; the replay itself then reports where.
     */
    static long countRows(Reader reader) {
        try (CSVParser parser = CSVParser.parse(reader, FORMAT)) {
            return Math.max(0, parser.stream().count() - 1);
        } catch (IOException | UncheckedIOException e) {
            return -1;
        }
    }

    /** The header's columns that are not tick fields, as written. */
    List<String> ignoredColumns() {
        return ignoredColumns;
    }

    /**
     * The next data row, or empty at the end of the input.
     *
     * @throws IOException when the reader fails or the input stops being well-formed CSV (an unclosed quote, for
     *                     example); the message names the line
     */
    Optional<CsvRow> read() throws IOException {
        if (!next(records)) {
            return Optional.empty();
        }
        CSVRecord record = records.next();
        long line = startLine(record);
        if (record.size() != headerSize) {
            return Optional.of(new CsvRow.Malformed(line,
                    "the row has " + record.size() + " cell(s) but the header has " + headerSize));
        }
        return Optional.of(new CsvRow.Tick(line, toJson(record)));
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }

    private ObjectNode toJson(CSVRecord record) {
        ObjectNode tick = Json.mapper().createObjectNode();
        for (String field : FIELDS) {
            Integer column = columns.get(field);
            if (column == null || record.get(column).isEmpty()) {
                continue;
            }
            String cell = record.get(column);
            if (field.equals("volume") && WHOLE_NUMBER.matcher(cell).matches()) {
                tick.put(field, new BigInteger(cell));
            } else {
                tick.put(field, cell);
            }
        }
        return tick;
    }

    /** The parser counts the line a record ends on; a quoted cell may span lines, so count back to where it starts. */
    private long startLine(CSVRecord record) {
        long breaks = 0;
        for (String value : record) {
            breaks += lineBreaks(value);
        }
        return parser.getCurrentLineNumber() - breaks;
    }

    private static long lineBreaks(String value) {
        long count = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 == value.length() || value.charAt(i + 1) != '\n'))) {
                count++;
            }
        }
        return count;
    }

    private static String normalize(String headerName, int index) {
        String name = index == 0 && headerName.startsWith(BYTE_ORDER_MARK) ? headerName.substring(1) : headerName;
        return name.trim().toLowerCase(Locale.ROOT);
    }

    /** commons-csv reports malformed input from its iterator as an unchecked exception; give it back its checked type. */
    private static boolean next(Iterator<CSVRecord> records) throws IOException {
        try {
            return records.hasNext();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
