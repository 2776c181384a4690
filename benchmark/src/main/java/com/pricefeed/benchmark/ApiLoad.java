package com.pricefeed.benchmark;

import com.pricefeed.platform.config.DatabaseConfig;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * HTTP load from outside the JVM with {@code wrk} (random single-symbol lookups, or the no-database
 * {@code /health/live}), and the same prepared SELECT straight on PostgreSQL with {@code pgbench -M prepared}
 * (native client, per-transaction log for the p99).
 */
final class ApiLoad {

    private static final Pattern RPS = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern P99 = Pattern.compile("\\s99%\\s+([0-9.]+)(us|ms|s)");
    private static final Pattern ERRORS = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");
    private static final Pattern SOCKET_ERRORS = Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");
    private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+)");

    /** The API's single-symbol query ({@code PriceRepository}), with the symbol built from pgbench's random number. */
    static final String PGBENCH_SCRIPT = """
            \\set n random(1, %d)
            SELECT s.symbol, s.current_price, s.last_updated, s.company_name, s.volume, p.code AS provider, s.market_cap, s.latest_history_id, h.previous_close FROM realtime_symbols s JOIN market_data_providers p ON p.id = s.provider_id LEFT JOIN realtime_price_history h ON h.id = s.latest_history_id WHERE s.symbol = 'SYM' || lpad(:n::text, 4, '0');
            """;

    private ApiLoad() {
    }

    static Map<String, Object> wrk(String url, int connections, Duration duration, Path script, Path outDir, String label)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("wrk", "-t2", "-c" + connections, "-d" + duration.toSeconds() + "s",
                "--latency", "--timeout", "5s"));
        if (script != null) {
            command.addAll(List.of("-s", script.toString()));
        }
        command.add(url);
        String output = run(command, outDir.resolve("wrk-" + label + "-" + connections + ".txt"));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("requests_per_s", number(RPS, output));
        result.put("p99_ms", p99Millis(output));
        Matcher errors = ERRORS.matcher(output);
        long failed = errors.find() ? Long.parseLong(errors.group(1)) : 0;
        Matcher socket = SOCKET_ERRORS.matcher(output);
        if (socket.find()) {
            for (int i = 1; i <= 4; i++) {
                failed += Long.parseLong(socket.group(i));
            }
        }
        result.put("errors", failed);
        return result;
    }

    static Map<String, Object> pgbench(DatabaseConfig database, String databaseName, int symbols, int clients,
                                       Duration duration, Path outDir) throws IOException, InterruptedException {
        Path script = outDir.resolve("pgbench-select.sql");
        Files.writeString(script, PGBENCH_SCRIPT.formatted(symbols));
        Path logDir = Files.createDirectories(outDir.resolve("pgbench-" + clients));
        try (Stream<Path> old = Files.list(logDir)) {
            for (Path file : old.toList()) {
                Files.delete(file);
            }
        }
        String output = run(List.of("pgbench", "-n", "-M", "prepared", "-c", Integer.toString(clients), "-j", "2",
                "-T", Long.toString(duration.toSeconds()), "-f", script.toString(), "-l",
                "--log-prefix=" + logDir.resolve("tx"), "-h", "127.0.0.1", "-U", database.user(), databaseName),
                outDir.resolve("pgbench-" + clients + ".txt"));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("clients", clients);
        result.put("queries_per_s", number(TPS, output));
        result.put("p99_ms", pgbenchP99Millis(logDir));
        return result;
    }

    /** pgbench's per-transaction log: the third column is the latency in microseconds. */
    private static double pgbenchP99Millis(Path logDir) throws IOException {
        List<Long> latencies = new ArrayList<>();
        try (Stream<Path> files = Files.list(logDir)) {
            for (Path file : files.toList()) {
                try (Stream<String> lines = Files.lines(file)) {
                    lines.forEach(line -> {
                        String[] fields = line.split(" ");
                        if (fields.length > 2) {
                            latencies.add(Long.parseLong(fields[2]));
                        }
                    });
                }
            }
        }
        if (latencies.isEmpty()) {
            return Double.NaN;
        }
        long[] sorted = latencies.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.99) - 1)] / 1000.0;
    }

    private static double p99Millis(String output) {
        Matcher matcher = P99.matcher(output);
        if (!matcher.find()) {
            return Double.NaN;
        }
        double value = Double.parseDouble(matcher.group(1));
        return switch (matcher.group(2)) {
            case "us" -> value / 1000.0;
            case "s" -> value * 1000.0;
            default -> value;
        };
    }

    private static double number(Pattern pattern, String output) {
        Matcher matcher = pattern.matcher(output);
        if (!matcher.find()) {
            throw new IllegalStateException("Unexpected load-generator output:\n" + output);
        }
        return Double.parseDouble(matcher.group(1));
    }

    static Path wrkScript(Path outDir, int symbols) throws IOException {
        Path script = outDir.resolve("wrk-prices.lua");
        Files.writeString(script, """
                math.randomseed(42)
                request = function()
                  return wrk.format("GET", string.format("/api/v1/market-data/prices/SYM%%04d", math.random(1, %d)))
                end
                """.formatted(symbols));
        return script;
    }

    private static String run(List<String> command, Path transcript) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = process.waitFor();
        Files.writeString(transcript, String.join(" ", command) + "\n" + output);
        if (exit != 0) {
            throw new IllegalStateException(command.get(0) + " exited with " + exit + ":\n" + output);
        }
        return output;
    }
}
