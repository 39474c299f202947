package io.memview.internal;

import io.memview.Slice;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

/**
 * Streams a layout's items, in C order, to and from channels through a staging buffer of at most 1 MiB: any layout,
 * any size, never a copy of the whole view. Contiguous memory that a {@link ByteBuffer} can view goes to the channel
 * directly; everything else is gathered (or scattered) by the one copy routine, {@link Copier}, a run of whole rows
 * of dimension 0 at a time.
 */
public final class Streaming {
    private Streaming() {}

    private static final long CHUNK = 1 << 20;

    /** Moves one staging chunk of {@code len} bytes; answers how many bytes it moved. */
    @FunctionalInterface
    private interface ChunkAction {
        long apply(MemorySegment staging, long len) throws IOException;
    }

    /** Writes the items of {@code l} in C order to {@code channel}; {@code cContiguous} when they are one run. */
    public static long writeTo(Layout l, boolean cContiguous, WritableByteChannel channel) throws IOException {
        long n = l.nbytes();
        MemorySegment memory = l.memory();
        // A heap segment over short[], int[], ... has no ByteBuffer view: those stream through the staging buffer.
        if (cContiguous && (memory.isNative() || memory.heapBase().orElse(null) instanceof byte[])) {
            // Native memory goes to the channel in one ByteBuffer (up to 1 GiB at a time): one system call. Heap
            // memory in 1 MiB chunks, because channels copy heap buffers into a temporary direct buffer that size.
            long most = memory.isNative() ? 1L << 30 : CHUNK;
            for (long done = 0; done < n; ) {
                long chunk = Math.min(n - done, most);
                ByteBuffer bb = memory.asSlice(l.offset() + done, chunk).asByteBuffer();
                while (bb.hasRemaining()) {
                    channel.write(bb);
                }
                done += chunk;
            }
            return n;
        }
        stream(l, (staging, len) -> {
            ByteBuffer bb = staging.asSlice(0, len).asByteBuffer();
            while (bb.hasRemaining()) {
                channel.write(bb);
            }
            return len;
        }, false);
        return n;
    }

    /**
     * Fills the items of {@code l}, in C order, from {@code channel}. When the channel ends early, the items it filled
     * completely are stored and the rest are left as they were.
     *
     * @return the number of bytes read
     */
    public static long readFrom(Layout l, ReadableByteChannel channel) throws IOException {
        long[] total = {0};
        stream(l, (staging, len) -> {
            ByteBuffer bb = staging.asSlice(0, len).asByteBuffer();
            while (bb.hasRemaining() && channel.read(bb) >= 0) {
                // keep reading until full or at the end
            }
            total[0] += bb.position();
            return bb.position();
        }, true);
        return total[0];
    }

    /**
     * Streams {@code l} through a staging buffer in C order, a run of whole rows of dimension 0 at a time (a row
     * larger than the buffer is streamed row by row of its own sub-layout). Reading ({@code fill == false}) copies
     * each run into the buffer before the action; filling copies it back after, and stops at the first short chunk,
     * keeping only whole items of it.
     *
     * @return whether every chunk was complete
     */
    private static boolean stream(Layout l, ChunkAction action, boolean fill) throws IOException {
        long n = l.nbytes();
        if (n == 0) {
            return true;
        }
        long[] shape = l.shape();
        int itemsize = l.itemsize();
        if (shape.length > 1 && n / shape[0] > CHUNK) {
            for (long i = 0; i < shape[0]; i++) {
                if (!stream(Selection.select(l, new Object[] {i}), action, fill)) {
                    return false;
                }
            }
            return true;
        }
        long rows = shape.length == 0 ? 1 : shape[0];
        long rowBytes = n / rows;
        long perChunk = Math.max(1, CHUNK / rowBytes);
        MemorySegment staging = MemorySegment.ofArray(new byte[(int) Math.min(n, perChunk * rowBytes)]);
        for (long i = 0; i < rows; i += perChunk) {
            long count = Math.min(perChunk, rows - i);
            Layout part = shape.length == 0 ? l : Selection.select(l, new Object[] {Slice.of(i, i + count)});
            Layout tmp = Layout.cContiguous(staging, 0, part.shape(), itemsize);
            long len = count * rowBytes;
            if (!fill) {
                Copier.copy(part, tmp);
            }
            long moved = action.apply(staging, len);
            if (fill) {
                long whole = moved / itemsize;
                if (whole * itemsize == len) {
                    Copier.copy(tmp, part);
                } else {
                    // Short read: store the whole items that arrived, in C order, and stop.
                    long[] idx = new long[part.ndim()];
                    for (long k = 0; k < whole; k++) {
                        MemorySegment.copy(staging, k * itemsize, part.memory(), part.address(idx), itemsize);
                        Odometer.next(idx, part.shape());
                    }
                    return false;
                }
            }
        }
        return true;
    }
}
