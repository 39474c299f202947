package io.memview;

/**
 * An object that exposes its memory through the buffer protocol: Python's {@code __buffer__} and
 * {@code __release_buffer__} (PEP 688), the {@code bf_getbuffer}/{@code bf_releasebuffer} slots of PEP 3118.
 *
 * <p>Every successful {@link #getBuffer(int)} is paired with exactly one {@link #releaseBuffer(Buffer)} of the
 * returned buffer. While any buffer is out, an exporter that can change its size refuses to (see {@link ByteArray}).
 * {@link MemoryView} asks once per {@link MemoryView#of(Object)} and releases when its last view is released.
 *
 * <h2 id="consumer">Consuming a buffer</h2>
 * Ask with the {@link BufferFlags} that say what you can handle, and hand the buffer back when done:
 * {@snippet :
 * BufferExporter e = ByteArray.of("abc", StandardCharsets.US_ASCII);
 * Buffer b = e.getBuffer(BufferFlags.CONTIG);    // writable, C-contiguous, with a shape
 * try {
 *     b.memory().set(ValueLayout.JAVA_BYTE, b.offset(), (byte) 'A');
 * } finally {
 *     e.releaseBuffer(b);                        // exactly once
 * }
 * }
 * Most code never calls these methods: {@link MemoryView#of(Object)} does, and {@link MemoryView#release()} (or the
 * garbage collector, for a view that becomes unreachable) hands the buffer back.
 *
 * <h2 id="exporter">Writing an exporter</h2>
 * An exporter builds its answer with {@link Buffer#builder(java.lang.foreign.MemorySegment)} and lets
 * {@link Buffer#forRequest(int)} check the request and reduce the answer to what was asked:
 * {@snippet :
 * record Pixels(MemorySegment rgb, long width, long height) implements BufferExporter {
 *     public Buffer getBuffer(int flags) {
 *         return Buffer.builder(rgb)
 *                 .format("3B")
 *                 .shape(height, width)
 *                 .obj(this)
 *                 .build()
 *                 .forRequest(flags);
 *     }
 * }
 * }
 * An exporter whose memory can move (it resizes, or frees its memory) counts its exports and refuses to move while
 * any is out, as {@link ByteArray} does:
 * {@snippet :
 * final class Growable implements BufferExporter {
 *     private MemorySegment memory = MemorySegment.ofArray(new byte[16]);
 *     private int exports;
 *
 *     public synchronized Buffer getBuffer(int flags) {
 *         Buffer b = Buffer.builder(memory).obj(this).build().forRequest(flags);  // may throw: count after
 *         exports++;
 *         return b;
 *     }
 *
 *     public synchronized void releaseBuffer(Buffer buffer) {
 *         exports--;
 *     }
 *
 *     public synchronized void grow(long size) {
 *         if (exports > 0) {
 *             throw new BufferError("Existing exports of data: object cannot be re-sized");
 *         }
 *         memory = MemorySegment.ofArray(java.util.Arrays.copyOf(memory.toArray(ValueLayout.JAVA_BYTE),
 *                 Math.toIntExact(size)));
 *     }
 * }
 * }
 *
 * <h2 id="threads">Thread safety</h2>
 * Implementations must be thread-safe: {@link #getBuffer(int)} and {@link #releaseBuffer(Buffer)} may be called from
 * any thread, concurrently, and {@code releaseBuffer} may run on another thread than the matching
 * {@code getBuffer} — the one that releases the last view of a buffer, or a {@link java.lang.ref.Cleaner} thread
 * when the last view became unreachable without being released. {@code releaseBuffer} should not throw: there may be
 * no caller to see the exception. All exporters in this package ({@link Bytes}, {@link ByteArray},
 * {@link TypedArray}, {@link MemoryView} and the adapters for Java memory) are thread-safe.
 */
public interface BufferExporter {

    /**
     * Exports this object's memory as {@code flags} ({@link BufferFlags}) ask.
     *
     * @throws BufferError when the request cannot be honoured
     */
    Buffer getBuffer(int flags);

    /** Ends the export of {@code buffer}, which {@link #getBuffer(int)} returned. Called exactly once per buffer. */
    default void releaseBuffer(Buffer buffer) {}
}
