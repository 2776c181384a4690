package com.pricefeed.kafka.embedded;

import java.nio.file.Path;
import java.util.Map;

/**
 * The security of a broker started by {@link EmbeddedKafkaBroker#startSecured}: TLS material and the super user's
 * password. Clients reach the {@code SASL_SSL} listener with SCRAM-SHA-512; the controller listener, on loopback,
 * takes only the super user (SASL PLAIN), so that no anonymous connection is a super user anywhere.
 *
 * @param keyStore      PKCS12 key store with the broker's key and a certificate valid for 127.0.0.1
 * @param trustStore    PKCS12 trust store holding that certificate (the broker's own client side uses it)
 * @param storePassword the password of both stores and of the key
 * @param adminPassword the password of {@link #ADMIN}
 */
public record Secured(Path keyStore, Path trustStore, String storePassword, String adminPassword) {

    /** The super user: creates users, ACLs and topics for the tests. */
    public static final String ADMIN = "admin";
    public static final String MECHANISM = "SCRAM-SHA-512";

    @Override
    public String toString() {
        return "Secured[keyStore=" + keyStore + ", trustStore=" + trustStore + "]";
    }

    /** The JAAS line of a SCRAM client signing in as {@code user}. */
    public static String scramJaas(String user, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
                + "\" password=\"" + password + "\";";
    }

    /** The client properties of the super user. */
    public Map<String, String> adminClientProperties() {
        return clientProperties(ADMIN, adminPassword);
    }

    /** The client properties of {@code user}: SASL_SSL, SCRAM-SHA-512, this broker's trust store. */
    public Map<String, String> clientProperties(String user, String password) {
        return Map.of(
                "security.protocol", "SASL_SSL",
                "sasl.mechanism", MECHANISM,
                "sasl.jaas.config", scramJaas(user, password),
                "ssl.truststore.location", trustStore.toAbsolutePath().toString(),
                "ssl.truststore.type", "PKCS12",
                "ssl.truststore.password", storePassword);
    }

    String scramArgument() {
        return MECHANISM + "=[name=" + ADMIN + ",password=" + adminPassword + "]";
    }

    Map<String, String> brokerSettings(int brokerPort, int controllerPort) {
        String host = "127.0.0.1";
        return Map.ofEntries(
                Map.entry("listeners", "SASL_SSL://" + host + ":" + brokerPort + ",CONTROLLER://" + host + ":" + controllerPort),
                Map.entry("advertised.listeners", "SASL_SSL://" + host + ":" + brokerPort),
                Map.entry("listener.security.protocol.map", "SASL_SSL:SASL_SSL,CONTROLLER:SASL_PLAINTEXT"),
                Map.entry("inter.broker.listener.name", "SASL_SSL"),
                Map.entry("sasl.mechanism.inter.broker.protocol", MECHANISM),
                Map.entry("listener.name.sasl_ssl.sasl.enabled.mechanisms", MECHANISM),
                Map.entry("listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config", scramJaas(ADMIN, adminPassword)),
                Map.entry("sasl.mechanism.controller.protocol", "PLAIN"),
                Map.entry("listener.name.controller.sasl.enabled.mechanisms", "PLAIN"),
                Map.entry("listener.name.controller.plain.sasl.jaas.config",
                        "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + ADMIN
                                + "\" password=\"" + adminPassword + "\" user_" + ADMIN + "=\"" + adminPassword + "\";"),
                Map.entry("ssl.keystore.location", keyStore.toAbsolutePath().toString()),
                Map.entry("ssl.keystore.type", "PKCS12"),
                Map.entry("ssl.keystore.password", storePassword),
                Map.entry("ssl.key.password", storePassword),
                Map.entry("ssl.truststore.location", trustStore.toAbsolutePath().toString()),
                Map.entry("ssl.truststore.type", "PKCS12"),
                Map.entry("ssl.truststore.password", storePassword),
                Map.entry("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer"),
                Map.entry("allow.everyone.if.no.acl.found", "false"),
                Map.entry("super.users", "User:" + ADMIN));
    }
}
