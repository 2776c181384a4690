package com.pricefeed.launcher.dlq;

import com.pricefeed.launcher.cli.KafkaOptions;
import com.pricefeed.launcher.cli.SettingsHelp;
import com.pricefeed.launcher.cli.StopOnShutdown;
import com.pricefeed.platform.config.ConfigException;
import com.pricefeed.platform.config.Env;
import com.pricefeed.platform.config.KafkaConnection;
import com.pricefeed.platform.config.SharedSettings;
import com.pricefeed.platform.kafka.KafkaAccess;
import com.pricefeed.schemas.tick.RejectReason;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/** {@code dlq}: prints the dead letters of {@code price-ticks-dlq} with their reasons. */
@Command(name = "dlq", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        modelTransformer = SettingsHelp.class,
        description = {
                "Prints the dead letters on price-ticks-dlq: where each is (partition@offset), when, the reason code "
                        + "and message from its headers, where it came from (source topic/partition@offset), its key "
                        + "and its value (as UTF-8 when it is, else as hex).",
                "",
                "Reads without a consumer group (assign and seek), so it commits nothing and disturbs no one.",
                ""},
        footer = {"",
                "Exit status: 0 when the topic was read; 1 when it is missing or Kafka does not answer; 2 for a usage "
                        + "or configuration error."})
public final class DlqCommand implements Callable<Integer> {

    private static final int BROKER_WAIT_MILLIS = 15_000;

    @Spec
    private CommandSpec spec;

    @Mixin
    private KafkaOptions kafka;

    @Option(names = "--from-beginning", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Start at the oldest dead letter kept (the default); --no-from-beginning starts at the end, for use with --follow.")
    private boolean fromBeginning;

    @Option(names = {"-f", "--follow"},
            description = "Keep waiting for new dead letters (Ctrl-C stops). Without it the command stops at the end found at start.")
    private boolean follow;

    @Option(names = {"-n", "--max"}, paramLabel = "N", description = "Stop after printing N dead letters. Default: no limit.")
    private long max;

    @Option(names = "--reason", paramLabel = "CODE", split = ",", converter = ReasonConverter.class,
            description = "Print only dead letters with this reason code (repeat or separate with commas; any case): "
                    + "${COMPLETION-CANDIDATES}.")
    private List<RejectReason> reasons = List.of();

    @Option(names = "--json", description = "One JSON object per line, every field in full, for scripts (fields: docs/operations.md).")
    private boolean json;

    @Option(names = {"-w", "--width"}, paramLabel = "CHARS", defaultValue = "160",
            description = "Cut keys and values to this many characters in the readable output; 0 shows all. Default: ${DEFAULT-VALUE}.")
    private int width;

    private final Env env;
    private volatile DeadLetterReader running;

    /** Reason codes in any case. */
    static final class ReasonConverter implements CommandLine.ITypeConverter<RejectReason> {
        @Override
        public RejectReason convert(String value) {
            String code = value.trim().toUpperCase(Locale.ROOT);
            return Arrays.stream(RejectReason.values()).filter(reason -> reason.name().equals(code)).findFirst()
                    .orElseThrow(() -> new CommandLine.TypeConversionException("\"" + value + "\" is not a reason code; the codes are "
                            + Arrays.stream(RejectReason.values()).map(Enum::name).collect(Collectors.joining(", "))));
        }
    }

    /** For the command line: defaults come from the process environment. */
    public DlqCommand() {
        this(Env.system());
    }

    /** @param env where the defaults of the options come from */
    DlqCommand(Env env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        KafkaConnection connection;
        String topicName;
        DeadLetterReader.Selection selection;
        try {
            connection = kafka.connection(env);
            topicName = kafka.topic(env, SharedSettings.TOPIC_PRICE_TICKS_DLQ);
            selection = selection();
        } catch (ConfigException e) {
            err.println("error: " + e.getMessage());
            return CommandLine.ExitCode.USAGE;
        }
        try (StopOnShutdown stop = StopOnShutdown.register("dlq-shutdown", this::stopRunning)) {
            return read(connection, topicName, selection, out, err);
        }
    }

    private int read(KafkaConnection connection, String topicName, DeadLetterReader.Selection selection, PrintWriter out,
                     PrintWriter err) {
        String servers = connection.bootstrapServers();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProperties(connection),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            DeadLetterReader reader = new DeadLetterReader(consumer, topicName);
            running = reader;
            DeadLetterReader.Result result = reader.read(selection, letter -> {
                if (json) {
                    out.println(DeadLetterFormat.json(letter));
                } else {
                    out.println(DeadLetterFormat.human(letter, width));
                }
                out.flush();
            });
            if (!json) {
                err.println("Shown " + result.shown() + " of " + result.read() + " dead letter(s) read from " + topicName + ".");
            }
            return CommandLine.ExitCode.OK;
        } catch (DlqFailure e) {
            err.println("error: " + e.getMessage() + " (Kafka at " + servers + ")");
            return CommandLine.ExitCode.SOFTWARE;
        } catch (TimeoutException e) {
            err.println("error: Kafka at " + servers + " did not answer: is it running? (set KAFKA_BOOTSTRAP_SERVERS or --bootstrap-servers)");
            return CommandLine.ExitCode.SOFTWARE;
        } catch (RuntimeException e) {
            err.println("error: " + KafkaAccess.refusal(e).orElseThrow(() -> e));
            return CommandLine.ExitCode.SOFTWARE;
        }
    }

    /** Ctrl-C ends a {@code --follow} cleanly: the consumer is closed and the counts printed before the JVM exits. */
    private void stopRunning() {
        DeadLetterReader reader = running;
        if (reader != null) {
            reader.stop();
        }
    }


    private DeadLetterReader.Selection selection() {
        if (max < 0) {
            throw new ConfigException("--max must be 0 or more, got " + max);
        }
        if (width < 0) {
            throw new ConfigException("--width must be 0 or more, got " + width);
        }
        Set<String> codes = reasons.stream().map(Enum::name).collect(Collectors.toSet());
        return new DeadLetterReader.Selection(fromBeginning, follow, max, codes);
    }

    private static Map<String, Object> consumerProperties(KafkaConnection connection) {
        return connection.consumer(Map.of(
                ConsumerConfig.CLIENT_ID_CONFIG, "dlq-reader",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, BROKER_WAIT_MILLIS));
    }
}
