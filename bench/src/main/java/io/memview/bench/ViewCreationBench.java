package io.memview.bench;

import io.memview.Bytes;
import io.memview.MemoryView;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

/**
 * Making views: {@code MemoryView.of} each kind of memory, and slice, cast, select and transpose of an existing view.
 * The raw baseline of making a view is what hand-written code does instead: wrap the memory as a segment
 * ({@code MemorySegment.ofArray}/{@code ofBuffer}) or take a slice of one ({@code asSlice}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class ViewCreationBench {
    byte[] bytes;
    int[] intArray;
    ByteBuffer direct;
    Bytes immutable;
    MemorySegment segment;
    MemorySegment heapSegment;
    MemoryView byteView;
    MemoryView ints;
    MemoryView grid;

    @Setup
    public void setup() {
        bytes = new byte[1 << 16];
        intArray = new int[1 << 14];
        direct = ByteBuffer.allocateDirect(1 << 16);
        immutable = Bytes.of(bytes);
        segment = Arena.ofAuto().allocate(1 << 16, 16);
        heapSegment = MemorySegment.ofArray(bytes);
        byteView = MemoryView.of(segment);
        ints = byteView.cast("i");
        grid = byteView.cast("i", 128, 128);
    }

    static MemorySegment rawSlice(MemorySegment s) {
        return s.asSlice(4, s.byteSize() - 8);
    }

    static MemoryView mvSlice(MemoryView v) {
        return v.slice(1, -1, 1);
    }

    static MemoryView mvCast(MemoryView v) {
        return v.cast("i");
    }

    @Benchmark
    public MemorySegment ofByteArrayRaw() {
        return MemorySegment.ofArray(bytes);
    }

    @Benchmark
    public MemoryView ofByteArray() {
        return MemoryView.of(bytes);
    }

    @Benchmark
    public MemorySegment ofIntArrayRaw() {
        return MemorySegment.ofArray(intArray);
    }

    @Benchmark
    public MemoryView ofIntArray() {
        return MemoryView.of(intArray);
    }

    @Benchmark
    public MemorySegment ofByteBufferRaw() {
        return MemorySegment.ofBuffer(direct);
    }

    @Benchmark
    public MemoryView ofByteBuffer() {
        return MemoryView.of(direct);
    }

    @Benchmark
    public MemorySegment ofBytesRaw() {
        return MemorySegment.ofArray(bytes).asReadOnly();
    }

    @Benchmark
    public MemoryView ofBytes() {
        return MemoryView.of(immutable);
    }

    @Benchmark
    public MemorySegment ofNativeSegmentRaw() {
        return segment.asSlice(0, segment.byteSize());
    }

    @Benchmark
    public MemoryView ofNativeSegment() {
        return MemoryView.of(segment);
    }

    @Benchmark
    public MemorySegment sliceRaw() {
        return rawSlice(segment);
    }

    @Benchmark
    public MemoryView slice() {
        return mvSlice(ints);
    }

    @Benchmark
    public MemorySegment castRaw() {
        return segment.asSlice(0, segment.byteSize(), 4);
    }

    @Benchmark
    public MemoryView cast() {
        return mvCast(byteView);
    }

    @Benchmark
    public MemoryView castShape() {
        return byteView.cast("i", 128, 128);
    }

    /** Raw: the sub-array {@code [1:-1, ::2]} of a 128 x 128 grid is a slice plus two strides kept by hand. */
    @Benchmark
    public MemorySegment selectRaw() {
        return segment.asSlice(512, segment.byteSize() - 1024);
    }

    @Benchmark
    public MemoryView select() {
        return grid.select("1:-1, ::2");
    }

    @Benchmark
    public MemoryView selectSlices() {
        return grid.select(io.memview.Slice.of(1L, -1L), io.memview.Slice.all().step(2));
    }

    @Benchmark
    public MemoryView transpose() {
        return grid.transpose();
    }

    @Benchmark
    public MemorySegment sliceRawPolluted(Pollution p) {
        return rawSlice(segment);
    }

    @Benchmark
    public MemoryView slicePolluted(Pollution p) {
        return mvSlice(ints);
    }

    @Benchmark
    public MemoryView castPolluted(Pollution p) {
        return mvCast(byteView);
    }
}
