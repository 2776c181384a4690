package com.pricefeed.launcher.dlq;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pricefeed.schemas.json.Json;

import java.util.Objects;

/** How a dead letter is printed: a readable block for people, or one JSON object per line for scripts. */
final class DeadLetterFormat {

    private DeadLetterFormat() {
    }

    /**
     * For example:
     * <pre>
     * price-ticks-dlq/0@12  2026-11-24T14:35:00.123Z  PRICE_NOT_POSITIVE
     *   message  price must be positive, got -415.1000
     *   source   price-ticks/1@345
     *   key      MSFT
     *   value    {"symbol":"MSFT","price":"-415.10",…} (312 bytes)
     * </pre>
     *
     * @param width the most characters of the key and the value shown; 0 shows all
     */
    static String human(DeadLetter letter, int width) {
        String nl = System.lineSeparator();
        return letter.topic() + "/" + letter.partition() + "@" + letter.offset()
                + "  " + (letter.timestamp() == null ? "(no timestamp)" : letter.timestamp())
                + "  " + (letter.reason() == null ? "(no reason header)" : Payload.escapeControls(letter.reason())) + nl
                + "  message  " + (letter.message() == null ? "(none)" : Payload.escapeControls(letter.message())) + nl
                + "  source   " + source(letter) + nl
                + truncation(letter.truncation(), nl)
                + "  key      " + Payload.of(letter.key()).shown(width) + nl
                + "  value    " + Payload.of(letter.value()).shown(width) + nl;
    }

    /**
     * One line of JSON with every field, nothing cut: {@code topic, partition, offset, timestamp, reason, message,
     * source_topic, source_partition, source_offset, key, key_encoding, value, value_encoding}; absent ones are
     * {@code null}, encodings are {@code utf8} or {@code hex}. A dead letter that is not the whole record also has
     * {@code truncated, original_key_size, original_value_size}.
     */
    static String json(DeadLetter letter) {
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("topic", letter.topic());
        node.put("partition", letter.partition());
        node.put("offset", letter.offset());
        node.put("timestamp", letter.timestamp() == null ? null : letter.timestamp().toString());
        node.put("reason", letter.reason());
        node.put("message", letter.message());
        node.put("source_topic", letter.sourceTopic());
        node.put("source_partition", letter.sourcePartition());
        node.put("source_offset", letter.sourceOffset());
        DeadLetter.Truncation truncation = letter.truncation();
        if (truncation != null) {
            node.put("truncated", truncation.why());
            node.put("original_key_size", truncation.keySize());
            node.put("original_value_size", truncation.valueSize());
        }
        put(node, "key", Payload.of(letter.key()));
        put(node, "value", Payload.of(letter.value()));
        return node.toString();
    }

    private static void put(ObjectNode node, String name, Payload payload) {
        node.put(name, payload.text());
        node.put(name + "_encoding", payload.absent() ? null : payload.encoding());
    }

    /** A line only for a dead letter that is not the whole record. */
    private static String truncation(DeadLetter.Truncation truncation, String nl) {
        if (truncation == null) {
            return "";
        }
        return "  truncated  " + Payload.escapeControls(truncation.why()) + ": the key had "
                + Objects.requireNonNullElse(truncation.keySize(), "?") + " bytes, the value "
                + Objects.requireNonNullElse(truncation.valueSize(), "?") + nl;
    }

    private static String source(DeadLetter letter) {
        if (letter.sourceTopic() == null && letter.sourcePartition() == null && letter.sourceOffset() == null) {
            return "(unknown)";
        }
        return Payload.escapeControls(Objects.requireNonNullElse(letter.sourceTopic(), "?")) + "/"
                + Objects.requireNonNullElse(letter.sourcePartition(), "?") + "@"
                + Objects.requireNonNullElse(letter.sourceOffset(), "?");
    }
}
