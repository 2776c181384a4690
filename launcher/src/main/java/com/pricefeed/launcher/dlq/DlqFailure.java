package com.pricefeed.launcher.dlq;

/** A problem that ends the {@code dlq} command, with a message that tells the user what to do. */
final class DlqFailure extends RuntimeException {

    DlqFailure(String message) {
        super(message);
    }
}
