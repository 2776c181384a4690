package com.pricefeed.launcher;

import com.pricefeed.launcher.cli.Commands;
import picocli.CommandLine;

/** The command line of the price processor: {@code demo}, {@code processor}, {@code sink}, {@code api}, {@code feed}, {@code replay}, {@code dlq}, {@code delist}. */
public final class Cli {

    private Cli() {
    }

    public static void main(String[] args) {
        int exitCode = new CommandLine(Commands.root()).execute(args);
        if (exitCode != 0) {
            System.exit(exitCode);
        }
    }
}
