package com.pricefeed.benchmark;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One service in its own JVM (see {@link ServiceHost}), so its CPU time, RSS and heap are its own: CPU and RSS come
 * from {@code /proc/<pid>}, heap from the child's {@code @@HEAP} lines. Everything else the child prints goes to
 * {@code <role>.log} in the output directory.
 */
final class ChildProcess implements AutoCloseable {

    static final String HEAP_LIMIT = "-Xmx512m";
    static final String LOGBACK = "benchmark-logback.xml";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String role;
    private final Process process;
    private final CompletableFuture<String> bootstrap = new CompletableFuture<>();
    private volatile long peakHeap;
    private volatile long peakRss;

    private ChildProcess(String role, Process process, Path log) {
        this.role = role;
        this.process = process;
        Thread reader = new Thread(() -> pump(log), role + "-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    static ChildProcess start(String role, List<String> args, Map<String, String> env, Path outDir) {
        List<String> command = new ArrayList<>(List.of(javaBinary(), HEAP_LIMIT, "-XX:+UseG1GC",
                "-Dlogback.configurationFile=" + LOGBACK));
        if (System.getenv("BENCH_JFR") != null) {
            command.add("-XX:StartFlightRecording=filename=" + outDir.resolve(role + ".jfr") + ",settings=profile");
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ServiceHost.class.getName(), role));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        try {
            Files.createDirectories(outDir);
            return new ChildProcess(role, builder.start(), outDir.resolve(role + ".log"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the " + role + " JVM", e);
        }
    }

    String role() {
        return role;
    }

    long pid() {
        return process.pid();
    }

    /** The broker's bootstrap address, once it printed it. */
    String awaitBootstrap(Duration timeout) throws Exception {
        return bootstrap.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Waits until {@code url} answers 200 (a readiness endpoint), failing early if the process died. */
    void awaitReady(String url, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(role + " exited with " + process.exitValue() + "; see " + role + ".log");
            }
            try {
                HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException(role + " not ready at " + url + " within " + timeout);
    }

    /** User plus system CPU seconds this process has used so far (all its threads). */
    double cpuSeconds() {
        return ProcStat.cpuSeconds(process.pid());
    }

    /** CPU seconds its JIT compiler threads have used so far. */
    double compilerCpuSeconds() {
        return ProcStat.compilerCpuSeconds(process.pid());
    }

    void resetPeaks() {
        peakHeap = 0;
        peakRss = 0;
    }

    long peakHeapBytes() {
        return peakHeap;
    }

    long peakRssBytes() {
        return peakRss;
    }

    private void pump(Path log) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             PrintWriter out = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8), true)) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith(ServiceHost.HEAP_MARKER)) {
                    peakHeap = Math.max(peakHeap, Long.parseLong(line.substring(ServiceHost.HEAP_MARKER.length()).trim()));
                    peakRss = Math.max(peakRss, ProcStat.rssBytes(process.pid()));
                } else if (line.startsWith(ServiceHost.BOOTSTRAP_MARKER)) {
                    bootstrap.complete(line.substring(ServiceHost.BOOTSTRAP_MARKER.length()).trim());
                } else {
                    out.println(line);
                }
            }
        } catch (IOException | RuntimeException e) {
            bootstrap.completeExceptionally(e);
        }
    }

    /** Asks the child to stop (SIGTERM: its shutdown hook closes the service cleanly) without waiting. */
    void stopAsync() {
        process.destroy();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(40, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
