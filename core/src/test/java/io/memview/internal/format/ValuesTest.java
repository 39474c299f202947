package io.memview.internal.format;

import io.memview.ByteArray;
import io.memview.Bytes;
import io.memview.struct.StructError;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static io.memview.internal.format.Values.Style.MEMORYVIEW;
import static io.memview.internal.format.Values.Style.STRUCT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link Values}' conversions in both styles. Every message is CPython 3.13's: {@code struct.pack(fmt, v)} for the
 * struct style, {@code memoryview(bytearray(8)).cast(fmt)[0] = v} for the memoryview style (its {@code TypeError} and
 * {@code ValueError} are both {@code IllegalArgumentException} here, as DESIGN.md maps them).
 */
class ValuesTest {

    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

    @Test
    void unsignedFieldsTakeZeroAndEveryLongUpToTheirMaximum() {
        assertThat(Values.integerBits(0L, 'B', Scalar.U8, false, STRUCT)).isZero();
        assertThat(Values.integerBits(0L, 'Q', Scalar.U64_LE, false, STRUCT)).isZero();
        // struct.pack('<Q', 5) == b'\x05\x00\x00\x00\x00\x00\x00\x00'
        assertThat(Values.integerBits(5L, 'Q', Scalar.U64_LE, false, STRUCT)).isEqualTo(5L);
        assertThat(Values.integerBits(Long.MAX_VALUE, 'Q', Scalar.U64_BE, false, STRUCT)).isEqualTo(Long.MAX_VALUE);
        assertThat(Values.integerBits(TWO_64.subtract(BigInteger.ONE), 'Q', Scalar.U64_LE, false, STRUCT))
                .isEqualTo(-1L);
        assertThat(Values.integerBits(0xffffffffL, 'I', Scalar.U32_LE, false, STRUCT)).isEqualTo(0xffffffffL);
        assertThat(Values.integerBits(new AtomicInteger(7), 'h', Scalar.I16_LE, false, STRUCT)).isEqualTo(7L);
        assertThat(Values.integerBits(new AtomicLong(-7), 'q', Scalar.I64_LE, false, STRUCT)).isEqualTo(-7L);
        assertThat(Values.integerBits(true, 'b', Scalar.I8, false, STRUCT)).isEqualTo(1L);
        assertThat(Values.integerBits((short) -3, 'b', Scalar.I8, false, STRUCT)).isEqualTo(-3L);
        assertThat(Values.integerBits((byte) -3, 'b', Scalar.I8, false, STRUCT)).isEqualTo(-3L);
    }

    @Test
    void pointersTakeNegativeLongsAndUnsigned64BitValues() {
        assertThat(Values.integerBits(-1L, 'P', Scalar.U64_LE, true, STRUCT)).isEqualTo(-1L);
        assertThat(Values.integerBits(TWO_64.subtract(BigInteger.ONE), 'P', Scalar.U64_LE, true, STRUCT))
                .isEqualTo(-1L);
        // struct.pack('P', -2**63-1) and struct.pack('P', 2**64): 'int too large to convert'
        assertThatThrownBy(() -> Values.integerBits(BigInteger.ONE.shiftLeft(63).negate().subtract(BigInteger.ONE),
                'P', Scalar.U64_LE, true, STRUCT)).isInstanceOf(StructError.class).hasMessage("int too large to convert");
        assertThatThrownBy(() -> Values.integerBits(TWO_64, 'P', Scalar.U64_LE, true, MEMORYVIEW))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("memoryview: invalid value for format 'P'");
    }

    @Test
    void memoryviewStyleNamesTypeAndValueErrors() {
        assertThatThrownBy(() -> Values.integerBits(256L, 'B', Scalar.U8, false, MEMORYVIEW))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("memoryview: invalid value for format 'B'");
        assertThatThrownBy(() -> Values.integerBits("x", 'B', Scalar.U8, false, MEMORYVIEW))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("memoryview: invalid type for format 'B'");
        assertThatThrownBy(() -> Values.integerBits(-1L, 'Q', Scalar.U64_LE, false, MEMORYVIEW))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("memoryview: invalid value for format 'Q'");
        assertThatThrownBy(() -> Values.integerBits(TWO_64, 'Q', Scalar.U64_LE, false, MEMORYVIEW))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("memoryview: invalid value for format 'Q'");
        assertThatThrownBy(() -> Values.integerBits(128L, 'b', Scalar.I8, false, MEMORYVIEW))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("memoryview: invalid value for format 'b'");
        assertThatThrownBy(() -> Values.toDouble("x", 'd', MEMORYVIEW))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("memoryview: invalid type for format 'd'");
        assertThatThrownBy(() -> Values.toDouble(BigInteger.ONE.shiftLeft(1024), 'd', MEMORYVIEW))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("memoryview: invalid value for format 'd'");
        assertThatThrownBy(() -> Values.checkFloatRange(1e10, 1e10, 'e', Scalar.F16_LE, false, MEMORYVIEW))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("memoryview: invalid value for format 'e'");
        assertThatThrownBy(() -> Values.charByte(Bytes.of((byte) 'a', (byte) 'b'), 'c', MEMORYVIEW))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("memoryview: invalid value for format 'c'");
        assertThatThrownBy(() -> Values.charByte(1L, 'c', MEMORYVIEW))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("memoryview: invalid type for format 'c'");
    }

    @Test
    void structStyleUsesStructErrorMessages() {
        assertThatThrownBy(() -> Values.integerBits(1.0, 'q', Scalar.I64_LE, false, STRUCT))
                .isInstanceOf(StructError.class).hasMessage("required argument is not an integer");
        assertThatThrownBy(() -> Values.integerBits(-1L, 'Q', Scalar.U64_LE, false, STRUCT))
                .isInstanceOf(StructError.class).hasMessage("'Q' format requires 0 <= number <= 18446744073709551615");
        assertThatThrownBy(() -> Values.integerBits(70000L, 'H', Scalar.U16_LE, false, STRUCT))
                .isInstanceOf(StructError.class).hasMessage("'H' format requires 0 <= number <= 65535");
        assertThatThrownBy(() -> Values.integerBits(-32769L, 'h', Scalar.I16_BE, false, STRUCT))
                .isInstanceOf(StructError.class).hasMessage("'h' format requires -32768 <= number <= 32767");
        assertThatThrownBy(() -> Values.toDouble(BigInteger.ONE.shiftLeft(1024), 'd', STRUCT))
                .isInstanceOf(StructError.class).hasMessage("required argument is not a float");
        assertThatThrownBy(() -> Values.toDouble("x", 'd', STRUCT))
                .isInstanceOf(StructError.class).hasMessage("required argument is not a float");
        assertThatThrownBy(() -> Values.charByte(new byte[2], 'c', STRUCT))
                .isInstanceOf(StructError.class).hasMessage("char format requires a bytes object of length 1");
        assertThatThrownBy(() -> Values.charByte(ByteArray.of((byte) 'a'), 'c', STRUCT))
                .isInstanceOf(StructError.class).hasMessage("char format requires a bytes object of length 1");
    }

    @Test
    void charFieldsTakeBytesAndByteArraysOfLengthOne() {
        assertThat(Values.charByte(new byte[] {7}, 'c', STRUCT)).isEqualTo((byte) 7);
        assertThat(Values.charByte(Bytes.of((byte) -2), 'c', MEMORYVIEW)).isEqualTo((byte) -2);
    }

    @Test
    void floatFieldsTakeBooleansIntegersAndInfinities() {
        // struct.pack('<d', True) == struct.pack('<d', 1.0)
        assertThat(Values.toDouble(true, 'd', STRUCT)).isEqualTo(1.0);
        assertThat(Values.toDouble(false, 'd', STRUCT)).isEqualTo(0.0);
        assertThat(Values.toDouble(3, 'd', STRUCT)).isEqualTo(3.0);
        assertThat(Values.toDouble(2.5f, 'f', STRUCT)).isEqualTo(2.5);
        assertThat(Values.toDouble(BigInteger.ONE.shiftLeft(100), 'd', STRUCT)).isEqualTo(0x1p100);
        // struct.pack('<f', float('inf')) == b'\x00\x00\x80\x7f': infinity is no overflow
        Values.checkFloatRange(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, 'f', Scalar.F32_LE, false, STRUCT);
        Values.checkFloatRange(Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, 'e', Scalar.F16_LE, false, STRUCT);
        Values.checkFloatRange(1e300, 1e300, 'f', Scalar.F32_LE, true, STRUCT); // native 'f': a C cast
        Values.checkFloatRange(1e300, 1e300, 'd', Scalar.F64_LE, false, STRUCT);
        // struct.pack('<f', 1e300): OverflowError 'float too large to pack with f format'
        assertThatThrownBy(() -> Values.checkFloatRange(1e300, 1e300, 'f', Scalar.F32_LE, false, STRUCT))
                .isInstanceOf(ArithmeticException.class).hasMessage("float too large to pack with f format");
        // struct.pack('<e', 10**6): struct.error 'int too large to convert'
        assertThatThrownBy(() -> Values.checkFloatRange(1_000_000L, 1e6, 'e', Scalar.F16_LE, false, STRUCT))
                .isInstanceOf(StructError.class).hasMessage("int too large to convert");
    }

    @Test
    void truthFollowsPythonsTruthValue() {
        // struct.pack('?', v) in CPython 3.13 gives b'\x00' for each of these...
        for (Object v : new Object[] {null, false, 0.0, -0.0, 0.0f, 0L, 0, BigInteger.ZERO, BigDecimal.ZERO, "",
                Bytes.of(), ByteArray.of(), List.of(), Map.of(), new byte[0], new long[0]}) {
            assertThat(Values.truth(v)).as("%s", v).isFalse();
        }
        // ... and b'\x01' for each of these
        for (Object v : new Object[] {true, 1.5, 0.5, -0.5f, 1L, BigInteger.ONE.shiftLeft(70), new BigDecimal("0.1"),
                "a", Bytes.of((byte) 0), ByteArray.of((byte) 0), List.of(0), Map.of(1, 2), new byte[1], new Object()}) {
            assertThat(Values.truth(v)).as("%s", v).isTrue();
        }
    }

    @Test
    void stringFieldsTakeBytesLikeValuesOnly() {
        assertThat(Values.stringBytes(Bytes.of((byte) 1), 's')).containsExactly(1);
        assertThat(Values.stringBytes(new byte[] {2}, 's')).containsExactly(2);
        assertThat(Values.stringBytes(ByteArray.of((byte) 3), 'p')).containsExactly(3);
        assertThatThrownBy(() -> Values.stringBytes("abc", 'p')).isInstanceOf(StructError.class)
                .hasMessage("argument for 'p' must be a bytes object");
        assertThatThrownBy(() -> Values.stringBytes(null, 's')).isInstanceOf(StructError.class)
                .hasMessage("argument for 's' must be a bytes object");
    }

    @Test
    void unsignedToBigReadsTheBitsAsUnsigned() {
        assertThat(Values.unsignedToBig(0L)).isEqualTo(BigInteger.ZERO);
        assertThat(Values.unsignedToBig(5L)).isEqualTo(BigInteger.valueOf(5));
        assertThat(Values.unsignedToBig(-1L)).isEqualTo(TWO_64.subtract(BigInteger.ONE));
        assertThat(Values.unsignedToBig(Long.MIN_VALUE)).isEqualTo(BigInteger.ONE.shiftLeft(63));
    }

    @Test
    void integralsAreThePythonIntegers() {
        for (Object v : new Object[] {1L, 1, (short) 1, (byte) 1, BigInteger.TEN, true, new AtomicLong(), new AtomicInteger()}) {
            assertThat(Values.isIntegral(v)).as("%s", v).isTrue();
        }
        for (Object v : new Object[] {1.0, 1.0f, BigDecimal.ONE, "1", null}) {
            assertThat(Values.isIntegral(v)).as("%s", v).isFalse();
        }
    }
}
