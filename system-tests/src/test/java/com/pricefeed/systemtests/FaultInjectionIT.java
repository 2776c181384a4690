package com.pricefeed.systemtests;

import com.pricefeed.schemas.history.HistoryRecord;
import com.pricefeed.schemas.tick.PriceTick;
import com.pricefeed.schemas.tick.TickIdentity;
import com.pricefeed.schemas.topic.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The exactly-once guarantee under real faults. The processor and the sink run as separate OS processes; a known
 * tick set is published while they are killed with SIGKILL and SIGTERM, the broker restarts, the database refuses
 * connections (and, with {@code -Dfaults.postgres.restart=true}, PostgreSQL itself restarts) and, in the soak,
 * instances join and leave. Every fault fires at a seeded random moment: once the database holds a random share of
 * the rows published so far. Then every accepted tick must be exactly one history row and every master row the
 * newest tick of its symbol, pointing at that tick's row, delisted exactly when one of the delistings published among
 * the ticks is newer than that tick (then since the newest of them).
 *
 * <p>Re-run a failure with {@code -Dfaults.seed=<the printed seed>}.
 */
class FaultInjectionIT {

    private static final Path LOGS = Path.of("target", "system-tests");

    @TempDir
    Path brokerDir;
    @TempDir
    Path workDir;

    @Test
    @DisplayName("every accepted tick becomes exactly one history row, every master row is the newest tick, delisted exactly when a newer delisting says so, and every bar summarizes the history exactly, whatever fails")
    void shouldWriteEveryAcceptedTickExactlyOnceAcrossKillsRestartsAndOutages() throws Exception {
        Scenario scenario = Scenario.fromSystemProperties();
        String seedProperty = System.getProperty("faults.seed", "");
        long seed = seedProperty.isBlank() ? System.nanoTime() : Long.parseLong(seedProperty);
        Random random = new Random(seed);
        TickSet ticks = TickSet.generate(seed, scenario.ticks(), scenario.symbols());
        List<Fault> faults = scenario.order(random);
        Path logDir = LOGS.resolve(scenario.name() + "-" + seed);
        log("scenario %s, seed %d (re-run with -Dfaults.seed=%d), %d ticks, %d accepted, faults %s, logs in %s",
                scenario.name(), seed, seed, ticks.size(), ticks.accepted().size(), faults, logDir.toAbsolutePath());
        long startedAt = System.nanoTime();

        try (Pipeline pipeline = new Pipeline(brokerDir, workDir, logDir, scenario.standbyReplicas());
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, pipeline.bootstrapServers()));
             KafkaProducer<byte[], byte[]> producer = producer(pipeline.bootstrapServers())) {
            Observations observe = new Observations(pipeline.database());
            pipeline.awaitReady(pipeline.startProcessor());
            pipeline.awaitReady(pipeline.startSink());

            int[] cuts = cuts(ticks.size(), faults.size() + 1, random);
            int produced = 0;
            for (int i = 0; i < cuts.length; i++) {
                Fault fault = i < faults.size() ? faults.get(i) : null;
                if (fault == Fault.SINK_SIGSTOP) {
                    // Its moment is a sink's next write, which the held lock makes wait: there must be one to come.
                    pipeline.holdHistoryWrites();
                }
                produce(producer, ticks.ticks().subList(produced, cuts[i]));
                produced = cuts[i];
                long due = ticks.acceptedAmongFirst(produced);
                pipeline.published(due);
                if (fault != null) {
                    if (fault != Fault.SINK_SIGSTOP) {
                        awaitRandomMoment(observe, due, random);
                    }
                    log("injecting %s at %d of %d published accepted ticks in history", fault, observe.historyRows(), due);
                    fault.inject(pipeline, random);
                }
            }

            int expected = ticks.accepted().size();
            await("history rows == " + expected + " and processor lag 0").atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                    .until(() -> observe.historyRows() >= expected && Observations.processorLag(admin, Pipeline.APPLICATION_ID) == 0);
            // A delisting writes no history row: the last ones may still be on their way to the sink. The verdict
            // says what is wrong if they never arrive.
            try {
                await("master rows delisted as expected").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                        .ignoreExceptions().until(() -> wrongDelistings(ticks, observe.delisted()).isEmpty());
            } catch (ConditionTimeoutException e) {
                log("master rows not delisted as expected after 60 s: %s", wrongDelistings(ticks, observe.delisted()));
            }
            long elapsedSeconds = Duration.ofNanos(System.nanoTime() - startedAt).toSeconds();

            Verdict verdict = verify(ticks, observe, pipeline);
            String summary = "FAULT SUITE %s seed=%d: ticks produced=%d, accepted expected=%d, invalid=%d, duplicates published=%d, delistings published=%d (symbols to end delisted=%d), poisons=%s, faults=%s, rows found=%d, duplicates found=%d, lost=%d, master rows wrong=%d, delisted wrong=%d, bars apart from history=%d, sink lag=%d, dead letters=%d (truncated %s), in %d s"
                    .formatted(scenario.name(), seed, ticks.size(), expected, ticks.invalid(), ticks.duplicates(),
                            ticks.delistings(), ticks.delisted().size(),
                            List.of(TickSet.Poison.values()), pipeline.faults(), verdict.rows(), verdict.duplicates(),
                            verdict.lost(), verdict.wrongMasters(), verdict.wrongDelistings().size(), verdict.barsApart(),
                            verdict.sinkLag(), verdict.deadLetters(), verdict.truncatedDeadLetters(), elapsedSeconds);
            log(summary);
            Files.createDirectories(logDir);
            Files.writeString(logDir.resolve("summary.txt"), summary + System.lineSeparator());
            verdict.assertClean(expected, ticks);
        }
    }

    private Verdict verify(TickSet ticks, Observations observe, Pipeline pipeline) throws Exception {
        List<TickIdentity> rows = observe.historyIdentities();
        Set<TickIdentity> found = new HashSet<>(rows);
        Set<TickIdentity> lost = new HashSet<>(ticks.accepted());
        lost.removeAll(found);
        Set<TickIdentity> unexpected = new HashSet<>(found);
        unexpected.removeAll(ticks.accepted());

        Map<String, Observations.Master> masters = observe.masters();
        List<String> wrongMasters = new ArrayList<>();
        for (Map.Entry<String, PriceTick> newest : ticks.newest().entrySet()) {
            Observations.Master master = masters.get(newest.getKey());
            TickIdentity expected = newest.getValue().identity();
            if (master == null || !expected.equals(master.shown()) || !expected.equals(master.pointedAt())) {
                wrongMasters.add(newest.getKey() + ": expected " + expected + ", found " + master);
            }
        }
        Set<String> extraMasters = new TreeSet<>(masters.keySet());
        extraMasters.removeAll(ticks.newest().keySet());
        extraMasters.forEach(symbol -> wrongMasters.add(symbol + ": a master row for a symbol with no accepted tick"));

        // The processor's output, read committed: exactly the accepted ticks, each once, whatever was killed.
        Observations.TopicContents history = Observations.readCommitted(pipeline.bootstrapServers(), Topics.PRICE_HISTORY);
        List<HistoryRecord> tickRecords = Observations.historyRecords(history);
        Map<TickIdentity, Long> inTopic = tickRecords.stream()
                .map(HistoryRecord::tick).map(PriceTick::identity)
                .collect(Collectors.groupingBy(identity -> identity, Collectors.counting()));
        Map<Integer, Long> positions = observe.sinkPositions(Pipeline.SINK_GROUP);
        long sinkLag = 0;
        for (Map.Entry<Integer, Long> last : history.lastOffsets().entrySet()) {
            sinkLag += last.getValue() + 1 - positions.getOrDefault(last.getKey(), 0L);
        }
        Observations.TopicContents deadLetters = Observations.readCommitted(pipeline.bootstrapServers(), Topics.PRICE_TICKS_DLQ);
        return new Verdict(rows.size(), observe.duplicateGroups(), lost, unexpected, wrongMasters,
                wrongDelistings(ticks, observe.delisted()), observe.barsApartFromHistory(), inTopic, tickRecords.size(),
                sinkLag, deadLetters.values().size(), deadLetters.truncated());
    }

    /** The symbols whose master row is delisted when it should not be, not when it should, or since another time. */
    private static List<String> wrongDelistings(TickSet ticks, Map<String, Instant> delisted) {
        List<String> wrong = new ArrayList<>();
        for (String symbol : ticks.newest().keySet()) {
            Instant expected = ticks.delisted().get(symbol);
            Instant found = delisted.get(symbol);
            if (!Objects.equals(expected, found)) {
                wrong.add(symbol + ": expected " + (expected == null ? "listed" : "delisted at " + expected)
                        + ", found " + (found == null ? "listed" : "delisted at " + found));
            }
        }
        return wrong;
    }

    record Verdict(long rows, long duplicates, Set<TickIdentity> lostTicks, Set<TickIdentity> unexpected,
                   List<String> wrongMasterRows, List<String> wrongDelistings, long barsApart, Map<TickIdentity, Long> topicCounts,
                   long topicRecords, long sinkLag, int deadLetters, Map<String, Long> truncatedDeadLetters) {

        int lost() {
            return lostTicks.size();
        }

        int wrongMasters() {
            return wrongMasterRows.size();
        }

        void assertClean(int expected, TickSet ticks) {
            assertThat(lostTicks).as("accepted ticks missing from history").isEmpty();
            assertThat(unexpected).as("history rows that are no accepted tick").isEmpty();
            assertThat(duplicates).as("ticks written to history more than once").isZero();
            assertThat(rows).as("history rows").isEqualTo(expected);
            assertThat(wrongMasterRows).as("master rows that are not the newest tick of their symbol or point elsewhere").isEmpty();
            assertThat(wrongDelistings).as("master rows delisted other than the delistings newer than their newest tick say").isEmpty();
            assertThat(barsApart).as("one-minute bars that disagree with the history rows they summarize").isZero();
            Set<TickIdentity> missingFromTopic = new HashSet<>(ticks.accepted());
            missingFromTopic.removeAll(topicCounts.keySet());
            assertThat(missingFromTopic).as("accepted ticks missing from price-history (%d records read)", topicRecords).isEmpty();
            assertThat(topicRecords).as("tick records in price-history").isEqualTo(expected);
            assertThat(sinkLag).as("price-history records after the sink's stored positions").isZero();
            assertThat(deadLetters).as("records in price-ticks-dlq").isEqualTo(ticks.invalid());
            assertThat(truncatedDeadLetters).as("dead letters written truncated, by dlq-truncated")
                    .isEqualTo(Map.of("TOO_LARGE", 1L));
        }
    }

    /** Waits until history holds a random share of the published accepted ticks it does not hold yet. */
    private static void awaitRandomMoment(Observations observe, long due, Random random) throws Exception {
        long before = observe.historyRows();
        long moment = before + (long) ((due - before) * (0.1 + 0.7 * random.nextDouble()));
        await("history rows >= " + moment).atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(100))
                .until(observe::historyRows, rows -> rows >= moment);
    }

    /** Sends the ticks and waits until each is acknowledged; a failed send is sent again (the processor drops duplicates). */
    private static void produce(KafkaProducer<byte[], byte[]> producer, List<TickSet.Tick> ticks) {
        List<TickSet.Tick> pending = ticks;
        for (int attempt = 1; !pending.isEmpty(); attempt++) {
            assertThat(attempt).as("attempts to publish %d ticks", ticks.size()).isLessThanOrEqualTo(5);
            ConcurrentLinkedQueue<TickSet.Tick> failed = new ConcurrentLinkedQueue<>();
            for (TickSet.Tick tick : pending) {
                producer.send(new ProducerRecord<>(Topics.PRICE_TICKS, null, null, tick.key(), tick.value(),
                        new RecordHeaders(tick.headers())), (metadata, error) -> {
                    if (error != null) {
                        failed.add(tick);
                    }
                });
            }
            producer.flush();
            pending = new ArrayList<>(failed);
        }
    }

    private static KafkaProducer<byte[], byte[]> producer(String bootstrapServers) {
        Map<String, Object> properties = new HashMap<>();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        properties.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        properties.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 2 * TickSet.BROKER_RECORD_LIMIT);
        return new KafkaProducer<>(properties, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** {@code parts} increasing end indexes, the last one {@code total}, each part at least a tenth of an even share. */
    private static int[] cuts(int total, int parts, Random random) {
        double[] weights = random.doubles(parts, 0.1, 1.0).toArray();
        double sum = java.util.Arrays.stream(weights).sum();
        int[] cuts = new int[parts];
        double acc = 0;
        for (int i = 0; i < parts; i++) {
            acc += weights[i];
            cuts[i] = i == parts - 1 ? total : (int) Math.round(total * acc / sum);
        }
        return cuts;
    }

    private static void log(String format, Object... args) {
        System.out.printf("[fault-suite %tT] %s%n", System.currentTimeMillis(), args.length == 0 ? format : format.formatted(args));
    }
}
