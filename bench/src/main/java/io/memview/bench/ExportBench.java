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
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.memview.bench.Data.INT;
import static io.memview.bench.Data.N;
import static io.memview.bench.Data.SIDE;

/**
 * Getting data out: {@code toBytes} in C, F and A order from contiguous and strided views, {@code hex},
 * {@code toList}, {@code writeTo} a channel, and {@code MemorySegment.copy} itself, the bandwidth every bulk operation
 * is measured against. 4 MiB of {@code 'i'} items ({@link Data#N}), hex of 1 MiB.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"-Xmx2g"})
public class ExportBench {
    static final int HEX_BYTES = 1 << 20;

    MemorySegment ints;
    MemorySegment wide;
    MemorySegment target;
    MemoryView view;
    MemoryView strided;
    MemoryView grid;
    MemoryView fgrid;
    MemoryView hexView;
    MemoryView hexStrided;
    FileChannel sink;

    @Setup(Level.Trial)
    public void setup() throws IOException {
        ints = Data.nativeInts(N);
        wide = Data.nativeInts(2L * N);
        target = Arena.ofAuto().allocate(4L * N, 16);
        view = Data.view(ints, "i");
        strided = Data.view(wide, "i").slice(0, Long.MAX_VALUE, 2);
        grid = MemoryView.of(ints).cast("i", SIDE, SIDE);
        fgrid = grid.transpose();
        hexView = MemoryView.of(ints).slice(0, HEX_BYTES, 1);
        hexStrided = MemoryView.of(wide).slice(0, 2L * HEX_BYTES, 2);
        sink = FileChannel.open(Path.of("/dev/null"), StandardOpenOption.WRITE);
    }

    @TearDown
    public void close() throws IOException {
        sink.close();
    }

    // ------------------------------------------------------------------------------------------------ helpers

    /** Hand-written strided gather of {@code n} ints into a new array. */
    static byte[] rawGather(MemorySegment s, long n, long stride) {
        byte[] out = new byte[(int) (n * 4)];
        MemorySegment d = MemorySegment.ofArray(out);
        for (long i = 0; i < n; i++) {
            d.set(INT, i * 4, s.get(INT, i * stride));
        }
        return out;
    }

    /** Hand-written transposing copy of a C-ordered square grid of ints into F order. */
    static byte[] rawTranspose(MemorySegment s, long side) {
        byte[] out = new byte[(int) (side * side * 4)];
        MemorySegment d = MemorySegment.ofArray(out);
        for (long i = 0; i < side; i++) {
            for (long j = 0; j < side; j++) {
                d.set(INT, (j * side + i) * 4, s.get(INT, (i * side + j) * 4));
            }
        }
        return out;
    }

    private static final byte[] DIGITS = "0123456789abcdef".getBytes(StandardCharsets.ISO_8859_1);

    /** Hand-written hex: two digits per byte, from a 16-entry table. */
    static String rawHex(MemorySegment s, long off, long n, long stride) {
        byte[] out = new byte[(int) (n * 2)];
        for (long i = 0; i < n; i++) {
            int b = s.get(ValueLayout.JAVA_BYTE, off + i * stride) & 0xff;
            out[(int) (2 * i)] = DIGITS[b >>> 4];
            out[(int) (2 * i + 1)] = DIGITS[b & 15];
        }
        return new String(out, StandardCharsets.ISO_8859_1);
    }

    static List<Long> rawList(MemorySegment s, long n) {
        List<Long> out = new ArrayList<>((int) n);
        for (long i = 0; i < n; i++) {
            out.add((long) s.get(INT, i * 4));
        }
        return out;
    }

    static List<List<Long>> rawList2d(MemorySegment s, long side) {
        List<List<Long>> out = new ArrayList<>((int) side);
        for (long i = 0; i < side; i++) {
            List<Long> row = new ArrayList<>((int) side);
            for (long j = 0; j < side; j++) {
                row.add((long) s.get(INT, (i * side + j) * 4));
            }
            out.add(row);
        }
        return out;
    }

    static long rawWriteStrided(MemorySegment s, long n, long stride, FileChannel ch) throws IOException {
        long chunkItems = 1 << 18;
        MemorySegment staging = MemorySegment.ofArray(new byte[(int) (chunkItems * 4)]);
        for (long done = 0; done < n; done += chunkItems) {
            long k = Math.min(chunkItems, n - done);
            for (long i = 0; i < k; i++) {
                staging.set(INT, i * 4, s.get(INT, (done + i) * stride));
            }
            ByteBuffer bb = staging.asSlice(0, k * 4).asByteBuffer();
            while (bb.hasRemaining()) {
                ch.write(bb);
            }
        }
        return n * 4;
    }

    // ------------------------------------------------------------------------------------------- bandwidth

    /** The reference bandwidth: one native-to-native {@code MemorySegment.copy} of 4 MiB. */
    @Benchmark
    public MemorySegment segmentCopy() {
        MemorySegment.copy(ints, 0, target, 0, 4L * N);
        return target;
    }

    /** The same copy into a new heap array (what {@code toBytes} must do). */
    @Benchmark
    public byte[] segmentToArray() {
        return ints.toArray(ValueLayout.JAVA_BYTE);
    }

    // ------------------------------------------------------------------------------------------------ toBytes


    @Benchmark
    public byte[] toBytesC() {
        return view.toBytes();
    }

    @Benchmark
    public byte[] toBytesFRaw() {
        return rawTranspose(ints, SIDE);
    }

    /** A C-contiguous 2-D view in Fortran order: a transposing copy. */
    @Benchmark
    public byte[] toBytesF() {
        return grid.toBytes('F');
    }


    /** An F-contiguous view in order 'A': its memory as it is, one copy. */
    @Benchmark
    public byte[] toBytesA() {
        return fgrid.toBytes('A');
    }

    @Benchmark
    public byte[] toBytesStridedRaw() {
        return rawGather(wide, N, 8);
    }

    @Benchmark
    public byte[] toBytesStrided() {
        return strided.toBytes();
    }

    // ------------------------------------------------------------------------------------------------ hex, list

    @Benchmark
    public String hexRaw() {
        return rawHex(ints, 0, HEX_BYTES, 1);
    }

    @Benchmark
    public String hex() {
        return hexView.hex();
    }

    @Benchmark
    public String hexStridedRaw() {
        return rawHex(wide, 0, HEX_BYTES, 2);
    }

    @Benchmark
    public String hexStrided() {
        return hexStrided.hex();
    }

    @Benchmark
    public List<Long> toListRaw() {
        return rawList(ints, N);
    }

    @Benchmark
    public Object toList() {
        return view.toList();
    }

    @Benchmark
    public List<List<Long>> toList2dRaw() {
        return rawList2d(ints, SIDE);
    }

    @Benchmark
    public Object toList2d() {
        return grid.toList();
    }

    // ------------------------------------------------------------------------------------------------ writeTo

    @Benchmark
    public long writeToRaw() throws IOException {
        ByteBuffer bb = ints.asByteBuffer();
        while (bb.hasRemaining()) {
            sink.write(bb);
        }
        return 4L * N;
    }

    @Benchmark
    public long writeTo() throws IOException {
        return view.writeTo(sink);
    }

    @Benchmark
    public long writeToStridedRaw() throws IOException {
        return rawWriteStrided(wide, N, 8, sink);
    }

    @Benchmark
    public long writeToStrided() throws IOException {
        return strided.writeTo(sink);
    }

    // ---------------------------------------------------------------------------------------------- polluted

    @Benchmark
    public byte[] toBytesCPolluted(Pollution p) {
        return view.toBytes();
    }

    @Benchmark
    public byte[] toBytesStridedPolluted(Pollution p) {
        return strided.toBytes();
    }

    @Benchmark
    public byte[] toBytesStridedRawPolluted(Pollution p) {
        return rawGather(wide, N, 8);
    }

    @Benchmark
    public String hexPolluted(Pollution p) {
        return hexView.hex();
    }

    @Benchmark
    public String hexRawPolluted(Pollution p) {
        return rawHex(ints, 0, HEX_BYTES, 1);
    }
}
