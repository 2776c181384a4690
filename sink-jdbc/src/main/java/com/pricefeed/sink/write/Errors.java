package com.pricefeed.sink.write;

/** Failures put in words for logs, readiness and {@code sink_rejected_records}. */
public final class Errors {

    private Errors() {
    }

    /** The failure's message, followed by its root cause's when that is another exception. */
    public static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return root == e ? message : e.getMessage() + " (" + message + ")";
    }
}
