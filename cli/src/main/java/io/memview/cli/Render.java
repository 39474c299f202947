package io.memview.cli;

import io.memview.Bytes;
import io.memview.MemoryView;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders views and values: NumPy-style text ({@code str(array)}: aligned columns, {@code ...} past a threshold,
 * lines wrapped at 75 characters), JSON and CSV (every value, streamed), and Python's {@code repr} of single values.
 */
final class Render {
    private Render() {}

    static final int LINE_WIDTH = 75;
    private static final Object GAP = new Object();

    // ------------------------------------------------------------------------------------------------- NumPy str

    /** {@code str(array)} as NumPy prints it, summarised when the view has more than {@code threshold} items. */
    static String numpy(MemoryView v, long threshold, int edge) {
        if (v.ndim() == 0) {
            Object item = v.get();
            return columnsFor(List.of(item), v.format()).format(item);
        }
        long n = 1;
        for (long d : v.shape()) {
            n = Math.multiplyExact(n, d);
        }
        boolean summarise = n > threshold;
        if (n == 0) {
            return "[]".repeat(1);
        }
        long[] idx = new long[v.ndim()];
        Object tree = collect(v, 0, idx, summarise, edge);
        List<Object> leaves = new ArrayList<>();
        flatten(tree, leaves);
        Formatter f = columnsFor(leaves, v.format());
        StringBuilder out = new StringBuilder();
        render(tree, 0, v.ndim(), f, out);
        return out.toString();
    }

    private static Object collect(MemoryView v, int depth, long[] idx, boolean summarise, int edge) {
        long n = v.shape()[depth];
        List<Object> out = new ArrayList<>();
        boolean cut = summarise && n > 2L * edge;
        for (long i = 0; i < n; i++) {
            if (cut && i == edge) {
                out.add(GAP);
                i = n - edge - 1;
                continue;
            }
            idx[depth] = i;
            out.add(depth == idx.length - 1 ? v.get(idx) : collect(v, depth + 1, idx, summarise, edge));
        }
        return new Node(out);
    }

    private record Node(List<Object> items) {}

    private static void flatten(Object t, List<Object> out) {
        if (t instanceof Node node) {
            for (Object o : node.items) {
                flatten(o, out);
            }
        } else if (t != GAP) {
            out.add(t);
        }
    }

    private static void render(Object t, int depth, int ndim, Formatter f, StringBuilder out) {
        List<Object> items = ((Node) t).items;
        if (depth == ndim - 1) {
            StringBuilder line = new StringBuilder("[");
            int col = depth + 1;
            String indent = " ".repeat(depth + 1);
            for (int k = 0; k < items.size(); k++) {
                String word = items.get(k) == GAP ? "..." : f.format(items.get(k));
                if (k > 0) {
                    // NumPy's _formatArray: a word wraps when it would pass the width less one per enclosing bracket
                    // and one for the closing ']'
                    if (col + 1 + word.length() > LINE_WIDTH - depth - 1) {
                        while (line.charAt(line.length() - 1) == ' ') {
                            line.setLength(line.length() - 1);
                        }
                        line.append('\n').append(indent);
                        col = depth + 1;
                    } else {
                        line.append(' ');
                        col++;
                    }
                }
                line.append(word);
                col += word.length();
            }
            out.append(line).append(']');
            return;
        }
        out.append('[');
        String sep = "\n".repeat(ndim - depth - 1) + " ".repeat(depth + 1);
        for (int k = 0; k < items.size(); k++) {
            if (k > 0) {
                out.append(sep);
            }
            if (items.get(k) == GAP) {
                out.append("...");
            } else {
                render(items.get(k), depth + 1, ndim, f, out);
            }
        }
        out.append(']');
    }

    // ------------------------------------------------------------------------------------------------ formatters

    /** Formats one displayed item, padded to its column's width. */
    interface Formatter {
        String format(Object item);
    }

    /** The formatter for {@code items} of {@code format}: one per field for records, padded per column. */
    static Formatter columnsFor(List<Object> items, String format) {
        List<Character> codes = valueCodes(format);
        boolean records = !items.isEmpty() && items.getFirst() instanceof List<?>;
        if (!records) {
            return scalarFormatter(items, codes.isEmpty() ? 'd' : codes.getFirst());
        }
        int width = ((List<?>) items.getFirst()).size();
        List<Formatter> cols = new ArrayList<>();
        for (int c = 0; c < width; c++) {
            List<Object> col = new ArrayList<>();
            for (Object it : items) {
                col.add(((List<?>) it).get(c));
            }
            cols.add(scalarFormatter(col, c < codes.size() ? codes.get(c) : 'd'));
        }
        return item -> {
            List<?> l = (List<?>) item;
            StringBuilder b = new StringBuilder("(");
            for (int c = 0; c < l.size(); c++) {
                b.append(c > 0 ? ", " : "").append(cols.get(c).format(l.get(c)));
            }
            return b.append(l.size() == 1 ? ",)" : ")").toString();
        };
    }

    private static Formatter scalarFormatter(List<Object> values, char code) {
        if (!values.isEmpty() && values.stream().allMatch(x -> x instanceof Double)) {
            return new FloatFormat(values.stream().mapToDouble(x -> (Double) x).toArray(), code);
        }
        if (!values.isEmpty() && values.stream().allMatch(x -> x instanceof Bytes)) {
            return x -> repr(stripNuls((Bytes) x)); // as NumPy shows 'S' items: trailing NULs dropped, no padding
        }
        int w = 0;
        for (Object x : values) {
            w = Math.max(w, repr(x).length());
        }
        int width = w;
        return x -> pad(repr(x), width);
    }

    private static Bytes stripNuls(Bytes b) {
        byte[] a = b.toByteArray();
        int n = a.length;
        while (n > 0 && a[n - 1] == 0) {
            n--;
        }
        return n == a.length ? b : Bytes.of(java.util.Arrays.copyOf(a, n));
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : " ".repeat(width - s.length()) + s;
    }

    /** The struct codes of the values of one item of {@code format}, in order ({@code 's'} for a string). */
    static List<Character> valueCodes(String format) {
        List<Character> out = new ArrayList<>();
        long count = -1;
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (Character.isDigit(c)) {
                count = (count < 0 ? 0 : count) * 10 + (c - '0');
                if (count > 1 << 20) {
                    return out;
                }
                continue;
            }
            if ("<>!=@ \t\n".indexOf(c) >= 0 || c == 'x') {
                count = -1;
                continue;
            }
            long n = c == 's' || c == 'p' ? 1 : count < 0 ? 1 : count;
            for (long k = 0; k < n && out.size() < 1 << 16; k++) {
                out.add(c);
            }
            count = -1;
        }
        return out;
    }

    /** NumPy's float formatting (floatmode 'maxprec', precision 8): shared padding, positional or scientific. */
    static final class FloatFormat implements Formatter {
        private static final int PRECISION = 8;
        private final char code;
        private final boolean exp;
        private int padLeft;
        private int padRight;
        private int expSize;

        FloatFormat(double[] values, char code) {
            this.code = code;
            double max = 0;
            double min = Double.POSITIVE_INFINITY;
            boolean finite = false;
            boolean anyNonFinite = false;
            boolean negInf = false;
            for (double x : values) {
                if (Double.isFinite(x)) {
                    finite = true;
                    double a = Math.abs(x);
                    if (a != 0) {
                        max = Math.max(max, a);
                        min = Math.min(min, a);
                    }
                } else {
                    anyNonFinite = true;
                    negInf |= x == Double.NEGATIVE_INFINITY;
                }
            }
            exp = max != 0 && (max >= 1e8 || min < 1e-4 || max / min > 1e3);
            for (double x : values) {
                if (!Double.isFinite(x)) {
                    continue;
                }
                String s = exp ? scientific(x, -1, 0) : positional(x);
                if (exp) {
                    int e = s.indexOf('e');
                    String mant = s.substring(0, e);
                    int dot = mant.indexOf('.');
                    padLeft = Math.max(padLeft, dot);
                    padRight = Math.max(padRight, mant.length() - dot - 1);
                    expSize = Math.max(expSize, s.length() - e - 2);
                } else {
                    int dot = s.indexOf('.');
                    padLeft = Math.max(padLeft, dot);
                    padRight = Math.max(padRight, s.length() - dot - 1);
                }
            }
            if (anyNonFinite) {
                int offset = padRight + 1;
                padLeft = Math.max(padLeft, Math.max(3 - offset, 3 + (negInf ? 1 : 0) - offset));
            }
            if (!finite) {
                padRight = 0;
            }
        }

        @Override
        public String format(Object item) {
            double x = (Double) item;
            if (!Double.isFinite(x)) {
                String s = Double.isNaN(x) ? "nan" : x > 0 ? "inf" : "-inf";
                int w = padLeft + padRight + 1 + (exp ? expSize + 2 : 0);
                return " ".repeat(Math.max(0, w - s.length())) + s;
            }
            String s;
            if (exp) {
                s = scientific(x, padRight, expSize);
                int dot = s.indexOf('.');
                return " ".repeat(Math.max(0, padLeft - dot)) + s;
            }
            s = positional(x);
            int dot = s.indexOf('.');
            int frac = s.length() - dot - 1;
            return " ".repeat(Math.max(0, padLeft - dot)) + s + " ".repeat(Math.max(0, padRight - frac));
        }

        /** The shortest decimal that reads back as the same value of this item's float type. */
        private BigDecimal shortest(double x) {
            double a = Math.abs(x);
            if (a == 0) {
                return BigDecimal.ZERO;
            }
            if (code == 'f') {
                return new BigDecimal(Float.toString((float) a));
            }
            if (code == 'e') {
                short bits = Float.floatToFloat16((float) a);
                BigDecimal exact = new BigDecimal(a);
                for (int digits = 1; digits < 12; digits++) {
                    BigDecimal d = exact.round(new MathContext(digits, RoundingMode.HALF_EVEN));
                    if (Float.floatToFloat16(d.floatValue()) == bits) {
                        return d;
                    }
                }
                return exact;
            }
            return new BigDecimal(Double.toString(a));
        }

        private String positional(double x) {
            BigDecimal d = shortest(x);
            if (d.scale() > PRECISION) {
                d = new BigDecimal(Math.abs(x)).setScale(PRECISION, RoundingMode.HALF_EVEN); // Dragon4 rounds the exact value
            }
            d = d.stripTrailingZeros();
            String s = d.scale() <= 0 ? d.toBigInteger() + "." : d.toPlainString();
            if (s.startsWith(".")) {
                s = "0" + s;
            }
            return (sign(x) ? "-" : "") + s;
        }

        private String scientific(double x, int minFrac, int expDigits) {
            BigDecimal d = shortest(x);
            if (d.signum() == 0) {
                return (sign(x) ? "-" : "") + "0." + "0".repeat(Math.max(0, minFrac)) + "e+" + "0".repeat(
                        Math.max(2, expDigits));
            }
            if (minFrac >= 0) {
                // NumPy's min_digits: digits past the shortest are the exact value's, rounded
                d = new BigDecimal(Math.abs(x)).round(new MathContext(minFrac + 1, RoundingMode.HALF_EVEN));
            } else if (d.precision() > PRECISION + 1) {
                d = new BigDecimal(Math.abs(x)).round(new MathContext(PRECISION + 1, RoundingMode.HALF_EVEN));
            }
            d = d.stripTrailingZeros();
            String digits = d.unscaledValue().toString();
            int e = digits.length() - 1 - d.scale();
            String frac = digits.substring(1);
            if (minFrac > frac.length()) {
                frac = frac + "0".repeat(minFrac - frac.length());
            }
            String es = Integer.toString(Math.abs(e));
            es = "0".repeat(Math.max(0, Math.max(2, expDigits) - es.length())) + es;
            return (sign(x) ? "-" : "") + digits.charAt(0) + "." + frac + "e" + (e < 0 ? "-" : "+") + es;
        }

        private static boolean sign(double x) {
            return Double.doubleToRawLongBits(x) < 0;
        }
    }

    // ----------------------------------------------------------------------------------------- Python values

    /** Python's {@code repr} of an item value. */
    static String repr(Object v) {
        return switch (v) {
            case null -> "None";
            case Boolean b -> b ? "True" : "False";
            case Double d -> pyFloat(d);
            case Bytes b -> b.toString();
            case List<?> l -> {
                StringBuilder s = new StringBuilder("(");
                for (int k = 0; k < l.size(); k++) {
                    s.append(k > 0 ? ", " : "").append(repr(l.get(k)));
                }
                yield s.append(l.size() == 1 ? ",)" : ")").toString();
            }
            default -> v.toString();
        };
    }

    /** Python's {@code repr(float)}. */
    static String pyFloat(double x) {
        if (Double.isNaN(x)) {
            return "nan";
        }
        if (Double.isInfinite(x)) {
            return x > 0 ? "inf" : "-inf";
        }
        boolean neg = Double.doubleToRawLongBits(x) < 0;
        double a = Math.abs(x);
        if (a == 0) {
            return neg ? "-0.0" : "0.0";
        }
        if (a >= 1e-3 && a < 1e7) {
            return Double.toString(x); // Java's plain range lies inside Python's, with the same shortest digits
        }
        BigDecimal d = new BigDecimal(Double.toString(a)).stripTrailingZeros();
        String digits = d.unscaledValue().toString();
        int e = digits.length() - 1 - d.scale();
        String s;
        if (e >= -5 && e < 16) {
            s = d.toPlainString();
            if (!s.contains(".")) {
                s += ".0";
            }
        } else {
            String frac = digits.length() > 1 ? "." + digits.substring(1) : "";
            s = digits.charAt(0) + frac + "e" + (e < 0 ? "-" : "+") + (Math.abs(e) < 10 ? "0" : "") + Math.abs(e);
        }
        return (neg ? "-" : "") + s;
    }

    // --------------------------------------------------------------------------------------------- JSON and CSV

    /** Writes every value of {@code v} as nested JSON arrays, item by item (constant memory). */
    static void json(MemoryView v, PrintWriter out) {
        if (v.ndim() == 0) {
            out.print(json(v.get()));
            return;
        }
        jsonDim(v, 0, new long[v.ndim()], out);
    }

    private static void jsonDim(MemoryView v, int depth, long[] idx, PrintWriter out) {
        long n = v.shape()[depth];
        out.print('[');
        for (long i = 0; i < n; i++) {
            if (i > 0) {
                out.print(", ");
            }
            idx[depth] = i;
            if (depth == idx.length - 1) {
                out.print(json(v.get(idx)));
            } else {
                jsonDim(v, depth + 1, idx, out);
            }
        }
        out.print(']');
    }

    /** One value as JSON; NaN and infinities as Python's {@code json} writes them. */
    static String json(Object v) {
        return switch (v) {
            case null -> "null";
            case Boolean b -> b.toString();
            case Double d -> Double.isNaN(d) ? "NaN" : Double.isInfinite(d) ? (d > 0 ? "Infinity" : "-Infinity")
                    : pyFloat(d);
            case Bytes b -> jsonString(latin1(b));
            case List<?> l -> {
                StringBuilder s = new StringBuilder("[");
                for (int k = 0; k < l.size(); k++) {
                    s.append(k > 0 ? ", " : "").append(json(l.get(k)));
                }
                yield s.append(']').toString();
            }
            case String s -> jsonString(s);
            default -> v.toString();
        };
    }

    static String jsonString(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || (c >= 0x7f && c < 0xa0)) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    private static String latin1(Bytes b) {
        return new String(b.toByteArray(), java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /** One value as a CSV field (records are spread over several fields). */
    static String csv(Object v) {
        return switch (v) {
            case Double d -> Double.isNaN(d) ? "nan" : Double.isInfinite(d) ? (d > 0 ? "inf" : "-inf") : pyFloat(d);
            case Boolean b -> b ? "True" : "False";
            case Bytes b -> csvText(latin1(b));
            case List<?> l -> {
                StringBuilder s = new StringBuilder();
                for (int k = 0; k < l.size(); k++) {
                    s.append(k > 0 ? "," : "").append(csv(l.get(k)));
                }
                yield s.toString();
            }
            case BigInteger n -> n.toString();
            default -> String.valueOf(v);
        };
    }

    private static String csvText(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }

    /** Writes every value of a view of 0, 1 or 2 dimensions as CSV: one line per item (1-D) or row (2-D). */
    static void csv(MemoryView v, PrintWriter out) {
        switch (v.ndim()) {
            case 0 -> out.println(csv(v.get()));
            case 1 -> {
                for (long i = 0; i < v.shape()[0]; i++) {
                    out.println(csv(v.get(new long[] {i})));
                }
            }
            case 2 -> {
                long[] shape = v.shape();
                for (long i = 0; i < shape[0]; i++) {
                    StringBuilder line = new StringBuilder();
                    for (long j = 0; j < shape[1]; j++) {
                        line.append(j > 0 ? "," : "").append(csv(v.get(i, j)));
                    }
                    out.println(line);
                }
            }
            default -> throw new Main.UsageError("--csv writes views of 0, 1 or 2 dimensions; this one has "
                    + v.ndim() + " (narrow it with --select)");
        }
    }

    /** A shape as a Python tuple. */
    static String tuple(long[] shape) {
        StringBuilder b = new StringBuilder("(");
        for (int k = 0; k < shape.length; k++) {
            b.append(k > 0 ? ", " : "").append(shape[k]);
        }
        return b.append(shape.length == 1 ? ",)" : ")").toString();
    }
}
