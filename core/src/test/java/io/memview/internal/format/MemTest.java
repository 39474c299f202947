package io.memview.internal.format;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.stream.Stream;

import static java.nio.ByteOrder.BIG_ENDIAN;
import static java.nio.ByteOrder.LITTLE_ENDIAN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every accessor of {@link Mem} on each of the three paths it takes: a native segment, a segment over a
 * {@code byte[]}, and any other segment (one over a {@code long[]}). The oracle is {@link ByteBuffer} with an explicit
 * byte order, which encodes the same value independently: what {@code Mem.setX} stores must be the bytes
 * {@code ByteBuffer.putX} produces, and {@code Mem.getX} must read back the value {@code ByteBuffer.putX} encoded.
 * Offsets are odd, so every access is unaligned.
 */
class MemTest {

    private static final int SIZE = 32;

    /** The three kinds of segment {@code Mem} tells apart. */
    enum Kind {
        NATIVE {
            @Override MemorySegment make(Arena a) { return a.allocate(SIZE); }
        },
        BYTE_ARRAY {
            @Override MemorySegment make(Arena a) { return MemorySegment.ofArray(new byte[SIZE]); }
        },
        LONG_ARRAY {
            @Override MemorySegment make(Arena a) { return MemorySegment.ofArray(new long[SIZE / 8]); }
        };

        abstract MemorySegment make(Arena a);
    }

    /**
     * One accessor pair: {@code value} stored by {@code set} at an offset must give the bytes {@code put} writes into
     * a ByteBuffer of order {@code order} at that offset.
     */
    record Accessor(String name, int size, ByteOrder order, Object value, Setter set,
                    BiFunction<MemorySegment, Long, Object> get, BiConsumer<ByteBuffer, Integer> put) {
        @Override public String toString() { return name; }
    }

    interface Setter {
        void set(MemorySegment m, long off, Object v);
    }

    static List<Accessor> accessors() {
        List<Accessor> list = new ArrayList<>();
        byte b = (byte) 0xC3;
        list.add(new Accessor("byte", 1, LITTLE_ENDIAN, b, (m, o, v) -> Mem.setByte(m, o, (byte) v), Mem::getByte,
                (bb, o) -> bb.put(o, b)));
        short s = (short) 0xA1B2;
        list.add(new Accessor("shortLE", 2, LITTLE_ENDIAN, s, (m, o, v) -> Mem.setShortLE(m, o, (short) v),
                Mem::getShortLE, (bb, o) -> bb.putShort(o, s)));
        list.add(new Accessor("shortBE", 2, BIG_ENDIAN, s, (m, o, v) -> Mem.setShortBE(m, o, (short) v),
                Mem::getShortBE, (bb, o) -> bb.putShort(o, s)));
        int i = 0x8192A3B4;
        list.add(new Accessor("intLE", 4, LITTLE_ENDIAN, i, (m, o, v) -> Mem.setIntLE(m, o, (int) v),
                Mem::getIntLE, (bb, o) -> bb.putInt(o, i)));
        list.add(new Accessor("intBE", 4, BIG_ENDIAN, i, (m, o, v) -> Mem.setIntBE(m, o, (int) v),
                Mem::getIntBE, (bb, o) -> bb.putInt(o, i)));
        long l = 0xF1E2D3C4B5A69788L;
        list.add(new Accessor("longLE", 8, LITTLE_ENDIAN, l, (m, o, v) -> Mem.setLongLE(m, o, (long) v),
                Mem::getLongLE, (bb, o) -> bb.putLong(o, l)));
        list.add(new Accessor("longBE", 8, BIG_ENDIAN, l, (m, o, v) -> Mem.setLongBE(m, o, (long) v),
                Mem::getLongBE, (bb, o) -> bb.putLong(o, l)));
        float f = -3.14159274e-7f;
        list.add(new Accessor("floatLE", 4, LITTLE_ENDIAN, f, (m, o, v) -> Mem.setFloatLE(m, o, (float) v),
                Mem::getFloatLE, (bb, o) -> bb.putFloat(o, f)));
        list.add(new Accessor("floatBE", 4, BIG_ENDIAN, f, (m, o, v) -> Mem.setFloatBE(m, o, (float) v),
                Mem::getFloatBE, (bb, o) -> bb.putFloat(o, f)));
        double d = -1.2345678901234567e300;
        list.add(new Accessor("doubleLE", 8, LITTLE_ENDIAN, d, (m, o, v) -> Mem.setDoubleLE(m, o, (double) v),
                Mem::getDoubleLE, (bb, o) -> bb.putDouble(o, d)));
        list.add(new Accessor("doubleBE", 8, BIG_ENDIAN, d, (m, o, v) -> Mem.setDoubleBE(m, o, (double) v),
                Mem::getDoubleBE, (bb, o) -> bb.putDouble(o, d)));
        return list;
    }

    static Stream<Arguments> accessorsOnEveryKind() {
        return accessors().stream().flatMap(a -> Stream.of(Kind.values()).map(k -> Arguments.of(a, k)));
    }

    private static byte[] encoded(Accessor a, int off) {
        ByteBuffer bb = ByteBuffer.allocate(SIZE).order(a.order());
        a.put().accept(bb, off);
        return bb.array();
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("accessorsOnEveryKind")
    void setStoresTheBytesByteBufferEncodes(Accessor a, Kind kind) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment m = kind.make(arena);
            a.set().set(m, 3, a.value());
            assertThat(m.toArray(ValueLayout.JAVA_BYTE)).as("%s on %s", a, kind).isEqualTo(encoded(a, 3));
        }
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("accessorsOnEveryKind")
    void getReadsTheValueByteBufferEncoded(Accessor a, Kind kind) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment m = kind.make(arena);
            int last = SIZE - a.size();
            byte[] bytes = encoded(a, 5);
            System.arraycopy(encoded(a, last), last, bytes, last, a.size());
            MemorySegment.copy(bytes, 0, m, ValueLayout.JAVA_BYTE, 0, SIZE);
            assertThat(a.get().apply(m, 5L)).as("%s on %s", a, kind).isEqualTo(a.value());
            assertThat(a.get().apply(m, (long) last)).as("%s at the last offset on %s", a, kind).isEqualTo(a.value());
        }
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("accessorsOnEveryKind")
    void accessesPastTheEndFailWithoutTouchingMemory(Accessor a, Kind kind) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment m = kind.make(arena);
            long past = SIZE - a.size() + 1;
            assertThatThrownBy(() -> a.get().apply(m, past)).isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> a.set().set(m, past, a.value())).isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> a.get().apply(m, -1L)).isInstanceOf(IndexOutOfBoundsException.class);
            assertThat(m.toArray(ValueLayout.JAVA_BYTE)).isEqualTo(new byte[SIZE]);
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void readOnlySegmentsRefuseWrites(Kind kind) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment m = kind.make(arena).asReadOnly();
            for (Accessor a : accessors()) {
                assertThatThrownBy(() -> a.set().set(m, 0, a.value())).as(a.name())
                        .isInstanceOf(IllegalArgumentException.class);
            }
        }
    }
}
