package com.pricefeed.processor.streams;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/**
 * Fails the stream thread on a record that cannot be deserialized. The topology reads {@code price-ticks} as raw bytes
 * and parses inside a processor (bad input goes to the dead-letter topic), and it writes its internal topics itself,
 * so reaching this handler means a bug or a foreign writer on an internal topic: stopping loudly beats skipping
 * silently.
 */
public final class FailingDeserializationHandler implements DeserializationExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(FailingDeserializationHandler.class);

    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
        log.error("Cannot deserialize record {}-{}@{} (processor {}, task {}); failing the stream thread",
                context.topic(), context.partition(), context.offset(), context.processorNodeId(), context.taskId(), exception);
        return Response.fail();
    }

    @Override
    public void configure(Map<String, ?> configs) {
    }
}
