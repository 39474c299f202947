package io.memview.examples;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.util.List;
import java.util.StringJoiner;

/**
 * Python's {@code print} for the tutorial ports: {@code str()} of the values memview returns, joined by spaces.
 * {@code None}, {@code True}/{@code False}, floats as Python's {@code repr} writes them, {@code long[]} shapes as
 * tuples, lists with their items' reprs; memview's own types ({@code Bytes}, {@code ByteArray}, {@code MemoryView},
 * …) already print as Python does.
 */
final class Py {
    private Py() {}

    static void print(PrintStream out, Object... values) {
        StringJoiner line = new StringJoiner(" ");
        for (Object v : values) {
            line.add(str(v));
        }
        out.println(line);
    }

    static String str(Object v) {
        return v instanceof String s ? s : repr(v);
    }

    static String repr(Object v) {
        return switch (v) {
            case null -> "None";
            case Boolean b -> b ? "True" : "False";
            case Double d -> floatRepr(d);
            case String s -> "'" + s + "'";
            case long[] tuple -> {
                StringJoiner j = new StringJoiner(", ", "(", tuple.length == 1 ? ",)" : ")");
                for (long x : tuple) {
                    j.add(Long.toString(x));
                }
                yield j.toString();
            }
            case List<?> list -> {
                StringJoiner j = new StringJoiner(", ", "[", "]");
                for (Object x : list) {
                    j.add(repr(x));
                }
                yield j.toString();
            }
            default -> v.toString();
        };
    }

    /** Python's {@code repr(float)}: the shortest round-tripping digits (as Java's), positional from 1e-4 to 1e16. */
    static String floatRepr(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == 0) {
            return 1 / d < 0 ? "-0.0" : "0.0";
        }
        BigDecimal b = new BigDecimal(Double.toString(d)).stripTrailingZeros();
        String digits = b.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - b.scale(); // d = digits[0].digits[1..] * 10^exponent
        String sign = d < 0 ? "-" : "";
        if (exponent >= -5 && exponent < 16) {
            String plain = b.abs().toPlainString();
            return sign + (plain.contains(".") ? plain : plain + ".0");
        }
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + String.format("%02d", Math.abs(exponent));
    }
}
