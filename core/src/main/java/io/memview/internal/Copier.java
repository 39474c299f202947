package io.memview.internal;

import io.memview.internal.format.Mem;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * The one copy routine: copies the items of one layout into another of the same shape and item size, in any
 * strides, overlap-safe. Contiguous layouts reduce to one {@link MemorySegment#copy}; otherwise dimensions that are
 * contiguous in both layouts are merged, so that copies move the longest runs of bytes that exist, and only what is
 * left is copied item by item.
 */
public final class Copier {
    private Copier() {}

    private static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

    /** Copies every item of {@code src} to the same index of {@code dst}; the two may share memory. */
    public static void copy(Layout src, Layout dst) {
        long n = src.count();
        if (n == 0) {
            return;
        }
        boolean contiguous = (src.isC() && dst.isC()) || (src.isF() && dst.isF());
        if (contiguous) {
            // MemorySegment.copy is a memmove: overlapping ranges are fine.
            MemorySegment.copy(src.memory(), src.offset(), dst.memory(), dst.offset(), n * src.itemsize());
            return;
        }
        if (src.memory().asOverlappingSlice(dst.memory()).isPresent()) {
            long bytes = n * src.itemsize();
            if (bytes <= MAX_ARRAY) {
                Layout tmp = Layout.cContiguous(MemorySegment.ofArray(new byte[(int) bytes]), 0, src.shape(),
                        src.itemsize());
                copyDisjoint(src, tmp);
                copyDisjoint(tmp, dst);
            } else {
                try (Arena arena = Arena.ofConfined()) {
                    Layout tmp = Layout.cContiguous(arena.allocate(bytes, 8), 0, src.shape(), src.itemsize());
                    copyDisjoint(src, tmp);
                    copyDisjoint(tmp, dst);
                }
            }
            return;
        }
        copyDisjoint(src, dst);
    }

    private static void copyDisjoint(Layout src, Layout dst) {
        if (src.suboffsets() != null || dst.suboffsets() != null) {
            copyItems(src, dst);
            return;
        }
        int isz = src.itemsize();
        Merged m = Merged.of(src.shape(), src.strides(), dst.strides(), isz);
        MemorySegment sm = src.memory();
        MemorySegment dm = dst.memory();
        int nd = m.shape.length;
        if (nd == 0) {
            MemorySegment.copy(sm, src.offset(), dm, dst.offset(), isz);
            return;
        }
        long inner = m.shape[nd - 1];
        long sIn = m.a[nd - 1];
        long dIn = m.b[nd - 1];
        boolean block = sIn == isz && dIn == isz;
        long[] idx = new long[nd];
        long[] pos = {src.offset(), dst.offset()};
        do {
            if (block) {
                MemorySegment.copy(sm, pos[0], dm, pos[1], inner * isz);
            } else {
                copyRow(sm, pos[0], sIn, dm, pos[1], dIn, inner, isz);
            }
        } while (m.nextRow(idx, pos));
    }

    /** Copies {@code n} items along one dimension. */
    private static void copyRow(MemorySegment sm, long sp, long ss, MemorySegment dm, long dp, long ds, long n,
                                int isz) {
        switch (isz) {
            case 1 -> {
                for (long i = 0; i < n; i++, sp += ss, dp += ds) {
                    Mem.setByte(dm, dp, Mem.getByte(sm, sp));
                }
            }
            case 2 -> {
                for (long i = 0; i < n; i++, sp += ss, dp += ds) {
                    Mem.setShortLE(dm, dp, Mem.getShortLE(sm, sp));
                }
            }
            case 4 -> {
                for (long i = 0; i < n; i++, sp += ss, dp += ds) {
                    Mem.setIntLE(dm, dp, Mem.getIntLE(sm, sp));
                }
            }
            case 8 -> {
                for (long i = 0; i < n; i++, sp += ss, dp += ds) {
                    Mem.setLongLE(dm, dp, Mem.getLongLE(sm, sp));
                }
            }
            default -> {
                for (long i = 0; i < n; i++, sp += ss, dp += ds) {
                    MemorySegment.copy(sm, sp, dm, dp, isz);
                }
            }
        }
    }

    /** Item-by-item copy in C order, following suboffsets on either side. */
    private static void copyItems(Layout src, Layout dst) {
        long[] idx = new long[src.ndim()];
        int isz = src.itemsize();
        do {
            MemorySegment.copy(src.memory(), src.address(idx), dst.memory(), dst.address(idx), isz);
        } while (Odometer.next(idx, src.shape()));
    }

    /**
     * Two layouts of one shape with their dimensions simplified together: extent-1 dimensions dropped and each
     * dimension merged into the next where both layouts step over it contiguously.
     */
    public record Merged(long[] shape, long[] a, long[] b) {
        /**
         * Moves to the next row — every dimension but the last, in C order — advancing {@code idx} and the row starts
         * {@code pos[0]} (strides {@link #a}) and {@code pos[1]} (strides {@link #b}).
         *
         * @return {@code false} after the last row
         */
        public boolean nextRow(long[] idx, long[] pos) {
            for (int d = shape.length - 2; d >= 0; d--) {
                idx[d]++;
                pos[0] += a[d];
                pos[1] += b[d];
                if (idx[d] < shape[d]) {
                    return true;
                }
                pos[0] -= a[d] * shape[d];
                pos[1] -= b[d] * shape[d];
                idx[d] = 0;
            }
            return false;
        }

        /** Simplifies the shape with strides {@code sa} and {@code sb}. */
        public static Merged of(long[] shape, long[] sa, long[] sb, long itemsize) {
            int nd = 0;
            long[] shp = new long[shape.length];
            long[] a = new long[shape.length];
            long[] b = new long[shape.length];
            for (int d = 0; d < shape.length; d++) {
                if (shape[d] == 1) {
                    continue;
                }
                if (nd > 0 && a[nd - 1] == sa[d] * shape[d] && b[nd - 1] == sb[d] * shape[d]) {
                    shp[nd - 1] *= shape[d];
                    a[nd - 1] = sa[d];
                    b[nd - 1] = sb[d];
                } else {
                    shp[nd] = shape[d];
                    a[nd] = sa[d];
                    b[nd] = sb[d];
                    nd++;
                }
            }
            return new Merged(java.util.Arrays.copyOf(shp, nd), java.util.Arrays.copyOf(a, nd),
                    java.util.Arrays.copyOf(b, nd));
        }
    }
}
