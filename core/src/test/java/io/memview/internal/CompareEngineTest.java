package io.memview.internal;

import io.memview.Bytes;
import io.memview.internal.RandomLayouts.Kind;
import io.memview.internal.RandomLayouts.Plan;
import io.memview.internal.format.Format;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.foreign.MemorySegment;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link Compare#equal} and {@link Compare#hash} against a reference model: items decoded by a decoder written here
 * (with {@link ByteBuffer}) from the item's bytes, compared as Python compares numbers (by exact value: {@code 1 ==
 * 1.0 == True}, NaN equal to nothing, {@code -0.0 == 0.0}); arrays equal when their shapes are, and every item is
 * (CPython's {@code memory_richcompare}). The hash is the documented fold: {@code 31 + ndim}, then
 * {@code 31 * h + Long.hashCode(extent)} up to the first zero extent, then {@code 31 * h + hash(item)} in C order, an
 * item whose format the struct module cannot read hashing its unsigned bytes. Layouts are random (any strides, PIL
 * pointer tables); formats native, byte-order prefixed, unequal on the two sides, or unreadable.
 */
class CompareEngineTest {

    /** Format, native character ({@code '\0'} when not native), reference type code, size, byte order. */
    private record Fmt(String text, char nativeChar, char code, int size, ByteOrder order) {}

    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
    private static final ByteOrder BE = ByteOrder.BIG_ENDIAN;

    private static final List<Fmt> FORMATS = List.of(
            new Fmt("b", 'b', 'b', 1, LE), new Fmt("B", 'B', 'B', 1, LE), new Fmt("h", 'h', 'h', 2, LE),
            new Fmt("H", 'H', 'H', 2, LE), new Fmt("i", 'i', 'i', 4, LE), new Fmt("I", 'I', 'I', 4, LE),
            new Fmt("l", 'l', 'q', 8, LE), new Fmt("L", 'L', 'Q', 8, LE), new Fmt("q", 'q', 'q', 8, LE),
            new Fmt("Q", 'Q', 'Q', 8, LE), new Fmt("n", 'n', 'q', 8, LE), new Fmt("N", 'N', 'Q', 8, LE),
            new Fmt("f", 'f', 'f', 4, LE), new Fmt("d", 'd', 'd', 8, LE), new Fmt("e", 'e', 'e', 2, LE),
            new Fmt("?", '?', '?', 1, LE), new Fmt("c", 'c', 'c', 1, LE), new Fmt("@i", 'i', 'i', 4, LE),
            new Fmt("<h", '\0', 'h', 2, LE), new Fmt(">h", '\0', 'h', 2, BE), new Fmt(">I", '\0', 'I', 4, BE),
            new Fmt("!q", '\0', 'q', 8, BE), new Fmt("<Q", '\0', 'Q', 8, LE), new Fmt(">d", '\0', 'd', 8, BE),
            new Fmt("<f", '\0', 'f', 4, LE), new Fmt("=e", '\0', 'e', 2, LE), new Fmt(">?", '\0', '?', 1, BE),
            new Fmt("<c", '\0', 'c', 1, LE), new Fmt("=B", '\0', 'B', 1, LE), new Fmt(">Q", '\0', 'Q', 8, BE));

    private static final long[] POOL = {0, 1, 2, 3, 7, 100, 120};

    static LongStream seeds() {
        return LongStream.range(0, 400);
    }

    private static RandomGenerator rng(long seed) {
        return RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
    }

    // ------------------------------------------------------------------------------------------ reference model

    /** Writes {@code v} as an item of {@code f} at {@code p}. */
    private static void encode(byte[] mem, long p, Fmt f, long v) {
        ByteBuffer bb = ByteBuffer.wrap(mem).order(f.order());
        int at = (int) p;
        switch (f.code()) {
            case 'b', 'B', 'c' -> bb.put(at, (byte) v);
            case '?' -> bb.put(at, (byte) (v == 0 ? 0 : 1));
            case 'h', 'H' -> bb.putShort(at, (short) v);
            case 'i', 'I' -> bb.putInt(at, (int) v);
            case 'q', 'Q' -> bb.putLong(at, v);
            case 'f' -> bb.putFloat(at, v);
            case 'd' -> bb.putDouble(at, v);
            case 'e' -> bb.putShort(at, Float.floatToFloat16(v));
            default -> throw new AssertionError(f);
        }
    }

    /** The item of {@code f} at {@code p} as Python sees it: Long, BigInteger, Double, Boolean or Bytes. */
    private static Object decode(byte[] mem, long p, Fmt f) {
        ByteBuffer bb = ByteBuffer.wrap(mem).order(f.order());
        int at = (int) p;
        return switch (f.code()) {
            case 'b' -> (long) bb.get(at);
            case 'B' -> (long) (bb.get(at) & 0xff);
            case 'c' -> Bytes.of(bb.get(at));
            case '?' -> bb.get(at) != 0;
            case 'h' -> (long) bb.getShort(at);
            case 'H' -> (long) (bb.getShort(at) & 0xffff);
            case 'i' -> (long) bb.getInt(at);
            case 'I' -> bb.getInt(at) & 0xffffffffL;
            case 'q' -> bb.getLong(at);
            case 'Q' -> {
                long x = bb.getLong(at);
                yield x >= 0 ? (Object) x : new BigInteger(Long.toUnsignedString(x));
            }
            case 'f' -> (double) bb.getFloat(at);
            case 'd' -> bb.getDouble(at);
            case 'e' -> (double) Float.float16ToFloat(bb.getShort(at));
            default -> throw new AssertionError(f);
        };
    }

    /** Python's {@code ==} on two decoded items, by exact value. */
    private static boolean pyEquals(Object x, Object y) {
        BigDecimal a = exact(x);
        BigDecimal b = exact(y);
        if (a == null || b == null) {
            if (x instanceof Double || y instanceof Double) {
                return false; // NaN or infinity against anything: only inf == inf
            }
            return x.equals(y);
        }
        return a.compareTo(b) == 0;
    }

    private static BigDecimal exact(Object v) {
        return switch (v) {
            case Long l -> BigDecimal.valueOf(l);
            case BigInteger b -> new BigDecimal(b);
            case Boolean b -> b ? BigDecimal.ONE : BigDecimal.ZERO;
            case Double d when Double.isFinite(d) -> new BigDecimal(d);
            default -> null;
        };
    }

    private static boolean bothInfinite(Object x, Object y) {
        return x instanceof Double a && y instanceof Double b && Double.isInfinite(a) && a.equals(b);
    }

    private static int referenceHash(byte[] mem, Layout l, Fmt f) {
        int h = 31 + l.ndim();
        for (long s : l.shape()) {
            h = 31 * h + Long.hashCode(s);
            if (s == 0) {
                return h;
            }
        }
        for (long[] idx : RandomLayouts.indices(l.shape())) {
            long p = RandomLayouts.address(mem, l, idx);
            int ih;
            if (f == null) {
                ih = 0;
                for (int k = 0; k < l.itemsize(); k++) {
                    ih = 31 * ih + (mem[(int) p + k] & 0xff);
                }
            } else {
                ih = PyEq.hash(decode(mem, p, f));
            }
            h = 31 * h + ih;
        }
        return h;
    }

    // ------------------------------------------------------------------------------------------------- tests

    private static Plan plan(RandomGenerator r, long[] shape, int isz) {
        Kind k = Kind.values()[r.nextInt(Kind.values().length)];
        return RandomLayouts.plan(r, shape, isz, k, r.nextInt(4) == 0);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void equalityIsItemByItemPythonEquality(long seed) {
        RandomGenerator r = rng(seed);
        Fmt fa = FORMATS.get(r.nextInt(FORMATS.size()));
        Fmt fb = r.nextInt(3) == 0 ? fa : FORMATS.get(r.nextInt(FORMATS.size()));
        long[] shape = RandomLayouts.randomShape(r, 3, 4, true);
        long[] shapeB = shape.clone();
        if (r.nextInt(10) == 0 && shape.length > 0) {
            shapeB[r.nextInt(shape.length)] += 1;
        } else if (r.nextInt(20) == 0) {
            shapeB = java.util.Arrays.copyOf(shape, shape.length + 1);
            shapeB[shape.length] = 1;
        }
        Plan pa = plan(r, shape, fa.size());
        Plan pb = plan(r, shapeB, fb.size());
        byte[] ma = RandomLayouts.randomBytes(r, (int) pa.size() + 8); // gaps hold noise: only items count
        byte[] mb = RandomLayouts.randomBytes(r, (int) pb.size() + 8);
        Layout a = pa.place(ma, MemorySegment.ofArray(ma), r.nextInt(8));
        Layout b = pb.place(mb, MemorySegment.ofArray(mb), r.nextInt(8));
        boolean same = java.util.Arrays.equals(shape, shapeB);
        boolean equivalent = equivalentShapes(shape, shapeB);
        int mode = r.nextInt(4); // 0: equal values, 1: one item differs, 2: raw random bytes, 3: values from a pool
        if (same) {
            List<long[]> all = RandomLayouts.indices(shape);
            long[] odd = all.isEmpty() ? null : all.get(r.nextInt(all.size()));
            for (long[] idx : all) {
                long pA = RandomLayouts.address(ma, a, idx);
                long pB = RandomLayouts.address(mb, b, idx);
                if (mode == 2) {
                    rawItem(r, ma, pA, fa);
                    rawItem(r, mb, pB, fb);
                    continue;
                }
                long v = POOL[r.nextInt(POOL.length)];
                encode(ma, pA, fa, v);
                long w = mode == 3 ? POOL[r.nextInt(POOL.length)] : v;
                if (mode == 1 && idx == odd) {
                    w = v + 1 + r.nextInt(3);
                }
                encode(mb, pB, fb, w);
            }
        }
        Format parsedA = Format.of(fa.text());
        Format parsedB = Format.of(fb.text());
        // every test format is readable: equivalent shapes decide, then (when there are items) every item
        boolean want = equivalent;
        if (same) {
            for (long[] idx : RandomLayouts.indices(shape)) {
                Object x = decode(ma, RandomLayouts.address(ma, a, idx), fa);
                Object y = decode(mb, RandomLayouts.address(mb, b, idx), fb);
                if (!pyEquals(x, y) && !bothInfinite(x, y)) {
                    want = false;
                    break;
                }
            }
        }
        boolean got = Compare.equal(a, fa.text(), fa.nativeChar(), parsedA, b, fb.text(), fb.nativeChar(), parsedB);
        assertThat(got).as("seed %d: %s %s vs %s %s, mode %d", seed, fa.text(),
                java.util.Arrays.toString(shape), fb.text(), java.util.Arrays.toString(shapeB), mode).isEqualTo(want);
        boolean back = Compare.equal(b, fb.text(), fb.nativeChar(), parsedB, a, fa.text(), fa.nativeChar(), parsedA);
        assertThat(back).as("seed %d: symmetric", seed).isEqualTo(want);
        // the hash is the documented fold over the items, and equal arrays hash equally
        int ha = Compare.hash(a, parsedA);
        assertThat(ha).as("seed %d: hash of %s", seed, fa.text()).isEqualTo(referenceHash(ma, a, fa));
        assertThat(Compare.hash(b, parsedB)).as("seed %d: hash of %s", seed, fb.text())
                .isEqualTo(referenceHash(mb, b, fb));
        if (want && !hasNaN(ma, a, fa)) {
            assertThat(Compare.hash(b, parsedB)).as("seed %d: equal arrays hash equally", seed).isEqualTo(ha);
        }
        // an array whose format the struct module cannot read hashes its bytes
        assertThat(Compare.hash(a, null)).as("seed %d: unreadable format", seed)
                .isEqualTo(referenceHash(ma, a, null));
    }

    /** Random bytes for an item: small or all-ones bytes (NaNs, negative and beyond-long values); 0 or 1 for bools. */
    private static void rawItem(RandomGenerator r, byte[] mem, long p, Fmt f) {
        for (int k = 0; k < f.size(); k++) {
            mem[(int) p + k] = (byte) (f.code() == '?' ? r.nextInt(2) : r.nextInt(4) == 0 ? 0xff : r.nextInt(3));
        }
    }

    /**
     * CPython's {@code equiv_shape}: the same number of dimensions and the same extents up to the first zero one (the
     * extents after it do not count: both arrays are empty).
     */
    private static boolean equivalentShapes(long[] a, long[] b) {
        if (a.length != b.length) {
            return false;
        }
        for (int d = 0; d < a.length; d++) {
            if (a[d] != b[d]) {
                return false;
            }
            if (a[d] == 0) {
                return true;
            }
        }
        return true;
    }

    private static boolean hasNaN(byte[] mem, Layout l, Fmt f) {
        for (long[] idx : RandomLayouts.indices(l.shape())) {
            if (decode(mem, RandomLayouts.address(mem, l, idx), f) instanceof Double d && d.isNaN()) {
                return true;
            }
        }
        return false;
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void unreadableFormatsAreUnequalUnlessEmptyAndAlikeNative(long seed) {
        RandomGenerator r = rng(seed);
        long[] shape = RandomLayouts.randomShape(r, 3, 3, true);
        Plan p = plan(r, shape, 1);
        byte[] m = RandomLayouts.randomBytes(r, (int) p.size() + 4);
        Layout l = p.place(m, MemorySegment.ofArray(m), 0);
        Format b = Format.of("B");
        // the struct module cannot read one side: unequal, even to itself
        assertThat(Compare.equal(l, "X", '\0', null, l, "B", 'B', b)).as("seed %d", seed).isFalse();
        assertThat(Compare.equal(l, "B", 'B', b, l, "X", '\0', null)).as("seed %d", seed).isFalse();
        // the same native format on both sides needs no struct parse for an empty array
        boolean empty = Layouts.isEmpty(shape);
        if (empty) {
            assertThat(Compare.equal(l, "B", 'B', b, l, "B", 'B', b)).as("seed %d", seed).isTrue();
        }
    }

    @Test
    void multiValueItemsCompareAsTuples() {
        byte[] a = {1, 0, 2, 0, 3, 0, 4, 0};
        byte[] b = {0, 1, 0, 2, 0, 3, 0, 4};
        Layout la = new Layout(MemorySegment.ofArray(a), 0, new long[] {2}, new long[] {4}, null, 4);
        Layout lb = new Layout(MemorySegment.ofArray(b), 0, new long[] {2}, new long[] {4}, null, 4);
        Format hh = Format.of("<hh");
        Format be = Format.of(">hh");
        assertThat(Compare.equal(la, "<hh", '\0', hh, lb, ">hh", '\0', be)).isTrue();
        b[7] = 5;
        assertThat(Compare.equal(la, "<hh", '\0', hh, lb, ">hh", '\0', be)).isFalse();
        // hash: seed 31 * (31 + 1) + 2 = 994; each item is the tuple hash (31 * (31 + x) + y)
        int t1 = 31 * (31 + 1) + 2;
        int t2 = 31 * (31 + 3) + 4;
        assertThat(Compare.hash(la, hh)).isEqualTo(31 * (31 * 994 + t1) + t2);
    }

    /** A 1-D layout of {@code n} items of {@code size} bytes each in a fresh little-endian array. */
    private static Layout oneD(ByteBuffer bb, int n, int size) {
        return new Layout(MemorySegment.ofArray(bb.array()), 0, new long[] {n}, new long[] {size}, null, size);
    }

    private static boolean eq(Layout a, String fa, Layout b, String fb) {
        char ca = fa.length() == 1 ? fa.charAt(0) : '\0';
        char cb = fb.length() == 1 ? fb.charAt(0) : '\0';
        return Compare.equal(a, fa, ca, Format.of(fa), b, fb, cb, Format.of(fb));
    }

    private static Layout doubles(double... v) {
        ByteBuffer bb = ByteBuffer.allocate(8 * v.length).order(LE);
        for (double x : v) {
            bb.putDouble(x);
        }
        return oneD(bb, v.length, 8);
    }

    @Test
    void floatsCompareByValueNeverTruncated() {
        // Python: 1.5 != 1.25 (both truncate to 1); nan != nan (same bits); -0.0 == 0.0
        assertThat(eq(doubles(1.5, 2.0), "d", doubles(1.25, 2.0), "d")).isFalse();
        assertThat(eq(doubles(Double.NaN), "d", doubles(Double.NaN), "d")).isFalse();
        assertThat(eq(doubles(-0.0, 3.0), "d", doubles(0.0, 3.0), "d")).isTrue();
        ByteBuffer f = ByteBuffer.allocate(8).order(LE).putFloat(1.5f).putFloat(-0.0f);
        assertThat(eq(oneD(f, 2, 4), "f", doubles(1.5, 0.0), "d")).isTrue();
        assertThat(eq(oneD(f, 2, 4), "f", doubles(1.25, 0.0), "d")).isFalse();
        ByteBuffer e = ByteBuffer.allocate(4).order(LE).putShort(Float.floatToFloat16(0.5f))
                .putShort(Float.floatToFloat16(-2.75f));
        assertThat(eq(oneD(e, 2, 2), "e", doubles(0.5, -2.75), "<d")).isTrue();
        assertThat(eq(oneD(e, 2, 2), "e", doubles(0.5, -2.5), "d")).isFalse();
        // a float against an int: 2.5 != 2, 2.0 == 2
        ByteBuffer q = ByteBuffer.allocate(8).order(LE).putLong(2);
        assertThat(eq(doubles(2.5), "d", oneD(q, 1, 8), "q")).isFalse();
        assertThat(eq(doubles(2.0), "d", oneD(q, 1, 8), "q")).isTrue();
    }

    @Test
    void floatsThroughSuboffsetsCompareByValue() {
        // [2] of doubles, each through its own pointer (suboffset 0): items at bytes 16 and 24
        java.util.function.Function<double[], Layout> pil = v -> {
            ByteBuffer bb = ByteBuffer.allocate(32).order(ByteOrder.nativeOrder());
            bb.putLong(0, 24).putLong(8, 16).putDouble(24, v[0]).putDouble(16, v[1]);
            return new Layout(MemorySegment.ofArray(bb.array()), 0, new long[] {2}, new long[] {8}, new long[] {0},
                    8);
        };
        assertThat(eq(pil.apply(new double[] {1.5, 2}), "d", pil.apply(new double[] {1.25, 2}), "d")).isFalse();
        assertThat(eq(pil.apply(new double[] {1.5, 2}), "d", pil.apply(new double[] {1.5, 2}), "d")).isTrue();
        assertThat(eq(pil.apply(new double[] {Double.NaN, 2}), "d", pil.apply(new double[] {Double.NaN, 2}), "d"))
                .isFalse();
        assertThat(eq(pil.apply(new double[] {-0.0, 2}), "d", pil.apply(new double[] {0.0, 2}), "d")).isTrue();
        assertThat(eq(pil.apply(new double[] {1.5, 2}), "d", doubles(1.5, 2), "d")).isTrue();
        assertThat(eq(doubles(1.5, 2), "d", pil.apply(new double[] {1.5, 3}), "d")).isFalse();
        // bytewise formats through pointers: the first differing item decides
        assertThat(eq(pil.apply(new double[] {1.5, 2}), "q", pil.apply(new double[] {1.5, 2}), "q")).isTrue();
        assertThat(eq(pil.apply(new double[] {1.5, 2}), "q", pil.apply(new double[] {1.5, 3}), "q")).isFalse();
        assertThat(eq(pil.apply(new double[] {1.5, 2}), "q", doubles(1.5, 3), "q")).isFalse();
        // hash through pointers: the fold of the items' values
        int h = 31 * (31 * Compare.seed(new long[] {2}) + PyEq.hash(1.5)) + PyEq.hash(2.0);
        assertThat(Compare.hash(pil.apply(new double[] {1.5, 2}), Format.of("d"))).isEqualTo(h);
        long bits15 = Double.doubleToRawLongBits(1.5);
        long bits2 = Double.doubleToRawLongBits(2.0);
        int hq = 31 * (31 * Compare.seed(new long[] {2}) + Long.hashCode(bits15)) + Long.hashCode(bits2);
        assertThat(Compare.hash(pil.apply(new double[] {1.5, 2}), Format.of("q"))).isEqualTo(hq);
    }

    @Test
    void unsignedValuesBeyondTheLongRangeAreNotTheirBits() {
        ByteBuffer ones = ByteBuffer.allocate(8).order(LE).putLong(-1);
        // Python: 2**64 - 1 != -1, and != 2.0**64 (the double nearest to it)
        assertThat(eq(oneD(ones, 1, 8), "Q", oneD(ones, 1, 8), "q")).isFalse();
        assertThat(eq(oneD(ones, 1, 8), "Q", oneD(ones, 1, 8), "<Q")).isTrue();
        assertThat(eq(oneD(ones, 1, 8), "Q", doubles(0x1p64), "d")).isFalse();
        ByteBuffer top = ByteBuffer.allocate(8).order(LE).putLong(Long.MIN_VALUE);
        assertThat(eq(oneD(top, 1, 8), "Q", doubles(0x1p63), "d")).isTrue();
        // hash: 2**64 - 1 hashes as the integer, not as the long -1
        BigInteger max = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
        assertThat(Compare.hash(oneD(ones, 1, 8), Format.of("Q")))
                .isEqualTo(31 * Compare.seed(new long[] {1}) + PyEq.hash(max));
        assertThat(Compare.hash(oneD(ones, 1, 8), Format.of("q")))
                .isEqualTo(31 * Compare.seed(new long[] {1}) + Long.hashCode(-1));
    }

    @Test
    void paddedFormatsCompareAndHashTheValueNotThePad() {
        // "<xh": one pad byte, then a little-endian short: items {pad, 7} and {pad, -2}
        ByteBuffer a = ByteBuffer.allocate(6).order(LE).put((byte) 0x55).putShort((short) 7).put((byte) 0x66)
                .putShort((short) -2);
        ByteBuffer b = ByteBuffer.allocate(4).order(LE).putShort((short) 7).putShort((short) -2);
        Layout la = oneD(a, 2, 3);
        Layout lb = oneD(b, 2, 2);
        assertThat(eq(la, "<xh", lb, "h")).isTrue();
        assertThat(eq(lb, "h", la, "<xh")).isTrue();
        b.putShort(2, (short) -3);
        assertThat(eq(la, "<xh", lb, "h")).isFalse();
        int h = 31 * (31 * Compare.seed(new long[] {2}) + Long.hashCode(7)) + Long.hashCode(-2);
        assertThat(Compare.hash(la, Format.of("<xh"))).isEqualTo(h);
        ByteBuffer d = ByteBuffer.allocate(18).order(LE).put((byte) 1).putDouble(0.5).put((byte) 2).putDouble(-4);
        assertThat(eq(oneD(d, 2, 9), "<xd", doubles(0.5, -4), "d")).isTrue();
        assertThat(Compare.hash(oneD(d, 2, 9), Format.of("<xd")))
                .isEqualTo(31 * (31 * Compare.seed(new long[] {2}) + PyEq.hash(0.5)) + PyEq.hash(-4.0));
    }

    @Test
    void emptyArraysAreEqualWhateverTheirExtentsAfterTheFirstZero() {
        MemorySegment m = MemorySegment.ofArray(new byte[1]);
        Layout a = new Layout(m, 0, new long[] {0, 3}, new long[] {3, 1}, null, 1);
        Layout b = new Layout(m, 0, new long[] {0, 4}, new long[] {4, 1}, null, 1);
        Layout c = new Layout(m, 0, new long[] {1, 0}, new long[] {0, 1}, null, 1);
        Format f = Format.of("B");
        Format h = Format.of("<h");
        assertThat(Compare.equal(a, "B", 'B', f, b, "B", 'B', f)).isTrue();
        assertThat(Compare.equal(a, "B", 'B', f, b, "<h", '\0', h)).isTrue();
        assertThat(Compare.equal(a, "B", 'B', f, c, "B", 'B', f)).isFalse();
        assertThat(Compare.hash(a, f)).isEqualTo(Compare.hash(b, f)).isEqualTo(Compare.seed(new long[] {0, 9}));
    }

    @Test
    void hashSeedStopsAtTheFirstZeroExtent() {
        assertThat(Compare.seed(new long[0])).isEqualTo(31);
        assertThat(Compare.seed(new long[] {3})).isEqualTo(31 * 32 + 3);
        assertThat(Compare.seed(new long[] {0, 5})).isEqualTo(Compare.seed(new long[] {0, 7}))
                .isEqualTo(31 * 33);
        assertThat(Compare.seed(new long[] {2, 0, 5})).isEqualTo(31 * (31 * 34 + 2));
        assertThat(Compare.fold(10, 5)).isEqualTo(315);
    }
}
