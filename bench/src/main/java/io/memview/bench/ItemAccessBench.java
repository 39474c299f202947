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

import java.lang.foreign.MemorySegment;
import java.util.concurrent.TimeUnit;

import static io.memview.bench.Data.DOUBLE;
import static io.memview.bench.Data.INT;
import static io.memview.bench.Data.N;
import static io.memview.bench.Data.SIDE;

/**
 * Item access: a loop over every one of {@link Data#N} items, through memview's accessors (primitive and
 * {@code Object}) and through the same loop over the raw segment. 1-D dense, 1-D strided ({@code [::2]}), 2-D in row
 * order, 2-D transposed. The loop bodies are static helpers, shared with {@link Pollution}, so the polluted
 * variants run the very same call sites after they have seen heap, native and mapped memory and several formats.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"-Xmx2g"})
public class ItemAccessBench {
    MemorySegment ints;
    MemorySegment wide;
    MemorySegment doubles;
    MemoryView view;
    MemoryView dview;
    MemoryView strided;
    MemoryView grid;
    MemoryView transposed;
    MemoryView selected;
    long stride = 8;

    @Setup(Level.Trial)
    public void setup() {
        ints = Data.nativeInts(N);
        wide = Data.nativeInts(2L * N);
        doubles = Data.nativeDoubles(N);
        view = Data.view(ints, "i");
        dview = Data.view(doubles, "d");
        strided = Data.view(wide, "i").slice(0, Long.MAX_VALUE, 2);
        grid = MemoryView.of(ints).cast("i", SIDE, SIDE);
        transposed = grid.transpose();
        selected = grid.select("::2, 1:-1");
    }

    // ------------------------------------------------------------------------------------------------ helpers

    static long rawSum(MemorySegment s, long n) {
        long sum = 0;
        for (long i = 0; i < n; i++) {
            sum += s.get(INT, i * 4);
        }
        return sum;
    }

    static long mvSum(MemoryView v) {
        long n = v.length();
        long sum = 0;
        for (long i = 0; i < n; i++) {
            sum += v.getLong(i);
        }
        return sum;
    }

    static long rawSumBoxed(MemorySegment s, long n) {
        long sum = 0;
        for (long i = 0; i < n; i++) {
            Object o = (long) s.get(INT, i * 4);
            sum += (Long) o;
        }
        return sum;
    }

    static long mvSumObject(MemoryView v) {
        long n = v.length();
        long sum = 0;
        for (long i = 0; i < n; i++) {
            sum += (Long) v.get(i);
        }
        return sum;
    }

    static double rawSumDouble(MemorySegment s, long n) {
        double sum = 0;
        for (long i = 0; i < n; i++) {
            sum += s.get(DOUBLE, i * 8);
        }
        return sum;
    }

    static double mvSumDouble(MemoryView v) {
        long n = v.length();
        double sum = 0;
        for (long i = 0; i < n; i++) {
            sum += v.getDouble(i);
        }
        return sum;
    }

    static void rawFill(MemorySegment s, long n) {
        for (long i = 0; i < n; i++) {
            s.set(INT, i * 4, (int) (i & 1023));
        }
    }

    static void mvFill(MemoryView v) {
        long n = v.length();
        for (long i = 0; i < n; i++) {
            v.setLong(i, i & 1023);
        }
    }

    static void rawFillBoxed(MemorySegment s, long n) {
        for (long i = 0; i < n; i++) {
            Object o = i & 1023;
            s.set(INT, i * 4, (int) (long) (Long) o);
        }
    }

    static void mvFillObject(MemoryView v) {
        long n = v.length();
        for (long i = 0; i < n; i++) {
            v.set(i, (Object) (i & 1023));
        }
    }

    static long rawSumStrided(MemorySegment s, long n, long stride) {
        long sum = 0;
        for (long i = 0; i < n; i++) {
            sum += s.get(INT, i * stride);
        }
        return sum;
    }

    static long rawSum2d(MemorySegment s, long rows, long cols, long rowStride, long colStride) {
        long sum = 0;
        for (long i = 0; i < rows; i++) {
            for (long j = 0; j < cols; j++) {
                sum += s.get(INT, i * rowStride + j * colStride);
            }
        }
        return sum;
    }

    static long mvSum2d(MemoryView v) {
        long rows = v.shape()[0];
        long cols = v.shape()[1];
        long sum = 0;
        for (long i = 0; i < rows; i++) {
            for (long j = 0; j < cols; j++) {
                sum += v.getLong(i, j);
            }
        }
        return sum;
    }

    static void rawFill2d(MemorySegment s, long rows, long cols, long rowStride, long colStride) {
        for (long i = 0; i < rows; i++) {
            for (long j = 0; j < cols; j++) {
                s.set(INT, i * rowStride + j * colStride, (int) (j & 1023));
            }
        }
    }

    static void mvFill2d(MemoryView v) {
        long rows = v.shape()[0];
        long cols = v.shape()[1];
        for (long i = 0; i < rows; i++) {
            for (long j = 0; j < cols; j++) {
                v.setLong(i, j, j & 1023);
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ 1-D

    @Benchmark
    public long getLong1dRaw() {
        return rawSum(ints, N);
    }

    @Benchmark
    public long getLong1d() {
        return mvSum(view);
    }

    @Benchmark
    public long getObject1dRaw() {
        return rawSumBoxed(ints, N);
    }

    @Benchmark
    public long getObject1d() {
        return mvSumObject(view);
    }

    @Benchmark
    public double getDouble1dRaw() {
        return rawSumDouble(doubles, N);
    }

    @Benchmark
    public double getDouble1d() {
        return mvSumDouble(dview);
    }

    @Benchmark
    public void setLong1dRaw() {
        rawFill(ints, N);
    }

    @Benchmark
    public void setLong1d() {
        mvFill(view);
    }

    @Benchmark
    public void setObject1dRaw() {
        rawFillBoxed(ints, N);
    }

    @Benchmark
    public void setObject1d() {
        mvFillObject(view);
    }

    // ------------------------------------------------------------------------------------------- strided, N-d

    /** The stride as a view has it: a value known at run time, not a literal. */
    @Benchmark
    public long getLongStridedRaw() {
        return rawSumStrided(wide, N, stride);
    }

    @Benchmark
    public long getLongStrided() {
        return mvSum(strided);
    }

    @Benchmark
    public long getLong2dRaw() {
        return rawSum2d(ints, SIDE, SIDE, SIDE * 4L, 4);
    }

    @Benchmark
    public long getLong2d() {
        return mvSum2d(grid);
    }

    /** {@code grid.select("::2, 1:-1")} read with {@code getLong(i, j)}; raw: the same rows and columns by hand. */
    @Benchmark
    public long getLong2dSelectedRaw() {
        return rawSum2d(ints.asSlice(4), SIDE / 2, SIDE - 2, 2 * SIDE * 4L, 4);
    }

    @Benchmark
    public long getLong2dSelected() {
        return mvSum2d(selected);
    }

    @Benchmark
    public long getLongTransposedRaw() {
        return rawSum2d(ints, SIDE, SIDE, 4, SIDE * 4L);
    }

    @Benchmark
    public long getLongTransposed() {
        return mvSum2d(transposed);
    }

    @Benchmark
    public void setLong2dRaw() {
        rawFill2d(ints, SIDE, SIDE, SIDE * 4L, 4);
    }

    @Benchmark
    public void setLong2d() {
        mvFill2d(grid);
    }

    // ---------------------------------------------------------------------------------------------- polluted

    @Benchmark
    public long getLong1dRawPolluted(Pollution p) {
        return rawSum(ints, N);
    }

    @Benchmark
    public long getLong1dPolluted(Pollution p) {
        return mvSum(view);
    }

    @Benchmark
    public long getLong2dRawPolluted(Pollution p) {
        return rawSum2d(ints, SIDE, SIDE, SIDE * 4L, 4);
    }

    @Benchmark
    public long getLong2dPolluted(Pollution p) {
        return mvSum2d(grid);
    }

    @Benchmark
    public long getObject1dRawPolluted(Pollution p) {
        return rawSumBoxed(ints, N);
    }

    @Benchmark
    public long getObject1dPolluted(Pollution p) {
        return mvSumObject(view);
    }
}
