package io.memview.npy;

import io.memview.internal.PyTypes;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict parser and printer for the small subset of Python literals that {@code .npy} headers use: strings, integers,
 * {@code True}/{@code False}/{@code None}, tuples, lists and dicts. Nothing is evaluated; anything else is refused. The
 * parser is linear in the input and limits nesting, so no header can make it slow or overflow the stack.
 *
 * <p>Parsed values: {@code String}, {@code BigInteger}, {@code Boolean}, {@link #NONE}, {@link Tuple},
 * {@code List<Object>} and {@code Map<Object, Object>} (insertion order, a repeated key keeps its last value, as in
 * Python).
 */
final class PyLiteral {
    /** Python's {@code None}. */
    static final Object NONE = new Object() {
        @Override
        public String toString() {
            return "None";
        }
    };

    /** A Python tuple (kept apart from lists, because {@code repr} differs and the header rules care). */
    record Tuple(List<Object> items) {
        Tuple {
            items = List.copyOf(items);
        }
    }

    private static final int MAX_DEPTH = 32;

    private final String s;
    private final boolean allowLongSuffix;
    private int i;

    private PyLiteral(String s, boolean allowLongSuffix) {
        this.s = s;
        this.allowLongSuffix = allowLongSuffix;
    }

    /**
     * Parses {@code text}, which must hold exactly one literal (surrounded by whitespace only).
     *
     * @param allowLongSuffix whether Python 2's {@code 10L} integers are accepted (headers of versions 1 and 2)
     * @throws IllegalArgumentException naming what is wrong and where
     */
    static Object parse(String text, boolean allowLongSuffix) {
        PyLiteral p = new PyLiteral(text, allowLongSuffix);
        Object v = p.value(0);
        p.space();
        if (p.i != text.length()) {
            throw p.error("unexpected " + p.describe() + " after the literal");
        }
        return v;
    }

    private Object value(int depth) {
        if (depth > MAX_DEPTH) {
            throw error("literal nested more than " + MAX_DEPTH + " deep");
        }
        space();
        if (i >= s.length()) {
            throw error("unexpected end of the header");
        }
        char c = s.charAt(i);
        return switch (c) {
            case '\'', '"' -> string();
            case '(' -> {
                i++;
                List<Object> items = new ArrayList<>();
                boolean comma = sequence(')', items, depth);
                yield items.size() == 1 && !comma ? items.getFirst() : new Tuple(items);
            }
            case '[' -> {
                i++;
                List<Object> items = new ArrayList<>();
                sequence(']', items, depth);
                yield items;
            }
            case '{' -> dict(depth);
            default -> {
                if (c == '-' || c == '+' || (c >= '0' && c <= '9')) {
                    yield integer();
                }
                if (Character.isLetter(c) || c == '_') {
                    int start = i;
                    while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) {
                        i++;
                    }
                    String word = s.substring(start, i);
                    yield switch (word) {
                        case "True" -> Boolean.TRUE;
                        case "False" -> Boolean.FALSE;
                        case "None" -> NONE;
                        default -> {
                            i = start;
                            throw error("name '" + word + "' is not a literal");
                        }
                    };
                }
                throw error("unexpected " + describe());
            }
        };
    }

    /** Items up to {@code close}; {@return whether a comma was seen} (which makes {@code (1,)} a tuple). */
    private boolean sequence(char close, List<Object> items, int depth) {
        boolean comma = false;
        while (true) {
            space();
            if (i < s.length() && s.charAt(i) == close) {
                i++;
                return comma;
            }
            items.add(value(depth + 1));
            space();
            if (i < s.length() && s.charAt(i) == ',') {
                i++;
                comma = true;
            } else if (i < s.length() && s.charAt(i) == close) {
                i++;
                return comma;
            } else {
                throw error("expected ',' or '" + close + "' but found " + describe());
            }
        }
    }

    private Map<Object, Object> dict(int depth) {
        i++;
        Map<Object, Object> m = new LinkedHashMap<>();
        while (true) {
            space();
            if (i < s.length() && s.charAt(i) == '}') {
                i++;
                return m;
            }
            Object key = value(depth + 1);
            if (key instanceof List<?> || key instanceof Map<?, ?>) {
                throw error("unhashable dict key");
            }
            space();
            if (i >= s.length() || s.charAt(i) != ':') {
                throw error("expected ':' but found " + describe());
            }
            i++;
            m.put(key, value(depth + 1));
            space();
            if (i < s.length() && s.charAt(i) == ',') {
                i++;
            } else if (i < s.length() && s.charAt(i) == '}') {
                i++;
                return m;
            } else {
                throw error("expected ',' or '}' but found " + describe());
            }
        }
    }

    private BigInteger integer() {
        int start = i;
        if (s.charAt(i) == '-' || s.charAt(i) == '+') {
            i++;
            space();
        }
        int digits = i;
        while (i < s.length() && ((s.charAt(i) >= '0' && s.charAt(i) <= '9') || s.charAt(i) == '_')) {
            i++;
        }
        String d = s.substring(digits, i).replace("_", "");
        if (d.isEmpty() || (d.length() > 1 && d.charAt(0) == '0' && !d.chars().allMatch(ch -> ch == '0'))) {
            i = start;
            throw error("bad integer literal");
        }
        if (d.length() > 40) {
            i = start;
            throw error("integer literal too long");
        }
        if (allowLongSuffix && i < s.length() && (s.charAt(i) == 'L' || s.charAt(i) == 'l')) {
            i++;
        }
        if (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '.')) {
            i = start;
            throw error("not an integer literal");
        }
        BigInteger v = new BigInteger(d);
        return s.charAt(start) == '-' ? v.negate() : v;
    }

    private String string() {
        char q = s.charAt(i++);
        StringBuilder b = new StringBuilder();
        while (true) {
            if (i >= s.length() || s.charAt(i) == '\n') {
                throw error("unterminated string literal");
            }
            char c = s.charAt(i++);
            if (c == q) {
                return b.toString();
            }
            if (c != '\\') {
                b.append(c);
                continue;
            }
            if (i >= s.length()) {
                throw error("unterminated string literal");
            }
            char e = s.charAt(i++);
            switch (e) {
                case '\\', '\'', '"' -> b.append(e);
                case 'n' -> b.append('\n');
                case 't' -> b.append('\t');
                case 'r' -> b.append('\r');
                case 'a' -> b.append('\u0007');
                case 'b' -> b.append('\b');
                case 'f' -> b.append('\f');
                case 'v' -> b.append('\u000b');
                case '0', '1', '2', '3', '4', '5', '6', '7' -> {
                    int v = e - '0';
                    for (int k = 0; k < 2 && i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '7'; k++) {
                        v = v * 8 + (s.charAt(i++) - '0');
                    }
                    b.append((char) v);
                }
                case 'x' -> b.appendCodePoint(hex(2));
                case 'u' -> b.appendCodePoint(hex(4));
                case 'U' -> {
                    int cp = hex(8);
                    if (cp > Character.MAX_CODE_POINT) {
                        throw error("bad \\U escape");
                    }
                    b.appendCodePoint(cp);
                }
                default -> b.append('\\').append(e); // Python keeps unknown escapes as they are
            }
        }
    }

    private int hex(int n) {
        if (i + n > s.length()) {
            throw error("truncated escape sequence");
        }
        int v = 0;
        for (int k = 0; k < n; k++) {
            int d = Character.digit(s.charAt(i++), 16);
            if (d < 0) {
                throw error("bad escape sequence");
            }
            v = v * 16 + d;
        }
        return v;
    }

    private void space() {
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
                i++;
            } else if (c == '\\' && i + 1 < s.length() && s.charAt(i + 1) == '\n') {
                i += 2;
            } else {
                return;
            }
        }
    }

    private String describe() {
        if (i >= s.length()) {
            return "end of the header";
        }
        char c = s.charAt(i);
        return c < 0x20 || c > 0x7e ? String.format("character U+%04X", (int) c) : "'" + c + "'";
    }

    /** {@return {@code repr(v)}, cut to 200 characters and {@code ...} when longer: for error messages} */
    static String brief(Object v) {
        return shorten(repr(v));
    }

    /** {@return {@code text} cut to 200 characters and {@code ...} when longer} */
    static String shorten(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException(what + " at character " + i);
    }

    // ------------------------------------------------------------------------------------------------ printing

    /** Python's {@code repr} of a parsed value. */
    static String repr(Object v) {
        StringBuilder b = new StringBuilder();
        repr(v, b);
        return b.toString();
    }

    private static void repr(Object v, StringBuilder b) {
        switch (v) {
            case String str -> reprString(str, b);
            case Boolean bool -> b.append(bool ? "True" : "False");
            case BigInteger n -> b.append(n);
            case Long n -> b.append(n);
            case Tuple t -> {
                b.append('(');
                for (int k = 0; k < t.items().size(); k++) {
                    if (k > 0) {
                        b.append(", ");
                    }
                    repr(t.items().get(k), b);
                }
                b.append(t.items().size() == 1 ? ",)" : ")");
            }
            case List<?> l -> {
                b.append('[');
                for (int k = 0; k < l.size(); k++) {
                    if (k > 0) {
                        b.append(", ");
                    }
                    repr(l.get(k), b);
                }
                b.append(']');
            }
            case Map<?, ?> m -> {
                b.append('{');
                boolean first = true;
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    if (!first) {
                        b.append(", ");
                    }
                    first = false;
                    repr(e.getKey(), b);
                    b.append(": ");
                    repr(e.getValue(), b);
                }
                b.append('}');
            }
            default -> b.append(v); // None
        }
    }

    /** Python's {@code repr(str)}: the one implementation the library's messages use too. */
    static void reprString(String str, StringBuilder b) {
        b.append(PyTypes.repr(str));
    }
}
