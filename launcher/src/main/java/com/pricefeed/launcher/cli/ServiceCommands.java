package com.pricefeed.launcher.cli;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/**
 * Each service on its own, against an external Kafka and PostgreSQL, configured by its environment variables; the
 * variables' section of each {@code --help} is rendered from the service's declarations ({@link SettingsHelp}).
 */
final class ServiceCommands {

    private ServiceCommands() {
    }

    /** A service's own {@code main}. */
    @FunctionalInterface
    interface ServiceMain {
        void run(String[] args) throws Exception;
    }

    /** What the three commands share: runs the service's {@code main}; subclasses inherit these attributes. */
    @Command(mixinStandardHelpOptions = true, usageHelpWidth = 120, modelTransformer = SettingsHelp.class)
    abstract static class Service implements Callable<Integer> {
        private final ServiceMain main;

        Service(ServiceMain main) {
            this.main = main;
        }

        @Override
        public Integer call() throws Exception {
            main.run(new String[0]);
            return 0;
        }
    }

    @Command(name = "processor", header = "The Kafka Streams processor, on its own against an external Kafka.",
            description = {"Runs the Kafka Streams processor: validates ticks from price-ticks, dead-letters the bad ones,",
                    "keeps the newest tick per symbol and writes price-history and realtime-symbols, exactly once."})
    static final class Processor extends Service {
        Processor() {
            super(com.pricefeed.processor.Main::main);
        }
    }

    @Command(name = "sink", header = "The JDBC sink, the only writer of PostgreSQL, on its own.",
            description = {"Runs the JDBC sink, the only writer of PostgreSQL: each batch of price-history becomes history",
                    "rows, master rows and the consumer position in one transaction, exactly once. Creates the database",
                    "when missing and applies the migrations."})
    static final class Sink extends Service {
        Sink() {
            super(com.pricefeed.sink.Main::main);
        }
    }

    @Command(name = "api", header = "The query API and dashboard, on its own.",
            description = "Runs the query API and the dashboard over PostgreSQL, read-only.")
    static final class Api extends Service {
        Api() {
            super(com.pricefeed.api.Main::main);
        }
    }
}
