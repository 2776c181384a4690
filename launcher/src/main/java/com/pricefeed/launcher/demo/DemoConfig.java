package com.pricefeed.launcher.demo;

import com.pricefeed.platform.config.Env;

import java.nio.file.Path;

/**
 * The all-in-one demo's own settings; each service reads the rest of the environment itself.
 *
 * @param kafkaPort   the embedded broker's client port on 127.0.0.1 ({@code DEMO_KAFKA_PORT})
 * @param dataDir     where the broker and the processor keep their data across runs ({@code DEMO_DATA_DIR})
 * @param feedEnabled whether the synthetic feed runs ({@code DEMO_FEED})
 */
public record DemoConfig(int kafkaPort, Path dataDir, boolean feedEnabled) {

    public static DemoConfig from(Env env) {
        return new DemoConfig(
                DemoSettings.KAFKA_PORT.read(env),
                Path.of(DemoSettings.DATA_DIR.read(env)),
                DemoSettings.FEED.read(env));
    }

    public Path kafkaDir() {
        return dataDir.resolve("kafka");
    }

    public Path streamsStateDir() {
        return dataDir.resolve("streams");
    }
}
