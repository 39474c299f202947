package io.memview;

import io.memview.internal.Access;
import io.memview.internal.Exporters;
import io.memview.internal.PyTypes;
import io.memview.internal.Slices;

import java.lang.foreign.MemorySegment;
import java.nio.charset.Charset;
import java.util.Arrays;

/**
 * A mutable, resizable sequence of bytes: Python's {@code bytearray}. It exports its memory writable through the
 * buffer protocol, so views of it write through; and, as in CPython, it refuses to change its size while any buffer
 * is exported, with {@code BufferError: Existing exports of data: object cannot be re-sized}.
 * {@snippet :
 * ByteArray ba = ByteArray.of("ABC", StandardCharsets.UTF_8);
 * try (MemoryView mv = MemoryView.of(ba)) {
 *     mv.set(1, 90);            // 'Z'
 *     // ba.append(0) here would throw BufferError: the view is an export
 * }
 * ba.toString();                // "bytearray(b'AZC')"
 * ba.append('D');               // fine again once the view is released
 * }
 *
 * Every {@link MemoryView#of(Object)} is one export, shared by the slices, casts and other views derived from that
 * view; the bytearray can change its size again once the last of them is released (or has become unreachable), and
 * an operation that changes no size (clearing an empty bytearray, extending by nothing, a same-size
 * {@link #setSlice}) is allowed meanwhile, as in CPython:
 * {@snippet :
 * ByteArray ba = ByteArray.allocate(4);
 * MemoryView mv = MemoryView.of(ba);
 * MemoryView tail = mv.slice(2, 4, 1);
 * mv.release();
 * ba.exports();                           // 1: tail still holds the export
 * ba.setSlice(0, 1, new byte[] {9});      // fine: same size
 * ba.resize(8);                           // BufferError: Existing exports of data: object cannot be re-sized
 * tail.release();
 * ba.resize(8);                           // fine
 * }
 *
 * <p>Thread safety: instances are thread-safe. All methods synchronize on the instance, so exports are counted
 * exactly — also when views are released on other threads, or by the garbage collector's cleaner thread — and a
 * resize never races an export. Reads and writes through exported views are not synchronized with the methods here
 * or with each other, like any shared memory.
 */
public final class ByteArray implements BufferExporter {
    private static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

    private byte[] data;
    private int length;
    private int exports;

    private ByteArray(byte[] data, int length) {
        this.data = data;
        this.length = length;
    }

    /** A bytearray holding a copy of {@code bytes}. */
    public static ByteArray of(byte... bytes) {
        return new ByteArray(bytes.clone(), bytes.length);
    }

    /** {@code text} encoded with {@code charset}: Python's {@code bytearray(text, encoding)}. */
    public static ByteArray of(String text, Charset charset) {
        byte[] b = text.getBytes(charset);
        return new ByteArray(b, b.length);
    }

    /** {@code size} zero bytes: Python's {@code bytearray(size)}. */
    public static ByteArray allocate(long size) {
        return new ByteArray(new byte[checkedSize(size)], (int) size);
    }

    private static int checkedSize(long size) {
        if (size < 0) {
            throw new IllegalArgumentException("negative count");
        }
        if (size > MAX_ARRAY) {
            throw new IllegalArgumentException("bytearray of " + size
                    + " bytes is larger than a Java array can hold (2147483639)");
        }
        return (int) size;
    }

    /** {@return the number of bytes} */
    public synchronized int length() {
        return length;
    }

    /** The byte at {@code index} (negative counts from the end) as 0–255. */
    public synchronized int get(long index) {
        return data[index(index)] & 0xff;
    }

    /**
     * Sets the byte at {@code index} (negative counts from the end) to {@code value}.
     *
     * @throws IllegalArgumentException {@code byte must be in range(0, 256)}
     */
    public synchronized void set(long index, int value) {
        int i = index(index);
        if (value < 0 || value > 255) {
            throw new IllegalArgumentException("byte must be in range(0, 256)");
        }
        data[i] = (byte) value;
    }

    private int index(long index) {
        long i = index < 0 ? index + length : index;
        if (i < 0 || i >= length) {
            throw new IndexOutOfBoundsException("bytearray index out of range");
        }
        return (int) i;
    }

    /** Appends one byte (0–255). */
    public synchronized void append(int value) {
        if (value < 0 || value > 255) {
            throw new IllegalArgumentException("byte must be in range(0, 256)");
        }
        checkResizable();
        ensureCapacity((long) length + 1);
        data[length++] = (byte) value;
    }

    /**
     * Appends the bytes of {@code source}: Python's {@code ba.extend(source)}. A buffer — a {@code byte[]},
     * {@link Bytes}, {@code ByteArray} or any object {@link MemoryView#of(Object)} accepts — must be C-contiguous, as
     * CPython asks for a simple buffer; an {@link Iterable} gives integers 0–255. Nothing is appended when any value
     * is refused.
     *
     * @throws IllegalArgumentException {@code can't set bytearray slice from memoryview} for a non-contiguous buffer,
     *                                  {@code can't extend bytearray with T} for anything else,
     *                                  {@code byte must be in range(0, 256)}
     */
    public void extend(Object source) {
        byte[] b = bytesOf(source, true);
        synchronized (this) {
            if (b.length == 0) {
                return; // no size change: allowed while exported, as in CPython
            }
            checkResizable();
            ensureCapacity((long) length + b.length);
            System.arraycopy(b, 0, data, length, b.length);
            length += b.length;
        }
    }

    /** Changes the length to {@code newSize}, cutting or appending zero bytes. */
    public synchronized void resize(long newSize) {
        int n = checkedSize(newSize);
        if (n == length) {
            return;
        }
        checkResizable();
        ensureCapacity(n);
        if (n > length) {
            Arrays.fill(data, length, n, (byte) 0);
        }
        length = n;
    }

    /** Removes every byte. */
    public synchronized void clear() {
        if (length == 0) {
            return; // no size change: allowed while exported, as in CPython
        }
        checkResizable();
        data = new byte[0];
        length = 0;
    }

    /** A copy of the bytes selected by Python's slice {@code [start:stop:step]}. */
    public synchronized ByteArray slice(long start, long stop, long step) {
        long[] s = Slices.indices(length, start, stop, step);
        byte[] out = new byte[(int) s[3]];
        for (int k = 0; k < out.length; k++) {
            out[k] = data[(int) (s[0] + k * s[2])];
        }
        return new ByteArray(out, out.length);
    }

    /**
     * Python's {@code ba[start:stop] = source}: replaces the bytes in the slice (step 1) with those of
     * {@code source}, growing or shrinking the bytearray when the lengths differ (refused while exported). The source
     * is any buffer, of any layout (its items' bytes in C order), or an {@link Iterable} of integers 0–255.
     *
     * @throws IllegalArgumentException {@code cannot convert 'T' object to bytearray},
     *                                  {@code byte must be in range(0, 256)}
     */
    public void setSlice(long start, long stop, Object source) {
        byte[] b = bytesOf(source, false);
        synchronized (this) {
            long[] s = Slices.indices(length, start, stop, 1);
            int from = (int) s[0];
            int to = Math.max(from, (int) s[1]);
            int newLength = length - (to - from) + b.length;
            if (newLength != length) {
                checkResizable();
                ensureCapacity(newLength);
                System.arraycopy(data, to, data, from + b.length, length - to);
            }
            System.arraycopy(b, 0, data, from, b.length);
            length = newLength;
        }
    }

    /** Python's {@code del ba[start:stop]}. */
    public void deleteSlice(long start, long stop) {
        setSlice(start, stop, new byte[0]);
    }

    /** {@return a new array with the bytes} */
    public synchronized byte[] toByteArray() {
        return Arrays.copyOf(data, length);
    }

    /** {@return the bytes as immutable {@link Bytes}} */
    public synchronized Bytes toBytes() {
        return Access.bytes().wrap(Arrays.copyOf(data, length));
    }

    /** Exports the bytes, writable; counts the export until {@link #releaseBuffer(Buffer)}. */
    @Override
    public synchronized Buffer getBuffer(int flags) {
        Buffer b = Buffer.builder(MemorySegment.ofArray(data).asSlice(0, length)).obj(this).build()
                .forRequest(flags);
        exports++;
        return b;
    }

    @Override
    public synchronized void releaseBuffer(Buffer buffer) {
        if (exports <= 0) {
            throw new IllegalStateException("releaseBuffer without a matching getBuffer");
        }
        exports--;
    }

    /** {@return how many exported buffers are not yet released} */
    public synchronized int exports() {
        return exports;
    }

    private void checkResizable() {
        if (exports > 0) {
            throw new BufferError("Existing exports of data: object cannot be re-sized");
        }
    }

    private void ensureCapacity(long n) {
        if (n > MAX_ARRAY) {
            throw new IllegalArgumentException("bytearray of " + n
                    + " bytes is larger than a Java array can hold (2147483639)");
        }
        if (n > data.length) {
            data = Arrays.copyOf(data, (int) Math.min(MAX_ARRAY, Math.max(n, data.length + (data.length >> 1) + 16)));
        }
    }

    /**
     * The bytes of {@code source} for {@link #extend} ({@code simple}: a buffer must be C-contiguous, as for
     * CPython's {@code PyBUF_SIMPLE} request) or {@link #setSlice} (any buffer, copied in C order).
     */
    private static byte[] bytesOf(Object source, boolean simple) {
        if (source instanceof byte[] a) {
            return a.clone();
        }
        if (source instanceof Bytes b) {
            return Access.bytes().array(b);
        }
        if (source instanceof ByteArray ba) {
            return ba.toByteArray();
        }
        if (Exporters.of(source) != null) {
            try (MemoryView mv = MemoryView.of(source)) {
                if (simple && !mv.cContiguous()) {
                    throw new IllegalArgumentException("can't set bytearray slice from " + PyTypes.name(source));
                }
                return mv.toBytes();
            }
        }
        if (source instanceof Iterable<?> values) {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            for (Object v : values) {
                out.write(byteValue(v));
            }
            return out.toByteArray();
        }
        throw new IllegalArgumentException(simple ? "can't extend bytearray with " + PyTypes.name(source)
                : "cannot convert '" + PyTypes.name(source) + "' object to bytearray");
    }

    /** One integer 0–255 of an iterable source, with CPython's messages. */
    private static int byteValue(Object v) {
        long x = switch (v) {
            case Long l -> l;
            case Integer i -> i;
            case Short h -> h;
            case Byte b -> b;
            case Boolean b -> b ? 1 : 0;
            case java.math.BigInteger b -> b.bitLength() < 63 ? b.longValue() : -1;
            case null, default -> throw new IllegalArgumentException("'" + PyTypes.name(v)
                    + "' object cannot be interpreted as an integer");
        };
        if (x < 0 || x > 255) {
            throw new IllegalArgumentException("byte must be in range(0, 256)");
        }
        return (int) x;
    }

    /** Content equality, like Python's {@code bytearray == bytearray}. */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ByteArray other)) {
            return false;
        }
        byte[] mine = toByteArray();
        return Arrays.equals(mine, other.toByteArray());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(toByteArray());
    }

    /** {@return Python's repr, {@code bytearray(b'...')}} */
    @Override
    public synchronized String toString() {
        return Bytes.repr("bytearray(b", data, 0, length) + ")";
    }
}
