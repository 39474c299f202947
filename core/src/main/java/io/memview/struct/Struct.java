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
 * long n = Struct.calcsize("@ci");                 // 8: native alignment pads the int to offset 4
 * }
 *
 * <h2 id="formats">Formats</h2>
 * A format is an optional first character giving byte order, size and alignment, then items, each an optional
 * repeat count and a code. Whitespace between items is ignored.
 * <table class="striped">
 *   <caption>Prefixes</caption>
 *   <thead><tr><th>prefix</th><th>byte order</th><th>sizes</th><th>alignment</th></tr></thead>
 *   <tbody>
 *   <tr><td>{@code @} (or none)</td><td>native</td><td>native (this platform's C ABI)</td><td>native</td></tr>
 *   <tr><td>{@code =}</td><td>native</td><td>standard</td><td>none</td></tr>
 *   <tr><td>{@code <}</td><td>little-endian</td><td>standard</td><td>none</td></tr>
 *   <tr><td>{@code >} and {@code !}</td><td>big-endian</td><td>standard</td><td>none</td></tr>
 *   </tbody>
 * </table>
 * <table class="striped">
 *   <caption>Codes</caption>
 *   <thead><tr><th>code</th><th>C type</th><th>standard size</th><th>Java value</th></tr></thead>
 *   <tbody>
 *   <tr><td>{@code x}</td><td>pad byte</td><td>1</td><td>none (packs a zero byte)</td></tr>
 *   <tr><td>{@code c}</td><td>char</td><td>1</td><td>{@link io.memview.Bytes} of length 1</td></tr>
 *   <tr><td>{@code b} {@code B}</td><td>signed / unsigned char</td><td>1</td><td>{@code Long}</td></tr>
 *   <tr><td>{@code ?}</td><td>_Bool</td><td>1</td><td>{@code Boolean}</td></tr>
 *   <tr><td>{@code h} {@code H}</td><td>short</td><td>2</td><td>{@code Long}</td></tr>
 *   <tr><td>{@code i} {@code I}</td><td>int</td><td>4</td><td>{@code Long}</td></tr>
 *   <tr><td>{@code l} {@code L}</td><td>long</td><td>4 (native: 8 on 64-bit Unix)</td><td>{@code Long}</td></tr>
 *   <tr><td>{@code q} {@code Q}</td><td>long long</td><td>8</td><td>{@code Long}; {@code Q} above
 *       {@code Long.MAX_VALUE} a {@code BigInteger}</td></tr>
 *   <tr><td>{@code n} {@code N}</td><td>ssize_t / size_t</td><td>native only</td><td>like {@code q} / {@code Q}</td></tr>
 *   <tr><td>{@code e}</td><td>IEEE 754 binary16</td><td>2</td><td>{@code Double}</td></tr>
 *   <tr><td>{@code f}</td><td>float</td><td>4</td><td>{@code Double}</td></tr>
 *   <tr><td>{@code d}</td><td>double</td><td>8</td><td>{@code Double}</td></tr>
 *   <tr><td>{@code s}</td><td>char[]</td><td>the count</td><td>{@code Bytes} of exactly count bytes</td></tr>
 *   <tr><td>{@code p}</td><td>Pascal string</td><td>the count</td><td>{@code Bytes}, at most count - 1 (and 255)
 *       bytes</td></tr>
 *   <tr><td>{@code P}</td><td>void*</td><td>native only</td><td>like {@code Q}</td></tr>
 *   </tbody>
 * </table>
 * For {@code s} and {@code p} the count is a length ({@code "10s"} is one 10-byte value); for the other codes a
 * repeat ({@code "3h"} is {@code "hhh"}). In native mode an item is padded to its alignment; a trailing
 * {@code 0}-count item aligns the end: {@code calcsize("@qb0q")} is 16.
 *
 * <h2 id="values">Values</h2>
 * Unpacked integers are {@code Long} (an unsigned 64-bit value above {@code Long.MAX_VALUE} is a
 * {@code BigInteger}), floats are {@code Double}, {@code ?} gives {@code Boolean}, and {@code c}, {@code s},
 * {@code p} give {@link io.memview.Bytes}. Packing takes any integral {@code Number} ({@code Long}, {@code Integer},
 * {@code Short}, {@code Byte}, {@code BigInteger}, atomics) or {@code Boolean} for integer codes, any {@code Number}
 * or {@code Boolean} for float codes, any value for {@code ?} (Python's truth value: {@code null}, zero, empty
 * strings, collections and arrays are false), and {@code Bytes} or {@code byte[]} for {@code c}, and also
 * {@link io.memview.ByteArray} for {@code s} and {@code p}. Tuples are unmodifiable {@code List}s.
 * {@snippet :
 * Struct.of(">?HQ").pack(List.of(), 65535, new BigInteger("18446744073709551615"));
 *                                                  // 00 ff ff ff ff ff ff ff ff ff ff
 * Struct.of("3s").pack(Bytes.of("abcdef", US_ASCII)); // 'abc': truncated (or NUL-padded) to the length
 * Struct.of("<e").pack(1.00048828125);             // 00 3c: half floats round to nearest, ties to even
 * }
 *
 * <h2 id="buffers">Buffers</h2>
 * The buffer arguments take anything with a buffer: {@code byte[]}, {@link java.nio.ByteBuffer} (position to limit;
 * the position does not move), {@link MemorySegment} (heap or native), {@link io.memview.Bytes},
 * {@link io.memview.ByteArray}, {@link io.memview.TypedArray}, a {@link io.memview.MemoryView} or any other
 * {@link io.memview.BufferExporter}; they must be C-contiguous, and writable for {@link #packInto}.
 * Offsets are byte offsets; a negative offset counts from the end of the buffer, as in Python.
 *
 * <h2 id="errors">Errors</h2>
 * What CPython reports as {@code struct.error} throws {@link StructError} with CPython's message; its
 * {@code OverflowError} ({@code float too large to pack with f format}) throws {@code ArithmeticException}, its
 * {@code TypeError} and {@code ValueError} ({@code a bytes-like object is required, not 'java.lang.Long'}) throw
 * {@code IllegalArgumentException}. Where CPython names the Python type of a wrong argument, memview names the Java
 * type that was passed.
 * {@snippet :
 * Struct.of("b").pack(128);     // StructError: 'b' format requires -128 <= number <= 127
 * Struct.of("<i").unpack(b3);   // StructError: unpack requires a buffer of 4 bytes
 * Struct.of("2 i");             // StructError: bad char in struct format
 * }
 *
 * <h2 id="differences">Differences from CPython</h2>
 * <ul>
 *   <li>{@link #packInto} checks every value before it writes, so a failure leaves the buffer untouched (CPython may
 *       have written the fields before the bad one). It also never writes outside the struct: CPython 3.13 stores
 *       the length byte of a {@code 0p} field even though the field has no bytes (gh-156939).</li>
 *   <li>Formats are {@code String}s (not {@code bytes}); there is no {@code __index__}, {@code __float__} or
 *       {@code __bool__} protocol, and {@link #iterUnpack}'s iterator has no length hint.</li>
 *   <li>{@link #size()} is an {@code int}; the size of a struct larger than that is {@link #calcsize}'s
 *       {@code long}. A struct can be packed only when it fits a Java array.</li>
 * </ul>
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
     * {@code struct.Struct(format)}: the struct for {@code format}, parsed once and cached (the same format gives the
     * same instance while it stays in the cache).
     * {@snippet :
     * Struct header = Struct.of("!4sHI");   // network order: 4-byte magic, unsigned short, unsigned int
     * int n = header.size();                // 10
     * }
     *
     * @throws StructError              for a bad format, with CPython's message ({@code bad char in struct format},
     *                                  {@code repeat count given without format specifier}, …)
     * @throws IllegalArgumentException for a format with non-ASCII characters
     */
    public static Struct of(String format) {
        requireFormat(format);
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

    /**
     * {@code struct.calcsize(format)}: the size in bytes of the struct the format describes, padding included.
     * {@snippet :
     * Struct.calcsize("ci");     // 8: native mode aligns the int
     * Struct.calcsize("<ci");    // 5: standard sizes, no alignment
     * Struct.calcsize("@ibb0i"); // 8: the trailing 0i pads the end to int alignment
     * }
     *
     * @return the size in bytes, up to {@code Long.MAX_VALUE}
     * @throws StructError for a bad format ({@code bad char in struct format}, {@code total struct size too long}, …)
     * @throws IllegalArgumentException for a format with non-ASCII characters
     */
    public static long calcsize(String format) {
        requireFormat(format);
        return Format.of(format).size();
    }

    private static void requireFormat(String format) {
        if (format == null) {
            throw new IllegalArgumentException("Struct() argument 1 must be a str or bytes object, not NoneType");
        }
    }

    /**
     * {@return the size in bytes of one packed struct: {@code struct.Struct.size}}
     * {@snippet :
     * Struct.of("<iif").size();   // 12
     * }
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

    /**
     * {@return the format string, as given: {@code struct.Struct.format}}
     * {@snippet :
     * Struct.of("=i2H").format();   // "=i2H"
     * }
     */
    public String format() {
        return format.text();
    }

    /**
     * {@code struct.pack}: the values packed into a new array of {@link #size()} bytes. Pad bytes and the unused
     * tail of {@code s}/{@code p} fields are zero.
     * {@snippet :
     * byte[] b = Struct.of(">hxi").pack(1, -1);      // 00 01 00 ff ff ff ff
     * byte[] p = Struct.of("5p").pack(Bytes.of("hi", US_ASCII)); // 02 68 69 00 00
     * }
     *
     * @param values one value per item of the format ({@code x} pad bytes take none; an {@code s} or {@code p}
     *               field takes one)
     * @return the packed bytes
     * @throws StructError          when the number of values or a value does not fit the format, with CPython's
     *                              message ({@code pack expected 2 items for packing (got 1)},
     *                              {@code required argument is not an integer}, …)
     * @throws ArithmeticException  for a float too large for a standard-size {@code f} or an {@code e} field
     *                              ({@code float too large to pack with e format})
     */
    public byte[] pack(Object... values) {
        checkCount("pack", values.length);
        long size = format.size();
        if (size > Integer.MAX_VALUE - 8) {
            throw new StructError("struct size " + size + " is larger than a Java array can hold");
        }
        byte[] out = new byte[(int) size];
        format.packZeroed(out, 0, values, 0, Values.Style.STRUCT);
        return out;
    }

    /**
     * {@code struct.pack_into}: packs the values into the writable {@code buffer} at byte {@code offset} (negative
     * counts from the end). Every value is checked before anything is written, so a failure leaves the buffer as it
     * was.
     * {@snippet :
     * byte[] buf = new byte[8];
     * Struct.of("<h").packInto(buf, 2, 258);   // buf: 00 00 02 01 00 00 00 00
     * Struct.of("<h").packInto(buf, -2, -1);   // buf: 00 00 02 01 00 00 ff ff
     * }
     *
     * @param buffer a writable buffer (see <a href="#buffers">Buffers</a>)
     * @param offset the byte offset of the struct; negative counts from the end
     * @param values one value per item, as for {@link #pack}
     * @throws IllegalArgumentException {@code argument must be read-write bytes-like object, not bytes} for a
     *                                  read-only or non-buffer argument
     * @throws StructError              for a bad offset ({@code no space to pack 4 bytes at offset -2}, …), count or
     *                                  value
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
            // getargs' converterr names None "None", not by its type
            throw new IllegalArgumentException("argument must be read-write bytes-like object, not "
                    + (buffer == null ? "None" : PyTypes.name(buffer)), e);
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
            // CPython adds the two as size_t: the sum cannot overflow in its message
            throw new StructError("pack_into requires a buffer of at least " + Long.toUnsignedString(size + offset)
                    + " bytes for packing "
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
     * {@snippet :
     * List<Object> t = Struct.of("<hd?").unpack(bytes);   // e.g. [-2, 0.5, true]: Long, Double, Boolean
     * }
     *
     * @param buffer the buffer (see <a href="#buffers">Buffers</a>)
     * @return the values, an unmodifiable list (a tuple)
     * @throws StructError              {@code unpack requires a buffer of N bytes}
     * @throws IllegalArgumentException {@code a bytes-like object is required, not 'T'} for a non-buffer
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

    /**
     * {@code struct.unpack_from(buffer)}: the values of the struct at the start of {@code buffer}, which may be
     * longer than the struct.
     * {@snippet :
     * Struct.of("<H").unpackFrom(new byte[] {1, 2, 3});   // [513]
     * }
     *
     * @param buffer the buffer (see <a href="#buffers">Buffers</a>)
     * @return the values, an unmodifiable list (a tuple)
     * @throws StructError when the buffer is shorter than the struct, with CPython's message
     */
    public List<Object> unpackFrom(Object buffer) {
        return unpackFrom(buffer, 0);
    }

    /**
     * {@code struct.unpack_from(buffer, offset)}: the values of the struct at byte {@code offset} (negative counts
     * from the end) of {@code buffer}, which may be longer.
     * {@snippet :
     * byte[] b = {0, 0, 0, 1, 0, 2};
     * Struct.of(">h").unpackFrom(b, 2);    // [1]
     * Struct.of(">h").unpackFrom(b, -2);   // [2]
     * Struct.of(">h").unpackFrom(b, 5);    // StructError: unpack_from requires a buffer of at least 7 bytes
     *                                      //   for unpacking 2 bytes at offset 5 (actual buffer size is 6)
     * }
     *
     * @param buffer the buffer (see <a href="#buffers">Buffers</a>)
     * @param offset the byte offset of the struct; negative counts from the end
     * @return the values, an unmodifiable list (a tuple)
     * @throws StructError for an offset that leaves too few bytes, with CPython's message
     */
    public List<Object> unpackFrom(Object buffer, long offset) {
        if (buffer instanceof byte[] a) {
            // the common case, before the general type switch, and read without wrapping it in a segment
            return read(a, (int) fromOffset(a.length, offset));
        }
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
        return read(m, fromOffset(m.byteSize(), offset));
    }

    /** The offset of {@code unpack_from(buffer, offset)} in a buffer of {@code len} bytes, checked as CPython does. */
    private long fromOffset(long len, long offset) {
        long size = format.size();
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
            throw new StructError("unpack_from requires a buffer of at least " + Long.toUnsignedString(size + offset)
                    + " bytes for unpacking " + size + " bytes at offset " + offset + " (actual buffer size is "
                    + len + ")");
        }
        return offset;
    }

    private List<Object> read(byte[] a, int offset) {
        Object[] out = new Object[checkValues()];
        format.unpack(a, offset, out, 0);
        return new Tuple(out);
    }

    private int checkValues() {
        if (values < 0) {
            throw new StructError("cannot unpack " + format.valueCount() + " values: a Java list holds at most "
                    + (Integer.MAX_VALUE - 8));
        }
        return values;
    }

    private List<Object> read(MemorySegment m, long offset) {
        Object[] out = new Object[checkValues()];
        try {
            format.unpack(m, offset, out, 0);
        } catch (InternalError e) {
            throw inaccessible(e);
        }
        return new Tuple(out);
    }

    /**
     * {@code struct.iter_unpack}: a lazy iterator over the consecutive structs that fill {@code buffer}. Each
     * {@code next()} unpacks one struct; nothing is unpacked ahead. An exporter's buffer (a {@code ByteArray}, say) is
     * held, and so cannot be resized, until the iterator is exhausted.
     * {@snippet :
     * for (Iterator<List<Object>> it = Struct.of("<hh").iterUnpack(points); it.hasNext(); ) {
     *     List<Object> xy = it.next();   // [x, y]
     * }
     * }
     *
     * @param buffer a buffer holding a whole number of structs (see <a href="#buffers">Buffers</a>)
     * @return the iterator
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

    /**
     * {@return CPython 3.13's repr}
     * {@snippet :
     * Struct.of("<ih").toString();   // "Struct('<ih')"
     * }
     */
    @Override
    public String toString() {
        return "Struct(" + PyTypes.repr(format.text()) + ")";
    }
}
