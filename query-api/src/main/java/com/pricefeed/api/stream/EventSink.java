package com.pricefeed.api.stream;

/** Where one subscriber's events go: the SSE connection in production, a recorder in unit tests. */
interface EventSink {

    void event(String name, String data, String id);

    void comment(String text);

    boolean terminated();

    void close();
}
