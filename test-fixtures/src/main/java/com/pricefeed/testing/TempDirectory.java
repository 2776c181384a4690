package com.pricefeed.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A scratch directory (a broker's log, Streams state), removed with everything in it when closed. */
public record TempDirectory(Path path) implements AutoCloseable {

    /** A new directory in the system's temporary directory. */
    public static TempDirectory create(String prefix) throws IOException {
        return new TempDirectory(Files.createTempDirectory(prefix));
    }

    /** A new directory in {@code parent}, which is created when missing. */
    public static TempDirectory create(Path parent, String prefix) throws IOException {
        return new TempDirectory(Files.createTempDirectory(Files.createDirectories(parent), prefix));
    }

    /** Removes the directory; again, or when it is gone, does nothing. */
    @Override
    public void close() {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(path)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return path.toString();
    }
}
