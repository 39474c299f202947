package io.memview.internal.format;

import io.memview.ByteArray;
import io.memview.Bytes;
import io.memview.struct.StructError;

import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Conversion of Java values to the C values of a format code, with CPython's checks and error messages. The two
 * callers report failures differently ({@code struct.pack} raises {@code struct.error}, {@code memoryview}
 * assignment raises {@code TypeError}/{@code ValueError}), which {@link Style} selects.
 */
public final class Values {
    private Values() {}

    /** Whose error messages to use. */
    public enum Style { STRUCT, MEMORYVIEW }

    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

    /** Whether {@code v} is a Python integer (it has {@code __index__}): integral Java numbers and booleans. */
    public static boolean isIntegral(Object v) {
        return v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte
                || v instanceof BigInteger || v instanceof Boolean || v instanceof AtomicLong
                || v instanceof AtomicInteger;
    }

    /** The value of an integral {@code v} as a BigInteger (only for values outside the long range is this needed). */
    private static BigInteger bigOf(Object v) {
        return v instanceof BigInteger b ? b : BigInteger.valueOf(longOf(v));
    }

    /** The value of an integral {@code v} that fits a long. */
    private static long longOf(Object v) {
        if (v instanceof Boolean b) {
            return b ? 1 : 0;
        }
        return ((Number) v).longValue();
    }

    /** Whether integral {@code v} fits a long. */
    private static boolean fitsLong(Object v) {
        return !(v instanceof BigInteger b) || b.bitLength() <= 63;
    }

    /**
     * The bits to store for integral value {@code v} in the integer field {@code code} of {@code scalar}, after the
     * type and range checks. {@code pointer} selects {@code P}'s range, -2**63 to 2**64-1.
     */
    public static long integerBits(Object v, char code, Scalar scalar, boolean pointer, Style style) {
        if (!isIntegral(v)) {
            throw style == Style.STRUCT
                    ? new StructError("required argument is not an integer")
                    : new IllegalArgumentException("memoryview: invalid type for format '" + code + "'");
        }
        int bits = scalar.size() * 8;
        boolean unsigned = scalar.kind() == Scalar.Kind.UNSIGNED;
        if (!fitsLong(v)) {
            BigInteger b = (BigInteger) v;
            if ((unsigned || pointer) && bits == 64 && b.signum() > 0 && b.compareTo(TWO_64) < 0) {
                return b.longValue();
            }
            throw rangeError(code, scalar, pointer, style);
        }
        long x = longOf(v);
        if (pointer) {
            return x;
        }
        if (unsigned) {
            if (x < 0 || (bits < 64 && x >>> bits != 0)) {
                throw rangeError(code, scalar, false, style);
            }
        } else if (bits < 64) {
            long min = -1L << (bits - 1);
            if (x < min || x > ~min) {
                throw rangeError(code, scalar, false, style);
            }
        }
        return x;
    }

    private static RuntimeException rangeError(char code, Scalar scalar, boolean pointer, Style style) {
        if (style == Style.MEMORYVIEW) {
            return new IllegalArgumentException("memoryview: invalid value for format '" + code + "'");
        }
        if (pointer) {
            return new StructError("int too large to convert");
        }
        int bits = scalar.size() * 8;
        if (scalar.kind() == Scalar.Kind.UNSIGNED) {
            String max = bits == 64 ? "18446744073709551615" : Long.toString((1L << bits) - 1);
            return new StructError("'" + code + "' format requires 0 <= number <= " + max);
        }
        long min = -1L << (bits - 1);
        return new StructError("'" + code + "' format requires " + min + " <= number <= " + ~min);
    }

    /**
     * The double for a floating field, as {@code PyFloat_AsDouble} converts: any {@code Number} or {@code Boolean};
     * an integer too large for a double fails.
     */
    public static double toDouble(Object v, char code, Style style) {
        if (v instanceof Double d) {
            return d;
        }
        if (v instanceof Boolean b) {
            return b ? 1.0 : 0.0;
        }
        if (v instanceof BigInteger b) {
            double d = b.doubleValue();
            if (Double.isInfinite(d)) {
                throw style == Style.STRUCT
                        ? new StructError("required argument is not a float")
                        : new IllegalArgumentException("memoryview: invalid value for format '" + code + "'");
            }
            return d;
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        throw style == Style.STRUCT
                ? new StructError("required argument is not a float")
                : new IllegalArgumentException("memoryview: invalid type for format '" + code + "'");
    }

    /**
     * Checks that {@code x} (converted from {@code v}) fits the floating field; {@code cCast} is native {@code f},
     * a C cast that never overflows.
     */
    public static void checkFloatRange(Object v, double x, char code, Scalar scalar, boolean cCast, Style style) {
        boolean overflow = switch (scalar.size()) {
            case 2 -> Half.overflows(x);
            case 4 -> !cCast && Double.isFinite(x) && Float.isInfinite((float) x);
            default -> false;
        };
        if (!overflow) {
            return;
        }
        if (style == Style.MEMORYVIEW) {
            throw new IllegalArgumentException("memoryview: invalid value for format '" + code + "'");
        }
        if (isIntegral(v)) {
            throw new StructError("int too large to convert");
        }
        throw new ArithmeticException("float too large to pack with " + code + " format");
    }

    /** Python's truth value ({@code PyObject_IsTrue}) of a Java value, for {@code ?} fields. */
    public static boolean truth(Object v) {
        return switch (v) {
            case null -> false;
            case Boolean b -> b;
            case Double d -> d != 0.0;
            case Float f -> f != 0.0f;
            case BigInteger b -> b.signum() != 0;
            case BigDecimal b -> b.signum() != 0;
            case Number n -> n.longValue() != 0 || n.doubleValue() != 0.0;
            case CharSequence s -> !s.isEmpty();
            case Bytes b -> b.length() != 0;
            case ByteArray b -> b.length() != 0;
            case Collection<?> c -> !c.isEmpty();
            case Map<?, ?> m -> !m.isEmpty();
            default -> !v.getClass().isArray() || Array.getLength(v) != 0;
        };
    }

    /** The single byte for a {@code c} field: a {@link Bytes} or {@code byte[]} of length 1. */
    public static byte charByte(Object v, char code, Style style) {
        byte[] b = v instanceof Bytes x ? io.memview.internal.Access.bytes().array(x) : v instanceof byte[] a ? a : null;
        if (b == null || b.length != 1) {
            if (style == Style.STRUCT) {
                throw new StructError("char format requires a bytes object of length 1");
            }
            throw new IllegalArgumentException("memoryview: invalid " + (b == null ? "type" : "value")
                    + " for format '" + code + "'");
        }
        return b[0];
    }

    /** The bytes for an {@code s} or {@code p} field: {@link Bytes}, {@code byte[]} or {@link ByteArray}. */
    public static byte[] stringBytes(Object v, char code) {
        return switch (v) {
            case Bytes b -> io.memview.internal.Access.bytes().array(b);
            case byte[] a -> a;
            case ByteArray a -> a.toByteArray();
            case null, default -> throw new StructError("argument for '" + code + "' must be a bytes object");
        };
    }

    /** The Python integer for the unsigned 64-bit {@code bits} (which are negative as a long). */
    public static BigInteger unsignedToBig(long bits) {
        return bits >= 0 ? BigInteger.valueOf(bits) : BigInteger.valueOf(bits).add(TWO_64);
    }
}
