package com.pricefeed.launcher.cli;

import com.pricefeed.launcher.delist.DelistCommand;
import com.pricefeed.launcher.dlq.DlqCommand;
import com.pricefeed.launcher.replay.ReplayCommand;
import picocli.CommandLine.Command;

/** The root command and its subcommands. */
@Command(name = "price-processor", mixinStandardHelpOptions = true, usageHelpWidth = 120, version = "price-processor 0.1.0",
        description = "Market-data price ticks from Kafka to PostgreSQL, exactly once, and an API over them.",
        subcommands = {DemoCommand.class, ServiceCommands.Processor.class, ServiceCommands.Sink.class,
                ServiceCommands.Api.class, FeedCommand.class, ReplayCommand.class, DlqCommand.class,
                DelistCommand.class})
public final class Commands implements Runnable {

    public static Commands root() {
        return new Commands();
    }

    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }
}
