package io.memview.internal;

import io.memview.internal.format.Mem;

import io.memview.internal.format.Format;
import io.memview.internal.format.Scalar;

import java.lang.foreign.MemorySegment;

/**
 * Equality and hashing of arrays by item value: CPython's {@code memory_richcompare}. Two arrays are equal when their
 * shapes are equivalent and every item, read through each side's format, is equal ({@link PyEq}). Same-format
 * integer, {@code c} and {@code ?} arrays compare bytes ({@link MemorySegment#mismatch} when contiguous); floats
 * compare as doubles (NaN unequal, {@code -0.0 == 0.0}); mixed or non-native formats compare values.
 */
public final class Compare {
    private Compare() {}

    private static final String BYTEWISE = "bBhHiIlLqQnNPc?";

    /**
     * {@return whether arrays {@code a} and {@code b} are equal} {@code ca}/{@code cb} are the native format characters
     * ({@code '\0'} when not native); {@code pa}/{@code pb} the parsed formats ({@code null} when the struct module
     * cannot read the items, which makes the arrays unequal).
     */
    public static boolean equal(Layout a, String fa, char ca, Format pa, Layout b, String fb, char cb, Format pb) {
        if (a.ndim() != b.ndim()) {
            return false;
        }
        boolean empty = false;
        for (int d = 0; d < a.ndim(); d++) {
            if (a.shape()[d] != b.shape()[d]) {
                return false;
            }
            if (a.shape()[d] == 0) {
                empty = true;
                break;
            }
        }
        boolean fast = ca != '\0' && ca == cb;
        if (!fast && (pa == null || pb == null)) {
            return false;
        }
        if (empty) {
            return true;
        }
        if (fast && BYTEWISE.indexOf(ca) >= 0) {
            return equalBytes(a, b, pa.singleScalar().size());
        }
        if (a.suboffsets() == null && b.suboffsets() == null) {
            // Scalars both read as longs or both as doubles compare by primitive value (Python == on the items),
            // walking the two layouts with their dimensions merged.
            Scalar sa = pa.singleScalar();
            Scalar sb = pb.singleScalar();
            int how = sa == null || sb == null ? 0 : asLong(sa) && asLong(sb) ? 1
                    : sa.kind() == Scalar.Kind.FLOAT && sb.kind() == Scalar.Kind.FLOAT ? 2 : 0;
            if (how != 0) {
                Copier.Merged m = Copier.Merged.of(a.shape(), a.strides(), b.strides(), a.itemsize());
                return equalValues(a.memory(), a.offset() + pa.single().offset(), sa, b.memory(),
                        b.offset() + pb.single().offset(), sb, m, how == 2);
            }
        }
        long[] idx = new long[a.ndim()];
        if (fast) {
            Scalar sa = pa.singleScalar();
            Scalar sb = pb.singleScalar();
            do {
                if (sa.getDouble(a.memory(), a.address(idx)) != sb.getDouble(b.memory(), b.address(idx))) {
                    return false;
                }
            } while (Odometer.next(idx, a.shape()));
            return true;
        }
        do {
            if (!PyEq.eq(pa.item(a.memory(), a.address(idx)), pb.item(b.memory(), b.address(idx)))) {
                return false;
            }
        } while (Odometer.next(idx, a.shape()));
        return true;
    }

    /** Integer kinds whose every value fits a long (not unsigned 64-bit), and {@code '?'}: compared as longs. */
    private static boolean asLong(Scalar s) {
        return (s.isInteger() && !(s.kind() == Scalar.Kind.UNSIGNED && s.size() == 8)) || s.kind() == Scalar.Kind.BOOL;
    }

    /** Item by item along merged runs: longs with {@code ==}, or doubles with {@code ==} (NaN unequal). */
    private static boolean equalValues(MemorySegment am, long pa, Scalar sa, MemorySegment bm, long pb, Scalar sb,
                                       Copier.Merged m, boolean doubles) {
        int nd = m.shape().length;
        if (nd == 0) {
            return doubles ? sa.getDouble(am, pa) == sb.getDouble(bm, pb) : sa.getLong(am, pa) == sb.getLong(bm, pb);
        }
        long inner = m.shape()[nd - 1];
        long ia = m.a()[nd - 1];
        long ib = m.b()[nd - 1];
        long[] idx = new long[nd];
        long[] pos = {pa, pb};
        boolean dense = ia == sa.size() && ib == sb.size();
        do {
            long x = pos[0];
            long y = pos[1];
            if (dense && !doubles) {
                // Dense rows: the item sizes literals of the codecs, and blocks compared into a flag without an exit
                // per item, so that the loop vectorizes.
                for (long k = 0; k < inner; k += BLOCK) {
                    long end = Math.min(inner, k + BLOCK);
                    long diff = 0;
                    for (long j = k; j < end; j++) {
                        diff |= sa.getLongAt(am, x, j) ^ sb.getLongAt(bm, y, j);
                    }
                    if (diff != 0) {
                        return false;
                    }
                }
            } else if (dense && sa == sb && (sa == Scalar.F64_LE || sa == Scalar.F64_BE)) {
                if (!equalDoubleRow(am, x, bm, y, inner, sa)) {
                    return false;
                }
            } else if (doubles) {
                for (long k = 0; k < inner; k++, x += ia, y += ib) {
                    if (sa.getDouble(am, x) != sb.getDouble(bm, y)) {
                        return false;
                    }
                }
            } else {
                for (long k = 0; k < inner; k++, x += ia, y += ib) {
                    if (sa.getLong(am, x) != sb.getLong(bm, y)) {
                        return false;
                    }
                }
            }
        } while (m.nextRow(idx, pos));
        return true;
    }

    /** Items per block of a block compare: long enough to vectorize, short enough to stop soon after a difference. */
    private static final int BLOCK = 512;

    /**
     * Python {@code ==} of two dense rows of {@code n} doubles of the same codec, a block at a time: a block whose
     * bits are all equal and hold no NaN is equal (two vectorizable reductions, no exit per item); any other block is
     * compared value by value ({@code -0.0 == 0.0}, NaN unequal).
     */
    private static boolean equalDoubleRow(MemorySegment am, long x, MemorySegment bm, long y, long n, Scalar s) {
        boolean le = s == Scalar.F64_LE;
        for (long k = 0; k < n; k += BLOCK) {
            long end = Math.min(n, k + BLOCK);
            long diff = 0;
            // A NaN's magnitude bits exceed the infinity's: (bits & ~sign) - (inf + 1) is negative for all others.
            long noNaN = -1;
            if (le) {
                for (long j = k; j < end; j++) {
                    long u = Mem.getLongLE(am, x + j * 8);
                    diff |= u ^ Mem.getLongLE(bm, y + j * 8);
                    noNaN &= (u & Long.MAX_VALUE) - 0x7ff0000000000001L;
                }
            } else {
                for (long j = k; j < end; j++) {
                    long u = Mem.getLongBE(am, x + j * 8);
                    diff |= u ^ Mem.getLongBE(bm, y + j * 8);
                    noNaN &= (u & Long.MAX_VALUE) - 0x7ff0000000000001L;
                }
            }
            if (diff != 0 || noNaN >= 0) {
                for (long j = k; j < end; j++) {
                    if (s.getDoubleAt(am, x, j) != s.getDoubleAt(bm, y, j)) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    /** Compares the first {@code valueSize} bytes of every item. */
    private static boolean equalBytes(Layout a, Layout b, int valueSize) {
        int isz = a.itemsize();
        if (isz == valueSize && isz == b.itemsize() && a.isC() && b.isC()) {
            long n = a.count() * isz;
            return MemorySegment.mismatch(a.memory(), a.offset(), a.offset() + n, b.memory(), b.offset(),
                    b.offset() + n) == -1;
        }
        if (a.suboffsets() == null && b.suboffsets() == null) {
            Copier.Merged m = Copier.Merged.of(a.shape(), a.strides(), b.strides(), isz);
            return equalRuns(a, b, m, valueSize);
        }
        long[] idx = new long[a.ndim()];
        do {
            long pa = a.address(idx);
            long pb = b.address(idx);
            if (MemorySegment.mismatch(a.memory(), pa, pa + valueSize, b.memory(), pb, pb + valueSize) != -1) {
                return false;
            }
        } while (Odometer.next(idx, a.shape()));
        return true;
    }

    private static boolean equalRuns(Layout a, Layout b, Copier.Merged m, int valueSize) {
        int nd = m.shape().length;
        MemorySegment am = a.memory();
        MemorySegment bm = b.memory();
        if (nd == 0) {
            return MemorySegment.mismatch(am, a.offset(), a.offset() + valueSize, bm, b.offset(),
                    b.offset() + valueSize) == -1;
        }
        long inner = m.shape()[nd - 1];
        long sa = m.a()[nd - 1];
        long sb = m.b()[nd - 1];
        boolean block = sa == valueSize && sb == valueSize && a.itemsize() == valueSize;
        long[] idx = new long[nd];
        long[] pos = {a.offset(), b.offset()};
        do {
            long pa = pos[0];
            long pb = pos[1];
            if (block) {
                if (MemorySegment.mismatch(am, pa, pa + inner * valueSize, bm, pb, pb + inner * valueSize) != -1) {
                    return false;
                }
            } else if (!equalRow(am, pa, sa, bm, pb, sb, inner, valueSize)) {
                return false;
            }
        } while (m.nextRow(idx, pos));
        return true;
    }

    private static boolean equalRow(MemorySegment am, long pa, long sa, MemorySegment bm, long pb, long sb, long n,
                                    int size) {
        switch (size) {
            case 1 -> {
                for (long i = 0; i < n; i++, pa += sa, pb += sb) {
                    if (Mem.getByte(am, pa) != Mem.getByte(bm, pb)) {
                        return false;
                    }
                }
            }
            case 2 -> {
                for (long i = 0; i < n; i++, pa += sa, pb += sb) {
                    if (Mem.getShortLE(am, pa) != Mem.getShortLE(bm, pb)) {
                        return false;
                    }
                }
            }
            case 4 -> {
                for (long i = 0; i < n; i++, pa += sa, pb += sb) {
                    if (Mem.getIntLE(am, pa) != Mem.getIntLE(bm, pb)) {
                        return false;
                    }
                }
            }
            case 8 -> {
                for (long i = 0; i < n; i++, pa += sa, pb += sb) {
                    if (Mem.getLongLE(am, pa) != Mem.getLongLE(bm, pb)) {
                        return false;
                    }
                }
            }
            default -> {
                for (long i = 0; i < n; i++, pa += sa, pb += sb) {
                    if (MemorySegment.mismatch(am, pa, pa + size, bm, pb, pb + size) != -1) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    // ------------------------------------------------------------------------------------------------------ hash

    /** The hash every array starts from: its number of dimensions and its shape up to the first zero extent. */
    public static int seed(long[] shape) {
        int h = 31 + shape.length;
        for (long s : shape) {
            h = 31 * h + Long.hashCode(s);
            if (s == 0) {
                break;
            }
        }
        return h;
    }

    /** Folds one item hash into {@code h}. */
    public static int fold(int h, int itemHash) {
        return 31 * h + itemHash;
    }

    /**
     * A hash of the array's shape and item values, consistent with {@link #equal}; arrays whose format the struct
     * module cannot read hash their bytes as unsigned values.
     */
    public static int hash(Layout l, Format parsed) {
        int h = seed(l.shape());
        if (Layouts.isEmpty(l.shape())) {
            return h;
        }
        long[] idx = new long[l.ndim()];
        MemorySegment m = l.memory();
        Scalar s = parsed == null ? null : parsed.singleScalar();
        boolean direct = s != null && (s.isInteger() && !(s.kind() == Scalar.Kind.UNSIGNED && s.size() == 8)
                || s.kind() == Scalar.Kind.BOOL);
        long valueOffset = parsed == null || parsed.single() == null ? 0 : parsed.single().offset();
        if (direct && l.suboffsets() == null) {
            return hashRuns(h, m, l.offset() + valueOffset, s,
                    Copier.Merged.of(l.shape(), l.strides(), l.strides(), l.itemsize()));
        }
        do {
            long p = l.address(idx);
            int ih;
            if (parsed == null) {
                ih = 0;
                for (int k = 0; k < l.itemsize(); k++) {
                    ih = 31 * ih + (Mem.getByte(m, p + k) & 0xff);
                }
            } else if (direct) {
                ih = Long.hashCode(s.getLong(m, p + valueOffset));
            } else {
                ih = PyEq.hash(parsed.item(m, p));
            }
            h = fold(h, ih);
        } while (Odometer.next(idx, l.shape()));
        return h;
    }

    /** {@link #hash} of integer items along merged runs, in C order. */
    private static int hashRuns(int h, MemorySegment mem, long p, Scalar s, Copier.Merged m) {
        int nd = m.shape().length;
        if (nd == 0) {
            return fold(h, Long.hashCode(s.getLong(mem, p)));
        }
        long inner = m.shape()[nd - 1];
        long st = m.a()[nd - 1];
        long[] idx = new long[nd];
        long[] pos = {p, p};
        boolean dense = st == s.size();
        do {
            long x = pos[0];
            if (dense) {
                // The item size a literal of the codec (the loop compiles like a hand-written one), four items per
                // step: 31^4 * h + 31^3 * a + 31^2 * b + 31 * c + d is the same int as four steps of the chain.
                long k = 0;
                for (; k + 4 <= inner; k += 4) {
                    h = 923521 * h + 29791 * Long.hashCode(s.getLongAt(mem, x, k))
                            + 961 * Long.hashCode(s.getLongAt(mem, x, k + 1))
                            + 31 * Long.hashCode(s.getLongAt(mem, x, k + 2)) + Long.hashCode(s.getLongAt(mem, x, k + 3));
                }
                for (; k < inner; k++) {
                    h = 31 * h + Long.hashCode(s.getLongAt(mem, x, k));
                }
            } else {
                for (long k = 0; k < inner; k++, x += st) {
                    h = 31 * h + Long.hashCode(s.getLong(mem, x));
                }
            }
        } while (m.nextRow(idx, pos));
        return h;
    }

    // ------------------------------------------------------------------------------------------- count, index

    /**
     * How many of the {@code n} integer items at {@code base}, {@code base + stride}, ... of {@code m} equal
     * {@code v} (Python {@code ==} on integers that fit a long). The common little-endian integer types have a loop
     * of their own over a dense run, with the value narrowed once (an item of a type cannot equal a value outside
     * it): a plain compare-and-count loop whatever codec and memory other call sites have seen.
     */
    public static long countLongs(Scalar s, MemorySegment m, long base, long stride, long n, long v) {
        long c = 0;
        if (stride == s.size()) {
            switch (s) {
                case I8 -> {
                    if (!s.fits(v)) { // no item of this type holds v
                        return 0;
                    }
                    byte w = (byte) v;
                    for (long i = 0; i < n; i++) {
                        c += Mem.getByte(m, base + i) == w ? 1 : 0;
                    }
                    return c;
                }
                case U8 -> {
                    if (!s.fits(v)) { // no item of this type holds v
                        return 0;
                    }
                    byte w = (byte) v;
                    for (long i = 0; i < n; i++) {
                        c += Mem.getByte(m, base + i) == w ? 1 : 0;
                    }
                    return c;
                }
                case I16_LE -> {
                    if (!s.fits(v)) { // no item of this type holds v
                        return 0;
                    }
                    short w = (short) v;
                    for (long i = 0; i < n; i++) {
                        c += Mem.getShortLE(m, base + i * 2L) == w ? 1 : 0;
                    }
                    return c;
                }
                case I32_LE -> {
                    if (!s.fits(v)) { // no item of this type holds v
                        return 0;
                    }
                    int w = (int) v;
                    for (long i = 0; i < n; i++) {
                        c += Mem.getIntLE(m, base + i * 4L) == w ? 1 : 0;
                    }
                    return c;
                }
                case I64_LE -> {
                    for (long i = 0; i < n; i++) {
                        c += Mem.getLongLE(m, base + i * 8L) == v ? 1 : 0;
                    }
                    return c;
                }
                default -> {
                    for (long i = 0; i < n; i++) {
                        c += s.getLongAt(m, base, i) == v ? 1 : 0;
                    }
                    return c;
                }
            }
        }
        for (long i = 0; i < n; i++, base += stride) {
            c += s.getLong(m, base) == v ? 1 : 0;
        }
        return c;
    }

    /**
     * The first {@code i} in {@code [from, to)} whose integer item (at {@code base + i * stride}) equals {@code v}, or
     * -1: {@link #countLongs}'s loops with an early exit.
     */
    public static long indexLong(Scalar s, MemorySegment m, long base, long stride, long from, long to, long v) {
        if (stride == s.size()) {
            switch (s) {
                case I8, U8 -> {
                    if (!s.fits(v)) { // no item of this type holds v
                        return -1;
                    }
                    byte w = (byte) v;
                    for (long i = from; i < to; i++) {
                        if (Mem.getByte(m, base + i) == w) {
                            return i;
                        }
                    }
                    return -1;
                }
                case I16_LE -> {
                    if (!s.fits(v)) { // no item of this type holds v
                        return -1;
                    }
                    short w = (short) v;
                    for (long i = from; i < to; i++) {
                        if (Mem.getShortLE(m, base + i * 2L) == w) {
                            return i;
                        }
                    }
                    return -1;
                }
                case I32_LE -> {
                    if (!s.fits(v)) { // no item of this type holds v
                        return -1;
                    }
                    int w = (int) v;
                    for (long i = from; i < to; i++) {
                        if (Mem.getIntLE(m, base + i * 4L) == w) {
                            return i;
                        }
                    }
                    return -1;
                }
                case I64_LE -> {
                    for (long i = from; i < to; i++) {
                        if (Mem.getLongLE(m, base + i * 8L) == v) {
                            return i;
                        }
                    }
                    return -1;
                }
                default -> {
                    for (long i = from; i < to; i++) {
                        if (s.getLongAt(m, base, i) == v) {
                            return i;
                        }
                    }
                    return -1;
                }
            }
        }
        for (long i = from; i < to; i++) {
            if (s.getLong(m, base + i * stride) == v) {
                return i;
            }
        }
        return -1;
    }
}
