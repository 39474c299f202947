package io.memview.internal.format;

import io.memview.Bytes;
import io.memview.struct.StructError;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A parsed struct format string: the one format engine that {@code Struct} and {@code MemoryView} share.
 *
 * <p>Parsing follows CPython's {@code _struct.c} ({@code prepare_s}) step for step, so that every format is accepted,
 * sized and aligned as CPython 3.13 does it and every bad one fails with its message. A {@code Format} is immutable
 * and cached; it reads and writes one struct (one item) at a byte offset of any {@link MemorySegment}.
 */
public final class Format {
    private static final int CACHE_LIMIT = 1024;
    private static final ConcurrentHashMap<String, Format> CACHE = new ConcurrentHashMap<>();

    private final String text;
    private final char prefix;
    private final boolean nativeMode;
    private final ByteOrder order;
    private final Field[] fields;
    private final long size;
    private final long valueCount;
    private final Field single;
    private final boolean needsZeroFill;
    /** The flat plan that unpacks and packs the values, or {@code null} for formats of very many values. */
    private final Plan plan;

    private Format(String text, char prefix, boolean nativeMode, ByteOrder order, List<Field> fields, long size,
                   long valueCount) {
        this.text = text;
        this.prefix = prefix;
        this.nativeMode = nativeMode;
        this.order = order;
        this.fields = fields.toArray(Field[]::new);
        this.size = size;
        this.valueCount = valueCount;
        Field one = null;
        long covered = 0;
        boolean strings = false;
        for (Field f : this.fields) {
            if (f.values() > 0 && valueCount == 1) {
                one = f;
            }
            if (f.code() != 'x') {
                covered += f.byteSize();
            }
            strings |= f.code() == 's' || f.code() == 'p';
        }
        this.single = one;
        this.needsZeroFill = strings || covered != size;
        this.plan = Plan.of(this.fields, valueCount);
    }

    /**
     * The parsed format for {@code text}.
     *
     * @throws StructError              with CPython's {@code struct.error} message for a bad format
     * @throws IllegalArgumentException for characters outside ASCII (CPython's {@code UnicodeEncodeError})
     */
    public static Format of(String text) {
        Format f = CACHE.get(text);
        if (f == null) {
            f = parse(text);
            if (CACHE.size() >= CACHE_LIMIT) {
                CACHE.clear();
            }
            CACHE.put(text, f);
        }
        return f;
    }

    /** {@return the format string as given} */
    public String text() { return text; }

    /** {@return the byte-order character the format starts with, or {@code '\0'} when it has none} */
    public char prefix() { return prefix; }

    /** {@return whether sizes and alignment are native ({@code @} or no prefix)} */
    public boolean nativeMode() { return nativeMode; }

    /** {@return the byte order of multi-byte values} */
    public ByteOrder order() { return order; }

    /** {@return the size in bytes of one struct, padding included} */
    public long size() { return size; }

    /** {@return how many values one struct packs and unpacks} */
    public long valueCount() { return valueCount; }

    /** {@return the runs of the format, in order (a copy)} */
    public List<Field> fields() { return List.of(fields); }

    /** {@return the only value-producing run when the format holds exactly one value, else {@code null}} */
    public Field single() { return single; }

    /** {@return the scalar codec of the only value when it is one scalar (not {@code s}/{@code p}), else {@code null}} */
    public Scalar singleScalar() { return single == null ? null : single.scalar(); }

    /** Unpacks the struct at {@code base} into {@code out}, starting at index {@code pos}. */
    public void unpack(MemorySegment m, long base, Object[] out, int pos) {
        Plan p = plan;
        if (p != null) {
            p.unpack(m, base, out, pos);
            return;
        }
        for (Field f : fields) {
            long off = base + f.offset();
            switch (f.code()) {
                case 'x' -> { }
                case 's' -> out[pos++] = Bytes.copyOf(m, off, f.count());
                case 'p' -> {
                    if (f.count() == 0) {
                        // '0p' has no bytes, not even the length byte: off + 1 may lie past the buffer
                        out[pos++] = Bytes.of();
                        break;
                    }
                    long n = Math.min(m.get(ValueLayout.JAVA_BYTE, off) & 0xff, f.count() - 1);
                    out[pos++] = Bytes.copyOf(m, off + 1, n);
                }
                default -> {
                    Scalar s = f.scalar();
                    for (long k = f.count(); k > 0; k--, off += f.size()) {
                        out[pos++] = s.get(m, off);
                    }
                }
            }
        }
    }

    /** {@link #unpack(MemorySegment, long, Object[], int)} of the struct at index {@code base} of {@code a}. */
    public void unpack(byte[] a, int base, Object[] out, int pos) {
        Plan p = plan;
        if (p != null) {
            p.unpack(a, base, out, pos);
        } else {
            unpack(MemorySegment.ofArray(a), base, out, pos);
        }
    }

    /** The value of the struct at {@code base}: the value itself when the format holds one, else a tuple. */
    public Object item(MemorySegment m, long base) {
        Plan p = plan;
        if (p != null) {
            if (p.n == 1) {
                return p.value(0, m, base);
            }
            Object[] out = new Object[p.n];
            p.unpack(m, base, out, 0);
            return new Tuple(out);
        }
        Field f = single;
        if (f != null && f.scalar() != null) {
            return f.scalar().get(m, base + f.offset());
        }
        Object[] out = new Object[Math.toIntExact(valueCount)];
        unpack(m, base, out, 0);
        return f != null ? out[0] : new Tuple(out);
    }

    /**
     * Packs {@code args[pos ..]} (exactly {@link #valueCount()} of them; the caller checks the count) into the struct
     * at {@code base}, checking every value as {@code style} says. Pad bytes are zeroed. On failure some fields may
     * already be written: callers that must not leave partial writes pack into a scratch struct first.
     */
    public void pack(MemorySegment m, long base, Object[] args, int pos, Values.Style style) {
        if (needsZeroFill) {
            m.asSlice(base, size).fill((byte) 0);
        }
        packZeroed(m, base, args, pos, style);
    }

    /**
     * {@link #pack}, into a struct whose bytes are all zero already (a new array): pad bytes are left as they are.
     */
    public void packZeroed(byte[] a, int base, Object[] args, int pos, Values.Style style) {
        Plan p = plan;
        if (p != null) {
            p.pack(a, base, args, pos, style);
        } else {
            packZeroed(MemorySegment.ofArray(a), base, args, pos, style);
        }
    }

    /** {@link #packZeroed(byte[], int, Object[], int, Values.Style)} into any memory. */
    public void packZeroed(MemorySegment m, long base, Object[] args, int pos, Values.Style style) {
        Plan p = plan;
        if (p != null) {
            p.pack(m, base, args, pos, style);
            return;
        }
        for (Field f : fields) {
            long off = base + f.offset();
            switch (f.code()) {
                case 'x' -> { }
                case 's' -> {
                    byte[] b = Values.stringBytes(args[pos++], 's');
                    long n = Math.min(b.length, f.count());
                    MemorySegment.copy(b, 0, m, ValueLayout.JAVA_BYTE, off, (int) n);
                }
                case 'p' -> {
                    byte[] b = Values.stringBytes(args[pos++], 'p');
                    if (f.count() > 0) {
                        long n = Math.min(b.length, f.count() - 1);
                        MemorySegment.copy(b, 0, m, ValueLayout.JAVA_BYTE, off + 1, (int) n);
                        m.set(ValueLayout.JAVA_BYTE, off, (byte) Math.min(n, 255));
                    }
                }
                default -> {
                    for (long k = f.count(); k > 0; k--, off += f.size()) {
                        packValue(f, m, off, args[pos++], style);
                    }
                }
            }
        }
    }

    /**
     * Copies the bytes of the values (not the pad bytes: {@code x} and native alignment) of the struct at
     * {@code from} in {@code src} to the struct at {@code to} in {@code dst}.
     */
    public void copyValues(MemorySegment src, long from, MemorySegment dst, long to) {
        for (Field run : fields) {
            if (run.code() != 'x') {
                MemorySegment.copy(src, from + run.offset(), dst, to + run.offset(), run.byteSize());
            }
        }
    }

    /** Checks and stores one value of the scalar run {@code f} at {@code off}. */
    public static void packValue(Field f, MemorySegment m, long off, Object v, Values.Style style) {
        Scalar s = f.scalar();
        switch (s.kind()) {
            case SIGNED, UNSIGNED -> s.setLong(m, off, Values.integerBits(v, f.code(), s, f.code() == 'P', style));
            case FLOAT -> {
                double x = Values.toDouble(v, f.code(), style);
                Values.checkFloatRange(v, x, f.code(), s, f.cCastFloat(), style);
                s.setDouble(m, off, x);
            }
            case BOOL -> s.setLong(m, off, Values.truth(v) ? 1 : 0);
            case CHAR -> s.setLong(m, off, Values.charByte(v, f.code(), style));
        }
    }

    @Override
    public String toString() {
        return text;
    }

    // ---------------------------------------------------------------------------------------------- parsing

    private static final long MAX = Long.MAX_VALUE; // PY_SSIZE_T_MAX on a 64-bit platform

    private static Format parse(String text) {
        checkAscii(text);
        if (text.indexOf('\0') >= 0) {
            throw new StructError("embedded null character");
        }
        int n = text.length();
        int i = 0;
        char prefix = n > 0 ? text.charAt(0) : '\0';
        boolean nativeMode;
        ByteOrder order;
        switch (prefix) {
            case '<' -> { nativeMode = false; order = ByteOrder.LITTLE_ENDIAN; i = 1; }
            case '>', '!' -> { nativeMode = false; order = ByteOrder.BIG_ENDIAN; i = 1; }
            case '=' -> { nativeMode = false; order = NativeAbi.ORDER; i = 1; }
            case '@' -> { nativeMode = true; order = NativeAbi.ORDER; i = 1; }
            default -> { nativeMode = true; order = NativeAbi.ORDER; prefix = '\0'; }
        }
        List<Field> fields = new ArrayList<>();
        long size = 0;
        long len = 0;
        while (i < n) {
            char c = text.charAt(i++);
            if (isSpace(c)) {
                continue;
            }
            long num;
            if (c >= '0' && c <= '9') {
                num = c - '0';
                while (true) {
                    c = i < n ? text.charAt(i) : '\0';
                    i++;
                    if (c < '0' || c > '9') {
                        break;
                    }
                    if (num >= MAX / 10 && (num > MAX / 10 || (c - '0') > MAX % 10)) {
                        throw tooLong();
                    }
                    num = num * 10 + (c - '0');
                }
                if (c == '\0') {
                    throw new StructError("repeat count given without format specifier");
                }
            } else {
                num = 1;
            }
            int itemSize = itemSize(c, nativeMode);
            if (itemSize < 0) {
                throw new StructError("bad char in struct format");
            }
            switch (c) {
                case 's', 'p' -> {
                    // CPython does not check this increment ('<9223372036854775807?0s' is valid): saturate, as a
                    // count past Long.MAX_VALUE values can never be packed anyway.
                    if (len < MAX) {
                        len++;
                    }
                }
                case 'x' -> { }
                default -> {
                    if (num > MAX - len) {
                        throw tooLong();
                    }
                    len += num;
                }
            }
            if (nativeMode) {
                int align = alignment(c);
                if (align > 1 && size > 0) {
                    long extra = (align - 1) - (size - 1) % align;
                    if (extra > MAX - size) {
                        throw tooLong();
                    }
                    size += extra;
                }
            }
            if (num > (MAX - size) / itemSize) {
                throw tooLong();
            }
            boolean keep = c == 's' || c == 'p' || num > 0;
            if (keep) {
                fields.add(new Field(c, scalar(c, itemSize, order), size, num, itemSize, nativeMode));
            }
            size += num * itemSize;
        }
        return new Format(text, prefix, nativeMode, order, mergeRuns(fields), size, len);
    }

    /** Joins adjacent runs of the same scalar code so that {@code "iii"} unpacks like {@code "3i"}. */
    private static List<Field> mergeRuns(List<Field> fields) {
        List<Field> out = new ArrayList<>(fields.size());
        for (Field f : fields) {
            Field last = out.isEmpty() ? null : out.getLast();
            if (last != null && f.scalar() != null && last.code() == f.code()
                    && last.offset() + last.count() * last.size() == f.offset()) {
                out.set(out.size() - 1, new Field(f.code(), f.scalar(), last.offset(), last.count() + f.count(),
                        f.size(), f.nativeMode()));
            } else {
                out.add(f);
            }
        }
        return out;
    }

    private static StructError tooLong() {
        return new StructError("total struct size too long");
    }

    /** {@code Py_ISSPACE}: space, tab, newline, carriage return, vertical tab, form feed. */
    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\u000b' || c == '\f';
    }

    /** The item size of code {@code c} in the chosen table, or -1 when the table has no such code. */
    static int itemSize(char c, boolean nativeMode) {
        return switch (c) {
            case 'x', 'c', 'b', 'B', 's', 'p' -> 1;
            case '?' -> nativeMode ? NativeAbi.BOOL_SIZE : 1;
            case 'h', 'H', 'e' -> nativeMode ? NativeAbi.SHORT_SIZE : 2;
            case 'i', 'I' -> nativeMode ? NativeAbi.INT_SIZE : 4;
            case 'l', 'L' -> nativeMode ? NativeAbi.LONG_SIZE : 4;
            case 'q', 'Q' -> nativeMode ? NativeAbi.LONG_LONG_SIZE : 8;
            case 'f' -> nativeMode ? NativeAbi.FLOAT_SIZE : 4;
            case 'd' -> nativeMode ? NativeAbi.DOUBLE_SIZE : 8;
            case 'n', 'N' -> nativeMode ? NativeAbi.SIZE_T_SIZE : -1;
            case 'P' -> nativeMode ? NativeAbi.POINTER_SIZE : -1;
            default -> -1;
        };
    }

    /** The native alignment of code {@code c}. */
    static int alignment(char c) {
        return switch (c) {
            case 'h', 'H', 'e' -> NativeAbi.SHORT_ALIGN;
            case 'i', 'I' -> NativeAbi.INT_ALIGN;
            case 'l', 'L' -> NativeAbi.LONG_ALIGN;
            case 'q', 'Q' -> NativeAbi.LONG_LONG_ALIGN;
            case 'n', 'N' -> NativeAbi.SIZE_T_ALIGN;
            case 'P' -> NativeAbi.POINTER_ALIGN;
            case 'f' -> NativeAbi.FLOAT_ALIGN;
            case 'd' -> NativeAbi.DOUBLE_ALIGN;
            case '?' -> NativeAbi.BOOL_ALIGN;
            default -> 1;
        };
    }

    private static Scalar scalar(char c, int size, ByteOrder order) {
        return switch (c) {
            case 'x', 's', 'p' -> null;
            case 'c' -> Scalar.CHAR;
            case '?' -> Scalar.BOOL;
            case 'b', 'h', 'i', 'l', 'q', 'n' -> Scalar.integer(size, true, order);
            case 'B', 'H', 'I', 'L', 'Q', 'N', 'P' -> Scalar.integer(size, false, order);
            case 'e', 'f', 'd' -> Scalar.floating(size, order);
            default -> throw new AssertionError(c);
        };
    }

    /** Python encodes a str format to ASCII first; a non-ASCII character fails as its {@code UnicodeEncodeError}. */
    private static void checkAscii(String text) {
        int n = text.length();
        for (int i = 0; i < n; i++) {
            if (text.charAt(i) > 0x7f) {
                throw new IllegalArgumentException(asciiEncodeError(text, i));
            }
        }
    }

    /** CPython's message for the run of non-ASCII characters starting at char index {@code start}. */
    public static String asciiEncodeError(String text, int start) {
        int cpStart = text.codePointCount(0, start);
        int end = start;
        int cps = 0;
        while (end < text.length() && text.codePointAt(end) > 0x7f) {
            end += Character.charCount(text.codePointAt(end));
            cps++;
        }
        if (cps == 1) {
            return "'ascii' codec can't encode character '" + pyEscape(text.codePointAt(start)) + "' in position "
                    + cpStart + ": ordinal not in range(128)";
        }
        return "'ascii' codec can't encode characters in position " + cpStart + "-" + (cpStart + cps - 1)
                + ": ordinal not in range(128)";
    }

    private static String pyEscape(int cp) {
        if (cp <= 0xff) {
            return String.format("\\x%02x", cp);
        }
        if (cp <= 0xffff) {
            return String.format("\\u%04x", cp);
        }
        return String.format("\\U%08x", cp);
    }
}
