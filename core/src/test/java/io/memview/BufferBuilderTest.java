package io.memview;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * {@link Buffer.Builder}: the one bounds check. Every wrong field is an {@link IllegalArgumentException} that names
 * it, and (property) every built buffer reaches only bytes inside its segment while every refused one really reaches
 * outside, checked against a brute-force enumeration of every index of small layouts.
 */
class BufferBuilderTest {

    private static MemorySegment bytes(int n) {
        return MemorySegment.ofArray(new byte[n]);
    }

    private static void refused(Supplier<Buffer> build, String... fragments) {
        assertThatThrownBy(build::get).isExactlyInstanceOf(IllegalArgumentException.class)
                .message().contains(fragments);
    }

    // ------------------------------------------------------------------------------------------------- defaults

    @Test
    void defaultsDescribeTheWholeSegmentAsUnsignedBytes() {
        Buffer b = Buffer.builder(bytes(10)).build();
        assertThat(b.format()).isEqualTo("B");
        assertThat(b.itemsize()).isEqualTo(1);
        assertThat(b.shape()).containsExactly(10);
        assertThat(b.strides()).containsExactly(1);
        assertThat(b.suboffsets()).isNull();
        assertThat(b.readonly()).isFalse();
        assertThat(b.len()).isEqualTo(10);
        assertThat(b.offset()).isZero();
    }

    @Test
    void defaultShapeIsTheWholeItemsAfterTheOffsetAndStridesAreCOrder() {
        Buffer b = Buffer.builder(bytes(23)).format("i").offset(2).build();
        assertThat(b.shape()).containsExactly(5); // (23 - 2) / 4, the partial item left out
        Buffer c = Buffer.builder(bytes(24)).format("<h").shape(2, 3, 2).build();
        assertThat(c.strides()).containsExactly(12, 4, 2);
        assertThat(c.len()).isEqualTo(24);
    }

    @Test
    void readOnlySegmentsMakeReadOnlyBuffersAndCannotBeDeclaredWritable() {
        MemorySegment ro = bytes(4).asReadOnly();
        assertThat(Buffer.builder(ro).build().readonly()).isTrue();
        refused(() -> Buffer.builder(ro).readonly(false).build(), "readonly");
        assertThat(Buffer.builder(bytes(4)).readonly(true).build().readonly()).isTrue();
    }

    @Test
    void accessorsReturnCopies() {
        Buffer b = Buffer.builder(bytes(6)).shape(2, 3).build();
        b.shape()[0] = 99;
        b.strides()[0] = 99;
        assertThat(b.shape()).containsExactly(2, 3);
        assertThat(b.strides()).containsExactly(3, 1);
        long[] shape = {2, 3};
        Buffer.Builder builder = Buffer.builder(bytes(6)).shape(shape);
        shape[0] = 1000;
        assertThat(builder.build().shape()).containsExactly(2, 3);
    }

    // ---------------------------------------------------------------------------------------------- each field

    @Test
    void offsetOutsideTheSegmentIsRefused() {
        refused(() -> Buffer.builder(bytes(8)).offset(-1).build(), "offset -1");
        refused(() -> Buffer.builder(bytes(8)).offset(9).build(), "offset 9");
        refused(() -> Buffer.builder(bytes(8)).offset(Long.MIN_VALUE).build(), "offset");
        assertThat(Buffer.builder(bytes(8)).offset(8).build().shape()).containsExactly(0);
    }

    @Test
    void negativeShapesAreRefusedNamingTheDimension() {
        refused(() -> Buffer.builder(bytes(8)).shape(2, -1).build(), "shape[1]", "negative");
        refused(() -> Buffer.builder(bytes(8)).shape(Long.MIN_VALUE).build(), "shape[0]", "negative");
    }

    @Test
    void shapesWhoseSizeOverflowsAreRefused() {
        refused(() -> Buffer.builder(bytes(8)).shape(1L << 32, 1L << 32).strides(0, 0).build(), "shape");
        refused(() -> Buffer.builder(bytes(8)).format("q").shape(1L << 61).strides(0).build(), "shape",
                "itemsize 8");
        refused(() -> Buffer.builder(bytes(8)).shape(Long.MAX_VALUE).build(), "shape");
    }

    @Test
    void moreThan64DimensionsAreRefusedWithCPythonsMessage() {
        long[] ones = new long[65];
        Arrays.fill(ones, 1);
        refused(() -> Buffer.builder(bytes(1)).shape(ones).build(),
                "memoryview: number of dimensions must not exceed 64");
        assertThat(Buffer.builder(bytes(1)).shape(Arrays.copyOf(ones, 64)).build().ndim()).isEqualTo(64);
    }

    @Test
    void stridesMustHaveOneEntryPerDimension() {
        refused(() -> Buffer.builder(bytes(8)).shape(2, 2).strides(1).build(), "strides", "1 entries",
                "2 dimensions");
    }

    @Test
    void stridesReachingPastTheEndAreRefused() {
        refused(() -> Buffer.builder(bytes(8)).shape(3).strides(4).build(), "strides [4]", "8-byte segment");
        refused(() -> Buffer.builder(bytes(8)).format("i").shape(2).strides(5).build(), "strides [5]");
        refused(() -> Buffer.builder(bytes(8)).shape(2, 2).strides(4, 5).build(), "strides [4, 5]");
        assertThatCode(() -> Buffer.builder(bytes(8)).format("i").shape(2).strides(4).build())
                .doesNotThrowAnyException();
    }

    @Test
    void negativeStridesMustStayAboveTheStartOfTheSegment() {
        refused(() -> Buffer.builder(bytes(8)).shape(2).strides(-1).build(), "strides [-1]", "offset 0");
        refused(() -> Buffer.builder(bytes(8)).offset(3).shape(5).strides(-1).build(), "strides [-1]");
        Buffer b = Buffer.builder(bytes(8)).offset(4).shape(5).strides(-1).build();
        assertThat(b.shape()).containsExactly(5);
        Buffer c = Buffer.builder(bytes(8)).format("h").offset(6).shape(4).strides(-2).build();
        assertThat(c.len()).isEqualTo(8);
    }

    @Test
    void stridesWhoseExtentOverflowsAreRefused() {
        refused(() -> Buffer.builder(bytes(8)).shape(3).strides(Long.MAX_VALUE).build(), "strides");
        refused(() -> Buffer.builder(bytes(8)).shape(3).strides(Long.MIN_VALUE).build(), "strides");
        refused(() -> Buffer.builder(bytes(8)).offset(8).shape(2, 2).strides(Long.MIN_VALUE / 2, Long.MIN_VALUE / 2)
                .build(), "strides");
    }

    @Test
    void zeroLengthDimensionsReachNothingWhateverTheStrides() {
        Buffer b = Buffer.builder(bytes(0)).shape(0, 5).strides(Long.MAX_VALUE, Long.MIN_VALUE).build();
        assertThat(b.len()).isZero();
        Buffer c = Buffer.builder(bytes(4)).offset(4).format("q").shape(3, 0).strides(-8, 1000).build();
        assertThat(c.len()).isZero();
    }

    @Test
    void zeroStridesRepeatOneItem() {
        Buffer b = Buffer.builder(bytes(4)).format("i").shape(1000).strides(0).build();
        assertThat(b.len()).isEqualTo(4000);
        refused(() -> Buffer.builder(bytes(3)).format("i").shape(1000).strides(0).build(), "strides [0]");
    }

    @Test
    void zeroDimensionalBuffersNeedOneItemInside() {
        Buffer b = Buffer.builder(bytes(8)).format("d").shape().build();
        assertThat(b.ndim()).isZero();
        assertThat(b.len()).isEqualTo(8);
        refused(() -> Buffer.builder(bytes(8)).format("d").offset(1).shape().build(), "reach outside");
    }

    @Test
    void itemsizeMustAgreeWithTheFormat() {
        refused(() -> Buffer.builder(bytes(8)).format("i").itemsize(2).build(), "itemsize 2", "format 'i'", "4");
        refused(() -> Buffer.builder(bytes(8)).format("<iB").itemsize(8).build(), "itemsize 8", "5");
        refused(() -> Buffer.builder(bytes(8)).itemsize(0).build(), "itemsize");
        refused(() -> Buffer.builder(bytes(8)).itemsize(-4).build(), "itemsize");
        assertThat(Buffer.builder(bytes(8)).format("i").itemsize(4).build().itemsize()).isEqualTo(4);
    }

    @Test
    void formatsTheStructModuleCannotSizeNeedAnExplicitItemsize() {
        refused(() -> Buffer.builder(bytes(8)).format("w").build(), "format 'w'", "itemsize");
        refused(() -> Buffer.builder(bytes(8)).format("T{i:x:}").build(), "format 'T{i:x:}'", "itemsize");
        Buffer b = Buffer.builder(bytes(8)).format("w").itemsize(4).build();
        assertThat(b.shape()).containsExactly(2);
        assertThat(b.format()).isEqualTo("w");
    }

    @Test
    void anItemsizeAloneMeansUnsignedBytesOfThatSize() {
        Buffer b = Buffer.builder(bytes(8)).itemsize(4).build();
        assertThat(b.format()).isNull();
        assertThat(b.shape()).containsExactly(2);
    }

    @Test
    void suboffsetsMustHaveOneEntryPerDimension() {
        refused(() -> Buffer.builder(bytes(64)).shape(2, 2).strides(8, 1).suboffsets(0).build(), "suboffsets",
                "1 entries", "2 dimensions");
    }

    /** A 2x3 PIL array: two row pointers at bytes 0 and 8, rows at {@code row0} and {@code row1}. */
    private static MemorySegment pil(long row0, long row1, int size) {
        MemorySegment m = bytes(size);
        m.set(ValueLayout.JAVA_LONG_UNALIGNED, 0, row0);
        m.set(ValueLayout.JAVA_LONG_UNALIGNED, 8, row1);
        return m;
    }

    @Test
    void suboffsetPointerTablesOutsideTheSegmentAreRefused() {
        // three pointers of 8 bytes do not fit in 16 bytes
        refused(() -> Buffer.builder(pil(16, 19, 22)).shape(3, 2).strides(8, 1).suboffsets(0, -1).build(),
                "strides [8, 1]", "reach outside");
        refused(() -> Buffer.builder(pil(16, 19, 22)).offset(4).shape(2, 3).strides(8, 1).suboffsets(0, -1).build(),
                "reach outside");
    }

    @Test
    void suboffsetsPointingOutsideTheSegmentAreRefused() {
        assertThatCode(() -> Buffer.builder(pil(16, 19, 22)).shape(2, 3).strides(8, 1).suboffsets(0, -1).build())
                .doesNotThrowAnyException();
        // the second row would be bytes 20..22 of a 22-byte segment
        refused(() -> Buffer.builder(pil(16, 20, 22)).shape(2, 3).strides(8, 1).suboffsets(0, -1).build(),
                "suboffsets");
        // a suboffset that moves every row past the end
        refused(() -> Buffer.builder(pil(16, 19, 22)).shape(2, 3).strides(8, 1).suboffsets(4, -1).build(),
                "suboffsets");
        // a pointer before the start
        refused(() -> Buffer.builder(pil(-1, 19, 22)).shape(2, 3).strides(8, 1).suboffsets(0, -1).build(),
                "suboffsets");
        // pointer + suboffset overflowing
        refused(() -> Buffer.builder(pil(Long.MAX_VALUE, 19, 22)).shape(2, 3).strides(8, 1)
                .suboffsets(Long.MAX_VALUE, -1).build(), "suboffsets");
    }

    @Test
    void stridesAfterAnIndirectionThatOverflowAreRefused() {
        refused(() -> Buffer.builder(pil(16, 19, 22)).shape(2, 4).strides(8, 1L << 62).suboffsets(0, -1).build(),
                "strides");
        // also when there are too many pointers (70000 uses of one) to follow at build time
        refused(() -> Buffer.builder(pil(16, 19, 22)).shape(70000, 4).strides(0, 1L << 62).suboffsets(0, -1)
                .build(), "strides");
    }

    @Test
    void pointersBeyondTheBuildTimeLimitAreCheckedWhenDereferenced() {
        MemorySegment m = pil(16, 1000, 22); // the slot at byte 8 is never used: every row uses the pointer at 0
        Buffer b = Buffer.builder(m).shape(70000, 3).strides(0, 1).suboffsets(0, -1).build();
        MemoryView v = MemoryView.of(b);
        assertThat(v.getLong(69999, 2)).isZero();
        m.set(ValueLayout.JAVA_LONG_UNALIGNED, 0, 21);
        assertThatThrownBy(() -> v.getLong(5, 2)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThat(v.getLong(5, 0)).isZero();
    }

    @Test
    void pointersChangedAfterBuildAreCheckedOnEveryDereference() {
        MemorySegment m = pil(16, 19, 22);
        MemoryView v = MemoryView.of(Buffer.builder(m).shape(2, 3).strides(8, 1).suboffsets(0, -1).build());
        assertThat(v.getLong(1, 2)).isZero();
        m.set(ValueLayout.JAVA_LONG_UNALIGNED, 8, 1L << 40);
        assertThatThrownBy(() -> v.getLong(1, 0)).isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessageContaining("outside the 22-byte segment");
        m.set(ValueLayout.JAVA_LONG_UNALIGNED, 8, Long.MAX_VALUE - 1);
        assertThatThrownBy(() -> v.getLong(1, 2)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(v::toBytes).isInstanceOf(IndexOutOfBoundsException.class);
        assertThat(v.getLong(0, 2)).isZero();
    }

    @Test
    void nativeSegmentsWork() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment s = arena.allocate(32);
            Buffer b = Buffer.builder(s).format("d").shape(2, 2).strides(-16, 8).offset(16).build();
            assertThat(b.len()).isEqualTo(32);
            refused(() -> Buffer.builder(s).format("d").shape(2, 2).strides(-16, 8).offset(8).build(),
                    "reach outside");
        }
    }

    // ------------------------------------------------------------------------------------------------ property

    static LongStream seeds() {
        return LongStream.range(0, 400);
    }

    private static final String[] FORMATS = {"B", "h", "i", "d", "3s", "<iB"};

    /**
     * A random small layout is built exactly when every byte of every item, enumerated index by index, lies inside
     * the segment (and the offset is a position in it): nothing reachable outside is accepted, nothing inside
     * refused.
     */
    @ParameterizedTest
    @MethodSource("seeds")
    void buildsExactlyTheLayoutsWhoseEveryReachableByteIsInside(long seed) {
        RandomGenerator r = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
        for (int round = 0; round < 50; round++) {
            int size = r.nextInt(41);
            String format = FORMATS[r.nextInt(FORMATS.length)];
            int itemsize = (int) io.memview.struct.Struct.calcsize(format);
            int ndim = r.nextInt(4);
            long[] shape = new long[ndim];
            long[] strides = new long[ndim];
            for (int d = 0; d < ndim; d++) {
                shape[d] = r.nextInt(5);
                strides[d] = r.nextInt(10) == 0 ? (r.nextBoolean() ? Long.MAX_VALUE / 3 : Long.MIN_VALUE / 3)
                        : r.nextInt(-24, 25);
            }
            long offset = r.nextInt(-3, size + 4);
            String what = "size " + size + " format " + format + " shape " + Arrays.toString(shape) + " strides "
                    + Arrays.toString(strides) + " offset " + offset;
            boolean inside = offset >= 0 && offset <= size && everyByteInside(size, itemsize, shape, strides, offset);
            Buffer b;
            try {
                b = Buffer.builder(bytes(size)).format(format).shape(shape).strides(strides).offset(offset).build();
            } catch (IllegalArgumentException e) {
                assertThat(inside).as("seed %d: %s refused (%s) though every byte is inside", seed, what,
                        e.getMessage()).isFalse();
                continue;
            }
            assertThat(inside).as("seed %d: %s built though a byte is outside", seed, what).isTrue();
            assertThat(b.len()).as("seed %d: %s len", seed, what)
                    .isEqualTo(LongStream.of(shape).reduce(1, (x, y) -> x * y) * itemsize);
        }
    }

    /**
     * The same property for PIL layouts: memory full of small 8-byte values that serve as pointers wherever an
     * indirect dimension reads one, random suboffsets on random dimensions; a brute-force walk follows every pointer
     * of every index.
     */
    @ParameterizedTest
    @MethodSource("seeds")
    void buildsExactlyThePilLayoutsWhoseEveryPointerAndItemIsInside(long seed) {
        RandomGenerator r = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
        for (int round = 0; round < 30; round++) {
            int words = 2 + r.nextInt(10);
            int size = words * 8 - r.nextInt(8);
            MemorySegment m = bytes(size);
            for (int w = 0; w + 8 <= size; w += 8) {
                m.set(ValueLayout.JAVA_LONG_UNALIGNED, w, r.nextInt(-4, size + 4));
            }
            int itemsize = 1 + r.nextInt(4);
            int ndim = 1 + r.nextInt(3);
            long[] shape = new long[ndim];
            long[] strides = new long[ndim];
            long[] sub = new long[ndim];
            boolean any = false;
            for (int d = 0; d < ndim; d++) {
                shape[d] = 1 + r.nextInt(3);
                sub[d] = r.nextInt(3) == 0 ? -1 : r.nextInt(-2, 6);
                any |= sub[d] >= 0;
                strides[d] = sub[d] >= 0 ? 8L * r.nextInt(-1, 3) : r.nextInt(-6, 7);
            }
            if (!any) {
                sub[0] = 0;
                strides[0] = 8;
            }
            long offset = r.nextInt(0, size + 1);
            String what = "size " + size + " itemsize " + itemsize + " shape " + Arrays.toString(shape)
                    + " strides " + Arrays.toString(strides) + " suboffsets " + Arrays.toString(sub) + " offset "
                    + offset;
            boolean inside = everyPilByteInside(m, itemsize, shape, strides, sub, offset);
            try {
                Buffer.builder(m).itemsize(itemsize).shape(shape).strides(strides).suboffsets(sub).offset(offset)
                        .build();
            } catch (IllegalArgumentException e) {
                assertThat(inside).as("seed %d: %s refused (%s) though every byte is inside", seed, what,
                        e.getMessage()).isFalse();
                continue;
            }
            assertThat(inside).as("seed %d: %s built though a byte is outside", seed, what).isTrue();
        }
    }

    private static boolean everyPilByteInside(MemorySegment m, int itemsize, long[] shape, long[] strides, long[] sub,
                                              long offset) {
        long size = m.byteSize();
        long[] idx = new long[shape.length];
        do {
            long p = offset;
            for (int d = 0; d < idx.length; d++) {
                p += idx[d] * strides[d];
                if (sub[d] >= 0) {
                    if (p < 0 || p + 8 > size) {
                        return false;
                    }
                    p = m.get(ValueLayout.JAVA_LONG_UNALIGNED, p) + sub[d];
                }
            }
            if (p < 0 || p + itemsize > size) {
                return false;
            }
        } while (io.memview.internal.Odometer.next(idx, shape));
        return true;
    }

    /** Brute force: every index, every byte of the item, with exact (BigInteger-free, small) arithmetic. */
    private static boolean everyByteInside(int size, int itemsize, long[] shape, long[] strides, long offset) {
        for (long s : shape) {
            if (s == 0) {
                return true;
            }
        }
        long[] idx = new long[shape.length];
        do {
            java.math.BigInteger a = java.math.BigInteger.valueOf(offset);
            for (int d = 0; d < idx.length; d++) {
                a = a.add(java.math.BigInteger.valueOf(idx[d]).multiply(java.math.BigInteger.valueOf(strides[d])));
            }
            if (a.signum() < 0 || a.add(java.math.BigInteger.valueOf(itemsize))
                    .compareTo(java.math.BigInteger.valueOf(size)) > 0) {
                return false;
            }
        } while (io.memview.internal.Odometer.next(idx, shape));
        return true;
    }
}
