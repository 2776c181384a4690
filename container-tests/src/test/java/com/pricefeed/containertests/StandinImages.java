package com.pricefeed.containertests;

import org.testcontainers.utility.DockerImageName;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The stand-in images of {@code scripts/build-images}, named in {@code deploy/standin/images.env} by the variables
 * docker-compose.yml reads. {@link #build} runs the script for the images a test needs; it leaves an image whose
 * inputs are unchanged alone, so once they exist this takes seconds.
 */
final class StandinImages {

    private static final Path NAMES = Repository.file("deploy/standin/images.env");
    private static final Set<String> BUILT = new HashSet<>();

    private StandinImages() {
    }

    /** The variables of {@code images.env}, such as {@code KAFKA_IMAGE=price-processor-standin/kafka:4.4.0}. */
    static Map<String, String> variables() {
        try {
            return Files.readAllLines(NAMES, StandardCharsets.UTF_8).stream()
                    .filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .map(line -> line.split("=", 2))
                    .collect(Collectors.toUnmodifiableMap(pair -> pair[0].trim(), pair -> pair[1].trim()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The stand-in for the official {@code postgres} image of this major version (13, 15 or 17). */
    static DockerImageName postgres(int major) {
        String variable = major == 15 ? "POSTGRES_IMAGE" : "POSTGRES_" + major + "_IMAGE";
        return DockerImageName.parse(variables().get(variable)).asCompatibleSubstituteFor("postgres");
    }

    /** Builds these images ({@code kafka}, {@code jre}, {@code postgres-13}, …) unless this JVM did already. */
    static synchronized void build(String... images) {
        List<String> missing = new ArrayList<>(List.of(images));
        missing.removeAll(BUILT);
        if (missing.isEmpty()) {
            return;
        }
        List<String> command = new ArrayList<>(List.of(Repository.file("scripts/build-images").toString()));
        command.addAll(missing);
        String output = run(command);
        if (!output.isBlank()) {
            System.out.print(output);
        }
        BUILT.addAll(missing);
    }

    private static String run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
