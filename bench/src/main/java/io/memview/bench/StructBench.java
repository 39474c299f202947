package io.memview.bench;

import io.memview.MemoryView;
import io.memview.struct.Struct;
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
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code struct} and record views over the record {@code '<iid'} (two ints and a double, 16 bytes): {@code pack} and
 * {@code unpackFrom} of one record (ns), {@code iterUnpack} over {@link #RECORDS} records, a record view
 * ({@code cast("<iid")}) read item by item and as {@code toList} (µs). Raw: the same fields read and written with
 * little-endian value layouts, into the same boxed {@code List}s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"-Xmx2g"})
public class StructBench {
    static final int RECORDS = 1 << 16;
    static final String FMT = "<iid";
    static final ValueLayout.OfInt I = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfDouble D = ValueLayout.JAVA_DOUBLE_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfFloat F = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    /** A file-sized record set: 1M records of {@code '<iif'} (12 bytes), issue 5's record reader. */
    static final int IIF_RECORDS = 1 << 20;

    Struct struct;
    byte[] iif;
    MemorySegment iifSegment;
    MemoryView iifView;
    Struct iifStruct;
    byte[] records;
    MemorySegment recordSegment;
    MemoryView recordView;
    Long a;
    Long b;
    Double c;
    long offset = 16 * 100;
    /** Where {@link #iifRecordsRaw} publishes each tuple. */
    Object published;

    @Setup(Level.Trial)
    public void setup() {
        struct = Struct.of(FMT);
        records = new byte[RECORDS * 16];
        recordSegment = MemorySegment.ofArray(records);
        for (int i = 0; i < RECORDS; i++) {
            recordSegment.set(I, i * 16L, i);
            recordSegment.set(I, i * 16L + 4, -i);
            recordSegment.set(D, i * 16L + 8, i * 0.25);
        }
        recordView = MemoryView.of(records).cast(FMT);
        iif = new byte[IIF_RECORDS * 12];
        iifSegment = MemorySegment.ofArray(iif);
        for (int i = 0; i < IIF_RECORDS; i++) {
            iifSegment.set(I, i * 12L, i);
            iifSegment.set(I, i * 12L + 4, -i);
            iifSegment.set(F, i * 12L + 8, i * 0.5f);
        }
        iifView = MemoryView.of(iif).cast("<iif");
        iifStruct = Struct.of("<iif");
        a = 12345L;
        b = -7L;
        c = 2.5;
    }

    // ------------------------------------------------------------------------------------------------ helpers

    static byte[] rawPack(Object x, Object y, Object z) {
        byte[] out = new byte[16];
        MemorySegment s = MemorySegment.ofArray(out);
        s.set(I, 0, Math.toIntExact((Long) x));
        s.set(I, 4, Math.toIntExact((Long) y));
        s.set(D, 8, ((Number) z).doubleValue());
        return out;
    }

    static List<Object> rawUnpack(MemorySegment s, long off) {
        return Arrays.asList((long) s.get(I, off), (long) s.get(I, off + 4), s.get(D, off + 8));
    }

    static long rawIterSum(MemorySegment s) {
        long sum = 0;
        for (long off = 0; off < s.byteSize(); off += 16) {
            List<Object> t = rawUnpack(s, off);
            sum += (Long) t.get(0);
        }
        return sum;
    }

    static long iterSum(Struct st, byte[] buf) {
        long sum = 0;
        for (Iterator<List<Object>> it = st.iterUnpack(buf); it.hasNext(); ) {
            sum += ((Number) it.next().get(0)).longValue();
        }
        return sum;
    }

    static long recordSum(MemoryView v) {
        long n = v.length();
        long sum = 0;
        for (long i = 0; i < n; i++) {
            sum += (Long) ((List<?>) v.get(i)).get(0);
        }
        return sum;
    }

    static Object[] rawRecordList(MemorySegment s) {
        Object[] out = new Object[(int) (s.byteSize() / 16)];
        for (int i = 0; i < out.length; i++) {
            out[i] = rawUnpack(s, i * 16L);
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------------ struct

    @Benchmark
    public byte[] packRaw() {
        return rawPack(a, b, c);
    }

    @Benchmark
    public byte[] pack() {
        return struct.pack(a, b, c);
    }

    @Benchmark
    public List<Object> unpackFromRaw() {
        return rawUnpack(recordSegment, offset);
    }

    @Benchmark
    public List<Object> unpackFrom() {
        return struct.unpackFrom(records, offset);
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public long iterUnpackRaw() {
        return rawIterSum(recordSegment);
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public long iterUnpack() {
        return iterSum(struct, records);
    }

    // ------------------------------------------------------------------------------------------- record views


    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public long recordGet() {
        return recordSum(recordView);
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Object[] recordToListRaw() {
        return rawRecordList(recordSegment);
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Object recordToList() {
        return recordView.toList();
    }

    // ------------------------------------------------------------------------- 1M '<iif' records (sum of fields)

    /**
     * Raw: the three fields of every record read by hand into the same tuple the memview calls return (a
     * {@code List} of a {@code Long}, a {@code Long} and a {@code Double}), summed from it. An earlier version summed
     * the fields without making a tuple: it measured 1.7 ms against memview's ~55 ms, but did not do the work the
     * memview calls must do (three boxes and a list per record), so it was not a baseline for them. Each tuple is
     * published to a field: C2 otherwise scalar-replaces this loop's short-lived list and boxes and allocates nothing
     * (measured: 0 B/op), which the memview calls cannot do (their tuples are filled through an array).
     */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public double iifRecordsRaw() {
        double sum = 0;
        for (long off = 0; off < iifSegment.byteSize(); off += 12) {
            List<Object> r = Arrays.asList((long) iifSegment.get(I, off), (long) iifSegment.get(I, off + 4),
                    (double) iifSegment.get(F, off + 8));
            sum += (Long) r.get(0) + (Long) r.get(1) + (Double) r.get(2);
            published = r;
        }
        return sum;
    }

    /**
     * Reference, not a baseline: the three fields of every record read by hand as primitives and summed, no tuple at
     * all. The floor for code that needs the numbers and not Python's tuples; memview's record items return tuples.
     */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public double iifFieldsRaw() {
        double sum = 0;
        for (long off = 0; off < iifSegment.byteSize(); off += 12) {
            sum += iifSegment.get(I, off) + iifSegment.get(I, off + 4) + iifSegment.get(F, off + 8);
        }
        return sum;
    }

    /** {@code MemoryView.of(bytes).cast("<iif")}: one tuple per record, through {@code get(i)}. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public double iifRecordView() {
        double sum = 0;
        long n = iifView.length();
        for (long i = 0; i < n; i++) {
            List<?> r = (List<?>) iifView.get(i);
            sum += (Long) r.get(0) + (Long) r.get(1) + (Double) r.get(2);
        }
        return sum;
    }

    /** {@code Struct.of("<iif").unpackFrom(bytes, offset)} over the same records. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public double iifUnpackFrom() {
        double sum = 0;
        for (long off = 0; off < iif.length; off += 12) {
            List<Object> r = iifStruct.unpackFrom(iif, off);
            sum += (Long) r.get(0) + (Long) r.get(1) + (Double) r.get(2);
        }
        return sum;
    }

    // ---------------------------------------------------------------------------------------------- polluted

    @Benchmark
    public List<Object> unpackFromPolluted(Pollution p) {
        return struct.unpackFrom(records, offset);
    }

    @Benchmark
    public List<Object> unpackFromRawPolluted(Pollution p) {
        return rawUnpack(recordSegment, offset);
    }

    @Benchmark
    public byte[] packPolluted(Pollution p) {
        return struct.pack(a, b, c);
    }
}
