package com.pricefeed.platform.lifecycle;

/** How a long-running service stops when its supervisor sends SIGTERM. */
public final class Sigterm {

    private Sigterm() {
    }

    /**
     * Runs {@code close} when the JVM shuts down, and makes SIGTERM exit with status 0.
     *
     * <p>The JVM's own answer to SIGTERM is to run the shutdown hooks and exit with status 143. A stop that was asked
     * for and done cleanly is a success for a supervisor, so exit with 0 instead; {@code System.exit} runs the same
     * hooks.
     *
     * @param threadName names the hook's thread in a thread dump taken while it runs
     */
    public static void closeAndExitZero(String threadName, Runnable close) {
        Runtime.getRuntime().addShutdownHook(new Thread(close, threadName));
        sun.misc.Signal.handle(new sun.misc.Signal("TERM"), signal -> System.exit(0));
    }
}
