package io.memview;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.lang.foreign.MemorySegment;
import java.nio.channels.Channels;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The life of a view: after {@code release()} every operation is refused with CPython's {@code ValueError} message
 * ({@code operation forbidden on released memoryview object}, here an {@link IllegalStateException}), even those whose
 * memory is still perfectly readable (a heap segment outlives the view); {@code release()} with exports outstanding
 * is refused with CPython's {@code BufferError} message; and the exporter's {@code releaseBuffer} runs exactly once,
 * when the last view of its buffer goes.
 */
class ViewLifecycleRulesTest {

    private interface Op {
        void run(MemoryView v) throws Exception;
    }

    private static MemoryView released2d() {
        MemoryView v = MemoryView.of(ByteArray.of(new byte[] {1, 2, 3, 4, 5, 6})).cast("B", 2, 3);
        v.release();
        return v;
    }

    private static MemoryView released1d() {
        MemoryView v = MemoryView.of(ByteArray.of(new byte[] {1, 2, 3, 4, 5, 6}));
        v.release();
        return v;
    }

    @Test
    void everyOperationOnAReleasedViewIsRefused() {
        Map<String, Op> ops = new LinkedHashMap<>();
        ops.put("obj", MemoryView::obj);
        ops.put("nbytes", MemoryView::nbytes);
        ops.put("readonly", MemoryView::readonly);
        ops.put("itemsize", MemoryView::itemsize);
        ops.put("format", MemoryView::format);
        ops.put("ndim", MemoryView::ndim);
        ops.put("shape", MemoryView::shape);
        ops.put("strides", MemoryView::strides);
        ops.put("suboffsets", MemoryView::suboffsets);
        ops.put("cContiguous", MemoryView::cContiguous);
        ops.put("fContiguous", MemoryView::fContiguous);
        ops.put("contiguous", MemoryView::contiguous);
        ops.put("length", MemoryView::length);
        ops.put("get(i)", v -> v.get(0L));
        ops.put("get(i, j)", v -> v.get(0, 0));
        ops.put("get(i) of 2-D", v -> v.get(new long[] {0}));
        ops.put("set(i, j)", v -> v.set(new long[] {0, 0}, 1L));
        ops.put("getLong(i, j)", v -> v.getLong(0, 0));
        ops.put("getLong(i, j, k)", v -> v.getLong(0, 0, 0));
        ops.put("getDouble(i, j)", v -> v.getDouble(0, 0));
        ops.put("getDouble(i, j, k)", v -> v.getDouble(0, 0, 0));
        ops.put("setLong(i, j)", v -> v.setLong(0, 0, 1));
        ops.put("setDouble(i, j)", v -> v.setDouble(0, 0, 1.0));
        ops.put("slice", v -> v.slice(0, 1, 1));
        ops.put("select(String)", v -> v.select("0"));
        ops.put("select(Object...)", v -> v.select(0L));
        ops.put("cast", v -> v.cast("B"));
        ops.put("toReadOnly", MemoryView::toReadOnly);
        ops.put("transpose", MemoryView::transpose);
        ops.put("permute", v -> v.permute(1, 0));
        ops.put("toBytes", MemoryView::toBytes);
        ops.put("toBytes('F')", v -> v.toBytes('F'));
        ops.put("hex()", MemoryView::hex);
        ops.put("hex(sep)", v -> v.hex(":"));
        ops.put("hex(sep, n)", v -> v.hex(":", 2));
        ops.put("toList", MemoryView::toList);
        ops.put("count", v -> v.count(1L));
        ops.put("index", v -> v.index(1L));
        ops.put("iterator", MemoryView::iterator);
        ops.put("longs", MemoryView::longs);
        ops.put("doubles", MemoryView::doubles);
        ops.put("copyFrom", v -> v.copyFrom(new byte[6]));
        ops.put("copyTo", v -> v.copyTo(MemoryView.of(new byte[6])));
        ops.put("asSegment", MemoryView::asSegment);
        ops.put("asByteBuffer", MemoryView::asByteBuffer);
        ops.put("writeTo", v -> v.writeTo(Channels.newChannel(new ByteArrayOutputStream())));
        ops.put("readFrom", v -> v.readFrom(Channels.newChannel(new java.io.ByteArrayInputStream(new byte[6]))));
        ops.put("getBuffer", v -> v.getBuffer(BufferFlags.FULL_RO));
        ops.put("MemoryView.of(view)", MemoryView::of);
        ops.put("fromFlags(view)", v -> MemoryView.fromFlags(v, BufferFlags.SIMPLE));
        ops.forEach((name, op) -> {
            for (int dims = 1; dims <= 2; dims++) {
                MemoryView v = dims == 1 ? released1d() : released2d();
                assertThatThrownBy(() -> op.run(v)).as("%s on a released %d-D view", name, dims)
                        .isExactlyInstanceOf(IllegalStateException.class)
                        .hasMessage("operation forbidden on released memoryview object");
            }
        });
        // 1-D forms of the accessors
        MemoryView v = released1d();
        for (Op op : List.<Op>of(w -> w.get(0L), w -> w.set(0, 1L), w -> w.getLong(0), w -> w.getDouble(0),
                w -> w.setLong(0, 1), w -> w.setDouble(0, 1.0), w -> w.setSlice(0, 1, 1, new byte[1]),
                w -> w.getLong(new long[] {0}), w -> w.setLong(new long[] {0}, 1))) {
            assertThatThrownBy(() -> op.run(v)).isExactlyInstanceOf(IllegalStateException.class)
                    .hasMessage("operation forbidden on released memoryview object");
        }
    }

    @Test
    void releasedViewsEqualOnlyThemselvesAndShowReleasedInTheirName() {
        MemoryView a = MemoryView.of(new byte[] {1, 2});
        MemoryView b = MemoryView.of(new byte[] {1, 2});
        assertThat(a).isEqualTo(b);
        assertThat(a.toString()).startsWith("<memory at 0x");
        b.release();
        assertThat(a.equals(b)).isFalse();
        assertThat(b.equals(a)).isFalse();
        assertThat(b.equals(b)).isTrue();
        assertThat(b.toString()).startsWith("<released memory at 0x");
        assertThat(b.hashCode()).isEqualTo(System.identityHashCode(b));
    }

    @Test
    void releaseWithExportsOutstandingIsRefusedCountingThem() {
        MemoryView v = MemoryView.of(new byte[] {1, 2, 3});
        Buffer one = v.getBuffer(BufferFlags.SIMPLE);
        assertThatThrownBy(v::release).isExactlyInstanceOf(BufferError.class)
                .hasMessage("memoryview has 1 exported buffer");
        Buffer two = v.getBuffer(BufferFlags.SIMPLE);
        assertThatThrownBy(v::release).isExactlyInstanceOf(BufferError.class)
                .hasMessage("memoryview has 2 exported buffers");
        assertThat(v.get(0L)).as("still usable").isEqualTo(1L);
        v.releaseBuffer(one);
        assertThatThrownBy(v::release).hasMessage("memoryview has 1 exported buffer");
        v.releaseBuffer(two);
        assertThatThrownBy(() -> v.releaseBuffer(two)).isExactlyInstanceOf(IllegalStateException.class)
                .hasMessage("releaseBuffer without a matching getBuffer");
        v.release();
        v.release(); // a second release does nothing, as in CPython
        assertThatThrownBy(v::nbytes).isExactlyInstanceOf(IllegalStateException.class);
    }

    /** An exporter that counts its getBuffer and releaseBuffer calls. */
    private static final class Counting implements BufferExporter {
        final MemorySegment memory = MemorySegment.ofArray(new byte[8]);
        final List<Buffer> handedOut = new ArrayList<>();
        int released;

        @Override
        public Buffer getBuffer(int flags) {
            Buffer b = Buffer.builder(memory).build().forRequest(flags);
            handedOut.add(b);
            return b;
        }

        @Override
        public void releaseBuffer(Buffer buffer) {
            assertThat(handedOut).contains(buffer);
            released++;
        }
    }

    @Test
    void theExporterIsReleasedOnceWhenTheLastDerivedViewGoes() {
        Counting e = new Counting();
        MemoryView v = MemoryView.of(e);
        MemoryView s = v.slice(1, 5, 2);
        MemoryView c = v.cast("b");
        MemoryView r = v.toReadOnly();
        MemoryView t = v.select("1:3");
        MemoryView same = MemoryView.of(v);
        v.release();
        for (MemoryView w : List.of(s, c, r, t)) {
            assertThat(e.released).isZero();
            w.release();
        }
        assertThat(e.released).isZero();
        same.release();
        assertThat(e.released).isEqualTo(1);
        same.release();
        assertThat(e.released).isEqualTo(1);
        assertThat(e.handedOut).hasSize(1);
    }

    @Test
    void derivingFromAViewWhoseBufferIsGoneIsRefused() {
        Counting e = new Counting();
        MemoryView v = MemoryView.of(e);
        v.release();
        assertThatThrownBy(() -> MemoryView.of(v)).isExactlyInstanceOf(IllegalStateException.class);
        assertThat(e.released).isEqualTo(1);
    }
}
