package io.memview.bench;

import io.memview.MemoryView;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.TimeUnit;

import static io.memview.bench.Data.DOUBLE;
import static io.memview.bench.Data.INT;
import static io.memview.bench.Data.LONG;
import static io.memview.bench.Data.N;

/**
 * Comparing and searching: {@code equals} of equal views (same format contiguous, same format strided, float items,
 * cross format {@code 'i'} against {@code 'q'}), {@code hashCode} (of a writable view, so not cached),
 * {@code count} and {@code index}. Equal inputs, so every item is looked at.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"-Xmx2g"})
public class CompareBench {
    MemorySegment a;
    MemorySegment b;
    MemorySegment wideA;
    MemorySegment wideB;
    MemorySegment longs;
    MemorySegment da;
    MemorySegment db;
    MemoryView va;
    MemoryView vb;
    MemoryView sa;
    MemoryView sb;
    MemoryView vq;
    MemoryView vda;
    MemoryView vdb;
    Long needle;
    Long last;

    @Setup(Level.Trial)
    public void setup() {
        a = Data.nativeInts(N);
        b = Data.nativeInts(N);
        wideA = Data.nativeInts(2L * N);
        wideB = Data.heapInts(2L * N);
        longs = Arena.ofAuto().allocate(8L * N, 16);
        for (long i = 0; i < N; i++) {
            longs.set(LONG, i * 8, a.get(INT, i * 4));
        }
        da = Data.nativeDoubles(N);
        db = Data.nativeDoubles(N);
        va = Data.view(a, "i");
        vb = Data.view(b, "i");
        sa = Data.view(wideA, "i").slice(0, Long.MAX_VALUE, 2);
        sb = Data.view(wideB, "i").slice(0, Long.MAX_VALUE, 2);
        vq = Data.view(longs, "q");
        vda = Data.view(da, "d");
        vdb = Data.view(db, "d");
        needle = 7L;
        // the last item, first found at the end: 1000 cycles of values, N - 1 is its first position only if
        // unique; use a value out of range and store it at the end instead
        a.set(INT, (N - 1) * 4L, 123456);
        b.set(INT, (N - 1) * 4L, 123456);
        longs.set(LONG, (N - 1) * 8L, 123456);
        last = 123456L;
    }

    // ------------------------------------------------------------------------------------------------ helpers

    static boolean rawEqualStrided(MemorySegment x, MemorySegment y, long n, long stride) {
        for (long i = 0; i < n; i++) {
            if (x.get(INT, i * stride) != y.get(INT, i * stride)) {
                return false;
            }
        }
        return true;
    }

    static boolean rawEqualCross(MemorySegment ints, MemorySegment longs, long n) {
        for (long i = 0; i < n; i++) {
            if (ints.get(INT, i * 4) != longs.get(LONG, i * 8)) {
                return false;
            }
        }
        return true;
    }

    static boolean rawEqualDoubles(MemorySegment x, MemorySegment y, long n) {
        for (long i = 0; i < n; i++) {
            if (x.get(DOUBLE, i * 8) != y.get(DOUBLE, i * 8)) {
                return false;
            }
        }
        return true;
    }

    /** The same hash {@code hashCode} computes: shape, then 31 * h + each value's {@code Long.hashCode}. */
    static int rawHash(MemorySegment s, long n) {
        int h = 31 * (31 + 1) + Long.hashCode(n);
        for (long i = 0; i < n; i++) {
            h = 31 * h + Long.hashCode(s.get(INT, i * 4));
        }
        return h;
    }

    static long rawCount(MemorySegment s, long n, long value) {
        long c = 0;
        for (long i = 0; i < n; i++) {
            if (s.get(INT, i * 4) == value) {
                c++;
            }
        }
        return c;
    }

    static long rawIndex(MemorySegment s, long n, long value) {
        for (long i = 0; i < n; i++) {
            if (s.get(INT, i * 4) == value) {
                return i;
            }
        }
        return -1;
    }

    // ------------------------------------------------------------------------------------------------ equals

    @Benchmark
    public boolean equalsRaw() {
        return MemorySegment.mismatch(a, 0, 4L * N, b, 0, 4L * N) == -1;
    }

    @Benchmark
    public boolean equalsSameFormat() {
        return va.equals(vb);
    }

    @Benchmark
    public boolean equalsStridedRaw() {
        return rawEqualStrided(wideA, wideB, N, 8);
    }

    /** Native against heap memory, both {@code [::2]}. */
    @Benchmark
    public boolean equalsStrided() {
        return sa.equals(sb);
    }

    @Benchmark
    public boolean equalsCrossFormatRaw() {
        return rawEqualCross(a, longs, N);
    }

    @Benchmark
    public boolean equalsCrossFormat() {
        return va.equals(vq);
    }

    @Benchmark
    public boolean equalsDoubleRaw() {
        return rawEqualDoubles(da, db, N);
    }

    @Benchmark
    public boolean equalsDouble() {
        return vda.equals(vdb);
    }

    // -------------------------------------------------------------------------------------- hash, count, index

    @Benchmark
    public int hashCodeRaw() {
        return rawHash(a, N);
    }

    @Benchmark
    public int hashCodeView() {
        return va.hashCode();
    }

    @Benchmark
    public long countRaw() {
        return rawCount(a, N, needle);
    }

    @Benchmark
    public long count() {
        return va.count(needle);
    }

    @Benchmark
    public long indexRaw() {
        return rawIndex(a, N, last);
    }

    @Benchmark
    public long index() {
        return va.index(last);
    }

    // ---------------------------------------------------------------------------------------------- polluted

    @Benchmark
    public boolean equalsSameFormatPolluted(Pollution p) {
        return va.equals(vb);
    }

    @Benchmark
    public boolean equalsStridedPolluted(Pollution p) {
        return sa.equals(sb);
    }

    @Benchmark
    public boolean equalsStridedRawPolluted(Pollution p) {
        return rawEqualStrided(wideA, wideB, N, 8);
    }

    @Benchmark
    public int hashCodePolluted(Pollution p) {
        return va.hashCode();
    }

    @Benchmark
    public int hashCodeRawPolluted(Pollution p) {
        return rawHash(a, N);
    }

    @Benchmark
    public long countPolluted(Pollution p) {
        return va.count(needle);
    }

    @Benchmark
    public long countRawPolluted(Pollution p) {
        return rawCount(a, N, needle);
    }
}
