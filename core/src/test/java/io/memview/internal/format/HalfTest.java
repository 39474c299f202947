package io.memview.internal.format;

import io.memview.struct.Struct;
import io.memview.testing.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import java.util.stream.LongStream;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link Half} against CPython 3.13's {@code PyFloat_Unpack2}/{@code PyFloat_Pack2}, from {@code golden/half.json.gz}
 * (written by {@code tools/cpython/gen_struct.py}): the double of every one of the 65536 bit patterns, and the
 * binary16 of about 200,000 doubles — every finite half and its negation, every midpoint between neighbouring halves
 * (ties) and the doubles just either side of it, the overflow boundary, subnormals, and random doubles.
 */
class HalfTest {

    private static final Map<String, Object> GOLDEN = load();

    @SuppressWarnings("unchecked")
    private static Map<String, Object> load() {
        try (InputStream in = HalfTest.class.getResourceAsStream("/golden/half.json.gz")) {
            if (in == null) {
                throw new IllegalStateException("golden/half.json.gz is missing: run tools/cpython/gen_struct.py");
            }
            return (Map<String, Object>) Json.parse(new String(new GZIPInputStream(in).readAllBytes(),
                    StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double bitsToDouble(String hex) {
        return Double.longBitsToDouble(Long.parseUnsignedLong(hex, 16));
    }

    @Test
    void everyHalfBitPatternDecodesToCPythonsDouble() {
        @SuppressWarnings("unchecked")
        List<String> expected = (List<String>) GOLDEN.get("unpack");
        assertThat(expected).hasSize(65536);
        List<String> mismatches = new ArrayList<>();
        for (int h = 0; h < 65536; h++) {
            long want = Long.parseUnsignedLong(expected.get(h), 16);
            long got = Double.doubleToRawLongBits(Half.toDouble(h));
            if (want != got) {
                mismatches.add(String.format("%04x -> %016x, CPython %016x", h, got, want));
            }
        }
        assertThat(mismatches).as("%d of 65536 halves decode differently", mismatches.size()).isEmpty();
    }

    @Test
    void doublesRoundToCPythonsHalfOrOverflowAsItDoes() {
        @SuppressWarnings("unchecked")
        List<List<Object>> cases = (List<List<Object>>) GOLDEN.get("pack");
        assertThat(cases).hasSizeGreaterThan(200_000);
        List<String> mismatches = new ArrayList<>();
        int overflows = 0;
        for (List<Object> c : cases) {
            double d = bitsToDouble((String) c.get(0));
            if (c.get(1) == null) {
                overflows++;
                assertThat(c.get(2)).isEqualTo("float too large to pack with e format");
                if (!Half.overflows(d)) {
                    mismatches.add(d + " should overflow, packs as " + Integer.toHexString(Half.fromDouble(d)));
                }
                continue;
            }
            int want = Integer.parseInt((String) c.get(1), 16);
            int got = Half.fromDouble(d);
            if (Half.overflows(d) || got != want) {
                mismatches.add(String.format("%s (%016x) -> %04x%s, CPython %04x", d, Double.doubleToRawLongBits(d),
                        got, Half.overflows(d) ? " (overflow)" : "", want));
            }
        }
        assertThat(overflows).as("overflow cases in the data").isGreaterThan(100);
        assertThat(mismatches).as("%d of %d doubles, first: %s", mismatches.size(), cases.size(),
                mismatches.subList(0, Math.min(20, mismatches.size()))).isEmpty();
    }

    @Test
    void everyNonNanHalfRoundTripsAndNanPacksAsTheQuietNanWithItsSign() {
        // Reasoning, not data: a finite or infinite half's double is exactly representable, so rounding it back is
        // exact; PyFloat_Pack2 writes any NaN as exponent 0x1f, mantissa 0x200 and the NaN's sign.
        for (int h = 0; h < 65536; h++) {
            double d = Half.toDouble(h);
            int expected = Double.isNaN(d) ? (h & 0x8000) | 0x7e00 : h;
            assertThat(Half.fromDouble(d)).as("half %04x", h).isEqualTo(expected);
        }
    }

    @Test
    void tiesRoundToEvenAndTheOverflowBoundaryIs65520() {
        // Between 1.0 (0x3c00) and its successor 1 + 2^-10 (0x3c01) the midpoint goes to the even 0x3c00; between
        // 0x3c01 and 0x3c02 it goes to 0x3c02.
        assertThat(Half.fromDouble(1 + 0x1p-11)).isEqualTo(0x3c00);
        assertThat(Half.fromDouble(1 + 3 * 0x1p-11)).isEqualTo(0x3c02);
        assertThat(Half.fromDouble(Math.nextUp(1 + 0x1p-11))).isEqualTo(0x3c01);
        // The smallest subnormal is 2^-24: half of it ties to 0 (even), anything above rounds up.
        assertThat(Half.fromDouble(0x1p-25)).isEqualTo(0);
        assertThat(Half.fromDouble(Math.nextUp(0x1p-25))).isEqualTo(1);
        assertThat(Half.fromDouble(-3 * 0x1p-25)).isEqualTo(0x8002);
        // 65504 is the largest half; the midpoint to the next binade (65520) rounds to even, which is infinity.
        assertThat(Half.fromDouble(65504.0)).isEqualTo(0x7bff);
        assertThat(Half.overflows(Math.nextDown(65520.0))).isFalse();
        assertThat(Half.fromDouble(Math.nextDown(65520.0))).isEqualTo(0x7bff);
        assertThat(Half.overflows(65520.0)).isTrue();
        assertThat(Half.overflows(-65520.0)).isTrue();
        assertThat(Half.overflows(Double.POSITIVE_INFINITY)).isFalse();
        assertThat(Half.fromDouble(Double.NEGATIVE_INFINITY)).isEqualTo(0xfc00);
        assertThatThrownBy(() -> Struct.of("<e").pack(65520.0)).isInstanceOf(ArithmeticException.class)
                .hasMessage("float too large to pack with e format");
        assertThatThrownBy(() -> Struct.of("<e").pack(65520L)).isInstanceOf(io.memview.struct.StructError.class)
                .hasMessage("int too large to convert");
    }

    static LongStream seeds() {
        return LongStream.range(0, 50);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void agreesWithTheJdkWhereTheDoubleIsExactlyAFloat(long seed) {
        // Float.floatToFloat16 rounds a float to nearest-even once; for a double that is exactly a float, rounding
        // the double directly must give the same bits (below the overflow boundary).
        RandomGenerator r = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
        for (int i = 0; i < 20_000; i++) {
            float f = Float.intBitsToFloat(r.nextInt());
            if (Float.isNaN(f) || Half.overflows(f)) {
                continue;
            }
            assertThat(Half.fromDouble(f)).as("seed %d, float %s", seed, f)
                    .isEqualTo(Float.floatToFloat16(f) & 0xffff);
        }
    }
}
