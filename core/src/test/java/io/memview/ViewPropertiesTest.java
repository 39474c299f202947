package io.memview;

import io.memview.struct.Struct;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Properties of views over random layouts, each case seeded (the seed is in every assertion message): composition of
 * slices, the two forms of {@code select}, {@code toBytes} against the raw bytes of each item, cast round trips,
 * transposes.
 */
class ViewPropertiesTest {

    private static final String[] FORMATS = {"B", "b", "h", "H", "i", "q", "d", "f", "<i", ">h", ">q", "2h", "<iB"};

    static LongStream seeds() {
        return LongStream.range(0, 300);
    }

    private static RandomGenerator rng(long seed) {
        return RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
    }

    /** A random strided view over random bytes: up to 3 dimensions, gaps, negative strides, an offset. */
    static MemoryView randomView(RandomGenerator r) {
        String format = FORMATS[r.nextInt(FORMATS.length)];
        int itemsize = (int) Struct.calcsize(format);
        int ndim = 1 + r.nextInt(3);
        long[] shape = new long[ndim];
        long[] strides = new long[ndim];
        long span = itemsize;
        for (int d = ndim - 1; d >= 0; d--) {
            shape[d] = r.nextInt(5);
            long gap = r.nextInt(3);
            strides[d] = span + gap * itemsize;
            span = strides[d] * Math.max(1, shape[d]);
        }
        for (int d = 0; d < ndim; d++) {
            if (r.nextInt(3) == 0) {
                strides[d] = -strides[d];
            }
        }
        long lo = 0;
        long hi = itemsize;
        for (int d = 0; d < ndim; d++) {
            if (shape[d] > 0) {
                long s = (shape[d] - 1) * strides[d];
                lo += Math.min(0, s);
                hi += Math.max(0, s);
            }
        }
        long offset = -lo + r.nextInt(4);
        byte[] bytes = new byte[(int) (offset + hi + r.nextInt(4))];
        r.nextBytes(bytes);
        return MemoryView.of(Buffer.builder(MemorySegment.ofArray(bytes)).format(format).shape(shape)
                .strides(strides).offset(offset).build());
    }

    /** The item bytes of {@code v} in C order, read one by one at the addresses its exported buffer describes. */
    static byte[] itemBytesByAddress(MemoryView v) {
        Buffer b = v.getBuffer(BufferFlags.FULL_RO);
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            long[] shape = b.shape();
            long[] strides = b.strides();
            long[] idx = new long[shape.length];
            if (Arrays.stream(shape).anyMatch(x -> x == 0)) {
                return new byte[0];
            }
            do {
                long p = b.offset();
                for (int d = 0; d < idx.length; d++) {
                    p += idx[d] * strides[d];
                }
                for (int k = 0; k < b.itemsize(); k++) {
                    out.write(b.memory().get(ValueLayout.JAVA_BYTE, p + k));
                }
            } while (next(idx, shape));
            return out.toByteArray();
        } finally {
            v.releaseBuffer(b);
        }
    }

    private static boolean next(long[] idx, long[] shape) {
        for (int d = idx.length - 1; d >= 0; d--) {
            if (++idx[d] < shape[d]) {
                return true;
            }
            idx[d] = 0;
        }
        return false;
    }

    private static Slice randomSlice(RandomGenerator r, long n) {
        Long start = r.nextInt(4) == 0 ? null : r.nextInt((int) n * 2 + 3) - n - 1;
        Long stop = r.nextInt(4) == 0 ? null : r.nextInt((int) n * 2 + 3) - n - 1;
        long step = r.nextInt(7) - 3;
        return Slice.of(start, stop, step == 0 ? 1 : step);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void toBytesIsTheItemsBytesInCOrder(long seed) {
        MemoryView v = randomView(rng(seed));
        assertThat(v.toBytes()).as("seed %d", seed).isEqualTo(itemBytesByAddress(v));
        assertThat(v.nbytes()).as("seed %d", seed).isEqualTo(itemBytesByAddress(v).length);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void toBytesFortranIsTheTransposeInCOrder(long seed) {
        MemoryView v = randomView(rng(seed));
        assertThat(v.toBytes('F')).as("seed %d", seed).isEqualTo(itemBytesByAddress(v.transpose()));
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void sliceOfASliceIsTheComposedSlice(long seed) {
        RandomGenerator r = rng(seed);
        MemoryView v = randomView(r);
        long n = v.shape()[0];
        Slice s1 = randomSlice(r, n);
        long[] r1 = s1.indices(n);
        Slice s2 = randomSlice(r, r1[3]);
        long[] r2 = s2.indices(r1[3]);
        MemoryView twice = v.select(s1).select(s2);
        // Composition: item k of the result is item r1.start + (r2.start + k*r2.step) * r1.step of v.
        long start = r1[0] + r2[0] * r1[2];
        long step = r1[2] * r2[2];
        long count = r2[3];
        List<Object> expected = new ArrayList<>();
        for (long k = 0; k < count; k++) {
            expected.add(v.get(start + k * step));
        }
        assertThat(twice.shape()[0]).as("seed %d: %s then %s", seed, s1, s2).isEqualTo(count);
        List<Object> actual = new ArrayList<>();
        for (long k = 0; k < count; k++) {
            actual.add(twice.get(k));
        }
        assertThat(actual).as("seed %d: %s then %s", seed, s1, s2).usingRecursiveComparison().isEqualTo(expected);
        assertThat(twice.toBytes()).as("seed %d", seed).isEqualTo(itemBytesByAddress(twice));
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void selectParsesToTheTypedKeys(long seed) {
        RandomGenerator r = rng(seed);
        MemoryView v = randomView(r);
        long[] shape = v.shape();
        List<Object> keys = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (long extent : shape) {
            if (!keys.isEmpty()) {
                text.append(r.nextBoolean() ? ", " : ",");
            }
            if (extent > 0 && r.nextInt(3) == 0) {
                long i = r.nextInt((int) extent) - (r.nextBoolean() ? extent : 0);
                keys.add(i);
                text.append(i);
            } else {
                Slice s = randomSlice(r, extent);
                keys.add(s);
                text.append(s.start() == null ? "" : s.start()).append(':').append(s.stop() == null ? "" : s.stop())
                        .append(':').append(s.step());
            }
        }
        MemoryView byText = v.select(text.toString());
        MemoryView byKeys = v.select(keys.toArray());
        assertThat(byText.shape()).as("seed %d: %s", seed, text).isEqualTo(byKeys.shape());
        assertThat(byText.strides()).as("seed %d: %s", seed, text).isEqualTo(byKeys.strides());
        assertThat(byText.toBytes()).as("seed %d: %s", seed, text).isEqualTo(byKeys.toBytes());
        assertThat(byText.toBytes()).as("seed %d: %s", seed, text).isEqualTo(itemBytesByAddress(byKeys));
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void castToBytesAndBackIsTheSameView(long seed) {
        MemoryView v = randomView(rng(seed));
        if (Arrays.stream(v.shape()).anyMatch(x -> x == 0)) {
            return; // CPython refuses casts of views with zeros in shape; covered by the golden data
        }
        MemoryView c = MemoryView.of(Bytes.of(v.toBytes())); // C-contiguous copy with v's items
        MemoryView typed = c.cast(v.format(), v.shape());
        MemoryView back = typed.cast("B").cast(v.format(), v.shape());
        assertThat(back.shape()).as("seed %d", seed).isEqualTo(v.shape());
        assertThat(back.toBytes()).as("seed %d", seed).isEqualTo(v.toBytes());
        assertThat(back.format()).as("seed %d", seed).isEqualTo(v.format());
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void transposeTwiceIsTheIdentity(long seed) {
        MemoryView v = randomView(rng(seed));
        MemoryView tt = v.transpose().transpose();
        assertThat(tt.shape()).as("seed %d", seed).isEqualTo(v.shape());
        assertThat(tt.strides()).as("seed %d", seed).isEqualTo(v.strides());
        assertThat(tt.toBytes()).as("seed %d", seed).isEqualTo(v.toBytes());
        long[] shape = v.shape();
        long[] reversed = new long[shape.length];
        for (int i = 0; i < shape.length; i++) {
            reversed[i] = shape[shape.length - 1 - i];
        }
        assertThat(v.transpose().shape()).as("seed %d", seed).isEqualTo(reversed);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void copyFromAnyLayoutToAnyLayoutMovesEveryItem(long seed) {
        RandomGenerator r = rng(seed);
        MemoryView src = randomView(r);
        MemoryView dst = randomView(r);
        // A destination of the source's shape and itemsize, with its own random strides.
        long[] shape = src.shape();
        int itemsize = src.itemsize();
        long[] strides = new long[shape.length];
        long span = itemsize;
        for (int d = shape.length - 1; d >= 0; d--) {
            strides[d] = (r.nextBoolean() ? 1 : -1) * (span + r.nextInt(2) * itemsize);
            span = Math.abs(strides[d]) * Math.max(1, shape[d]);
        }
        long lo = 0;
        long hi = itemsize;
        for (int d = 0; d < shape.length; d++) {
            if (shape[d] > 0) {
                long s = (shape[d] - 1) * strides[d];
                lo += Math.min(0, s);
                hi += Math.max(0, s);
            }
        }
        byte[] target = new byte[(int) (hi - lo)];
        dst.release();
        MemoryView t = MemoryView.of(Buffer.builder(MemorySegment.ofArray(target)).itemsize(itemsize)
                .format(src.format()).shape(shape).strides(strides).offset(-lo).build());
        t.copyFrom(src);
        assertThat(t.toBytes()).as("seed %d", seed).isEqualTo(src.toBytes());
        assertThat(itemBytesByAddress(t)).as("seed %d", seed).isEqualTo(itemBytesByAddress(src));
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void overlappingCopiesWithinOneBufferAreCorrect(long seed) {
        RandomGenerator r = rng(seed);
        int n = 2 + r.nextInt(30);
        byte[] data = new byte[n];
        r.nextBytes(data);
        byte[] model = data.clone();
        MemoryView m = MemoryView.of(data);
        int len = 1 + r.nextInt(n - 1);
        int a = r.nextInt(n - len + 1);
        int b = r.nextInt(n - len + 1);
        boolean reversed = r.nextBoolean();
        // model: read the whole source first, then write (CPython's copies behave as if through a temporary)
        byte[] tmp = new byte[len];
        for (int k = 0; k < len; k++) {
            tmp[k] = model[reversed ? a + len - 1 - k : a + k];
        }
        System.arraycopy(tmp, 0, model, b, len);
        MemoryView src = reversed ? m.slice(a + len - 1, a == 0 ? Long.MIN_VALUE : a - 1, -1) : m.slice(a, a + len, 1);
        m.setSlice(b, b + len, 1, src);
        assertThat(data).as("seed %d: [%d:%d] = [%d:%d]%s", seed, b, b + len, a, a + len, reversed ? "[::-1]" : "")
                .isEqualTo(model);
    }
}
