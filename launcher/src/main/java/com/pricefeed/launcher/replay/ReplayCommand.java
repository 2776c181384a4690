package com.pricefeed.launcher.replay;

import com.pricefeed.launcher.cli.KafkaOptions;
import com.pricefeed.launcher.cli.PublishingPartitioner;
import com.pricefeed.launcher.cli.SettingsHelp;
import com.pricefeed.launcher.cli.StopOnShutdown;
import com.pricefeed.platform.config.ConfigException;
import com.pricefeed.platform.config.Env;
import com.pricefeed.platform.config.KafkaConnection;
import com.pricefeed.platform.config.Setting;
import com.pricefeed.platform.config.SharedSettings;
import com.pricefeed.platform.kafka.KafkaAccess;
import com.pricefeed.processor.ProcessorSettings;
import com.pricefeed.schemas.tick.TickParser;
import com.pricefeed.schemas.topic.SymbolPartitioner;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** {@code replay FILE.csv}: publishes historical ticks from a CSV file to {@code price-ticks}. */
@Command(name = "replay", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        modelTransformer = SettingsHelp.class,
        description = {
                "Publishes historical ticks from a CSV file to price-ticks, keyed by symbol: at their original pace, "
                        + "N times faster, or as fast as possible.",
                "",
                "The header row names tick fields: symbol, price, source_timestamp and provider (required), volume, "
                        + "open_price, high_price, low_price, previous_close, company_name, market_cap. Other columns "
                        + "are ignored; an empty cell leaves its field out; prices are sent as the exact text of the cell.",
                "",
                "Each row is first checked with the processor's own rules. A row that fails is reported with its line "
                        + "number and reason code and not sent, unless --send-invalid is given. Late ticks and "
                        + "duplicates pass that check: the processor keeps a late tick in history only and drops a "
                        + "duplicate.",
                ""},
        footer = {"",
                "A progress bar (rows, rate, time left) is drawn on standard error when it is a terminal. At the end a "
                        + "summary of rows read, published and rejected by reason code is printed on standard output.",
                "",
                "Exit status: 0 when every row sent was acknowledged; 1 when a send failed, Kafka does not answer, the "
                        + "topic is missing or the file cannot be read; 2 for a usage or configuration error."})
public final class ReplayCommand implements Callable<Integer> {

    /** The processor's own setting, so that the local check agrees with it. */
    private static final Setting<Duration> MAX_FUTURE_SKEW = ProcessorSettings.MAX_FUTURE_SKEW;
    private static final String CLASSPATH = "classpath:";
    private static final long BROKER_CHECK_SECONDS = 15;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE.csv",
            description = "The CSV file (UTF-8). - reads standard input; classpath:samples/ticks-sample.csv is the "
                    + "sample shipped in the jar (also in samples/ of the repository).")
    private String file;

    @Mixin
    private KafkaOptions kafka;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    private Pace pace = new Pace();

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    private InvalidRows invalidRows = new InvalidRows();

    @Option(names = "--max-future-skew", paramLabel = "DURATION", converter = SkewConverter.class,
            descriptionKey = "MAX_FUTURE_SKEW",
            description = "How far in the future a source_timestamp may lie before the local check rejects the row, as in "
                    + "the processor (250ms, 30s, 5m, 1h or PT5M).")
    private Duration maxFutureSkew;

    @Option(names = "--progress", negatable = true,
            description = "Draw the progress bar on standard error (--no-progress: never). Default: when it is a terminal.")
    private Boolean progress;

    private final Env env;
    private volatile TickReplay running;

    /** For the command line: defaults come from the process environment. */
    public ReplayCommand() {
        this(Env.system());
    }

    /** @param env where the defaults of the options come from */
    ReplayCommand(Env env) {
        this.env = env;
    }

    /** How fast; at most one of the two. */
    static final class Pace {
        @Option(names = "--speed", paramLabel = "N",
                description = "Replay N times faster than the gaps between source timestamps (0.5 = half speed). Default: 1, the original pace.")
        private double speed = 1;

        @Option(names = "--as-fast-as-possible", description = "Do not wait between ticks.")
        private boolean asFastAsPossible;
    }

    /** What happens to rows that fail the local check; at most one of the two. */
    static final class InvalidRows {
        /** Only names the default behaviour; {@link #send} decides. */
        @Option(names = "--skip-invalid", description = "Report rows that fail the local check and do not send them (the default).")
        private boolean skip = true;

        @Option(names = "--send-invalid",
                description = "Report rows that fail the local check and send them anyway, so that the processor dead-letters them to price-ticks-dlq (for demos).")
        private boolean send;
    }

    /** Parses durations the way the environment variables are parsed. */
    static final class SkewConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            try {
                return MAX_FUTURE_SKEW.parse("--max-future-skew", value);
            } catch (ConfigException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        Settings settings;
        try {
            settings = settings();
        } catch (ConfigException e) {
            err.println("error: " + e.getMessage());
            return CommandLine.ExitCode.USAGE;
        }
        Thread runner = Thread.currentThread();
        try (StopOnShutdown stop = StopOnShutdown.register("replay-shutdown", () -> stopRunning(runner))) {
            return replayReportingFailures(settings, err);
        }
    }

    private int replayReportingFailures(Settings settings, PrintWriter err) {
        try {
            return replay(settings);
        } catch (ReplayFailure e) {
            err.println("error: " + KafkaAccess.refusal(e).orElse(e.getMessage()));
            return CommandLine.ExitCode.SOFTWARE;
        } catch (NoSuchFileException e) {
            err.println("error: no such file: " + e.getFile());
            return CommandLine.ExitCode.SOFTWARE;
        } catch (IOException | UncheckedIOException e) {
            err.println("error: cannot read " + file + ": " + e.getMessage());
            return CommandLine.ExitCode.SOFTWARE;
        }
    }

    /** Ctrl-C (or SIGTERM) stops the replay after the current row; what was sent is flushed before the JVM exits. */
    private void stopRunning(Thread runner) {
        TickReplay replay = running;
        if (replay != null) {
            replay.stop();
            runner.interrupt();
        }
    }

    /**
     * Everything the replay needs, resolved from the options and the environment.
     *
     * @param speed       {@code null} for as fast as possible
     * @param partitioner {@code PRICE_TICKS_PARTITIONER}, or {@code null} to publish as the deployment recorded
     *                    ({@link PublishingPartitioner})
     */
    record Settings(KafkaConnection kafka, String topic, Double speed, boolean sendInvalid, Duration maxFutureSkew,
                    boolean progress, SymbolPartitioner partitioner) {
    }

    Settings settings() {
        if (pace.asFastAsPossible) {
            return resolved(null);
        }
        if (!(pace.speed > 0) || Double.isInfinite(pace.speed)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--speed must be a positive number, got " + pace.speed + " (use --as-fast-as-possible for no waiting)");
        }
        return resolved(pace.speed);
    }

    private Settings resolved(Double speed) {
        KafkaConnection connection = kafka.connection(env);
        String topicName = kafka.topic(env, SharedSettings.TOPIC_PRICE_TICKS);
        Duration skew = maxFutureSkew == null ? MAX_FUTURE_SKEW.read(env) : maxFutureSkew;
        boolean showProgress = progress == null ? System.console() != null : progress;
        return new Settings(connection, topicName, speed, invalidRows.send, skew, showProgress,
                SharedSettings.partitioner(env));
    }

    private int replay(Settings settings) throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (Reader reader = open(); TickCsv csv = TickCsv.open(reader)) {
            if (!csv.ignoredColumns().isEmpty()) {
                err.println("Ignoring column(s) that are not tick fields: " + String.join(", ", csv.ignoredColumns()));
            }
            requireTopic(settings);
            ProgressBar bar = settings.progress()
                    ? ProgressBar.shown(err, countRows(), System::nanoTime)
                    : ProgressBar.hidden(err);
            SymbolPartitioner partitioner = settings.partitioner() != null ? settings.partitioner()
                    : PublishingPartitioner.recorded(env, settings.kafka());
            try (Producer<String, byte[]> producer = new KafkaProducer<>(producerProperties(settings, partitioner),
                    new StringSerializer(), new ByteArraySerializer())) {
                TickReplay replay = new TickReplay(producer, settings.topic(),
                        new RowCheck(new TickParser(Clock.systemUTC(), settings.maxFutureSkew())), pacer(settings),
                        settings.sendInvalid(), bar, System::nanoTime);
                running = replay;
                ReplaySummary summary = replay.run(csv);
                running = null;
                out.print(summary.render(settings.topic()));
                out.flush();
                return summary.succeeded() ? CommandLine.ExitCode.OK : CommandLine.ExitCode.SOFTWARE;
            }
        }
    }

    private Reader open() throws IOException {
        if ("-".equals(file)) {
            return new InputStreamReader(System.in, StandardCharsets.UTF_8);
        }
        if (file.startsWith(CLASSPATH)) {
            InputStream resource = ReplayCommand.class.getClassLoader().getResourceAsStream(file.substring(CLASSPATH.length()));
            if (resource == null) {
                throw new NoSuchFileException(file);
            }
            return new InputStreamReader(resource, StandardCharsets.UTF_8);
        }
        return Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8);
    }

    /** Data rows in the input, for the progress bar: a quick first pass; unknown for standard input. */
    private long countRows() throws IOException {
        if ("-".equals(file)) {
            return ProgressBar.UNKNOWN_TOTAL;
        }
        try (Reader reader = open()) {
            return TickCsv.countRows(reader);
        }
    }

    private static Pacer pacer(Settings settings) {
        return settings.speed() == null
                ? Pacer.asFastAsPossible()
                : Pacer.scaled(settings.speed(), System::nanoTime, Sleeper.system());
    }

    /** Fails fast with an actionable message instead of letting the producer wait a minute for a missing topic. */
    private static void requireTopic(Settings settings) {
        String servers = settings.kafka().bootstrapServers();
        Admin admin = Admin.create(settings.kafka().admin(Map.of(AdminClientConfig.CLIENT_ID_CONFIG, "replay-topic-check")));
        try {
            admin.describeTopics(List.of(settings.topic())).allTopicNames().get(BROKER_CHECK_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                throw new ReplayFailure("topic " + settings.topic() + " does not exist on " + servers
                        + ": start the processor (or the demo), which creates it, or name another with --topic");
            }
            throw new ReplayFailure("cannot look up topic " + settings.topic() + " on " + servers
                    + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new ReplayFailure("Kafka at " + servers + " did not answer within "
                    + BROKER_CHECK_SECONDS + " s: is it running? (set KAFKA_BOOTSTRAP_SERVERS or --bootstrap-servers)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReplayFailure("interrupted while looking up topic " + settings.topic(), e);
        } finally {
            admin.close(Duration.ZERO);
        }
    }

    private static Map<String, Object> producerProperties(Settings settings, SymbolPartitioner partitioner) {
        Map<String, Object> own = new HashMap<>(partitioner.producerProperties());
        own.putAll(Map.of(
                ProducerConfig.CLIENT_ID_CONFIG, "replay",
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"));
        return settings.kafka().producer(own);
    }
}
