package com.pricefeed.api.stream;

import java.io.IOException;

/**
 * Where one subscriber's events go, written without ever blocking: the SSE connection in production, a recorder in
 * unit tests. A write is made only while {@link #ready()}; once it answers false, the sink calls back the
 * subscriber's {@link Subscriber#resume()} when it can take more.
 */
interface EventSink {

    boolean ready();

    /** Queues one framed event or comment; only while {@link #ready()}. */
    void write(String frame) throws IOException;

    /** Starts sending what was written; only while {@link #ready()}. */
    void flush() throws IOException;

    /** Ends the connection at once, whatever is still unsent. */
    void close();
}
