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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;

/**
 * Opening a 1 GiB array file: map it, view it as 128 Mi doubles, read one item, release (unmap). The file is sparse,
 * so the numbers are the cost of opening and mapping, not of the disk. {@code io.memview.npy} does not exist on this
 * branch yet, so this is {@code MemoryView.map(file).cast("d")} over the data that follows a 128-byte header, the
 * work an {@code .npy} open does after parsing its header. Raw: {@code FileChannel.map} into an {@code Arena}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class MapBench {
    static final long SIZE = (1L << 30) + 128;
    Path file;

    @Setup(Level.Trial)
    public void setup() throws IOException {
        file = Files.createTempFile("memview-bench", ".npy");
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(SIZE);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        Files.deleteIfExists(file);
    }

    @Benchmark
    public double open1GiBRaw() throws IOException {
        try (Arena arena = Arena.ofShared();
             FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            MemorySegment s = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size(), arena).asSlice(128);
            return s.get(ValueLayout.JAVA_DOUBLE_UNALIGNED, 8L * 1000);
        }
    }

    @Benchmark
    public double open1GiB() {
        try (MemoryView m = MemoryView.map(file, false);
             MemoryView data = m.slice(128, Long.MAX_VALUE, 1);
             MemoryView d = data.cast("d")) {
            return d.getDouble(1000);
        }
    }

    @Benchmark
    public double open1GiBPolluted(Pollution p) {
        return open1GiB();
    }
}
