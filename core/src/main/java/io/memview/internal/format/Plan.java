package io.memview.internal.format;

import io.memview.Bytes;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * A format compiled for speed: one entry per value, with its codec and its byte offset in the struct, so that
 * unpacking or packing a struct is one loop over flat arrays — no run bookkeeping, no repeat counts, no per-call
 * lookups. Each value dispatches on a small {@code int} ({@code switch} compiles to a jump table whose cases inline the
 * {@link Mem} accessor and the boxing), never on a virtual method: {@link Scalar}'s per-constant overrides are one
 * call site for every format, megamorphic in any program that uses several.
 *
 * <p>Packing checks the common value types inline ({@code Long} and {@code Integer} against the field's range,
 * {@code Double} for floats) and leaves everything else, and every failure, to {@link Values}, so that the accepted
 * values and the error messages are exactly those of the general path.
 *
 * <p>The codecs come twice: over any {@link MemorySegment}, and over a {@code byte[]} through array view handles.
 * {@code struct} calls on a {@code byte[]} (the usual case) would otherwise wrap it in a new segment per call, which
 * the JIT removes only when it inlines the whole unpack or pack, and it often does not (a hot loop compiled on its own
 * is too big to inline afterwards): two more objects per call, and a segment's checks on every access.
 *
 * <p>Only formats of at most {@link #LIMIT} values get a plan; longer ones use {@link Format}'s run loop.
 */
final class Plan {
    /** The most values a plan holds. */
    static final int LIMIT = 256;

    // The codecs: integers that fit a long (boxed as Long), 64-bit unsigned, floats, then the rest. The order
    // matters: value() and put() dispatch on ranges first so that each switch stays small enough to inline.
    private static final int I8 = 0;
    private static final int U8 = 1;
    private static final int I16LE = 2;
    private static final int I16BE = 3;
    private static final int U16LE = 4;
    private static final int U16BE = 5;
    private static final int I32LE = 6;
    private static final int I32BE = 7;
    private static final int U32LE = 8;
    private static final int U32BE = 9;
    private static final int I64LE = 10;
    private static final int I64BE = 11;
    private static final int U64LE = 12;
    private static final int U64BE = 13;
    private static final int F16LE = 14;
    private static final int F16BE = 15;
    private static final int F32LE = 16;
    private static final int F32BE = 17;
    private static final int F64LE = 18;
    private static final int F64BE = 19;
    private static final int CHAR = 20;
    private static final int BOOL = 21;
    private static final int S = 22;
    private static final int P = 23;

    /** How many values. */
    final int n;
    /** The codec of each value. */
    private final byte[] ops;
    /** The byte offset of each value within the struct. */
    private final long[] offsets;
    /** The length of each {@code s}/{@code p} value (the field's count); 0 for scalars. */
    private final long[] lengths;
    /** The range of {@code long} values each integer field takes without further checks (empty for others). */
    private final long[] lo;
    private final long[] hi;
    /** The run of each value: its code, scalar and mode, for the general conversions and their messages. */
    private final Field[] runs;

    private Plan(int n) {
        this.n = n;
        this.ops = new byte[n];
        this.offsets = new long[n];
        this.lengths = new long[n];
        this.lo = new long[n];
        this.hi = new long[n];
        this.runs = new Field[n];
    }

    /** The plan of {@code fields}, which produce {@code valueCount} values; {@code null} above {@link #LIMIT}. */
    static Plan of(Field[] fields, long valueCount) {
        if (valueCount > LIMIT) {
            return null;
        }
        Plan p = new Plan((int) valueCount);
        int k = 0;
        for (Field f : fields) {
            switch (f.code()) {
                case 'x' -> { }
                case 's', 'p' -> {
                    p.set(k++, f.code() == 's' ? S : P, f.offset(), f);
                }
                default -> {
                    int op = op(f.scalar());
                    long off = f.offset();
                    for (long c = f.count(); c > 0; c--, off += f.size()) {
                        p.set(k++, op, off, f);
                    }
                }
            }
        }
        return p;
    }

    private void set(int k, int op, long offset, Field f) {
        ops[k] = (byte) op;
        offsets[k] = offset;
        runs[k] = f;
        lengths[k] = op == S || op == P ? f.count() : 0;
        long[] r = range(f);
        lo[k] = r[0];
        hi[k] = r[1];
    }

    /** The values an integer field takes as they are: its C range ({@code P}: any long); empty for other fields. */
    private static long[] range(Field f) {
        Scalar s = f.scalar();
        if (s == null || !s.isInteger()) {
            return new long[] {0, -1};
        }
        int bits = s.size() * 8;
        if (f.code() == 'P' || (s.kind() == Scalar.Kind.SIGNED && bits == 64)) {
            return new long[] {Long.MIN_VALUE, Long.MAX_VALUE};
        }
        if (s.kind() == Scalar.Kind.UNSIGNED) {
            return new long[] {0, bits == 64 ? Long.MAX_VALUE : (1L << bits) - 1};
        }
        return new long[] {-1L << (bits - 1), ~(-1L << (bits - 1))};
    }

    private static int op(Scalar s) {
        return switch (s) {
            case CHAR -> CHAR;
            case BOOL -> BOOL;
            case I8 -> I8;
            case U8 -> U8;
            case I16_LE -> I16LE;
            case I16_BE -> I16BE;
            case U16_LE -> U16LE;
            case U16_BE -> U16BE;
            case I32_LE -> I32LE;
            case I32_BE -> I32BE;
            case U32_LE -> U32LE;
            case U32_BE -> U32BE;
            case I64_LE -> I64LE;
            case I64_BE -> I64BE;
            case U64_LE -> U64LE;
            case U64_BE -> U64BE;
            case F16_LE -> F16LE;
            case F16_BE -> F16BE;
            case F32_LE -> F32LE;
            case F32_BE -> F32BE;
            case F64_LE -> F64LE;
            case F64_BE -> F64BE;
        };
    }

    // ------------------------------------------------------------------------------------------------ unpacking

    /** Unpacks the struct at {@code base} into {@code out[pos ..]}. */
    void unpack(MemorySegment m, long base, Object[] out, int pos) {
        for (int k = 0; k < n; k++) {
            out[pos + k] = value(k, m, base);
        }
    }

    /**
     * The Python value of value {@code k} of the struct at {@code base}. Each step is a small method (C2 inlines a hot
     * call only up to 325 bytes of bytecode; one switch over every codec would be larger and stay a call, and the
     * segment and the boxes it touches would then escape).
     */
    Object value(int k, MemorySegment m, long base) {
        long off = base + offsets[k];
        int op = ops[k];
        if (op <= I64BE) {
            return integer(op, m, off);
        }
        if (op >= F16LE && op <= F64BE) {
            return floating(op, m, off);
        }
        return other(k, op, m, off);
    }

    private static long integer(int op, MemorySegment m, long off) {
        return switch (op) {
            case I8 -> Mem.getByte(m, off);
            case U8 -> Mem.getByte(m, off) & 0xff;
            case I16LE -> Mem.getShortLE(m, off);
            case I16BE -> Mem.getShortBE(m, off);
            case U16LE -> Mem.getShortLE(m, off) & 0xffff;
            case U16BE -> Mem.getShortBE(m, off) & 0xffff;
            case I32LE -> Mem.getIntLE(m, off);
            case I32BE -> Mem.getIntBE(m, off);
            case U32LE -> Mem.getIntLE(m, off) & 0xffffffffL;
            case U32BE -> Mem.getIntBE(m, off) & 0xffffffffL;
            case I64LE -> Mem.getLongLE(m, off);
            default -> Mem.getLongBE(m, off);
        };
    }

    private static double floating(int op, MemorySegment m, long off) {
        return switch (op) {
            case F16LE -> Half.toDouble(Mem.getShortLE(m, off));
            case F16BE -> Half.toDouble(Mem.getShortBE(m, off));
            case F32LE -> Mem.getFloatLE(m, off);
            case F32BE -> Mem.getFloatBE(m, off);
            case F64LE -> Mem.getDoubleLE(m, off);
            default -> Mem.getDoubleBE(m, off);
        };
    }

    private Object other(int k, int op, MemorySegment m, long off) {
        return switch (op) {
            case U64LE -> unsigned64(Mem.getLongLE(m, off));
            case U64BE -> unsigned64(Mem.getLongBE(m, off));
            case CHAR -> Bytes.ofByte(Mem.getByte(m, off));
            case BOOL -> Mem.getByte(m, off) != 0;
            case S -> Bytes.copyOf(m, off, lengths[k]);
            default -> pascal(m, off, lengths[k]);
        };
    }

    private static Object unsigned64(long v) {
        return v >= 0 ? (Object) v : Values.unsignedToBig(v);
    }

    private static Bytes pascal(MemorySegment m, long off, long count) {
        if (count == 0) {
            // '0p' has no bytes, not even the length byte: off + 1 may lie past the buffer
            return Bytes.of();
        }
        long n = Math.min(m.get(ValueLayout.JAVA_BYTE, off) & 0xff, count - 1);
        return Bytes.copyOf(m, off + 1, n);
    }

    // -------------------------------------------------------------------------------------------------- packing

    /**
     * Packs {@code args[pos ..]} into the struct at {@code base}, value by value in order (so the first bad value is
     * the one reported). Pad bytes and the unused tails of strings are left as they are: the caller zeroes them.
     */
    void pack(MemorySegment m, long base, Object[] args, int pos, Values.Style style) {
        for (int k = 0; k < n; k++) {
            put(k, m, base + offsets[k], args[pos + k], style);
        }
    }

    private void put(int k, MemorySegment m, long off, Object v, Values.Style style) {
        int op = ops[k];
        if (op <= U64BE) {
            putInteger(op, m, off, bits(k, v, style));
        } else if (op <= F64BE) {
            putFloating(op, m, off, doubleValue(k, op, v, style));
        } else {
            putOther(k, op, m, off, v, style);
        }
    }

    private static void putInteger(int op, MemorySegment m, long off, long x) {
        switch (op) {
            case I8, U8 -> Mem.setByte(m, off, (byte) x);
            case I16LE, U16LE -> Mem.setShortLE(m, off, (short) x);
            case I16BE, U16BE -> Mem.setShortBE(m, off, (short) x);
            case I32LE, U32LE -> Mem.setIntLE(m, off, (int) x);
            case I32BE, U32BE -> Mem.setIntBE(m, off, (int) x);
            case I64LE, U64LE -> Mem.setLongLE(m, off, x);
            default -> Mem.setLongBE(m, off, x);
        }
    }

    private static void putFloating(int op, MemorySegment m, long off, double x) {
        switch (op) {
            case F16LE -> Mem.setShortLE(m, off, (short) Half.fromDouble(x));
            case F16BE -> Mem.setShortBE(m, off, (short) Half.fromDouble(x));
            case F32LE -> Mem.setFloatLE(m, off, (float) x);
            case F32BE -> Mem.setFloatBE(m, off, (float) x);
            case F64LE -> Mem.setDoubleLE(m, off, x);
            default -> Mem.setDoubleBE(m, off, x);
        }
    }

    private void putOther(int k, int op, MemorySegment m, long off, Object v, Values.Style style) {
        switch (op) {
            case CHAR -> Mem.setByte(m, off, Values.charByte(v, runs[k].code(), style));
            case BOOL -> Mem.setByte(m, off, (byte) (Values.truth(v) ? 1 : 0));
            case S -> {
                byte[] b = Values.stringBytes(v, 's');
                long len = Math.min(b.length, lengths[k]);
                MemorySegment.copy(b, 0, m, ValueLayout.JAVA_BYTE, off, (int) len);
            }
            default -> {
                byte[] b = Values.stringBytes(v, 'p');
                long count = lengths[k];
                if (count > 0) {
                    long len = Math.min(b.length, count - 1);
                    MemorySegment.copy(b, 0, m, ValueLayout.JAVA_BYTE, off + 1, (int) len);
                    m.set(ValueLayout.JAVA_BYTE, off, (byte) Math.min(len, 255));
                }
            }
        }
    }

    // ---------------------------------------------------------------------------------------------- over byte[]

    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
    private static final ByteOrder BE = ByteOrder.BIG_ENDIAN;
    private static final VarHandle SHORT_LE = MethodHandles.byteArrayViewVarHandle(short[].class, LE);
    private static final VarHandle SHORT_BE = MethodHandles.byteArrayViewVarHandle(short[].class, BE);
    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, LE);
    private static final VarHandle INT_BE = MethodHandles.byteArrayViewVarHandle(int[].class, BE);
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, LE);
    private static final VarHandle LONG_BE = MethodHandles.byteArrayViewVarHandle(long[].class, BE);
    private static final VarHandle FLOAT_LE = MethodHandles.byteArrayViewVarHandle(float[].class, LE);
    private static final VarHandle FLOAT_BE = MethodHandles.byteArrayViewVarHandle(float[].class, BE);
    private static final VarHandle DOUBLE_LE = MethodHandles.byteArrayViewVarHandle(double[].class, LE);
    private static final VarHandle DOUBLE_BE = MethodHandles.byteArrayViewVarHandle(double[].class, BE);

    /** {@link #unpack(MemorySegment, long, Object[], int)} of the struct at index {@code base} of {@code a}. */
    void unpack(byte[] a, int base, Object[] out, int pos) {
        for (int k = 0; k < n; k++) {
            out[pos + k] = value(k, a, base);
        }
    }

    private Object value(int k, byte[] a, int base) {
        int off = base + (int) offsets[k];
        int op = ops[k];
        if (op <= I64BE) {
            return integer(op, a, off);
        }
        if (op >= F16LE && op <= F64BE) {
            return floating(op, a, off);
        }
        return switch (op) {
            case U64LE -> unsigned64((long) LONG_LE.get(a, off));
            case U64BE -> unsigned64((long) LONG_BE.get(a, off));
            case CHAR -> Bytes.ofByte(a[off]);
            case BOOL -> a[off] != 0;
            default -> other(k, op, MemorySegment.ofArray(a), off);
        };
    }

    private static long integer(int op, byte[] a, int off) {
        return switch (op) {
            case I8 -> a[off];
            case U8 -> a[off] & 0xff;
            case I16LE -> (short) SHORT_LE.get(a, off);
            case I16BE -> (short) SHORT_BE.get(a, off);
            case U16LE -> (short) SHORT_LE.get(a, off) & 0xffff;
            case U16BE -> (short) SHORT_BE.get(a, off) & 0xffff;
            case I32LE -> (int) INT_LE.get(a, off);
            case I32BE -> (int) INT_BE.get(a, off);
            case U32LE -> (int) INT_LE.get(a, off) & 0xffffffffL;
            case U32BE -> (int) INT_BE.get(a, off) & 0xffffffffL;
            case I64LE -> (long) LONG_LE.get(a, off);
            default -> (long) LONG_BE.get(a, off);
        };
    }

    private static double floating(int op, byte[] a, int off) {
        return switch (op) {
            case F16LE -> Half.toDouble((short) SHORT_LE.get(a, off));
            case F16BE -> Half.toDouble((short) SHORT_BE.get(a, off));
            case F32LE -> (float) FLOAT_LE.get(a, off);
            case F32BE -> (float) FLOAT_BE.get(a, off);
            case F64LE -> (double) DOUBLE_LE.get(a, off);
            default -> (double) DOUBLE_BE.get(a, off);
        };
    }

    /**
     * {@link #pack(MemorySegment, long, Object[], int, Values.Style)} into the struct at index {@code base} of
     * {@code a}.
     */
    void pack(byte[] a, int base, Object[] args, int pos, Values.Style style) {
        for (int k = 0; k < n; k++) {
            put(k, a, base + (int) offsets[k], args[pos + k], style);
        }
    }

    private void put(int k, byte[] a, int off, Object v, Values.Style style) {
        int op = ops[k];
        if (op <= U64BE) {
            putInteger(op, a, off, bits(k, v, style));
        } else if (op <= F64BE) {
            putFloating(op, a, off, doubleValue(k, op, v, style));
        } else {
            putOther(k, op, MemorySegment.ofArray(a), off, v, style);
        }
    }

    private static void putInteger(int op, byte[] a, int off, long x) {
        switch (op) {
            case I8, U8 -> a[off] = (byte) x;
            case I16LE, U16LE -> SHORT_LE.set(a, off, (short) x);
            case I16BE, U16BE -> SHORT_BE.set(a, off, (short) x);
            case I32LE, U32LE -> INT_LE.set(a, off, (int) x);
            case I32BE, U32BE -> INT_BE.set(a, off, (int) x);
            case I64LE, U64LE -> LONG_LE.set(a, off, x);
            default -> LONG_BE.set(a, off, x);
        }
    }

    private static void putFloating(int op, byte[] a, int off, double x) {
        switch (op) {
            case F16LE -> SHORT_LE.set(a, off, (short) Half.fromDouble(x));
            case F16BE -> SHORT_BE.set(a, off, (short) Half.fromDouble(x));
            case F32LE -> FLOAT_LE.set(a, off, (float) x);
            case F32BE -> FLOAT_BE.set(a, off, (float) x);
            case F64LE -> DOUBLE_LE.set(a, off, x);
            default -> DOUBLE_BE.set(a, off, x);
        }
    }

    // ------------------------------------------------------------------------------------------------- checks

    /** The bits to store for integer value {@code k}: a {@code Long} or {@code Integer} in range as it is. */
    private long bits(int k, Object v, Values.Style style) {
        long x;
        if (v instanceof Long l) {
            x = l;
        } else if (v instanceof Integer i) {
            x = i;
        } else {
            return integerBits(k, v, style);
        }
        if (x >= lo[k] && x <= hi[k]) {
            return x;
        }
        return integerBits(k, v, style);
    }

    private long integerBits(int k, Object v, Values.Style style) {
        Field f = runs[k];
        return Values.integerBits(v, f.code(), f.scalar(), f.code() == 'P', style);
    }

    /** The double to store for floating value {@code k}: a {@code Double} as it is for {@code d} (no range). */
    private double doubleValue(int k, int op, Object v, Values.Style style) {
        if (op >= F64LE && v instanceof Double d) {
            return d;
        }
        return checkedDouble(k, v, style);
    }

    /** The double for a floating value, checked against the field's range ({@code e} and {@code f}). */
    private double checkedDouble(int k, Object v, Values.Style style) {
        Field f = runs[k];
        double x = v instanceof Double d ? d : Values.toDouble(v, f.code(), style);
        Values.checkFloatRange(v, x, f.code(), f.scalar(), f.cCastFloat(), style);
        return x;
    }
}
