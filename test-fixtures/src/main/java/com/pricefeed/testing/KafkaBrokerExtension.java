package com.pricefeed.testing;

import com.pricefeed.kafka.embedded.EmbeddedKafkaBroker;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.util.Map;

/**
 * One in-JVM Kafka broker ({@link EmbeddedKafkaBroker}) for all the tests of a class: started on a free port, in a
 * scratch directory of its own, before the class's first test; closed after its last, and the directory removed.
 * A test class holds it in a static field:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final KafkaBrokerExtension kafka = new KafkaBrokerExtension();
 * }</pre>
 *
 * JUnit runs its {@code beforeAll} before the class's own {@code @BeforeAll} methods and its {@code afterAll} after the
 * class's {@code @AfterAll} methods, so what those start on the broker (topics, clients, a service) comes up after it
 * and is stopped before it.
 */
public final class KafkaBrokerExtension implements BeforeAllCallback, AfterAllCallback {

    private final Map<String, String> brokerSettings;
    private TempDirectory logDir;
    private EmbeddedKafkaBroker broker;

    public KafkaBrokerExtension() {
        this(Map.of());
    }

    /**
     * A broker with some settings of its own, as {@link EmbeddedKafkaBroker#start(java.nio.file.Path, int, Map)}
     * takes them.
     */
    public KafkaBrokerExtension(Map<String, String> brokerSettings) {
        this.brokerSettings = Map.copyOf(brokerSettings);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        logDir = TempDirectory.create("kafka-");
        broker = EmbeddedKafkaBroker.start(logDir.path(), 0, brokerSettings);
    }

    /** Closes the broker and removes its directory; whichever of them {@link #beforeAll} got to start. */
    @Override
    public void afterAll(ExtensionContext context) {
        try {
            if (broker != null) {
                broker.close();
            }
        } finally {
            if (logDir != null) {
                logDir.close();
            }
        }
    }

    /** The broker, from before the class's first test to after its last (null outside that). */
    public EmbeddedKafkaBroker broker() {
        return broker;
    }

    public String bootstrapServers() {
        return broker().bootstrapServers();
    }
}
