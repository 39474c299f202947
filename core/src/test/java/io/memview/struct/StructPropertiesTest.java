package io.memview.struct;

import io.memview.Bytes;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Properties of random formats with random values, each case seeded (the seed is in every assertion message):
 * unpacking what was packed gives the values back, {@code packInto} at any offset writes exactly {@code pack}'s
 * bytes and nothing else, {@code unpackFrom} at that offset reads them back, and {@code iterUnpack} over
 * consecutive structs gives each one's values.
 */
class StructPropertiesTest {

    private static final String[] PREFIXES = {"", "@", "=", "<", ">", "!"};

    static LongStream seeds() {
        return LongStream.range(0, 200);
    }

    private record Case(String format, Object[] values, List<Object> expected) {}

    /** A random format and values whose unpacked form is known exactly (floats exactly representable, etc.). */
    private static Case randomCase(RandomGenerator r) {
        String prefix = PREFIXES[r.nextInt(PREFIXES.length)];
        boolean nativeMode = prefix.isEmpty() || prefix.equals("@");
        String codes = "xcbB?hHiIlLqQefdsp" + (nativeMode ? "nNP" : "");
        StringBuilder fmt = new StringBuilder(prefix);
        List<Object> values = new ArrayList<>();
        List<Object> expected = new ArrayList<>();
        int items = 1 + r.nextInt(6);
        for (int k = 0; k < items; k++) {
            char code = codes.charAt(r.nextInt(codes.length()));
            int count = r.nextInt(4);
            fmt.append(count == 1 && r.nextBoolean() ? "" : Integer.toString(count)).append(code);
            if (r.nextInt(4) == 0) {
                fmt.append(' ');
            }
            if (code == 's' || code == 'p') {
                byte[] b = new byte[r.nextInt(count + 3)];
                r.nextBytes(b);
                values.add(r.nextBoolean() ? Bytes.of(b) : b);
                int keep = code == 's' ? count : Math.max(0, count - 1);
                byte[] back = Arrays.copyOf(b, code == 's' ? count : Math.min(b.length, keep));
                expected.add(Bytes.of(back));
                continue;
            }
            for (int i = 0; i < count && code != 'x'; i++) {
                Object[] ve = value(code, (int) Struct.calcsize(prefix + code), r);
                values.add(ve[0]);
                expected.add(ve[1]);
            }
        }
        return new Case(fmt.toString(), values.toArray(), expected);
    }

    /** A value for {@code code} and what unpacking its packed form gives. */
    private static Object[] value(char code, int size, RandomGenerator r) {
        switch (code) {
            case 'c' -> {
                Bytes b = Bytes.of((byte) r.nextInt());
                return new Object[] {b, b};
            }
            case '?' -> {
                long v = r.nextInt(3);
                return new Object[] {v, v != 0};
            }
            case 'e' -> {
                double d = Math.scalb((double) (r.nextInt(2047) - 1023), r.nextInt(20) - 14); // 11 bits: exact half
                return new Object[] {d, d};
            }
            case 'f' -> {
                double d = r.nextFloat() * Math.scalb(1.0, r.nextInt(200) - 100);
                return new Object[] {d, d};
            }
            case 'd' -> {
                double d = Double.longBitsToDouble(r.nextLong());
                return Double.isNaN(d) ? new Object[] {0.5, 0.5} : new Object[] {d, d};
            }
            default -> {
                boolean signed = "bhilqn".indexOf(code) >= 0;
                byte[] mag = new byte[size];
                r.nextBytes(mag);
                BigInteger v = new BigInteger(1, mag); // uniform in [0, 2^(8 size))
                if (signed) {
                    v = v.subtract(BigInteger.ONE.shiftLeft(size * 8 - 1));
                }
                Object java = v.bitLength() <= 63 ? (Object) v.longValue() : v;
                return new Object[] {java, java};
            }
        }
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void unpackingWhatWasPackedGivesTheValuesBack(long seed) {
        RandomGenerator r = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
        Case c = randomCase(r);
        Struct s = Struct.of(c.format);
        byte[] packed = s.pack(c.values);
        assertThat((long) packed.length).as("seed %d: %s", seed, c.format).isEqualTo(Struct.calcsize(c.format));
        assertThat(s.unpack(packed)).as("seed %d: %s", seed, c.format).isEqualTo(c.expected);
        assertThat(s.unpack(ByteBuffer.wrap(packed))).as("seed %d: %s", seed, c.format).isEqualTo(c.expected);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void packIntoWritesPacksBytesAtTheOffsetAndNothingElse(long seed) {
        RandomGenerator r = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
        Case c = randomCase(r);
        Struct s = Struct.of(c.format);
        byte[] packed = s.pack(c.values);
        byte[] buf = new byte[packed.length + r.nextInt(10)];
        r.nextBytes(buf);
        byte[] before = buf.clone();
        int offset = r.nextInt(buf.length - packed.length + 1);
        boolean negative = r.nextBoolean() && packed.length > 0;
        s.packInto(buf, negative ? offset - buf.length : offset, c.values);
        byte[] expected = before.clone();
        System.arraycopy(packed, 0, expected, offset, packed.length);
        assertThat(buf).as("seed %d: %s at %d", seed, c.format, offset).isEqualTo(expected);
        assertThat(s.unpackFrom(buf, negative ? offset - buf.length : offset)).as("seed %d", seed)
                .isEqualTo(c.expected);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void iterUnpackGivesEachConsecutiveStruct(long seed) {
        RandomGenerator r = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
        Case c = randomCase(r);
        Struct s = Struct.of(c.format);
        if (s.size() == 0) {
            return;
        }
        int n = r.nextInt(5);
        byte[] packed = s.pack(c.values);
        byte[] all = new byte[packed.length * n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(packed, 0, all, i * packed.length, packed.length);
        }
        int count = 0;
        for (Iterator<List<Object>> it = s.iterUnpack(all); it.hasNext(); count++) {
            assertThat(it.next()).as("seed %d: %s #%d", seed, c.format, count).isEqualTo(c.expected);
        }
        assertThat(count).as("seed %d", seed).isEqualTo(n);
    }
}
