package com.pricefeed.launcher.cli;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** Each service on its own, against an external Kafka and PostgreSQL, configured by its environment variables. */
final class ServiceCommands {

    private ServiceCommands() {
    }

    @Command(name = "processor", mixinStandardHelpOptions = true,
            description = "Runs the Kafka Streams processor (see README.md for its environment variables).")
    static final class Processor implements Callable<Integer> {
        @Override
        public Integer call() throws Exception {
            com.pricefeed.processor.Main.main(new String[0]);
            return 0;
        }
    }

    @Command(name = "sink", mixinStandardHelpOptions = true,
            description = "Runs the JDBC sink, the only writer of PostgreSQL (see README.md for its environment variables).")
    static final class Sink implements Callable<Integer> {
        @Override
        public Integer call() throws Exception {
            com.pricefeed.sink.Main.main(new String[0]);
            return 0;
        }
    }

    @Command(name = "api", mixinStandardHelpOptions = true,
            description = "Runs the query API (see README.md for its environment variables).")
    static final class Api implements Callable<Integer> {
        @Override
        public Integer call() throws Exception {
            com.pricefeed.api.Main.main(new String[0]);
            return 0;
        }
    }
}
