package com.pricefeed.api.stream;

import io.javalin.http.sse.SseClient;

/** An {@link EventSink} writing to a Javalin {@link SseClient}. */
final class SseEventSink implements EventSink {

    private final SseClient client;

    SseEventSink(SseClient client) {
        this.client = client;
    }

    @Override
    public void event(String name, String data, String id) {
        client.sendEvent(name, data, id);
    }

    @Override
    public void comment(String text) {
        client.sendComment(text);
    }

    @Override
    public boolean terminated() {
        return client.terminated();
    }

    @Override
    public void close() {
        client.close();
    }
}
