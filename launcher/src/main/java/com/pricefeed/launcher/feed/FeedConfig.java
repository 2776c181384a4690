package com.pricefeed.launcher.feed;

import com.pricefeed.platform.config.ConfigException;
import com.pricefeed.platform.config.Env;
import com.pricefeed.platform.config.KafkaConnection;
import com.pricefeed.platform.config.SharedSettings;

import com.pricefeed.schemas.topic.SymbolPartitioner;

import java.util.List;

/**
 * The synthetic feed's settings, read through the declarations of {@link FeedSettings}.
 *
 * @param kafka         where to publish ({@code KAFKA_BOOTSTRAP_SERVERS})
 * @param topic         the tick topic ({@code TOPIC_PRICE_TICKS})
 * @param ticksPerSecond the total publishing rate ({@code FEED_RATE})
 * @param symbols       how many instruments of the catalog to quote ({@code FEED_SYMBOLS})
 * @param providers     provider codes the ticks alternate between ({@code FEED_PROVIDERS})
 * @param partitioner   how ticks are placed on the partitions ({@code PRICE_TICKS_PARTITIONER})
 */
public record FeedConfig(KafkaConnection kafka, String topic, int ticksPerSecond, int symbols, List<String> providers,
                         SymbolPartitioner partitioner) {

    public FeedConfig {
        providers = List.copyOf(providers);
        if (providers.isEmpty()) {
            throw new ConfigException("FEED_PROVIDERS must name at least one provider code");
        }
        java.util.Objects.requireNonNull(partitioner, "partitioner");
    }

    public static FeedConfig from(Env env) {
        return new FeedConfig(
                KafkaConnection.from(env),
                SharedSettings.TOPIC_PRICE_TICKS.read(env),
                FeedSettings.RATE.read(env),
                FeedSettings.SYMBOLS.read(env),
                List.of(FeedSettings.PROVIDERS.read(env).split("\\s*,\\s*")),
                java.util.Objects.requireNonNullElse(SharedSettings.partitioner(env), SymbolPartitioner.MURMUR2));
    }
}
