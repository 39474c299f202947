package io.memview.internal;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Random array layouts for the engine tests, and the naive reference model they are checked against: an item's
 * address by PEP 3118's definition ({@code p = offset; p += i[d] * strides[d]; if suboffsets[d] >= 0: p = *p +
 * suboffsets[d]}), read directly from the byte array, with no code of the engine involved.
 */
final class RandomLayouts {
    private RandomLayouts() {}

    /** How the strides of a plan are chosen. */
    enum Kind { C, F, ANY, PIL }

    /**
     * Where one layout's items go inside a block of {@code size} bytes: strides, suboffsets, the item [0,...,0]
     * offset and the pointers (block-relative position, block-relative target) that an indirect layout needs.
     */
    record Plan(long[] shape, long[] strides, long[] suboffsets, int itemsize, long offset, long size,
                List<long[]> pointers) {

        /** Writes the pointers into {@code mem} for a block at {@code at} and returns the layout. */
        Layout place(byte[] mem, MemorySegment seg, long at) {
            return place(mem, 0, seg, at);
        }

        /** As {@link #place(byte[], MemorySegment, long)} for a segment that starts at {@code mem[memBase]}. */
        Layout place(byte[] mem, int memBase, MemorySegment seg, long at) {
            ByteBuffer bb = ByteBuffer.wrap(mem).order(ByteOrder.nativeOrder());
            for (long[] p : pointers) {
                bb.putLong((int) (memBase + at + p[0]), at + p[1]);
            }
            return new Layout(seg, at + offset, shape, strides, suboffsets, itemsize);
        }
    }

    static long[] randomShape(RandomGenerator r, int maxNdim, int maxExtent, boolean allowEmpty) {
        long[] shape = new long[r.nextInt(maxNdim + 1)];
        for (int d = 0; d < shape.length; d++) {
            shape[d] = allowEmpty && r.nextInt(12) == 0 ? 0 : 1 + r.nextInt(maxExtent);
        }
        return shape;
    }

    /**
     * A plan of {@code shape}: C or Fortran order, or any order of dimensions with gaps and negative strides
     * ({@code zeroStrides}: some dimensions repeat one item, for sources only), or (PIL) dimension 0 reached through a
     * table of pointers to rows laid out in shuffled order.
     */
    static Plan plan(RandomGenerator r, long[] shape, int itemsize, Kind kind, boolean zeroStrides) {
        int nd = shape.length;
        if (kind == Kind.PIL && nd > 0) {
            long[] inner = java.util.Arrays.copyOfRange(shape, 1, nd);
            Plan row = plan(r, inner, itemsize, Kind.ANY, false);
            long rows = shape[0];
            long sub0 = r.nextBoolean() ? 0 : 8;
            boolean reversed = r.nextInt(3) == 0;
            long table = rows * 8;
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < rows; i++) {
                order.add(i);
            }
            Collections.shuffle(order, r);
            List<long[]> pointers = new ArrayList<>();
            long[] rowStart = new long[(int) rows];
            long at = table;
            for (int k : order) {
                at += r.nextInt(3);
                rowStart[k] = at + row.offset();
                at += row.size();
            }
            for (int i = 0; i < rows; i++) {
                long slot = reversed ? (rows - 1 - i) * 8 : i * 8L;
                pointers.add(new long[] {slot, rowStart[i] - sub0});
            }
            long[] strides = new long[nd];
            long[] sub = new long[nd];
            java.util.Arrays.fill(sub, -1);
            strides[0] = reversed ? -8 : 8;
            sub[0] = sub0;
            System.arraycopy(row.strides(), 0, strides, 1, nd - 1);
            long offset = reversed ? (rows - 1) * 8 : 0;
            return new Plan(shape, strides, sub, itemsize, offset, at + 1 + r.nextInt(4), pointers);
        }
        long[] strides = kind == Kind.C ? Layouts.cStrides(shape, itemsize)
                : kind == Kind.F ? Layouts.fStrides(shape, itemsize) : new long[nd];
        if (kind == Kind.ANY || kind == Kind.PIL) {
            List<Integer> perm = new ArrayList<>();
            for (int d = 0; d < nd; d++) {
                perm.add(d);
            }
            Collections.shuffle(perm, r);
            long step = (long) itemsize * (r.nextInt(4) == 0 ? 2 : 1);
            for (int d : perm) {
                long sign = r.nextInt(3) == 0 ? -1 : 1;
                strides[d] = sign * step;
                if (zeroStrides && r.nextInt(6) == 0) {
                    strides[d] = 0;
                }
                step *= Math.max(1, shape[d]) * (r.nextInt(5) == 0 ? 2 : 1);
            }
        }
        long lo = 0;
        long hi = itemsize;
        boolean empty = false;
        for (int d = 0; d < nd; d++) {
            if (shape[d] == 0) {
                empty = true;
            }
            long span = (shape[d] - 1) * strides[d];
            if (span < 0) {
                lo += span;
            } else {
                hi += span;
            }
        }
        if (empty) {
            return new Plan(shape, strides, null, itemsize, r.nextInt(4), 4, List.of());
        }
        return new Plan(shape, strides, null, itemsize, -lo, hi - lo, List.of());
    }

    /** The address of the item at {@code idx} by PEP 3118's definition, pointers read from {@code mem}. */
    static long address(byte[] mem, Layout l, long[] idx) {
        ByteBuffer bb = ByteBuffer.wrap(mem).order(ByteOrder.nativeOrder());
        long p = l.offset();
        for (int d = 0; d < idx.length; d++) {
            p += idx[d] * l.strides()[d];
            if (l.suboffsets() != null && l.suboffsets()[d] >= 0) {
                p = bb.getLong((int) p) + l.suboffsets()[d];
            }
        }
        return p;
    }

    /** Every index of {@code shape} in C order (last index fastest). */
    static List<long[]> indices(long[] shape) {
        List<long[]> out = new ArrayList<>();
        for (long s : shape) {
            if (s == 0) {
                return out;
            }
        }
        long[] idx = new long[shape.length];
        while (true) {
            out.add(idx.clone());
            int d = shape.length - 1;
            while (d >= 0 && ++idx[d] == shape[d]) {
                idx[d] = 0;
                d--;
            }
            if (d < 0) {
                return out;
            }
        }
    }

    static byte[] randomBytes(RandomGenerator r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }
}
