package io.memview;

import io.memview.testing.Json;
import io.memview.testing.NdArray;
import io.memview.testing.PyErrors;
import io.memview.testing.PyValues;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replays {@code golden/memoryview.json.gz}, recorded from CPython 3.13's memoryview over {@code _testbuffer.ndarray}
 * by {@code tools/cpython/gen_memoryview.py} (see there for the format and how to regenerate it). Each case rebuilds
 * the ndarray with {@link NdArray}, applies the same view steps, runs the same operation and compares the value, or
 * the exception type and exact message, with what CPython gave.
 *
 * <p>Outcomes per case:
 * <ul>
 * <li><b>pass</b>: same value, or same exception kind with the same message;</li>
 * <li><b>beyond</b>: CPython raises {@code NotImplementedError} (sub-views, N-d count/index, formats it cannot read)
 *     or refuses a cast's destination format, and memview goes further by design (ARCHITECTURE.md, principle 2);
 *     where the generator could say what NumPy-like semantics give (a sub-view's values, an {@code IndexError}),
 *     that is checked too;</li>
 * <li><b>known</b>: a deliberate, documented difference — a view always equals itself in Java, even holding NaN
 *     (DESIGN.md, "Equality");</li>
 * <li><b>mismatch</b>: anything else. There must be none.</li>
 * </ul>
 */
class MemoryViewGoldenTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final Map<String, Object> DOC = load();
    @SuppressWarnings("unchecked")
    private static final List<Map<String, Object>> ARRAYS = (List<Map<String, Object>>) DOC.get("arrays");
    @SuppressWarnings("unchecked")
    private static final List<Map<String, Object>> CASES = (List<Map<String, Object>>) DOC.get("cases");

    @SuppressWarnings("unchecked")
    private static Map<String, Object> load() {
        try (InputStream in = MemoryViewGoldenTest.class.getResourceAsStream("/golden/memoryview.json.gz")) {
            Objects.requireNonNull(in, "golden/memoryview.json.gz is missing");
            String text = new String(new GZIPInputStream(in).readAllBytes(), StandardCharsets.UTF_8);
            return (Map<String, Object>) Json.parse(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The tally of one category. */
    private static final class Tally {
        int total;
        int pass;
        int beyond;
        int known;
        final List<String> mismatches = new ArrayList<>();
    }

    private enum Outcome { PASS, BEYOND, KNOWN }

    private static final Map<String, Tally> TALLIES = new TreeMap<>();

    @TestFactory
    Stream<DynamicTest> everyCategoryMatchesCPython() {
        Map<String, List<Map<String, Object>>> byCat = new LinkedHashMap<>();
        for (Map<String, Object> c : CASES) {
            byCat.computeIfAbsent((String) c.get("cat"), k -> new ArrayList<>()).add(c);
        }
        assertThat(CASES).as("golden cases").hasSizeGreaterThanOrEqualTo(20_000);
        return byCat.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
            Tally t = new Tally();
            for (Map<String, Object> c : e.getValue()) {
                replay(c, t);
            }
            synchronized (TALLIES) {
                TALLIES.put(e.getKey(), t);
            }
            System.out.printf("golden memoryview %-10s cases %6d  pass %6d  beyond %5d  known %4d  mismatch %5d%n",
                    e.getKey(), t.total, t.pass, t.beyond, t.known, t.mismatches.size());
            writeReport(e.getKey(), t);
            assertThat(t.mismatches.subList(0, Math.min(5, t.mismatches.size())))
                    .as("%s: %d of %d cases differ from CPython (all in target/golden-memoryview/); first ones",
                            e.getKey(), t.mismatches.size(), t.total).isEmpty();
        }));
    }

    /** Writes every mismatch of a category to {@code target/golden-memoryview/<category>.txt}, for diagnosis. */
    private static void writeReport(String cat, Tally t) {
        try {
            java.nio.file.Path dir = java.nio.file.Path.of("target", "golden-memoryview");
            java.nio.file.Files.createDirectories(dir);
            java.nio.file.Files.write(dir.resolve(cat + ".txt"), t.mismatches);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void replay(Map<String, Object> c, Tally t) {
        String cat = (String) c.get("cat");
        if (cat.equals("release")) {
            replayRelease(c, t);
            return;
        }
        t.total++;
        try {
            Outcome o = switch (cat) {
                case "ndarray" -> check(c, () -> {
                    NdArray nd = array((int) lng(c, "a"));
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("strides", boxed(nd.strides()));
                    m.put("suboffsets", boxed(nd.suboffsets()));
                    m.put("offset", nd.offset());
                    m.put("shape", boxed(nd.shape()));
                    m.put("readonly", nd.readonly());
                    return m;
                });
                case "attrs" -> check(c, () -> attrs(view(c)));
                case "obj" -> check(c, () -> {
                    NdArray nd = array((int) lng(c, "a"));
                    MemoryView mv = applySteps(MemoryView.of(nd), c);
                    return List.of(mv.obj() == nd, MemoryView.of(mv).obj() == nd);
                });
                case "eqbytes" -> check(c, () -> {
                    MemoryView mv = view(c);
                    Object raw = PyValues.decode(c.get("data"));
                    return List.of(mv.equals(raw), raw.equals(mv), !mv.equals(raw));
                });
                case "tolist" -> check(c, () -> enc(view(c).toList()));
                case "tobytes" -> check(c, () -> HEX.formatHex(view(c).toBytes(str(c, "order").charAt(0))));
                case "hex" -> check(c, () -> {
                    MemoryView mv = view(c);
                    if (!c.containsKey("sep")) {
                        return mv.hex();
                    }
                    return c.containsKey("bps") ? mv.hex(str(c, "sep"), (int) lng(c, "bps")) : mv.hex(str(c, "sep"));
                });
                case "get" -> check(c, () -> get(c));
                case "set" -> check(c, () -> {
                    MemoryView mv = view(c);
                    mv.set(longs(c.get("index")), PyValues.decode(c.get("value")));
                    return HEX.formatHex(mv.toBytes());
                });
                case "slice" -> check(c, () -> {
                    MemoryView mv = view(c);
                    @SuppressWarnings("unchecked")
                    List<Object> s = (List<Object>) c.get("slice");
                    return viewResult(slice(mv, s), mv.format());
                });
                case "setslice" -> check(c, () -> setSlice(c));
                case "cast" -> check(c, () -> {
                    MemoryView mv = view(c);
                    MemoryView r = c.containsKey("shape") ? mv.cast(str(c, "format"), longs(c.get("shape")))
                            : mv.cast(str(c, "format"));
                    return viewResult(r, "B");
                });
                case "eq" -> check(c, () -> {
                    MemoryView a = view(c);
                    @SuppressWarnings("unchecked")
                    Map<String, Object> o2 = (Map<String, Object>) c.get("other");
                    MemoryView b = view(o2);
                    return List.of(a.equals(b), !a.equals(b), b.equals(a));
                });
                case "eqself" -> {
                    MemoryView a = view(c);
                    Object actual = List.of(a.equals(a), !a.equals(a));
                    @SuppressWarnings("unchecked")
                    Map<String, Object> x = (Map<String, Object>) c.get("x");
                    if (Objects.equals(x.get("ok"), actual)) {
                        yield Outcome.PASS;
                    }
                    // CPython: v == v is False when v holds NaN; memview: a view always equals itself (DESIGN.md).
                    if (Objects.equals(x.get("ok"), List.of(false, true)) && actual.equals(List.of(true, false))) {
                        yield Outcome.KNOWN;
                    }
                    throw new AssertionError("expected " + x + ", got " + actual);
                }
                case "count" -> check(c, () -> view(c).count(PyValues.decode(c.get("value"))));
                case "index" -> check(c, () -> view(c).index(PyValues.decode(c.get("value")),
                        lng(c, "start"), lng(c, "stop")));
                case "getbuf" -> check(c, () -> {
                    MemoryView mv = view(c);
                    Buffer b = mv.getBuffer((int) lng(c, "flags"));
                    try {
                        return bufAttrs(b);
                    } finally {
                        mv.releaseBuffer(b);
                    }
                });
                case "fromflags" -> check(c, () -> {
                    MemoryView mv = MemoryView.fromFlags(array((int) lng(c, "a")), (int) lng(c, "flags"));
                    Map<String, Object> m = attrs(mv);
                    m.put("hex", HEX.formatHex(mv.toBytes()));
                    return m;
                });
                default -> throw new AssertionError("unknown category " + cat);
            };
            switch (o) {
                case PASS -> t.pass++;
                case BEYOND -> t.beyond++;
                case KNOWN -> t.known++;
            }
        } catch (AssertionError | RuntimeException e) {
            t.mismatches.add(describe(c) + "\n    " + e);
        }
    }

    private static String describe(Map<String, Object> c) {
        Map<String, Object> copy = new LinkedHashMap<>(c);
        Object a = copy.get("a");
        if (a instanceof Long i) {
            copy.put("a", ARRAYS.get(i.intValue()));
        }
        return copy.toString();
    }

    // -------------------------------------------------------------------------------------------- building views

    static NdArray array(int index) {
        Map<String, Object> d = ARRAYS.get(index);
        @SuppressWarnings("unchecked")
        List<Object> items = (List<Object>) PyValues.decode(d.get("items"));
        long[] shape = longs(d.get("shape"));
        if (shape.length == 0) {
            items = List.of(items.getFirst());
        }
        return new NdArray(items, shape, d.get("strides") == null ? null : longs(d.get("strides")),
                lng(d, "offset"), str(d, "format"), (int) lng(d, "flags"));
    }

    private static MemoryView view(Map<String, Object> c) {
        return applySteps(MemoryView.of(array((int) lng(c, "a"))), c);
    }

    private static MemoryView applySteps(MemoryView mv, Map<String, Object> c) {
        @SuppressWarnings("unchecked")
        List<List<Object>> steps = (List<List<Object>>) c.get("view");
        if (steps != null) {
            for (List<Object> s : steps) {
                mv = switch ((String) s.getFirst()) {
                    case "slice" -> slice(mv, s.subList(1, 4));
                    case "cast" -> s.size() == 2 ? mv.cast((String) s.get(1))
                            : mv.cast((String) s.get(1), longs(s.get(2)));
                    case "ro" -> mv.toReadOnly();
                    default -> throw new AssertionError("unknown view step " + s);
                };
            }
        }
        return mv;
    }

    /** {@code mv[start:stop:step]} with Python's {@code None}s. */
    private static MemoryView slice(MemoryView mv, List<Object> s) {
        long step = s.get(2) == null ? 1 : (Long) s.get(2);
        long start = s.get(0) != null ? (Long) s.get(0) : step < 0 ? Long.MAX_VALUE : Long.MIN_VALUE;
        long stop = s.get(1) != null ? (Long) s.get(1) : step < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        return mv.slice(start, stop, step);
    }

    // ------------------------------------------------------------------------------------------------ operations

    private static Object get(Map<String, Object> c) {
        MemoryView mv = view(c);
        long[] idx = longs(c.get("index"));
        Object r = Boolean.TRUE.equals(c.get("int")) ? mv.get(idx[0]) : mv.get(idx);
        if (r instanceof MemoryView sub) {
            return enc(sub.toList()); // a sub-view, beyond CPython
        }
        return enc(r);
    }

    private static Object setSlice(Map<String, Object> c) {
        MemoryView mv = view(c);
        @SuppressWarnings("unchecked")
        List<Object> s = (List<Object>) c.get("slice");
        @SuppressWarnings("unchecked")
        Map<String, Object> rv = (Map<String, Object>) c.get("rvalue");
        Object value = switch ((String) rv.get("kind")) {
            case "self" -> {
                @SuppressWarnings("unchecked")
                List<Object> s2 = (List<Object>) rv.get("slice");
                yield slice(mv, s2);
            }
            case "array" -> view(rv);
            case "bytes" -> PyValues.decode(rv.get("data"));
            case "none" -> null;
            default -> throw new AssertionError(rv);
        };
        long step = s.get(2) == null ? 1 : (Long) s.get(2);
        long start = s.get(0) != null ? (Long) s.get(0) : step < 0 ? Long.MAX_VALUE : Long.MIN_VALUE;
        long stop = s.get(1) != null ? (Long) s.get(1) : step < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        mv.setSlice(start, stop, step, value);
        return HEX.formatHex(mv.toBytes());
    }

    private static Map<String, Object> viewResult(MemoryView v, String parentFormat) {
        Map<String, Object> m = attrs(v);
        m.put("hex", HEX.formatHex(v.toBytes()));
        String pf = parentFormat.startsWith("@") ? parentFormat.substring(1) : parentFormat;
        if (pf.length() != 1) {
            return m; // the generator records only the bytes of views it cannot read
        }
        m.put("list", enc(v.toList()));
        return m;
    }

    static Map<String, Object> attrs(MemoryView m) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("nbytes", m.nbytes());
        d.put("readonly", m.readonly());
        d.put("itemsize", (long) m.itemsize());
        d.put("format", m.format());
        d.put("ndim", (long) m.ndim());
        d.put("shape", boxed(m.shape()));
        d.put("strides", boxed(m.strides()));
        d.put("suboffsets", boxed(m.suboffsets()));
        d.put("c", m.cContiguous());
        d.put("f", m.fContiguous());
        d.put("contig", m.contiguous());
        d.put("len", outcome(m::length));
        return d;
    }

    private static Map<String, Object> bufAttrs(Buffer b) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("format", b.format() == null ? "" : b.format());
        d.put("itemsize", (long) b.itemsize());
        d.put("ndim", (long) b.ndim());
        d.put("shape", boxed(b.shape()));
        d.put("strides", boxed(b.strides()));
        d.put("suboffsets", boxed(b.suboffsets()));
        d.put("readonly", b.readonly());
        return d;
    }

    /** {"ok": value} or {"err": [type, message]}, for values nested in a result (such as {@code len}). */
    private static Map<String, Object> outcome(Supplier<Object> f) {
        try {
            return Map.of("ok", f.get());
        } catch (RuntimeException e) {
            return Map.of("err", e);
        }
    }

    // ------------------------------------------------------------------------------------------------ release

    private static void replayRelease(Map<String, Object> c, Tally t) {
        @SuppressWarnings("unchecked")
        List<List<Object>> ops = (List<List<Object>>) c.get("ops");
        String seq = str(c, "seq");
        NdArray nd = array((int) lng(c, "a"));
        MemoryView mv = MemoryView.of(nd);
        List<Buffer> exports = new ArrayList<>();
        MemoryView sub = null;
        MemoryView ro = null;
        switch (seq) {
            case "released" -> mv.release();
            case "exports" -> {
                for (int i = 0; i < lng(c, "k"); i++) {
                    exports.add(mv.getBuffer(BufferFlags.FULL_RO));
                }
            }
            case "derived" -> {
                sub = mv.slice(Long.MAX_VALUE, Long.MIN_VALUE, -1);
                ro = mv.toReadOnly();
                mv.release();
            }
            default -> throw new AssertionError(seq);
        }
        int releaseCalls = 0;
        for (List<Object> op : ops) {
            t.total++;
            String name = (String) op.get(0);
            @SuppressWarnings("unchecked")
            Map<String, Object> x = (Map<String, Object>) op.get(1);
            MemoryView v = mv;
            MemoryView s = sub;
            MemoryView r = ro;
            Supplier<Object> f;
            if (seq.equals("exports") && name.equals("release")) {
                int call = releaseCalls++;
                if (call == 1 && !exports.isEmpty()) {
                    mv.releaseBuffer(exports.removeLast());
                } else if (call == 2) {
                    while (!exports.isEmpty()) {
                        mv.releaseBuffer(exports.removeLast());
                    }
                }
            }
            f = switch (name) {
                case "nbytes" -> v::nbytes;
                case "readonly" -> v::readonly;
                case "itemsize" -> () -> (long) v.itemsize();
                case "format" -> v::format;
                case "ndim" -> () -> (long) v.ndim();
                case "shape" -> () -> boxed(v.shape());
                case "strides" -> () -> boxed(v.strides());
                case "suboffsets" -> () -> boxed(v.suboffsets());
                case "c" -> v::cContiguous;
                case "f" -> v::fContiguous;
                case "contig" -> v::contiguous;
                case "len" -> v::length;
                case "tolist", "ro.tolist" -> () -> enc((name.startsWith("ro") ? r : v).toList());
                case "tobytes", "mv.tobytes", "sub.tobytes" ->
                        () -> HEX.formatHex((name.startsWith("sub") ? s : v).toBytes());
                case "hex" -> v::hex;
                case "get" -> () -> enc(v.get(0));
                case "set" -> () -> {
                    v.set(0, 1L);
                    return null;
                };
                case "slice" -> () -> {
                    v.slice(0, 1, 1);
                    return null;
                };
                case "cast" -> () -> {
                    v.cast("B");
                    return null;
                };
                case "toreadonly" -> () -> {
                    v.toReadOnly();
                    return null;
                };
                case "count" -> () -> {
                    v.count(1L);
                    return 0L;
                };
                case "index" -> () -> {
                    v.index(1L);
                    return 0L;
                };
                case "release", "sub.release" -> () -> {
                    (name.startsWith("sub") ? s : v).release();
                    return null;
                };
                case "eqself" -> () -> v.equals(v);
                case "eqother" -> () -> v.equals(MemoryView.of(Bytes.of((byte) 1)));
                case "getbuf" -> () -> {
                    v.getBuffer(BufferFlags.FULL_RO);
                    return null;
                };
                case "memoryview" -> () -> {
                    MemoryView.of(v);
                    return null;
                };
                case "ro.readonly" -> r::readonly;
                default -> throw new AssertionError("unknown release op " + name);
            };
            try {
                Outcome o = compare(x, f);
                if (o == Outcome.PASS) {
                    t.pass++;
                } else {
                    t.beyond++;
                }
            } catch (AssertionError | RuntimeException e) {
                t.mismatches.add("release " + seq + " " + name + ": " + e);
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ comparing

    private static Outcome check(Map<String, Object> c, Supplier<Object> f) {
        @SuppressWarnings("unchecked")
        Map<String, Object> x = (Map<String, Object>) c.get("x");
        return compare(x, f);
    }

    /** Runs {@code f} and compares with CPython's outcome {@code x}. */
    private static Outcome compare(Map<String, Object> x, Supplier<Object> f) {
        Object actual;
        RuntimeException thrown = null;
        try {
            actual = f.get();
        } catch (RuntimeException e) {
            thrown = e;
            actual = null;
        }
        if (x.containsKey("ok")) {
            if (thrown != null) {
                throw new AssertionError("CPython gave " + x.get("ok") + ", memview threw " + thrown, thrown);
            }
            if (!sameResult(x.get("ok"), actual)) {
                throw new AssertionError("CPython gave " + x.get("ok") + ", memview gave " + actual);
            }
            return Outcome.PASS;
        }
        @SuppressWarnings("unchecked")
        List<Object> err = (List<Object>) x.get("err");
        String type = (String) err.get(0);
        String message = (String) err.get(1);
        if (thrown != null && PyErrors.matches(type, message, thrown)) {
            return Outcome.PASS;
        }
        if (x.containsKey("beyond")) {
            Object b = x.get("beyond");
            if (thrown instanceof NullPointerException || thrown instanceof ClassCastException
                    || thrown instanceof ArrayIndexOutOfBoundsException || thrown instanceof ArithmeticException) {
                throw new AssertionError("beyond CPython's " + type + ", memview failed with " + thrown, thrown);
            }
            if (b instanceof Map<?, ?> bm) {
                if (bm.containsKey("ok")) {
                    if (thrown != null || !sameResult(bm.get("ok"), actual)) {
                        throw new AssertionError("beyond CPython's " + type + ": expected " + bm.get("ok") + ", got "
                                + (thrown != null ? thrown : actual));
                    }
                } else if ("IndexError".equals(bm.get("err")) && !(thrown instanceof IndexOutOfBoundsException)) {
                    throw new AssertionError("beyond CPython's " + type + ": expected an IndexError, got "
                            + (thrown != null ? thrown : actual));
                } else if ("TypeError".equals(bm.get("err")) && !(thrown instanceof IllegalArgumentException)) {
                    throw new AssertionError("beyond CPython's " + type + ": expected a TypeError, got "
                            + (thrown != null ? thrown : actual));
                }
            }
            return Outcome.BEYOND;
        }
        if (thrown == null) {
            throw new AssertionError("CPython raised " + type + ": " + message + ", memview gave " + actual);
        }
        throw new AssertionError("CPython raised " + type + ": " + message + ", memview threw " + thrown, thrown);
    }

    /** Expected JSON against the actual value in the same form; nested {"err": ...} compare as exceptions. */
    private static boolean sameResult(Object expected, Object actual) {
        if (expected instanceof Map<?, ?> em && actual instanceof Map<?, ?> am) {
            if (em.size() == 1 && em.containsKey("err") && am.containsKey("err")) {
                @SuppressWarnings("unchecked")
                List<Object> err = (List<Object>) em.get("err");
                return am.get("err") instanceof RuntimeException e
                        && PyErrors.matches((String) err.get(0), (String) err.get(1), e);
            }
            if (!em.keySet().equals(am.keySet())) {
                return false;
            }
            for (Object k : em.keySet()) {
                if (!sameResult(em.get(k), am.get(k))) {
                    return false;
                }
            }
            return true;
        }
        if (expected instanceof List<?> el && actual instanceof List<?> al) {
            if (el.size() != al.size()) {
                return false;
            }
            for (int i = 0; i < el.size(); i++) {
                if (!sameResult(el.get(i), al.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return Objects.equals(expected, actual);
    }

    /** A Java value in the golden encoding (see {@link PyValues#encode}). */
    static Object enc(Object v) {
        return PyValues.encode(v);
    }

    private static List<Long> boxed(long[] a) {
        List<Long> out = new ArrayList<>();
        if (a != null) {
            for (long x : a) {
                out.add(x);
            }
        }
        return out;
    }

    private static long[] longs(Object json) {
        @SuppressWarnings("unchecked")
        List<Object> l = (List<Object>) json;
        long[] out = new long[l.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (Long) l.get(i);
        }
        return out;
    }

    private static long lng(Map<String, Object> m, String k) {
        return (Long) m.get(k);
    }

    private static String str(Map<String, Object> m, String k) {
        return (String) m.get(k);
    }
}
