package com.pricefeed.database;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class MigrationsTest {

    private static final Pattern VERSIONED = Pattern.compile("^V(\\d+)__.+\\.sql$");

    @Test
    void shouldNameTheHighestMigrationAsTheVersionThisBuildNeeds() throws IOException, URISyntaxException {
        Path migrations = Path.of(DatabaseSchema.class.getResource("/db/migration").toURI());
        try (Stream<Path> files = Files.list(migrations)) {
            int highest = files.map(file -> VERSIONED.matcher(file.getFileName().toString()))
                    .filter(Matcher::matches)
                    .mapToInt(matcher -> Integer.parseInt(matcher.group(1)))
                    .max().orElseThrow();

            assertThat(DatabaseSchema.VERSION).isEqualTo(highest);
        }
    }
}
