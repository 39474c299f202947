package io.memview.struct;

import io.memview.Buffer;
import io.memview.BufferFlags;
import io.memview.internal.Exporters;
import io.memview.internal.PyTypes;
import io.memview.internal.format.Format;
import io.memview.internal.format.Tuple;
import io.memview.internal.format.Values;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Python's {@code struct} module: packs Java values into bytes and unpacks them, by a format string, exactly as
 * CPython 3.13 does — the same sizes, alignment and padding, the same values and the same error messages.
 * {@snippet :
 * Struct rec = Struct.of("<iif");                  // little-endian int, int, float: 12 bytes
 * byte[] b = rec.pack(1, -2, 2.5);                 // 01 00 00 00 fe ff ff ff 00 00 20 40
 * List<Object> t = rec.unpack(b);                  // [1, -2, 2.5]  (Long, Long, Double)
 * for (Iterator<List<Object>> it = rec.iterUnpack(fileBytes); it.hasNext(); ) {
 *     List<Object> record = it.next();
 * }
 * }
 *
 * <h2 id="values">Values</h2>
 * Unpacked integers are {@code Long} (an unsigned 64-bit value above {@code Long.MAX_VALUE} is a
 * {@code BigInteger}), floats are {@code Double}, {@code ?} gives {@code Boolean}, and {@code c}, {@code s},
 * {@code p} give {@link io.memview.Bytes}. Packing takes any integral {@code Number} or {@code Boolean} for integer
 * codes, any {@code Number} or {@code Boolean} for float codes, any value for {@code ?} (Python's truth value), and
 * {@code Bytes} or {@code byte[]} for {@code c}, {@code s}, {@code p}. Tuples are unmodifiable {@code List}s.
 *
 * <h2 id="buffers">Buffers</h2>
 * The buffer arguments take anything with a buffer: {@code byte[]}, {@link java.nio.ByteBuffer} (position to limit),
 * {@link MemorySegment}, {@link io.memview.Bytes}, {@link io.memview.ByteArray}, a {@link io.memview.MemoryView} or any
 * other {@link io.memview.BufferExporter}; they must be C-contiguous, and writable for {@link #packInto}.
 *
 * <h2 id="errors">Errors</h2>
 * What CPython reports as {@code struct.error} throws {@link StructError} with CPython's message; its
 * {@code OverflowError} ({@code float too large to pack with f format}) throws {@code ArithmeticException}, its
 * {@code TypeError} and {@code ValueError} throw {@code IllegalArgumentException}. One deliberate difference:
 * {@link #packInto} checks every value before it writes, so a failure leaves the buffer untouched (CPython may have
 * written the fields before the bad one).
 *
 * <p>Instances are immutable, cached by {@link #of(String)} and safe to share between threads.
 */
public final class Struct {
    private static final int CACHE_LIMIT = 1024;
    private static final ConcurrentHashMap<String, Struct> CACHE = new ConcurrentHashMap<>();

    private final Format format;
    private final int values;

    private Struct(Format format) {
        this.format = format;
        long n = format.valueCount();
        // A struct with more values than a Java array holds can still be sized and can never be packed or unpacked.
        this.values = n > Integer.MAX_VALUE - 8 ? -1 : (int) n;
    }

    /**
     * The struct for {@code format}, parsed once and cached.
     *
     * @throws StructError              for a bad format, with CPython's message ({@code bad char in struct format},
     *                                  {@code repeat count given without format specifier}, …)
     * @throws IllegalArgumentException for a format with non-ASCII characters
     */
    public static Struct of(String format) {
        Struct s = CACHE.get(format);
        if (s == null) {
            s = new Struct(Format.of(format));
            if (CACHE.size() >= CACHE_LIMIT) {
                CACHE.clear();
            }
            CACHE.put(format, s);
        }
        return s;
    }

    /** {@return {@code struct.calcsize(format)}: the size in bytes of the struct the format describes} */
    public static long calcsize(String format) {
        return Format.of(format).size();
    }

    /**
     * {@return the size in bytes of one packed struct}
     *
     * @throws ArithmeticException when the size exceeds {@code Integer.MAX_VALUE}; {@link #calcsize} gives it as a long
     */
    public int size() {
        long size = format.size();
        if (size > Integer.MAX_VALUE) {
            throw new ArithmeticException("struct size " + size + " does not fit in an int; use Struct.calcsize");
        }
        return (int) size;
    }

    /** {@return the format string} */
    public String format() {
        return format.text();
    }

    /**
     * {@code struct.pack}: the values packed into a new array.
     *
     * @throws StructError when the number of values or a value does not fit the format
     */
    public byte[] pack(Object... values) {
        checkCount("pack", values.length);
        long size = format.size();
        if (size > Integer.MAX_VALUE - 8) {
            throw new StructError("struct size " + size + " is larger than a Java array can hold");
        }
        byte[] out = new byte[(int) size];
        format.pack(MemorySegment.ofArray(out), 0, values, 0, Values.Style.STRUCT);
        return out;
    }

    /**
     * {@code struct.pack_into}: packs the values into the writable {@code buffer} at {@code offset} (negative counts
     * from the end). Every value is checked before anything is written.
     *
     * @throws IllegalArgumentException {@code argument must be read-write bytes-like object, not bytes}
     * @throws StructError              for a bad offset, count or value
     */
    public void packInto(Object buffer, long offset, Object... values) {
        checkCount("pack_into", values.length);
        MemorySegment direct = Exporters.directSegment(buffer);
        if (direct != null && !direct.isReadOnly()) {
            packInto(direct, offset, values);
            return;
        }
        Buffer b;
        try {
            b = Exporters.acquire(buffer, BufferFlags.WRITABLE);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new IllegalArgumentException("argument must be read-write bytes-like object, not '"
                    .replace("'", "") + PyTypes.name(buffer), e);
        }
        try {
            packInto(b.memory().asSlice(b.offset(), b.len()), offset, values);
        } finally {
            Exporters.release(buffer, b);
        }
    }

    private void packInto(MemorySegment m, long offset, Object[] values) {
        long size = format.size();
        long len = m.byteSize();
        if (offset < 0) {
            if (offset + size > 0) {
                throw new StructError("no space to pack " + size + " bytes at offset " + offset);
            }
            if (offset + len < 0) {
                throw new StructError("offset " + offset + " out of range for " + len + "-byte buffer");
            }
            offset += len;
        }
        if (len - offset < size) {
            throw new StructError("pack_into requires a buffer of at least " + (size + offset) + " bytes for packing "
                    + size + " bytes at offset " + offset + " (actual buffer size is " + len + ")");
        }
        byte[] scratch = pack(values);
        try {
            MemorySegment.copy(scratch, 0, m, ValueLayout.JAVA_BYTE, offset, scratch.length);
        } catch (InternalError e) {
            throw inaccessible(e);
        }
    }

    /** A mapped file truncated under its mapping faults with {@code InternalError}; report it as memory gone. */
    private static IllegalStateException inaccessible(InternalError e) {
        return new IllegalStateException("struct: the memory is no longer accessible (was the mapped file truncated "
                + "by another process?): " + e.getMessage(), e);
    }

    /**
     * {@code struct.unpack}: the values of {@code buffer}, which must hold exactly {@link #size()} bytes.
     *
     * @throws StructError {@code unpack requires a buffer of N bytes}
     */
    public List<Object> unpack(Object buffer) {
        MemorySegment direct = Exporters.directSegment(buffer);
        if (direct != null) {
            return unpack(direct);
        }
        Buffer b = Exporters.acquire(buffer, BufferFlags.SIMPLE);
        try {
            return unpack(b.memory().asSlice(b.offset(), b.len()));
        } finally {
            Exporters.release(buffer, b);
        }
    }

    private List<Object> unpack(MemorySegment m) {
        if (m.byteSize() != format.size()) {
            throw new StructError("unpack requires a buffer of " + format.size() + " bytes");
        }
        return read(m, 0);
    }

    /** {@code struct.unpack_from(buffer)}: the values of the struct at the start of {@code buffer}. */
    public List<Object> unpackFrom(Object buffer) {
        return unpackFrom(buffer, 0);
    }

    /**
     * {@code struct.unpack_from(buffer, offset)}: the values of the struct at {@code offset} (negative counts from
     * the end) of {@code buffer}, which may be longer.
     *
     * @throws StructError for an offset that leaves too few bytes, with CPython's message
     */
    public List<Object> unpackFrom(Object buffer, long offset) {
        MemorySegment direct = Exporters.directSegment(buffer);
        if (direct != null) {
            return unpackFrom(direct, offset);
        }
        Buffer b = Exporters.acquire(buffer, BufferFlags.SIMPLE);
        try {
            return unpackFrom(b.memory().asSlice(b.offset(), b.len()), offset);
        } finally {
            Exporters.release(buffer, b);
        }
    }

    private List<Object> unpackFrom(MemorySegment m, long offset) {
        long size = format.size();
        long len = m.byteSize();
        if (offset < 0) {
            if (offset + size > 0) {
                throw new StructError("not enough data to unpack " + size + " bytes at offset " + offset);
            }
            if (offset + len < 0) {
                throw new StructError("offset " + offset + " out of range for " + len + "-byte buffer");
            }
            offset += len;
        }
        if (len - offset < size) {
            throw new StructError("unpack_from requires a buffer of at least " + (size + offset)
                    + " bytes for unpacking " + size + " bytes at offset " + offset + " (actual buffer size is "
                    + len + ")");
        }
        return read(m, offset);
    }

    private List<Object> read(MemorySegment m, long offset) {
        if (values < 0) {
            throw new StructError("cannot unpack " + format.valueCount() + " values: a Java list holds at most "
                    + (Integer.MAX_VALUE - 8));
        }
        Object[] out = new Object[values];
        try {
            format.unpack(m, offset, out, 0);
        } catch (InternalError e) {
            throw inaccessible(e);
        }
        return new Tuple(out);
    }

    /**
     * {@code struct.iter_unpack}: a lazy iterator over the consecutive structs that fill {@code buffer}. Each
     * {@code next()} unpacks one struct; the buffer is held until the iterator is exhausted.
     *
     * @throws StructError for a zero-size struct or a buffer that is not a whole number of structs
     */
    public Iterator<List<Object>> iterUnpack(Object buffer) {
        long size = format.size();
        if (size == 0) {
            throw new StructError("cannot iteratively unpack with a struct of length 0");
        }
        MemorySegment direct = Exporters.directSegment(buffer);
        Buffer b = direct == null ? Exporters.acquire(buffer, BufferFlags.SIMPLE) : null;
        MemorySegment m = direct != null ? direct : b.memory().asSlice(b.offset(), b.len());
        if (m.byteSize() % size != 0) {
            if (b != null) {
                Exporters.release(buffer, b);
            }
            throw new StructError("iterative unpacking requires a buffer of a multiple of " + size + " bytes");
        }
        return new Iterator<>() {
            private long offset;
            private boolean released = b == null;

            @Override
            public boolean hasNext() {
                boolean more = offset < m.byteSize();
                if (!more && !released) {
                    released = true;
                    Exporters.release(buffer, b);
                }
                return more;
            }

            @Override
            public List<Object> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                List<Object> t = read(m, offset);
                offset += size;
                if (offset >= m.byteSize()) {
                    hasNext();
                }
                return t;
            }
        };
    }

    private void checkCount(String what, int got) {
        if (got != values) {
            throw new StructError(what + " expected " + format.valueCount() + " items for packing (got " + got + ")");
        }
    }

    /** {@return CPython 3.13's repr: {@code Struct('<ih')}} */
    @Override
    public String toString() {
        return "Struct(" + PyTypes.repr(format.text()) + ")";
    }
}
