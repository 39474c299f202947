package io.memview;

import io.memview.internal.format.Format;
import io.memview.struct.Struct;
import io.memview.struct.StructError;
import io.memview.testing.Hostile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.random.RandomGenerator;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Hostile format strings: random, garbage and mutated formats fed to the format engine ({@code Format.of}) and to
 * {@link Struct} ({@code calcsize}, {@code of}, {@code pack}, {@code unpack}, {@code unpack_from}, {@code pack_into},
 * {@code iter_unpack}), each outcome checked against an independent model written here from CPython's
 * {@code _struct.c} ({@code prepare_s}, the native and standard tables of an LP64 platform): the size and value
 * count of an accepted format, the exact {@code struct.error} message of a refused one, the values unpacked from
 * random bytes, and which packed values are accepted. Anything else — a wrong answer, an exception of another
 * type, a JDK message — fails with the seed of the case.
 */
class FormatHostileTest {

    static LongStream seeds() {
        return LongStream.range(0, 8);
    }

    @BeforeAll
    static void lp64() {
        var layouts = Linker.nativeLinker().canonicalLayouts();
        MemoryLayout lng = layouts.get("long");
        assumeTrue(lng != null && lng.byteSize() == 8 && layouts.get("size_t").byteSize() == 8,
                "the model's native table is LP64's (long and size_t of 8 bytes)");
    }

    // ------------------------------------------------------------------------------------------------- the model

    /** One token of a parsed format in the model. */
    record Token(char code, long num, long offset, int size) {}

    /** The model's verdict: a size and value count with tokens, or an error type and message. */
    record Verdict(BigInteger size, long values, List<Token> tokens, Class<? extends Throwable> error,
                   String message) {
        boolean ok() {
            return error == null;
        }
    }

    private static final BigInteger MAX = BigInteger.valueOf(Long.MAX_VALUE);

    static int nativeSize(char c) {
        return switch (c) {
            case 'x', 'c', 'b', 'B', '?', 's', 'p' -> 1;
            case 'h', 'H', 'e' -> 2;
            case 'i', 'I', 'f' -> 4;
            case 'l', 'L', 'q', 'Q', 'n', 'N', 'd', 'P' -> 8;
            default -> -1;
        };
    }

    static int standardSize(char c) {
        return switch (c) {
            case 'x', 'c', 'b', 'B', '?', 's', 'p' -> 1;
            case 'h', 'H', 'e' -> 2;
            case 'i', 'I', 'l', 'L', 'f' -> 4;
            case 'q', 'Q', 'd' -> 8;
            default -> -1;
        };
    }

    static Verdict error(Class<? extends Throwable> type, String message) {
        return new Verdict(null, 0, null, type, message);
    }

    /** CPython's {@code calcsize} of {@code fmt}, with arbitrary-precision arithmetic and explicit limits. */
    static Verdict model(String fmt) {
        int[] cps = fmt.codePoints().toArray();
        for (int i = 0; i < cps.length; i++) {
            if (cps[i] > 127) {
                int j = i;
                while (j < cps.length && cps[j] > 127) {
                    j++;
                }
                String msg = j - i == 1
                        ? "'ascii' codec can't encode character '" + escape(cps[i]) + "' in position " + i
                        + ": ordinal not in range(128)"
                        : "'ascii' codec can't encode characters in position " + i + "-" + (j - 1)
                        + ": ordinal not in range(128)";
                return error(IllegalArgumentException.class, msg);
            }
        }
        if (fmt.indexOf('\0') >= 0) {
            return error(StructError.class, "embedded null character");
        }
        boolean nat = true;
        int i = 0;
        if (!fmt.isEmpty() && "@=<>!".indexOf(fmt.charAt(0)) >= 0) {
            nat = fmt.charAt(0) == '@';
            i = 1;
        }
        BigInteger size = BigInteger.ZERO;
        BigInteger len = BigInteger.ZERO;
        List<Token> tokens = new ArrayList<>();
        while (i < fmt.length()) {
            char c = fmt.charAt(i++);
            if (" \t\n\r\u000b\f".indexOf(c) >= 0) {
                continue;
            }
            BigInteger num = BigInteger.ONE;
            if (Character.isDigit(c) && c < 128) {
                num = BigInteger.valueOf(c - '0');
                while (i < fmt.length() && fmt.charAt(i) >= '0' && fmt.charAt(i) <= '9') {
                    num = num.multiply(BigInteger.TEN).add(BigInteger.valueOf(fmt.charAt(i++) - '0'));
                    if (num.compareTo(MAX) > 0) {
                        return error(StructError.class, "total struct size too long");
                    }
                }
                if (i >= fmt.length()) {
                    return error(StructError.class, "repeat count given without format specifier");
                }
                c = fmt.charAt(i++);
            }
            int isz = nat ? nativeSize(c) : standardSize(c);
            if (isz < 0) {
                return error(StructError.class, "bad char in struct format");
            }
            if (c == 's' || c == 'p') {
                len = len.add(BigInteger.ONE);
            } else if (c != 'x') {
                len = len.add(num);
                if (len.compareTo(MAX) > 0) {
                    return error(StructError.class, "total struct size too long");
                }
            }
            if (nat) {
                BigInteger a = BigInteger.valueOf(isz);
                BigInteger[] qr = size.divideAndRemainder(a);
                if (qr[1].signum() != 0) {
                    size = qr[0].add(BigInteger.ONE).multiply(a);
                }
                if (size.compareTo(MAX) > 0) {
                    return error(StructError.class, "total struct size too long");
                }
            }
            BigInteger end = size.add(num.multiply(BigInteger.valueOf(isz)));
            if (end.compareTo(MAX) > 0) {
                return error(StructError.class, "total struct size too long");
            }
            tokens.add(new Token(c, num.longValueExact(), size.longValueExact(), isz));
            size = end;
        }
        return new Verdict(size, len.min(MAX).longValueExact(), tokens, null, null); // CPython's len wraps; ours saturates
    }

    private static String escape(int cp) {
        return cp <= 0xff ? String.format("\\x%02x", cp) : cp <= 0xffff ? String.format("\\u%04x", cp)
                : String.format("\\U%08x", cp);
    }

    static ByteOrder order(String fmt) {
        if (fmt.startsWith("<")) {
            return ByteOrder.LITTLE_ENDIAN;
        }
        if (fmt.startsWith(">") || fmt.startsWith("!")) {
            return ByteOrder.BIG_ENDIAN;
        }
        return ByteOrder.nativeOrder();
    }

    /** The values the model reads from {@code b} at {@code base}, decoding each code by hand. */
    static List<Object> decode(Verdict v, ByteOrder order, byte[] b, int base) {
        ByteBuffer bb = ByteBuffer.wrap(b).order(order);
        List<Object> out = new ArrayList<>();
        for (Token t : v.tokens()) {
            int off = base + (int) t.offset();
            switch (t.code()) {
                case 'x' -> { }
                case 's' -> out.add(Bytes.of(java.util.Arrays.copyOfRange(b, off, off + (int) t.num())));
                case 'p' -> {
                    if (t.num() == 0) {
                        out.add(Bytes.of());
                    } else {
                        int n = Math.min(b[off] & 0xff, (int) t.num() - 1);
                        out.add(Bytes.of(java.util.Arrays.copyOfRange(b, off + 1, off + 1 + n)));
                    }
                }
                default -> {
                    for (int k = 0; k < t.num(); k++) {
                        out.add(decodeOne(t.code(), t.size(), bb, off + k * t.size()));
                    }
                }
            }
        }
        return out;
    }

    static Object decodeOne(char code, int size, ByteBuffer bb, int off) {
        return switch (code) {
            case 'c' -> Bytes.of(bb.get(off));
            case '?' -> bb.get(off) != 0;
            case 'e' -> halfToDouble(bb.getShort(off));
            case 'f' -> (double) bb.getFloat(off);
            case 'd' -> bb.getDouble(off);
            default -> {
                boolean signed = "bhilqn".indexOf(code) >= 0;
                long raw = switch (size) {
                    case 1 -> bb.get(off);
                    case 2 -> bb.getShort(off);
                    case 4 -> bb.getInt(off);
                    default -> bb.getLong(off);
                };
                if (!signed) {
                    if (size < 8) {
                        raw &= (1L << (size * 8)) - 1;
                    } else if (raw < 0) {
                        yield BigInteger.valueOf(raw).add(BigInteger.ONE.shiftLeft(64));
                    }
                }
                yield raw;
            }
        };
    }

    /** IEEE 754 binary16 by hand: sign, 5-bit exponent, 10-bit fraction. */
    static double halfToDouble(short bits) {
        int sign = (bits >> 15) & 1;
        int exp = (bits >> 10) & 0x1f;
        int frac = bits & 0x3ff;
        double mag;
        if (exp == 0) {
            mag = frac * Math.pow(2, -24);
        } else if (exp == 31) {
            mag = frac == 0 ? Double.POSITIVE_INFINITY : Double.NaN;
        } else {
            mag = (1 + frac / 1024.0) * Math.pow(2, exp - 15);
        }
        return sign == 1 ? -mag : mag;
    }

    // --------------------------------------------------------------------------------------------- generators

    private static final String CODES = "xcbB?hHiIlLqQnNefdspP";
    private static final String GARBAGE = "xcbB?hHiIlLqQnNefdspP@=<>! \t\n\r\u000b\f0123456789TZgjkmortuvwyzAEFGJKMOR"
            + "{}()[]:&*^$#%,.;'\"\\/|~`+-_\0";
    private static final String[] EXOTIC = {"é", "\u00a0", "\u2028", "\uD83D\uDE00", "\uD800", "\u0660", "Ⅻ"};
    private static final String[] COUNTS = {"0", "1", "2", "3", "7", "16", "255", "256", "4096", "65536",
        "2147483647", "2147483648", "4294967296", "1152921504606846976", "2305843009213693951",
        "9223372036854775807", "9223372036854775808", "99999999999999999999", "0000000000000000000000001"};

    static String wellFormed(RandomGenerator r) {
        StringBuilder sb = new StringBuilder();
        if (r.nextInt(3) > 0) {
            sb.append("@=<>!".charAt(r.nextInt(5)));
        }
        int n = r.nextInt(1, 7);
        for (int k = 0; k < n; k++) {
            if (r.nextInt(5) == 0) {
                sb.append(" \t\n".charAt(r.nextInt(3)));
            }
            int pick = r.nextInt(10);
            if (pick < 4) {
                sb.append(r.nextInt(4));
            } else if (pick == 4) {
                sb.append(COUNTS[r.nextInt(COUNTS.length)]);
            }
            sb.append(CODES.charAt(r.nextInt(CODES.length())));
        }
        return sb.toString();
    }

    static String garbage(RandomGenerator r) {
        StringBuilder sb = new StringBuilder();
        int n = r.nextInt(0, 14);
        for (int k = 0; k < n; k++) {
            if (r.nextInt(12) == 0) {
                sb.append(EXOTIC[r.nextInt(EXOTIC.length)]);
            } else if (r.nextInt(12) == 0) {
                sb.append(COUNTS[r.nextInt(COUNTS.length)]);
            } else {
                sb.append(GARBAGE.charAt(r.nextInt(GARBAGE.length())));
            }
        }
        return sb.toString();
    }

    static String mutated(RandomGenerator r) {
        StringBuilder sb = new StringBuilder(wellFormed(r));
        int m = r.nextInt(1, 4);
        for (int k = 0; k < m; k++) {
            int at = sb.isEmpty() ? 0 : r.nextInt(sb.length() + 1);
            String piece = r.nextInt(8) == 0 ? EXOTIC[r.nextInt(EXOTIC.length)]
                    : String.valueOf(GARBAGE.charAt(r.nextInt(GARBAGE.length())));
            switch (r.nextInt(5)) {
                case 0 -> sb.insert(at, piece);
                case 1 -> {
                    if (at < sb.length()) {
                        sb.deleteCharAt(at);
                    }
                }
                case 2 -> {
                    if (at < sb.length()) {
                        sb.replace(at, at + 1, piece);
                    }
                }
                case 3 -> sb.insert(at, COUNTS[r.nextInt(COUNTS.length)]);
                default -> {
                    if (at < sb.length()) {
                        sb.insert(at, sb.substring(at, Math.min(sb.length(), at + 3)));
                    }
                }
            }
        }
        return sb.toString();
    }

    static String anyFormat(RandomGenerator r) {
        return switch (r.nextInt(3)) {
            case 0 -> wellFormed(r);
            case 1 -> garbage(r);
            default -> mutated(r);
        };
    }

    /** A value for a field of {@code code}: usually one that fits, sometimes one of another type or range. */
    static Object value(RandomGenerator r, char code) {
        int pick = r.nextInt(20);
        if (pick == 0) {
            return hostileValue(r);
        }
        return switch (code) {
            case 'c' -> pick == 1 ? Bytes.of((byte) 1, (byte) 2) : r.nextBoolean() ? Bytes.of((byte) r.nextInt())
                    : new byte[] {(byte) r.nextInt()};
            case 's', 'p' -> {
                byte[] b = new byte[r.nextInt(0, 300)];
                r.nextBytes(b);
                yield switch (r.nextInt(3)) {
                    case 0 -> b;
                    case 1 -> Bytes.of(b);
                    default -> ByteArray.of(b);
                };
            }
            case '?' -> r.nextInt(3) == 0 ? (Object) r.nextLong(-2, 3) : (Object) r.nextBoolean();
            case 'e', 'f', 'd' -> switch (r.nextInt(6)) {
                case 0 -> r.nextLong(-70000, 70000);
                case 1 -> (r.nextDouble() - 0.5) * Math.pow(10, r.nextInt(-10, 45));
                case 2 -> (float) r.nextGaussian();
                case 3 -> new double[] {Double.NaN, Double.POSITIVE_INFINITY, -0.0, Double.MIN_VALUE,
                    Float.MAX_VALUE, 65504.0, 65519.99, 65520.0, Double.MAX_VALUE}[r.nextInt(9)];
                case 4 -> BigInteger.ONE.shiftLeft(r.nextInt(0, 1100)).negate();
                default -> r.nextGaussian() * 1000;
            };
            default -> switch (r.nextInt(6)) {
                case 0 -> (long) r.nextInt(-300, 300);
                case 1 -> r.nextLong();
                case 2 -> BigInteger.ONE.shiftLeft(r.nextInt(0, 70)).subtract(BigInteger.valueOf(r.nextInt(-2, 3)));
                case 3 -> r.nextInt(-70000, 70000);
                case 4 -> r.nextBoolean();
                default -> (short) r.nextInt(-40000, 40000);
            };
        };
    }

    static Object hostileValue(RandomGenerator r) {
        return switch (r.nextInt(10)) {
            case 0 -> null;
            case 1 -> "1";
            case 2 -> List.of(1L);
            case 3 -> new Object();
            case 4 -> 1.5f;
            case 5 -> BigInteger.TWO.pow(200);
            case 6 -> new byte[0];
            case 7 -> Bytes.of();
            case 8 -> Double.NaN;
            default -> new java.math.BigDecimal("1e400");
        };
    }

    // ------------------------------------------------------------------------------------------- value model

    /** What packing {@code v} into {@code t} gives: the value read back, or the exception type. */
    static Object packModel(Token t, String fmt, Object v) {
        char c = t.code();
        boolean integral = v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte
                || v instanceof BigInteger || v instanceof Boolean;
        switch (c) {
            case '?' -> {
                return truth(v);
            }
            case 'c' -> {
                byte[] b = v instanceof Bytes x ? x.toByteArray() : v instanceof byte[] a ? a : null;
                return b != null && b.length == 1 ? Bytes.of(b[0]) : StructError.class;
            }
            case 's', 'p' -> {
                byte[] b = v instanceof Bytes x ? x.toByteArray() : v instanceof byte[] a ? a
                        : v instanceof ByteArray ba ? ba.toByteArray() : null;
                if (b == null) {
                    return StructError.class;
                }
                int n = c == 's' ? (int) Math.min(b.length, t.num())
                        : (int) Math.min(Math.min(b.length, Math.max(0, t.num() - 1)), 255);
                byte[] out = new byte[c == 's' ? (int) t.num() : n];
                System.arraycopy(b, 0, out, 0, n);
                return Bytes.of(out);
            }
            case 'e', 'f', 'd' -> {
                if (!(v instanceof Number) && !(v instanceof Boolean)) {
                    return StructError.class;
                }
                double x = v instanceof Boolean b ? (b ? 1 : 0) : ((Number) v).doubleValue();
                if (v instanceof BigInteger && Double.isInfinite(x)) {
                    return StructError.class;
                }
                boolean overflow = c == 'e' ? Double.isFinite(x) && Math.abs(x) >= 65520.0
                        : c == 'f' && !fmt.isEmpty() && "<>!=".indexOf(fmt.charAt(0)) >= 0 && Double.isFinite(x)
                        && Float.isInfinite((float) x);
                if (overflow) {
                    return integral ? StructError.class : ArithmeticException.class;
                }
                return c == 'f' ? (double) (float) x : x; // 'e' is checked by its own rule
            }
            default -> {
                if (!integral) {
                    return StructError.class;
                }
                BigInteger b = v instanceof BigInteger x ? x : BigInteger.valueOf(v instanceof Boolean bo
                        ? (bo ? 1 : 0) : ((Number) v).longValue());
                int bits = t.size() * 8;
                BigInteger lo;
                BigInteger hi;
                if (c == 'P') {
                    lo = BigInteger.ONE.shiftLeft(63).negate();
                    hi = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
                } else if ("bhilqn".indexOf(c) >= 0) {
                    lo = BigInteger.ONE.shiftLeft(bits - 1).negate();
                    hi = BigInteger.ONE.shiftLeft(bits - 1).subtract(BigInteger.ONE);
                } else {
                    lo = BigInteger.ZERO;
                    hi = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE);
                }
                if (b.compareTo(lo) < 0 || b.compareTo(hi) > 0) {
                    return StructError.class;
                }
                if (c == 'P' && b.signum() < 0) {
                    b = b.add(BigInteger.ONE.shiftLeft(64)); // a pointer reads back unsigned
                }
                return b.bitLength() <= 63 ? (Object) b.longValue() : b;
            }
        }
    }

    static boolean truth(Object v) {
        return switch (v) {
            case null -> false;
            case Boolean b -> b;
            case Double d -> d != 0.0;
            case Float f -> f != 0.0f;
            case BigInteger b -> b.signum() != 0;
            case java.math.BigDecimal b -> b.signum() != 0;
            case Number n -> n.longValue() != 0;
            case String s -> !s.isEmpty();
            case Bytes b -> b.length() != 0;
            case ByteArray b -> b.length() != 0;
            case List<?> l -> !l.isEmpty();
            case byte[] a -> a.length != 0;
            default -> true;
        };
    }

    /** Whether {@code got} is the binary16 value nearest to {@code x} (within half a unit in the last place). */
    static boolean nearestHalf(double x, double got) {
        if (Double.isNaN(x)) {
            return Double.isNaN(got);
        }
        if (Double.isInfinite(x)) {
            return got == x;
        }
        double a = Math.abs(got);
        double ulp = a < Math.pow(2, -14) ? Math.pow(2, -24) : Math.pow(2, Math.getExponent(a) - 10);
        return Math.abs(got - x) <= ulp / 2 + 1e-300 && (x == 0 || Math.signum(got) == Math.signum(x) || got == 0);
    }

    // ------------------------------------------------------------------------------------------------- suites

    /** calcsize, Format.of and Struct.of agree with the model on every format: size, values, or the exact error. */
    @ParameterizedTest
    @MethodSource("seeds")
    void formatsAreSizedOrRefusedAsCPythonDoes(long seed) {
        Hostile.Tally t = Hostile.run("format.calcsize", seed, Hostile.cases(25_000), Hostile.budget(
                Duration.ofMillis(1200)), (r, tally) -> {
            String fmt = anyFormat(r);
            String ctx = "format " + io.memview.internal.PyTypes.repr(fmt);
            Verdict v;
            try {
                v = model(fmt);
            } catch (RuntimeException e) {
                throw new AssertionError(ctx + ": model failed", e);
            }
            if (v.ok()) {
                assertThat(Struct.calcsize(fmt)).as(ctx).isEqualTo(v.size().longValueExact());
                Format f = Format.of(fmt);
                assertThat(f.size()).as(ctx).isEqualTo(v.size().longValueExact());
                assertThat(f.valueCount()).as(ctx).isEqualTo(v.values());
                Struct s = Struct.of(fmt);
                assertThat(s.format()).as(ctx).isEqualTo(fmt);
                if (v.size().compareTo(BigInteger.valueOf(Integer.MAX_VALUE)) > 0) {
                    try {
                        s.size();
                        throw new AssertionError(ctx + ": size() of a struct past 2 GiB returned");
                    } catch (ArithmeticException e) {
                        Hostile.checkRefusal(e, ctx, ArithmeticException.class);
                    }
                }
                tally.count("accepted");
            } else {
                for (int k = 0; k < 3; k++) {
                    try {
                        switch (k) {
                            case 0 -> Struct.calcsize(fmt);
                            case 1 -> Format.of(fmt);
                            default -> Struct.of(fmt);
                        }
                        throw new AssertionError(ctx + ": accepted, the model refuses with " + v.message());
                    } catch (IllegalArgumentException e) {
                        assertThat(e).as(ctx).isExactlyInstanceOf(v.error());
                        assertThat(e.getMessage()).as(ctx).isEqualTo(v.message());
                    }
                }
                tally.count("refused " + v.message().replaceAll("'ascii' codec.*", "'ascii' codec can't encode …"));
            }
        });
        if (t.cases() >= 1000) { // the time budget may stop a slow (instrumented) run earlier
            assertThat(t.counts()).as("seed %d: both outcomes occur", seed).containsKey("accepted");
        }
    }

    /** Accepted small formats unpack random bytes to the model's values, and pack what the model accepts. */
    @ParameterizedTest
    @MethodSource("seeds")
    void structsUnpackAndPackAsTheModelSays(long seed) {
        Hostile.run("struct.pack-unpack", seed, Hostile.cases(12_000), Hostile.budget(Duration.ofMillis(1200)),
                (r, tally) -> {
            String fmt = r.nextBoolean() ? wellFormed(r) : mutated(r);
            Verdict v = model(fmt);
            String ctx = "format " + io.memview.internal.PyTypes.repr(fmt);
            if (!v.ok()) {
                tally.count("format refused");
                return;
            }
            Struct s = Struct.of(fmt);
            if (v.size().longValue() > 4096 || v.values() > 512) {
                checkHugePack(s, v, ctx, tally);
                return;
            }
            int size = v.size().intValueExact();
            ByteOrder order = order(fmt);
            byte[] data = new byte[size];
            r.nextBytes(data);
            List<Object> expected = decode(v, order, data, 0);
            assertThat(s.unpack(data)).as(ctx + " unpack").isEqualTo(expected);
            assertThat(s.unpack(Bytes.of(data))).as(ctx + " unpack Bytes").isEqualTo(expected);
            assertThat(s.unpack(MemoryView.of(data))).as(ctx + " unpack view").isEqualTo(expected);
            tally.count("unpacked");

            // pack: values per field, the model decides acceptance and the value read back
            Object[] args = new Object[(int) v.values()];
            List<Object> want = new ArrayList<>();
            Class<?> failure = null;
            int a = 0;
            List<Token> valueTokens = new ArrayList<>();
            for (Token tk : v.tokens()) {
                int n = tk.code() == 'x' ? 0 : tk.code() == 's' || tk.code() == 'p' ? 1 : (int) tk.num();
                for (int k = 0; k < n; k++) {
                    Object val = value(r, tk.code());
                    args[a++] = val;
                    valueTokens.add(tk);
                    Object m = packModel(tk, fmt, val);
                    if (m instanceof Class<?> c) {
                        failure = failure == null ? c : failure;
                        want.add(null);
                    } else {
                        want.add(m);
                    }
                }
            }
            byte[] packed;
            try {
                packed = s.pack(args);
            } catch (RuntimeException e) {
                Hostile.checkRefusal(e, ctx + " pack", StructError.class, ArithmeticException.class);
                assertThat(failure).as(ctx + " pack refused: " + e).isNotNull();
                assertThat(e).as(ctx + " pack").isInstanceOf(failure);
                tally.refused(e);
                return;
            }
            assertThat(failure).as(ctx + " pack accepted a value the model refuses").isNull();
            assertThat(packed).as(ctx).hasSize(size);
            List<Object> back = s.unpack(packed);
            for (int k = 0; k < back.size(); k++) {
                Token tk = valueTokens.get(k);
                if (tk.code() == 'e') {
                    Object in = args[k];
                    double x = in instanceof Boolean b ? (b ? 1 : 0) : ((Number) in).doubleValue();
                    assertThat(nearestHalf(x, (Double) back.get(k))).as(ctx + " half of " + x + " -> "
                            + back.get(k)).isTrue();
                } else {
                    assertThat(back.get(k)).as(ctx + " value " + k + " from " + args[k]).isEqualTo(want.get(k));
                }
            }
            // pad bytes are zero
            for (Token tk : v.tokens()) {
                if (tk.code() == 'x') {
                    for (int k = 0; k < tk.num(); k++) {
                        assertThat(packed[(int) tk.offset() + k]).as(ctx + " pad byte").isZero();
                    }
                }
            }
            tally.count("packed");

            // the wrong number of values
            Object[] wrong = java.util.Arrays.copyOf(args, args.length + (args.length == 0 || r.nextBoolean()
                    ? 1 : -1));
            try {
                s.pack(wrong);
                throw new AssertionError(ctx + ": pack with " + wrong.length + " values accepted");
            } catch (StructError e) {
                assertThat(e.getMessage()).as(ctx).isEqualTo("pack expected " + v.values()
                        + " items for packing (got " + wrong.length + ")");
            }
        });
    }

    private static void checkHugePack(Struct s, Verdict v, String ctx, Hostile.Tally tally) {
        // Sized but too large to pack here: every call refuses cleanly, none allocates the struct.
        if (v.values() == 0 && v.size().longValue() > Integer.MAX_VALUE - 8) {
            try {
                s.pack();
                throw new AssertionError(ctx + ": pack of a struct past 2 GiB returned");
            } catch (StructError e) {
                Hostile.checkRefusal(e, ctx, StructError.class);
            }
        }
        try {
            s.unpack(new byte[3]);
            assertThat(v.size().longValue()).as(ctx).isEqualTo(3);
        } catch (StructError e) {
            Hostile.checkRefusal(e, ctx, StructError.class);
        }
        tally.count("huge");
    }

    /** unpack_from, pack_into and iter_unpack at random offsets and lengths: CPython's bounds rules, exactly. */
    @ParameterizedTest
    @MethodSource("seeds")
    void offsetsAndLengthsFollowCPythonsRules(long seed) {
        Hostile.run("struct.offsets", seed, Hostile.cases(12_000), Hostile.budget(Duration.ofMillis(1200)),
                (r, tally) -> {
            String fmt = wellFormed(r);
            Verdict v = model(fmt);
            if (!v.ok() || v.size().longValue() > 256 || v.values() > 64) {
                tally.count("skipped");
                return;
            }
            String ctx = "format " + io.memview.internal.PyTypes.repr(fmt);
            Struct s = Struct.of(fmt);
            long size = v.size().longValue();
            int len = r.nextInt(0, (int) size * 3 + 4);
            byte[] data = new byte[len];
            r.nextBytes(data);
            long offset = switch (r.nextInt(4)) {
                case 0 -> r.nextLong(-len - 3, len + 3);
                case 1 -> r.nextBoolean() ? Long.MIN_VALUE : Long.MAX_VALUE;
                case 2 -> -size;
                default -> len - size;
            };
            // the model of unpack_from / pack_into's offset checks (_struct.c s_unpack_from, s_pack_into)
            long off = offset;
            boolean ok = true;
            if (off < 0) {
                if (off + size > 0 || off + len < 0) {
                    ok = false;
                } else {
                    off += len;
                }
            }
            if (ok && len - off < size) {
                ok = false;
            }
            ByteOrder order = order(fmt);
            try {
                List<Object> got = s.unpackFrom(data, offset);
                assertThat(ok).as(ctx + " unpackFrom at " + offset + " of " + len).isTrue();
                assertThat(got).as(ctx).isEqualTo(decode(v, order, data, (int) off));
                tally.count("unpackFrom ok");
            } catch (StructError e) {
                Hostile.checkRefusal(e, ctx, StructError.class);
                assertThat(ok).as(ctx + " unpackFrom at " + offset + " of " + len + ": " + e).isFalse();
                tally.count("unpackFrom refused");
            }
            // pack_into writes exactly the struct's bytes at the offset and nothing else
            byte[] before = data.clone();
            Object[] args = decode(v, order, new byte[(int) size + 1], 0).toArray();
            try {
                s.packInto(data, offset, args);
                assertThat(ok).as(ctx + " packInto at " + offset + " of " + len).isTrue();
                byte[] expect = before.clone();
                System.arraycopy(s.pack(args), 0, expect, (int) off, (int) size);
                assertThat(data).as(ctx).isEqualTo(expect);
                tally.count("packInto ok");
            } catch (StructError e) {
                Hostile.checkRefusal(e, ctx, StructError.class);
                assertThat(ok).as(ctx + " packInto at " + offset + " of " + len + ": " + e).isFalse();
                assertThat(data).as(ctx + " untouched").isEqualTo(before);
                tally.count("packInto refused");
            }
            // iter_unpack: a whole number of structs, never zero-size
            try {
                Iterator<List<Object>> it = s.iterUnpack(data);
                assertThat(size > 0 && len % size == 0).as(ctx + " iterUnpack of " + len).isTrue();
                for (int k = 0; k < len / size; k++) {
                    assertThat(it.next()).as(ctx).isEqualTo(decode(v, order, data, (int) (k * size)));
                }
                assertThat(it.hasNext()).as(ctx).isFalse();
                try {
                    it.next();
                    throw new AssertionError(ctx + ": next() past the end returned");
                } catch (NoSuchElementException e) {
                    tally.count("iterUnpack ok");
                }
            } catch (StructError e) {
                Hostile.checkRefusal(e, ctx, StructError.class);
                assertThat(size > 0 && len % size == 0).as(ctx + " iterUnpack of " + len + ": " + e).isFalse();
                tally.count("iterUnpack refused");
            }
        });
    }
}
