package com.pricefeed.sink.partitions;

import com.pricefeed.platform.config.ConfigException;
import com.pricefeed.platform.config.Env;
import com.pricefeed.platform.config.SharedSettings;
import com.pricefeed.sink.SinkSettings;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * How the sink keeps the partitions of {@code realtime_price_history}.
 *
 * @param step        the time range of one partition ({@code HISTORY_PARTITION_INTERVAL}, default one day)
 * @param ahead       how far past now partitions are created ahead of the ticks ({@code HISTORY_PARTITIONS_AHEAD})
 * @param retention   how long history is kept, or empty to keep it forever ({@code HISTORY_RETENTION}, default off)
 * @param maintenance how often partitions are created ahead and retention runs ({@code HISTORY_MAINTENANCE_INTERVAL})
 */
public record HistoryPartitioning(Duration step, Duration ahead, Optional<Duration> retention, Duration maintenance) {

    public static final Duration DEFAULT_STEP = SinkSettings.HISTORY_PARTITION_INTERVAL.defaultValue();
    public static final Duration DEFAULT_AHEAD = SinkSettings.HISTORY_PARTITIONS_AHEAD.defaultValue();
    public static final Duration DEFAULT_MAINTENANCE = SinkSettings.HISTORY_MAINTENANCE_INTERVAL.defaultValue();
    public static final HistoryPartitioning DEFAULT = new HistoryPartitioning(DEFAULT_STEP, DEFAULT_AHEAD, Optional.empty(), DEFAULT_MAINTENANCE);

    public HistoryPartitioning {
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(ahead, "ahead");
        Objects.requireNonNull(retention, "retention");
        Objects.requireNonNull(maintenance, "maintenance");
        if (retention.isPresent() && retention.get().compareTo(step) < 0) {
            throw new ConfigException("HISTORY_RETENTION must be at least HISTORY_PARTITION_INTERVAL (whole partitions are "
                    + "dropped), got " + retention.get() + " and " + step);
        }
    }

    public static HistoryPartitioning from(Env env) {
        Duration retention = SharedSettings.HISTORY_RETENTION.read(env);
        return new HistoryPartitioning(
                SinkSettings.HISTORY_PARTITION_INTERVAL.read(env),
                SinkSettings.HISTORY_PARTITIONS_AHEAD.read(env),
                retention.isZero() ? Optional.empty() : Optional.of(retention),
                SinkSettings.HISTORY_MAINTENANCE_INTERVAL.read(env));
    }

    public HistoryPartitioning withRetention(Duration value) {
        return new HistoryPartitioning(step, ahead, Optional.of(value), maintenance);
    }

    public HistoryPartitioning withMaintenance(Duration value) {
        return new HistoryPartitioning(step, ahead, retention, value);
    }

    /** The oldest source timestamp kept at {@code now}, or empty when history is kept forever. */
    public Optional<Instant> horizon(Instant now) {
        return retention.map(now::minus);
    }

    /** The step as a PostgreSQL interval literal. */
    String stepInterval() {
        return step.toSeconds() + " seconds";
    }
}
