package com.pricefeed.platform.ops;

/** A readiness check: whether the service can do its work right now, and if not, why. */
@FunctionalInterface
public interface Health {

    Status check();

    record Status(boolean ready, String detail) {
        public static Status up() {
            return new Status(true, "ok");
        }

        public static Status down(String detail) {
            return new Status(false, detail);
        }
    }
}
