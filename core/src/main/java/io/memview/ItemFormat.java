package io.memview;

import io.memview.internal.format.Field;
import io.memview.internal.format.Format;
import io.memview.internal.format.Scalar;
import io.memview.struct.StructError;

import java.util.concurrent.ConcurrentHashMap;

/**
 * How a view reads and writes its items, resolved once per (format, itemsize). CPython's memoryview accepts exactly
 * one native format character (after an optional {@code '@'}): those items keep CPython's behaviour to the message.
 * Beyond CPython, any format the struct engine parses whose size is the itemsize is accessible too: byte-order
 * prefixes ({@code '<i'}), repeat counts and records ({@code '<iif'}, {@code '2h'}, {@code '4s'}). Anything else
 * fails where CPython fails, with its {@code NotImplementedError} message.
 */
final class ItemFormat {
    private static final String NATIVE = "cbBhHiIlLqQnNfde?P";
    private static final ConcurrentHashMap<String, ItemFormat> CACHE = new ConcurrentHashMap<>();

    /** The format string as the view reports it. */
    final String text;
    /** The item size this resolution is for. */
    final int itemsize;
    /** The native format character when CPython supports the format, else {@code '\0'}. */
    final char nativeChar;
    /** The parsed format when items are accessible, else {@code null}. */
    final Format parsed;
    /** CPython's NotImplementedError message when items are not accessible. */
    final String unsupported;
    /** The only value of an item when it is a scalar, else {@code null}. */
    final Scalar scalar;
    /** The run that holds the only value, else {@code null}. */
    final Field field;
    /** Byte offset of the only value within the item. */
    final long valueOffset;
    /** Inclusive bounds of {@code setLong} values for integer scalars. */
    final long lo;
    final long hi;

    private ItemFormat(String text, int itemsize, char nativeChar, Format parsed, String unsupported) {
        this.text = text;
        this.itemsize = itemsize;
        this.nativeChar = nativeChar;
        this.parsed = parsed;
        this.unsupported = unsupported;
        Field f = parsed == null ? null : parsed.single();
        this.field = f;
        this.scalar = f == null ? null : f.scalar();
        this.valueOffset = f == null ? 0 : f.offset();
        long[] r = scalar == null ? new long[] {0, -1} : range(scalar, f.code());
        this.lo = r[0];
        this.hi = r[1];
    }

    /** The resolution for {@code format} at {@code itemsize}; cached by format (an unusual itemsize is not cached). */
    static ItemFormat of(String format, int itemsize) {
        ItemFormat f = CACHE.get(format);
        if (f != null && f.itemsize == itemsize) {
            return f;
        }
        f = resolve(format, itemsize);
        if (CACHE.size() > 4096) {
            CACHE.clear();
        }
        CACHE.putIfAbsent(format, f);
        return f;
    }

    /** Resolves without the cache (tests call it: a cached resolution hides its lines from per-test coverage). */
    static ItemFormat resolve(String format, int itemsize) {
        String fmt = format.startsWith("@") ? format.substring(1) : format;
        String cpythonError;
        if (fmt.length() == 1 && NATIVE.indexOf(fmt.charAt(0)) >= 0) {
            // The character alone decides, whatever the itemsize: CPython reads the C type at each item.
            return new ItemFormat(format, itemsize, fmt.charAt(0), Format.of(fmt), null);
        } else if (fmt.length() == 1) {
            cpythonError = "memoryview: format " + fmt + " not supported";
        } else {
            cpythonError = "memoryview: unsupported format " + format;
        }
        try {
            Format parsed = Format.of(format);
            if (parsed.valueCount() >= 1 && parsed.size() == itemsize) {
                return new ItemFormat(format, itemsize, '\0', parsed, null);
            }
        } catch (IllegalArgumentException e) { // StructError, or a non-ASCII format
            // not a struct format: CPython's error stands
        }
        return new ItemFormat(format, itemsize, '\0', null, cpythonError);
    }

    /** {@return whether CPython's memoryview supports this format} */
    boolean isNative() {
        return nativeChar != '\0';
    }

    /** Throws CPython's NotImplementedError when items are not accessible. */
    void check() {
        if (parsed == null) {
            throw new UnsupportedOperationException(unsupported);
        }
    }

    /** The character that messages quote: the native character, or the code of the value's run. */
    char code() {
        return nativeChar != '\0' ? nativeChar : field != null ? field.code() : '?';
    }

    private static long[] range(Scalar s, char code) {
        int bits = s.size() * 8;
        return switch (s.kind()) {
            case SIGNED -> bits == 64 ? new long[] {Long.MIN_VALUE, Long.MAX_VALUE}
                    : new long[] {-1L << (bits - 1), ~(-1L << (bits - 1))};
            case UNSIGNED -> code == 'P' ? new long[] {Long.MIN_VALUE, Long.MAX_VALUE}
                    : bits == 64 ? new long[] {0, Long.MAX_VALUE} : new long[] {0, (1L << bits) - 1};
            default -> new long[] {0, -1};
        };
    }
}
