package io.memview.internal.format;

/**
 * IEEE 754 binary16 conversions with CPython's behaviour ({@code PyFloat_Pack2} / {@code PyFloat_Unpack2}, 3.13):
 * rounding straight from the double (round half to even, no double rounding through float), NaN packed as a quiet NaN
 * keeping only its sign, and NaN unpacked as the canonical quiet NaN with the sign of the half.
 */
public final class Half {
    private Half() {}

    /** Bits of positive infinity; {@link #fromDouble} returns it (with the sign) for finite values that overflow. */
    public static final int INFINITY_BITS = 0x7c00;

    /** The double value of the half-precision bit pattern {@code bits} (low 16 bits). */
    public static double toDouble(int bits) {
        if ((bits & 0x7c00) == 0x7c00 && (bits & 0x03ff) != 0) {
            return Double.longBitsToDouble((bits & 0x8000) != 0 ? 0xfff8000000000000L : 0x7ff8000000000000L);
        }
        return Float.float16ToFloat((short) bits);
    }

    /**
     * The half-precision bits nearest to {@code d} (ties to even). A finite {@code d} whose rounded magnitude is
     * 65520 or more gives infinity bits: see {@link #overflows(double)}.
     */
    public static int fromDouble(double d) {
        int sign = (int) (Double.doubleToRawLongBits(d) >>> 48) & 0x8000;
        if (Double.isNaN(d)) {
            return sign | 0x7e00;
        }
        double a = Math.abs(d);
        if (a == 0.0) {
            return sign;
        }
        if (a >= 65520.0) {
            return sign | INFINITY_BITS;
        }
        int exp = Math.getExponent(a);
        if (exp < -14) {
            // Subnormal halves are multiples of 2^-24; scaling by a power of two is exact.
            long m = (long) Math.rint(a * 0x1p24);
            return sign | (int) m; // m == 1024 is the smallest normal, which has the same bits
        }
        long m = (long) Math.rint(Math.scalb(a, 10 - exp)); // in [1024, 2048]
        int e = exp + 15;
        if (m == 2048) {
            m = 1024;
            e++;
        }
        return sign | (e << 10) | (int) (m - 1024);
    }

    /** Whether packing the finite value {@code d} overflows binary16, as CPython reports it. */
    public static boolean overflows(double d) {
        return Double.isFinite(d) && Math.abs(d) >= 65520.0;
    }
}
