package io.memview.struct;

import io.memview.Bytes;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Formats on both sides of the compiled plan's limit (a format of at most 256 values is packed and unpacked by its
 * flat plan, a longer one by the general run loop; the golden cases have no pack or unpack of more than 256 values).
 * Expected bytes by independent reasoning: in standard mode ({@code < > = !}) there is no padding, so a struct packs to
 * the concatenation of its items packed one by one, and unpacking gives the values back.
 */
class StructPlanLimitTest {

    private static final String PREFIXES = "<>=!";
    private static final String CODES = "bBhHiIlLqQ?cefd";

    static LongStream seeds() {
        return LongStream.range(0, 60);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void longFormatsPackLikeTheirItemsOneByOneAndUnpackBack(long seed) {
        RandomGenerator r = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
        char prefix = PREFIXES.charAt(r.nextInt(PREFIXES.length()));
        int n = 250 + r.nextInt(21); // 250 .. 270 values: both sides of 256
        StringBuilder fmt = new StringBuilder().append(prefix);
        List<Object> values = new ArrayList<>();
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        int made = 0;
        while (made < n) {
            char code = CODES.charAt(r.nextInt(CODES.length()));
            int count = Math.min(n - made, 1 + r.nextInt(3));
            fmt.append(count == 1 ? "" : Integer.toString(count)).append(code);
            for (int i = 0; i < count; i++) {
                Object v = value(code, r);
                values.add(v);
                expected.writeBytes(Struct.of(prefix + String.valueOf(code)).pack(v));
            }
            made += count;
        }
        Struct s = Struct.of(fmt.toString());
        byte[] packed = s.pack(values.toArray());

        assertThat(packed).as("seed %d: %s", seed, fmt).isEqualTo(expected.toByteArray());
        assertThat(s.unpack(packed)).as("seed %d: %s", seed, fmt).isEqualTo(values);
        byte[] padded = new byte[packed.length + 7];
        System.arraycopy(packed, 0, padded, 5, packed.length);
        assertThat(s.unpackFrom(padded, 5)).as("seed %d: %s from a byte[]", seed, fmt).isEqualTo(values);
        assertThat(s.unpackFrom(MemorySegment.ofArray(padded), 5)).as("seed %d: %s from a segment", seed, fmt)
                .isEqualTo(values);
    }

    /** A value of {@code code} that unpacks to itself: in range, floats exactly representable. */
    private static Object value(char code, RandomGenerator r) {
        return switch (code) {
            case 'b' -> (long) (byte) r.nextInt();
            case 'B' -> (long) r.nextInt(256);
            case 'h' -> (long) (short) r.nextInt();
            case 'H' -> (long) r.nextInt(1 << 16);
            case 'i', 'l' -> (long) r.nextInt();
            case 'I', 'L' -> r.nextLong(1L << 32);
            case 'q' -> r.nextLong();
            case 'Q' -> r.nextLong(Long.MAX_VALUE);
            case '?' -> r.nextBoolean();
            case 'c' -> Bytes.ofByte((byte) r.nextInt());
            case 'e' -> (r.nextInt(2001) - 1000) / 4.0; // multiples of 1/4 up to 250: exact in binary16 (11 bits)
            case 'f' -> (double) (float) r.nextGaussian();
            case 'd' -> r.nextGaussian() * 1e6;
            default -> throw new AssertionError(code);
        };
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void nativeRunsOfOneCodeAcrossTheLimitRoundTrip(long seed) {
        RandomGenerator r = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
        char code = "bhiqd?".charAt(r.nextInt(6));
        int n = 255 + r.nextInt(3); // 255, 256 or 257 values
        Object[] values = new Object[n];
        for (int i = 0; i < n; i++) {
            values[i] = value(code, r);
        }
        Struct s = Struct.of("@" + n + code);
        byte[] packed = s.pack(values);
        assertThat(s.unpack(packed)).as("seed %d: @%d%c", seed, n, code).isEqualTo(Arrays.asList(values));
    }
}
