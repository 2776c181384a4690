package com.pricefeed.platform.kafka;

import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TransactionalIdAuthorizationException;

import java.util.Optional;

/**
 * Kafka refusing who a client is or what it may do: no retry mends that, so a service says in one line what is
 * missing and stops (or reports not-ready with that line) instead of retrying in silence.
 */
public final class KafkaAccess {

    private static final String SEE = " (docs/security.md lists the ACLs of each service)";

    private KafkaAccess() {
    }

    /** The one-line reason when {@code failure} or one of its causes is a refusal of Kafka's, else empty. */
    public static Optional<String> refusal(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof AuthenticationException e) {
                return Optional.of("Kafka refused the sign-in: " + e.getMessage()
                        + " (check KAFKA_SASL_MECHANISM, KAFKA_SASL_JAAS_CONFIG and the TLS settings)");
            }
            if (cause instanceof AuthorizationException e) {
                return Optional.of(denied(e) + SEE);
            }
        }
        return Optional.empty();
    }

    private static String denied(AuthorizationException e) {
        if (e instanceof TopicAuthorizationException topics && !topics.unauthorizedTopics().isEmpty()) {
            return "Kafka denied access to topic(s) " + String.join(", ", topics.unauthorizedTopics());
        }
        if (e instanceof GroupAuthorizationException group && group.groupId() != null) {
            return "Kafka denied access to consumer group " + group.groupId();
        }
        if (e instanceof TransactionalIdAuthorizationException) {
            return "Kafka denied access to a transactional id: " + e.getMessage();
        }
        if (e instanceof ClusterAuthorizationException) {
            return "Kafka denied an operation on the cluster: " + e.getMessage();
        }
        return "Kafka denied access: " + e.getMessage();
    }
}
