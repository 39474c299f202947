package io.memview;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.HexFormat;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The primitive fast paths (word-at-a-time hex, equality and hashing along merged runs, count and index without
 * boxing, set with a Long) against independent references: the JDK's {@link HexFormat}, Java's own comparisons of
 * the values the test wrote, and counts computed from those values.
 */
class FastPathTest {
    private static RandomGenerator rng(long seed) {
        return RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void hexOfAnyLengthAndOffsetMatchesHexFormat(long seed) {
        RandomGenerator r = rng(seed);
        for (int round = 0; round < 50; round++) {
            byte[] data = new byte[r.nextInt(0, 70)];
            r.nextBytes(data);
            int from = data.length == 0 ? 0 : r.nextInt(0, data.length);
            MemoryView v = MemoryView.of(data).slice(from, data.length, 1);
            String expected = HexFormat.of().formatHex(data, from, data.length);
            assertThat(v.hex()).as("seed %d", seed).isEqualTo(expected);
            assertThat(MemoryView.of(Arena.ofAuto().allocate(data.length + 1L).copyFrom(
                    MemorySegment.ofArray(data)).asSlice(0, data.length)).slice(from, data.length, 1).hex())
                    .as("seed %d native", seed).isEqualTo(expected);
            if (data.length > 1) {
                String sep = HexFormat.ofDelimiter(":").formatHex(data, from, data.length);
                assertThat(v.hex(":")).as("seed %d", seed).isEqualTo(sep);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13, 14})
    void equalsAndHashAcrossFormatsFollowTheValues(long seed) {
        RandomGenerator r = rng(seed);
        int n = r.nextInt(1, 200);
        long[] values = new long[n];
        for (int i = 0; i < n; i++) {
            values[i] = r.nextInt(-128, 128);
        }
        MemoryView b = MemoryView.of(new byte[n]).cast("b");
        MemoryView q = MemoryView.of(new long[n]);
        MemoryView d = MemoryView.of(new double[n]);
        for (int i = 0; i < n; i++) {
            b.setLong(i, values[i]);
            q.setLong(i, values[i]);
            d.setDouble(i, values[i]);
        }
        assertThat(b.equals(q)).as("seed %d", seed).isTrue();
        assertThat(b.hashCode()).as("seed %d", seed).isEqualTo(q.hashCode());
        assertThat(d.equals(d.slice(0, n, 1))).as("seed %d", seed).isTrue();
        int k = r.nextInt(0, n);
        q.setLong(k, values[k] + 1);
        assertThat(b.equals(q)).as("seed %d changed item %d", seed, k).isFalse();
        MemoryView d2 = MemoryView.of(new double[n]);
        d2.copyFrom(d);
        d2.setDouble(k, Double.NaN);
        assertThat(d.equals(d2)).as("seed %d NaN item", seed).isFalse();
        // strided and 2-D: every other item of a grid equals the same items copied out
        if (n >= 4) {
            MemoryView grid = MemoryView.of(new long[(n / 2) * 2]).cast("B").cast("q", n / 2, 2);
            for (int i = 0; i < n / 2; i++) {
                grid.setLong(i, 0, values[2 * i]);
                grid.setLong(i, 1, values[2 * i + 1]);
            }
            MemoryView evens = MemoryView.of(new byte[n / 2]).cast("b");
            for (int i = 0; i < n / 2; i++) {
                evens.setLong(i, values[2 * i]);
            }
            MemoryView column = grid.select("..., 0");
            assertThat(column.equals(evens)).as("seed %d column", seed).isTrue();
            assertThat(column.hashCode()).as("seed %d column hash", seed).isEqualTo(evens.hashCode());
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {31, 32, 33})
    void hashOfAByteViewIsTheHashOfItsBytesWhateverTheLength(long seed) {
        // Bytes hashes with its own one-item-at-a-time loop; the view walks four items per step.
        RandomGenerator r = rng(seed);
        for (int n = 0; n < 40; n++) {
            byte[] data = new byte[n];
            r.nextBytes(data);
            assertThat(MemoryView.of(data).hashCode()).as("seed %d length %d", seed, n)
                    .isEqualTo(Bytes.of(data).hashCode());
            byte[] doubled = new byte[2 * n];
            for (int i = 0; i < n; i++) {
                doubled[2 * i] = data[i];
            }
            assertThat(MemoryView.of(doubled).slice(0, 2L * n, 2).hashCode()).as("seed %d strided %d", seed, n)
                    .isEqualTo(Bytes.of(data).hashCode());
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {16383, 16384, 16385, 40000})
    void toListOfALongRowHoldsEveryItemInOrder(int n) {
        int[] values = new int[n];
        for (int i = 0; i < n; i++) {
            values[i] = i * 7 - 5;
        }
        java.util.List<?> list = (java.util.List<?>) MemoryView.of(values).toList();
        assertThat(list).hasSize(n);
        java.util.List<Long> expected = new java.util.ArrayList<>();
        for (int v : values) {
            expected.add((long) v);
        }
        assertThat(list).isEqualTo(expected);
        assertThat(list.hashCode()).isEqualTo(expected.hashCode());
        assertThatThrownBy(() -> list.get(n)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @ParameterizedTest
    @ValueSource(longs = {21, 22, 23})
    void countAndIndexOfIntegersMatchTheValues(long seed) {
        RandomGenerator r = rng(seed);
        int n = r.nextInt(1, 300);
        MemorySegment s = MemorySegment.ofArray(new int[n]);
        int[] values = new int[n];
        for (int i = 0; i < n; i++) {
            values[i] = r.nextInt(0, 5);
            s.setAtIndex(ValueLayout.JAVA_INT, i, values[i]);
        }
        MemoryView v = MemoryView.of(s).cast("i");
        MemoryView strided = v.slice(0, n, 2);
        for (int x = 0; x < 6; x++) {
            long count = 0;
            long countStrided = 0;
            long first = -1;
            for (int i = 0; i < n; i++) {
                if (values[i] == x) {
                    count++;
                    countStrided += i % 2 == 0 ? 1 : 0;
                    first = first < 0 ? i : first;
                }
            }
            assertThat(v.count((long) x)).as("seed %d value %d", seed, x).isEqualTo(count);
            assertThat(v.count(x)).as("seed %d Integer %d", seed, x).isEqualTo(count);
            assertThat(v.count((double) x)).as("seed %d Double %d", seed, x).isEqualTo(count);
            assertThat(strided.count((long) x)).as("seed %d strided %d", seed, x).isEqualTo(countStrided);
            if (first >= 0) {
                assertThat(v.index((long) x)).as("seed %d index %d", seed, x).isEqualTo(first);
            } else {
                final long fx = x;
                assertThatThrownBy(() -> v.index(fx)).as("seed %d", seed)
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessage("memoryview.index(x): x not found");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"b", "B", "h", "i", "q"})
    void setWithALongChecksTheRangeLikeEveryOtherValue(String format) {
        MemoryView v = MemoryView.of(new byte[16]).cast(format);
        v.set(1, 5L);
        assertThat(v.get(1)).isEqualTo(5L);
        if (!format.equals("q")) {
            assertThatThrownBy(() -> v.set(1, 1L << 40)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("memoryview: invalid value for format '" + format + "'");
        }
        assertThatThrownBy(() -> v.set(99, 1L)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> v.toReadOnly().set(1, 1L)).isInstanceOf(ReadOnlyMemoryException.class);
    }

    /** Formats with a loop of their own in count/index (and the generic codec path for the others). */
    private static final String[] INTEGER_FORMATS = {"b", "B", "h", "H", "i", "I", "q", "<h", ">h", ">i", "<q", ">q",
        "?"};

    /** The value of {@code x} as an item of {@code format} (the format's type, wrapped). */
    private static long narrow(String format, long x) {
        return switch (format.replace("<", "").replace(">", "")) {
            case "b" -> (byte) x;
            case "B" -> x & 0xff;
            case "h" -> (short) x;
            case "H" -> x & 0xffff;
            case "i" -> (int) x;
            case "I" -> x & 0xffffffffL;
            case "?" -> x != 0 ? 1 : 0;
            default -> x;
        };
    }

    @ParameterizedTest
    @ValueSource(longs = {41, 42, 43, 44})
    void countAndIndexAgreeWithTheValuesInEveryIntegerFormatDenseAndStrided(long seed) {
        RandomGenerator r = rng(seed);
        for (String format : INTEGER_FORMATS) {
            int n = r.nextInt(0, 1500);
            MemoryView v = MemoryView.of(Arena.ofAuto().allocate(8L * n + 8)).cast(format).slice(0, n, 1);
            long[] values = new long[n];
            for (int i = 0; i < n; i++) {
                values[i] = narrow(format, r.nextInt(-3, 4));
                v.setLong(i, values[i]);
            }
            int step = r.nextInt(1, 4);
            MemoryView strided = v.slice(0, n, step);
            long[] needles = {0, 1, 2, 3, -1, -3, 255, 65535, 1L << 33, Long.MIN_VALUE};
            for (long x : needles) {
                long count = 0;
                long countStrided = 0;
                long first = -1;
                long firstStrided = -1;
                for (int i = 0; i < n; i++) {
                    if (values[i] == x) {
                        count++;
                        first = first < 0 ? i : first;
                        if (i % step == 0) {
                            countStrided++;
                            firstStrided = firstStrided < 0 ? i / step : firstStrided;
                        }
                    }
                }
                assertThat(v.count(x)).as("seed %d format %s count %d", seed, format, x).isEqualTo(count);
                assertThat(strided.count(x)).as("seed %d format %s [::%d] count %d", seed, format, step, x)
                        .isEqualTo(countStrided);
                if (firstStrided >= 0) {
                    assertThat(strided.index(x)).as("seed %d format %s [::%d] index %d", seed, format, step, x)
                            .isEqualTo(firstStrided);
                }
                if (first >= 0) {
                    assertThat(v.index(x)).as("seed %d format %s index %d", seed, format, x).isEqualTo(first);
                } else {
                    assertThatThrownBy(() -> v.index(x)).as("seed %d format %s index %d", seed, format, x)
                            .isInstanceOf(IllegalArgumentException.class)
                            .hasMessage("memoryview.index(x): x not found");
                }
                if (n > 2) {
                    long from = r.nextInt(0, n);
                    long expected = -1;
                    for (long i = from; i < n - 1 && expected < 0; i++) {
                        expected = values[(int) i] == x ? i : -1;
                    }
                    if (expected >= 0) {
                        assertThat(v.index(x, from, -1)).as("seed %d format %s index %d from %d", seed, format, x,
                                from).isEqualTo(expected);
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {51, 52, 53})
    void equalsOfLongRowsFindsADifferenceAnywhere(long seed) {
        // Rows longer than a compare block (512 items), a single difference at a random place, block edges included.
        RandomGenerator r = rng(seed);
        for (int round = 0; round < 20; round++) {
            int n = r.nextInt(1, 3000);
            int[] ints = new int[n];
            for (int i = 0; i < n; i++) {
                ints[i] = r.nextInt();
            }
            MemoryView i32 = MemoryView.of(ints);
            MemoryView i64 = MemoryView.of(new long[n]);
            for (int i = 0; i < n; i++) {
                i64.setLong(i, ints[i]);
            }
            assertThat(i32.equals(i64)).as("seed %d n %d", seed, n).isTrue();
            assertThat(i32.hashCode()).as("seed %d n %d", seed, n).isEqualTo(i64.hashCode());
            int k = round % 3 == 0 ? Math.min(n - 1, 511 + round % 2) : r.nextInt(0, n);
            i64.setLong(k, ints[k] + (1L << 32)); // differs only in the high half
            assertThat(i32.equals(i64)).as("seed %d n %d item %d", seed, n, k).isFalse();
            assertThat(i64.equals(i32)).as("seed %d n %d item %d", seed, n, k).isFalse();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"d", "<d", ">d"})
    void equalsOfDoublesFollowsPythonAcrossBlocks(String format) {
        // -0.0 == 0.0; NaN equals nothing, wherever it is; a NaN payload or sign makes no difference.
        for (int n : new int[] {1, 7, 511, 512, 513, 1100, 2048}) {
            MemoryView a = MemoryView.of(new byte[8 * n]).cast(format);
            MemoryView b = MemoryView.of(Arena.ofAuto().allocate(8L * n)).cast(format);
            for (int i = 0; i < n; i++) {
                a.setDouble(i, i * 0.25 - 7);
                b.setDouble(i, i * 0.25 - 7);
            }
            assertThat(a.equals(b)).as("%s n %d", format, n).isTrue();
            for (int k : new int[] {0, n / 2, n - 1, Math.min(n - 1, 512)}) {
                double old = a.getDouble(k);
                a.setDouble(k, 0.0);
                b.setDouble(k, -0.0);
                assertThat(a.equals(b)).as("%s n %d: 0.0 == -0.0 at %d", format, n, k).isTrue();
                a.setDouble(k, Double.NaN);
                b.setDouble(k, Double.NaN);
                assertThat(a.equals(b)).as("%s n %d: NaN at %d in both", format, n, k).isFalse();
                a.setDouble(k, Double.longBitsToDouble(0xfff8000000000123L));
                assertThat(a.equals(b)).as("%s n %d: NaNs differing in bits at %d", format, n, k).isFalse();
                b.setDouble(k, Double.POSITIVE_INFINITY);
                a.setDouble(k, Double.POSITIVE_INFINITY);
                assertThat(a.equals(b)).as("%s n %d: infinity at %d", format, n, k).isTrue();
                a.setDouble(k, Math.nextUp(old));
                b.setDouble(k, old);
                assertThat(a.equals(b)).as("%s n %d: one ulp at %d", format, n, k).isFalse();
                a.setDouble(k, old);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {61, 62})
    void hashOfIntegerViewsIsTheShapeThenEachValueFolded(long seed) {
        // The documented hash: 31 + ndim, then 31 * h + each extent, then 31 * h + Long.hashCode(value) in C order.
        RandomGenerator r = rng(seed);
        for (String format : new String[] {"b", "h", "i", "q", "<i", ">q", "H"}) {
            int n = r.nextInt(1, 1000);
            MemoryView v = MemoryView.of(new long[n + 1]).cast("B").slice(0, (long) n * 8, 1).cast(format);
            int len = (int) v.length();
            long[] values = new long[len];
            for (int i = 0; i < len; i++) {
                values[i] = narrow(format, r.nextLong());
                v.setLong(i, values[i]);
            }
            int h = 31 * (31 + 1) + Long.hashCode(len);
            for (long x : values) {
                h = 31 * h + Long.hashCode(x);
            }
            assertThat(v.hashCode()).as("seed %d format %s length %d", seed, format, len).isEqualTo(h);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"b", "B", "h", "i", "I", "q", ">i", "<h", "?"})
    void getLongOfRowsAndColumnsOfASelectionReadsTheRightItems(String format) {
        int rows = 9;
        int cols = 13;
        MemoryView grid = MemoryView.of(new long[rows * cols]).cast("B").cast(format);
        int itemsize = grid.itemsize();
        grid = grid.slice(0, (long) rows * cols, 1).cast("B").cast(format, rows, cols);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                grid.setLong(i, j, narrow(format, i * 31 + j));
            }
        }
        MemoryView sel = grid.select("::2, 1:-1");
        MemoryView cols2 = grid.select("1:, ::3");
        for (int i = 0; i < sel.shape()[0]; i++) {
            for (int j = 0; j < sel.shape()[1]; j++) {
                assertThat(sel.getLong(i, j)).as("%s [%d, %d] itemsize %d", format, i, j, itemsize)
                        .isEqualTo(narrow(format, 2 * i * 31 + j + 1));
            }
        }
        for (int i = 0; i < cols2.shape()[0]; i++) {
            for (int j = 0; j < cols2.shape()[1]; j++) {
                assertThat(cols2.getLong(i, j)).as("%s [%d, %d]", format, i, j)
                        .isEqualTo(narrow(format, (i + 1) * 31 + 3 * j));
            }
        }
        assertThatThrownBy(() -> sel.getLong(0, sel.shape()[1])).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"b", "B", "h", "H", "i", "I", "q", "Q", "P", "<i", ">H"})
    void setLongAcceptsExactlyTheFormatsRange(String format) {
        MemoryView v = MemoryView.of(new long[4]).cast("B").cast(format);
        int bits = 8 * v.itemsize();
        boolean signed = Character.isLowerCase(format.charAt(format.length() - 1));
        long lo = format.equals("P") ? Long.MIN_VALUE : signed ? (bits == 64 ? Long.MIN_VALUE : -(1L << (bits - 1))) : 0;
        long hi = format.equals("P") ? Long.MAX_VALUE : bits == 64 ? Long.MAX_VALUE
                : signed ? (1L << (bits - 1)) - 1 : (1L << bits) - 1;
        java.util.List<Long> probes = new java.util.ArrayList<>(java.util.List.of(lo, hi, 0L, 1L, -1L, 1L << 40,
                Long.MIN_VALUE, Long.MAX_VALUE));
        if (lo != Long.MIN_VALUE) {
            probes.add(lo - 1);
        }
        if (hi != Long.MAX_VALUE) {
            probes.add(hi + 1);
        }
        for (long x : probes) {
            if (x >= lo && x <= hi) {
                v.setLong(1, x);
                v.set(2, (Object) x);
                java.nio.ByteBuffer bytes = java.nio.ByteBuffer.wrap(v.toBytes());
                assertThat(v.get(1)).as("%s stores %d", format, x).isEqualTo(v.get(2));
                if (x >= 0 || signed) {
                    assertThat(v.get(1)).as("%s stores %d (%s)", format, x, bytes).isEqualTo(x);
                }
            } else {
                assertThatThrownBy(() -> v.setLong(1, x)).as("%s refuses %d", format, x)
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessage("memoryview: invalid value for format '" + format.replace("<", "")
                                .replace(">", "") + "'");
                assertThatThrownBy(() -> v.set(1, (Object) x)).as("%s refuses %d", format, x)
                        .isInstanceOf(IllegalArgumentException.class);
            }
        }
    }
}
