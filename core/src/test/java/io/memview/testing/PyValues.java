package io.memview.testing;

import io.memview.Bytes;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The lossless encoding of Python values in the golden data, shared by every generator in {@code tools/cpython} and
 * every replaying test:
 * <table class="striped">
 *   <caption>Python value to JSON</caption>
 *   <tr><td>{@code None}</td><td>{@code null}</td></tr>
 *   <tr><td>{@code bool}</td><td>{@code true} / {@code false}</td></tr>
 *   <tr><td>{@code int}</td><td>{@code {"i": "123"}} (decimal string, any size)</td></tr>
 *   <tr><td>{@code float}</td><td>{@code {"f": "7ff8000000000000"}} (the IEEE 754 bits in hex: NaN payloads and -0.0 survive)</td></tr>
 *   <tr><td>{@code bytes}</td><td>{@code {"b": "61ff00"}} (hex)</td></tr>
 *   <tr><td>{@code str}</td><td>a JSON string</td></tr>
 *   <tr><td>{@code tuple}, {@code list}</td><td>a JSON array</td></tr>
 * </table>
 * Decoded, these are the Java values memview uses: {@code null}, {@code Boolean}, {@code Long} (a {@code BigInteger}
 * outside the long range), {@code Double}, {@link Bytes}, {@code String}, {@code List}.
 * {@link #same(Object, Object)} compares values exactly: same Java type, doubles by their bits.
 */
public final class PyValues {
    private PyValues() {}

    /** The Java value of a decoded JSON value in the encoding above. */
    public static Object decode(Object json) {
        return switch (json) {
            case null -> null;
            case Boolean b -> b;
            case String s -> s;
            case List<?> list -> {
                List<Object> out = new ArrayList<>(list.size());
                for (Object o : list) {
                    out.add(decode(o));
                }
                yield out;
            }
            case Map<?, ?> m when m.size() == 1 && m.containsKey("i") -> {
                BigInteger v = new BigInteger((String) m.get("i"));
                yield v.bitLength() <= 63 ? (Object) v.longValue() : v;
            }
            case Map<?, ?> m when m.size() == 1 && m.containsKey("f") ->
                    Double.longBitsToDouble(Long.parseUnsignedLong((String) m.get("f"), 16));
            case Map<?, ?> m when m.size() == 1 && m.containsKey("b") ->
                    Bytes.of(HexFormat.of().parseHex((String) m.get("b")));
            default -> throw new IllegalArgumentException("not an encoded Python value: " + json);
        };
    }

    /**
     * The JSON form of a Java value in the encoding above: the inverse of {@link #decode(Object)}, for comparing
     * memview's results with recorded ones as JSON trees ({@code Long} and {@code BigInteger} become
     * {@code {"i": ...}}, {@code Double} {@code {"f": bits}}, {@link Bytes} {@code {"b": hex}}).
     *
     * @throws IllegalArgumentException for a value that is not one of memview's Python values
     */
    public static Object encode(Object v) {
        return switch (v) {
            case null -> null;
            case Boolean b -> b;
            case String s -> s;
            case Long l -> Map.of("i", l.toString());
            case BigInteger b -> Map.of("i", b.toString());
            case Double d -> Map.of("f", String.format("%016x", Double.doubleToRawLongBits(d)));
            case Bytes b -> Map.of("b", b.hex());
            case List<?> l -> {
                List<Object> out = new ArrayList<>(l.size());
                for (Object o : l) {
                    out.add(encode(o));
                }
                yield out;
            }
            default -> throw new IllegalArgumentException("not a Python value: " + v + " ("
                    + v.getClass().getName() + ")");
        };
    }

    /** Whether {@code a} and {@code b} are the same value of the same type; doubles compare by their bits. */
    public static boolean same(Object a, Object b) {
        if (a instanceof Double x && b instanceof Double y) {
            return Double.doubleToRawLongBits(x) == Double.doubleToRawLongBits(y);
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!same(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a == null || b == null) {
            return a == b;
        }
        return a.getClass() == b.getClass() && Objects.equals(a, b);
    }

    /** A readable rendering for failure messages: Python-like, doubles with their bits. */
    public static String show(Object v) {
        return switch (v) {
            case null -> "None";
            case Double d -> d + "(0x" + Long.toHexString(Double.doubleToRawLongBits(d)) + ")";
            case List<?> l -> {
                StringBuilder b = new StringBuilder("[");
                for (int i = 0; i < l.size(); i++) {
                    b.append(i > 0 ? ", " : "").append(show(l.get(i)));
                }
                yield b.append(']').toString();
            }
            case String s -> "'" + s + "'";
            default -> v + ":" + v.getClass().getSimpleName();
        };
    }
}
