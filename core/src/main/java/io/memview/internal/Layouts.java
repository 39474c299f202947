package io.memview.internal;

/**
 * Shape and stride arithmetic shared by {@code Buffer} and {@code MemoryView}: contiguity as CPython computes it,
 * contiguous strides, and the overflow-checked extent of a layout.
 */
public final class Layouts {
    private Layouts() {}

    /** The maximum number of dimensions ({@code PyBUF_MAX_NDIM}). */
    public static final int MAX_NDIM = 64;

    /**
     * C-contiguity as memoryview's {@code init_flags} decides it: 0-dim always; 1-D when {@code shape[0] == 1} or the
     * stride is the itemsize (an empty 1-D view with another stride is not contiguous); N-D by
     * {@code PyBuffer_IsContiguous(view, 'C')}, which ignores extent-1 dimensions and calls empty arrays contiguous.
     */
    public static boolean isC(long[] shape, long[] strides, long itemsize, boolean suboffsets) {
        if (suboffsets) {
            return false;
        }
        int ndim = shape.length;
        if (ndim == 0) {
            return true;
        }
        if (ndim == 1) {
            return shape[0] == 1 || strides[0] == itemsize;
        }
        if (isEmpty(shape)) {
            return true;
        }
        long sd = itemsize;
        for (int i = ndim - 1; i >= 0; i--) {
            if (shape[i] > 1 && strides[i] != sd) {
                return false;
            }
            sd *= shape[i];
        }
        return true;
    }

    /** Fortran-contiguity with the same rules as {@link #isC}. */
    public static boolean isF(long[] shape, long[] strides, long itemsize, boolean suboffsets) {
        if (suboffsets) {
            return false;
        }
        int ndim = shape.length;
        if (ndim == 0) {
            return true;
        }
        if (ndim == 1) {
            return shape[0] == 1 || strides[0] == itemsize;
        }
        if (isEmpty(shape)) {
            return true;
        }
        long sd = itemsize;
        for (int i = 0; i < ndim; i++) {
            if (shape[i] > 1 && strides[i] != sd) {
                return false;
            }
            sd *= shape[i];
        }
        return true;
    }

    /** {@return whether some dimension has extent 0} */
    public static boolean isEmpty(long[] shape) {
        for (long s : shape) {
            if (s == 0) {
                return true;
            }
        }
        return false;
    }

    /** C-contiguous strides for {@code shape}. The caller has checked that the product does not overflow. */
    public static long[] cStrides(long[] shape, long itemsize) {
        long[] strides = new long[shape.length];
        long sd = itemsize;
        for (int i = shape.length - 1; i >= 0; i--) {
            strides[i] = sd;
            sd *= shape[i];
        }
        return strides;
    }

    /** Fortran-contiguous strides for {@code shape}. */
    public static long[] fStrides(long[] shape, long itemsize) {
        long[] strides = new long[shape.length];
        long sd = itemsize;
        for (int i = 0; i < shape.length; i++) {
            strides[i] = sd;
            sd *= shape[i];
        }
        return strides;
    }

    /** {@code product(shape)}, or -1 when it overflows a long. */
    public static long product(long[] shape) {
        long n = 1;
        for (long s : shape) {
            if (s == 0) {
                return 0;
            }
        }
        for (long s : shape) {
            try {
                n = Math.multiplyExact(n, s);
            } catch (ArithmeticException e) {
                return -1;
            }
        }
        return n;
    }

    /**
     * The lowest and highest byte offsets, relative to item [0,…,0], of any byte an index can reach:
     * {@code {lo, hi}} with {@code hi} exclusive; {@code null} when the arithmetic overflows. An empty layout reaches
     * nothing and answers {@code {0, 0}}.
     */
    public static long[] extent(long[] shape, long[] strides, long itemsize) {
        if (isEmpty(shape)) {
            return new long[] {0, 0};
        }
        long lo = 0;
        long hi = itemsize;
        try {
            for (int i = 0; i < shape.length; i++) {
                long span = Math.multiplyExact(shape[i] - 1, strides[i]);
                if (span < 0) {
                    lo = Math.addExact(lo, span);
                } else {
                    hi = Math.addExact(hi, span);
                }
            }
        } catch (ArithmeticException e) {
            return null;
        }
        return new long[] {lo, hi};
    }
}
