package com.pricefeed.containertests;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.ContainerState;
import org.testcontainers.containers.DockerComposeContainer;
import org.testcontainers.containers.output.OutputFrame;
import org.testcontainers.containers.wait.strategy.Wait;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * docker-compose.yml run by Testcontainers through the local {@code docker-compose}, as a user runs it with
 * {@code up --build}: the project's image built from this checkout's jars ({@code deploy/packaged.Dockerfile}), Kafka
 * and PostgreSQL from the stand-in images, each published port on a free port of this host. Started once every
 * service with a health check reports healthy; {@link #close} removes the containers, the network and the volumes.
 * Each service's output goes to {@code target/compose-logs/<service>.log}; an image an earlier run built and this
 * one replaced is removed.
 */
final class ComposeStack implements AutoCloseable {

    private static final List<String> HEALTH_CHECKED_SERVICES = List.of("kafka", "postgres", "processor", "sink", "api");
    private static final String UNCHECKED_SERVICE = "feed";
    private static final String DATABASE = "prices";
    private static final String DATABASE_USER = "postgres";
    private static final String DATABASE_PASSWORD = "prices";
    private static final Duration HEALTHY_WITHIN = Duration.ofMinutes(5);
    private static final Path LOGS = Path.of("target", "compose-logs");
    private static final String IMAGE = "price-processor:container-tests";

    private final DockerComposeContainer<?> compose;
    private final PublishedPorts ports;

    /** The host ports the stack publishes Kafka's external listener, PostgreSQL and the API on. */
    record PublishedPorts(int kafka, int postgres, int api) {

        static PublishedPorts free() {
            return new PublishedPorts(freePort(), freePort(), freePort());
        }
    }

    private ComposeStack(DockerComposeContainer<?> compose, PublishedPorts ports) {
        this.compose = compose;
        this.ports = ports;
    }

    static ComposeStack start() {
        StandinImages.build("kafka", "jre", "postgres-15");
        PublishedPorts ports = PublishedPorts.free();
        ComposeStack stack = new ComposeStack(compose(ports), ports);
        Optional<String> previousImage = imageId(IMAGE);
        try {
            stack.compose.start();
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
        previousImage.filter(id -> !imageId(IMAGE).equals(Optional.of(id))).ifPresent(ComposeStack::removeImage);
        return stack;
    }

    private static DockerComposeContainer<?> compose(PublishedPorts ports) {
        DockerComposeContainer<?> compose = new DockerComposeContainer<>("pricefeed", Repository.file("docker-compose.yml").toFile())
                .withEnv(StandinImages.variables())
                .withEnv("PRICE_PROCESSOR_DOCKERFILE", "deploy/packaged.Dockerfile")
                .withEnv("PRICE_PROCESSOR_IMAGE", IMAGE)
                .withEnv("KAFKA_PUBLISHED_PORT", String.valueOf(ports.kafka()))
                .withEnv("POSTGRES_PUBLISHED_PORT", String.valueOf(ports.postgres()))
                .withEnv("API_PUBLISHED_PORT", String.valueOf(ports.api()))
                .withBuild(true)
                .withPull(false)
                .withRemoveVolumes(true);
        for (String service : HEALTH_CHECKED_SERVICES) {
            compose.waitingFor(service, Wait.forHealthcheck().withStartupTimeout(HEALTHY_WITHIN))
                    .withLogConsumer(service, appendTo(LOGS.resolve(service + ".log")));
        }
        return compose.withLogConsumer(UNCHECKED_SERVICE, appendTo(LOGS.resolve(UNCHECKED_SERVICE + ".log")));
    }

    String kafkaBootstrapServers() {
        return "127.0.0.1:" + ports.kafka();
    }

    URI api(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + ports.api() + pathAndQuery);
    }

    Connection connectToDatabase() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + ports.postgres() + "/" + DATABASE,
                DATABASE_USER, DATABASE_PASSWORD);
    }

    /**
     * Restarts the service's container without a grace period (SIGKILL, as a crash) and returns when it runs again;
     * the returned time is when it started.
     */
    Instant crashAndRestart(String service) {
        String id = container(service).getContainerId();
        DockerClient docker = DockerClientFactory.instance().client();
        docker.restartContainerCmd(id).withTimeout(0).exec();
        return startedAt(service);
    }

    Instant startedAt(String service) {
        return Instant.parse(container(service).getCurrentContainerInfo().getState().getStartedAt());
    }

    private ContainerState container(String service) {
        return compose.getContainerByServiceName(service)
                .orElseThrow(() -> new IllegalArgumentException("No service " + service + " in docker-compose.yml"));
    }

    @Override
    public void close() {
        compose.stop();
    }

    private static Optional<String> imageId(String name) {
        try {
            return Optional.of(DockerClientFactory.instance().client().inspectImageCmd(name).exec().getId());
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    /** Removes the image an earlier run built, which this run's build replaced, unless something still uses it. */
    private static void removeImage(String id) {
        try {
            DockerClientFactory.instance().client().removeImageCmd(id).exec();
        } catch (ConflictException e) {
            // still used by a container or another image: it stays
        }
    }

    private static Consumer<OutputFrame> appendTo(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return frame -> {
            try {
                Files.writeString(file, frame.getUtf8String(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
