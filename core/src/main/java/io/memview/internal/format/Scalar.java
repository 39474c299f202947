package io.memview.internal.format;

import io.memview.Bytes;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * The codec of one scalar value: a kind of C value at a byte order, reading and writing it at a byte offset of any
 * {@link MemorySegment} (heap or native, unaligned). Each constant uses constant layouts, so a call through a
 * profiled receiver compiles to one memory access.
 *
 * <p>Writes store the given bits or value as is: range and type checks happen before, in {@link Values}.
 */
public enum Scalar {
    CHAR(1, Kind.CHAR) {
        @Override public long getLong(MemorySegment m, long off) { return m.get(ValueLayout.JAVA_BYTE, off) & 0xffL; }
        @Override public void setLong(MemorySegment m, long off, long v) { m.set(ValueLayout.JAVA_BYTE, off, (byte) v); }
        @Override public Object get(MemorySegment m, long off) { return Bytes.ofByte(m.get(ValueLayout.JAVA_BYTE, off)); }
        @Override public long getLongAt(MemorySegment m, long k) { return m.get(ValueLayout.JAVA_BYTE, k) & 0xffL; }
        @Override public void setLongAt(MemorySegment m, long k, long v) { m.set(ValueLayout.JAVA_BYTE, k, (byte) v); }
    },
    BOOL(1, Kind.BOOL) {
        @Override public long getLong(MemorySegment m, long off) { return m.get(ValueLayout.JAVA_BYTE, off) != 0 ? 1 : 0; }
        @Override public void setLong(MemorySegment m, long off, long v) { m.set(ValueLayout.JAVA_BYTE, off, (byte) v); }
        @Override public Object get(MemorySegment m, long off) { return m.get(ValueLayout.JAVA_BYTE, off) != 0; }
        @Override public long getLongAt(MemorySegment m, long k) { return m.get(ValueLayout.JAVA_BYTE, k) != 0 ? 1 : 0; }
        @Override public void setLongAt(MemorySegment m, long k, long v) { m.set(ValueLayout.JAVA_BYTE, k, (byte) v); }
    },
    I8(1, Kind.SIGNED) {
        @Override public long getLong(MemorySegment m, long off) { return m.get(ValueLayout.JAVA_BYTE, off); }
        @Override public void setLong(MemorySegment m, long off, long v) { m.set(ValueLayout.JAVA_BYTE, off, (byte) v); }
        @Override public long getLongAt(MemorySegment m, long k) { return m.get(ValueLayout.JAVA_BYTE, k); }
        @Override public void setLongAt(MemorySegment m, long k, long v) { m.set(ValueLayout.JAVA_BYTE, k, (byte) v); }
    },
    U8(1, Kind.UNSIGNED) {
        @Override public long getLong(MemorySegment m, long off) { return m.get(ValueLayout.JAVA_BYTE, off) & 0xffL; }
        @Override public void setLong(MemorySegment m, long off, long v) { m.set(ValueLayout.JAVA_BYTE, off, (byte) v); }
        @Override public long getLongAt(MemorySegment m, long k) { return m.get(ValueLayout.JAVA_BYTE, k) & 0xffL; }
        @Override public void setLongAt(MemorySegment m, long k, long v) { m.set(ValueLayout.JAVA_BYTE, k, (byte) v); }
    },
    I16_LE(2, Kind.SIGNED) {
        @Override public long getLong(MemorySegment m, long off) { return m.get(L.S_LE, off); }
        @Override public void setLong(MemorySegment m, long off, long v) { m.set(L.S_LE, off, (short) v); }
        @Override public long getLongAt(MemorySegment m, long k) { return m.get(L.S_LE, k * 2L); }
        @Override public void setLongAt(MemorySegment m, long k, long v) { m.set(L.S_LE, k * 2L, (short) v); }
    },
    I16_BE(2, Kind.SIGNED) {
        @Override public long getLong(MemorySegment m, long off) { return m.get(L.S_BE, off); }
        @Override public void setLong(MemorySegment m, long off, long v) { m.set(L.S_BE, off, (short) v); }
        @Override public long getLongAt(MemorySegment m, long k) { return m.get(L.S_BE, k * 2L); }
        @Override public void setLongAt(MemorySegment m, long k, long v) { m.set(L.S_BE, k * 2L, (short) v); }
    },
    U16_LE(2, Kind.UNSIGNED) {
        @Override public long getLong(MemorySegment m, long off) { return m.get(L.S_LE, off) & 0xffffL; }
        @Override public void setLong(MemorySegment m, long off, long v) { m.set(L.S_LE, off, (short) v); }
        @Override public long getLongAt(MemorySegment m, long k) { return m.get(L.S_LE, k * 2L) & 0xffffL; }
        @Override public void setLongAt(MemorySegment m, long k, long v) { m.set(L.S_LE, k * 2L, (short) v); }
    },
    U16_BE(2, Kind.UNSIGNED) {
        @Override public long getLong(MemorySegment m, long off) { return m.get(L.S_BE, off) & 0xffffL; }
        @Override public void setLong(MemorySegment m, long off, long v) { m.set(L.S_BE, off, (short) v); }
        @Override public long getLongAt(MemorySegment m, long k) { return m.get(L.S_BE, k * 2L) & 0xffffL; }
        @Override public void setLongAt(MemorySegment m, long k, long v) { m.set(L.S_BE, k * 2L, (short) v); }
    },
    I32_LE(4, Kind.SIGNED) {
        @Override public long getLong(MemorySegment m, long off) { return m.get(L.I_LE, off); }
        @Override public void setLong(MemorySegment m, long off, long v) { m.set(L.I_LE, off, (int) v); }
        @Override public long getLongAt(MemorySegment m, long k) { return m.get(L.I_LE, k * 4L); }
        @Override public void setLongAt(MemorySegment m, long k, long v) { m.set(L.I_LE, k * 4L, (int) v); }
    },
    I32_BE(4, Kind.SIGNED) {
        @Override public long getLong(MemorySegment m, long off) { return m.get(L.I_BE, off); }
        @Override public void setLong(MemorySegment m, long off, long v) { m.set(L.I_BE, off, (int) v); }
        @Override public long getLongAt(MemorySegment m, long k) { return m.get(L.I_BE, k * 4L); }
        @Override public void setLongAt(MemorySegment m, long k, long v) { m.set(L.I_BE, k * 4L, (int) v); }
    },
    U32_LE(4, Kind.UNSIGNED) {
        @Override public long getLong(MemorySegment m, long off) { return m.get(L.I_LE, off) & 0xffffffffL; }
        @Override public void setLong(MemorySegment m, long off, long v) { m.set(L.I_LE, off, (int) v); }
        @Override public long getLongAt(MemorySegment m, long k) { return m.get(L.I_LE, k * 4L) & 0xffffffffL; }
        @Override public void setLongAt(MemorySegment m, long k, long v) { m.set(L.I_LE, k * 4L, (int) v); }
    },
    U32_BE(4, Kind.UNSIGNED) {
        @Override public long getLong(MemorySegment m, long off) { return m.get(L.I_BE, off) & 0xffffffffL; }
        @Override public void setLong(MemorySegment m, long off, long v) { m.set(L.I_BE, off, (int) v); }
        @Override public long getLongAt(MemorySegment m, long k) { return m.get(L.I_BE, k * 4L) & 0xffffffffL; }
        @Override public void setLongAt(MemorySegment m, long k, long v) { m.set(L.I_BE, k * 4L, (int) v); }
    },
    I64_LE(8, Kind.SIGNED) {
        @Override public long getLong(MemorySegment m, long off) { return m.get(L.J_LE, off); }
        @Override public void setLong(MemorySegment m, long off, long v) { m.set(L.J_LE, off, v); }
        @Override public long getLongAt(MemorySegment m, long k) { return m.get(L.J_LE, k * 8L); }
        @Override public void setLongAt(MemorySegment m, long k, long v) { m.set(L.J_LE, k * 8L, v); }
    },
    I64_BE(8, Kind.SIGNED) {
        @Override public long getLong(MemorySegment m, long off) { return m.get(L.J_BE, off); }
        @Override public void setLong(MemorySegment m, long off, long v) { m.set(L.J_BE, off, v); }
        @Override public long getLongAt(MemorySegment m, long k) { return m.get(L.J_BE, k * 8L); }
        @Override public void setLongAt(MemorySegment m, long k, long v) { m.set(L.J_BE, k * 8L, v); }
    },
    U64_LE(8, Kind.UNSIGNED) {
        @Override public long getLong(MemorySegment m, long off) { return m.get(L.J_LE, off); }
        @Override public void setLong(MemorySegment m, long off, long v) { m.set(L.J_LE, off, v); }
        @Override public long getLongAt(MemorySegment m, long k) { return m.get(L.J_LE, k * 8L); }
        @Override public void setLongAt(MemorySegment m, long k, long v) { m.set(L.J_LE, k * 8L, v); }
    },
    U64_BE(8, Kind.UNSIGNED) {
        @Override public long getLong(MemorySegment m, long off) { return m.get(L.J_BE, off); }
        @Override public void setLong(MemorySegment m, long off, long v) { m.set(L.J_BE, off, v); }
        @Override public long getLongAt(MemorySegment m, long k) { return m.get(L.J_BE, k * 8L); }
        @Override public void setLongAt(MemorySegment m, long k, long v) { m.set(L.J_BE, k * 8L, v); }
    },
    F16_LE(2, Kind.FLOAT) {
        @Override public double getDouble(MemorySegment m, long off) { return Half.toDouble(m.get(L.S_LE, off)); }
        @Override public void setDouble(MemorySegment m, long off, double v) { m.set(L.S_LE, off, (short) Half.fromDouble(v)); }
        @Override public double getDoubleAt(MemorySegment m, long k) { return Half.toDouble(m.get(L.S_LE, k * 2L)); }
    },
    F16_BE(2, Kind.FLOAT) {
        @Override public double getDouble(MemorySegment m, long off) { return Half.toDouble(m.get(L.S_BE, off)); }
        @Override public void setDouble(MemorySegment m, long off, double v) { m.set(L.S_BE, off, (short) Half.fromDouble(v)); }
        @Override public double getDoubleAt(MemorySegment m, long k) { return Half.toDouble(m.get(L.S_BE, k * 2L)); }
    },
    F32_LE(4, Kind.FLOAT) {
        @Override public double getDouble(MemorySegment m, long off) { return m.get(L.F_LE, off); }
        @Override public void setDouble(MemorySegment m, long off, double v) { m.set(L.F_LE, off, (float) v); }
        @Override public double getDoubleAt(MemorySegment m, long k) { return m.get(L.F_LE, k * 4L); }
    },
    F32_BE(4, Kind.FLOAT) {
        @Override public double getDouble(MemorySegment m, long off) { return m.get(L.F_BE, off); }
        @Override public void setDouble(MemorySegment m, long off, double v) { m.set(L.F_BE, off, (float) v); }
        @Override public double getDoubleAt(MemorySegment m, long k) { return m.get(L.F_BE, k * 4L); }
    },
    F64_LE(8, Kind.FLOAT) {
        @Override public double getDouble(MemorySegment m, long off) { return m.get(L.D_LE, off); }
        @Override public void setDouble(MemorySegment m, long off, double v) { m.set(L.D_LE, off, v); }
        @Override public double getDoubleAt(MemorySegment m, long k) { return m.get(L.D_LE, k * 8L); }
    },
    F64_BE(8, Kind.FLOAT) {
        @Override public double getDouble(MemorySegment m, long off) { return m.get(L.D_BE, off); }
        @Override public void setDouble(MemorySegment m, long off, double v) { m.set(L.D_BE, off, v); }
        @Override public double getDoubleAt(MemorySegment m, long k) { return m.get(L.D_BE, k * 8L); }
    };

    /** What a scalar holds; decides how values convert. */
    public enum Kind { SIGNED, UNSIGNED, FLOAT, BOOL, CHAR }

    private final int size;
    private final Kind kind;

    Scalar(int size, Kind kind) {
        this.size = size;
        this.kind = kind;
    }

    /** {@return the size in bytes} */
    public int size() { return size; }

    /** {@return what this scalar holds} */
    public Kind kind() { return kind; }

    /** {@return whether this is one of the integer kinds (signed or unsigned)} */
    public boolean isInteger() { return kind == Kind.SIGNED || kind == Kind.UNSIGNED; }

    /**
     * The integer value at {@code off}: sign-extended for signed kinds, zero-extended for unsigned ones (a 64-bit
     * unsigned value comes back as its two's-complement bits), 0 or 1 for {@code BOOL}, the unsigned byte for
     * {@code CHAR}. Floating kinds answer their value truncated toward zero.
     */
    public long getLong(MemorySegment m, long off) {
        return (long) getDouble(m, off);
    }

    /** Stores the low {@code size} bytes of {@code v}; floating kinds store {@code v} converted to floating point. */
    public void setLong(MemorySegment m, long off, long v) {
        setDouble(m, off, v);
    }

    /**
     * {@link #getLong} of item {@code k} of a dense array of this scalar starting at byte 0 of {@code m}. Each
     * constant scales {@code k} by its literal size, so that loops over dense views compile like hand-written ones
     * (C2 vectorizes them).
     */
    public long getLongAt(MemorySegment m, long k) {
        return getLong(m, k * size);
    }

    /** {@link #setLong} of item {@code k} of a dense array of this scalar starting at byte 0 of {@code m}. */
    public void setLongAt(MemorySegment m, long k, long v) {
        setLong(m, k * size, v);
    }

    /** {@link #getDouble} of item {@code k} of a dense array of this scalar starting at byte 0 of {@code m}. */
    public double getDoubleAt(MemorySegment m, long k) {
        return getDouble(m, k * size);
    }

    /** The value at {@code off} as a double (unsigned 64-bit values converted as unsigned). */
    public double getDouble(MemorySegment m, long off) {
        long v = getLong(m, off);
        if (this == U64_LE || this == U64_BE) {
            return unsignedToDouble(v);
        }
        return v;
    }

    /** Stores {@code v}; only floating kinds take doubles (integer kinds are converted by the caller). */
    public void setDouble(MemorySegment m, long off, double v) {
        throw new UnsupportedOperationException("setDouble on " + this);
    }

    /** The Python value at {@code off}: {@code Long}/{@code BigInteger}, {@code Double}, {@code Boolean} or {@link Bytes}. */
    public Object get(MemorySegment m, long off) {
        return switch (kind) {
            case FLOAT -> getDouble(m, off);
            case UNSIGNED -> {
                long v = getLong(m, off);
                yield v >= 0 ? (Object) v : Values.unsignedToBig(v);
            }
            default -> getLong(m, off);
        };
    }

    /** {@code v}'s bits read as an unsigned 64-bit integer, rounded to the nearest double. */
    public static double unsignedToDouble(long v) {
        if (v >= 0) {
            return v;
        }
        // Halve with the lost bit folded into the sticky position so the final rounding is correct.
        return ((v >>> 1) | (v & 1)) * 2.0;
    }

    /** The scalar for an integer of {@code size} bytes at {@code order}. */
    public static Scalar integer(int size, boolean signed, ByteOrder order) {
        boolean le = order == ByteOrder.LITTLE_ENDIAN;
        return switch (size) {
            case 1 -> signed ? I8 : U8;
            case 2 -> signed ? (le ? I16_LE : I16_BE) : (le ? U16_LE : U16_BE);
            case 4 -> signed ? (le ? I32_LE : I32_BE) : (le ? U32_LE : U32_BE);
            case 8 -> signed ? (le ? I64_LE : I64_BE) : (le ? U64_LE : U64_BE);
            default -> throw new IllegalArgumentException("no " + size + "-byte integer scalar");
        };
    }

    /** The scalar for a floating-point value of {@code size} bytes at {@code order}. */
    public static Scalar floating(int size, ByteOrder order) {
        boolean le = order == ByteOrder.LITTLE_ENDIAN;
        return switch (size) {
            case 2 -> le ? F16_LE : F16_BE;
            case 4 -> le ? F32_LE : F32_BE;
            case 8 -> le ? F64_LE : F64_BE;
            default -> throw new IllegalArgumentException("no " + size + "-byte floating scalar");
        };
    }

    /** Constant layouts; a holder class so that enum initialisation order does not matter. */
    private static final class L {
        static final ValueLayout.OfShort S_LE = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
        static final ValueLayout.OfShort S_BE = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
        static final ValueLayout.OfInt I_LE = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
        static final ValueLayout.OfInt I_BE = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
        static final ValueLayout.OfLong J_LE = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
        static final ValueLayout.OfLong J_BE = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
        static final ValueLayout.OfFloat F_LE = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
        static final ValueLayout.OfFloat F_BE = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
        static final ValueLayout.OfDouble D_LE = ValueLayout.JAVA_DOUBLE_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
        static final ValueLayout.OfDouble D_BE = ValueLayout.JAVA_DOUBLE_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    }
}
