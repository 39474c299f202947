package io.memview.internal;

import io.memview.internal.format.Format;
import io.memview.internal.format.Scalar;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

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
        long pa = a.offset();
        long pb = b.offset();
        while (true) {
            if (block) {
                if (MemorySegment.mismatch(am, pa, pa + inner * valueSize, bm, pb, pb + inner * valueSize) != -1) {
                    return false;
                }
            } else if (!equalRow(am, pa, sa, bm, pb, sb, inner, valueSize)) {
                return false;
            }
            int d = nd - 2;
            for (; d >= 0; d--) {
                idx[d]++;
                pa += m.a()[d];
                pb += m.b()[d];
                if (idx[d] < m.shape()[d]) {
                    break;
                }
                pa -= m.a()[d] * m.shape()[d];
                pb -= m.b()[d] * m.shape()[d];
                idx[d] = 0;
            }
            if (d < 0) {
                return true;
            }
        }
    }

    private static boolean equalRow(MemorySegment am, long pa, long sa, MemorySegment bm, long pb, long sb, long n,
                                    int size) {
        switch (size) {
            case 1 -> {
                for (long i = 0; i < n; i++, pa += sa, pb += sb) {
                    if (am.get(ValueLayout.JAVA_BYTE, pa) != bm.get(ValueLayout.JAVA_BYTE, pb)) {
                        return false;
                    }
                }
            }
            case 2 -> {
                for (long i = 0; i < n; i++, pa += sa, pb += sb) {
                    if (am.get(ValueLayout.JAVA_SHORT_UNALIGNED, pa) != bm.get(ValueLayout.JAVA_SHORT_UNALIGNED, pb)) {
                        return false;
                    }
                }
            }
            case 4 -> {
                for (long i = 0; i < n; i++, pa += sa, pb += sb) {
                    if (am.get(ValueLayout.JAVA_INT_UNALIGNED, pa) != bm.get(ValueLayout.JAVA_INT_UNALIGNED, pb)) {
                        return false;
                    }
                }
            }
            case 8 -> {
                for (long i = 0; i < n; i++, pa += sa, pb += sb) {
                    if (am.get(ValueLayout.JAVA_LONG_UNALIGNED, pa) != bm.get(ValueLayout.JAVA_LONG_UNALIGNED, pb)) {
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
        do {
            long p = l.address(idx);
            int ih;
            if (parsed == null) {
                ih = 0;
                for (int k = 0; k < l.itemsize(); k++) {
                    ih = 31 * ih + (m.get(ValueLayout.JAVA_BYTE, p + k) & 0xff);
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
}
