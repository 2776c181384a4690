package com.pricefeed.processor.ticks;

import com.pricefeed.processor.dlq.DeadLetter;
import com.pricefeed.processor.dlq.DeadLetters;
import com.pricefeed.processor.dlq.DeadLetters.SourceCoordinates;
import com.pricefeed.processor.metrics.TickCounters;
import com.pricefeed.schemas.tick.ParseResult;
import com.pricefeed.schemas.tick.TickParser;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorSupplier;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;

/**
 * The first step of the topology: every raw record of {@code price-ticks} becomes either a {@link ParsedTick.Valid}
 * (a tick or a lifecycle record) without the publisher's headers (the outputs are new records, and a valid tick may
 * carry most of a megabyte of headers), or a {@link ParsedTick.Invalid} carrying its {@link DeadLetter}, logged once at
 * WARN and counted by reason. Nothing here throws for bad input, so no record can stop the pipeline.
 */
public final class TickParsing implements FixedKeyProcessorSupplier<byte[], byte[], ParsedTick> {

    private static final Logger log = LoggerFactory.getLogger(TickParsing.class);

    private final TickParser parser;
    private final DeadLetters deadLetters;
    private final TickCounters counters;

    public TickParsing(TickParser parser, DeadLetters deadLetters, TickCounters counters) {
        this.parser = Objects.requireNonNull(parser, "parser");
        this.deadLetters = Objects.requireNonNull(deadLetters, "deadLetters");
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
            } else if (result instanceof ParseResult.Lifecycle lifecycle) {
                forward(record, new SymbolInput.Delist(lifecycle.delisting()));
            } else {
                reject(record, (ParseResult.Rejected) result);
            }
        }

        private void accept(FixedKeyRecord<byte[], byte[]> record, ParseResult.Accepted accepted) {
            if (accepted.rounded()) {
                counters.rounded();
            }
            forward(record, new SymbolInput.Tick(accepted.tick()));
        }

        private void forward(FixedKeyRecord<byte[], byte[]> record, SymbolInput input) {
            int partition = context.recordMetadata().map(meta -> meta.partition()).orElse(-1);
            context.forward(record.<ParsedTick>withValue(new ParsedTick.Valid(input, partition)).withHeaders(new RecordHeaders()));
        }

        private void reject(FixedKeyRecord<byte[], byte[]> record, ParseResult.Rejected rejection) {
            SourceCoordinates source = context.recordMetadata()
                    .map(meta -> new SourceCoordinates(meta.topic(), meta.partition(), meta.offset()))
                    .orElse(SourceCoordinates.UNKNOWN);
            DeadLetter letter = deadLetters.of(record.key(), record.value(), record.headers(), rejection, source);
            counters.rejected(rejection.reason());
            if (letter.whole()) {
                log.warn("Dead-lettering record {}: {} ({})", source, rejection.reason(), DeadLetters.shown(rejection.message()));
            } else {
                counters.truncated(letter.truncation());
                log.warn("Dead-lettering record {} truncated ({}: key of {} bytes, value of {} bytes): {} ({})", source,
                        letter.truncation(), length(record.key()), length(record.value()), rejection.reason(),
                        DeadLetters.shown(rejection.message()));
            }
            context.forward(record.<ParsedTick>withValue(new ParsedTick.Invalid(letter.key(), letter.value()))
                    .withHeaders(letter.headers()));
        }
    }

    private static int length(byte[] bytes) {
        return bytes == null ? 0 : bytes.length;
    }
}
