package com.pricefeed.containertests;

import java.nio.file.Path;

/** The checkout these tests run in: the build passes its root as the system property {@code repository.root}. */
final class Repository {

    private static final Path ROOT = Path.of(System.getProperty("repository.root", "..")).toAbsolutePath().normalize();

    private Repository() {
    }

    static Path file(String relativePath) {
        return ROOT.resolve(relativePath);
    }
}
