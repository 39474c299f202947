package io.memview.internal;

import io.memview.Slice;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * NumPy's basic indexing on a layout: integers drop a dimension, {@link Slice}s keep it, one ellipsis fills. The
 * result is a new descriptor over the same memory (no copy, no new bounds check: it lies inside the parent by
 * construction). Errors are checked in NumPy's order: the keys themselves (a second ellipsis, an index past the long
 * range, a key of the wrong type), their count, then each dimension's index, and only then the refusals that depend
 * on the layout (suboffsets).
 */
public final class Selection {
    private Selection() {}

    /** The layout {@code parent[keys]}: {@code keys} mixes integral numbers, {@code BigInteger}s, slices and one ellipsis. */
    public static Layout select(Layout parent, Object[] keys) {
        return select(parent.memory(), parent.offset(), parent.shape(), parent.strides(), parent.suboffsets(),
                parent.itemsize(), keys);
    }

    /** {@link #select(Layout, Object[])} on a parent layout given by its parts (no {@code Layout} to make). */
    public static Layout select(MemorySegment memory, long offset, long[] shape, long[] strides, long[] suboffsets,
                                int itemsize, Object[] keys) {
        if (shape.length == 0 && keys.length > 0 && !(keys.length == 1 && keys[0] == Slice.ELLIPSIS)) {
            throw new IllegalArgumentException("invalid indexing of 0-dim memory");
        }
        // Expand the ellipsis and check the count.
        // In key order, as NumPy checks them: a second ellipsis, an index beyond the long range.
        int ellipses = 0;
        int named = 0;
        for (Object k : keys) {
            if (k == Slice.ELLIPSIS) {
                if (++ellipses > 1) {
                    throw new IllegalArgumentException("an index can only have a single ellipsis ('...')");
                }
            } else if (k instanceof Slice || isIntegral(k)) {
                named++;
            } else if (k instanceof java.math.BigInteger big) {
                if (big.bitLength() > 63) {
                    throw new IndexOutOfBoundsException("cannot fit 'int' into an index-sized integer");
                }
                named++;
            } else {
                throw new IllegalArgumentException("memoryview: invalid slice key "
                        + PyTypes.name(k));
            }
        }
        int ndim = shape.length;
        if (named > ndim) {
            throw new IllegalArgumentException("too many indices for memoryview: memoryview is " + ndim
                    + "-dimensional, but " + named + " were indexed");
        }
        // The key of dimension d is keys[d] before the ellipsis, ALL for the dimensions it stands for (or, without
        // one, after the keys), keys[d - fill + 1] after it.
        int ellipsis = -1;
        for (int i = 0; i < keys.length && ellipses > 0; i++) {
            if (keys[i] == Slice.ELLIPSIS) {
                ellipsis = i;
                break;
            }
        }
        int fill = ndim - named;
        Full full = new Full(keys, ellipsis, fill);
        // The subscript's own errors first, dimension by dimension as NumPy reports them, before any refusal that
        // depends on the layout (suboffsets).
        if (suboffsets != null) {
            for (int d = 0; d < ndim; d++) {
                Object k = full.get(d);
                if (k instanceof Slice s) {
                    s.indices(shape[d]);
                } else {
                    index(k, shape[d], d);
                }
            }
        }
        long newOffset = offset;
        long[] sub = suboffsets == null ? null : suboffsets.clone();
        long[] newShape = new long[ndim];
        long[] newStrides = new long[ndim];
        int[] kept = sub == null ? null : new int[ndim];
        int nd = 0;
        for (int d = 0; d < ndim; d++) {
            Object k = full.get(d);
            long start;
            if (k instanceof Slice s) {
                long[] r = s.indices(shape[d]);
                start = r[0];
                newShape[nd] = r[3];
                newStrides[nd] = strides[d] * r[2];
                if (kept != null) {
                    kept[nd] = d;
                }
                nd++;
            } else {
                start = index(k, shape[d], d);
            }
            long shift = start * strides[d];
            if (shift != 0) {
                // Moving the start of a dimension moves the offset, or, after an indirection, its suboffset.
                int n = d - 1;
                while (sub != null && n >= 0 && sub[n] < 0) {
                    n--;
                }
                if (sub != null && n >= 0) {
                    sub[n] += shift;
                } else {
                    newOffset += shift;
                }
            }
            if (!(k instanceof Slice) && sub != null && sub[d] >= 0) {
                // A dropped indirect dimension: its pointer is fixed only when every dimension before it is dropped.
                if (nd > 0) {
                    throw new UnsupportedOperationException("memoryview: a sub-view cannot drop an indirect "
                            + "(suboffset) dimension after a kept one");
                }
                newOffset = new Layout(memory, offset, shape, strides, suboffsets, itemsize).dereference(newOffset)
                        + sub[d];
                sub[d] = -1;
            }
        }
        long[] newSub = null;
        if (sub != null) {
            newSub = new long[nd];
            for (int k = 0; k < nd; k++) {
                newSub[k] = sub[kept[k]];
                if (newSub[k] < 0 && suboffsets[kept[k]] >= 0) {
                    // A start moved below a pointer's target by a negative stride: PEP 3118 reads a negative
                    // suboffset as "no pointer", so no descriptor can hold this sub-view.
                    throw new UnsupportedOperationException("memoryview: this sub-view would need a negative "
                            + "suboffset (a negative stride after an indirect dimension)");
                }
            }
        }
        return new Layout(memory, newOffset, nd == ndim ? newShape : Arrays.copyOf(newShape, nd),
                nd == ndim ? newStrides : Arrays.copyOf(newStrides, nd), newSub, itemsize);
    }

    /** {@code [:]}, for the dimensions a subscript does not name. Slices are immutable, so one serves every use. */
    private static final Slice ALL = Slice.all();

    /** The subscript expanded to one key per dimension, without building the expanded list. */
    private record Full(Object[] keys, int ellipsis, int fill) {
        Object get(int d) {
            if (ellipsis < 0) {
                return d < keys.length ? keys[d] : ALL;
            }
            if (d < ellipsis) {
                return keys[d];
            }
            return d < ellipsis + fill ? ALL : keys[d - fill + 1];
        }
    }

    /** The index {@code k} (a Python integer) of dimension {@code d} of size {@code n}, made non-negative and checked. */
    private static long index(Object k, long n, int d) {
        long i = k instanceof Boolean b ? (b ? 1 : 0) : ((Number) k).longValue();
        long start = i < 0 ? i + n : i;
        if (start < 0 || start >= n) {
            throw new IndexOutOfBoundsException("index " + i + " is out of bounds for axis " + d + " with size " + n);
        }
        return start;
    }

    private static boolean isIntegral(Object k) {
        return k instanceof Long || k instanceof Integer || k instanceof Short || k instanceof Byte
                || k instanceof Boolean;
    }
}
