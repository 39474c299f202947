package io.memview.bench;

import io.memview.MemoryView;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The data every benchmark uses, made the same way in every class so that numbers compare across classes (and with
 * {@code tools/cpython/bench_cpython.py}, which builds the same arrays): {@link #N} items of {@code 'i'} with values
 * {@code i * 7 % 1000}, a 1024 x 1024 grid, and the three kinds of memory (heap, native, mapped).
 */
final class Data {
    private Data() {}

    /** Items in the 1-D benchmarks: 1 Mi. */
    static final int N = 1 << 20;
    /** Side of the square 2-D benchmarks: N = SIDE * SIDE. */
    static final int SIDE = 1 << 10;

    static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED;
    static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED;
    static final ValueLayout.OfDouble DOUBLE = ValueLayout.JAVA_DOUBLE_UNALIGNED;

    /** {@code n} ints {@code i * 7 % 1000} in native memory. */
    static MemorySegment nativeInts(long n) {
        MemorySegment s = Arena.ofAuto().allocate(n * 4, 16);
        fillInts(s, n);
        return s;
    }

    /** {@code n} ints {@code i * 7 % 1000} in a heap {@code byte[]}. */
    static MemorySegment heapInts(long n) {
        MemorySegment s = MemorySegment.ofArray(new byte[Math.toIntExact(n * 4)]);
        fillInts(s, n);
        return s;
    }

    /** {@code n} ints {@code i * 7 % 1000} in a mapped temporary file (deleted on exit). */
    static MemorySegment mappedInts(long n) {
        try {
            Path p = Files.createTempFile("memview-bench", ".bin");
            p.toFile().deleteOnExit();
            try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                MemorySegment s = ch.map(FileChannel.MapMode.READ_WRITE, 0, n * 4, Arena.ofAuto());
                fillInts(s, n);
                return s;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void fillInts(MemorySegment s, long n) {
        for (long i = 0; i < n; i++) {
            s.set(INT, i * 4, (int) (i * 7 % 1000));
        }
    }

    /** {@code n} doubles {@code i * 0.5} in native memory. */
    static MemorySegment nativeDoubles(long n) {
        MemorySegment s = Arena.ofAuto().allocate(n * 8, 16);
        for (long i = 0; i < n; i++) {
            s.set(DOUBLE, i * 8, i * 0.5);
        }
        return s;
    }

    /** A writable 1-D view of format {@code fmt} over {@code s}. */
    static MemoryView view(MemorySegment s, String fmt) {
        return MemoryView.of(s).cast(fmt);
    }

    /** The three kinds of memory, each holding {@code n} ints. */
    static MemorySegment[] allKinds(long n) {
        return new MemorySegment[] {heapInts(n), nativeInts(n), mappedInts(n)};
    }
}
