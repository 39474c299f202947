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
        do {
            long x = pos[0];
            long y = pos[1];
            if (doubles) {
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
        do {
            long x = pos[0];
            for (long k = 0; k < inner; k++, x += st) {
                h = 31 * h + Long.hashCode(s.getLong(mem, x));
            }
        } while (m.nextRow(idx, pos));
        return h;
    }
}
