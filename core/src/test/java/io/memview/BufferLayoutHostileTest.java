package io.memview;

import io.memview.struct.Struct;
import io.memview.testing.Hostile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.lang.foreign.MemorySegment;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.HexFormat;
import java.util.random.RandomGenerator;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile layouts for {@link Buffer#builder}: random offsets, formats, item sizes, shapes (zero, negative, huge,
 * overflowing, more than 64 dimensions), strides (negative, zero, pointing outside, of the wrong count) and
 * suboffsets. Each accepted layout is proven inside its segment by brute force — every index enumerated, its
 * address computed with {@code BigInteger}, independently of the library's {@code Layouts.extent} — and its view's
 * bytes ({@code toBytes}, {@code hex}, {@code get}) are compared with a naive model that reads them at those
 * addresses; every refusal must be an {@link IllegalArgumentException} whose message names the field that is wrong,
 * and must happen exactly when the model says the layout is invalid.
 */
class BufferLayoutHostileTest {

    static LongStream seeds() {
        return LongStream.range(0, 8);
    }

    private static final String[] FORMATS = {"B", "b", "c", "h", "<h", "i", ">i", "q", "d", "f", "?", "2h", "<iB",
        "3s", "", "0i", "x", "w", "T{i}", "Zz", "é", "9223372036854775807x", "@B"};
    private static final long[] EXTENTS = {0, 1, 1, 2, 2, 3, 3, 5, -1, Long.MAX_VALUE, 1L << 32, 1L << 62,
        Long.MIN_VALUE};

    /** A random builder request, kept as plain fields so that the model can judge it. */
    record Request(int segSize, boolean segReadOnly, Long offset, String format, boolean formatSet, Integer itemsize,
                   long[] shape, long[] strides, long[] suboffsets, Boolean readonly) {}

    static Request request(RandomGenerator r) {
        int size = r.nextInt(8) == 0 ? 0 : r.nextInt(1, 65);
        Long offset = switch (r.nextInt(8)) {
            case 0 -> null;
            case 1 -> r.nextBoolean() ? Long.MIN_VALUE : Long.MAX_VALUE;
            case 2 -> (long) size;
            default -> r.nextLong(-3, size + 4);
        };
        boolean formatSet = r.nextInt(4) > 0;
        String format = formatSet ? (r.nextInt(30) == 0 ? null : FORMATS[r.nextInt(FORMATS.length)]) : null;
        Integer itemsize = switch (r.nextInt(6)) {
            case 0, 1, 2 -> null;
            case 3 -> r.nextInt(1, 17);
            case 4 -> formatSet && format != null && calc(format) != null ? (int) (long) calc(format) : 1;
            default -> new int[] {0, -1, Integer.MAX_VALUE, Integer.MIN_VALUE}[r.nextInt(4)];
        };
        long[] shape = null;
        long[] strides = null;
        long[] sub = null;
        if (r.nextInt(6) > 0) {
            int ndim = r.nextInt(40) == 0 ? r.nextInt(64, 70) : r.nextInt(0, 4);
            shape = new long[ndim];
            for (int d = 0; d < ndim; d++) {
                shape[d] = ndim > 8 ? 1 : r.nextInt(5) > 0 ? r.nextInt(0, 4) : EXTENTS[r.nextInt(EXTENTS.length)];
            }
            if (r.nextInt(5) > 0) {
                int n = r.nextInt(12) == 0 ? Math.max(0, ndim + r.nextInt(-1, 2)) : ndim;
                strides = new long[n];
                int isz = itemsize != null && itemsize > 0 && itemsize < 64 ? itemsize : 1;
                for (int d = 0; d < n; d++) {
                    strides[d] = switch (r.nextInt(8)) {
                        case 0 -> 0;
                        case 1 -> r.nextLong(-20, 21);
                        case 2 -> new long[] {Long.MIN_VALUE, Long.MAX_VALUE, 1L << 62, -(1L << 62),
                            1L << 32}[r.nextInt(5)];
                        default -> (long) isz * r.nextInt(-4, 5);
                    };
                }
            }
            if (r.nextInt(10) == 0) {
                int n = r.nextInt(12) == 0 ? Math.max(0, ndim + r.nextInt(-1, 2)) : ndim;
                sub = new long[n];
                for (int d = 0; d < n; d++) {
                    sub[d] = r.nextInt(3) == 0 ? r.nextLong(0, 16) : -1;
                }
            }
        }
        Boolean ro = r.nextInt(4) == 0 ? r.nextBoolean() : null;
        return new Request(size, r.nextInt(6) == 0, offset, format, formatSet, itemsize, shape, strides, sub, ro);
    }

    static Long calc(String format) {
        try {
            return Struct.calcsize(format);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The field the model finds wrong first, in the documented order, or {@code null} for a valid layout. */
    static String modelVerdict(Request q, byte[] mem, int[] itemsizeOut) {
        long size = q.segSize();
        long offset = q.offset() == null ? 0 : q.offset();
        if (offset < 0 || offset > size) {
            return "offset";
        }
        // itemsize: explicit, else the format's calcsize (which must be 1 .. 2**31-1); an explicit one must match
        // an explicit struct format
        String format = q.formatSet() ? q.format() : "B";
        if (!q.formatSet() && q.itemsize() != null && q.itemsize() >= 0) {
            format = q.itemsize() == 1 ? "B" : null;
        }
        Long calc = format == null ? null : calc(format);
        int isz;
        if (q.itemsize() == null) {
            if (format != null && calc == null) {
                return "format";
            }
            if (calc == null) {
                isz = 1;
            } else if (calc < 1 || calc > Integer.MAX_VALUE) {
                return "format";
            } else {
                isz = (int) (long) calc;
            }
        } else {
            if (q.itemsize() < 1) {
                return "itemsize";
            }
            if (calc != null && calc != (long) q.itemsize() && q.formatSet()) {
                return "itemsize";
            }
            isz = q.itemsize();
        }
        itemsizeOut[0] = isz;
        long[] shape = q.shape() != null ? q.shape() : new long[] {(size - offset) / isz};
        if (shape.length > 64) {
            return "dimensions";
        }
        BigInteger n = BigInteger.ONE;
        for (long s : shape) {
            if (s < 0) {
                return "shape";
            }
            n = n.multiply(BigInteger.valueOf(s));
        }
        if (n.multiply(BigInteger.valueOf(isz)).bitLength() > 63) {
            return "shape";
        }
        long[] strides = q.strides() != null ? q.strides() : cStrides(shape, isz);
        if (strides.length != shape.length) {
            return "strides";
        }
        if (q.suboffsets() != null && q.suboffsets().length != shape.length) {
            return "suboffsets";
        }
        if (n.signum() != 0) {
            // extent of the directly addressed part: up to and including the first indirect dimension
            int dims = shape.length;
            int unit = isz;
            if (q.suboffsets() != null) {
                for (int d = 0; d < shape.length; d++) {
                    if (q.suboffsets()[d] >= 0) {
                        dims = d + 1;
                        unit = 8;
                        break;
                    }
                }
            }
            BigInteger lo = BigInteger.valueOf(offset);
            BigInteger hi = BigInteger.valueOf(offset + unit);
            for (int d = 0; d < dims; d++) {
                BigInteger span = BigInteger.valueOf(shape[d] - 1).multiply(BigInteger.valueOf(strides[d]));
                if (span.signum() < 0) {
                    lo = lo.add(span);
                } else {
                    hi = hi.add(span);
                }
            }
            if (lo.signum() < 0 || hi.compareTo(BigInteger.valueOf(size)) > 0) {
                return "reach outside";
            }
            // Buffer.builder follows the pointers it holds now (the cases here have far fewer than its limit):
            // every item reached through them must lie inside too
            if (q.suboffsets() != null) {
                String v = pointerVerdict(mem, offset, shape, strides, q.suboffsets(), isz);
                if (v != null) {
                    return v;
                }
            }
        }
        boolean ro = q.readonly() != null ? q.readonly() : q.segReadOnly();
        if (!ro && q.segReadOnly()) {
            return "readonly";
        }
        return null;
    }

    static long[] cStrides(long[] shape, long isz) {
        long[] s = new long[shape.length];
        long sd = isz;
        for (int d = shape.length - 1; d >= 0; d--) {
            s[d] = sd;
            sd *= shape[d];
        }
        return s;
    }

    static Buffer build(Request q, MemorySegment seg) {
        Buffer.Builder b = Buffer.builder(seg);
        if (q.offset() != null) {
            b.offset(q.offset());
        }
        if (q.formatSet()) {
            b.format(q.format());
        }
        if (q.itemsize() != null) {
            b.itemsize(q.itemsize());
        }
        if (q.shape() != null) {
            b.shape(q.shape());
        }
        if (q.strides() != null) {
            b.strides(q.strides());
        }
        if (q.suboffsets() != null) {
            b.suboffsets(q.suboffsets());
        }
        if (q.readonly() != null) {
            b.readonly(q.readonly());
        }
        return b.build();
    }

    /** How many pointers {@code Buffer.builder} follows at most (beyond that, every dereference is checked later). */
    static final long MAX_FOLLOWED = 1 << 16;

    /**
     * The model of the pointer check of {@code Buffer.builder}: the dimensions in groups, each ending at an indirect
     * dimension (whose elements are 8-byte pointers) or at the item; every group's span must fit in 64 bits, and from
     * every base its bytes must lie in the segment; the bases of a group are the pointers of the group before, plus
     * the suboffset, followed while there are at most {@link #MAX_FOLLOWED} of them. {@code null} when valid.
     */
    static String pointerVerdict(byte[] mem, long offset, long[] shape, long[] strides, long[] sub, int isz) {
        BigInteger longMin = BigInteger.valueOf(Long.MIN_VALUE);
        BigInteger longMax = BigInteger.valueOf(Long.MAX_VALUE);
        List<int[]> groups = new ArrayList<>();
        for (int start = 0; ; ) {
            int d = start;
            while (d < shape.length && sub[d] < 0) {
                d++;
            }
            boolean indirect = d < shape.length;
            int stop = indirect ? d + 1 : shape.length;
            groups.add(new int[] {start, stop, indirect ? 1 : 0});
            if (!indirect) {
                break; // the last group ends at the item (it has no dimensions after a trailing indirect one)
            }
            start = stop;
        }
        BigInteger[][] ext = new BigInteger[groups.size()][];
        for (int g = 0; g < groups.size(); g++) {
            int[] grp = groups.get(g);
            BigInteger lo = BigInteger.ZERO;
            BigInteger hi = BigInteger.valueOf(grp[2] == 1 ? 8 : isz);
            for (int d = grp[0]; d < grp[1]; d++) {
                BigInteger span = BigInteger.valueOf(shape[d] - 1).multiply(BigInteger.valueOf(strides[d]));
                if (span.signum() < 0) {
                    lo = lo.add(span);
                } else {
                    hi = hi.add(span);
                }
            }
            if (lo.compareTo(longMin) < 0 || hi.compareTo(longMax) > 0) {
                return "reach outside"; // refused as a span that overflows 64 bits
            }
            ext[g] = new BigInteger[] {lo, hi};
        }
        List<Long> bases = List.of(offset);
        for (int g = 0; g < groups.size(); g++) {
            for (long base : bases) {
                BigInteger b = BigInteger.valueOf(base);
                if (b.add(ext[g][0]).signum() < 0 || b.add(ext[g][1]).compareTo(BigInteger.valueOf(mem.length)) > 0) {
                    return "reach outside";
                }
            }
            int[] grp = groups.get(g);
            if (grp[2] == 0) {
                return null;
            }
            BigInteger count = BigInteger.valueOf(bases.size());
            for (int d = grp[0]; d < grp[1]; d++) {
                count = count.multiply(BigInteger.valueOf(shape[d]));
            }
            if (count.compareTo(BigInteger.valueOf(MAX_FOLLOWED)) > 0) {
                return null;
            }
            List<Long> next = new ArrayList<>();
            int dims = grp[1] - grp[0];
            long[] idx = new long[dims];
            for (long base : bases) {
                Arrays.fill(idx, 0);
                while (true) {
                    long p = base;
                    for (int k = 0; k < dims; k++) {
                        p += idx[k] * strides[grp[0] + k];
                    }
                    long ptr = ByteBuffer.wrap(mem).order(ByteOrder.nativeOrder()).getLong((int) p);
                    BigInteger target = BigInteger.valueOf(ptr).add(BigInteger.valueOf(sub[grp[1] - 1]));
                    if (target.bitLength() > 63) {
                        return "suboffsets"; // a pointer plus its suboffset overflows
                    }
                    next.add(target.longValue());
                    int k = dims - 1;
                    while (k >= 0 && ++idx[k] == shape[grp[0] + k]) {
                        idx[k--] = 0;
                    }
                    if (k < 0) {
                        break;
                    }
                }
            }
            bases = next;
        }
        return null;
    }

    /** The address of the item at {@code idx} by the model, following suboffsets; -1 when a pointer leads outside. */
    static long modelAddress(byte[] mem, long offset, long[] strides, long[] sub, long[] idx, int isz) {
        BigInteger p = BigInteger.valueOf(offset);
        for (int d = 0; d < idx.length; d++) {
            p = p.add(BigInteger.valueOf(idx[d]).multiply(BigInteger.valueOf(strides[d])));
            if (sub != null && sub[d] >= 0) {
                if (p.signum() < 0 || p.longValue() > mem.length - 8 || p.bitLength() > 62) {
                    return -1;
                }
                long ptr = ByteBuffer.wrap(mem).order(ByteOrder.nativeOrder()).getLong(p.intValue());
                p = BigInteger.valueOf(ptr).add(BigInteger.valueOf(sub[d]));
            }
        }
        if (p.signum() < 0 || p.bitLength() > 62 || p.longValue() > mem.length - isz) {
            return -1;
        }
        return p.longValue();
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void everyAcceptedLayoutStaysInsideItsSegmentAndEveryRefusalNamesTheField(long seed) {
        Hostile.Tally tally = Hostile.run("buffer.builder", seed, Hostile.cases(30_000),
                Hostile.budget(Duration.ofMillis(1200)), (r, t) -> {
            Request q = request(r);
            byte[] mem = new byte[q.segSize()];
            r.nextBytes(mem);
            if (q.suboffsets() != null && mem.length >= 8 && r.nextBoolean()) {
                // plant a pointer that leads back inside, so that some indirect layouts have real items
                long target = r.nextLong(0, mem.length);
                ByteBuffer.wrap(mem).order(ByteOrder.nativeOrder()).putLong(r.nextInt(0, mem.length - 7), target);
            }
            MemorySegment seg = MemorySegment.ofArray(mem);
            if (q.segReadOnly()) {
                seg = seg.asReadOnly();
            }
            String ctx = q + " shape=" + Arrays.toString(q.shape())
                    + " strides=" + Arrays.toString(q.strides()) + " suboffsets=" + Arrays.toString(q.suboffsets());
            int[] isz = {0};
            String wrong = modelVerdict(q, mem, isz);
            Buffer b;
            try {
                b = build(q, seg);
            } catch (IllegalArgumentException e) {
                Hostile.checkRefusal(e, ctx, IllegalArgumentException.class);
                assertThat(wrong).as(ctx + " refused: " + e.getMessage()).isNotNull();
                if (wrong.equals("reach outside")) {
                    // a span past 64 bits is refused before it is compared with the segment, with its own words
                    assertThat(e.getMessage()).as(ctx).containsAnyOf("reach outside", "overflow a 64-bit offset");
                } else {
                    assertThat(e.getMessage()).as(ctx).contains(wrong);
                }
                t.count("refused: " + wrong);
                return;
            }
            assertThat(wrong).as(ctx + " accepted; the model finds this wrong").isNull();
            checkAccepted(q, b, mem, isz[0], ctx, r, t);
        });
        if (tally.cases() >= 5000) { // the time budget may stop a slow (instrumented) run earlier
            assertThat(tally.counts().keySet()).as("seed %d: the generator reaches the interesting outcomes", seed)
                    .contains("accepted", "refused: reach outside", "refused: shape");
        }
    }

    private static void checkAccepted(Request q, Buffer b, byte[] mem, int isz, String ctx, RandomGenerator r,
                                      Hostile.Tally t) {
        t.count("accepted");
        long offset = q.offset() == null ? 0 : q.offset();
        long[] shape = b.shape();
        long[] strides = b.strides();
        assertThat(b.itemsize()).as(ctx).isEqualTo(isz);
        assertThat(b.offset()).as(ctx).isEqualTo(offset);
        BigInteger n = BigInteger.ONE;
        for (long s : shape) {
            n = n.multiply(BigInteger.valueOf(s));
        }
        assertThat(b.len()).as(ctx).isEqualTo(n.longValueExact() * isz);
        MemoryView v = MemoryView.of(b);
        assertThat(v.shape()).as(ctx).isEqualTo(shape);
        assertThat(v.strides()).as(ctx).isEqualTo(strides);
        assertThat(v.nbytes()).as(ctx).isEqualTo(b.len());
        long[] sub = b.suboffsets();
        if (n.compareTo(BigInteger.valueOf(4096)) > 0) {
            // huge (zero strides make that possible): the copies refuse, nothing is allocated
            t.count("accepted huge");
            if (v.nbytes() > Integer.MAX_VALUE) {
                for (int k = 0; k < 3; k++) {
                    try {
                        switch (k) {
                            case 0 -> v.toBytes();
                            case 1 -> v.hex();
                            default -> v.toList();
                        }
                        throw new AssertionError(ctx + ": copy of " + v.nbytes() + " bytes returned");
                    } catch (IllegalArgumentException | UnsupportedOperationException e) {
                        Hostile.checkRefusal(e, ctx, IllegalArgumentException.class,
                                UnsupportedOperationException.class);
                    }
                }
            }
            // the corner items are readable (or the format refuses access) and equal the model's bytes
            long[] idx = new long[shape.length];
            for (int d = 0; d < shape.length; d++) {
                idx[d] = r.nextBoolean() ? 0 : shape[d] - 1;
            }
            checkItem(v, mem, offset, strides, sub, idx, isz, ctx, t);
            return;
        }
        // brute force: every index, its address by the model, inside the segment
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        boolean indirectOutside = false;
        if (n.signum() > 0) {
            long[] idx = new long[shape.length];
            do {
                long p = modelAddress(mem, offset, strides, sub, idx, isz);
                if (p < 0) {
                    assertThat(sub).as(ctx + ": direct item outside at " + Arrays.toString(idx)).isNotNull();
                    indirectOutside = true;
                } else {
                    expected.write(mem, (int) p, isz);
                }
            } while (next(idx, shape));
        }
        if (indirectOutside) {
            try {
                v.toBytes();
                throw new AssertionError(ctx + ": toBytes followed a pointer outside the segment");
            } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
                // a pointer leads outside, or (an item of 2 GiB behind a pointer) the copy would be too large
                Hostile.checkRefusal(e, ctx, IndexOutOfBoundsException.class, IllegalArgumentException.class);
                t.count("accepted, pointer outside refused");
            }
        } else {
            byte[] want = expected.toByteArray();
            assertThat(v.toBytes()).as(ctx).isEqualTo(want);
            assertThat(v.hex()).as(ctx).isEqualTo(HexFormat.of().formatHex(want));
            t.count("accepted, bytes verified");
        }
        for (int k = 0; k < 4 && n.signum() > 0; k++) {
            long[] idx = new long[shape.length];
            for (int d = 0; d < shape.length; d++) {
                idx[d] = r.nextLong(0, shape[d]);
            }
            checkItem(v, mem, offset, strides, sub, idx, isz, ctx, t);
        }
        v.release();
    }

    /** {@code get} at {@code idx}: the model's item, or a documented refusal. */
    private static void checkItem(MemoryView v, byte[] mem, long offset, long[] strides, long[] sub, long[] idx,
                                  int isz, String ctx, Hostile.Tally t) {
        long p = modelAddress(mem, offset, strides, sub, idx, isz);
        Object got;
        try {
            got = v.get(idx);
        } catch (UnsupportedOperationException e) {
            Hostile.checkRefusal(e, ctx, UnsupportedOperationException.class);
            t.count("item: format has no values");
            return;
        } catch (IndexOutOfBoundsException e) {
            Hostile.checkRefusal(e, ctx, IndexOutOfBoundsException.class);
            assertThat(p).as(ctx + " get refused at " + Arrays.toString(idx)).isEqualTo(-1);
            t.count("item: pointer outside refused");
            return;
        }
        assertThat(p).as(ctx + " get at " + Arrays.toString(idx) + " read outside").isNotNegative();
        // the item equals what the same format reads from the model's bytes at that address
        if (v.format().equals("B") || v.format().equals("@B")) {
            assertThat(got).as(ctx).isEqualTo((long) (mem[(int) p] & 0xff));
        } else {
            Object want = MemoryView.of(Arrays.copyOfRange(mem, (int) p, (int) p + isz)).cast(v.format()).get(0);
            assertThat(got).as(ctx).isEqualTo(want);
        }
        t.count("item verified");
    }

    static boolean next(long[] idx, long[] shape) {
        for (int d = idx.length - 1; d >= 0; d--) {
            if (++idx[d] < shape[d]) {
                return true;
            }
            idx[d] = 0;
        }
        return false;
    }
}
