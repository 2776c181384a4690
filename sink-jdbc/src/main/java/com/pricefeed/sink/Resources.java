package com.pricefeed.sink;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.Deque;

/** What the sink opened, closed in reverse order of opening: what uses a resource closes before it. */
final class Resources {

    private static final Logger log = LoggerFactory.getLogger(Resources.class);

    private final Deque<AutoCloseable> opened = new ArrayDeque<>();

    <T extends AutoCloseable> T add(T resource) {
        opened.push(resource);
        return resource;
    }

    /** Closes everything, last opened first; a failure to close one is logged and the rest still close. */
    void closeAll() {
        while (!opened.isEmpty()) {
            AutoCloseable resource = opened.pop();
            try {
                resource.close();
            } catch (Exception e) {
                log.warn("Error while closing {}: {}", resource.getClass().getSimpleName(), e.toString());
            }
        }
    }
}
