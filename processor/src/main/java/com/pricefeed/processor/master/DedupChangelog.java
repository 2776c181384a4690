package com.pricefeed.processor.master;

import org.apache.kafka.common.config.TopicConfig;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * The changelog topic of {@value MasterUpdate#DEDUP_STORE}: it keeps an accepted tick's identity as long as the
 * duplicate window, not Kafka Streams' default of the window plus a day, and is cut into segments no longer than the
 * window, so that time retention can drop whole segments and restoring lost state reads about one window of identities.
 *
 * @param window the duplicate window ({@code DEDUP_WINDOW})
 */
public record DedupChangelog(Duration window) {

    /** Kept beyond the window, for clocks of processor and broker that disagree a little. */
    public static final Duration RETENTION_MARGIN = Duration.ofMinutes(1);
    private static final Duration SHORTEST_SEGMENT = Duration.ofMinutes(1);

    public DedupChangelog {
        Objects.requireNonNull(window, "window");
    }

    /** The name Kafka Streams gives the topic. */
    public static String topic(String applicationId) {
        return applicationId + "-" + MasterUpdate.DEDUP_STORE + "-changelog";
    }

    public Duration retention() {
        return window.plus(RETENTION_MARGIN);
    }

    public Duration segment() {
        return window.compareTo(SHORTEST_SEGMENT) < 0 ? SHORTEST_SEGMENT : window;
    }

    /** {@code retention.ms} and {@code segment.ms} of the topic. */
    public Map<String, String> topicConfig() {
        return Map.of(
                TopicConfig.RETENTION_MS_CONFIG, Long.toString(retention().toMillis()),
                TopicConfig.SEGMENT_MS_CONFIG, Long.toString(segment().toMillis()));
    }
}
