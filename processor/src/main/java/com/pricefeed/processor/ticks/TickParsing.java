package com.pricefeed.processor.ticks;

import com.pricefeed.processor.dlq.DeadLetters;
import com.pricefeed.processor.dlq.DeadLetters.SourceCoordinates;
import com.pricefeed.processor.metrics.TickCounters;
import com.pricefeed.schemas.tick.ParseResult;
import com.pricefeed.schemas.tick.PriceTick;
import com.pricefeed.schemas.tick.TickParser;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorSupplier;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;

/**
 * The first step of the topology: every raw record of {@code price-ticks} becomes either a {@link ParsedTick.Valid}
 * or a {@link ParsedTick.Invalid} carrying the original value and the dead-letter headers, logged once at WARN and counted by reason. Nothing here throws for bad
 * input, so no record can stop the pipeline.
 */
public final class TickParsing implements FixedKeyProcessorSupplier<byte[], byte[], ParsedTick> {

    private static final Logger log = LoggerFactory.getLogger(TickParsing.class);

    private final TickParser parser;
    private final TickCounters counters;

    public TickParsing(TickParser parser, TickCounters counters) {
        this.parser = Objects.requireNonNull(parser, "parser");
        this.counters = Objects.requireNonNull(counters, "counters");
    }

    @Override
    public FixedKeyProcessor<byte[], byte[], ParsedTick> get() {
        return new Parse();
    }

    private final class Parse implements FixedKeyProcessor<byte[], byte[], ParsedTick> {

        private FixedKeyProcessorContext<byte[], ParsedTick> context;

        @Override
        public void init(FixedKeyProcessorContext<byte[], ParsedTick> context) {
            this.context = context;
        }

        @Override
        public void process(FixedKeyRecord<byte[], byte[]> record) {
            counters.received();
            ParseResult result = parser.parse(record.value());
            if (result instanceof ParseResult.Accepted accepted) {
                accept(record, accepted);
            } else {
                reject(record, (ParseResult.Rejected) result);
            }
        }

        private void accept(FixedKeyRecord<byte[], byte[]> record, ParseResult.Accepted accepted) {
            if (accepted.rounded()) {
                counters.rounded();
            }
            PriceTick tick = accepted.tick();
            int partition = context.recordMetadata().map(meta -> meta.partition()).orElse(-1);
            context.forward(record.<ParsedTick>withValue(new ParsedTick.Valid(tick, partition)));
        }

        private void reject(FixedKeyRecord<byte[], byte[]> record, ParseResult.Rejected rejection) {
            SourceCoordinates source = context.recordMetadata()
                    .map(meta -> new SourceCoordinates(meta.topic(), meta.partition(), meta.offset()))
                    .orElse(SourceCoordinates.UNKNOWN);
            counters.rejected(rejection.reason());
            log.warn("Dead-lettering record {}: {} ({})", source, rejection.reason(), rejection.message());
            context.forward(record.<ParsedTick>withValue(new ParsedTick.Invalid(record.value()))
                    .withHeaders(DeadLetters.headers(record.headers(), rejection, source)));
        }
    }
}
