package com.pricefeed.benchmark;

import com.pricefeed.kafka.embedded.EmbeddedKafkaBroker;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The main of every child JVM the benchmark starts: runs one service's own {@code Main} (configured by the
 * environment, exactly as in production) or the embedded broker, and reports its heap use on stdout every 100 ms
 * as {@code @@HEAP <bytes used>} lines, which {@link ChildProcess} reads.
 */
public final class ServiceHost {

    static final String HEAP_MARKER = "@@HEAP ";
    static final String BOOTSTRAP_MARKER = "@@BOOTSTRAP ";

    private ServiceHost() {
    }

    public static void main(String[] args) throws Exception {
        startHeapReporter();
        switch (args[0]) {
            case "broker" -> runBroker(Path.of(args[1]));
            case "processor" -> com.pricefeed.processor.Main.main(new String[0]);
            case "sink" -> com.pricefeed.sink.Main.main(new String[0]);
            case "api" -> com.pricefeed.api.Main.main(new String[0]);
            default -> throw new IllegalArgumentException("Unknown role " + args[0]);
        }
    }

    private static void runBroker(Path dir) throws InterruptedException {
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir, 0);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.close();
            stopped.countDown();
        }, "broker-shutdown"));
        System.out.println(BOOTSTRAP_MARKER + broker.bootstrapServers());
        System.out.flush();
        stopped.await();
    }

    private static void startHeapReporter() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        Thread reporter = new Thread(() -> {
            while (true) {
                System.out.println(HEAP_MARKER + memory.getHeapMemoryUsage().getUsed());
                System.out.flush();
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-reporter");
        reporter.setDaemon(true);
        reporter.start();
    }
}
