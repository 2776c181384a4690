package com.pricefeed.processor.streams;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/**
 * Fails the stream thread when an output record cannot be serialized or sent: skipping it would lose an accepted
 * tick from {@code price-history}. Under exactly-once the open transaction aborts and the input is processed again
 * after the thread is replaced.
 */
public final class FailingProductionHandler implements ProductionExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(FailingProductionHandler.class);

    @Override
    public Response handleError(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record, Exception exception) {
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

    @Override
    public void configure(Map<String, ?> configs) {
    }
}
