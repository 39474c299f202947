package io.memview.bench;

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
import java.util.concurrent.TimeUnit;

/**
 * Making views: a slice and a cast of an existing view, beside the raw equivalent ({@code asSlice} of a segment).
 * CPython: about 60 ns for {@code mv[1:-1]} or {@code mv.cast('i')}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class ViewCreationBench {
    MemorySegment segment;
    MemoryView bytes;
    MemoryView ints;

    @Setup
    public void setup() {
        segment = Arena.ofAuto().allocate(1 << 16, 8);
        bytes = MemoryView.of(segment);
        ints = bytes.cast("i");
    }

    @Benchmark
    public MemorySegment rawSlice() {
        return segment.asSlice(4, segment.byteSize() - 8);
    }

    @Benchmark
    public MemoryView slice() {
        return ints.slice(1, -1, 1);
    }

    @Benchmark
    public MemoryView cast() {
        return bytes.cast("i");
    }
}
