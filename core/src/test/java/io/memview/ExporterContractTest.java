package io.memview;

import io.memview.MemoryKinds.Kind;
import io.memview.MemoryKinds.Subject;
import io.memview.testing.PyErrors;
import io.memview.testing.PyValues;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The buffer-protocol contract, written once and run over every kind of memory memview exports (Java arrays,
 * ByteBuffers, MemorySegments, mapped files, {@link Bytes}, {@link ByteArray}, {@link TypedArray} of every typecode
 * and {@link MemoryView}s of every layout): the answer to each of the 256 request flag combinations against CPython's
 * answer for the exporter it mirrors (golden data from {@code tools/cpython/gen_buffer_requests.py}), zero-copy in
 * both directions, read-only refusal, export counting and release.
 */
class ExporterContractTest {

    static List<Kind> kinds() {
        return MemoryKinds.all();
    }

    @SuppressWarnings("unchecked")
    static final Map<String, List<Map<String, Object>>> CASES = byExporter(
            (List<Object>) MemoryKinds.GOLDEN.get("cases"));

    @SuppressWarnings("unchecked")
    private static Map<String, List<Map<String, Object>>> byExporter(List<Object> cases) {
        Map<String, List<Map<String, Object>>> m = new LinkedHashMap<>();
        for (Object o : cases) {
            Map<String, Object> c = (Map<String, Object>) o;
            m.computeIfAbsent((String) c.get("exporter"), k -> new ArrayList<>()).add(c);
        }
        return m;
    }

    @Test
    void everyRecordedExporterHasAJavaKindAndEveryKindARecord() {
        List<String> mirrored = kinds().stream().map(Kind::mirror).distinct().toList();
        assertThat(mirrored).containsExactlyInAnyOrderElementsOf(MemoryKinds.MIRRORS.keySet());
        assertThat(CASES.values()).allSatisfy(l -> assertThat(l).hasSize(256));
    }

    @Test
    @SuppressWarnings("unchecked")
    void flagsHaveCPythonsNamesAndValues() throws ReflectiveOperationException {
        Map<String, Object> want = (Map<String, Object>) MemoryKinds.GOLDEN.get("flag_values");
        List<String> fields = new ArrayList<>();
        for (java.lang.reflect.Field f : BufferFlags.class.getFields()) {
            fields.add(f.getName());
            assertThat((long) f.getInt(null)).as(f.getName()).isEqualTo(want.get(f.getName()));
        }
        assertThat(fields).containsExactlyInAnyOrderElementsOf(want.keySet());
    }

    // ------------------------------------------------------------------------------------------------- requests

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    @SuppressWarnings("unchecked")
    void answersEveryRequestFlagCombinationAsCPython(Kind kind) {
        List<String> mismatches = new ArrayList<>();
        List<Map<String, Object>> cases = CASES.get(kind.mirror());
        try (Subject s = kind.make().get()) {
            for (Map<String, Object> c : cases) {
                int flags = (int) (long) (Long) c.get("flags");
                String where = "flags 0x" + Integer.toHexString(flags) + ": ";
                checkBuffer(s, flags, (Map<String, Object>) c.get("buffer"), where + "getBuffer ", mismatches);
                checkView(s, flags, (Map<String, Object>) c.get("view"), where + "fromFlags ", mismatches);
            }
            assertExportsBackToZero(s);
        }
        assertThat(mismatches).as("%s (CPython %s) differs in %d of %d requests", kind, kind.mirror(),
                mismatches.size(), cases.size() * 2).isEmpty();
    }

    private static void checkBuffer(Subject s, int flags, Map<String, Object> want, String where, List<String> out) {
        BufferExporter e = s.exporter();
        Buffer b;
        try {
            b = e.getBuffer(flags);
        } catch (RuntimeException t) {
            if (!errorMatches(want, t)) {
                out.add(where + "threw " + t + ", CPython " + want);
            }
            return;
        }
        try {
            if (want.containsKey("error")) {
                out.add(where + "answered " + b + ", CPython refused: " + want.get("error"));
                return;
            }
            List<String> diffs = new ArrayList<>();
            same(diffs, "format", want.get("format"), b.format());
            same(diffs, "itemsize", want.get("itemsize"), (long) b.itemsize());
            same(diffs, "ndim", want.get("ndim"), (long) b.ndim());
            long ndim = (Long) want.get("ndim");
            same(diffs, "shape", want.get("shape"), list(b.shape()));
            if (ndim == 0) {
                // _testbuffer shows a NULL strides array of a 0-d buffer as (), like an empty one.
                same(diffs, "strides", List.of(), b.strides() == null ? List.of() : list(b.strides()));
            } else {
                same(diffs, "strides", want.get("strides"), list(b.strides()));
            }
            same(diffs, "suboffsets", want.get("suboffsets"), list(b.suboffsets()));
            same(diffs, "readonly", want.get("readonly"), b.readonly());
            same(diffs, "len", want.get("len"), b.len());
            if (!diffs.isEmpty()) {
                out.add(where + String.join("; ", diffs));
            }
        } finally {
            e.releaseBuffer(b);
        }
    }

    private static void checkView(Subject s, int flags, Map<String, Object> want, String where, List<String> out) {
        MemoryView v;
        try {
            v = MemoryView.fromFlags(s.obj, flags);
        } catch (RuntimeException t) {
            if (!errorMatches(want, t)) {
                out.add(where + "threw " + t + ", CPython " + want);
            }
            return;
        }
        try (v) {
            if (want.containsKey("error")) {
                out.add(where + "made a view, CPython refused: " + want.get("error"));
                return;
            }
            List<String> diffs = new ArrayList<>();
            same(diffs, "format", want.get("format"), v.format());
            same(diffs, "itemsize", want.get("itemsize"), (long) v.itemsize());
            same(diffs, "ndim", want.get("ndim"), (long) v.ndim());
            same(diffs, "shape", want.get("shape"), list(v.shape()));
            same(diffs, "strides", want.get("strides"), list(v.strides()));
            same(diffs, "suboffsets", want.get("suboffsets"), list(v.suboffsets()));
            same(diffs, "readonly", want.get("readonly"), v.readonly());
            same(diffs, "nbytes", want.get("nbytes"), v.nbytes());
            same(diffs, "c_contiguous", want.get("c"), v.cContiguous());
            same(diffs, "f_contiguous", want.get("f"), v.fContiguous());
            same(diffs, "contiguous", want.get("contiguous"), v.contiguous());
            compareResult(diffs, "tolist", want.get("tolist"), v::toList, v);
            compareResult(diffs, "tobytes", want.get("tobytes"), () -> Bytes.of(v.toBytes()), v);
            if (!diffs.isEmpty()) {
                out.add(where + String.join("; ", diffs));
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static void compareResult(List<String> diffs, String what, Object want,
                                      java.util.function.Supplier<Object> call, MemoryView v) {
        Object got;
        try {
            got = call.get();
        } catch (RuntimeException t) {
            if (!(want instanceof Map<?, ?> m && m.containsKey("error") && errorMatches((Map<String, Object>) m, t))) {
                diffs.add(what + ": threw " + t + ", CPython " + want);
            }
            return;
        }
        if (want instanceof Map<?, ?> m && m.containsKey("error")) {
            List<Object> err = (List<Object>) m.get("error");
            // Beyond CPython: formats CPython's memoryview cannot read but struct can ('<i') have values.
            boolean beyond = "NotImplementedError".equals(err.get(0)) && v.format().length() > 1;
            if (!beyond) {
                diffs.add(what + ": returned " + PyValues.show(got) + ", CPython " + err);
            }
            return;
        }
        Object expected = PyValues.decode(want);
        if (!PyValues.same(expected, got)) {
            diffs.add(what + ": " + PyValues.show(got) + " != CPython " + PyValues.show(expected));
        }
    }

    /**
     * Whether {@code t} is the Java form of the recorded CPython error. CPython 3.13 answers a request of exactly
     * {@code PyBUF_READ} or {@code PyBUF_WRITE} with {@code SystemError: Objects/abstract.c:430: bad argument to
     * internal function}; memview refuses it with an {@link IllegalArgumentException} with that text (no C source
     * location), as a SystemError is a caller's bug and has no mapping of its own.
     */
    @SuppressWarnings("unchecked")
    static boolean errorMatches(Map<String, Object> want, Throwable t) {
        if (!want.containsKey("error")) {
            return false;
        }
        List<Object> err = (List<Object>) want.get("error");
        String type = (String) err.get(0);
        String msg = (String) err.get(1);
        if ("SystemError".equals(type)) {
            return t.getClass() == IllegalArgumentException.class && msg.endsWith("bad argument to internal function")
                    && Objects.requireNonNullElse(t.getMessage(), "").startsWith("bad argument to internal function");
        }
        return PyErrors.matches(type, msg, t);
    }

    private static void same(List<String> diffs, String field, Object want, Object got) {
        Object w = want instanceof Map<?, ?> ? PyValues.decode(want) : want;
        if (!Objects.equals(w, got)) {
            diffs.add(field + " " + got + " != CPython " + w);
        }
    }

    private static List<Long> list(long[] a) {
        return a == null ? null : Arrays.stream(a).boxed().toList();
    }

    private static void assertExportsBackToZero(Subject s) {
        switch (s.obj) {
            case ByteArray ba -> assertThat(ba.exports()).as("ByteArray exports after every release").isZero();
            case TypedArray ta -> assertThat(ta.exports()).as("TypedArray exports after every release").isZero();
            case MemoryView mv -> {
                // a view with a live export cannot be released: releasing a derived view and the view itself works
                MemoryView probe = MemoryView.of(mv);
                probe.release();
            }
            default -> { }
        }
    }

    // ------------------------------------------------------------------------------------------------ zero copy

    /** The bytes of the item at {@code index}, through a one-item sub-view (no copy until {@code toBytes}). */
    static MemoryView itemView(MemoryView v, long[] index) {
        if (index.length == 0) {
            return MemoryView.of(v);
        }
        MemoryView w = v;
        for (int d = 0; d < index.length - 1; d++) {
            w = (MemoryView) w.get(index[d]);
        }
        long k = index[index.length - 1];
        return w.slice(k, k + 1, 1);
    }

    static long[] lastIndex(long[] shape) {
        long[] idx = new long[shape.length];
        for (int d = 0; d < shape.length; d++) {
            idx[d] = shape[d] - 1;
        }
        return idx;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void writesToTheSourceAreSeenThroughTheView(Kind kind) {
        try (Subject s = kind.make().get(); MemoryView v = MemoryView.of(s.obj)) {
            if (v.nbytes() == 0) {
                assertThat(v.toBytes()).as(kind + ": empty").isEmpty();
                return;
            }
            for (long[] index : new long[][] {new long[v.ndim()], lastIndex(v.shape())}) {
                long addr = s.itemAddress(index, v.itemsize());
                MemoryView item = itemView(v, index);
                for (int j = 0; j < v.itemsize(); j++) {
                    if (!writableByte(s, addr + j)) {
                        continue;
                    }
                    byte old = s.read(addr + j);
                    byte flipped = (byte) (old ^ 1);
                    s.write(addr + j, flipped);
                    assertThat(item.toBytes()[j]).as("%s: byte %d of item %s after writing the source", kind, j,
                            Arrays.toString(index)).isEqualTo(flipped);
                    s.write(addr + j, old);
                    assertThat(item.toBytes()[j]).as("%s: restored", kind).isEqualTo(old);
                }
            }
        }
    }

    /** Items of character arrays must stay valid code points: only their lowest byte is changed. */
    private static boolean writableByte(Subject s, long address) {
        return !(s.obj instanceof TypedArray t && (t.typecode() == 'u' || t.typecode() == 'w'))
                || address % ((TypedArray) s.obj).itemsize() == 0;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void writesThroughTheViewReachTheSourceOrAreRefusedWhenReadOnly(Kind kind) {
        try (Subject s = kind.make().get(); MemoryView v = MemoryView.of(s.obj)) {
            assertThat(v.readonly()).as(kind + ": readonly").isEqualTo(s.readonly);
            if (v.nbytes() == 0) {
                return;
            }
            for (long[] index : new long[][] {new long[v.ndim()], lastIndex(v.shape())}) {
                long addr = s.itemAddress(index, v.itemsize());
                MemoryView item = itemView(v, index);
                // A one-item view is C-contiguous, except in PIL layouts: there the item is assigned its new value.
                MemoryView bytes = item.cContiguous() ? item.cast("B") : null;
                for (int j = 0; j < v.itemsize(); j++) {
                    if (!writableByte(s, addr + j)) {
                        continue;
                    }
                    byte old = s.read(addr + j);
                    long flipped = (old ^ 1) & 0xff;
                    int jj = j;
                    Runnable write = bytes != null ? () -> bytes.setLong(jj, flipped) : () -> {
                        byte[] b = item.toBytes();
                        b[jj] = (byte) flipped;
                        v.set(index, io.memview.struct.Struct.of(v.format()).unpack(b).getFirst());
                    };
                    Runnable restore = bytes != null ? () -> bytes.setLong(jj, old & 0xff) : () -> {
                        byte[] b = item.toBytes();
                        b[jj] = old;
                        v.set(index, io.memview.struct.Struct.of(v.format()).unpack(b).getFirst());
                    };
                    if (s.readonly) {
                        assertThatThrownBy(write::run).as(kind + ": write")
                                .isInstanceOf(ReadOnlyMemoryException.class)
                                .hasMessage("cannot modify read-only memory");
                        assertThat(s.read(addr + j)).as(kind + ": unchanged").isEqualTo(old);
                        continue;
                    }
                    write.run();
                    assertThat(s.read(addr + j) & 0xff).as("%s: source byte %d of item %s after writing the view",
                            kind, j, Arrays.toString(index)).isEqualTo((int) flipped);
                    restore.run();
                    assertThat(s.read(addr + j)).as(kind + ": restored").isEqualTo(old);
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void writableRequestsAreRefusedExactlyWhenReadOnly(Kind kind) {
        try (Subject s = kind.make().get()) {
            BufferExporter e = s.exporter();
            if (s.readonly) {
                String msg = e instanceof MemoryView ? "memoryview: underlying buffer is not writable"
                        : "Object is not writable.";
                assertThatThrownBy(() -> e.getBuffer(BufferFlags.FULL)).as(kind.name())
                        .isInstanceOf(BufferError.class).hasMessage(msg);
            } else {
                Buffer b = e.getBuffer(BufferFlags.FULL);
                assertThat(b.readonly()).as(kind.name()).isFalse();
                e.releaseBuffer(b);
            }
        }
    }

    // ---------------------------------------------------------------------------------------- exports and release

    /** An exporter that counts the calls made to it, around the exporter of one subject. */
    static final class Counting implements BufferExporter {
        final BufferExporter inner;
        final AtomicInteger gets = new AtomicInteger();
        final AtomicInteger releases = new AtomicInteger();

        Counting(BufferExporter inner) {
            this.inner = inner;
        }

        @Override
        public Buffer getBuffer(int flags) {
            Buffer b = inner.getBuffer(flags);
            gets.incrementAndGet();
            return b;
        }

        @Override
        public void releaseBuffer(Buffer buffer) {
            releases.incrementAndGet();
            inner.releaseBuffer(buffer);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void releaseBufferRunsExactlyOnceWhenTheLastDerivedViewIsReleased(Kind kind) {
        try (Subject s = kind.make().get()) {
            Counting c = new Counting(s.exporter());
            MemoryView mv = MemoryView.of(c);
            assertThat(c.gets.get()).as(kind + ": one request per MemoryView.of").isEqualTo(1);
            List<MemoryView> derived = new ArrayList<>();
            derived.add(MemoryView.of(mv));
            derived.add(mv.toReadOnly());
            if (mv.ndim() > 0) {
                derived.add(mv.slice(0, mv.shape()[0], 1));
            }
            if (mv.cContiguous() && mv.nbytes() > 0) {
                derived.add(mv.cast("B"));
            }
            assertThat(c.gets.get()).as(kind + ": derived views do not ask again").isEqualTo(1);
            byte[] before = mv.toBytes();
            mv.release();
            assertThat(c.releases.get()).as(kind + ": derived views keep the buffer").isZero();
            assertThat(derived.getFirst().toBytes()).as(kind + ": a derived view works after its parent's release")
                    .isEqualTo(before);
            for (MemoryView d : derived) {
                assertThat(c.releases.get()).as(kind + ": not before the last view").isZero();
                d.release();
            }
            assertThat(c.releases.get()).as(kind + ": exactly once").isEqualTo(1);
            mv.release();
            derived.forEach(MemoryView::release);
            assertThat(c.releases.get()).as(kind + ": releasing again does nothing").isEqualTo(1);
            assertThatThrownBy(() -> mv.slice(0, 0, 1)).as(kind.name()).isInstanceOf(IllegalStateException.class)
                    .hasMessage("operation forbidden on released memoryview object");
            assertExportsBackToZero(s);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void releasedViewsRefuseEveryAccessButToStringAndRelease(Kind kind) {
        try (Subject s = kind.make().get()) {
            MemoryView mv = MemoryView.of(s.obj);
            mv.release();
            assertThat(mv.toString()).startsWith("<released memory at 0x");
            mv.release();
            List<Runnable> ops = List.of(mv::nbytes, mv::format, mv::shape, mv::toBytes, mv::toList, mv::hex,
                    () -> mv.getBuffer(BufferFlags.SIMPLE), () -> MemoryView.of(mv), mv::toReadOnly, mv::obj,
                    () -> mv.get(new long[mv.ndim() == 0 ? 0 : 1]));
            for (Runnable op : ops) {
                assertThatThrownBy(op::run).as(kind.name()).isInstanceOf(IllegalStateException.class)
                        .isNotInstanceOf(BufferError.class)
                        .hasMessage("operation forbidden on released memoryview object");
            }
            assertExportsBackToZero(s);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void aViewWithALiveExportCannotBeReleased(Kind kind) {
        try (Subject s = kind.make().get()) {
            MemoryView mv = MemoryView.of(s.obj);
            Buffer b1 = mv.getBuffer(BufferFlags.FULL_RO);
            assertThatThrownBy(mv::release).isInstanceOf(BufferError.class)
                    .hasMessage("memoryview has 1 exported buffer");
            Buffer b2 = mv.getBuffer(BufferFlags.FULL_RO);
            assertThatThrownBy(mv::close).isInstanceOf(BufferError.class)
                    .hasMessage("memoryview has 2 exported buffers");
            assertThat(b1.obj()).isSameAs(mv);
            mv.releaseBuffer(b1);
            mv.releaseBuffer(b2);
            mv.release();
            assertThat(mv.toString()).startsWith("<released memory");
            assertExportsBackToZero(s);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void resizableExportersRefuseToResizeWhileAnyViewIsLive(Kind kind) {
        try (Subject s = kind.make().get()) {
            Runnable resize;
            String message;
            java.util.function.IntSupplier exports;
            switch (s.obj) {
                case ByteArray ba -> {
                    resize = () -> ba.append(1);
                    message = "Existing exports of data: object cannot be re-sized";
                    exports = ba::exports;
                }
                case TypedArray ta -> {
                    resize = () -> ta.resize(ta.length() + 1);
                    message = "cannot resize an array that is exporting buffers";
                    exports = ta::exports;
                }
                default -> {
                    return; // nothing resizable
                }
            }
            MemoryView mv = MemoryView.of(s.obj);
            MemoryView slice = mv.slice(0, 1, 1);
            assertThat(exports.getAsInt()).as(kind + ": one export per MemoryView.of").isEqualTo(1);
            mv.release();
            assertThatThrownBy(resize::run).as(kind.name()).isInstanceOf(BufferError.class).hasMessage(message);
            slice.release();
            assertThat(exports.getAsInt()).as(kind.name()).isZero();
            resize.run();
        }
    }
}
