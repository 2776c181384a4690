package com.pricefeed.launcher.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C (or SIGTERM) during a command's run: {@code stop} asks the run to end, then the JVM waits, up to a bound,
 * until the run has finished (flushed, closed, printed its summary) before it exits. Closing it marks the run
 * finished and removes the hook.
 */
public final class StopOnShutdown implements AutoCloseable {

    private static final long FINISH_WAIT_SECONDS = 10;

    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook;

    private StopOnShutdown(String threadName, Runnable stop) {
        hook = new Thread(() -> {
            stop.run();
            try {
                finished.await(FINISH_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, threadName);
    }

    public static StopOnShutdown register(String threadName, Runnable stop) {
        StopOnShutdown registered = new StopOnShutdown(threadName, stop);
        Runtime.getRuntime().addShutdownHook(registered.hook);
        return registered;
    }

    @Override
    public void close() {
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // The hook is running: it has just been released.
        }
    }
}
