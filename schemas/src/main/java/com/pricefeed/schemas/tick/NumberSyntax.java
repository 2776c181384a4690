package com.pricefeed.schemas.tick;

/**
 * The syntaxes a tick's numbers may have when written as JSON strings, checked by a scan instead of a regular
 * expression: matching the decimal pattern took about a fifth of the tick parser's time (a JFR profile of the
 * processor, issue #19). {@code NumberSyntaxTest} holds each scan to its pattern.
 */
final class NumberSyntax {

    /** What {@link #isDecimal} accepts, as a pattern. */
    static final String DECIMAL = "[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?";
    /** What {@link #isEpochMillis} accepts, as a pattern. */
    static final String EPOCH_MILLIS = "-?[0-9]{1,19}";

    private NumberSyntax() {
    }

    /** A plain or scientific decimal: {@value #DECIMAL}. */
    static boolean isDecimal(String text) {
        int end = text.length();
        int i = skipSign(text, 0, true);
        int integerDigits = digits(text, i);
        i += integerDigits;
        int fractionDigits = 0;
        if (i < end && text.charAt(i) == '.') {
            fractionDigits = digits(text, ++i);
            i += fractionDigits;
        }
        if (integerDigits == 0 && fractionDigits == 0) {
            return false;
        }
        if (i < end && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
            i = skipSign(text, i + 1, true);
            int exponentDigits = digits(text, i);
            if (exponentDigits == 0) {
                return false;
            }
            i += exponentDigits;
        }
        return i == end;
    }

    /** Epoch milliseconds as a string: {@value #EPOCH_MILLIS}. */
    static boolean isEpochMillis(String text) {
        int start = skipSign(text, 0, false);
        int count = digits(text, start);
        return count >= 1 && count <= 19 && start + count == text.length();
    }

    private static int skipSign(String text, int at, boolean plusAllowed) {
        if (at < text.length() && (text.charAt(at) == '-' || (plusAllowed && text.charAt(at) == '+'))) {
            return at + 1;
        }
        return at;
    }

    private static int digits(String text, int from) {
        int i = from;
        while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
            i++;
        }
        return i - from;
    }
}
