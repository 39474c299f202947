package io.memview.internal;

import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link Layouts}, {@link Layout} and {@link Odometer}: contiguity as CPython's memoryview decides it (0-dim always;
 * 1-D by the one stride, an empty 1-D view with another stride not; N-D ignoring extent-1 dimensions, empty arrays
 * contiguous; suboffsets never), contiguous strides, overflow-checked products and extents, and PEP 3118 addressing
 * through suboffset pointers with every pointer and item bounds-checked. Expected values are worked out by hand in
 * the comments.
 */
class ShapeArithmeticTest {

    private static final long[] NONE = new long[0];

    @Test
    void contiguityOfZeroAndOneDimensionalArrays() {
        assertThat(Layouts.isC(NONE, NONE, 4, false)).isTrue();
        assertThat(Layouts.isF(NONE, NONE, 4, false)).isTrue();
        assertThat(Layouts.isC(NONE, NONE, 4, true)).isFalse();
        assertThat(Layouts.isF(NONE, NONE, 4, true)).isFalse();
        assertThat(Layouts.isC(new long[] {5}, new long[] {4}, 4, false)).isTrue();
        assertThat(Layouts.isF(new long[] {5}, new long[] {4}, 4, false)).isTrue();
        assertThat(Layouts.isC(new long[] {5}, new long[] {8}, 4, false)).isFalse();
        assertThat(Layouts.isF(new long[] {5}, new long[] {-4}, 4, false)).isFalse();
        // one item: any stride
        assertThat(Layouts.isC(new long[] {1}, new long[] {100}, 4, false)).isTrue();
        assertThat(Layouts.isF(new long[] {1}, new long[] {-3}, 4, false)).isTrue();
        // empty 1-D with a stride other than the item size: not contiguous (memoryview's init_flags)
        assertThat(Layouts.isC(new long[] {0}, new long[] {8}, 4, false)).isFalse();
        assertThat(Layouts.isF(new long[] {0}, new long[] {8}, 4, false)).isFalse();
        assertThat(Layouts.isC(new long[] {5}, new long[] {4}, 4, true)).isFalse();
        assertThat(Layouts.isF(new long[] {5}, new long[] {4}, 4, true)).isFalse();
    }

    @Test
    void contiguityOfNDimensionalArrays() {
        long[] shape = {2, 3, 4};
        // C strides of (2, 3, 4) x 2 bytes: (24, 8, 2); Fortran: (2, 4, 12)
        assertThat(Layouts.cStrides(shape, 2)).containsExactly(24, 8, 2);
        assertThat(Layouts.fStrides(shape, 2)).containsExactly(2, 4, 12);
        assertThat(Layouts.isC(shape, new long[] {24, 8, 2}, 2, false)).isTrue();
        assertThat(Layouts.isF(shape, new long[] {24, 8, 2}, 2, false)).isFalse();
        assertThat(Layouts.isF(shape, new long[] {2, 4, 12}, 2, false)).isTrue();
        assertThat(Layouts.isC(shape, new long[] {2, 4, 12}, 2, false)).isFalse();
        assertThat(Layouts.isC(shape, new long[] {24, 8, 2}, 2, true)).isFalse();
        assertThat(Layouts.isF(shape, new long[] {2, 4, 12}, 2, true)).isFalse();
        // a gap in the outer dimension: neither
        assertThat(Layouts.isC(shape, new long[] {48, 8, 2}, 2, false)).isFalse();
        assertThat(Layouts.isF(shape, new long[] {2, 4, 24}, 2, false)).isFalse();
        // extent-1 dimensions may have any stride
        assertThat(Layouts.isC(new long[] {2, 1, 3}, new long[] {12, 999, 4}, 4, false)).isTrue();
        assertThat(Layouts.isF(new long[] {2, 1, 3}, new long[] {4, -7, 8}, 4, false)).isTrue();
        // (1, 3) C-strided is also Fortran (the extent-1 dimension does not count); (3, 1) likewise
        assertThat(Layouts.isF(new long[] {1, 3}, new long[] {12, 4}, 4, false)).isTrue();
        assertThat(Layouts.isC(new long[] {3, 1}, new long[] {4, 4}, 4, false)).isTrue();
        // empty N-D arrays are contiguous whatever their strides
        assertThat(Layouts.isC(new long[] {2, 0}, new long[] {-5, 77}, 4, false)).isTrue();
        assertThat(Layouts.isF(new long[] {0, 2}, new long[] {-5, 77}, 4, false)).isTrue();
        assertThat(Layouts.isEmpty(new long[] {2, 0})).isTrue();
        assertThat(Layouts.isEmpty(new long[] {2, 3})).isFalse();
        assertThat(Layouts.isEmpty(NONE)).isFalse();
    }

    @Test
    void productDetectsOverflowButZeroWins() {
        assertThat(Layouts.product(NONE)).isEqualTo(1);
        assertThat(Layouts.product(new long[] {2, 3, 7})).isEqualTo(42);
        assertThat(Layouts.product(new long[] {1L << 62, 4})).isEqualTo(-1);
        assertThat(Layouts.product(new long[] {Long.MAX_VALUE, Long.MAX_VALUE, 0})).isEqualTo(0);
        assertThat(Layouts.product(new long[] {1L << 31, 1L << 31})).isEqualTo(1L << 62);
    }

    @Test
    void extentIsTheLowestAndOnePastTheHighestByte() {
        assertThat(Layouts.extent(new long[] {3, 0}, new long[] {100, 100}, 4)).containsExactly(0, 0);
        assertThat(Layouts.extent(NONE, NONE, 8)).containsExactly(0, 8);
        // (2, 3) of 4 bytes C-strided: bytes 0 .. 24
        assertThat(Layouts.extent(new long[] {2, 3}, new long[] {12, 4}, 4)).containsExactly(0, 24);
        // 3 items with stride -4: item 2 at byte -8, item 0 ends at byte 4
        assertThat(Layouts.extent(new long[] {3}, new long[] {-4}, 4)).containsExactly(-8, 4);
        // mixed signs: (2, 3) strides (-10, 3), item 2 bytes: lo = -10, hi = 2 + 6 = 8
        assertThat(Layouts.extent(new long[] {2, 3}, new long[] {-10, 3}, 2)).containsExactly(-10, 8);
        // overflow of a span, of the high end, of the low end
        assertThat(Layouts.extent(new long[] {1L << 62}, new long[] {8}, 1)).isNull();
        assertThat(Layouts.extent(new long[] {2, 2}, new long[] {1L << 62, 1L << 62}, 1)).isNull();
        assertThat(Layouts.extent(new long[] {3, 3}, new long[] {-(1L << 62), -(1L << 62)}, 1)).isNull();
        // exactly at the edge: span (2 - 1) * (MAX - 1) plus itemsize 1 is MAX
        assertThat(Layouts.extent(new long[] {2}, new long[] {Long.MAX_VALUE - 1}, 1))
                .containsExactly(0, Long.MAX_VALUE);
    }

    @Test
    void layoutDescribesItsItems() {
        MemorySegment m = MemorySegment.ofArray(new byte[64]);
        Layout c = Layout.cContiguous(m, 4, new long[] {2, 3}, 4);
        assertThat(c.strides()).containsExactly(12, 4);
        assertThat(c.ndim()).isEqualTo(2);
        assertThat(c.count()).isEqualTo(6);
        assertThat(c.nbytes()).isEqualTo(24);
        assertThat(c.isC()).isTrue();
        assertThat(c.isF()).isFalse();
        // address: offset + sum(index * stride) = 4 + 1 * 12 + 2 * 4 = 24
        assertThat(c.address(new long[] {1, 2})).isEqualTo(24);
        Layout f = new Layout(m, 0, new long[] {2, 3}, new long[] {4, 8}, null, 4);
        assertThat(f.isF()).isTrue();
        assertThat(f.isC()).isFalse();
        Layout sub = new Layout(m, 0, new long[] {2}, new long[] {8}, new long[] {0}, 8);
        assertThat(sub.isC()).isFalse();
        assertThat(sub.isF()).isFalse();
    }

    /** A 2 x 3 PIL array of bytes: two pointers at bytes 0 and 8, to rows at bytes 40 and 20. */
    private static Layout pil(byte[] mem, long sub0) {
        ByteBuffer bb = ByteBuffer.wrap(mem).order(ByteOrder.nativeOrder());
        bb.putLong(0, 40 - sub0);
        bb.putLong(8, 20 - sub0);
        return new Layout(MemorySegment.ofArray(mem), 0, new long[] {2, 3}, new long[] {8, 1}, new long[] {sub0, -1},
                1);
    }

    @Test
    void addressFollowsSuboffsetPointers() {
        byte[] mem = new byte[48];
        for (long sub0 : new long[] {0, 4}) {
            Layout l = pil(mem, sub0);
            // row 0: pointer 40 - sub0, plus sub0 = 40; row 1: 20
            assertThat(l.address(new long[] {0, 0})).isEqualTo(40);
            assertThat(l.address(new long[] {0, 2})).isEqualTo(42);
            assertThat(l.address(new long[] {1, 1})).isEqualTo(21);
            assertThat(l.dereference(8)).isEqualTo(20 - sub0);
        }
    }

    @Test
    void pointersAndItemsOutsideTheSegmentAreRefused() {
        byte[] mem = new byte[48];
        Layout l = pil(mem, 0);
        // pointer slots: the last whole one starts at byte 40 of 48
        assertThat(l.dereference(40)).isEqualTo(ByteBuffer.wrap(mem).order(ByteOrder.nativeOrder()).getLong(40));
        assertThatThrownBy(() -> l.dereference(41)).isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessage("suboffset pointer at byte 41 is outside the 48-byte segment");
        assertThatThrownBy(() -> l.dereference(-1)).isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessage("suboffset pointer at byte -1 is outside the 48-byte segment");
        // items of 1 byte: byte 47 is the last
        l.checkItem(47);
        l.checkItem(0);
        assertThatThrownBy(() -> l.checkItem(48)).isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessage("suboffset pointer leads to byte 48, outside the 48-byte segment");
        assertThatThrownBy(() -> l.checkItem(-1)).isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessage("suboffset pointer leads to byte -1, outside the 48-byte segment");
        // a pointer to byte 46 of a row of 3: item [0, 2] is byte 48, outside
        ByteBuffer.wrap(mem).order(ByteOrder.nativeOrder()).putLong(0, 46);
        assertThat(l.address(new long[] {0, 1})).isEqualTo(47);
        assertThatThrownBy(() -> l.address(new long[] {0, 2})).isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessage("suboffset pointer leads to byte 48, outside the 48-byte segment");
        // a pointer that overflows when the suboffset is added
        ByteBuffer.wrap(mem).order(ByteOrder.nativeOrder()).putLong(0, Long.MAX_VALUE - 2);
        Layout shifted = new Layout(l.memory(), 0, l.shape(), l.strides(), new long[] {5, -1}, 1);
        assertThatThrownBy(() -> shifted.address(new long[] {0, 0})).isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessage("suboffset pointer " + (Long.MAX_VALUE - 2) + " at byte 0 leads outside the 48-byte "
                        + "segment");
        // a negative pointer with a suboffset that does not overflow reaches a negative byte: refused as an item
        ByteBuffer.wrap(mem).order(ByteOrder.nativeOrder()).putLong(0, -10);
        assertThatThrownBy(() -> shifted.address(new long[] {0, 0})).isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessage("suboffset pointer leads to byte -5, outside the 48-byte segment");
    }

    @Test
    void odometerStepsInCOrderAndWraps() {
        long[] shape = {2, 3};
        long[] idx = new long[2];
        StringBuilder seen = new StringBuilder(java.util.Arrays.toString(idx));
        while (Odometer.next(idx, shape)) {
            seen.append(java.util.Arrays.toString(idx));
        }
        assertThat(seen.toString()).isEqualTo("[0, 0][0, 1][0, 2][1, 0][1, 1][1, 2]");
        assertThat(idx).containsExactly(0, 0);
        assertThat(Odometer.next(new long[0], NONE)).isFalse();
    }
}
