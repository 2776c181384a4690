package com.pricefeed.systemtests;

import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import static org.apache.kafka.common.acl.AclOperation.ALTER_CONFIGS;
import static org.apache.kafka.common.acl.AclOperation.CREATE;
import static org.apache.kafka.common.acl.AclOperation.DELETE;
import static org.apache.kafka.common.acl.AclOperation.DESCRIBE_CONFIGS;
import static org.apache.kafka.common.acl.AclOperation.READ;
import static org.apache.kafka.common.acl.AclOperation.WRITE;
import static org.apache.kafka.common.resource.PatternType.LITERAL;
import static org.apache.kafka.common.resource.PatternType.PREFIXED;
import static org.apache.kafka.common.resource.ResourceType.GROUP;
import static org.apache.kafka.common.resource.ResourceType.TOPIC;
import static org.apache.kafka.common.resource.ResourceType.TRANSACTIONAL_ID;

/**
 * The Kafka ACLs each service's principal needs, and no more: what {@link SecuredClusterIT} grants, and what the table
 * of docs/security.md shows ({@link SecurityDocsTest} checks that they are the same). {@code READ} and {@code WRITE}
 * imply {@code DESCRIBE}, and {@code ALTER_CONFIGS} implies {@code DESCRIBE_CONFIGS}, in Kafka's authorizer.
 */
final class ServiceAcls {

    /** One grant: operations on a resource, by literal name or by prefix. */
    record Grant(ResourceType type, PatternType pattern, String name, List<AclOperation> operations) {
    }

    static final String PROCESSOR = "processor";
    static final String SINK = "sink";
    static final String FEED = "feed";
    static final String REPLAY = "replay";
    static final String DLQ = "dlq";

    private ServiceAcls() {
    }

    /** Every principal's grants with the default names (topics, application id, sink group). */
    static Map<String, List<Grant>> defaults() {
        return of("price-processor", "price-sink");
    }

    static Map<String, List<Grant>> of(String applicationId, String sinkGroup) {
        Map<String, List<Grant>> grants = new LinkedHashMap<>();
        grants.put(PROCESSOR, processor(applicationId));
        grants.put(SINK, List.of(
                new Grant(TOPIC, LITERAL, "price-history", List.of(READ)),
                new Grant(GROUP, LITERAL, sinkGroup, List.of(READ))));
        grants.put(FEED, List.of(new Grant(TOPIC, LITERAL, "price-ticks", List.of(WRITE))));
        grants.put(REPLAY, List.of(new Grant(TOPIC, LITERAL, "price-ticks", List.of(WRITE))));
        grants.put(DLQ, List.of(new Grant(TOPIC, LITERAL, "price-ticks-dlq", List.of(READ))));
        return grants;
    }

    /**
     * The processor creates the four topics when missing and reads the configuration of two; its internal topics
     * (repartition, changelogs), its consumer group and its transactional ids all carry the application id.
     */
    static List<Grant> processor(String applicationId) {
        return List.of(
                new Grant(TOPIC, LITERAL, "price-ticks", List.of(CREATE, READ)),
                new Grant(TOPIC, LITERAL, "price-ticks-dlq", List.of(CREATE, WRITE, DESCRIBE_CONFIGS)),
                new Grant(TOPIC, LITERAL, "price-history", List.of(CREATE, WRITE)),
                new Grant(TOPIC, LITERAL, "realtime-symbols", List.of(CREATE, WRITE, DESCRIBE_CONFIGS)),
                new Grant(TOPIC, PREFIXED, applicationId + "-", List.of(CREATE, READ, WRITE, DELETE, ALTER_CONFIGS)),
                new Grant(GROUP, LITERAL, applicationId, List.of(READ)),
                new Grant(TRANSACTIONAL_ID, PREFIXED, applicationId + "-", List.of(WRITE)));
    }

    static List<AclBinding> bindings(String user, List<Grant> grants) {
        List<AclBinding> bindings = new ArrayList<>();
        for (Grant grant : grants) {
            for (AclOperation operation : grant.operations()) {
                bindings.add(new AclBinding(new ResourcePattern(grant.type(), grant.name(), grant.pattern()),
                        new AccessControlEntry("User:" + user, "*", operation, AclPermissionType.ALLOW)));
            }
        }
        return bindings;
    }

    /** The Markdown table of docs/security.md. */
    static String markdownTable(Map<String, List<Grant>> grants) {
        StringBuilder table = new StringBuilder("| principal | resource | name | pattern | operations |\n| --- | --- | --- | --- | --- |\n");
        grants.forEach((principal, list) -> list.forEach(grant -> table.append("| `").append(principal).append("` | ")
                .append(lower(grant.type())).append(" | `").append(grant.name()).append("` | ")
                .append(lower(grant.pattern())).append(" | ")
                .append(grant.operations().stream().map(ServiceAcls::lower).collect(Collectors.joining(", ")))
                .append(" |\n")));
        return table.toString();
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
