package io.memview;

/**
 * An object that exposes its memory through the buffer protocol: Python's {@code __buffer__} and
 * {@code __release_buffer__} (PEP 688), the {@code bf_getbuffer}/{@code bf_releasebuffer} slots of PEP 3118.
 *
 * <p>Every successful {@link #getBuffer(int)} is paired with exactly one {@link #releaseBuffer(Buffer)} of the
 * returned buffer. While any buffer is out, an exporter that can change its size refuses to (see {@link ByteArray}).
 * {@link MemoryView} asks once per {@link MemoryView#of(Object)} and releases when its last view is released.
 *
 * <p>An exporter builds its answer with {@link Buffer#builder(java.lang.foreign.MemorySegment)} and lets
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
