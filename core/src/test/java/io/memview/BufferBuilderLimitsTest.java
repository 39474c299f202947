package io.memview;

import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link Buffer.Builder} at the edges of its rules: the itemsize-only default format, the largest itemsize a buffer
 * holds, zero-size layouts whose pointers are never followed, which part of a PIL layout a refusal names, and the
 * exact limit of pointers followed at build time ({@code 1 << 16}; beyond it every dereference is checked when it
 * happens, as {@code BufferBuilderTest} shows).
 */
class BufferBuilderLimitsTest {

    private static final int LIMIT = 1 << 16;

    private static MemorySegment bytes(int n) {
        return MemorySegment.ofArray(new byte[n]);
    }

    @Test
    void anItemsizeOfOneAloneMeansUnsignedBytesAndAnyOtherMeansNoFormat() {
        assertThat(Buffer.builder(bytes(4)).itemsize(1).build().format()).isEqualTo("B");
        assertThat(Buffer.builder(bytes(4)).itemsize(2).build().format()).isNull();
    }

    @Test
    void theLargestFormatSizeAJavaIntHoldsIsAccepted() {
        // 2147483647 pad bytes: calcsize is Integer.MAX_VALUE, the largest itemsize a buffer can hold; the
        // 8-byte segment holds no such item, so the default shape is (0,)
        Buffer b = Buffer.builder(bytes(8)).format("2147483647x").build();
        assertThat(b.itemsize()).isEqualTo(Integer.MAX_VALUE);
        assertThat(b.shape()).containsExactly(0);
        assertThatThrownBy(() -> Buffer.builder(bytes(8)).format("2147483648x").build())
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has itemsize 2147483648, which a buffer cannot hold");
        assertThatThrownBy(() -> Buffer.builder(bytes(8)).format("0x").build())
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has itemsize 0");
    }

    @Test
    void zeroSizedPilLayoutsNeverFollowTheirPointers() {
        // shape (2, 0): no item exists, so the row pointers (here 1000, far outside the 16 bytes) are never used
        MemorySegment m = bytes(16);
        m.set(ValueLayout.JAVA_LONG_UNALIGNED, 0, 1000);
        m.set(ValueLayout.JAVA_LONG_UNALIGNED, 8, 1000);
        Buffer b = Buffer.builder(m).shape(2, 0).strides(8, 1).suboffsets(0, -1).build();
        assertThat(b.len()).isZero();
        try (MemoryView v = MemoryView.of(b)) {
            assertThat(v.toBytes()).isEmpty();
        }
    }

    @Test
    void aPointerLeadingOutsideIsRefusedNamingTheSuboffsetsAndTheByte() {
        MemorySegment m = bytes(22);
        m.set(ValueLayout.JAVA_LONG_UNALIGNED, 0, 16);
        m.set(ValueLayout.JAVA_LONG_UNALIGNED, 8, 1_000_000);
        assertThatThrownBy(() -> Buffer.builder(m).shape(2, 3).strides(8, 1).suboffsets(0, -1).build())
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("suboffsets [0, -1] lead to byte 1000000, from which shape [2, 3] and strides [8, 1]"
                        + " reach outside the 22-byte segment");
        // the pointer table itself outside: the first group is named by its offset instead
        assertThatThrownBy(() -> Buffer.builder(m).offset(8).shape(2, 3).strides(8, 1).suboffsets(0, -1).build())
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("shape [2, 3] and strides [8, 1] at offset 8 reach outside the 22-byte segment");
    }

    /** {@code rows} row pointers, all to the one data byte after the table except the last, which is {@code last}. */
    private static MemorySegment pointerTable(int rows, long last) {
        MemorySegment m = bytes(rows * 8 + 1);
        long data = rows * 8L;
        for (int i = 0; i < rows; i++) {
            m.set(ValueLayout.JAVA_LONG_UNALIGNED, i * 8L, i == rows - 1 ? last : data);
        }
        return m;
    }

    @Test
    void exactlyTheLimitOfPointersIsFollowedAtBuildTime() {
        long inside = LIMIT * 8L;
        MemorySegment ok = pointerTable(LIMIT, inside);
        assertThat(Buffer.builder(ok).shape(LIMIT, 1).strides(8, 1).suboffsets(0, -1).build().len())
                .isEqualTo(LIMIT);
        MemorySegment bad = pointerTable(LIMIT, 5_000_000);
        assertThatThrownBy(() -> Buffer.builder(bad).shape(LIMIT, 1).strides(8, 1).suboffsets(0, -1).build())
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lead to byte 5000000");
    }

    @Test
    void oneMorePointerThanTheLimitIsLeftToTheDereference() {
        MemorySegment bad = pointerTable(LIMIT + 1, 5_000_000);
        Buffer b = Buffer.builder(bad).shape(LIMIT + 1, 1).strides(8, 1).suboffsets(0, -1).build();
        try (MemoryView v = MemoryView.of(b)) {
            assertThat(v.getLong(0, 0)).isZero();
            assertThatThrownBy(() -> v.getLong(LIMIT, 0)).isInstanceOf(IndexOutOfBoundsException.class);
        }
    }

    @Test
    void theLargestShapeWhoseByteSizeFitsALongIsAccepted() {
        long n = Long.MAX_VALUE / 4; // n * 4 = Long.MAX_VALUE - 3: fits; one more item would not
        Buffer b = Buffer.builder(bytes(4)).format("i").offset(0).shape(n).strides(0).build();
        assertThat(b.len()).isEqualTo(n * 4);
        assertThatThrownBy(() -> Buffer.builder(bytes(4)).format("i").shape(n + 1).strides(0).build())
                .isExactlyInstanceOf(IllegalArgumentException.class).hasMessageContaining("overflows a 64-bit size");
    }

    @Test
    void stridesWhoseExtentOverflowsAreNamedAsOverflow() {
        assertThatThrownBy(() -> Buffer.builder(bytes(8)).shape(2, 2).strides(Long.MAX_VALUE, 1).build())
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("shape [2, 2] and strides [9223372036854775807, 1] overflow a 64-bit offset");
    }

    @Test
    void aNullFormatMeansUnsignedBytesOfOneByteAndTheOffsetIsKept() {
        Buffer b = Buffer.builder(bytes(8)).format(null).offset(3).build();
        assertThat(b.format()).isNull();
        assertThat(b.itemsize()).isEqualTo(1);
        assertThat(b.offset()).isEqualTo(3);
        assertThat(b.shape()).containsExactly(5);
    }
}
