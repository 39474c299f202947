package io.memview;

import io.memview.FormatHostileTest.Token;
import io.memview.FormatHostileTest.Verdict;
import io.memview.testing.Hostile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.lang.foreign.MemorySegment;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile operations on random views: subscripts for {@code select} (well-formed, mutated and garbage strings, and
 * the {@code Object...} form with keys of every type), {@code cast} requests (any format, any shape), and item
 * reads and writes ({@code get}, {@code set}, {@code getLong}, {@code getDouble}, {@code setLong},
 * {@code setDouble}) at random indices with random values. A naive model — the view's offset, shape and strides
 * over a copy of its bytes, with index arithmetic done by hand — predicts each result: the selected view's bytes,
 * the cast view's bytes, the item read, and for a write the complete memory afterwards (so a write that touches any
 * other byte fails). Refusals must be of the documented type, with a useful message, exactly when the model refuses.
 */
class ViewOpsHostileTest {

    static LongStream seeds() {
        return LongStream.range(0, 8);
    }

    private static final String[] FORMATS = {"B", "b", "c", "h", "H", "i", "I", "l", "L", "q", "Q", "n", "N", "f",
        "d", "e", "?", "@B", "<i", ">h", ">q", "<d", "2h", "<iB", "3s"};

    /** The model of a view: offset, shape and strides over {@code mem}, with the format's tokens. */
    record Model(byte[] mem, long offset, long[] shape, long[] strides, int itemsize, String format, Verdict v,
                 boolean readonly) {

        long count() {
            long n = 1;
            for (long s : shape) {
                n *= s;
            }
            return n;
        }

        /** The item bytes in C order, gathered one by one. */
        byte[] bytes() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (count() == 0) {
                return new byte[0];
            }
            long[] idx = new long[shape.length];
            do {
                out.write(mem, (int) address(idx), itemsize);
            } while (BufferLayoutHostileTest.next(idx, shape));
            return out.toByteArray();
        }

        long address(long[] idx) {
            long p = offset;
            for (int d = 0; d < idx.length; d++) {
                p += idx[d] * strides[d];
            }
            return p;
        }

        Object item(long address) {
            List<Object> values = FormatHostileTest.decode(v, FormatHostileTest.order(format), mem, (int) address);
            return values.size() == 1 ? values.get(0) : values;
        }

        char code() {
            for (Token t : v.tokens()) {
                if (t.code() != 'x') {
                    return t.code();
                }
            }
            return 'x';
        }

        boolean scalar() {
            return v.values() == 1 && code() != 's' && code() != 'p';
        }
    }

    /** A random view and its model: up to 3 dimensions, gaps, negative and zero strides, an offset. */
    static Model randomModel(RandomGenerator r) {
        String format = FORMATS[r.nextInt(FORMATS.length)];
        Verdict v = FormatHostileTest.model(format);
        int isz = v.size().intValueExact();
        int ndim = r.nextInt(8) == 0 ? 0 : r.nextInt(1, 4);
        long[] shape = new long[ndim];
        long[] strides = new long[ndim];
        long span = isz;
        for (int d = ndim - 1; d >= 0; d--) {
            shape[d] = r.nextInt(6) == 0 ? 0 : r.nextInt(1, 5);
            strides[d] = r.nextInt(8) == 0 ? 0 : span + (long) r.nextInt(0, 3) * (r.nextBoolean() ? isz : 1);
            span = Math.max(span, Math.abs(strides[d]) * Math.max(1, shape[d]));
        }
        for (int d = 0; d < ndim; d++) {
            if (r.nextInt(3) == 0) {
                strides[d] = -strides[d];
            }
        }
        long lo = 0;
        long hi = isz;
        for (int d = 0; d < ndim; d++) {
            if (shape[d] > 0) {
                long s = (shape[d] - 1) * strides[d];
                lo += Math.min(0, s);
                hi += Math.max(0, s);
            }
        }
        long offset = -lo + r.nextInt(0, 4);
        byte[] mem = new byte[(int) (offset + hi + r.nextInt(0, 4))];
        r.nextBytes(mem);
        return new Model(mem, offset, shape, strides, isz, format, v, r.nextInt(5) == 0);
    }

    static MemoryView view(Model m) {
        return MemoryView.of(Buffer.builder(MemorySegment.ofArray(m.mem())).format(m.format()).shape(m.shape())
                .strides(m.strides()).offset(m.offset()).readonly(m.readonly()).build());
    }

    // ------------------------------------------------------------------------------------------------- select

    /** A subscript key of the model: an index (maybe beyond a long), a slice, or the ellipsis. */
    record Key(BigInteger index, BigInteger start, BigInteger stop, BigInteger step, boolean slice,
               boolean ellipsis) {
        String render(RandomGenerator r) {
            String sp = r.nextInt(6) == 0 ? " " : "";
            if (ellipsis) {
                return sp + "..." + sp;
            }
            if (!slice) {
                return sp + index + sp;
            }
            String s = (start == null ? "" : start.toString()) + sp + ":" + sp + (stop == null ? "" : stop.toString());
            if (step != null || r.nextInt(4) == 0) {
                s += ":" + (step == null ? "" : step.toString());
            }
            return sp + s + sp;
        }

        Object object() {
            if (ellipsis) {
                return Slice.ELLIPSIS;
            }
            if (!slice) {
                return index.longValueExact();
            }
            return Slice.of(start == null ? null : start.longValueExact(), stop == null ? null : stop.longValueExact(),
                    step == null ? 1 : step.longValueExact());
        }
    }

    static BigInteger anInt(RandomGenerator r, long n) {
        return switch (r.nextInt(10)) {
            case 0 -> BigInteger.valueOf(r.nextBoolean() ? Long.MAX_VALUE : Long.MIN_VALUE);
            case 1 -> BigInteger.TEN.pow(r.nextInt(19, 25)).negate().multiply(BigInteger.valueOf(r.nextInt(-1, 2)));
            case 2 -> BigInteger.valueOf(r.nextLong(-n - 3, n + 3));
            default -> BigInteger.valueOf(r.nextLong(-Math.max(n, 1), Math.max(n, 1)));
        };
    }

    static List<Key> randomKeys(RandomGenerator r, long[] shape) {
        List<Key> keys = new ArrayList<>();
        int n = r.nextInt(6) == 0 ? r.nextInt(0, shape.length + 3) : r.nextInt(0, shape.length + 1);
        int ellipses = 0;
        for (int k = 0; k < n; k++) {
            long len = k < shape.length ? shape[k] : 3;
            int pick = r.nextInt(10);
            if (pick == 0 && (ellipses == 0 || r.nextInt(5) == 0)) {
                ellipses++;
                keys.add(new Key(null, null, null, null, false, true));
            } else if (pick < 5) {
                keys.add(new Key(anInt(r, len), null, null, null, false, false));
            } else {
                BigInteger step = r.nextInt(3) == 0 ? null : r.nextInt(15) == 0 ? BigInteger.ZERO
                        : r.nextInt(10) == 0 ? anInt(r, len) : BigInteger.valueOf(r.nextInt(1, 4) * (r.nextBoolean()
                        ? 1 : -1));
                keys.add(new Key(null, r.nextBoolean() ? null : anInt(r, len), r.nextBoolean() ? null : anInt(r, len),
                        step, true, false));
            }
        }
        return keys;
    }

    /** Python's {@code slice.indices}: clamped start and the count, in BigInteger arithmetic. */
    static long[] sliceIndices(Key k, long length) {
        BigInteger n = BigInteger.valueOf(length);
        BigInteger step = k.step() == null ? BigInteger.ONE : k.step();
        boolean neg = step.signum() < 0;
        BigInteger lower = neg ? BigInteger.ONE.negate() : BigInteger.ZERO;
        BigInteger upper = neg ? n.subtract(BigInteger.ONE) : n;
        BigInteger start = clamp(k.start(), n, lower, upper, neg ? upper : lower);
        BigInteger stop = clamp(k.stop(), n, lower, upper, neg ? lower : upper);
        BigInteger count = BigInteger.ZERO;
        if (neg && stop.compareTo(start) < 0) {
            count = start.subtract(stop).subtract(BigInteger.ONE).divide(step.negate()).add(BigInteger.ONE);
        } else if (!neg && start.compareTo(stop) < 0) {
            count = stop.subtract(start).subtract(BigInteger.ONE).divide(step).add(BigInteger.ONE);
        }
        return new long[] {start.longValueExact(), count.longValueExact(), step.max(BigInteger.valueOf(-Long.MAX_VALUE))
                .min(BigInteger.valueOf(Long.MAX_VALUE)).longValueExact()};
    }

    private static BigInteger clamp(BigInteger v, BigInteger n, BigInteger lower, BigInteger upper, BigInteger dflt) {
        if (v == null) {
            return dflt;
        }
        if (v.signum() < 0) {
            v = v.add(n);
            return v.compareTo(lower) < 0 ? lower : v;
        }
        return v.compareTo(upper) > 0 ? upper : v;
    }

    /** The model's selection, or the name of the first problem it finds. */
    static Object modelSelect(Model m, List<Key> keys, boolean fromString) {
        int ndim = m.shape().length;
        long ellipses = keys.stream().filter(Key::ellipsis).count();
        long named = keys.size() - ellipses;
        if (ndim == 0 && !keys.isEmpty() && !(keys.size() == 1 && ellipses == 1)) {
            return "0-dim"; // CPython's first check for a 0-dim view, whatever the key
        }
        int seen = 0;
        for (Key k : keys) { // then in key order, as NumPy: a second ellipsis, an index past the long range
            if (k.ellipsis() && ++seen > 1) {
                return "ellipsis";
            }
            if (fromString && !k.ellipsis() && !k.slice() && k.index().bitLength() > 63) {
                return "index too large";
            }
        }
        if (named > ndim) {
            return "too many";
        }
        List<Key> full = new ArrayList<>();
        for (Key k : keys) {
            if (k.ellipsis()) {
                for (long i = 0; i < ndim - named; i++) {
                    full.add(new Key(null, null, null, null, true, false));
                }
            } else {
                full.add(k);
            }
        }
        while (full.size() < ndim) {
            full.add(new Key(null, null, null, null, true, false));
        }
        long offset = m.offset();
        List<Long> shape = new ArrayList<>();
        List<Long> strides = new ArrayList<>();
        for (int d = 0; d < ndim; d++) {
            Key k = full.get(d);
            if (k.slice()) {
                if (k.step() != null && k.step().signum() == 0) {
                    return "step zero";
                }
                long[] s = sliceIndices(clampKey(k), m.shape()[d]);
                offset += s[0] * m.strides()[d];
                shape.add(s[1]);
                strides.add(m.strides()[d] * s[2]);
            } else {
                long i = k.index().longValueExact();
                long n = m.shape()[d];
                long j = i < 0 ? i + n : i;
                if (j < 0 || j >= n) {
                    return "index out of range";
                }
                offset += j * m.strides()[d];
            }
        }
        return new Model(m.mem(), offset, shape.stream().mapToLong(Long::longValue).toArray(),
                strides.stream().mapToLong(Long::longValue).toArray(), m.itemsize(), m.format(), m.v(), m.readonly());
    }

    /** Slice bounds beyond a long clamp to the long range, as the subscript parser (and Python) do. */
    private static Key clampKey(Key k) {
        return new Key(null, clampLong(k.start()), clampLong(k.stop()), clampLong(k.step()), true, false);
    }

    private static BigInteger clampLong(BigInteger v) {
        if (v == null) {
            return null;
        }
        return v.max(BigInteger.valueOf(Long.MIN_VALUE)).min(BigInteger.valueOf(Long.MAX_VALUE));
    }

    static void checkSameView(MemoryView got, Model want, String ctx) {
        assertThat(got.shape()).as(ctx + " shape").isEqualTo(want.shape());
        long[] gs = got.strides();
        for (int d = 0; d < gs.length; d++) {
            if (want.shape()[d] > 1) {
                assertThat(gs[d]).as(ctx + " stride " + d).isEqualTo(want.strides()[d]);
            }
        }
        assertThat(got.toBytes()).as(ctx + " bytes").isEqualTo(want.bytes());
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void selectGivesTheModelsViewOrADocumentedRefusal(long seed) {
        Hostile.run("view.select", seed, Hostile.cases(15_000), Hostile.budget(Duration.ofMillis(1200)), (r, t) -> {
            Model m = randomModel(r);
            MemoryView v = view(m);
            List<Key> keys = randomKeys(r, m.shape());
            StringBuilder sb = new StringBuilder();
            boolean parens = keys.isEmpty() || r.nextInt(5) == 0;
            for (int k = 0; k < keys.size(); k++) {
                sb.append(k > 0 ? "," : "").append(keys.get(k).render(r));
            }
            if (keys.size() == 1 && r.nextInt(4) == 0) {
                sb.append(',');
            }
            String text = parens ? "(" + sb + ")" : sb.toString();
            int mode = r.nextInt(4);
            if (mode == 0) {
                text = mutate(r, text);
            }
            String ctx = "view " + m.format() + Arrays.toString(m.shape()) + Arrays.toString(m.strides())
                    + " select(" + io.memview.internal.PyTypes.repr(text) + ")";
            Object want = mode == 0 ? null : modelSelect(m, keys, true);
            MemoryView got;
            try {
                got = v.select(text);
            } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
                Hostile.checkRefusal(e, ctx, IllegalArgumentException.class, IndexOutOfBoundsException.class);
                if (mode != 0) {
                    assertThat(want).as(ctx + " refused: " + e).isInstanceOf(String.class);
                    String why = (String) want;
                    assertThat(e).as(ctx + " (" + why + ")").isInstanceOf(why.startsWith("index")
                            ? IndexOutOfBoundsException.class : IllegalArgumentException.class);
                }
                t.count(mode == 0 ? "mutated: refused" : "refused: " + want);
                return;
            }
            if (mode == 0) {
                // whatever a mutated subscript selects lies inside the parent: each of its items is one of the parent's
                checkInsideParent(got, m, ctx);
                t.count("mutated: accepted, inside parent");
                return;
            }
            assertThat(want).as(ctx + " accepted; the model refuses").isInstanceOf(Model.class);
            checkSameView(got, (Model) want, ctx);
            t.count("accepted, same as the model");

            // the Object... form with the same keys (those that fit a long) selects the same view
            if (keys.stream().allMatch(k -> k.ellipsis() || (k.slice() ? fits(k.start()) && fits(k.stop())
                    && fits(k.step()) : fits(k.index())))) {
                MemoryView typed = v.select(keys.stream().map(Key::object).toArray());
                checkSameView(typed, (Model) want, ctx + " typed");
                t.count("typed form agrees");
            }
        });
    }

    private static boolean fits(BigInteger b) {
        return b == null || b.bitLength() <= 63;
    }

    private static String mutate(RandomGenerator r, String s) {
        StringBuilder sb = new StringBuilder(s);
        String alphabet = "0123456789-+:,.()[] _abex\t\u00a0\u0660";
        for (int k = r.nextInt(1, 4); k > 0; k--) {
            int at = r.nextInt(sb.length() + 1);
            switch (r.nextInt(3)) {
                case 0 -> sb.insert(at, alphabet.charAt(r.nextInt(alphabet.length())));
                case 1 -> {
                    if (at < sb.length()) {
                        sb.deleteCharAt(at);
                    }
                }
                default -> {
                    if (at < sb.length()) {
                        sb.setCharAt(at, alphabet.charAt(r.nextInt(alphabet.length())));
                    }
                }
            }
        }
        return sb.toString();
    }

    /** Every item of {@code got} sits at an address where the parent has an item, and its bytes are those. */
    private static void checkInsideParent(MemoryView got, Model parent, String ctx) {
        java.util.Set<Long> addresses = new java.util.HashSet<>();
        if (parent.count() > 0) {
            long[] idx = new long[parent.shape().length];
            do {
                addresses.add(parent.address(idx));
            } while (BufferLayoutHostileTest.next(idx, parent.shape()));
        }
        Buffer b = got.getBuffer(BufferFlags.FULL_RO);
        try {
            long[] shape = b.shape();
            long n = 1;
            for (long s : shape) {
                n *= s;
            }
            if (n == 0) {
                return;
            }
            long[] idx = new long[shape.length];
            do {
                long p = b.offset();
                for (int d = 0; d < idx.length; d++) {
                    p += idx[d] * b.strides()[d];
                }
                assertThat(addresses).as(ctx + " item " + Arrays.toString(idx)).contains(p);
            } while (BufferLayoutHostileTest.next(idx, shape));
        } finally {
            got.releaseBuffer(b);
        }
    }

    /** The typed form with keys of every type: integral boxes, slices, the ellipsis, and things that are not keys. */
    @ParameterizedTest
    @MethodSource("seeds")
    void typedSelectRefusesKeysThatAreNotIndicesOrSlices(long seed) {
        Hostile.run("view.select-typed", seed, Hostile.cases(10_000), Hostile.budget(Duration.ofMillis(1000)),
                (r, t) -> {
            Model m = randomModel(r);
            MemoryView v = view(m);
            int n = r.nextInt(0, m.shape().length + 2);
            Object[] keys = new Object[n];
            List<Key> model = new ArrayList<>();
            boolean bad = false;
            for (int k = 0; k < n; k++) {
                long len = k < m.shape().length ? m.shape()[k] : 2;
                long i = r.nextLong(-len - 1, len + 1);
                keys[k] = switch (r.nextInt(12)) {
                    case 0 -> (int) i;
                    case 1 -> (short) i;
                    case 2 -> (byte) i;
                    case 3 -> Slice.ELLIPSIS;
                    case 4 -> Slice.of(r.nextBoolean() ? null : i, r.nextBoolean() ? null : -i, r.nextInt(-2, 3));
                    case 5 -> new Object[] {null, "1", 1.5, BigInteger.ONE, new long[] {1}, List.of(1L)}[r.nextInt(6)];
                    case 6 -> i != 0 && i != 1 ? (Object) i : (Object) (i == 1);
                    default -> i;
                };
                Object key = keys[k];
                if (key == Slice.ELLIPSIS) {
                    model.add(new Key(null, null, null, null, false, true));
                } else if (key instanceof Slice s) {
                    model.add(new Key(null, s.start() == null ? null : BigInteger.valueOf(s.start()), s.stop() == null
                            ? null : BigInteger.valueOf(s.stop()), BigInteger.valueOf(s.step()), true, false));
                } else if (key instanceof Number || key instanceof Boolean) {
                    if (key instanceof Double) {
                        bad = true;
                    } else {
                        long x = key instanceof Boolean b ? (b ? 1 : 0) : ((Number) key).longValue(); // BigInteger.ONE too
                        model.add(new Key(BigInteger.valueOf(x), null, null, null, false, false));
                    }
                } else {
                    bad = true;
                }
            }
            String ctx = "view " + m.format() + Arrays.toString(m.shape()) + " select" + Arrays.deepToString(keys);
            Object want = bad ? "bad key" : modelSelect(m, model, false);
            try {
                MemoryView got = v.select(keys);
                assertThat(want).as(ctx + " accepted; the model refuses").isInstanceOf(Model.class);
                checkSameView(got, (Model) want, ctx);
                t.count("accepted, same as the model");
            } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
                Hostile.checkRefusal(e, ctx, IllegalArgumentException.class, IndexOutOfBoundsException.class);
                assertThat(want).as(ctx + " refused: " + e).isInstanceOf(String.class);
                t.count("refused: " + want);
            }
        });
    }

    // --------------------------------------------------------------------------------------------------- cast

    private static final String[] CAST_FORMATS = {"B", "b", "c", "@B", "@b", "h", "H", "i", "I", "l", "q", "Q", "n",
        "f", "d", "e", "?", "P", "@i", "<i", ">d", "2h", "<iif", "3s", "w", "T{i}", "", "@", "0i", "x", "3x", "é",
        "9223372036854775807B", "bB", "u", "Z", "!", "<"};

    @ParameterizedTest
    @MethodSource("seeds")
    void castGivesTheSameBytesOrADocumentedRefusal(long seed) {
        Hostile.run("view.cast", seed, Hostile.cases(15_000), Hostile.budget(Duration.ofMillis(1200)), (r, t) -> {
            Model m = randomModel(r);
            MemoryView v = view(m);
            if (r.nextInt(3) == 0 && cContiguous(m) && m.count() > 0) {
                v = v.cast("B"); // make byte views common, so that casts to other formats happen
                m = new Model(m.mem(), m.offset(), new long[] {m.count() * m.itemsize()}, new long[] {1}, 1, "B",
                        FormatHostileTest.model("B"), m.readonly());
            }
            String format = r.nextInt(10) == 0 ? FormatHostileTest.garbage(r) : CAST_FORMATS[r.nextInt(
                    CAST_FORMATS.length)];
            long[] shape = switch (r.nextInt(6)) {
                case 0, 1 -> null;
                case 2 -> new long[0];
                case 3 -> new long[r.nextInt(64, 67)];
                default -> {
                    long[] s = new long[r.nextInt(1, 4)];
                    for (int d = 0; d < s.length; d++) {
                        s[d] = r.nextInt(8) == 0 ? new long[] {0, -1, Long.MAX_VALUE, 1L << 40}[r.nextInt(4)]
                                : r.nextInt(1, 7);
                    }
                    yield s;
                }
            };
            if (shape != null && shape.length > 60) {
                Arrays.fill(shape, 1);
            }
            String ctx = "view " + m.format() + Arrays.toString(m.shape()) + Arrays.toString(m.strides()) + " cast("
                    + io.memview.internal.PyTypes.repr(format) + ", " + Arrays.toString(shape) + ")";
            String why = modelCast(m, format, shape);
            MemoryView got;
            try {
                got = shape == null ? v.cast(format) : v.cast(format, shape);
            } catch (IllegalArgumentException e) {
                Hostile.checkRefusal(e, ctx, IllegalArgumentException.class);
                assertThat(why).as(ctx + " refused: " + e.getMessage()).isNotNull();
                t.count("refused: " + why);
                return;
            }
            assertThat(why).as(ctx + " accepted; the model refuses").isNull();
            long isz = io.memview.struct.Struct.calcsize(format.startsWith("@") ? format.substring(1) : format);
            long nbytes = m.count() * m.itemsize();
            assertThat(got.format()).as(ctx).isEqualTo(format);
            assertThat(got.itemsize()).as(ctx).isEqualTo(isz);
            assertThat(got.shape()).as(ctx).isEqualTo(shape != null ? shape : new long[] {nbytes / isz});
            assertThat(got.toBytes()).as(ctx).isEqualTo(m.bytes());
            assertThat(got.cContiguous()).as(ctx).isTrue();
            t.count("accepted, same bytes");
        });
    }

    static boolean cContiguous(Model m) {
        int nd = m.shape().length;
        if (nd == 0) {
            return true;
        }
        if (nd == 1) {
            return m.shape()[0] == 1 || m.strides()[0] == m.itemsize();
        }
        if (m.count() == 0) {
            return true;
        }
        long sd = m.itemsize();
        for (int d = nd - 1; d >= 0; d--) {
            if (m.shape()[d] > 1 && m.strides()[d] != sd) {
                return false;
            }
            sd *= m.shape()[d];
        }
        return true;
    }

    /** Why CPython's rules (and memview's documented extension to struct formats) refuse the cast, or null. */
    static String modelCast(Model m, String format, long[] shape) {
        if (!cContiguous(m)) {
            return "not C-contiguous";
        }
        boolean empty = m.count() == 0;
        if ((shape != null || m.shape().length != 1) && empty) {
            return "zeros in shape";
        }
        if (shape != null && shape.length > 64) {
            return "ndim";
        }
        if (shape != null && m.shape().length != 1 && shape.length != 1) {
            return "1D";
        }
        String f = format.startsWith("@") ? format.substring(1) : format;
        boolean nativeDest = f.length() == 1 && "cbBhHiIlLqQnNfde?P".indexOf(f.charAt(0)) >= 0;
        Verdict dv = FormatHostileTest.model(format);
        if (!nativeDest && (!dv.ok() || dv.values() < 1 || dv.size().signum() <= 0
                || dv.size().compareTo(BigInteger.valueOf(Integer.MAX_VALUE)) > 0)) {
            return "destination format";
        }
        long isz = FormatHostileTest.model(f).size().longValueExact();
        String src = m.format().startsWith("@") ? m.format().substring(1) : m.format();
        boolean srcByte = src.equals("B") || src.equals("b") || src.equals("c");
        boolean destByte = f.equals("B") || f.equals("b") || f.equals("c");
        if (!srcByte && !destByte) {
            return "two non-byte formats";
        }
        long nbytes = m.count() * m.itemsize();
        if (nbytes % isz != 0) {
            return "length";
        }
        if (shape == null) {
            return null;
        }
        BigInteger p = BigInteger.valueOf(isz);
        for (long s : shape) {
            if (s <= 0) {
                return "shape element";
            }
            p = p.multiply(BigInteger.valueOf(s));
        }
        return p.equals(BigInteger.valueOf(nbytes)) ? null : "product";
    }

    // ----------------------------------------------------------------------------------------------- get/set

    @ParameterizedTest
    @MethodSource("seeds")
    void itemAccessReadsAndWritesExactlyTheModelsItem(long seed) {
        Hostile.run("view.get-set", seed, Hostile.cases(20_000), Hostile.budget(Duration.ofMillis(1200)), (r, t) -> {
            Model m = randomModel(r);
            MemoryView v = view(m);
            int ndim = m.shape().length;
            int n = r.nextInt(8) == 0 ? Math.max(0, ndim + r.nextInt(-1, 2)) : ndim;
            long[] idx = new long[n];
            boolean inRange = n == ndim;
            long[] norm = new long[n];
            for (int d = 0; d < n; d++) {
                long len = d < ndim ? m.shape()[d] : 1;
                idx[d] = switch (r.nextInt(10)) {
                    case 0 -> r.nextBoolean() ? Long.MIN_VALUE : Long.MAX_VALUE;
                    case 1 -> r.nextLong(-len - 2, len + 2);
                    default -> len == 0 ? 0 : r.nextLong(-len, len);
                };
                if (d < ndim) {
                    long j = idx[d] < 0 ? idx[d] + len : idx[d];
                    if (j < 0 || j >= len) {
                        inRange = false;
                    }
                    norm[d] = j;
                }
            }
            String ctx = "view " + m.format() + Arrays.toString(m.shape()) + Arrays.toString(m.strides()) + " index "
                    + Arrays.toString(idx);
            int op = r.nextInt(6);
            byte[] before = m.mem().clone();
            long lx = r.nextInt(3) == 0 ? r.nextLong() : r.nextLong(-300, 300);
            double dx = new double[] {Double.NaN, 1e300, -0.0, 1.5, 65520, 3.4e38, r.nextGaussian()}[r.nextInt(7)];
            try {
                switch (op) {
                    case 0 -> checkGet(v, m, idx, norm, inRange, ctx, t);
                    case 1 -> checkSet(v, m, idx, norm, inRange, FormatHostileTest.value(r, m.code()), before, ctx, t);
                    case 2 -> checkGetLong(v, m, idx, norm, inRange, ctx, t);
                    case 3 -> checkGetDouble(v, m, idx, norm, inRange, ctx, t);
                    case 4 -> checkSetLong(v, m, idx, norm, inRange, lx, before, ctx, t);
                    default -> checkSetDouble(v, m, idx, norm, inRange, dx, before, ctx, t);
                }
            } catch (IllegalArgumentException | IndexOutOfBoundsException | UnsupportedOperationException
                     | ArithmeticException e) {
                Hostile.checkRefusal(e, ctx + " op " + op, IllegalArgumentException.class,
                        IndexOutOfBoundsException.class, UnsupportedOperationException.class,
                        ArithmeticException.class);
                assertThat(m.mem()).as(ctx + " a refused write changed nothing").isEqualTo(before);
                if (op >= 2) {
                    assertThat(primitiveAccessWorks(op, m, idx, norm, inRange, lx, dx)).as(ctx + " op " + op
                            + " refused: " + e).isFalse();
                }
                t.count("op " + op + " refused " + e.getClass().getSimpleName());
            }
        });
    }

    /** Whether the model expects getLong (2), getDouble (3), setLong (4) or setDouble (5) to succeed. */
    private static boolean primitiveAccessWorks(int op, Model m, long[] idx, long[] norm, boolean inRange, long lx,
                                                double dx) {
        if (idx.length != m.shape().length || !inRange || !m.scalar()) {
            return false;
        }
        char c = m.code();
        return switch (op) {
            case 2 -> "cefd".indexOf(c) < 0 && !(m.item(m.address(norm)) instanceof BigInteger);
            case 3 -> c != 'c';
            case 4 -> !m.readonly() && c != 'c' && !(packModel(m, lx) instanceof Class<?>);
            default -> !m.readonly() && "efd?".indexOf(c) >= 0 && !(packModel(m, dx) instanceof Class<?>);
        };
    }

    /** The model's verdict on the index alone: null when it selects one item, else the expected exception type. */
    private static Class<? extends RuntimeException> indexProblem(Model m, long[] idx, boolean inRange) {
        int ndim = m.shape().length;
        if (idx.length > ndim || (ndim == 0 && idx.length != 0)) {
            return IllegalArgumentException.class;
        }
        return inRange ? null : IndexOutOfBoundsException.class;
    }

    private static void checkGet(MemoryView v, Model m, long[] idx, long[] norm, boolean inRange, String ctx,
                                 Hostile.Tally t) {
        int ndim = m.shape().length;
        Object got;
        try {
            got = v.get(idx);
        } catch (RuntimeException e) {
            Class<?> want = idx.length < ndim ? subviewProblem(m, idx) : indexProblem(m, idx, inRange);
            assertThat(want).as(ctx + " get refused: " + e).isNotNull();
            assertThat(e).as(ctx).isInstanceOf(want);
            throw e;
        }
        if (idx.length < ndim) {
            assertThat(subviewProblem(m, idx)).as(ctx + " sub-view accepted").isNull();
            long off = m.offset();
            for (int d = 0; d < idx.length; d++) {
                off += norm[d] * m.strides()[d];
            }
            Model sub = new Model(m.mem(), off, Arrays.copyOfRange(m.shape(), idx.length, ndim),
                    Arrays.copyOfRange(m.strides(), idx.length, ndim), m.itemsize(), m.format(), m.v(), m.readonly());
            checkSameView((MemoryView) got, sub, ctx + " sub-view");
            t.count("get sub-view verified");
            return;
        }
        assertThat(indexProblem(m, idx, inRange)).as(ctx + " get accepted").isNull();
        assertThat(got).as(ctx).isEqualTo(m.item(m.address(norm)));
        t.count("get verified");
    }

    private static Class<? extends RuntimeException> subviewProblem(Model m, long[] idx) {
        for (int d = 0; d < idx.length; d++) {
            long n = m.shape()[d];
            long j = idx[d] < 0 ? idx[d] + n : idx[d];
            if (j < 0 || j >= n) {
                return IndexOutOfBoundsException.class;
            }
        }
        return null;
    }

    private static void checkSet(MemoryView v, Model m, long[] idx, long[] norm, boolean inRange, Object value,
                                 byte[] before, String ctx, Hostile.Tally t) {
        int ndim = m.shape().length;
        Object model = null;
        Class<?> want;
        if (m.readonly()) {
            want = ReadOnlyMemoryException.class;
        } else if (idx.length < ndim) {
            // sub-view assignment: the value must be a buffer of the sub-view's shape and item size
            want = IllegalArgumentException.class;
            byte[] src = value instanceof byte[] a ? a : value instanceof Bytes b ? b.toByteArray()
                    : value instanceof ByteArray ba ? ba.toByteArray() : null;
            long[] rest = Arrays.copyOfRange(m.shape(), idx.length, ndim);
            if (subviewProblem(m, idx) != null) {
                want = IndexOutOfBoundsException.class;
            } else if (src != null && m.itemsize() == 1 && Arrays.equals(rest, new long[] {src.length})) {
                long off = m.offset();
                for (int d = 0; d < idx.length; d++) {
                    long n = m.shape()[d];
                    off += (idx[d] < 0 ? idx[d] + n : idx[d]) * m.strides()[d];
                }
                v.set(idx, value);
                byte[] expect = before.clone();
                for (int k = 0; k < src.length; k++) {
                    expect[(int) (off + k * m.strides()[idx.length])] = src[k];
                }
                assertThat(m.mem()).as(ctx + " sub-view assignment").isEqualTo(expect);
                t.count("set sub-view verified");
                return;
            }
        } else {
            want = indexProblem(m, idx, inRange);
            if (want == null) {
                model = packModel(m, value);
                if (model instanceof Class<?> c) {
                    want = c;
                }
            }
        }
        try {
            v.set(idx, value);
        } catch (RuntimeException e) {
            assertThat(want).as(ctx + " set(" + value + ") refused: " + e).isNotNull();
            assertThat(e).as(ctx + " set(" + value + ")").isInstanceOf(want);
            throw e;
        }
        assertThat(want).as(ctx + " set(" + value + ") accepted").isNull();
        checkWritten(v, m, norm, model, value, before, ctx + " set(" + value + ")");
        t.count("set verified");
    }

    /** What storing {@code value} in an item gives, read back, or the exception class (memoryview's style). */
    private static Object packModel(Model m, Object value) {
        if (!m.scalar() && m.v().values() > 1) {
            if (!(value instanceof List<?> l) || l.size() != m.v().values()) {
                return IllegalArgumentException.class;
            }
            return IllegalArgumentException.class; // lists are not generated for records here
        }
        Token tk = m.v().tokens().stream().filter(x -> x.code() != 'x').findFirst().orElseThrow();
        Object r = FormatHostileTest.packModel(tk, m.format(), value);
        if (r instanceof Class<?>) {
            return IllegalArgumentException.class; // memoryview reports every bad value as TypeError/ValueError
        }
        // memoryview's native 'f' is a C cast; a struct format's 'f' (like '<f') is not used by the views here
        return r;
    }

    private static void checkWritten(MemoryView v, Model m, long[] norm, Object model, Object value, byte[] before,
                                     String ctx) {
        long p = m.address(norm);
        for (int k = 0; k < before.length; k++) {
            if (k < p || k >= p + m.itemsize()) {
                assertThat(m.mem()[k]).as(ctx + " byte " + k + " outside the item").isEqualTo(before[k]);
            }
        }
        Object back = m.item(p);
        if (m.code() == 'e') {
            double x = value instanceof Boolean b ? (b ? 1 : 0) : ((Number) value).doubleValue();
            assertThat(FormatHostileTest.nearestHalf(x, (Double) back)).as(ctx + " -> " + back).isTrue();
        } else {
            assertThat(back).as(ctx + " read back").isEqualTo(model);
        }
        assertThat(v.get(norm)).as(ctx + " get after set").isEqualTo(back);
    }

    private static void checkGetLong(MemoryView v, Model m, long[] idx, long[] norm, boolean inRange, String ctx,
                                     Hostile.Tally t) {
        long got = idx.length == 1 ? v.getLong(idx[0]) : idx.length == 2 ? v.getLong(idx[0], idx[1]) : v.getLong(idx);
        assertThat(m.scalar() && "cefd".indexOf(m.code()) < 0).as(ctx + " getLong of " + m.format()).isTrue();
        assertThat(idx.length).as(ctx).isEqualTo(m.shape().length);
        assertThat(inRange).as(ctx).isTrue();
        Object want = m.item(m.address(norm));
        assertThat(want).as(ctx + " fits a long").isNotInstanceOf(BigInteger.class);
        assertThat(got).as(ctx).isEqualTo(want instanceof Boolean b ? (b ? 1L : 0L) : want);
        t.count("getLong verified");
    }

    private static void checkGetDouble(MemoryView v, Model m, long[] idx, long[] norm, boolean inRange, String ctx,
                                       Hostile.Tally t) {
        double got = idx.length == 1 ? v.getDouble(idx[0]) : idx.length == 2 ? v.getDouble(idx[0], idx[1])
                : v.getDouble(idx);
        assertThat(m.scalar() && m.code() != 'c').as(ctx + " getDouble of " + m.format()).isTrue();
        assertThat(idx.length).as(ctx).isEqualTo(m.shape().length);
        assertThat(inRange).as(ctx).isTrue();
        Object want = m.item(m.address(norm));
        double w = want instanceof Boolean b ? (b ? 1 : 0) : ((Number) want).doubleValue();
        assertThat(Double.valueOf(got)).as(ctx).isEqualTo(Double.valueOf(w)); // boxed: NaN equals NaN
        t.count("getDouble verified");
    }

    private static void checkSetLong(MemoryView v, Model m, long[] idx, long[] norm, boolean inRange, long x,
                                     byte[] before, String ctx, Hostile.Tally t) {
        if (idx.length == 1) {
            v.setLong(idx[0], x);
        } else if (idx.length == 2) {
            v.setLong(idx[0], idx[1], x);
        } else {
            v.setLong(idx, x);
        }
        assertThat(m.readonly()).as(ctx + " setLong on a read-only view").isFalse();
        assertThat(m.scalar() && m.code() != 'c').as(ctx + " setLong of " + m.format()).isTrue();
        assertThat(idx.length).as(ctx).isEqualTo(m.shape().length);
        assertThat(inRange).as(ctx).isTrue();
        Object model = packModel(m, x);
        assertThat(model).as(ctx + " setLong(" + x + ") accepted").isNotInstanceOf(Class.class);
        checkWritten(v, m, norm, model, x, before, ctx + " setLong(" + x + ")");
        t.count("setLong verified");
    }

    private static void checkSetDouble(MemoryView v, Model m, long[] idx, long[] norm, boolean inRange, double x,
                                       byte[] before, String ctx, Hostile.Tally t) {
        if (idx.length == 1) {
            v.setDouble(idx[0], x);
        } else if (idx.length == 2) {
            v.setDouble(idx[0], idx[1], x);
        } else {
            v.setDouble(idx, x);
        }
        assertThat(m.readonly()).as(ctx + " setDouble on a read-only view").isFalse();
        assertThat("efd?".indexOf(m.code()) >= 0 && m.scalar()).as(ctx + " setDouble of " + m.format()).isTrue();
        assertThat(idx.length).as(ctx).isEqualTo(m.shape().length);
        assertThat(inRange).as(ctx).isTrue();
        Object model = packModel(m, x);
        assertThat(model).as(ctx + " setDouble(" + x + ") accepted").isNotInstanceOf(Class.class);
        checkWritten(v, m, norm, model, x, before, ctx + " setDouble(" + x + ")");
        t.count("setDouble verified");
    }
}
