package com.pricefeed.launcher.dlq;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * A record's key or value as text: the bytes as UTF-8 when they are valid UTF-8, otherwise as hex.
 *
 * @param text     the decoded text or the hex digits; {@code null} when the record had no bytes at all
 * @param encoding {@code utf8} or {@code hex}
 * @param length   the number of bytes
 */
record Payload(String text, String encoding, int length) {

    static final String UTF8 = "utf8";
    static final String HEX = "hex";

    static Payload of(byte[] bytes) {
        if (bytes == null) {
            return new Payload(null, UTF8, 0);
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
            return new Payload(text, UTF8, bytes.length);
        } catch (CharacterCodingException e) {
            return new Payload(HexFormat.of().formatHex(bytes), HEX, bytes.length);
        }
    }

    boolean absent() {
        return text == null;
    }

    /**
     * For a terminal: control characters escaped (so a value cannot move the cursor or clear the screen), hex
     * prefixed with {@code hex:}, and cut to {@code width} characters with what was left out said; width 0 = all.
     */
    String shown(int width) {
        if (absent()) {
            return "(none)";
        }
        String body = HEX.equals(encoding) ? "hex:" + text : escapeControls(text);
        if (width <= 0 || body.codePointCount(0, body.length()) <= width) {
            return body;
        }
        int end = body.offsetByCodePoints(0, width);
        return body.substring(0, end) + "… (" + length + " bytes)";
    }

    static String escapeControls(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (Character.isISOControl(c)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
