package com.pricefeed.schemas.tick;

/**
 * The syntaxes a tick's numbers may have when written as JSON strings, checked by a scan instead of a regular
 * expression: matching the decimal pattern took about a fifth of the tick parser's time (a JFR profile of the
 * processor, issue #19). Digits are ASCII only, as in the JSON Schema: {@link java.math.BigDecimal} and
 * {@link java.math.BigInteger} alone would accept other scripts' digits. {@code NumberSyntaxTest} holds each scan to
 * its pattern.
 */
final class NumberSyntax {

    /** What {@link #isDecimal} accepts, as a pattern. */
    static final String DECIMAL = "[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?";
    /** What {@link #isWholeNumber} accepts, as a pattern. */
    static final String WHOLE_NUMBER = "-?[0-9]+";
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

    /** A whole number: {@value #WHOLE_NUMBER}. */
    static boolean isWholeNumber(String text) {
        return wholeNumberDigits(text) > 0;
    }

    /** Epoch milliseconds as a string: {@value #EPOCH_MILLIS}. */
    static boolean isEpochMillis(String text) {
        int count = wholeNumberDigits(text);
        return count > 0 && count <= 19;
    }

    /** The digits of {@code text} when it is a whole number, else 0. */
    private static int wholeNumberDigits(String text) {
        int start = skipSign(text, 0, false);
        int count = digits(text, start);
        return start + count == text.length() ? count : 0;
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
