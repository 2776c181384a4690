package com.pricefeed.sink.history;

import com.pricefeed.database.DatabaseSchema;
import com.pricefeed.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.util.Arrays;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

class HistoryIdsIT {

    TestDatabase database;

    @BeforeEach
    void createDatabase() throws Exception {
        database = TestDatabase.create();
        DatabaseSchema.prepare(database.config());
    }

    @AfterEach
    void dropDatabase() {
        database.close();
    }

    @Test
    void shouldHandOutConsecutiveIdsAfterThoseAlreadyDrawn() throws Exception {
        try (Connection connection = database.connect()) {
            long[] first = HistoryIds.allocate(connection, 3);
            long[] next = HistoryIds.allocate(connection, 20_000);

            assertThat(first).containsExactly(1, 2, 3);
            assertThat(next).containsExactly(LongStream.rangeClosed(4, 20_003).toArray());
        }
    }

    @Test
    void shouldHandOutEveryIdWhenTheSequenceLeavesGaps() throws Exception {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            // What another session drawing at the same moment would leave: ids that are not consecutive.
            statement.execute("ALTER SEQUENCE realtime_price_history_id_seq INCREMENT BY 3");

            long[] ids = HistoryIds.allocate(connection, 5);

            assertThat(ids).containsExactly(1, 4, 7, 10, 13);
            assertThat(Arrays.stream(ids).distinct().count()).isEqualTo(5);
        }
    }
}
