package com.pricefeed.containertests;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Every variable docker-compose.yml reads from the user's environment is in the table of docs/operations.md. */
class ComposeVariablesAreDocumentedTest {

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z0-9_]+)");

    @Test
    void shouldDocumentEveryVariableTheComposeFileReads() throws IOException {
        Set<String> variables = VARIABLE.matcher(Files.readString(Repository.file("docker-compose.yml"))).results()
                .map(match -> match.group(1))
                .collect(Collectors.toSet());
        String readme = Files.readString(Repository.file("docs/operations.md"));

        assertThat(variables).contains("KAFKA_IMAGE", "POSTGRES_IMAGE", "KAFKA_PUBLISHED_PORT")
                .allSatisfy(name -> assertThat(readme).as("docs/operations.md documents %s", name).contains("`" + name + "`"));
    }
}
