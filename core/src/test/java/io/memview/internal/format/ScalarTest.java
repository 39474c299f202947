package io.memview.internal.format;

import io.memview.Bytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import java.util.stream.Stream;

import static java.nio.ByteOrder.BIG_ENDIAN;
import static java.nio.ByteOrder.LITTLE_ENDIAN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every {@link Scalar} codec, on native and heap segments, against an independent encoding: the bytes of a value
 * written by {@link ByteBuffer} at the codec's byte order, and the value a bit pattern stands for worked out by
 * shifts (sign extension for signed kinds, a mask for unsigned ones) or by {@link BigInteger} (unsigned 64-bit values
 * and their rounding to double). The dense accessors ({@code getLongAt}, {@code setLongAt}, {@code getDoubleAt}),
 * which only views use, are pinned at items 0 to 3 of a dense array.
 */
class ScalarTest {

    private static final int ITEMS = 4;

    /** Bit patterns that cover zero, one, all ones, each sign boundary and a pattern whose bytes all differ. */
    private static final long[] PATTERNS = {
        0L, 1L, -1L, 0x7fL, 0x80L, 0xffL, 0x7fffL, 0x8000L, 0xffffL, 0x7fffffffL, 0x80000000L, 0xffffffffL,
        Long.MAX_VALUE, Long.MIN_VALUE, 0xA1B2C3D4E5F60718L, 0x0102030405060708L,
    };

    private static final List<Scalar> INTEGERS = Stream.of(Scalar.values())
            .filter(s -> s.kind() != Scalar.Kind.FLOAT).toList();

    enum Memory {
        NATIVE, HEAP;

        MemorySegment make(Arena a, long size) {
            return this == NATIVE ? a.allocate(size) : MemorySegment.ofArray(new byte[(int) size]);
        }
    }

    static Stream<Arguments> integersOnEveryMemory() {
        return INTEGERS.stream().flatMap(s -> Stream.of(Memory.values()).map(m -> Arguments.of(s, m)));
    }

    static Stream<Arguments> floatsOnEveryMemory() {
        return Stream.of(Scalar.values()).filter(s -> s.kind() == Scalar.Kind.FLOAT)
                .flatMap(s -> Stream.of(Memory.values()).map(m -> Arguments.of(s, m)));
    }

    private static ByteOrder orderOf(Scalar s) {
        return s.name().endsWith("_BE") ? BIG_ENDIAN : LITTLE_ENDIAN;
    }

    /** The bytes of the low {@code size} bytes of {@code bits} at {@code order}, as ByteBuffer encodes them. */
    private static byte[] encode(long bits, int size, ByteOrder order) {
        ByteBuffer bb = ByteBuffer.allocate(size).order(order);
        switch (size) {
            case 1 -> bb.put((byte) bits);
            case 2 -> bb.putShort((short) bits);
            case 4 -> bb.putInt((int) bits);
            default -> bb.putLong(bits);
        }
        return bb.array();
    }

    /** What {@code getLong} must answer for the low bytes of {@code bits}, worked out with shifts. */
    private static long expectedLong(Scalar s, long bits) {
        int drop = 64 - 8 * s.size();
        return switch (s.kind()) {
            case SIGNED -> (bits << drop) >> drop;
            case UNSIGNED -> (bits << drop) >>> drop;
            case CHAR -> bits & 0xff;
            case BOOL -> (bits & 0xff) == 0 ? 0 : 1;
            case FLOAT -> throw new AssertionError();
        };
    }

    /** What {@code get} must answer: the Python value, a BigInteger only for unsigned values past Long.MAX_VALUE. */
    private static Object expectedObject(Scalar s, long bits) {
        long v = expectedLong(s, bits);
        return switch (s.kind()) {
            case CHAR -> Bytes.of((byte) bits);
            case BOOL -> v != 0;
            case UNSIGNED -> v < 0 ? new BigInteger(Long.toUnsignedString(v)) : (Object) v;
            default -> v;
        };
    }

    private static double expectedDouble(Scalar s, long bits) {
        long v = expectedLong(s, bits);
        return s.kind() == Scalar.Kind.UNSIGNED && v < 0 ? new BigInteger(Long.toUnsignedString(v)).doubleValue() : v;
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("integersOnEveryMemory")
    void integerCodecsReadWhatByteBufferEncoded(Scalar s, Memory memory) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment m = memory.make(arena, 3 + s.size());
            for (long bits : PATTERNS) {
                MemorySegment.copy(encode(bits, s.size(), orderOf(s)), 0, m, ValueLayout.JAVA_BYTE, 3, s.size());
                String what = String.format("%s reading %x", s, bits);
                assertThat(s.getLong(m, 3)).as(what).isEqualTo(expectedLong(s, bits));
                assertThat(s.get(m, 3)).as(what).isEqualTo(expectedObject(s, bits));
                if (s.isInteger()) {
                    assertThat(s.getDouble(m, 3)).as(what).isEqualTo(expectedDouble(s, bits));
                }
            }
        }
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("integersOnEveryMemory")
    void integerCodecsStoreTheLowBytesByteBufferEncodes(Scalar s, Memory memory) {
        try (Arena arena = Arena.ofConfined()) {
            for (long bits : PATTERNS) {
                MemorySegment m = memory.make(arena, 3 + s.size());
                s.setLong(m, 3, bits);
                byte[] want = new byte[3 + s.size()];
                System.arraycopy(encode(bits, s.size(), orderOf(s)), 0, want, 3, s.size());
                assertThat(m.toArray(ValueLayout.JAVA_BYTE)).as("%s storing %x", s, bits).isEqualTo(want);
            }
        }
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("integersOnEveryMemory")
    void denseIntegerAccessorsAddressItemKAtKTimesSize(Scalar s, Memory memory) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment m = memory.make(arena, (long) ITEMS * s.size());
            long[] bits = {0xA1B2C3D4E5F60718L, 0x0102030405060708L, -2L, 0x7f80L};
            for (int k = 0; k < ITEMS; k++) {
                MemorySegment.copy(encode(bits[k], s.size(), orderOf(s)), 0, m, ValueLayout.JAVA_BYTE,
                        (long) k * s.size(), s.size());
            }
            for (int k = 0; k < ITEMS; k++) {
                String what = s + " item " + k;
                assertThat(s.getLongAt(m, k)).as(what).isEqualTo(expectedLong(s, bits[k]));
                if (s.isInteger()) {
                    assertThat(s.getDoubleAt(m, k)).as(what).isEqualTo(expectedDouble(s, bits[k]));
                }
            }
            MemorySegment w = memory.make(arena, (long) ITEMS * s.size());
            byte[] want = new byte[ITEMS * s.size()];
            for (int k = 0; k < ITEMS; k++) {
                s.setLongAt(w, k, bits[k]);
                System.arraycopy(encode(bits[k], s.size(), orderOf(s)), 0, want, k * s.size(), s.size());
            }
            assertThat(w.toArray(ValueLayout.JAVA_BYTE)).as("%s setLongAt", s).isEqualTo(want);
        }
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("integersOnEveryMemory")
    void integerCodecsTakeNoDoubles(Scalar s, Memory memory) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment m = memory.make(arena, 8);
            assertThatThrownBy(() -> s.setDouble(m, 0, 1.0)).isInstanceOf(UnsupportedOperationException.class)
                    .hasMessage("setDouble on " + s);
            assertThat(m.toArray(ValueLayout.JAVA_BYTE)).isEqualTo(new byte[8]);
        }
    }

    /** Doubles with an exact value in every floating size (binary16 included), so the expected values are plain. */
    private static final double[] EXACT = {1.5, -2.25, 1024.0, -0.0, 0.0, 65504.0, -0x1p-14, 3.0};

    private static byte[] encodeFloat(Scalar s, double v) {
        ByteBuffer bb = ByteBuffer.allocate(s.size()).order(orderOf(s));
        switch (s.size()) {
            // binary16: sign, 5 exponent bits, 10 fraction bits, worked out by hand for the values of EXACT
            case 2 -> bb.putShort(halfBits(v));
            case 4 -> bb.putFloat((float) v);
            default -> bb.putDouble(v);
        }
        return bb.array();
    }

    /** IEEE 754 binary16 bits of the values in {@link #EXACT} (and 2.75), from the definition of the format. */
    private static short halfBits(double v) {
        if (v == 1.5) return 0x3e00;           // 1.1b × 2^0: exponent 15, fraction 0x200
        if (v == -2.25) return (short) 0xc080; // -1.001b × 2^1: sign, exponent 16, fraction 0x080
        if (v == 1024.0) return 0x6400;        // 2^10: exponent 25
        if (v == 0.0 && Double.doubleToRawLongBits(v) != 0) return (short) 0x8000;
        if (v == 0.0) return 0;
        if (v == 65504.0) return 0x7bff;       // largest finite half
        if (v == -0x1p-14) return (short) 0x8400; // smallest normal, negated
        if (v == 3.0) return 0x4200;           // 1.1b × 2^1
        if (v == 2.75) return 0x4180;          // 1.011b × 2^1
        if (v == -2.75) return (short) 0xc180;
        throw new AssertionError(v);
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("floatsOnEveryMemory")
    void floatCodecsRoundTripThroughTheEncodedBytes(Scalar s, Memory memory) {
        assertThat(s.isInteger()).isFalse();
        assertThat(s.kind()).isEqualTo(Scalar.Kind.FLOAT);
        try (Arena arena = Arena.ofConfined()) {
            for (double v : EXACT) {
                MemorySegment m = memory.make(arena, 5 + s.size());
                s.setDouble(m, 5, v);
                byte[] want = new byte[5 + s.size()];
                System.arraycopy(encodeFloat(s, v), 0, want, 5, s.size());
                String what = s + " " + v;
                assertThat(m.toArray(ValueLayout.JAVA_BYTE)).as(what).isEqualTo(want);
                assertThat(Double.doubleToRawLongBits(s.getDouble(m, 5))).as(what)
                        .isEqualTo(Double.doubleToRawLongBits(v));
                assertThat(s.get(m, 5)).as(what).isEqualTo(v);
            }
        }
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("floatsOnEveryMemory")
    void floatCodecsTruncateTowardZeroAsLongsAndStoreLongsAsFloats(Scalar s, Memory memory) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment m = memory.make(arena, 2 + s.size());
            MemorySegment.copy(encodeFloat(s, 2.75), 0, m, ValueLayout.JAVA_BYTE, 2, s.size());
            assertThat(s.getLong(m, 2)).as("%s 2.75", s).isEqualTo(2L);
            MemorySegment.copy(encodeFloat(s, -2.75), 0, m, ValueLayout.JAVA_BYTE, 2, s.size());
            assertThat(s.getLong(m, 2)).as("%s -2.75", s).isEqualTo(-2L);
            s.setLong(m, 2, 1024L);
            assertThat(m.asSlice(2).toArray(ValueLayout.JAVA_BYTE)).as("%s 1024", s).isEqualTo(encodeFloat(s, 1024.0));
        }
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("floatsOnEveryMemory")
    void denseFloatAccessorsAddressItemKAtKTimesSize(Scalar s, Memory memory) {
        try (Arena arena = Arena.ofConfined()) {
            double[] values = {1.5, -2.25, 1024.0, 3.0};
            MemorySegment m = memory.make(arena, (long) ITEMS * s.size());
            for (int k = 0; k < ITEMS; k++) {
                MemorySegment.copy(encodeFloat(s, values[k]), 0, m, ValueLayout.JAVA_BYTE, (long) k * s.size(),
                        s.size());
            }
            for (int k = 0; k < ITEMS; k++) {
                assertThat(s.getDoubleAt(m, k)).as("%s item %d", s, k).isEqualTo(values[k]);
                assertThat(s.getLongAt(m, k)).as("%s item %d", s, k).isEqualTo((long) values[k]);
            }
            MemorySegment w = memory.make(arena, (long) ITEMS * s.size());
            for (int k = 0; k < ITEMS; k++) {
                s.setLongAt(w, k, k + 1);
            }
            for (int k = 0; k < ITEMS; k++) {
                assertThat(s.getDouble(w, (long) k * s.size())).as("%s setLongAt %d", s, k).isEqualTo(k + 1.0);
            }
        }
    }

    @Test
    void halfCodecsDecodeNaNAsTheCanonicalQuietNaNWithItsSign() {
        // PyFloat_Unpack2 gives the canonical quiet NaN carrying the half's sign, whatever the payload
        MemorySegment m = MemorySegment.ofArray(new byte[2]);
        for (Scalar s : List.of(Scalar.F16_LE, Scalar.F16_BE)) {
            MemorySegment.copy(new byte[] {(byte) 0xfd, (byte) 0xfd}, 0, m, ValueLayout.JAVA_BYTE, 0, 2);
            assertThat(Double.doubleToRawLongBits(s.getDouble(m, 0))).as("%s", s).isEqualTo(0xfff8000000000000L);
        }
    }

    @Test
    void boolReadsAnyNonZeroByteAsTrue() {
        MemorySegment m = MemorySegment.ofArray(new byte[] {0, 2, (byte) 0x80, 1});
        assertThat(Scalar.BOOL.get(m, 0)).isEqualTo(false);
        assertThat(Scalar.BOOL.get(m, 1)).isEqualTo(true);
        assertThat(Scalar.BOOL.getLong(m, 2)).isEqualTo(1L);
        assertThat(Scalar.BOOL.getLongAt(m, 3)).isEqualTo(1L);
        assertThat(Scalar.BOOL.getLongAt(m, 0)).isEqualTo(0L);
    }

    @Test
    void unsignedZeroIsALongNotABigInteger() {
        MemorySegment m = MemorySegment.ofArray(new byte[8]);
        for (Scalar s : List.of(Scalar.U8, Scalar.U16_LE, Scalar.U32_BE, Scalar.U64_LE, Scalar.U64_BE)) {
            assertThat(s.get(m, 0)).as("%s", s).isInstanceOf(Long.class).isEqualTo(0L);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void unsignedToDoubleRoundsToNearestEvenLikeBigInteger(int seed) {
        RandomGenerator rnd = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
        for (int i = 0; i < 20_000; i++) {
            // random top bits, then sometimes a low part that lands on or next to a rounding tie
            long v = rnd.nextLong() | Long.MIN_VALUE;
            switch (i % 4) {
                case 1 -> v = (v & ~0x7ffL) | 0x400L;   // exactly halfway between two doubles: ties to even
                case 2 -> v = (v & ~0x7ffL) | 0x401L;   // just above halfway: the sticky bit must round up
                case 3 -> v = (v & ~0x7ffL) | 0x3ffL;   // just below halfway
                default -> { }
            }
            double want = new BigInteger(Long.toUnsignedString(v)).doubleValue();
            assertThat(Scalar.unsignedToDouble(v)).as("seed %d, %x", seed, v).isEqualTo(want);
        }
        assertThat(Scalar.unsignedToDouble(0L)).isEqualTo(0.0);
        assertThat(Scalar.unsignedToDouble(Long.MAX_VALUE)).isEqualTo(0x1p63);
        assertThat(Scalar.unsignedToDouble(-1L)).isEqualTo(0x1p64);
        assertThat(Scalar.unsignedToDouble(0x8000000000000401L)).isEqualTo(0x1p63 + 2048);
    }

    @Test
    void integerAndFloatingPickTheScalarForSizeSignednessAndOrder() {
        assertThat(Scalar.integer(1, true, LITTLE_ENDIAN)).isEqualTo(Scalar.I8);
        assertThat(Scalar.integer(1, false, BIG_ENDIAN)).isEqualTo(Scalar.U8);
        assertThat(Scalar.integer(2, true, LITTLE_ENDIAN)).isEqualTo(Scalar.I16_LE);
        assertThat(Scalar.integer(2, true, BIG_ENDIAN)).isEqualTo(Scalar.I16_BE);
        assertThat(Scalar.integer(2, false, LITTLE_ENDIAN)).isEqualTo(Scalar.U16_LE);
        assertThat(Scalar.integer(2, false, BIG_ENDIAN)).isEqualTo(Scalar.U16_BE);
        assertThat(Scalar.integer(4, true, LITTLE_ENDIAN)).isEqualTo(Scalar.I32_LE);
        assertThat(Scalar.integer(4, true, BIG_ENDIAN)).isEqualTo(Scalar.I32_BE);
        assertThat(Scalar.integer(4, false, LITTLE_ENDIAN)).isEqualTo(Scalar.U32_LE);
        assertThat(Scalar.integer(4, false, BIG_ENDIAN)).isEqualTo(Scalar.U32_BE);
        assertThat(Scalar.integer(8, true, LITTLE_ENDIAN)).isEqualTo(Scalar.I64_LE);
        assertThat(Scalar.integer(8, true, BIG_ENDIAN)).isEqualTo(Scalar.I64_BE);
        assertThat(Scalar.integer(8, false, LITTLE_ENDIAN)).isEqualTo(Scalar.U64_LE);
        assertThat(Scalar.integer(8, false, BIG_ENDIAN)).isEqualTo(Scalar.U64_BE);
        assertThat(Scalar.floating(2, LITTLE_ENDIAN)).isEqualTo(Scalar.F16_LE);
        assertThat(Scalar.floating(2, BIG_ENDIAN)).isEqualTo(Scalar.F16_BE);
        assertThat(Scalar.floating(4, LITTLE_ENDIAN)).isEqualTo(Scalar.F32_LE);
        assertThat(Scalar.floating(4, BIG_ENDIAN)).isEqualTo(Scalar.F32_BE);
        assertThat(Scalar.floating(8, LITTLE_ENDIAN)).isEqualTo(Scalar.F64_LE);
        assertThat(Scalar.floating(8, BIG_ENDIAN)).isEqualTo(Scalar.F64_BE);
        assertThatThrownBy(() -> Scalar.integer(3, true, LITTLE_ENDIAN)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no 3-byte integer scalar");
        assertThatThrownBy(() -> Scalar.floating(1, LITTLE_ENDIAN)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no 1-byte floating scalar");
    }

    @ParameterizedTest
    @EnumSource(Scalar.class)
    void sizeKindAndIntegernessMatchTheName(Scalar s) {
        String n = s.name();
        int want = switch (n) {
            case "CHAR", "BOOL", "I8", "U8" -> 1;
            default -> Integer.parseInt(n.substring(1, n.indexOf('_'))) / 8;
        };
        assertThat(s.size()).isEqualTo(want);
        Scalar.Kind kind = n.equals("CHAR") ? Scalar.Kind.CHAR : n.equals("BOOL") ? Scalar.Kind.BOOL
                : n.startsWith("I") ? Scalar.Kind.SIGNED : n.startsWith("U") ? Scalar.Kind.UNSIGNED : Scalar.Kind.FLOAT;
        assertThat(s.kind()).isEqualTo(kind);
        assertThat(s.isInteger()).isEqualTo(kind == Scalar.Kind.SIGNED || kind == Scalar.Kind.UNSIGNED);
    }
}
