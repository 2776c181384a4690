package com.pricefeed.launcher.delist;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pricefeed.launcher.cli.KafkaOptions;
import com.pricefeed.launcher.cli.PublishingPartitioner;
import com.pricefeed.launcher.cli.SettingsHelp;
import com.pricefeed.platform.config.ConfigException;
import com.pricefeed.platform.config.Env;
import com.pricefeed.platform.config.KafkaConnection;
import com.pricefeed.platform.config.SharedSettings;
import com.pricefeed.platform.kafka.KafkaAccess;
import com.pricefeed.processor.ProcessorSettings;
import com.pricefeed.schemas.json.Json;
import com.pricefeed.schemas.tick.Delisting;
import com.pricefeed.schemas.tick.ParseResult;
import com.pricefeed.schemas.tick.TickParser;
import com.pricefeed.schemas.topic.SymbolPartitioner;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code delist SYMBOL [--at INSTANT] [--provider CODE]}: publishes the lifecycle record that delists a symbol to
 * {@code price-ticks}, keyed by the normalized symbol, as a publisher would. The record is checked first with the
 * processor's own parser, so what is sent is what the processor accepts.
 */
@Command(name = "delist", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        modelTransformer = SettingsHelp.class,
        description = {
                "Delists a symbol: publishes {\"symbol\":…,\"event\":\"delisted\",\"source_timestamp\":…,\"provider\":…} to "
                        + "price-ticks, keyed by the symbol, and prints what it sent.",
                "",
                "The processor takes the symbol off realtime-symbols and keeps its last price, when the delisting is not "
                        + "older than that price nor than a delisting already in force. Any tick newer than --at lists "
                        + "the symbol again.",
                ""},
        footer = {"",
                "Exit status: 0 when the broker acknowledged the record; 1 when the send failed, Kafka does not answer "
                        + "or the topic is missing; 2 for a usage or configuration error (an invalid symbol, provider or "
                        + "instant among them)."})
public final class DelistCommand implements Callable<Integer> {

    /** The provider code sent when none is given: a delisting by an operator rather than by a feed. */
    public static final String DEFAULT_PROVIDER = "admin";
    private static final long BROKER_CHECK_SECONDS = 15;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SYMBOL", description = "The symbol to delist (trimmed and upper-cased, as in a tick).")
    private String symbol;

    @Option(names = "--at", paramLabel = "INSTANT",
            description = "When the symbol stopped being listed, ISO-8601 with an offset (2026-12-06T12:00:00Z); the "
                    + "record's source_timestamp. Default: now.")
    private String at;

    @Option(names = "--provider", paramLabel = "CODE",
            description = "The provider code the delisting is sent under. Default: " + DEFAULT_PROVIDER + ".")
    private String provider = DEFAULT_PROVIDER;

    @Mixin
    private KafkaOptions kafka;

    private final Env env;
    private final Clock clock;

    /** For the command line: defaults come from the process environment. */
    public DelistCommand() {
        this(Env.system(), Clock.systemUTC());
    }

    /**
     * @param env   where the defaults of the options come from
     * @param clock what "now" is, for the default {@code --at} and the future-skew check
     */
    DelistCommand(Env env, Clock clock) {
        this.env = env;
        this.clock = clock;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        KafkaConnection connection;
        String topic;
        byte[] value;
        Delisting delisting;
        try {
            connection = kafka.connection(env);
            topic = kafka.topic(env, SharedSettings.TOPIC_PRICE_TICKS);
            value = lifecycleRecord();
            delisting = checked(value);
        } catch (ConfigException | IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return CommandLine.ExitCode.USAGE;
        }
        try {
            requireTopic(connection, topic);
            RecordMetadata sent = send(connection, PublishingPartitioner.of(env, connection), topic, delisting.symbol(), value);
            out.println("Delisted " + delisting.symbol() + " at " + delisting.delistedAt() + " (provider "
                    + delisting.provider() + "): sent to " + sent.topic() + " partition " + sent.partition() + " offset "
                    + sent.offset());
            out.println(new String(value, StandardCharsets.UTF_8));
            out.flush();
            return CommandLine.ExitCode.OK;
        } catch (DelistFailure e) {
            err.println("error: " + KafkaAccess.refusal(e).orElse(e.getMessage()));
            return CommandLine.ExitCode.SOFTWARE;
        }
    }

    /** The publisher JSON, with the symbol, provider and instant as given (the processor normalizes them). */
    private byte[] lifecycleRecord() {
        Instant when;
        try {
            when = at == null ? clock.instant().truncatedTo(ChronoUnit.MILLIS) : Instant.parse(at.trim());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("--at must be an ISO-8601 instant such as 2026-12-06T12:00:00Z, got " + at);
        }
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("symbol", symbol.trim().toUpperCase(java.util.Locale.ROOT));
        node.put("event", Delisting.EVENT);
        node.put("source_timestamp", when.toString());
        node.put("provider", provider.trim().toLowerCase(java.util.Locale.ROOT));
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The processor's own verdict on the record, with the skew it is configured with. */
    private Delisting checked(byte[] value) {
        Duration skew = ProcessorSettings.MAX_FUTURE_SKEW.read(env);
        ParseResult result = new TickParser(clock, skew).parse(value);
        if (result instanceof ParseResult.Lifecycle lifecycle) {
            return lifecycle.delisting();
        }
        if (result instanceof ParseResult.Rejected rejected) {
            throw new IllegalArgumentException("the processor would reject this delisting as " + rejected.reason() + ": "
                    + rejected.message());
        }
        throw new IllegalStateException("Not a lifecycle record: " + result);
    }

    private static RecordMetadata send(KafkaConnection connection, SymbolPartitioner partitioner, String topic, String key,
                                       byte[] value) {
        Map<String, Object> own = new HashMap<>(partitioner.producerProperties());
        own.putAll(Map.of(
                ProducerConfig.CLIENT_ID_CONFIG, "delist",
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 15_000));
        try (Producer<String, byte[]> producer = new KafkaProducer<>(connection.producer(own), new StringSerializer(),
                new ByteArraySerializer())) {
            return producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (ExecutionException e) {
            throw new DelistFailure("sending to " + topic + " failed: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DelistFailure("interrupted while sending to " + topic, e);
        }
    }

    /** Fails fast with an actionable message instead of letting the producer wait a minute for a missing topic. */
    private static void requireTopic(KafkaConnection connection, String topic) {
        String servers = connection.bootstrapServers();
        Admin admin = Admin.create(connection.admin(Map.of(AdminClientConfig.CLIENT_ID_CONFIG, "delist-topic-check")));
        try {
            admin.describeTopics(List.of(topic)).allTopicNames().get(BROKER_CHECK_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                throw new DelistFailure("topic " + topic + " does not exist on " + servers
                        + ": start the processor (or the demo), which creates it, or name another with --topic");
            }
            throw new DelistFailure("cannot look up topic " + topic + " on " + servers + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new DelistFailure("Kafka at " + servers + " did not answer within " + BROKER_CHECK_SECONDS
                    + " s: is it running? (set KAFKA_BOOTSTRAP_SERVERS or --bootstrap-servers)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DelistFailure("interrupted while looking up topic " + topic, e);
        } finally {
            admin.close(Duration.ZERO);
        }
    }

    /** A delisting that could not be sent: exit status 1. */
    static final class DelistFailure extends RuntimeException {
        DelistFailure(String message) {
            super(message);
        }

        DelistFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
