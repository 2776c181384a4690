package com.pricefeed.systemtests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One service (processor, sink, or the whole demo) running as its own OS process, started with this test JVM's class
 * path and configured only through environment variables, as an operator would run it. Its output goes to a log file.
 */
final class ServiceProcess {

    enum Kind {
        PROCESSOR("384m", "com.pricefeed.processor.Main"),
        SINK("384m", "com.pricefeed.sink.Main"),
        API("256m", "com.pricefeed.api.Main"),
        /** The launcher's {@code demo} command, broker and all; its ops port is the processor's. */
        DEMO("1g", "com.pricefeed.launcher.Cli", "demo");

        private final String maxHeap;
        private final List<String> command;

        Kind(String maxHeap, String mainClass, String... arguments) {
            this.maxHeap = maxHeap;
            this.command = new ArrayList<>(List.of(mainClass));
            this.command.addAll(List.of(arguments));
        }
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final Kind kind;
    private final String name;
    private final int opsPort;
    private final Path log;
    private final Process process;

    private ServiceProcess(Kind kind, String name, int opsPort, Path log, Process process) {
        this.kind = kind;
        this.name = name;
        this.opsPort = opsPort;
        this.log = log;
        this.process = process;
    }

    static ServiceProcess start(Kind kind, String name, Map<String, String> env, int opsPort, Path logDir) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms64m", "-Xmx" + kind.maxHeap, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path")));
        command.addAll(kind.command);
        try {
            Files.createDirectories(logDir);
            Path log = logDir.resolve(name + ".log");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(env);
            return new ServiceProcess(kind, name, opsPort, log, builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + name, e);
        }
    }

    Kind kind() {
        return kind;
    }

    String name() {
        return name;
    }

    Path log() {
        return log;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Whether {@code /health/ready} answers 200; false while it answers 503 or not at all. */
    boolean ready() {
        return get("/health/ready").map(response -> response.statusCode() == 200).orElse(false);
    }

    /** The value of one Prometheus series of {@code /metrics} (first sample whose line starts with {@code series}), or -1. */
    double metric(String series) {
        return get("/metrics").map(response -> response.body().lines()
                .filter(line -> line.startsWith(series + " ") || line.startsWith(series + "{"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst().orElse(-1)).orElse(-1.0);
    }

    /** SIGKILL: the process gets no chance to finish anything. */
    void kill() {
        process.destroyForcibly();
        waitFor(Duration.ofSeconds(30));
    }

    /** SIGSTOP: the process is frozen, its connections stay open, it answers nothing until {@link #resume()}. */
    void freeze() {
        signal("STOP");
    }

    /** SIGCONT after {@link #freeze()}. */
    void resume() {
        signal("CONT");
    }

    /** Sends SIGTERM and returns without waiting. */
    void sigterm() {
        process.destroy();
    }

    /** Waits at most {@code timeout} for the process to end. */
    boolean endsWithin(Duration timeout) {
        return waitFor(timeout);
    }

    /** The exit status, once the process has ended. */
    int exitValue() {
        return process.exitValue();
    }

    /** Whether the log holds {@code text}. */
    boolean logged(String text) {
        try {
            return Files.exists(log) && Files.readString(log).contains(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGTERM, then waits for the process to end; returns its exit status. */
    int terminate() {
        process.destroy();
        if (!waitFor(Duration.ofSeconds(60))) {
            process.destroyForcibly();
            waitFor(Duration.ofSeconds(30));
            throw new AssertionError(name + " did not stop within 60 s of SIGTERM; see " + log);
        }
        return process.exitValue();
    }

    private void signal(String name) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private boolean waitFor(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private java.util.Optional<HttpResponse<String>> get(String path) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + opsPort + path))
                    .timeout(Duration.ofSeconds(3)).build();
            return java.util.Optional.of(HTTP.send(request, HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            return java.util.Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return java.util.Optional.empty();
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
