package io.memview.internal;

import io.memview.Slice;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses a subscript in Python's syntax into the keys of {@code MemoryView.select(Object...)}: {@code Long}
 * indices ({@code BigInteger} beyond the long range), {@link Slice}s and {@link Slice#ELLIPSIS}. Grammar:
 * {@code ()} or items separated by commas (a trailing comma allowed, the whole optionally in parentheses), an item
 * being {@code ...}, an integer, or a slice
 * {@code [int]:[int][:[int]]}; integers are decimal without leading zeros (as Python's), may have a sign, digits may
 * be grouped with {@code _}, whitespace may surround
 * tokens. Errors name the offending character and its position.
 */
public final class Subscript {
    private final String text;
    private int pos;

    private Subscript(String text) {
        this.text = text;
    }

    /**
     * The keys of {@code subscript}.
     *
     * An index too large for a long is returned as a {@code BigInteger}, for select to refuse in order.
     *
     * @throws IllegalArgumentException {@code invalid subscript '1:a': unexpected 'a' at position 2}
     */
    public static Object[] parse(String subscript) {
        return new Subscript(subscript).keys();
    }

    /** Subscripts parsed before, by text: the same few subscripts tend to be used over and over. */
    private static final java.util.concurrent.ConcurrentHashMap<String, Object[]> PARSED =
            new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * {@link #parse}, remembered for subscripts of up to 64 characters (at most 512 of them, forgotten all at once
     * when full). The array is shared: the caller must only read it. Its keys are immutable ({@code Long},
     * {@code BigInteger}, {@link Slice}, the ellipsis); a subscript that does not parse is never remembered and
     * throws every time.
     */
    public static Object[] parseCached(String subscript) {
        Object[] keys = PARSED.get(subscript);
        if (keys == null) {
            keys = parse(subscript);
            if (subscript.length() <= 64) {
                if (PARSED.size() >= 512) {
                    PARSED.clear();
                }
                PARSED.putIfAbsent(subscript, keys);
            }
        }
        return keys;
    }

    private Object[] keys() {
        skipSpace();
        boolean parens = false;
        if (peek() == '(') {
            parens = true;
            pos++;
            skipSpace();
        }
        List<Object> keys = new ArrayList<>();
        if (parens && peek() == ')') {
            pos++;
            return end(keys);
        }
        if (!parens && atEnd()) {
            throw error("empty subscript", pos);
        }
        while (true) {
            keys.add(item());
            skipSpace();
            if (peek() == ',') {
                pos++;
                skipSpace();
                if (atEnd() || peek() == ')') {
                    break; // trailing comma
                }
                continue;
            }
            break;
        }
        if (parens) {
            if (peek() != ')') {
                throw unexpected();
            }
            pos++;
        }
        return end(keys);
    }

    private Object[] end(List<Object> keys) {
        skipSpace();
        if (!atEnd()) {
            throw unexpected();
        }
        return keys.toArray();
    }

    private Object item() {
        if (text.startsWith("...", pos)) {
            pos += 3;
            return Slice.ELLIPSIS;
        }
        BigInteger first = integerOrNull();
        skipSpace();
        if (peek() != ':') {
            if (first == null) {
                throw unexpected();
            }
            // An index beyond the long range stays a BigInteger: select refuses it in NumPy's order of checks.
            return first.bitLength() > 63 ? first : (Object) first.longValue();
        }
        pos++;
        skipSpace();
        BigInteger stop = integerOrNull();
        skipSpace();
        BigInteger step = null;
        if (peek() == ':') {
            pos++;
            skipSpace();
            step = integerOrNull();
        }
        return Slice.of(bound(first), bound(stop), step == null ? 1 : bound(step));
    }

    /** A slice bound: Python clamps integers beyond the index range. */
    private static Long bound(BigInteger v) {
        if (v == null) {
            return null;
        }
        if (v.bitLength() > 63) {
            return v.signum() < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        return v.longValue();
    }

    /** The integer at the current position, or null when none starts there. */
    private BigInteger integerOrNull() {
        int start = pos;
        char c = peek();
        if (c == '+' || c == '-') {
            pos++;
            skipSpace();
            c = peek();
            if (c < '0' || c > '9') {
                throw unexpected();
            }
        }
        if (c < '0' || c > '9') {
            pos = start;
            return null;
        }
        StringBuilder digits = new StringBuilder();
        if (text.charAt(start) == '-') {
            digits.append('-');
        }
        int firstDigit = pos;
        while (!atEnd()) {
            c = peek();
            if (c >= '0' && c <= '9') {
                digits.append(c);
            } else if (c == '_' && pos + 1 < text.length() && Character.isDigit(text.charAt(pos + 1))
                    && Character.isDigit(text.charAt(pos - 1))) {
                // digit grouping, as in Python literals
            } else {
                break;
            }
            pos++;
        }
        if (!atEnd() && (Character.isLetter(peek()) || peek() == '.')) {
            throw unexpected();
        }
        BigInteger value = new BigInteger(digits.toString());
        if (text.charAt(firstDigit) == '0' && value.signum() != 0) {
            // Python: 07 is a SyntaxError (0, 00 and 0_0 are fine)
            throw error("leading zeros in decimal integer literals are not permitted", firstDigit);
        }
        return value;
    }

    private void skipSpace() {
        while (!atEnd() && Character.isWhitespace(peek())) {
            pos++;
        }
    }

    private boolean atEnd() {
        return pos >= text.length();
    }

    private char peek() {
        return atEnd() ? '\0' : text.charAt(pos);
    }

    private IllegalArgumentException unexpected() {
        if (atEnd()) {
            return error("unexpected end", pos);
        }
        return error("unexpected '" + text.charAt(pos) + "'", pos);
    }

    private IllegalArgumentException error(String what, int at) {
        return new IllegalArgumentException("invalid subscript " + PyTypes.repr(text) + ": " + what + " at position "
                + at);
    }
}
