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

    @Command(name = "processor", header = "The Kafka Streams processor, on its own against an external Kafka.",
            mixinStandardHelpOptions = true, usageHelpWidth = 120, modelTransformer = SettingsHelp.Processor.class,
            description = {"Runs the Kafka Streams processor: validates ticks from price-ticks, dead-letters the bad ones,",
                    "keeps the newest tick per symbol and writes price-history and realtime-symbols, exactly once."})
    static final class Processor implements Callable<Integer> {
        @Override
        public Integer call() throws Exception {
            com.pricefeed.processor.Main.main(new String[0]);
            return 0;
        }
    }

    @Command(name = "sink", header = "The JDBC sink, the only writer of PostgreSQL, on its own.",
            mixinStandardHelpOptions = true, usageHelpWidth = 120, modelTransformer = SettingsHelp.Sink.class,
            description = {"Runs the JDBC sink, the only writer of PostgreSQL: each batch of price-history becomes history",
                    "rows, master rows and the consumer position in one transaction, exactly once. Creates the database",
                    "when missing and applies the migrations."})
    static final class Sink implements Callable<Integer> {
        @Override
        public Integer call() throws Exception {
            com.pricefeed.sink.Main.main(new String[0]);
            return 0;
        }
    }

    @Command(name = "api", header = "The query API and dashboard, on its own.",
            mixinStandardHelpOptions = true, usageHelpWidth = 120, modelTransformer = SettingsHelp.Api.class,
            description = "Runs the query API and the dashboard over PostgreSQL, read-only.")
    static final class Api implements Callable<Integer> {
        @Override
        public Integer call() throws Exception {
            com.pricefeed.api.Main.main(new String[0]);
            return 0;
        }
    }
}
