package com.pricefeed.launcher.feed;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pricefeed.schemas.json.Json;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;

/**
 * Publishes real-looking ticks to {@code price-ticks} at a constant rate: a random walk per instrument, quoted by
 * the configured providers in turn, keyed by symbol, the way a publisher would.
 */
public final class SyntheticFeed implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SyntheticFeed.class);

    private final FeedConfig config;
    private final Clock clock;
    private final RandomGenerator random;
    private final List<Instrument> instruments;
    private final List<RandomWalk> walks = new ArrayList<>();
    private final AtomicLong published = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;

    public SyntheticFeed(FeedConfig config, Clock clock, RandomGenerator random) {
        this.config = config;
        this.clock = clock;
        this.random = random;
        this.instruments = Instrument.CATALOG.subList(0, config.symbols());
        for (Instrument instrument : instruments) {
            walks.add(new RandomWalk(instrument.startPrice(), random));
        }
        this.thread = new Thread(this::run, "synthetic-feed");
        this.thread.setDaemon(true);
    }

    public SyntheticFeed start() {
        thread.start();
        log.info("Synthetic feed publishing {} ticks/s over {} symbols from providers {} to {}",
                config.ticksPerSecond(), instruments.size(), config.providers(), config.topic());
        return this;
    }

    public long published() {
        return published.get();
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        try (Producer<String, byte[]> producer = new KafkaProducer<>(producerProperties(),
                new StringSerializer(), new ByteArraySerializer())) {
            long intervalNanos = TimeUnit.SECONDS.toNanos(1) / config.ticksPerSecond();
            long next = System.nanoTime();
            while (running) {
                int index = random.nextInt(instruments.size());
                producer.send(new ProducerRecord<>(config.topic(), instruments.get(index).symbol(), nextTick(index)), (metadata, error) -> {
                    if (error != null) {
                        log.warn("Feed could not publish a tick: {}", error.getMessage());
                    }
                });
                published.incrementAndGet();
                next += intervalNanos;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.error("Synthetic feed stopped", e);
        }
    }

    byte[] nextTick(int index) {
        Instrument instrument = instruments.get(index);
        RandomWalk walk = walks.get(index);
        walk.advance();
        ObjectNode tick = Json.mapper().createObjectNode();
        tick.put("symbol", instrument.symbol());
        tick.put("price", walk.price().toPlainString());
        tick.put("source_timestamp", clock.instant().toString());
        tick.put("provider", config.providers().get(random.nextInt(config.providers().size())));
        tick.put("volume", walk.volume());
        tick.put("open_price", walk.open().toPlainString());
        tick.put("high_price", walk.high().toPlainString());
        tick.put("low_price", walk.low().toPlainString());
        tick.put("previous_close", walk.previousClose().toPlainString());
        if (random.nextInt(10) == 0) {
            tick.put("company_name", instrument.companyName());
            BigDecimal marketCap = walk.price().multiply(BigDecimal.valueOf(instrument.sharesOutstanding()));
            tick.put("market_cap", marketCap.setScale(2, RoundingMode.HALF_EVEN).toPlainString());
        }
        return tick.toString().getBytes(StandardCharsets.UTF_8);
    }

    private Map<String, Object> producerProperties() {
        Map<String, Object> own = new HashMap<>(config.partitioner().producerProperties());
        own.putAll(Map.of(
                ProducerConfig.CLIENT_ID_CONFIG, "synthetic-feed",
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"));
        return config.kafka().producer(own);
    }
}
