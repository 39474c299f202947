package io.memview;

import io.memview.internal.Access;
import io.memview.internal.Compare;
import io.memview.internal.Hex;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.util.Arrays;
import java.util.Objects;

/**
 * An immutable sequence of bytes: Python's {@code bytes}. It has value equality, Python's {@code repr} as its
 * {@link #toString()} ({@code b'a\x00'}), and exports its memory read-only through the buffer protocol, so a
 * {@link MemoryView} of it is zero-copy and refuses writes.
 * {@snippet :
 * Bytes b = Bytes.fromHex("61 62 00");
 * b.toString();          // "b'ab\x00'"
 * b.get(-1);             // 0  (negative indices count from the end)
 * b.hex(":");            // "61:62:00"
 * }
 * Bytes are what {@code Struct} returns for {@code c}, {@code s} and {@code p} fields and what views return for
 * {@code c} items. A view of bytes shares their memory and refuses writes, as {@code memoryview(b'...')} does:
 * {@snippet :
 * Bytes b = Bytes.of("abc", StandardCharsets.US_ASCII);
 * MemoryView mv = MemoryView.of(b);     // no copy
 * mv.get(0);                            // 97L
 * mv.set(0, 65);                        // ReadOnlyMemoryException: cannot modify read-only memory
 * MemoryView.fromFlags(b, BufferFlags.WRITABLE);   // BufferError: Object is not writable.
 * }
 * Bytes have nothing to hand back when a view is released, so views of them are not counted as exports.
 *
 * <p>Thread safety: instances are immutable and thread-safe, and may be shared freely between threads.
 */
public final class Bytes implements BufferExporter, Comparable<Bytes> {
    private static final Bytes EMPTY = new Bytes(new byte[0]);
    private static final Bytes[] SINGLE = new Bytes[256];

    static {
        for (int i = 0; i < 256; i++) {
            SINGLE[i] = new Bytes(new byte[] {(byte) i});
        }
        Access.setBytes(new Access.BytesAccess() {
            @Override public byte[] array(Bytes b) { return b.data; }
            @Override public Bytes wrap(byte[] a) { return Bytes.wrap(a); }
        });
    }

    private final byte[] data;
    private int hash;
    private Buffer buffer;

    private Bytes(byte[] data) {
        this.data = data;
    }

    private static Bytes wrap(byte[] a) {
        return a.length == 0 ? EMPTY : a.length == 1 ? SINGLE[a[0] & 0xff] : new Bytes(a);
    }

    /** Bytes with a copy of {@code bytes}. */
    public static Bytes of(byte... bytes) {
        return wrap(bytes.clone());
    }

    /** The one-byte {@code Bytes} of {@code b} (shared instances, like CPython's). */
    public static Bytes ofByte(byte b) {
        return SINGLE[b & 0xff];
    }

    /** {@code text} encoded with {@code charset}: Python's {@code bytes(text, encoding)}. */
    public static Bytes of(String text, Charset charset) {
        return wrap(text.getBytes(charset));
    }

    /**
     * A copy of the contents of {@code segment}.
     *
     * @throws IllegalArgumentException when the segment is larger than a Java array can hold
     */
    public static Bytes copyOf(MemorySegment segment) {
        return copyOf(segment, 0, segment.byteSize());
    }

    /** A copy of {@code length} bytes of {@code segment} from {@code offset}. */
    public static Bytes copyOf(MemorySegment segment, long offset, long length) {
        if (length > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("cannot make bytes of " + length
                    + " bytes: a Java array holds at most 2147483639");
        }
        if (length == 1) {
            return SINGLE[segment.get(ValueLayout.JAVA_BYTE, offset) & 0xff];
        }
        byte[] a = new byte[(int) length];
        MemorySegment.copy(segment, ValueLayout.JAVA_BYTE, offset, a, 0, (int) length);
        return wrap(a);
    }

    /**
     * Python's {@code bytes.fromhex}: pairs of hex digits, optionally separated by ASCII whitespace.
     *
     * @throws IllegalArgumentException {@code non-hexadecimal number found in fromhex() arg at position N}
     */
    public static Bytes fromHex(String hex) {
        byte[] out = new byte[hex.length() / 2];
        int n = 0;
        int i = 0;
        int len = hex.length();
        while (i < len) {
            char c = hex.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\u000b' || c == '\f') {
                i++;
                continue;
            }
            int hi = Character.digit(c, 16);
            if (hi < 0 || c > 'f') {
                throw fromHexError(hex, i);
            }
            if (i + 1 >= len) {
                throw fromHexError(hex, i + 1);
            }
            char d = hex.charAt(i + 1);
            int lo = Character.digit(d, 16);
            if (lo < 0 || d > 'f') {
                throw fromHexError(hex, i + 1);
            }
            out[n++] = (byte) (hi << 4 | lo);
            i += 2;
        }
        return wrap(Arrays.copyOf(out, n));
    }

    private static IllegalArgumentException fromHexError(String hex, int charIndex) {
        return new IllegalArgumentException("non-hexadecimal number found in fromhex() arg at position "
                + hex.codePointCount(0, Math.min(charIndex, hex.length())));
    }

    /** {@return the number of bytes} */
    public int length() {
        return data.length;
    }

    /**
     * The byte at {@code index} as an unsigned value 0–255, like Python's {@code b[index]}: negative indices count
     * from the end.
     *
     * @throws IndexOutOfBoundsException {@code index out of range}
     */
    public int get(int index) {
        int i = index < 0 ? index + data.length : index;
        if (i < 0 || i >= data.length) {
            throw new IndexOutOfBoundsException("index out of range");
        }
        return data[i] & 0xff;
    }

    /** {@return a new array with the bytes} */
    public byte[] toByteArray() {
        return data.clone();
    }

    /** {@return a read-only segment over the bytes (no copy)} */
    public MemorySegment asSegment() {
        return MemorySegment.ofArray(data).asReadOnly();
    }

    /** {@return a read-only buffer over the bytes (no copy), position 0, big-endian as every new ByteBuffer} */
    public ByteBuffer asByteBuffer() {
        return ByteBuffer.wrap(data).asReadOnlyBuffer();
    }

    /** {@return the bytes decoded with {@code charset}} */
    public String decode(Charset charset) {
        return new String(data, charset);
    }

    /** {@return two lowercase hex digits per byte: {@code bytes.hex()}} */
    public String hex() {
        return Hex.hex(asSegment(), 0, data.length, -1, 1);
    }

    /** {@return the hex with {@code sep} between bytes: {@code bytes.hex(sep)}} */
    public String hex(String sep) {
        return hex(sep, 1);
    }

    /**
     * The hex with {@code sep} (one ASCII character) between groups of {@code bytesPerSep} bytes, counted from the
     * right when positive and from the left when negative: {@code bytes.hex(sep, bytes_per_sep)}.
     *
     * @throws IllegalArgumentException {@code sep must be length 1.} or {@code sep must be ASCII.}
     */
    public String hex(String sep, int bytesPerSep) {
        return Hex.hex(asSegment(), 0, data.length, Hex.separator(sep), bytesPerSep);
    }

    /** Exports the bytes read-only; a {@link BufferFlags#WRITABLE} request fails with {@code Object is not writable.} */
    @Override
    public Buffer getBuffer(int flags) {
        return full().forRequest(flags);
    }

    /** The complete buffer, built once (a race builds an equal one: a {@code Buffer}'s fields are final). */
    private Buffer full() {
        Buffer b = buffer;
        if (b == null) {
            b = Buffer.builder(asSegment()).readonly(true).obj(this).build();
            buffer = b;
        }
        return b;
    }

    /** The read-only segment over the bytes that every export shares, for {@code MemoryView.of}. */
    MemorySegment segment() {
        return full().memory();
    }

    /** Compares as unsigned bytes, lexicographically, like Python's {@code bytes} ordering. */
    @Override
    public int compareTo(Bytes other) {
        return Arrays.compareUnsigned(data, other.data);
    }

    /**
     * Equal to another {@code Bytes} with the same bytes, and — as Python's {@code b'ab' == memoryview(b'ab')} — to a
     * {@link MemoryView} whose items equal these bytes' values.
     */
    @Override
    public boolean equals(Object o) {
        if (o instanceof Bytes b) {
            return Arrays.equals(data, b.data);
        }
        return o instanceof MemoryView mv && mv.equals(this);
    }

    /** {@return a hash of the byte values, equal to that of a 1-D {@code 'B'} {@link MemoryView} of the same bytes} */
    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            h = Compare.seed(new long[] {data.length});
            for (byte b : data) {
                h = Compare.fold(h, b & 0xff);
            }
            hash = h;
        }
        return h;
    }

    /** {@return Python's repr: {@code b'...'} with {@code \\xhh} escapes, double quotes when that avoids one} */
    @Override
    public String toString() {
        return repr("b", data, 0, data.length);
    }

    /** Python's repr of bytes with the given prefix ({@code b}, or {@code bytearray(b} for bytearrays). */
    static String repr(String prefix, byte[] a, int from, int to) {
        Objects.checkFromToIndex(from, to, a.length);
        boolean single = false;
        boolean dbl = false;
        for (int i = from; i < to; i++) {
            single |= a[i] == '\'';
            dbl |= a[i] == '"';
        }
        char quote = single && !dbl ? '"' : '\'';
        StringBuilder sb = new StringBuilder(prefix.length() + 2 + (to - from) * 2);
        sb.append(prefix).append(quote);
        for (int i = from; i < to; i++) {
            int c = a[i] & 0xff;
            if (c == quote || c == '\\') {
                sb.append('\\').append((char) c);
            } else if (c == '\t') {
                sb.append("\\t");
            } else if (c == '\n') {
                sb.append("\\n");
            } else if (c == '\r') {
                sb.append("\\r");
            } else if (c < 0x20 || c >= 0x7f) {
                sb.append("\\x").append((char) HEX[c >>> 4]).append((char) HEX[c & 15]);
            } else {
                sb.append((char) c);
            }
        }
        return sb.append(quote).toString();
    }

    private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
}
