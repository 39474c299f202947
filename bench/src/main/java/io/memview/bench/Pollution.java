package io.memview.bench;

import io.memview.MemoryView;
import io.memview.struct.Struct;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Profile pollution: a benchmark that takes this state runs after memview's hot call sites (and the raw helpers of
 * every benchmark class) have been fed heap, native and mapped segments and views of several formats, as they are in
 * a real program. The polluted variants then measure the same operation as their monomorphic twins; the difference is
 * what a megamorphic call site costs. Runs once per trial, before warm-up, so the JIT compiles with these profiles.
 */
@State(Scope.Benchmark)
public class Pollution {
    static final int ITEMS = 2048;
    static final int ROUNDS = 6;
    static final int RAW_ROUNDS = 400;
    static final int BULK = 10;
    static final String[] FORMATS = {"b", "B", "h", "i", "q", "d", "f", "<i", ">i", "H", "Q"};

    /** Kept reachable so that the JIT cannot treat the work as dead. */
    public long sink;

    @Setup(Level.Trial)
    public void pollute() throws java.io.IOException {
        MemorySegment[] kinds = Data.allKinds(2L * ITEMS);
        List<MemoryView> views = new ArrayList<>();
        for (MemorySegment s : kinds) {
            for (String f : FORMATS) {
                MemoryView bytes = MemoryView.of(s).slice(0, ITEMS * 2L, 1);
                views.add(bytes.cast(f));
            }
            views.add(MemoryView.of(s).cast("i").slice(0, Long.MAX_VALUE, 2));
        }
        views.add(MemoryView.of(new byte[ITEMS * 4]).cast("i"));
        views.add(MemoryView.of(ByteBuffer.allocateDirect(ITEMS * 4)).cast("h"));
        views.add(MemoryView.of(new long[ITEMS]));
        views.add(MemoryView.of(new double[ITEMS]));
        Struct[] structs = {Struct.of("<iid"), Struct.of(">q"), Struct.of("HHI"), Struct.of("<d"), Struct.of("2h4s")};
        Object[] buffers = {new byte[ITEMS * 4], kinds[1], ByteBuffer.allocate(ITEMS * 4), MemoryView.of(kinds[2])};
        java.nio.channels.WritableByteChannel discard = new java.nio.channels.WritableByteChannel() {
            @Override public int write(ByteBuffer src) {
                int n = src.remaining();
                src.position(src.limit());
                return n;
            }
            @Override public boolean isOpen() { return true; }
            @Override public void close() { }
        };
        long acc = 0;
        for (int r = 0; r < ROUNDS; r++) {
            for (MemoryView v : views) {
                String f = v.format();
                boolean isFloat = f.equals("d") || f.equals("f");
                boolean bigUnsigned = f.equals("Q");
                if (!isFloat && !bigUnsigned) {
                    acc += ItemAccessBench.mvSum(v);
                    acc += (long) ItemAccessBench.mvSumDouble(v);
                } else if (isFloat) {
                    acc += (long) ItemAccessBench.mvSumDouble(v);
                }
                if (!isFloat && !bigUnsigned && !f.startsWith(">") && !f.startsWith("<")) {
                    acc += ItemAccessBench.mvSumObject(v);
                }
                MemoryView g = v.length() % 64 == 0 && v.contiguous() ? v.cast("B").cast(f.replace("<", "").replace(">", ""), 64, v.length() / 64) : null;
                if (g != null && !isFloat && !bigUnsigned) {
                    acc += ItemAccessBench.mvSum2d(g);
                    acc += ItemAccessBench.mvSum2d(g.transpose());
                }
                for (int k = 0; k < BULK; k++) {
                    acc += v.toBytes().length + v.toBytes('F').length + v.hex().length();
                    acc += v.hashCode() + (v.equals(views.get((r + k) % views.size())) ? 1 : 0);
                }
                acc += v.equals(v.toReadOnly()) ? 1 : 0;
                acc += v.equals(views.get(r % views.size())) ? 1 : 0;
                acc += v.hashCode();
                if (r < 2) {
                    acc += ((List<?>) v.toList()).size();
                    acc += v.count(5L);
                }
                acc += ViewCreationBench.mvSlice(v).length();
                acc += v.writeTo(discard);
                if (v.format().equals("B") || v.format().equals("b")) {
                    acc += ViewCreationBench.mvCast(v).length();
                }
            }
        }
        // The raw helpers: enough calls with each kind of memory that their profiles (collected once they are
        // compiled with profiling, after a few hundred calls) hold all three segment classes.
        for (int r = 0; r < RAW_ROUNDS; r++) {
            for (MemorySegment s : kinds) {
                acc += ItemAccessBench.rawSum(s, ITEMS);
                acc += ItemAccessBench.rawSumBoxed(s, ITEMS);
                acc += ItemAccessBench.rawSum2d(s, 64, 64, 256, 4);
                acc += ItemAccessBench.rawSumStrided(s, ITEMS / 2, 8);
                acc += ExportBench.rawGather(s, ITEMS / 2, 8).length;
                acc += ExportBench.rawHex(s, 0, ITEMS, 1).length();
                acc += CompareBench.rawEqualStrided(s, kinds[(r + 1) % 3], ITEMS / 2, 8) ? 1 : 0;
                acc += CompareBench.rawHash(s, ITEMS);
                acc += CompareBench.rawCount(s, ITEMS, 7);
                acc += ViewCreationBench.rawSlice(s).byteSize();
                for (int k = 0; k < 100; k++) {
                    acc += StructBench.rawUnpack(s, k * 16L).size();
                }
            }
        }
        for (int r = 0; r < ROUNDS; r++) {
            for (Struct st : structs) {
                for (Object buf : buffers) {
                    for (int k = 0; k < 100; k++) {
                        acc += st.unpackFrom(buf, k * 16L).size();
                    }
                    acc += StructBench.iterSum(st, st.size() == 16 ? new byte[16 * 64] : new byte[st.size() * 64]) == 0 ? 1 : 0;
                }
            }
            for (int k = 0; k < 200; k++) {
                acc += Struct.of("<iid").pack((long) k, 2L, 0.5).length;
                acc += Struct.of(">q").pack((long) k).length;
                acc += Struct.of("HHI").pack(1L, 2L, (long) k).length;
                acc += Struct.of("<d").pack(k * 0.5).length;
            }
        }
        sink = acc;
    }
}
