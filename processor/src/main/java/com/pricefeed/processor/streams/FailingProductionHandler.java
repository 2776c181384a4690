package com.pricefeed.processor.streams;

import com.pricefeed.processor.dlq.RefusedDeadLetters;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.Objects;

/**
 * Fails the stream thread when an output record cannot be serialized or sent: skipping it would lose an accepted
 * tick from {@code price-history}. Under exactly-once the open transaction aborts and the input is processed again
 * after the thread is replaced.
 *
 * <p>A dead letter the broker refuses for good (not a retriable error) is remembered in {@link RefusedDeadLetters}
 * first, so that processing it again writes a reference to the record instead and the partition moves on: one retry,
 * never a loop.
 */
public final class FailingProductionHandler implements ProductionExceptionHandler {

    /** The Streams property that carries the shared {@link RefusedDeadLetters}. */
    public static final String REFUSED_DEAD_LETTERS_CONFIG = "pricefeed.refused.dead.letters";

    private static final Logger log = LoggerFactory.getLogger(FailingProductionHandler.class);

    private RefusedDeadLetters refused;

    @Override
    public void configure(Map<String, ?> configs) {
        refused = Objects.requireNonNull((RefusedDeadLetters) configs.get(REFUSED_DEAD_LETTERS_CONFIG),
                REFUSED_DEAD_LETTERS_CONFIG + " must be set");
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record, Exception exception) {
        if (!(exception instanceof RetriableException)) {
            var source = refused.remember(record);
            if (source.isPresent()) {
                log.error("The broker refused the dead letter of {} ({}); failing the stream thread, the next attempt "
                        + "writes only a reference to the record", source.get(), exception.toString());
                return Response.fail();
            }
        }
        log.error("Cannot send a record to topic {} while processing {}-{}@{} (processor {}); failing the stream thread",
                record.topic(), context.topic(), context.partition(), context.offset(), context.processorNodeId(), exception);
        return Response.fail();
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Response handleSerializationError(ErrorHandlerContext context, ProducerRecord record, Exception exception,
                                             SerializationExceptionOrigin origin) {
        log.error("Cannot serialize the {} of a record for topic {} while processing {}-{}@{} (processor {}); failing the stream thread",
                origin, record.topic(), context.topic(), context.partition(), context.offset(), context.processorNodeId(), exception);
        return Response.fail();
    }
}
