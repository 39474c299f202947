package io.memview.internal;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Where the items of an N-dimensional array live: a segment, the byte offset of item [0,…,0], shape, strides,
 * optional PIL suboffsets and the item size. The copy and compare engines work on layouts; {@code MemoryView} and
 * {@code Buffer} make them. Arrays are shared, never modified.
 *
 * @param memory     the segment the items are in
 * @param offset     byte offset of item [0, …, 0]
 * @param shape      extent per dimension
 * @param strides    byte step per dimension
 * @param suboffsets PIL suboffsets, or {@code null}
 * @param itemsize   bytes per item
 */
public record Layout(MemorySegment memory, long offset, long[] shape, long[] strides, long[] suboffsets,
                     int itemsize) {

    private static final ValueLayout.OfLong POINTER = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.nativeOrder());

    /** A C-contiguous layout of {@code shape} over {@code memory} from {@code offset}. */
    public static Layout cContiguous(MemorySegment memory, long offset, long[] shape, int itemsize) {
        return new Layout(memory, offset, shape, Layouts.cStrides(shape, itemsize), null, itemsize);
    }

    /** {@return the number of dimensions} */
    public int ndim() {
        return shape.length;
    }

    /** {@return the number of items} */
    public long count() {
        return Layouts.product(shape);
    }

    /** {@return the number of bytes of the items: {@code count() * itemsize}} */
    public long nbytes() {
        return count() * itemsize;
    }

    /** {@return whether the items are one C-ordered run of bytes} */
    public boolean isC() {
        return Layouts.isC(shape, strides, itemsize, suboffsets != null);
    }

    /** {@return whether the items are one Fortran-ordered run of bytes} */
    public boolean isF() {
        return Layouts.isF(shape, strides, itemsize, suboffsets != null);
    }

    /** The byte offset of the item at {@code index} (already bounds-checked), following suboffsets. */
    public long address(long[] index) {
        long p = offset;
        for (int d = 0; d < index.length; d++) {
            p += index[d] * strides[d];
            if (suboffsets != null && suboffsets[d] >= 0) {
                long target = dereference(p);
                long next = target + suboffsets[d];
                if (((target ^ next) & (suboffsets[d] ^ next)) < 0) { // overflow: a pointer changed since build
                    throw new IndexOutOfBoundsException("suboffset pointer " + target + " at byte " + p
                            + " leads outside the " + memory.byteSize() + "-byte segment");
                }
                p = next;
            }
        }
        if (suboffsets != null) {
            checkItem(p);
        }
        return p;
    }

    /** Follows the pointer at byte {@code p}, checking that it is inside the segment. */
    public long dereference(long p) {
        if (p < 0 || p > memory.byteSize() - Long.BYTES) {
            throw new IndexOutOfBoundsException("suboffset pointer at byte " + p + " is outside the "
                    + memory.byteSize() + "-byte segment");
        }
        return memory.get(POINTER, p);
    }

    /** Checks that an item at {@code p}, reached through pointers, lies inside the segment. */
    public void checkItem(long p) {
        if (p < 0 || p > memory.byteSize() - itemsize) {
            throw new IndexOutOfBoundsException("suboffset pointer leads to byte " + p + ", outside the "
                    + memory.byteSize() + "-byte segment");
        }
    }
}
