package io.memview.internal;

import io.memview.internal.format.Mem;

import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;

/** {@code bytes.hex(sep, bytes_per_sep)}: CPython's {@code _Py_strhex_impl}, over contiguous memory. */
public final class Hex {
    private Hex() {}

    private static final byte[] DIGITS = "0123456789abcdef".getBytes(StandardCharsets.ISO_8859_1);
    /** Two hex digits per byte value, as a little-endian short: the low byte is the first digit. */
    private static final short[] PAIRS = new short[256];

    static {
        for (int b = 0; b < 256; b++) {
            PAIRS[b] = (short) (DIGITS[b >>> 4] | (DIGITS[b & 15] << 8));
        }
    }

    /** The largest number of bytes a hex string can show: a Java string holds at most about 2**31 characters. */
    public static final long MAX_BYTES = (Integer.MAX_VALUE - 8) / 2;

    /**
     * Checks a separator as {@code bytes.hex} does and returns its character, or -1 for "no separator".
     *
     * @throws IllegalArgumentException with CPython's message
     */
    public static int separator(String sep) {
        if (sep == null) {
            throw new IllegalArgumentException("object of type 'NoneType' has no len()");
        }
        if (sep.codePointCount(0, sep.length()) != 1) {
            throw new IllegalArgumentException("sep must be length 1.");
        }
        char c = sep.charAt(0);
        if (c > 127) {
            throw new IllegalArgumentException("sep must be ASCII.");
        }
        return c;
    }

    /**
     * The hex of {@code n} bytes of {@code m} from {@code off}, a separator {@code sep} (-1 for none) between groups of
     * {@code bytesPerSep} bytes counted from the right (from the left when negative).
     */
    public static String hex(MemorySegment m, long off, long n, int sep, int bytesPerSep) {
        if (n == 0) {
            return "";
        }
        long group = sep < 0 ? 0 : Math.abs((long) bytesPerSep);
        if (group >= n) {
            group = 0;
        }
        long seps = group == 0 ? 0 : (n - 1) / group;
        if (n > MAX_BYTES || n * 2 + seps > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("hex() of " + n + " bytes would be longer than a Java string can hold");
        }
        byte[] out;
        try {
            // a string needs its bytes twice (the array, then the string's copy): refuse what can never fit at once
            out = 2 * (n * 2 + seps) > Runtime.getRuntime().maxMemory() ? null : new byte[(int) (n * 2 + seps)];
        } catch (OutOfMemoryError e) {
            out = null; // one failed allocation of one array: nothing else is left half-done
        }
        if (out == null) {
            throw new IllegalArgumentException("hex() of " + n + " bytes does not fit in the Java heap ("
                    + Runtime.getRuntime().maxMemory() + " bytes at most)");
        }
        if (group == 0) {
            hexRun(m, off, n, out, 0);
        } else if (bytesPerSep < 0) {
            // groups from the left: full groups each followed by sep, then the remainder
            int j = 0;
            long i = 0;
            for (long chunk = 0; chunk < seps; chunk++) {
                hexRun(m, off + i, group, out, j);
                i += group;
                j += (int) (group * 2);
                out[j++] = (byte) sep;
            }
            hexRun(m, off + i, n - i, out, j);
        } else {
            // groups from the right: a leading remainder, then (sep, full group) pairs
            long head = n - seps * group;
            hexRun(m, off, head, out, 0);
            int j = (int) (head * 2);
            for (long i = head; i < n; i += group) {
                out[j++] = (byte) sep;
                hexRun(m, off + i, group, out, j);
                j += (int) (group * 2);
            }
        }
        try {
            return new String(out, StandardCharsets.ISO_8859_1);
        } catch (OutOfMemoryError e) {
            throw new IllegalArgumentException("hex() of " + n + " bytes does not fit in the Java heap ("
                    + Runtime.getRuntime().maxMemory() + " bytes at most)");
        }
    }

    private static final java.lang.invoke.VarHandle LONG_BE = java.lang.invoke.MethodHandles
            .byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.BIG_ENDIAN);

    /**
     * Writes the hex of {@code n} bytes at {@code off} into {@code out} at {@code j}: four bytes at a time in a long
     * (SIMD within a register: spread the nibbles to bytes, add {@code '0'}, and {@code 'a' - '0' - 10} more where
     * a nibble is above 9), then the tail a byte at a time.
     */
    private static void hexRun(MemorySegment m, long off, long n, byte[] out, int j) {
        long i = 0;
        for (; i + 4 <= n; i += 4, j += 8) {
            long x = Mem.getIntBE(m, off + i) & 0xffffffffL;
            x = (x | x << 16) & 0x0000ffff0000ffffL;
            x = (x | x << 8) & 0x00ff00ff00ff00ffL;
            x = ((x << 4) | x) & 0x0f0f0f0f0f0f0f0fL; // hi nibble of each byte one byte above its lo nibble
            long letters = ((x + 0x0606060606060606L) >>> 4) & 0x0101010101010101L;
            LONG_BE.set(out, j, x + 0x3030303030303030L + letters * 39);
        }
        MemorySegment dst = MemorySegment.ofArray(out);
        for (; i < n; i++, j += 2) {
            Mem.setShortLE(dst, j, PAIRS[Mem.getByte(m, off + i) & 0xff]);
        }
    }
}
