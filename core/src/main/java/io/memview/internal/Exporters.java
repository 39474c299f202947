package io.memview.internal;

import io.memview.Buffer;
import io.memview.BufferExporter;
import io.memview.Bytes;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;

/**
 * The buffer protocol for Java's own memory types: the exporters that {@code MemoryView.of(Object)} and every other
 * consumer use for {@code byte[]}, the primitive arrays, {@link ByteBuffer} and {@link MemorySegment}, and
 * {@code PyObject_GetBuffer} over any object.
 */
public final class Exporters {
    private Exporters() {}

    /**
     * The exporter of {@code obj}: itself when it is a {@link BufferExporter}, an adapter for Java memory types,
     * or {@code null} when {@code obj} has no buffer.
     */
    public static BufferExporter of(Object obj) {
        return obj instanceof BufferExporter e ? e : javaMemory(obj, Adapter::new);
    }

    /** What {@link #javaMemory} hands over: the owner, its memory and the format of its items. */
    @FunctionalInterface
    public interface JavaMemory<R> {
        R of(Object owner, MemorySegment memory, char format);
    }

    /**
     * Java memory and the format of its items (the one table of them): {@code make} applied to the array, buffer or
     * segment, or {@code null} for any other object.
     */
    public static <R> R javaMemory(Object obj, JavaMemory<R> make) {
        return switch (obj) {
            case byte[] a -> make.of(a, MemorySegment.ofArray(a), 'B');
            case short[] a -> make.of(a, MemorySegment.ofArray(a), 'h');
            case int[] a -> make.of(a, MemorySegment.ofArray(a), 'i');
            case long[] a -> make.of(a, MemorySegment.ofArray(a), 'q');
            case float[] a -> make.of(a, MemorySegment.ofArray(a), 'f');
            case double[] a -> make.of(a, MemorySegment.ofArray(a), 'd');
            case char[] a -> make.of(a, MemorySegment.ofArray(a), 'H');
            case ByteBuffer b -> make.of(b, MemorySegment.ofBuffer(b), 'B');
            case MemorySegment m -> make.of(m, m, 'B');
            case null, default -> null;
        };
    }

    /**
     * {@code PyObject_GetBuffer(obj, flags)}: the buffer of {@code obj}.
     *
     * @throws IllegalArgumentException {@code a bytes-like object is required, not 'T'} for objects without one
     * @throws io.memview.BufferError   when the exporter refuses the request
     */
    public static Buffer acquire(Object obj, int flags) {
        BufferExporter e = of(obj);
        if (e == null) {
            throw new IllegalArgumentException("a bytes-like object is required, not '" + PyTypes.name(obj) + "'");
        }
        return e.getBuffer(flags);
    }

    /** {@code PyBuffer_Release}: hands {@code buffer}, acquired from {@code obj}, back to its exporter. */
    public static void release(Object obj, Buffer buffer) {
        if (obj instanceof BufferExporter e) {
            e.releaseBuffer(buffer);
        }
    }

    /**
     * The bytes of {@code obj} as one segment without going through {@link Buffer}s, for objects whose memory is
     * always one contiguous run that needs no export accounting; {@code null} for everything else.
     */
    public static MemorySegment directSegment(Object obj) {
        return switch (obj) {
            case byte[] a -> MemorySegment.ofArray(a);
            case MemorySegment s -> s;
            case ByteBuffer b -> MemorySegment.ofBuffer(b);
            case Bytes b -> MemorySegment.ofArray(Access.bytes().array(b)).asReadOnly();
            case null, default -> null;
        };
    }

    /** An exporter over memory that never moves or resizes: a Java array, a ByteBuffer or a MemorySegment. */
    private record Adapter(Object owner, MemorySegment memory, char format) implements BufferExporter {
        @Override
        public Buffer getBuffer(int flags) {
            return Buffer.builder(memory).format(String.valueOf(format)).obj(owner).build().forRequest(flags);
        }
    }
}
