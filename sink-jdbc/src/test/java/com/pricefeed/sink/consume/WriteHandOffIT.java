package com.pricefeed.sink.consume;

import com.pricefeed.sink.batch.Batch;
import com.pricefeed.sink.batch.BatchRecord;
import com.pricefeed.sink.jdbc.AbortableDataSource;
import com.pricefeed.sink.metrics.SinkMetrics;
import com.pricefeed.sink.write.Transactions;
import com.pricefeed.sink.write.WriteResult;
import com.pricefeed.testing.TestDatabase;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import static com.pricefeed.sink.support.Ticks.aTick;
import static org.assertj.core.api.Assertions.assertThat;

class WriteHandOffIT {

    @Test
    void shouldAbortAWriteThatOutlivesItsDeadlineAndReportItFailed() throws SQLException {
        try (TestDatabase database = TestDatabase.create(); HikariDataSource pool = pool(database)) {
            AbortableDataSource connections = new AbortableDataSource(pool);
            // A transaction that would hold its connection for half a minute: what a write stuck on a hung server looks like.
            WriteHandOff.BatchWrite stuck = batch -> Transactions.inTransaction(connections, connection -> {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("SELECT pg_sleep(30)");
                }
                return new WriteResult(batch.size(), 0, 0, null);
            });
            try (WriteHandOff writes = new WriteHandOff(stuck, connections::abortLastBorrowed, Duration.ofMillis(500),
                    new SinkMetrics(new SimpleMeterRegistry(), Clock.systemUTC()))) {
                Batch batch = Batch.of(List.of(new BatchRecord(new TopicPartition("price-history", 0), 0, "AAPL", aTick().current())));
                writes.start(batch);

                WriteOutcome outcome = writes.settle();

                assertThat(outcome.committed()).isFalse();
                assertThat(outcome.batch()).isSameAs(batch);
                assertThat(outcome.failure()).isInstanceOfSatisfying(SQLException.class,
                        failure -> assertThat(failure.getSQLState()).startsWith("08"));
                assertThat(writes.busy()).isFalse();
            }
        }
    }

    /** A pool without the sink's timeouts, so that only the hand-off's deadline can end the write. */
    private static HikariDataSource pool(TestDatabase database) {
        HikariConfig hikari = new HikariConfig();
        hikari.setJdbcUrl(database.config().url());
        hikari.setUsername(database.config().user());
        hikari.setPassword(database.config().password());
        hikari.setMaximumPoolSize(2);
        hikari.setAutoCommit(false);
        return new HikariDataSource(hikari);
    }
}
