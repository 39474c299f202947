package io.memview;

import io.memview.testing.Json;
import io.memview.testing.PyErrors;
import io.memview.testing.PyValues;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Views of any struct format — byte orders and records, beyond CPython's memoryview — replayed against
 * {@code tools/cpython/gen_records.py} (CPython 3.13's {@code struct}, and its memoryview where it has the case: native
 * single characters, and equality, which CPython computes for any struct format by unpacking). Each case checks
 * {@link MemoryView#cast(String)} and {@link MemoryView#cast(String, long...)} over random bytes: length, items through
 * {@code get} (positive and negative indices), {@code toList}, iteration, {@code toBytes}, {@code set} (the value bytes
 * packed as {@code struct.pack} packs them, pad bytes untouched), {@code count}, {@code index}, {@code equals} and
 * {@code hashCode}, and CPython's refusals.
 */
class RecordViewGoldenTest {

    private static Map<String, Object> data;
    private static List<Map<String, Object>> cases;

    @SuppressWarnings("unchecked")
    static synchronized void load() {
        if (data != null) {
            return;
        }
        try (InputStream in = RecordViewGoldenTest.class.getResourceAsStream("/golden/records.json.gz")) {
            assertThat(in).as("golden/records.json.gz").isNotNull();
            data = (Map<String, Object>) Json.parse(new String(new GZIPInputStream(in).readAllBytes(),
                    StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        cases = (List<Map<String, Object>>) data.get("cases");
    }

    static IntStream caseIndices() {
        load();
        return IntStream.range(0, cases.size());
    }

    private static byte[] hex(Object s) {
        return HexFormat.of().parseHex((String) s);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Map<String, Object> c, String key) {
        return (List<Map<String, Object>>) c.getOrDefault(key, List.of());
    }

    private static void expectError(String what, Runnable action, Object error, List<String> failures) {
        @SuppressWarnings("unchecked")
        Map<String, Object> err = (Map<String, Object>) error;
        String type = (String) err.get("type");
        String message = (String) err.get("message");
        try {
            action.run();
            failures.add(what + ": succeeded, expected " + type + ": " + message);
        } catch (RuntimeException e) {
            if (!PyErrors.matches(type, message, e)) {
                failures.add(what + ": threw " + e + ", expected " + type + ": " + message);
            }
        }
    }

    private static void same(String what, Object actual, Object expected, List<String> failures) {
        if (!PyValues.same(actual, expected)) {
            failures.add(what + ": " + PyValues.show(actual) + ", CPython " + PyValues.show(expected));
        }
    }

    /**
     * The unboxed accessors agree with the item: {@code getLong} for integers (and {@code '?'} as 0/1, an unsigned
     * value above {@code Long.MAX_VALUE} refused), {@code getDouble} for floats and integers, both through the
     * one- and two-index fast paths and the varargs form.
     */
    private static void primitive(String what, MemoryView v, long[] index, Object expected, List<String> failures) {
        String at = what + java.util.Arrays.toString(index);
        switch (expected) {
            case Long x -> {
                long a = index.length == 1 ? v.getLong(index[0]) : v.getLong(index[0], index[1]);
                long b = v.getLong(index);
                double c = index.length == 1 ? v.getDouble(index[0]) : v.getDouble(index[0], index[1]);
                if (a != x || b != x || c != (double) x) {
                    failures.add("getLong/getDouble" + at + ": " + a + " " + b + " " + c + ", expected " + x);
                }
            }
            case Boolean x -> {
                long a = index.length == 1 ? v.getLong(index[0]) : v.getLong(index[0], index[1]);
                if (a != (x ? 1 : 0)) {
                    failures.add("getLong" + at + ": " + a + ", expected " + x);
                }
            }
            case Double x -> {
                double a = index.length == 1 ? v.getDouble(index[0]) : v.getDouble(index[0], index[1]);
                double b = v.getDouble(index);
                if (Double.doubleToRawLongBits(a) != Double.doubleToRawLongBits(x)
                        || Double.doubleToRawLongBits(b) != Double.doubleToRawLongBits(x)) {
                    failures.add("getDouble" + at + ": " + a + " " + b + ", expected " + x);
                }
            }
            case java.math.BigInteger x -> {
                try {
                    long a = index.length == 1 ? v.getLong(index[0]) : v.getLong(index[0], index[1]);
                    failures.add("getLong" + at + ": " + a + ", expected ArithmeticException for " + x);
                } catch (ArithmeticException e) {
                    // an unsigned 64-bit value above Long.MAX_VALUE does not fit
                }
            }
            default -> {
                // records and byte strings have no primitive form
            }
        }
    }

    @Test
    void goldenDataIsLarge() {
        load();
        assertThat((Long) data.get("checks")).as("checks in records.json.gz").isGreaterThanOrEqualTo(5000);
        assertThat(cases).hasSizeGreaterThan(1000);
    }

    @ParameterizedTest
    @MethodSource("caseIndices")
    void castViewReadsTheItemsStructUnpacks(int k) {
        Map<String, Object> c = cases.get(k);
        String fmt = (String) c.get("format");
        byte[] bytes = hex(c.get("bytes"));
        List<?> items = (List<?>) PyValues.decode(c.get("items"));
        long n = (Long) c.get("count");
        List<String> failures = new ArrayList<>();
        try (MemoryView v = MemoryView.of(bytes).cast(fmt)) {
            assertThat(v.length()).as("%s len", fmt).isEqualTo(n);
            assertThat(v.itemsize()).as("%s itemsize", fmt).isEqualTo(((Long) c.get("itemsize")).intValue());
            assertThat(v.format()).as(fmt).isEqualTo(fmt);
            for (int i = 0; i < n; i++) {
                same("get(" + i + ")", v.get(i), items.get(i), failures);
                same("get(" + (i - n) + ")", v.get(i - n), items.get(i), failures);
                same("get(new long[] {" + i + "})", v.get(new long[] {i}), items.get(i), failures);
            }
            for (int i = 0; i < n; i++) {
                primitive("", v, new long[] {i}, items.get(i), failures);
            }
            same("toList()", v.toList(), items, failures);
            List<Object> iterated = new ArrayList<>();
            v.forEach(iterated::add);
            same("iteration", iterated, items, failures);
            assertThat(v.toBytes()).as("%s toBytes", fmt).isEqualTo(bytes);
            assertThat(v.nbytes()).as("%s nbytes", fmt).isEqualTo(bytes.length);
            if (c.containsKey("shape")) {
                long[] shape = ((List<?>) c.get("shape")).stream().mapToLong(o -> (Long) o).toArray();
                List<?> nested = (List<?>) PyValues.decode(c.get("nested"));
                try (MemoryView m = MemoryView.of(bytes).cast(fmt, shape)) {
                    same("cast(fmt, shape).toList()", m.toList(), nested, failures);
                    for (int i = 0; i < shape[0]; i++) {
                        for (int j = 0; j < shape[1]; j++) {
                            same("get(" + i + ", " + j + ")", m.get(i, j), ((List<?>) nested.get(i)).get(j), failures);
                            primitive("2-D ", m, new long[] {i, j}, ((List<?>) nested.get(i)).get(j), failures);
                        }
                        try (MemoryView row = (MemoryView) m.get(i)) {
                            same("get(" + i + ").toList()", row.toList(), nested.get(i), failures);
                        }
                    }
                    assertThat(m.cast("B").toBytes()).as("%s reshaped bytes", fmt).isEqualTo(bytes);
                }
            }
            if (c.containsKey("badLength")) {
                @SuppressWarnings("unchecked")
                Map<String, Object> bad = (Map<String, Object>) c.get("badLength");
                expectError("cast of " + (bytes.length - 1) + " bytes", () -> MemoryView.of(hex(bad.get("bytes")))
                        .cast(fmt), bad.get("error"), failures);
            }
        }
        assertThat(failures).as("format %s over %s", fmt, c.get("bytes")).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("caseIndices")
    void setPacksTheValueAndKeepsPadBytes(int k) {
        Map<String, Object> c = cases.get(k);
        String fmt = (String) c.get("format");
        List<String> failures = new ArrayList<>();
        for (Map<String, Object> s : list(c, "sets")) {
            byte[] bytes = hex(c.get("bytes"));
            long index = (Long) s.get("index");
            Object value = PyValues.decode(s.get("value"));
            String what = "m[" + index + "] = " + PyValues.show(value);
            try (MemoryView v = MemoryView.of(bytes).cast(fmt)) {
                if (s.containsKey("error")) {
                    expectError(what, () -> v.set(index, value), s.get("error"), failures);
                    assertThat(bytes).as("%s %s leaves the bytes", fmt, what).isEqualTo(hex(c.get("bytes")));
                    continue;
                }
                v.set(index, value);
                String after = HexFormat.of().formatHex(bytes);
                if (!after.equals(s.get("after"))) {
                    failures.add(what + ": bytes " + after + ", expected " + s.get("after"));
                }
            }
            // the unboxed setters store the same bytes, and refuse the same values
            if (value instanceof Long || value instanceof Double || value instanceof Boolean) {
                byte[] copy = hex(c.get("bytes"));
                String prim = "setLong/setDouble(" + index + ", " + PyValues.show(value) + ")";
                try (MemoryView v = MemoryView.of(copy).cast(fmt)) {
                    Runnable store = switch (value) {
                        case Long x -> () -> v.setLong(index, x);
                        case Double x -> () -> v.setDouble(index, x);
                        default -> () -> v.setLong(index, (Boolean) value ? 1 : 0);
                    };
                    if (s.containsKey("error")) {
                        expectError(prim, store, s.get("error"), failures);
                    } else {
                        store.run();
                        String after = HexFormat.of().formatHex(copy);
                        if (!after.equals(s.get("after"))) {
                            failures.add(prim + ": bytes " + after + ", expected " + s.get("after"));
                        }
                    }
                } catch (RuntimeException e) {
                    failures.add(prim + ": threw " + e);
                }
            }
        }
        assertThat(failures).as("format %s over %s", fmt, c.get("bytes")).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("caseIndices")
    void countAndIndexCompareWithPythonEquality(int k) {
        Map<String, Object> c = cases.get(k);
        String fmt = (String) c.get("format");
        List<String> failures = new ArrayList<>();
        try (MemoryView v = MemoryView.of(hex(c.get("bytes"))).cast(fmt)) {
            for (Map<String, Object> p : list(c, "counts")) {
                Object value = PyValues.decode(p.get("value"));
                String what = PyValues.show(value);
                long count = v.count(value);
                if (count != (Long) p.get("count")) {
                    failures.add("count(" + what + ") = " + count + ", expected " + p.get("count"));
                }
                Object index = p.get("index");
                if (index == null) {
                    expectError("index(" + what + ")", () -> v.index(value),
                            Map.of("type", "ValueError", "message", "memoryview.index(x): x not found"), failures);
                } else if (v.index(value) != (Long) index) {
                    failures.add("index(" + what + ") = " + v.index(value) + ", expected " + index);
                }
                long start = (Long) p.get("start");
                long stop = (Long) p.get("stop");
                Object ranged = p.get("rangedIndex");
                if (ranged == null) {
                    expectError("index(" + what + ", " + start + ", " + stop + ")", () -> v.index(value, start, stop),
                            Map.of("type", "ValueError", "message", "memoryview.index(x): x not found"), failures);
                } else if (v.index(value, start, stop) != (Long) ranged) {
                    failures.add("index(" + what + ", " + start + ", " + stop + ") = " + v.index(value, start, stop)
                            + ", expected " + ranged);
                }
            }
        }
        assertThat(failures).as("format %s over %s", fmt, c.get("bytes")).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("caseIndices")
    void equalsIsCPythonsComparisonByValue(int k) {
        Map<String, Object> c = cases.get(k);
        String fmt = (String) c.get("format");
        List<String> failures = new ArrayList<>();
        for (Map<String, Object> e : list(c, "equals")) {
            String fmtB = (String) e.get("format");
            try (MemoryView a = MemoryView.of(hex(e.get("a"))).cast(fmt);
                 MemoryView b = MemoryView.of(hex(e.get("b"))).cast(fmtB)) {
                boolean expected = (Boolean) e.get("equal");
                boolean reverse = (Boolean) e.get("reverse");
                String what = e.get("what") + " (" + fmt + " " + e.get("a") + " == " + fmtB + " " + e.get("b") + ")";
                if (a.equals(b) != expected) {
                    failures.add(what + ": " + a.equals(b) + ", CPython " + expected);
                }
                if (b.equals(a) != reverse) {
                    failures.add("reversed " + what + ": " + b.equals(a) + ", CPython " + reverse);
                }
                if (expected && a.hashCode() != b.hashCode()) {
                    failures.add(what + ": equal views hash differently");
                }
            }
        }
        assertThat(failures).as("format %s over %s", fmt, c.get("bytes")).isEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void formatsWithoutValuesAreRefusedWithCPythonsCastMessage() {
        load();
        List<String> failures = new ArrayList<>();
        for (Map<String, Object> r : (List<Map<String, Object>>) data.get("refused")) {
            String fmt = (String) r.get("format");
            expectError("cast(\"" + fmt + "\")", () -> MemoryView.of(new byte[8]).cast(fmt), r.get("error"),
                    failures);
        }
        assertThat(failures).isEmpty();
    }
}
