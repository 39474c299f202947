package io.memview.internal.format;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Segment accesses that stay fast when a program uses several kinds of memory. A {@code MemorySegment} access
 * compiles to one load only when the JIT knows the segment's implementation class; at a call site that has seen heap,
 * native and mapped segments (any program that uses memview with more than one kind of memory) it sees three or more
 * classes, stops inlining the segment's internals, and every access becomes a chain of virtual calls: about 40 ns
 * instead of under 1 (measured: {@code ItemAccessBench.getLong1dRawPolluted}, 1 Mi items in 46 ms instead of 0.5).
 *
 * <p>Each method here tests the class first — native and mapped segments with one {@code isInstance} against the
 * native implementation class (mapped segments are a subclass of it that overrides none of the access methods),
 * {@code byte[]} segments with an exact class compare — so that in each branch the JIT knows the class and the access
 * compiles to a load whatever the profile says; a monomorphic caller pays nothing (branches never taken are pruned).
 * Each method has its layout as a constant of its own, never a parameter: a polluted program compiles these methods
 * on their own (too big to inline once compiled with every branch), and a layout that is not a constant would make
 * every access look the layout up again.
 *
 * <p>Generated: one get/set pair per value layout; keep them alike.
 */
public final class Mem {
    private Mem() {}

    /** The native segment implementation; mapped segments are a subclass of it. */
    private static final Class<? extends MemorySegment> NATIVE = MemorySegment.NULL.getClass();
    /** The implementation of segments over {@code byte[]}. */
    private static final Class<? extends MemorySegment> HEAP = MemorySegment.ofArray(new byte[0]).getClass();

    private static final ValueLayout.OfByte BYTE = ValueLayout.JAVA_BYTE;

    public static byte getByte(MemorySegment m, long off) {
        if (NATIVE.isInstance(m)) {
            return NATIVE.cast(m).get(BYTE, off);
        }
        if (m.getClass() == HEAP) {
            return m.get(BYTE, off);
        }
        return m.get(BYTE, off);
    }

    public static void setByte(MemorySegment m, long off, byte v) {
        if (NATIVE.isInstance(m)) {
            NATIVE.cast(m).set(BYTE, off, v);
        } else if (m.getClass() == HEAP) {
            m.set(BYTE, off, v);
        } else {
            m.set(BYTE, off, v);
        }
    }

    private static final ValueLayout.OfShort SHORTLE = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    public static short getShortLE(MemorySegment m, long off) {
        if (NATIVE.isInstance(m)) {
            return NATIVE.cast(m).get(SHORTLE, off);
        }
        if (m.getClass() == HEAP) {
            return m.get(SHORTLE, off);
        }
        return m.get(SHORTLE, off);
    }

    public static void setShortLE(MemorySegment m, long off, short v) {
        if (NATIVE.isInstance(m)) {
            NATIVE.cast(m).set(SHORTLE, off, v);
        } else if (m.getClass() == HEAP) {
            m.set(SHORTLE, off, v);
        } else {
            m.set(SHORTLE, off, v);
        }
    }

    private static final ValueLayout.OfShort SHORTBE = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

    public static short getShortBE(MemorySegment m, long off) {
        if (NATIVE.isInstance(m)) {
            return NATIVE.cast(m).get(SHORTBE, off);
        }
        if (m.getClass() == HEAP) {
            return m.get(SHORTBE, off);
        }
        return m.get(SHORTBE, off);
    }

    public static void setShortBE(MemorySegment m, long off, short v) {
        if (NATIVE.isInstance(m)) {
            NATIVE.cast(m).set(SHORTBE, off, v);
        } else if (m.getClass() == HEAP) {
            m.set(SHORTBE, off, v);
        } else {
            m.set(SHORTBE, off, v);
        }
    }

    private static final ValueLayout.OfInt INTLE = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    public static int getIntLE(MemorySegment m, long off) {
        if (NATIVE.isInstance(m)) {
            return NATIVE.cast(m).get(INTLE, off);
        }
        if (m.getClass() == HEAP) {
            return m.get(INTLE, off);
        }
        return m.get(INTLE, off);
    }

    public static void setIntLE(MemorySegment m, long off, int v) {
        if (NATIVE.isInstance(m)) {
            NATIVE.cast(m).set(INTLE, off, v);
        } else if (m.getClass() == HEAP) {
            m.set(INTLE, off, v);
        } else {
            m.set(INTLE, off, v);
        }
    }

    private static final ValueLayout.OfInt INTBE = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

    public static int getIntBE(MemorySegment m, long off) {
        if (NATIVE.isInstance(m)) {
            return NATIVE.cast(m).get(INTBE, off);
        }
        if (m.getClass() == HEAP) {
            return m.get(INTBE, off);
        }
        return m.get(INTBE, off);
    }

    public static void setIntBE(MemorySegment m, long off, int v) {
        if (NATIVE.isInstance(m)) {
            NATIVE.cast(m).set(INTBE, off, v);
        } else if (m.getClass() == HEAP) {
            m.set(INTBE, off, v);
        } else {
            m.set(INTBE, off, v);
        }
    }

    private static final ValueLayout.OfLong LONGLE = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    public static long getLongLE(MemorySegment m, long off) {
        if (NATIVE.isInstance(m)) {
            return NATIVE.cast(m).get(LONGLE, off);
        }
        if (m.getClass() == HEAP) {
            return m.get(LONGLE, off);
        }
        return m.get(LONGLE, off);
    }

    public static void setLongLE(MemorySegment m, long off, long v) {
        if (NATIVE.isInstance(m)) {
            NATIVE.cast(m).set(LONGLE, off, v);
        } else if (m.getClass() == HEAP) {
            m.set(LONGLE, off, v);
        } else {
            m.set(LONGLE, off, v);
        }
    }

    private static final ValueLayout.OfLong LONGBE = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

    public static long getLongBE(MemorySegment m, long off) {
        if (NATIVE.isInstance(m)) {
            return NATIVE.cast(m).get(LONGBE, off);
        }
        if (m.getClass() == HEAP) {
            return m.get(LONGBE, off);
        }
        return m.get(LONGBE, off);
    }

    public static void setLongBE(MemorySegment m, long off, long v) {
        if (NATIVE.isInstance(m)) {
            NATIVE.cast(m).set(LONGBE, off, v);
        } else if (m.getClass() == HEAP) {
            m.set(LONGBE, off, v);
        } else {
            m.set(LONGBE, off, v);
        }
    }

    private static final ValueLayout.OfFloat FLOATLE = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    public static float getFloatLE(MemorySegment m, long off) {
        if (NATIVE.isInstance(m)) {
            return NATIVE.cast(m).get(FLOATLE, off);
        }
        if (m.getClass() == HEAP) {
            return m.get(FLOATLE, off);
        }
        return m.get(FLOATLE, off);
    }

    public static void setFloatLE(MemorySegment m, long off, float v) {
        if (NATIVE.isInstance(m)) {
            NATIVE.cast(m).set(FLOATLE, off, v);
        } else if (m.getClass() == HEAP) {
            m.set(FLOATLE, off, v);
        } else {
            m.set(FLOATLE, off, v);
        }
    }

    private static final ValueLayout.OfFloat FLOATBE = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

    public static float getFloatBE(MemorySegment m, long off) {
        if (NATIVE.isInstance(m)) {
            return NATIVE.cast(m).get(FLOATBE, off);
        }
        if (m.getClass() == HEAP) {
            return m.get(FLOATBE, off);
        }
        return m.get(FLOATBE, off);
    }

    public static void setFloatBE(MemorySegment m, long off, float v) {
        if (NATIVE.isInstance(m)) {
            NATIVE.cast(m).set(FLOATBE, off, v);
        } else if (m.getClass() == HEAP) {
            m.set(FLOATBE, off, v);
        } else {
            m.set(FLOATBE, off, v);
        }
    }

    private static final ValueLayout.OfDouble DOUBLELE = ValueLayout.JAVA_DOUBLE_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    public static double getDoubleLE(MemorySegment m, long off) {
        if (NATIVE.isInstance(m)) {
            return NATIVE.cast(m).get(DOUBLELE, off);
        }
        if (m.getClass() == HEAP) {
            return m.get(DOUBLELE, off);
        }
        return m.get(DOUBLELE, off);
    }

    public static void setDoubleLE(MemorySegment m, long off, double v) {
        if (NATIVE.isInstance(m)) {
            NATIVE.cast(m).set(DOUBLELE, off, v);
        } else if (m.getClass() == HEAP) {
            m.set(DOUBLELE, off, v);
        } else {
            m.set(DOUBLELE, off, v);
        }
    }

    private static final ValueLayout.OfDouble DOUBLEBE = ValueLayout.JAVA_DOUBLE_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

    public static double getDoubleBE(MemorySegment m, long off) {
        if (NATIVE.isInstance(m)) {
            return NATIVE.cast(m).get(DOUBLEBE, off);
        }
        if (m.getClass() == HEAP) {
            return m.get(DOUBLEBE, off);
        }
        return m.get(DOUBLEBE, off);
    }

    public static void setDoubleBE(MemorySegment m, long off, double v) {
        if (NATIVE.isInstance(m)) {
            NATIVE.cast(m).set(DOUBLEBE, off, v);
        } else if (m.getClass() == HEAP) {
            m.set(DOUBLEBE, off, v);
        } else {
            m.set(DOUBLEBE, off, v);
        }
    }
}
