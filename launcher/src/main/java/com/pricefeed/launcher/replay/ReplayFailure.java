package com.pricefeed.launcher.replay;

/** A problem that ends a replay before or while it runs, with a message that tells the user what to do. */
final class ReplayFailure extends RuntimeException {

    ReplayFailure(String message) {
        super(message);
    }

    ReplayFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
