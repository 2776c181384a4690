package com.pricefeed.launcher.cli;

import com.pricefeed.platform.config.Env;
import com.pricefeed.platform.config.KafkaConnection;
import com.pricefeed.platform.config.SharedSettings;
import com.pricefeed.processor.ProcessorSettings;
import com.pricefeed.processor.streams.SymbolPartitioning;
import com.pricefeed.schemas.topic.SymbolPartitioner;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * How a command that publishes ticks places them: as {@code PRICE_TICKS_PARTITIONER} says, else as the processor's
 * deployment recorded ({@link SymbolPartitioning}), so that they need no detour through {@code ticks-by-symbol}.
 * Anything it cannot read means the Java client's own {@code murmur2}: placement only decides the route, never the
 * outcome.
 */
public final class PublishingPartitioner {

    private static final Duration LOOKUP = Duration.ofSeconds(5);

    private PublishingPartitioner() {
    }

    public static SymbolPartitioner of(Env env, KafkaConnection connection) {
        SymbolPartitioner configured = SharedSettings.partitioner(env);
        return configured != null ? configured : recorded(env, connection);
    }

    /** What the deployment of {@code PROCESSOR_APPLICATION_ID} recorded, {@code murmur2} when nothing can be read. */
    public static SymbolPartitioner recorded(Env env, KafkaConnection connection) {
        String marker = SymbolPartitioning.markerTopic(ProcessorSettings.APPLICATION_ID.read(env), SymbolPartitioner.CRC32);
        try (Admin admin = Admin.create(connection.admin(Map.of(AdminClientConfig.CLIENT_ID_CONFIG, "partitioner-lookup")))) {
            admin.describeTopics(List.of(marker)).allTopicNames().get(LOOKUP.toMillis(), TimeUnit.MILLISECONDS);
            return SymbolPartitioner.CRC32;
        } catch (ExecutionException | TimeoutException e) {
            return SymbolPartitioner.MURMUR2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return SymbolPartitioner.MURMUR2;
        }
    }
}
