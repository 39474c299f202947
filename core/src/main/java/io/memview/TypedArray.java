package io.memview;

import io.memview.internal.PyFloat;
import io.memview.internal.PyTypes;
import io.memview.internal.format.Format;
import io.memview.internal.format.NativeAbi;
import io.memview.internal.format.Scalar;

import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A resizable array of one C type: Python's {@code array.array}, with its typecodes {@code b B h H i I l L q Q f d}
 * and the character codes {@code u} ({@code wchar_t}) and {@code w} (UCS-4). It exports its memory writable with
 * the typecode as format ({@code 'u'} exports as {@code 'w'} where {@code wchar_t} has 4 bytes, as in CPython 3.13),
 * and refuses to resize while exported: {@code BufferError: cannot resize an array that is exporting buffers}.
 * {@snippet :
 * TypedArray a = TypedArray.of('h', 1000, 2000, 3000);
 * MemoryView bytes = MemoryView.of(a).cast("B");   // 6 bytes, native order
 * a.toString();                                    // "array('h', [1000, 2000, 3000])"
 * }
 * Values follow {@code array.array}'s conversions and messages: an out-of-range integer is an
 * {@code ArithmeticException} ({@code signed short integer is greater than maximum}), a wrong type an
 * {@code IllegalArgumentException}. Items read back as {@code Long} ({@code BigInteger} above
 * {@code Long.MAX_VALUE}), {@code Double}, or a one-character {@code String} for {@code u} and {@code w}.
 *
 * Like {@link ByteArray}, it counts one export per {@link MemoryView#of(Object)} (shared by the views derived from it)
 * and refuses any size change while one is out:
 * {@snippet :
 * TypedArray a = TypedArray.of('i', 1, 2, 3);
 * try (MemoryView mv = MemoryView.of(a)) {
 *     mv.set(0, 10);               // writes through: a.get(0) is now 10L
 *     a.append(4);                 // BufferError: cannot resize an array that is exporting buffers
 * }
 * a.append(4);                     // fine: the view is released
 * }
 *
 * <p>Thread safety: instances are thread-safe. All methods synchronize on the instance, so exports are counted
 * exactly whichever thread releases a view; reads and writes through exported views are not synchronized, like any
 * shared memory.
 */
public final class TypedArray implements BufferExporter {
    private static final String CODES = "bBuwhHiIlLqQfd";
    private static final int WCHAR_SIZE = wcharSize();

    private final char typecode;
    private final int itemsize;
    private final Format format;
    private byte[] data;
    private int length;
    private int exports;

    private TypedArray(char typecode) {
        this.typecode = typecode;
        this.itemsize = switch (typecode) {
            case 'u' -> WCHAR_SIZE;
            case 'w' -> 4;
            default -> (int) Format.of(String.valueOf(typecode)).size();
        };
        this.format = typecode == 'u' || typecode == 'w' ? null : Format.of(String.valueOf(typecode));
        this.data = new byte[0];
    }

    private static int wcharSize() {
        MemoryLayout l = Linker.nativeLinker().canonicalLayouts().get("wchar_t");
        return l == null ? 4 : (int) l.byteSize();
    }

    /**
     * {@code array(typecode, [values])}.
     *
     * @throws IllegalArgumentException {@code bad typecode (must be b, B, u, h, H, i, I, l, L, q, Q, f or d)}, or a
     *                                  value of the wrong type
     * @throws ArithmeticException      a value out of the type's range
     */
    public static TypedArray of(char typecode, Number... values) {
        TypedArray a = empty(typecode);
        for (Number v : values) {
            a.append(v);
        }
        return a;
    }

    /** {@code array(typecode, text)} for the character typecodes {@code u} and {@code w}. */
    public static TypedArray ofText(char typecode, String text) {
        TypedArray a = empty(typecode);
        if (a.format != null) {
            throw new IllegalArgumentException("cannot use a str to initialize an array with typecode '" + typecode
                    + "'");
        }
        text.codePoints().forEach(cp -> a.append(new String(Character.toChars(cp))));
        return a;
    }

    private static TypedArray empty(char typecode) {
        if (CODES.indexOf(typecode) < 0) {
            throw new IllegalArgumentException("bad typecode (must be b, B, u, h, H, i, I, l, L, q, Q, f or d)");
        }
        return new TypedArray(typecode);
    }

    /** {@return the typecode} */
    public char typecode() {
        return typecode;
    }

    /** {@return the size in bytes of one item} */
    public int itemsize() {
        return itemsize;
    }

    /** {@return the number of items} */
    public synchronized int length() {
        return length;
    }

    /** The item at {@code index} (negative counts from the end). */
    public synchronized Object get(long index) {
        int i = index(index);
        MemorySegment m = MemorySegment.ofArray(data);
        if (format == null) {
            int cp = itemsize == 2 ? m.get(ValueLayout.JAVA_CHAR_UNALIGNED, (long) i * 2)
                    : m.get(ValueLayout.JAVA_INT_UNALIGNED, (long) i * 4);
            return new String(Character.toChars(cp));
        }
        return format.item(m, (long) i * itemsize);
    }

    /** Sets the item at {@code index} (negative counts from the end) to {@code value}. */
    public synchronized void set(long index, Object value) {
        int i = index(index);
        store(i, value);
    }

    /** Appends {@code value}. */
    public synchronized void append(Object value) {
        checkResizable();
        ensureCapacity((long) length + 1);
        store(length, value); // throws before the length changes
        length++;
    }

    /** Appends every value of {@code values}. */
    public synchronized void extend(Iterable<?> values) {
        for (Object v : values) {
            append(v);
        }
    }

    /** Changes the length to {@code newLength} items, cutting or appending zeros. */
    public synchronized void resize(long newLength) {
        if (newLength < 0 || newLength * itemsize > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("array of " + newLength + " items of " + itemsize
                    + " bytes is larger than a Java array can hold");
        }
        if (newLength == length) {
            return;
        }
        checkResizable();
        ensureCapacity(newLength);
        if (newLength > length) {
            Arrays.fill(data, length * itemsize, (int) newLength * itemsize, (byte) 0);
        }
        length = (int) newLength;
    }

    /** Removes every item. */
    public synchronized void clear() {
        resize(0);
    }

    /** {@return the items as a list: {@code a.tolist()}} */
    public synchronized List<Object> toList() {
        List<Object> out = new ArrayList<>(length);
        for (int i = 0; i < length; i++) {
            out.add(get(i));
        }
        return out;
    }

    /** {@return a copy of the items' bytes (native order): {@code a.tobytes()}} */
    public synchronized byte[] toByteArray() {
        return Arrays.copyOf(data, length * itemsize);
    }

    @Override
    public synchronized Buffer getBuffer(int flags) {
        String fmt = typecode == 'u' && itemsize == 4 ? "w" : String.valueOf(typecode);
        Buffer b = Buffer.builder(MemorySegment.ofArray(data).asSlice(0, (long) length * itemsize)).format(fmt)
                .itemsize(itemsize).obj(this).build().forRequest(flags);
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

    /** {@return Python's repr: {@code array('h', [1000, 2000])}, {@code array('w', 'abc')}, {@code array('d')}} */
    @Override
    public synchronized String toString() {
        if (length == 0) {
            return "array('" + typecode + "')";
        }
        StringBuilder sb = new StringBuilder("array('").append(typecode).append("', ");
        if (format == null) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < length; i++) {
                text.append((String) get(i));
            }
            return sb.append(PyTypes.repr(text.toString())).append(')').toString();
        }
        sb.append('[');
        for (int i = 0; i < length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            Object v = get(i);
            sb.append(v instanceof Double d ? PyFloat.repr(d) : v.toString());
        }
        return sb.append("])").toString();
    }

    /** Value equality with another array of any typecode: {@code array == array}. */
    @Override
    public boolean equals(Object o) {
        return o instanceof TypedArray t && toList().equals(t.toList());
    }

    @Override
    public int hashCode() {
        return toList().hashCode();
    }

    private int index(long index) {
        long i = index < 0 ? index + length : index;
        if (i < 0 || i >= length) {
            throw new IndexOutOfBoundsException("array index out of range");
        }
        return (int) i;
    }

    private void checkResizable() {
        if (exports > 0) {
            throw new BufferError("cannot resize an array that is exporting buffers");
        }
    }

    private void ensureCapacity(long items) {
        long bytes = items * itemsize;
        if (bytes > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("array of " + items + " items is larger than a Java array can hold");
        }
        if (bytes > data.length) {
            data = Arrays.copyOf(data, (int) Math.min(Integer.MAX_VALUE - 8,
                    Math.max(bytes, data.length + (data.length >> 1) + 16L)));
        }
    }

    /** Converts and stores {@code value} at item {@code i}, with {@code array.array}'s checks and messages. */
    private void store(int i, Object value) {
        MemorySegment m = MemorySegment.ofArray(data);
        long off = (long) i * itemsize;
        if (format == null) {
            if (!(value instanceof String s) || s.codePointCount(0, s.length()) != 1) {
                throw new IllegalArgumentException("array item must be unicode character");
            }
            int cp = s.codePointAt(0);
            if (itemsize == 2) {
                if (cp > 0xffff) {
                    throw new IllegalArgumentException("character U+" + Integer.toHexString(cp)
                            + " is not in range [U+0000; U+ffff]");
                }
                m.set(ValueLayout.JAVA_CHAR_UNALIGNED, off, (char) cp);
            } else {
                m.set(ValueLayout.JAVA_INT_UNALIGNED, off, cp);
            }
            return;
        }
        Scalar s = format.singleScalar();
        if (s.kind() == Scalar.Kind.FLOAT) {
            if (!(value instanceof Number || value instanceof Boolean)) {
                throw new IllegalArgumentException("must be real number, not " + PyTypes.name(value));
            }
            double d = value instanceof Boolean b ? (b ? 1 : 0) : ((Number) value).doubleValue();
            s.setDouble(m, off, d);
            return;
        }
        s.setLong(m, off, integer(value));
    }

    /** The checked integer for an integer typecode, with the messages of {@code array.array}'s setitem functions. */
    private long integer(Object value) {
        BigInteger v = switch (value) {
            case Long l -> BigInteger.valueOf(l);
            case Integer n -> BigInteger.valueOf(n);
            case Short n -> BigInteger.valueOf(n);
            case Byte n -> BigInteger.valueOf(n);
            case Boolean b -> b ? BigInteger.ONE : BigInteger.ZERO;
            case BigInteger b -> b;
            case null, default -> throw new IllegalArgumentException("'" + PyTypes.name(value)
                    + "' object cannot be interpreted as an integer");
        };
        switch (typecode) {
            case 'b' -> {
                cLong(v);
                range(v, Short.MIN_VALUE, Short.MAX_VALUE, "signed short integer");
                range(v, -128, 127, "signed char");
            }
            case 'B' -> {
                cLong(v);
                range(v, 0, 255, "unsigned byte integer");
            }
            case 'h' -> {
                cLong(v);
                range(v, Short.MIN_VALUE, Short.MAX_VALUE, "signed short integer");
            }
            case 'H' -> {
                cLong(v);
                range(v, Integer.MIN_VALUE, Integer.MAX_VALUE, "signed integer");
                range(v, 0, 65535, "unsigned short");
            }
            case 'i' -> {
                cLong(v);
                range(v, Integer.MIN_VALUE, Integer.MAX_VALUE, "signed integer");
            }
            case 'I' -> {
                unsignedLong(v, "can't convert negative value to unsigned int");
                if (v.bitLength() > 32) {
                    throw new ArithmeticException("unsigned int is greater than maximum");
                }
            }
            case 'l' -> cLong(v);
            case 'L' -> unsignedLong(v, "can't convert negative value to unsigned int");
            case 'q' -> {
                if (v.bitLength() > 63) {
                    throw new ArithmeticException("int too big to convert");
                }
            }
            case 'Q' -> {
                if (v.signum() < 0) {
                    throw new ArithmeticException("can't convert negative int to unsigned");
                }
                if (v.bitLength() > 64) {
                    throw new ArithmeticException("int too big to convert");
                }
            }
            default -> throw new AssertionError(typecode);
        }
        return v.longValue();
    }

    private static void cLong(BigInteger v) {
        if (v.bitLength() > NativeAbi.LONG_SIZE * 8 - 1) {
            throw new ArithmeticException("Python int too large to convert to C long");
        }
    }

    private static void unsignedLong(BigInteger v, String negative) {
        if (v.signum() < 0) {
            throw new ArithmeticException(negative);
        }
        if (v.bitLength() > NativeAbi.LONG_SIZE * 8) {
            throw new ArithmeticException("Python int too large to convert to C unsigned long");
        }
    }

    private static void range(BigInteger v, long min, long max, String what) {
        if (v.compareTo(BigInteger.valueOf(min)) < 0) {
            throw new ArithmeticException(what + " is less than minimum");
        }
        if (v.compareTo(BigInteger.valueOf(max)) > 0) {
            throw new ArithmeticException(what + " is greater than maximum");
        }
    }
}
