package io.memview;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Edges of the view engine's accessors that the golden suites reach only on their common paths: strided (not dense)
 * fast paths, PIL layouts of one dimension, the exact item ranges of the primitive setters, unsigned 64-bit items
 * that do not fit a {@code long}, unsupported formats, the axis and dimension limits of {@code permute} and
 * {@code cast}, and hex/writeTo of non-contiguous views. Expected values follow from the bytes each test writes.
 */
class ViewAccessEdgesTest {

    private static byte[] seq(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) i;
        }
        return b;
    }

    @Test
    void stridedDoubleAndLongFastPathsReadTheRightItems() {
        double[] ds = {0.5, 1.5, 2.5, 3.5, 4.5, 5.5};
        MemorySegment m = MemorySegment.ofArray(new byte[48]);
        for (int i = 0; i < ds.length; i++) {
            m.set(ValueLayout.JAVA_DOUBLE_UNALIGNED.withOrder(ByteOrder.nativeOrder()), i * 8L, ds[i]);
        }
        try (MemoryView v = MemoryView.of(Buffer.builder(m).format("d").build());
             MemoryView odd = v.slice(1, 6, 2)) {
            assertThat(odd.getDouble(0)).isEqualTo(1.5);
            assertThat(odd.getDouble(2)).isEqualTo(5.5);
            assertThat(odd.getDouble(-1)).isEqualTo(5.5);
            assertThat(odd.get(1L)).isEqualTo(3.5);
            try (MemoryView grid = v.cast("B").cast("d", 2, 3).slice(0, 2, 1)) {
                assertThat(grid.getDouble(1, 2)).isEqualTo(5.5);
                assertThat(grid.getDouble(new long[] {1, 0})).isEqualTo(3.5);
            }
        }
        try (MemoryView b = MemoryView.of(seq(12)); MemoryView odd = b.slice(1, 12, 3)) {
            assertThat(odd.getLong(3)).isEqualTo(10);
            assertThat(odd.get(2L)).isEqualTo(7L);
            assertThat(odd.longs().toArray()).containsExactly(1, 4, 7, 10);
            assertThat(odd.doubles().toArray()).containsExactly(1.0, 4.0, 7.0, 10.0);
            assertThat(odd.count(4L)).isEqualTo(1);
            assertThat(odd.index(7L)).isEqualTo(2);
        }
    }

    @Test
    void oneDimensionalPilViewsFollowTheirPointers() {
        // items 0 and 1 are the bytes that pointers at 0 and 8 lead to: bytes 17 and 16 (values 17 and 16)
        MemorySegment m = MemorySegment.ofArray(seq(18));
        m.set(ValueLayout.JAVA_LONG_UNALIGNED, 0, 17);
        m.set(ValueLayout.JAVA_LONG_UNALIGNED, 8, 16);
        try (MemoryView v = MemoryView.of(Buffer.builder(m).shape(2).strides(8).suboffsets(0).build())) {
            assertThat(v.get(0L)).isEqualTo(17L);
            assertThat(v.get(1L)).isEqualTo(16L);
            assertThat(v.getLong(1)).isEqualTo(16L);
            assertThat(v.toList()).isEqualTo(List.of(17L, 16L));
            v.set(1, 99L);
            assertThat(m.get(ValueLayout.JAVA_BYTE, 16)).isEqualTo((byte) 99);
            v.setLong(0, 98);
            assertThat(m.get(ValueLayout.JAVA_BYTE, 17)).isEqualTo((byte) 98);
        }
    }

    @Test
    void primitiveSettersAcceptExactlyTheItemRange() {
        byte[] data = new byte[6];
        try (MemoryView v = MemoryView.of(data); MemoryView strided = v.slice(0, 6, 2);
             MemoryView grid = v.cast("B", 2, 3); MemoryView sgrid = grid.select(":, ::2")) {
            for (MemoryView w : List.of(v, strided)) {
                w.setLong(0, 255);
                w.setLong(1, 0);
                assertThat(w.getLong(0)).isEqualTo(255);
                assertThatThrownBy(() -> w.setLong(0, 256)).isExactlyInstanceOf(IllegalArgumentException.class)
                        .hasMessage("memoryview: invalid value for format 'B'");
                assertThatThrownBy(() -> w.setLong(0, -1)).isExactlyInstanceOf(IllegalArgumentException.class)
                        .hasMessage("memoryview: invalid value for format 'B'");
            }
            for (MemoryView w : List.of(grid, sgrid)) {
                w.setLong(1, 1, 255);
                w.setLong(1, 0, 0);
                assertThatThrownBy(() -> w.setLong(1, 1, 256)).hasMessage("memoryview: invalid value for format 'B'");
                assertThatThrownBy(() -> w.setLong(1, 1, -1)).hasMessage("memoryview: invalid value for format 'B'");
                assertThatThrownBy(() -> w.setLong(new long[] {1, 1}, 256))
                        .hasMessage("memoryview: invalid value for format 'B'");
                w.setLong(new long[] {0, 0}, 255);
                assertThat(w.getLong(0, 0)).isEqualTo(255);
            }
        }
        try (MemoryView s = MemoryView.of(new byte[2]).cast("b")) {
            s.setLong(0, -128);
            s.setLong(1, 127);
            assertThat(s.toList()).isEqualTo(List.of(-128L, 127L));
            assertThatThrownBy(() -> s.setLong(0, 128)).hasMessage("memoryview: invalid value for format 'b'");
            assertThatThrownBy(() -> s.setLong(0, -129)).hasMessage("memoryview: invalid value for format 'b'");
        }
    }

    @Test
    void unsignedSixtyFourBitItemsBeyondLongMaxAreNotLongs() {
        byte[] ff = new byte[16];
        Arrays.fill(ff, 0, 8, (byte) 0xff);
        try (MemoryView q = MemoryView.of(ff).cast("Q")) {
            assertThatThrownBy(() -> q.getLong(0)).isExactlyInstanceOf(ArithmeticException.class)
                    .hasMessage("item 18446744073709551615 of format 'Q' does not fit in a long");
            assertThat(q.getLong(1)).isZero();
            assertThat(q.get(0L)).hasToString("18446744073709551615");
        }
    }

    @Test
    void unsupportedFormatsRefuseItemAccessButNotTheirBytes() {
        Buffer b = Buffer.builder(MemorySegment.ofArray(seq(8))).format("w").itemsize(4).build();
        try (MemoryView v = MemoryView.of(b); MemoryView g = MemoryView.of(Buffer.builder(MemorySegment.ofArray(
                seq(8))).format("w").itemsize(2).shape(2, 2).build())) {
            for (Runnable r : List.<Runnable>of(() -> v.get(0L), () -> v.get(new long[] {1}), () -> v.set(0, 1L),
                    () -> v.set(new long[] {0}, 1L), () -> v.getLong(0), () -> v.setLong(0, 1), v::toList,
                    v::iterator, () -> g.get(1, 1), () -> g.set(new long[] {1, 1}, 1L), () -> g.getDouble(0, 0))) {
                assertThatThrownBy(r::run).isExactlyInstanceOf(UnsupportedOperationException.class)
                        .hasMessage("memoryview: format w not supported");
            }
            assertThat(v.toBytes()).isEqualTo(seq(8));
            assertThat(v.hex()).isEqualTo("0001020304050607");
        }
    }

    @Test
    void scalarAccessorsExplainWhyRecordsAndBytesAreNotScalars() {
        try (MemoryView rec = MemoryView.of(new byte[8]).cast("<hh"); MemoryView str = MemoryView.of(new byte[8])
                .cast("4s")) {
            assertThatThrownBy(() -> rec.getLong(0)).isExactlyInstanceOf(IllegalArgumentException.class)
                    .hasMessage("memoryview: format '<hh' items are records of 2 values; use get");
            assertThatThrownBy(() -> str.getDouble(0)).isExactlyInstanceOf(IllegalArgumentException.class)
                    .hasMessage("memoryview: format '4s' items are byte strings; use get");
        }
        try (MemoryView grid = MemoryView.of(new byte[6]).cast("B", 2, 3);
             MemoryView scalar = MemoryView.of(new byte[1]).cast("B", new long[0])) {
            assertThatThrownBy(() -> grid.getLong(new long[] {1})).isExactlyInstanceOf(IllegalArgumentException.class)
                    .hasMessage("primitive access needs one index per dimension: 2 indices, got 1");
            assertThatThrownBy(() -> grid.getLong(1, 1, 1)).hasMessage("cannot index 2-dimension view with 3-element tuple");
            assertThatThrownBy(() -> scalar.getLong(0)).hasMessage("invalid indexing of 0-dim memory");
            assertThat(scalar.getLong(new long[0])).isZero();
        }
    }

    @Test
    void recordWritesStoreTheValuesAndKeepThePadBytes() {
        byte[] data = {9, 9, 9, 9, 9, 9, 9, 9};
        try (MemoryView v = MemoryView.of(data).cast("<bxh")) {
            v.set(1, List.of(-1L, 0x0102L));
            assertThat(data).containsExactly(9, 9, 9, 9, -1, 9, 2, 1);
            assertThat(v.get(1L)).isEqualTo(List.of(-1L, 258L));
        }
        byte[] padded = {9, 9, 9, 9};
        try (MemoryView v = MemoryView.of(padded).cast("<2xH")) {
            v.set(0, 0x0304L);
            assertThat(padded).containsExactly(9, 9, 4, 3);
            v.setLong(0, 0x0506L);
            assertThat(padded).containsExactly(9, 9, 6, 5);
            assertThat(v.getLong(0)).isEqualTo(0x0506L);
        }
    }

    @Test
    void permuteChecksEveryAxisAndKeepsSuboffsetsInPlace() {
        try (MemoryView g = MemoryView.of(seq(6)).cast("B", 2, 3)) {
            assertThatThrownBy(() -> g.permute(0, 2)).isExactlyInstanceOf(IllegalArgumentException.class)
                    .hasMessage("axis 2 is out of bounds for memoryview of dimension 2");
            assertThatThrownBy(() -> g.permute(-3, 0)).hasMessage("axis -3 is out of bounds for memoryview of dimension 2");
            assertThatThrownBy(() -> g.permute(1, 1)).hasMessage("repeated axis in transpose");
            assertThat(g.permute(-1, 0).shape()).containsExactly(3, 2);
            assertThat(g.transpose().toList()).isEqualTo(List.of(List.of(0L, 3L), List.of(1L, 4L), List.of(2L, 5L)));
        }
        MemorySegment m = MemorySegment.ofArray(new byte[22]);
        m.set(ValueLayout.JAVA_LONG_UNALIGNED, 0, 16);
        m.set(ValueLayout.JAVA_LONG_UNALIGNED, 8, 19);
        try (MemoryView p = MemoryView.of(Buffer.builder(m).shape(2, 3).strides(8, 1).suboffsets(0, -1).build())) {
            assertThatThrownBy(() -> p.permute(1, 0)).isExactlyInstanceOf(UnsupportedOperationException.class)
                    .hasMessage("memoryview: cannot reorder the dimensions of a view with suboffsets");
            assertThat(p.permute(0, 1).suboffsets()).containsExactly(0, -1);
        }
    }

    @Test
    void castAcceptsSixtyFourDimensionsAndNoMore() {
        long[] ones = new long[64];
        Arrays.fill(ones, 1);
        try (MemoryView v = MemoryView.of(new byte[1])) {
            assertThat(v.cast("B", ones).ndim()).isEqualTo(64);
            long[] more = new long[65];
            Arrays.fill(more, 1);
            assertThatThrownBy(() -> v.cast("B", more)).isExactlyInstanceOf(IllegalArgumentException.class)
                    .hasMessage("memoryview: number of dimensions must not exceed 64");
        }
    }

    @Test
    void hexAndWriteToOfANonContiguousViewSeeOnlyItsItems() throws Exception {
        try (MemoryView v = MemoryView.of(seq(6)); MemoryView odd = v.slice(1, 6, 2)) {
            assertThat(odd.hex()).isEqualTo("010305");
            assertThat(odd.hex(":")).isEqualTo("01:03:05");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            assertThat(odd.writeTo(Channels.newChannel(out))).isEqualTo(3);
            assertThat(out.toByteArray()).containsExactly(1, 3, 5);
        }
    }

    @Test
    void copyFromRefusesReadOnlyTargetsAndOtherItemsizes() {
        try (MemoryView ro = MemoryView.of(new byte[4]).toReadOnly()) {
            assertThatThrownBy(() -> ro.copyFrom(new byte[4])).isExactlyInstanceOf(ReadOnlyMemoryException.class)
                    .hasMessage("cannot modify read-only memory");
        }
        try (MemoryView shorts = MemoryView.of(new byte[4]).cast("H"); MemoryView bytes2 = MemoryView.of(new byte[2])) {
            assertThat(shorts.shape()).isEqualTo(bytes2.shape());
            assertThatThrownBy(() -> shorts.copyFrom(bytes2)).isExactlyInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("memoryview assignment: lvalue and rvalue have different structures");
        }
    }

    @Test
    void indexClampsNegativeBoundsFromTheEnd() {
        try (MemoryView v = MemoryView.of(new byte[] {5, 6, 5, 6, 5})) {
            assertThat(v.index(5L, -3, 5)).isEqualTo(2);
            assertThat(v.index(6L, -100, -1)).isEqualTo(1);
            assertThat(v.index(6L, -2, Long.MAX_VALUE)).isEqualTo(3);
            assertThatThrownBy(() -> v.index(5L, 0, -5)).hasMessage("memoryview.index(x): x not found");
            assertThat(v.index(5L, -1, 5)).isEqualTo(4);
        }
    }
}
