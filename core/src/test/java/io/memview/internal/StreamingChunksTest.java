package io.memview.internal;

import io.memview.internal.RandomLayouts.Kind;
import io.memview.internal.RandomLayouts.Plan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link Streaming}: a layout's items go to a channel in C order, and come back from one into the same places, through
 * any number of staging chunks (1 MiB), whatever the layout, with channels that move only a few bytes per call. A
 * channel that ends early fills the whole items it delivered and nothing else. Expected bytes come from the reference
 * model of {@link RandomLayouts}.
 */
class StreamingChunksTest {

    private static final int[] ITEMSIZES = {1, 2, 3, 4, 8};

    static LongStream seeds() {
        return LongStream.range(0, 120);
    }

    private static RandomGenerator rng(long seed) {
        return RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
    }

    /** A channel that accepts at most {@code most} bytes per write. */
    private static final class Sink implements WritableByteChannel {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final java.util.List<Integer> offered = new java.util.ArrayList<>();
        final int most;

        Sink(int most) {
            this.most = most;
        }

        @Override
        public int write(ByteBuffer src) {
            offered.add(src.remaining());
            int n = Math.min(most, src.remaining());
            byte[] b = new byte[n];
            src.get(b);
            out.write(b, 0, n);
            return n;
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {}
    }

    /** A channel over {@code data} that delivers at most {@code most} bytes per read, then -1. */
    private static final class Source implements ReadableByteChannel {
        final byte[] data;
        final int most;
        int pos;

        Source(byte[] data, int most) {
            this.data = data;
            this.most = most;
        }

        @Override
        public int read(ByteBuffer dst) {
            if (pos == data.length) {
                return -1;
            }
            int n = Math.min(Math.min(most, dst.remaining()), data.length - pos);
            dst.put(data, pos, n);
            pos += n;
            return n;
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {}
    }

    private static byte[] itemsInCOrder(byte[] mem, Layout l) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (long[] idx : RandomLayouts.indices(l.shape())) {
            out.write(mem, (int) RandomLayouts.address(mem, l, idx), l.itemsize());
        }
        return out.toByteArray();
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void writeThenReadRoundTripsInCOrder(long seed) throws IOException {
        RandomGenerator r = rng(seed);
        long[] shape = RandomLayouts.randomShape(r, 4, 4, true);
        int isz = ITEMSIZES[r.nextInt(ITEMSIZES.length)];
        Kind kind = Kind.values()[r.nextInt(Kind.values().length)];
        Plan p = RandomLayouts.plan(r, shape, isz, kind, false);
        byte[] mem = RandomLayouts.randomBytes(r, (int) p.size() + 8);
        Layout l = p.place(mem, MemorySegment.ofArray(mem), r.nextInt(8));
        byte[] want = itemsInCOrder(mem, l);
        Sink sink = new Sink(1 + r.nextInt(7));
        assertThat(Streaming.writeTo(l, kind == Kind.C, sink)).as("seed %d", seed).isEqualTo(want.length);
        assertThat(sink.out.toByteArray()).as("seed %d: %s", seed, kind).isEqualTo(want);

        // read other bytes back into the same places
        byte[] fresh = RandomLayouts.randomBytes(r, want.length);
        byte[] expected = mem.clone();
        List<long[]> all = RandomLayouts.indices(l.shape());
        for (int k = 0; k < all.size(); k++) {
            System.arraycopy(fresh, k * isz, expected, (int) RandomLayouts.address(mem, l, all.get(k)), isz);
        }
        assertThat(Streaming.readFrom(l, new Source(fresh, 1 + r.nextInt(7)))).as("seed %d", seed)
                .isEqualTo(want.length);
        assertThat(mem).as("seed %d: read back %s", seed, kind).isEqualTo(expected);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void aChannelThatEndsEarlyFillsOnlyTheWholeItemsItDelivered(long seed) throws IOException {
        RandomGenerator r = rng(seed);
        long[] shape = RandomLayouts.randomShape(r, 3, 4, false);
        int isz = ITEMSIZES[r.nextInt(ITEMSIZES.length)];
        Kind kind = Kind.values()[r.nextInt(Kind.values().length)];
        Plan p = RandomLayouts.plan(r, shape, isz, kind, false);
        byte[] mem = RandomLayouts.randomBytes(r, (int) p.size() + 8);
        Layout l = p.place(mem, MemorySegment.ofArray(mem), r.nextInt(8));
        long n = l.nbytes();
        int delivered = r.nextInt((int) n);
        byte[] data = RandomLayouts.randomBytes(r, delivered);
        byte[] expected = mem.clone();
        List<long[]> all = RandomLayouts.indices(l.shape());
        for (int k = 0; k < delivered / isz; k++) {
            System.arraycopy(data, k * isz, expected, (int) RandomLayouts.address(mem, l, all.get(k)), isz);
        }
        assertThat(Streaming.readFrom(l, new Source(data, 1 + r.nextInt(5)))).as("seed %d", seed)
                .isEqualTo(delivered);
        assertThat(mem).as("seed %d: %d of %d bytes, items of %d", seed, delivered, n, isz).isEqualTo(expected);
    }

    @Test
    void largeContiguousArraysGoOutInChunks() throws IOException {
        byte[] mem = RandomLayouts.randomBytes(rng(1), (3 << 20) + 5);
        Layout l = Layout.cContiguous(MemorySegment.ofArray(mem), 2, new long[] {mem.length - 4}, 1);
        Sink sink = new Sink(Integer.MAX_VALUE);
        assertThat(Streaming.writeTo(l, true, sink)).isEqualTo(mem.length - 4);
        assertThat(sink.out.toByteArray()).isEqualTo(java.util.Arrays.copyOfRange(mem, 2, mem.length - 2));
    }

    @Test
    void nativeMemoryGoesOutInOneBufferAndHeapMemoryInOneMebibyteChunks() throws IOException {
        int n = (3 << 20) + 7;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment seg = arena.allocate(n);
            Sink sink = new Sink(Integer.MAX_VALUE);
            assertThat(Streaming.writeTo(Layout.cContiguous(seg, 0, new long[] {n}, 1), true, sink)).isEqualTo(n);
            assertThat(sink.offered).containsExactly(n);
        }
        Sink sink = new Sink(Integer.MAX_VALUE);
        byte[] heap = new byte[n];
        assertThat(Streaming.writeTo(Layout.cContiguous(MemorySegment.ofArray(heap), 0, new long[] {n}, 1), true, sink))
                .isEqualTo(n);
        assertThat(sink.offered).containsExactly(1 << 20, 1 << 20, 1 << 20, 7);
        // a non-contiguous layout is staged a whole number of rows at a time, at most 1 MiB: 3 * 2**19 + 4 items of
        // 2 bytes, every other one, go out 2**19 items (1 MiB) at a time, then the last 4 (8 bytes)
        byte[] wide = new byte[4 * ((3 << 19) + 4)];
        Sink staged = new Sink(Integer.MAX_VALUE);
        Layout strided = new Layout(MemorySegment.ofArray(wide), 0, new long[] {(3 << 19) + 4}, new long[] {4}, null,
                2);
        assertThat(Streaming.writeTo(strided, false, staged)).isEqualTo(2L * ((3 << 19) + 4));
        assertThat(staged.offered).containsExactly(1 << 20, 1 << 20, 1 << 20, 8);
    }

    @Test
    void nativeAndNonByteHeapMemoryStreamAsBytes() throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment seg = arena.allocate(24);
            for (int i = 0; i < 24; i++) {
                seg.set(ValueLayout.JAVA_BYTE, i, (byte) (i * 3));
            }
            Layout l = Layout.cContiguous(seg, 4, new long[] {2, 4}, 2);
            Sink sink = new Sink(5);
            assertThat(Streaming.writeTo(l, true, sink)).isEqualTo(16);
            byte[] want = new byte[16];
            for (int i = 0; i < 16; i++) {
                want[i] = (byte) ((i + 4) * 3);
            }
            assertThat(sink.out.toByteArray()).isEqualTo(want);
        }
        // a short[] has no ByteBuffer view: its bytes are staged
        short[] s = {0x0102, 0x0304, 0x0506};
        Layout l = Layout.cContiguous(MemorySegment.ofArray(s), 2, new long[] {2}, 2);
        Sink sink = new Sink(1);
        assertThat(Streaming.writeTo(l, true, sink)).isEqualTo(4);
        MemorySegment out = MemorySegment.ofArray(sink.out.toByteArray());
        assertThat(out.get(ValueLayout.JAVA_SHORT_UNALIGNED, 0)).isEqualTo((short) 0x0304);
        assertThat(out.get(ValueLayout.JAVA_SHORT_UNALIGNED, 2)).isEqualTo((short) 0x0506);
    }

    @Test
    void rowsLargerThanTheStagingBufferStreamRowByRow() throws IOException {
        // (2, 700000) of 2-byte items, rows reversed and every item reversed within its row: 1.4 MB per row
        int cols = 700_000;
        byte[] mem = RandomLayouts.randomBytes(rng(2), 2 * 2 * cols);
        long rowBytes = 2L * cols;
        Layout l = new Layout(MemorySegment.ofArray(mem), mem.length - 2, new long[] {2, cols},
                new long[] {-rowBytes, -2}, null, 2);
        byte[] want = new byte[mem.length];
        for (int k = 0; k < 2 * cols; k++) {
            int from = mem.length - 2 - 2 * k;
            want[2 * k] = mem[from];
            want[2 * k + 1] = mem[from + 1];
        }
        Sink sink = new Sink(Integer.MAX_VALUE);
        assertThat(Streaming.writeTo(l, false, sink)).isEqualTo(mem.length);
        assertThat(sink.out.toByteArray()).isEqualTo(want);
        // and back: reading `want` restores the original order; a short channel stops inside the second row
        byte[] orig = mem.clone();
        java.util.Arrays.fill(mem, (byte) 0);
        assertThat(Streaming.readFrom(l, new Source(want, 1 << 16))).isEqualTo(mem.length);
        assertThat(mem).isEqualTo(orig);
        java.util.Arrays.fill(mem, (byte) 0);
        int delivered = (int) rowBytes + 1001; // 500 whole items of row 1, and one byte
        assertThat(Streaming.readFrom(l, new Source(java.util.Arrays.copyOf(want, delivered), 1 << 20)))
                .isEqualTo(delivered);
        byte[] expected = new byte[mem.length];
        for (int k = 0; k < delivered / 2; k++) {
            int to = mem.length - 2 - 2 * k;
            expected[to] = want[2 * k];
            expected[to + 1] = want[2 * k + 1];
        }
        assertThat(mem).isEqualTo(expected);
    }

    @Test
    void zeroDimensionalAndEmptyLayouts() throws IOException {
        byte[] mem = {1, 2, 3, 4};
        Layout scalar = new Layout(MemorySegment.ofArray(mem), 1, new long[0], new long[0], null, 2);
        Sink sink = new Sink(1);
        assertThat(Streaming.writeTo(scalar, false, sink)).isEqualTo(2);
        assertThat(sink.out.toByteArray()).containsExactly(2, 3);
        assertThat(Streaming.readFrom(scalar, new Source(new byte[] {9, 8, 7}, 1))).isEqualTo(2);
        assertThat(mem).containsExactly(1, 9, 8, 4);
        Layout empty = new Layout(MemorySegment.ofArray(mem), 0, new long[] {0, 3}, new long[] {3, 1}, null, 1);
        assertThat(Streaming.writeTo(empty, false, new Sink(1))).isZero();
        assertThat(Streaming.readFrom(empty, new Source(new byte[] {5}, 1))).isZero();
        assertThat(mem).containsExactly(1, 9, 8, 4);
    }
}
