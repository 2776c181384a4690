package com.pricefeed.sink.offsets;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Uuid;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The id Kafka gave each topic when it was created: a topic deleted and created again has the same name and a new id. */
public final class TopicIds implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final Admin admin;

    public TopicIds(Admin admin) {
        this.admin = admin;
    }

    /** The current id of each topic; throws when Kafka cannot say. */
    public Map<String, UUID> of(Collection<String> topics) {
        try {
            Map<String, TopicDescription> descriptions = admin.describeTopics(topics).allTopicNames()
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            Map<String, UUID> ids = new HashMap<>();
            descriptions.forEach((name, description) -> ids.put(name, asUuid(description.topicId())));
            return ids;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while reading the ids of " + topics, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Cannot read the ids of topics " + topics + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        admin.close(TIMEOUT);
    }

    private static UUID asUuid(Uuid id) {
        return new UUID(id.getMostSignificantBits(), id.getLeastSignificantBits());
    }
}
