package com.pricefeed.api.stream;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/**
 * An {@link EventSink} over the servlet's non-blocking output: once the write listener is set, a write never waits for
 * the client, {@link #ready()} says whether the output can take more, and the container calls
 * {@link #onWritePossible()} when it can again. {@link #close()} ends the response without waiting either: a client
 * that reads nothing more is disconnected by the server's idle timeout, holding no thread meanwhile.
 */
final class ServletEventSink implements EventSink, WriteListener {

    private final ServletOutputStream output;
    private final Runnable onWritable;
    private final Runnable onGone;
    private final CompletableFuture<Void> closed = new CompletableFuture<>();

    private ServletEventSink(ServletOutputStream output, Runnable onWritable, Runnable onGone) {
        this.output = output;
        this.onWritable = onWritable;
        this.onGone = onGone;
    }

    /**
     * Answers the request with an event stream that stays open without a request thread: {@code onWritable} runs
     * whenever the output can take more again, {@code onGone} when the client is gone.
     */
    static ServletEventSink open(HttpServletRequest request, HttpServletResponse response, Runnable onWritable,
                                 Runnable onGone) throws IOException {
        response.setStatus(200);
        response.setCharacterEncoding("UTF-8");
        response.setContentType("text/event-stream");
        response.setHeader("Cache-Control", "no-cache");
        response.setHeader("X-Accel-Buffering", "no");
        AsyncContext async = request.startAsync();
        async.setTimeout(0);
        ServletEventSink sink = new ServletEventSink(response.getOutputStream(), onWritable, onGone);
        sink.output.setWriteListener(sink);
        return sink;
    }

    /** Completes when the stream is closed: the framework then ends the request. */
    CompletableFuture<Void> closed() {
        return closed;
    }

    @Override
    public boolean ready() {
        return output.isReady();
    }

    @Override
    public void write(String frame) throws IOException {
        output.write(frame.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void flush() throws IOException {
        output.flush();
    }

    @Override
    public void close() {
        // The framework ends the request on this completion; not on the caller's thread, which may hold the hub.
        closed.completeAsync(() -> null);
    }

    @Override
    public void onWritePossible() {
        onWritable.run();
    }

    @Override
    public void onError(Throwable failure) {
        onGone.run();
    }
}
