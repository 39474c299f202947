package io.memview.internal.format;

import io.memview.Bytes;

import java.lang.foreign.MemorySegment;
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
        @Override public long getLong(MemorySegment m, long off) { return Mem.getByte(m, off) & 0xffL; }
        @Override public void setLong(MemorySegment m, long off, long v) { Mem.setByte(m, off, (byte) v); }
        @Override public Object get(MemorySegment m, long off) { return Bytes.ofByte(Mem.getByte(m, off)); }
        @Override public long getLongAt(MemorySegment m, long k) { return Mem.getByte(m, k) & 0xffL; }
        @Override public long getLongAt(MemorySegment m, long base, long k) { return Mem.getByte(m, base + k) & 0xffL; }
        @Override public void setLongAt(MemorySegment m, long k, long v) { Mem.setByte(m, k, (byte) v); }
    },
    BOOL(1, Kind.BOOL) {
        @Override public long getLong(MemorySegment m, long off) { return Mem.getByte(m, off) != 0 ? 1 : 0; }
        @Override public void setLong(MemorySegment m, long off, long v) { Mem.setByte(m, off, (byte) v); }
        @Override public Object get(MemorySegment m, long off) { return Mem.getByte(m, off) != 0; }
        @Override public long getLongAt(MemorySegment m, long k) { return Mem.getByte(m, k) != 0 ? 1 : 0; }
        @Override public long getLongAt(MemorySegment m, long base, long k) { return Mem.getByte(m, base + k) != 0 ? 1 : 0; }
        @Override public void setLongAt(MemorySegment m, long k, long v) { Mem.setByte(m, k, (byte) v); }
    },
    I8(1, Kind.SIGNED) {
        @Override public long getLong(MemorySegment m, long off) { return Mem.getByte(m, off); }
        @Override public void setLong(MemorySegment m, long off, long v) { Mem.setByte(m, off, (byte) v); }
        @Override public long getLongAt(MemorySegment m, long k) { return Mem.getByte(m, k); }
        @Override public long getLongAt(MemorySegment m, long base, long k) { return Mem.getByte(m, base + k); }
        @Override public void setLongAt(MemorySegment m, long k, long v) { Mem.setByte(m, k, (byte) v); }
        @Override public boolean fits(long v) { return (byte) v == v; }
    },
    U8(1, Kind.UNSIGNED) {
        @Override public long getLong(MemorySegment m, long off) { return Mem.getByte(m, off) & 0xffL; }
        @Override public void setLong(MemorySegment m, long off, long v) { Mem.setByte(m, off, (byte) v); }
        @Override public long getLongAt(MemorySegment m, long k) { return Mem.getByte(m, k) & 0xffL; }
        @Override public long getLongAt(MemorySegment m, long base, long k) { return Mem.getByte(m, base + k) & 0xffL; }
        @Override public void setLongAt(MemorySegment m, long k, long v) { Mem.setByte(m, k, (byte) v); }
        @Override public boolean fits(long v) { return v >>> 8 == 0; }
    },
    I16_LE(2, Kind.SIGNED) {
        @Override public long getLong(MemorySegment m, long off) { return Mem.getShortLE(m, off); }
        @Override public void setLong(MemorySegment m, long off, long v) { Mem.setShortLE(m, off, (short) v); }
        @Override public long getLongAt(MemorySegment m, long k) { return Mem.getShortLE(m, k * 2L); }
        @Override public long getLongAt(MemorySegment m, long base, long k) { return Mem.getShortLE(m, base + k * 2L); }
        @Override public void setLongAt(MemorySegment m, long k, long v) { Mem.setShortLE(m, k * 2L, (short) v); }
        @Override public boolean fits(long v) { return (short) v == v; }
    },
    I16_BE(2, Kind.SIGNED) {
        @Override public long getLong(MemorySegment m, long off) { return Mem.getShortBE(m, off); }
        @Override public void setLong(MemorySegment m, long off, long v) { Mem.setShortBE(m, off, (short) v); }
        @Override public long getLongAt(MemorySegment m, long k) { return Mem.getShortBE(m, k * 2L); }
        @Override public long getLongAt(MemorySegment m, long base, long k) { return Mem.getShortBE(m, base + k * 2L); }
        @Override public void setLongAt(MemorySegment m, long k, long v) { Mem.setShortBE(m, k * 2L, (short) v); }
        @Override public boolean fits(long v) { return (short) v == v; }
    },
    U16_LE(2, Kind.UNSIGNED) {
        @Override public long getLong(MemorySegment m, long off) { return Mem.getShortLE(m, off) & 0xffffL; }
        @Override public void setLong(MemorySegment m, long off, long v) { Mem.setShortLE(m, off, (short) v); }
        @Override public long getLongAt(MemorySegment m, long k) { return Mem.getShortLE(m, k * 2L) & 0xffffL; }
        @Override public long getLongAt(MemorySegment m, long base, long k) { return Mem.getShortLE(m, base + k * 2L) & 0xffffL; }
        @Override public void setLongAt(MemorySegment m, long k, long v) { Mem.setShortLE(m, k * 2L, (short) v); }
        @Override public boolean fits(long v) { return v >>> 16 == 0; }
    },
    U16_BE(2, Kind.UNSIGNED) {
        @Override public long getLong(MemorySegment m, long off) { return Mem.getShortBE(m, off) & 0xffffL; }
        @Override public void setLong(MemorySegment m, long off, long v) { Mem.setShortBE(m, off, (short) v); }
        @Override public long getLongAt(MemorySegment m, long k) { return Mem.getShortBE(m, k * 2L) & 0xffffL; }
        @Override public long getLongAt(MemorySegment m, long base, long k) { return Mem.getShortBE(m, base + k * 2L) & 0xffffL; }
        @Override public void setLongAt(MemorySegment m, long k, long v) { Mem.setShortBE(m, k * 2L, (short) v); }
        @Override public boolean fits(long v) { return v >>> 16 == 0; }
    },
    I32_LE(4, Kind.SIGNED) {
        @Override public long getLong(MemorySegment m, long off) { return Mem.getIntLE(m, off); }
        @Override public void setLong(MemorySegment m, long off, long v) { Mem.setIntLE(m, off, (int) v); }
        @Override public long getLongAt(MemorySegment m, long k) { return Mem.getIntLE(m, k * 4L); }
        @Override public long getLongAt(MemorySegment m, long base, long k) { return Mem.getIntLE(m, base + k * 4L); }
        @Override public void setLongAt(MemorySegment m, long k, long v) { Mem.setIntLE(m, k * 4L, (int) v); }
        @Override public boolean fits(long v) { return (int) v == v; }
    },
    I32_BE(4, Kind.SIGNED) {
        @Override public long getLong(MemorySegment m, long off) { return Mem.getIntBE(m, off); }
        @Override public void setLong(MemorySegment m, long off, long v) { Mem.setIntBE(m, off, (int) v); }
        @Override public long getLongAt(MemorySegment m, long k) { return Mem.getIntBE(m, k * 4L); }
        @Override public long getLongAt(MemorySegment m, long base, long k) { return Mem.getIntBE(m, base + k * 4L); }
        @Override public void setLongAt(MemorySegment m, long k, long v) { Mem.setIntBE(m, k * 4L, (int) v); }
        @Override public boolean fits(long v) { return (int) v == v; }
    },
    U32_LE(4, Kind.UNSIGNED) {
        @Override public long getLong(MemorySegment m, long off) { return Mem.getIntLE(m, off) & 0xffffffffL; }
        @Override public void setLong(MemorySegment m, long off, long v) { Mem.setIntLE(m, off, (int) v); }
        @Override public long getLongAt(MemorySegment m, long k) { return Mem.getIntLE(m, k * 4L) & 0xffffffffL; }
        @Override public long getLongAt(MemorySegment m, long base, long k) { return Mem.getIntLE(m, base + k * 4L) & 0xffffffffL; }
        @Override public void setLongAt(MemorySegment m, long k, long v) { Mem.setIntLE(m, k * 4L, (int) v); }
        @Override public boolean fits(long v) { return v >>> 32 == 0; }
    },
    U32_BE(4, Kind.UNSIGNED) {
        @Override public long getLong(MemorySegment m, long off) { return Mem.getIntBE(m, off) & 0xffffffffL; }
        @Override public void setLong(MemorySegment m, long off, long v) { Mem.setIntBE(m, off, (int) v); }
        @Override public long getLongAt(MemorySegment m, long k) { return Mem.getIntBE(m, k * 4L) & 0xffffffffL; }
        @Override public long getLongAt(MemorySegment m, long base, long k) { return Mem.getIntBE(m, base + k * 4L) & 0xffffffffL; }
        @Override public void setLongAt(MemorySegment m, long k, long v) { Mem.setIntBE(m, k * 4L, (int) v); }
        @Override public boolean fits(long v) { return v >>> 32 == 0; }
    },
    I64_LE(8, Kind.SIGNED) {
        @Override public long getLong(MemorySegment m, long off) { return Mem.getLongLE(m, off); }
        @Override public void setLong(MemorySegment m, long off, long v) { Mem.setLongLE(m, off, v); }
        @Override public long getLongAt(MemorySegment m, long k) { return Mem.getLongLE(m, k * 8L); }
        @Override public long getLongAt(MemorySegment m, long base, long k) { return Mem.getLongLE(m, base + k * 8L); }
        @Override public void setLongAt(MemorySegment m, long k, long v) { Mem.setLongLE(m, k * 8L, v); }
        @Override public boolean fits(long v) { return true; }
    },
    I64_BE(8, Kind.SIGNED) {
        @Override public long getLong(MemorySegment m, long off) { return Mem.getLongBE(m, off); }
        @Override public void setLong(MemorySegment m, long off, long v) { Mem.setLongBE(m, off, v); }
        @Override public long getLongAt(MemorySegment m, long k) { return Mem.getLongBE(m, k * 8L); }
        @Override public long getLongAt(MemorySegment m, long base, long k) { return Mem.getLongBE(m, base + k * 8L); }
        @Override public void setLongAt(MemorySegment m, long k, long v) { Mem.setLongBE(m, k * 8L, v); }
        @Override public boolean fits(long v) { return true; }
    },
    U64_LE(8, Kind.UNSIGNED) {
        @Override public long getLong(MemorySegment m, long off) { return Mem.getLongLE(m, off); }
        @Override public void setLong(MemorySegment m, long off, long v) { Mem.setLongLE(m, off, v); }
        @Override public long getLongAt(MemorySegment m, long k) { return Mem.getLongLE(m, k * 8L); }
        @Override public long getLongAt(MemorySegment m, long base, long k) { return Mem.getLongLE(m, base + k * 8L); }
        @Override public void setLongAt(MemorySegment m, long k, long v) { Mem.setLongLE(m, k * 8L, v); }
        @Override public boolean fits(long v) { return v >= 0; }
    },
    U64_BE(8, Kind.UNSIGNED) {
        @Override public long getLong(MemorySegment m, long off) { return Mem.getLongBE(m, off); }
        @Override public void setLong(MemorySegment m, long off, long v) { Mem.setLongBE(m, off, v); }
        @Override public long getLongAt(MemorySegment m, long k) { return Mem.getLongBE(m, k * 8L); }
        @Override public long getLongAt(MemorySegment m, long base, long k) { return Mem.getLongBE(m, base + k * 8L); }
        @Override public void setLongAt(MemorySegment m, long k, long v) { Mem.setLongBE(m, k * 8L, v); }
        @Override public boolean fits(long v) { return v >= 0; }
    },
    F16_LE(2, Kind.FLOAT) {
        @Override public double getDouble(MemorySegment m, long off) { return Half.toDouble(Mem.getShortLE(m, off)); }
        @Override public void setDouble(MemorySegment m, long off, double v) { Mem.setShortLE(m, off, (short) Half.fromDouble(v)); }
        @Override public double getDoubleAt(MemorySegment m, long k) { return Half.toDouble(Mem.getShortLE(m, k * 2L)); }
    },
    F16_BE(2, Kind.FLOAT) {
        @Override public double getDouble(MemorySegment m, long off) { return Half.toDouble(Mem.getShortBE(m, off)); }
        @Override public void setDouble(MemorySegment m, long off, double v) { Mem.setShortBE(m, off, (short) Half.fromDouble(v)); }
        @Override public double getDoubleAt(MemorySegment m, long k) { return Half.toDouble(Mem.getShortBE(m, k * 2L)); }
    },
    F32_LE(4, Kind.FLOAT) {
        @Override public double getDouble(MemorySegment m, long off) { return Mem.getFloatLE(m, off); }
        @Override public void setDouble(MemorySegment m, long off, double v) { Mem.setFloatLE(m, off, (float) v); }
        @Override public double getDoubleAt(MemorySegment m, long k) { return Mem.getFloatLE(m, k * 4L); }
        @Override public double getDoubleAt(MemorySegment m, long base, long k) { return Mem.getFloatLE(m, base + k * 4L); }
    },
    F32_BE(4, Kind.FLOAT) {
        @Override public double getDouble(MemorySegment m, long off) { return Mem.getFloatBE(m, off); }
        @Override public void setDouble(MemorySegment m, long off, double v) { Mem.setFloatBE(m, off, (float) v); }
        @Override public double getDoubleAt(MemorySegment m, long k) { return Mem.getFloatBE(m, k * 4L); }
        @Override public double getDoubleAt(MemorySegment m, long base, long k) { return Mem.getFloatBE(m, base + k * 4L); }
    },
    F64_LE(8, Kind.FLOAT) {
        @Override public double getDouble(MemorySegment m, long off) { return Mem.getDoubleLE(m, off); }
        @Override public void setDouble(MemorySegment m, long off, double v) { Mem.setDoubleLE(m, off, v); }
        @Override public double getDoubleAt(MemorySegment m, long k) { return Mem.getDoubleLE(m, k * 8L); }
        @Override public double getDoubleAt(MemorySegment m, long base, long k) { return Mem.getDoubleLE(m, base + k * 8L); }
    },
    F64_BE(8, Kind.FLOAT) {
        @Override public double getDouble(MemorySegment m, long off) { return Mem.getDoubleBE(m, off); }
        @Override public void setDouble(MemorySegment m, long off, double v) { Mem.setDoubleBE(m, off, v); }
        @Override public double getDoubleAt(MemorySegment m, long k) { return Mem.getDoubleBE(m, k * 8L); }
        @Override public double getDoubleAt(MemorySegment m, long base, long k) { return Mem.getDoubleBE(m, base + k * 8L); }
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

    /**
     * {@return whether {@code v} is a value of this integer type} (signed or unsigned as the kind says; false for the
     * other kinds). A check each constant makes with a literal width, cheaper than comparing with bounds loaded from
     * memory, and one the JIT removes when it knows the value's range.
     */
    public boolean fits(long v) {
        return false;
    }

    /**
     * {@link #getLong} of item {@code k} of a dense row of this scalar starting at byte {@code base} of {@code m}:
     * as {@link #getLongAt(MemorySegment, long)}, each integer constant scales {@code k} by its literal size, so that
     * a loop along a contiguous row of an N-d view compiles like a hand-written one.
     */
    public long getLongAt(MemorySegment m, long base, long k) {
        return getLong(m, base + k * size);
    }

    /** {@link #setLong} of item {@code k} of a dense array of this scalar starting at byte 0 of {@code m}. */
    public void setLongAt(MemorySegment m, long k, long v) {
        setLong(m, k * size, v);
    }

    /** {@link #getDouble} of item {@code k} of a dense array of this scalar starting at byte 0 of {@code m}. */
    public double getDoubleAt(MemorySegment m, long k) {
        return getDouble(m, k * size);
    }

    /**
     * {@link #getDouble} of item {@code k} of a dense row starting at byte {@code base} of {@code m}; see
     * {@link #getLongAt(MemorySegment, long, long)}.
     */
    public double getDoubleAt(MemorySegment m, long base, long k) {
        return getDouble(m, base + k * size);
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
}
