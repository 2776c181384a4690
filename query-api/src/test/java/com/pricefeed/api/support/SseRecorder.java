package com.pricefeed.api.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;

/**
 * A real HTTP client following an event stream: records every line as it arrives and parses complete events, and
 * disconnects on {@link #close()} by cancelling the body subscription.
 */
public final class SseRecorder implements Flow.Subscriber<String>, AutoCloseable {

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private volatile Flow.Subscription subscription;
    private volatile boolean completed;

    public static SseRecorder connect(HttpClient client, URI uri, Map<String, String> headers) {
        SseRecorder recorder = new SseRecorder();
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream");
        headers.forEach(request::header);
        client.sendAsync(request.build(), HttpResponse.BodyHandlers.fromLineSubscriber(recorder));
        return recorder;
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    /** Complete events received so far, in order. */
    public List<Event> events() {
        List<Event> events = new ArrayList<>();
        String name = null;
        String id = null;
        StringBuilder data = new StringBuilder();
        for (String line : lines) {
            if (line.isEmpty()) {
                if (data.length() > 0) {
                    events.add(new Event(name, id, data.toString()));
                }
                name = null;
                id = null;
                data.setLength(0);
            } else if (line.startsWith("event:")) {
                name = line.substring(6).trim();
            } else if (line.startsWith("id:")) {
                id = line.substring(3).trim();
            } else if (line.startsWith("data:")) {
                data.append(line.substring(5).trim());
            }
        }
        return events;
    }

    public boolean completed() {
        return completed;
    }

    @Override
    public void onSubscribe(Flow.Subscription newSubscription) {
        subscription = newSubscription;
        newSubscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(String line) {
        lines.add(line);
    }

    @Override
    public void onError(Throwable throwable) {
        completed = true;
    }

    @Override
    public void onComplete() {
        completed = true;
    }

    @Override
    public void close() {
        Flow.Subscription current = subscription;
        if (current != null) {
            current.cancel();
        }
    }

    /** One server-sent event. */
    public record Event(String name, String id, String data) {
    }
}
