package com.pricefeed.schemas.tick;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of reading one publisher record: an accepted tick, an accepted lifecycle record (a delisting), or the
 * reason it was rejected.
 */
public sealed interface ParseResult {

    /**
     * @param tick          the normalized tick
     * @param roundedFields the JSON names of the fields that had more decimal places than their column and were
     *                      rounded HALF_EVEN; empty when nothing was rounded
     */
    record Accepted(PriceTick tick, List<String> roundedFields) implements ParseResult {
        public Accepted {
            Objects.requireNonNull(tick, "tick");
            roundedFields = List.copyOf(roundedFields);
        }

        public boolean rounded() {
            return !roundedFields.isEmpty();
        }
    }

    /** @param delisting the normalized lifecycle record */
    record Lifecycle(Delisting delisting) implements ParseResult {
        public Lifecycle {
            Objects.requireNonNull(delisting, "delisting");
        }
    }

    /**
     * @param reason  the machine-readable reason code
     * @param message what is wrong, for a human, naming the field and the offending value
     */
    record Rejected(RejectReason reason, String message) implements ParseResult {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(message, "message");
        }
    }
}
