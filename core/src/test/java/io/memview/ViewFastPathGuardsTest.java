package io.memview;

import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The primitive fast paths ({@code getLong}/{@code setLong}/{@code set(i, Long)} on dense, strided and 2-D views)
 * must behave exactly like the general path: they are off for read-only views, float, bool and char items, and the
 * general path's conversions apply. Plus the size limits of {@code toBytes}, {@code toList} and {@code hex}, checked
 * on zero-stride views (one byte of memory, any shape) so that nothing large is allocated.
 */
class ViewFastPathGuardsTest {

    /** A dense 1-D, a strided 1-D and a 2-D view of {@code n * 2} items cast to {@code format}. */
    private static List<MemoryView> shapes(byte[] data, String format) {
        MemoryView v = MemoryView.of(data).cast(format);
        long n = v.length();
        return List.of(v, v.slice(0, n, 2), v.cast("B").cast(format, 2, n / 2));
    }

    private static void setFirst(MemoryView w, long value) {
        if (w.ndim() == 1) {
            w.setLong(0, value);
        } else {
            w.setLong(0, 0, value);
        }
    }

    @Test
    void readOnlyViewsRefuseEveryFastWrite() {
        for (MemoryView w : shapes(new byte[8], "B")) {
            MemoryView ro = w.toReadOnly();
            assertThatThrownBy(() -> setFirst(ro, 1)).as("%d-D", ro.ndim())
                    .isExactlyInstanceOf(ReadOnlyMemoryException.class).hasMessage("cannot modify read-only memory");
            if (ro.ndim() == 1) {
                assertThatThrownBy(() -> ro.set(0, 1L)).isExactlyInstanceOf(ReadOnlyMemoryException.class);
            }
        }
    }

    @Test
    void settingIntegersIntoFloatItemsConvertsThem() {
        for (MemoryView w : shapes(new byte[32], "d")) {
            setFirst(w, 3);
            double d = w.ndim() == 1 ? w.getDouble(0) : w.getDouble(0, 0);
            assertThat(d).as("%d-D", w.ndim()).isEqualTo(3.0);
            if (w.ndim() == 1) {
                w.set(1, 5L);
                assertThat(w.get(1L)).isEqualTo(5.0);
            }
        }
    }

    @Test
    void boolItemsStoreTruthAndCharItemsAreNotNumbers() {
        for (MemoryView w : shapes(new byte[4], "?")) {
            setFirst(w, 5);
            assertThat(w.ndim() == 1 ? w.get(0L) : w.get(0, 0)).as("%d-D", w.ndim()).isEqualTo(true);
            assertThat(w.toBytes()[0]).isEqualTo((byte) 1);
        }
        try (MemoryView b = MemoryView.of(new byte[2]).cast("?")) {
            b.setDouble(0, 0.5);
            b.setDouble(1, 0.0);
            assertThat(b.toList()).isEqualTo(List.of(true, false));
        }
        for (MemoryView w : shapes(new byte[] {65, 66, 67, 68}, "c")) {
            assertThatThrownBy(() -> {
                if (w.ndim() == 1) {
                    w.getDouble(0);
                } else {
                    w.getDouble(0, 0);
                }
            }).as("%d-D", w.ndim()).isExactlyInstanceOf(IllegalArgumentException.class)
                    .hasMessage("memoryview: format 'c' items are not numbers");
        }
    }

    @Test
    void setAcceptsOtherIntegerBoxesThroughTheGeneralPath() {
        byte[] data = new byte[4];
        try (MemoryView v = MemoryView.of(data)) {
            v.set(0, 7);
            v.set(1, (short) 8);
            assertThat(data).containsExactly(7, 8, 0, 0);
        }
    }

    @Test
    void permuteNeedsOneAxisPerDimension() {
        try (MemoryView g = MemoryView.of(new byte[6]).cast("B", 2, 3)) {
            assertThatThrownBy(() -> g.permute(0)).isExactlyInstanceOf(IllegalArgumentException.class)
                    .hasMessage("axes don't match memoryview: 1 axes for 2 dimensions");
        }
    }

    @Test
    void castRefusesFormatsWithoutAValue() {
        try (MemoryView v = MemoryView.of(new byte[4])) {
            for (String f : List.of("x", "3x", "0i", "")) {
                assertThatThrownBy(() -> v.cast(f)).as(f).isExactlyInstanceOf(IllegalArgumentException.class)
                        .hasMessage("memoryview: destination format must be a native single character format "
                                + "prefixed with an optional '@'");
            }
            assertThat(v.cast("@i").format()).isEqualTo("@i");
            assertThat(v.cast("@i").itemsize()).isEqualTo(4);
        }
    }

    @Test
    void setSliceChecksItsSource() {
        byte[] data = new byte[4];
        try (MemoryView v = MemoryView.of(data)) {
            assertThatThrownBy(() -> v.setSlice(0, 2, 1, "ab")).isExactlyInstanceOf(IllegalArgumentException.class)
                    .hasMessage("a bytes-like object is required, not 'str'");
            try (MemoryView twoByOne = MemoryView.of(new byte[2]).cast("B", 2, 1)) {
                assertThatThrownBy(() -> v.setSlice(0, 2, 1, twoByOne))
                        .isExactlyInstanceOf(IllegalArgumentException.class)
                        .hasMessage("memoryview assignment: lvalue and rvalue have different structures");
            }
            v.setSlice(1, 3, 1, new byte[] {5, 6});
            assertThat(data).containsExactly(0, 5, 6, 0);
        }
    }

    @Test
    void byteStringItemsAreSingleValues() {
        byte[] data = new byte[8];
        try (MemoryView v = MemoryView.of(data).cast("4s")) {
            v.set(1, Bytes.of(new byte[] {1, 2, 3, 4}));
            assertThat(data).containsExactly(0, 0, 0, 0, 1, 2, 3, 4);
            assertThat(v.get(1L)).isEqualTo(Bytes.of(new byte[] {1, 2, 3, 4}));
        }
    }

    @Test
    void iteratingAnUnsupportedFormatOfTwoDimensionsGivesRows() {
        Buffer b = Buffer.builder(MemorySegment.ofArray(new byte[8])).format("w").itemsize(2).shape(2, 2).build();
        try (MemoryView g = MemoryView.of(b)) {
            Object row = g.iterator().next();
            assertThat(row).isInstanceOf(MemoryView.class);
            assertThat(((MemoryView) row).shape()).containsExactly(2);
        }
    }

    /** One byte of memory seen {@code n} times (stride 0). */
    private static MemoryView zeroStride(long n, String format, int itemsize) {
        return MemoryView.of(Buffer.builder(MemorySegment.ofArray(new byte[itemsize])).format(format)
                .itemsize(itemsize).shape(n).strides(0).build());
    }

    @Test
    void resultsLargerThanAJavaArrayAreRefusedBeforeAllocating() {
        long over = Integer.MAX_VALUE - 7L; // one more than the 2147483639 a Java array holds
        assertThatThrownBy(() -> zeroStride(over, "B", 1).toBytes()).isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("tobytes() of 2147483640 bytes: a Java array holds at most 2147483639;"
                        + " use writeTo or copyTo for views this large");
        assertThatThrownBy(() -> zeroStride(over, "B", 1).toList()).isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("tolist() of 2147483640 items: a Java list holds at most 2147483639");
        assertThatThrownBy(() -> zeroStride(Hex.MAX + 1, "B", 1).hex())
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("hex() of " + (Hex.MAX + 1) + " bytes would be longer than a Java string can hold");
    }

    @Test
    void listsLargerThanTheHeapAreRefusedWithTheirEstimate() {
        long heap = Runtime.getRuntime().maxMemory();
        // 2^30 integer items: a reference (4) and a box (16) each, 20 GiB in all
        org.junit.jupiter.api.Assumptions.assumeTrue(heap < 20L << 30, "the heap holds 20 GiB");
        assertThatThrownBy(() -> zeroStride(1L << 30, "B", 1).toList())
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("tolist() of 1073741824 items needs about 20480 MiB, more than the Java heap holds ("
                        + heap + " bytes at most)");
        // records of 3 values: a reference and three boxes, 52 bytes an item
        assertThatThrownBy(() -> zeroStride(1L << 30, "<BBB", 3).toList())
                .hasMessage("tolist() of 1073741824 items needs about 53248 MiB, more than the Java heap holds ("
                        + heap + " bytes at most)");
        // booleans are cached: a reference each, 4 GiB for 2^30
        org.junit.jupiter.api.Assumptions.assumeTrue(heap < 4L << 30, "the heap holds 4 GiB");
        assertThatThrownBy(() -> zeroStride(1L << 30, "?", 1).toList())
                .hasMessage("tolist() of 1073741824 items needs about 4096 MiB, more than the Java heap holds ("
                        + heap + " bytes at most)");
    }

    /** Hex's limit, restated: a hex string of n bytes has 2n characters, at most Integer.MAX_VALUE - 8. */
    private static final class Hex {
        static final long MAX = (Integer.MAX_VALUE - 8) / 2;
    }
}
