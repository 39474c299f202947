package io.memview.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;

/**
 * Python's {@code ==} between item values ({@code Long}, {@code BigInteger}, {@code Boolean}, {@code Double},
 * {@code Bytes}, tuples as {@code List}s), and a hash consistent with it: numbers compare exactly across types
 * ({@code 1 == 1.0 == true}, {@code 2**53 + 1 != 2.0**53}), NaN equals nothing, {@code -0.0 == 0.0}.
 */
public final class PyEq {
    private PyEq() {}

    /** {@return Python's {@code a == b} for item values} */
    public static boolean eq(Object a, Object b) {
        if (a instanceof Double x) {
            return eqDouble(x, b);
        }
        if (b instanceof Double y) {
            return eqDouble(y, a);
        }
        if (isInt(a) && isInt(b)) {
            if (a instanceof BigInteger || b instanceof BigInteger) {
                return big(a).equals(big(b));
            }
            return longOf(a) == longOf(b);
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            int n = x.size();
            if (n != y.size()) {
                return false;
            }
            for (int i = 0; i < n; i++) {
                if (!eq(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return a == null ? b == null : a.equals(b);
    }

    private static boolean eqDouble(double x, Object other) {
        if (other instanceof Double y) {
            return x == y;
        }
        if (!isInt(other) || !Double.isFinite(x) || x != Math.rint(x)) {
            return false;
        }
        if (other instanceof BigInteger b) {
            return new BigDecimal(x).toBigIntegerExact().equals(b);
        }
        if (x >= 0x1p63 || x < -0x1p63) {
            return false;
        }
        return (long) x == longOf(other);
    }

    /** A hash of an item value such that {@code eq(a, b)} implies equal hashes. */
    public static int hash(Object v) {
        return switch (v) {
            case null -> 0;
            case Long l -> Long.hashCode(l);
            case Boolean b -> b ? 1 : 0;
            case BigInteger b -> b.bitLength() <= 63 ? Long.hashCode(b.longValue()) : b.hashCode();
            case Double d -> hashDouble(d);
            case List<?> list -> {
                int h = 1;
                for (Object o : list) {
                    h = 31 * h + hash(o);
                }
                yield h;
            }
            default -> isInt(v) ? Long.hashCode(longOf(v)) : v.hashCode();
        };
    }

    private static int hashDouble(double d) {
        if (Double.isFinite(d) && d == Math.rint(d)) {
            if (d < 0x1p63 && d >= -0x1p63) {
                return Long.hashCode((long) d);
            }
            return hash(new BigDecimal(d).toBigIntegerExact());
        }
        return Double.hashCode(d);
    }

    private static boolean isInt(Object v) {
        return v instanceof Long || v instanceof BigInteger || v instanceof Boolean || v instanceof Integer
                || v instanceof Short || v instanceof Byte;
    }

    private static long longOf(Object v) {
        return v instanceof Boolean b ? (b ? 1 : 0) : ((Number) v).longValue();
    }

    private static BigInteger big(Object v) {
        return v instanceof BigInteger b ? b : BigInteger.valueOf(longOf(v));
    }
}
