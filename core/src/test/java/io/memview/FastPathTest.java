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
}
