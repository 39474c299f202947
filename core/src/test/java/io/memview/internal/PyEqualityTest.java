package io.memview.internal;

import io.memview.ByteArray;
import io.memview.Bytes;
import io.memview.MemoryView;
import io.memview.TypedArray;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link PyEq}: Python's {@code ==} between item values and a hash consistent with it, and {@link PyTypes#name}. The
 * expected answers are Python's, stated case by case: ints, bools and floats compare by exact mathematical value
 * ({@code 1 == 1.0 == True}, {@code 2**63 != 2**63 - 1}, {@code 2.0**53 != 2**53 + 1}), NaN equals nothing, tuples
 * compare element-wise.
 */
class PyEqualityTest {

    private static final BigInteger TWO_63 = BigInteger.ONE.shiftLeft(63);
    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

    @Test
    void floatsCompareAsIeeeDoubles() {
        assertThat(PyEq.eq(1.5, 1.5)).isTrue();
        assertThat(PyEq.eq(0.0, -0.0)).isTrue();
        assertThat(PyEq.eq(Double.NaN, Double.NaN)).isFalse();
        assertThat(PyEq.eq(1.5, 2.5)).isFalse();
        assertThat(PyEq.eq(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY)).isTrue();
    }

    @Test
    void floatsEqualIntsOfTheSameExactValue() {
        assertThat(PyEq.eq(1.0, 1L)).isTrue();
        assertThat(PyEq.eq(1L, 1.0)).isTrue();
        assertThat(PyEq.eq(-3.0, (byte) -3)).isTrue();
        assertThat(PyEq.eq(1.0, true)).isTrue();
        assertThat(PyEq.eq(false, 0.0)).isTrue();
        assertThat(PyEq.eq(1.5, 1L)).isFalse();
        assertThat(PyEq.eq(2L, 1.5)).isFalse();
        assertThat(PyEq.eq(0.5, 0L)).isFalse();
        // 2.0**53 == 2**53 but != 2**53 + 1 (which no double holds)
        assertThat(PyEq.eq(0x1p53, (1L << 53))).isTrue();
        assertThat(PyEq.eq(0x1p53, (1L << 53) + 1)).isFalse();
        // no float equals an int when it is not finite
        assertThat(PyEq.eq(Double.NaN, 0L)).isFalse();
        assertThat(PyEq.eq(Double.POSITIVE_INFINITY, Long.MAX_VALUE)).isFalse();
        assertThat(PyEq.eq(Double.NEGATIVE_INFINITY, Long.MIN_VALUE)).isFalse();
        // floats and non-numbers
        assertThat(PyEq.eq(1.0, Bytes.of((byte) 1))).isFalse();
        assertThat(PyEq.eq(1.0, List.of(1L))).isFalse();
        assertThat(PyEq.eq(1.0, null)).isFalse();
    }

    @Test
    void floatsAtTheEdgesOfTheLongRange() {
        // 2.0**63 is one past Long.MAX_VALUE: a saturating cast must not make them equal
        assertThat(PyEq.eq(0x1p63, Long.MAX_VALUE)).isFalse();
        assertThat(PyEq.eq(Long.MAX_VALUE, 0x1p63)).isFalse();
        assertThat(PyEq.eq(0x1p63, TWO_63)).isTrue();
        // -2.0**63 is Long.MIN_VALUE exactly
        assertThat(PyEq.eq(-0x1p63, Long.MIN_VALUE)).isTrue();
        assertThat(PyEq.eq(-0x1p64, Long.MIN_VALUE)).isFalse();
        assertThat(PyEq.eq(0x1p64, TWO_64)).isTrue();
        assertThat(PyEq.eq(0x1p64, TWO_64.add(BigInteger.ONE))).isFalse();
        assertThat(PyEq.eq(TWO_64, 0x1p64)).isTrue();
        assertThat(PyEq.eq(0x1p64, 0L)).isFalse();
    }

    @Test
    void intsCompareByValueAcrossTypes() {
        assertThat(PyEq.eq(5L, 5L)).isTrue();
        assertThat(PyEq.eq(5L, 6L)).isFalse();
        assertThat(PyEq.eq(5, (short) 5)).isTrue();
        assertThat(PyEq.eq(true, 1L)).isTrue();
        assertThat(PyEq.eq(false, 1L)).isFalse();
        assertThat(PyEq.eq(true, true)).isTrue();
        assertThat(PyEq.eq(BigInteger.valueOf(5), 5L)).isTrue();
        assertThat(PyEq.eq(5L, BigInteger.valueOf(5))).isTrue();
        assertThat(PyEq.eq(TWO_64, 0L)).isFalse();
        assertThat(PyEq.eq(0L, TWO_64)).isFalse();
        assertThat(PyEq.eq(TWO_64, TWO_64.add(BigInteger.ZERO))).isTrue();
        assertThat(PyEq.eq(BigInteger.ONE, true)).isTrue();
    }

    @Test
    void tuplesCompareElementWise() {
        assertThat(PyEq.eq(List.of(1L, 2.0), List.of(1.0, 2L))).isTrue();
        assertThat(PyEq.eq(List.of(1L, 2L), List.of(1L, 3L))).isFalse();
        assertThat(PyEq.eq(List.of(1L, 2L), List.of(1L))).isFalse();
        assertThat(PyEq.eq(List.of(), List.of())).isTrue();
        assertThat(PyEq.eq(List.of(List.of(true)), List.of(List.of(1L)))).isTrue();
        assertThat(PyEq.eq(List.of(Double.NaN), List.of(Double.NaN))).isFalse();
        assertThat(PyEq.eq(List.of(1L), 1L)).isFalse();
    }

    @Test
    void otherValuesCompareWithEquals() {
        assertThat(PyEq.eq(Bytes.of((byte) 1), Bytes.of((byte) 1))).isTrue();
        assertThat(PyEq.eq(Bytes.of((byte) 1), Bytes.of((byte) 2))).isFalse();
        assertThat(PyEq.eq(Bytes.of((byte) 1), 1L)).isFalse();
        assertThat(PyEq.eq(null, null)).isTrue();
        assertThat(PyEq.eq(null, 0L)).isFalse();
        assertThat(PyEq.eq("a", "a")).isTrue();
    }

    @Test
    void hashOfNumbersIsTheHashOfTheirValue() {
        // Long.hashCode(v) = (int) (v ^ (v >>> 32)): 7 -> 7, -1 -> 0, 2**32 -> 1
        assertThat(PyEq.hash(7L)).isEqualTo(7);
        assertThat(PyEq.hash(-1L)).isEqualTo(0);
        assertThat(PyEq.hash(1L << 32)).isEqualTo(1);
        assertThat(PyEq.hash(true)).isEqualTo(1);
        assertThat(PyEq.hash(false)).isEqualTo(0);
        assertThat(PyEq.hash(7)).isEqualTo(7);
        assertThat(PyEq.hash((short) 7)).isEqualTo(7);
        assertThat(PyEq.hash(BigInteger.valueOf(7))).isEqualTo(7);
        assertThat(PyEq.hash(BigInteger.ONE.shiftLeft(32))).isEqualTo(1);
        assertThat(PyEq.hash(Long.MIN_VALUE)).isEqualTo(PyEq.hash(BigInteger.valueOf(Long.MIN_VALUE)));
        assertThat(PyEq.hash(7.0)).isEqualTo(7);
        assertThat(PyEq.hash(-1.0)).isEqualTo(0);
        assertThat(PyEq.hash(0x1p32)).isEqualTo(1);
        assertThat(PyEq.hash(-0.0)).isEqualTo(PyEq.hash(0L)).isEqualTo(0);
        assertThat(PyEq.hash(null)).isEqualTo(0);
        // 63-bit BigIntegers hash as the long they equal: 2**62 + 1 -> (int) ((2**62 + 1) ^ 2**30) = 0x40000001
        assertThat(PyEq.hash(BigInteger.ONE.shiftLeft(62).add(BigInteger.ONE))).isEqualTo(0x40000001)
                .isEqualTo(PyEq.hash((1L << 62) + 1));
        // an Integer hashes as the long it equals: -1 -> 0 (not Integer.hashCode(-1) = -1)
        assertThat(PyEq.hash(-1)).isEqualTo(0);
        assertThat(PyEq.hash((byte) -1)).isEqualTo(0);
    }

    @Test
    void equalValuesHashEqually() {
        assertThat(PyEq.hash(1.0)).isEqualTo(PyEq.hash(1L)).isEqualTo(PyEq.hash(true))
                .isEqualTo(PyEq.hash(BigInteger.ONE));
        assertThat(PyEq.hash(0x1p63)).isEqualTo(PyEq.hash(TWO_63));
        assertThat(PyEq.hash(0x1p64)).isEqualTo(PyEq.hash(TWO_64));
        assertThat(PyEq.hash(-0x1p63)).isEqualTo(PyEq.hash(Long.MIN_VALUE));
        assertThat(PyEq.hash(-0x1p70)).isEqualTo(PyEq.hash(BigInteger.ONE.shiftLeft(70).negate()));
        assertThat(PyEq.hash(List.of(1.0, true))).isEqualTo(PyEq.hash(List.of(1L, 1L)));
        // a non-integral float hashes as a double
        assertThat(PyEq.hash(1.5)).isEqualTo(Double.hashCode(1.5));
        assertThat(PyEq.hash(Double.POSITIVE_INFINITY)).isEqualTo(Double.hashCode(Double.POSITIVE_INFINITY));
        assertThat(PyEq.hash(Double.NaN)).isEqualTo(Double.hashCode(Double.NaN));
    }

    @Test
    void hashOfATupleFoldsItsItems() {
        // h = 1; h = 31 * h + hash(item): (31 + 1) * 31 + 2 = 994
        assertThat(PyEq.hash(List.of(1L, 2L))).isEqualTo(994);
        assertThat(PyEq.hash(List.of())).isEqualTo(1);
        assertThat(PyEq.hash(List.of(List.of(1L)))).isEqualTo(31 + 32);
    }

    @Test
    void hashOfOtherValuesIsTheirHashCode() {
        Bytes b = Bytes.of((byte) 1, (byte) 2);
        assertThat(PyEq.hash(b)).isEqualTo(b.hashCode());
        assertThat(PyEq.hash("x")).isEqualTo("x".hashCode());
    }

    @Test
    void typeNamesInMessagesArePythons() {
        assertThat(PyTypes.name(null)).isEqualTo("NoneType");
        assertThat(PyTypes.name(Bytes.of())).isEqualTo("bytes");
        assertThat(PyTypes.name(ByteArray.of())).isEqualTo("bytearray");
        assertThat(PyTypes.name(MemoryView.of(new byte[1]))).isEqualTo("memoryview");
        assertThat(PyTypes.name(TypedArray.of('b'))).isEqualTo("array.array");
        assertThat(PyTypes.name("text")).isEqualTo("str");
        assertThat(PyTypes.name(1)).isEqualTo("java.lang.Integer");
        assertThat(PyTypes.name(new int[0])).isEqualTo("int[]");
    }
}
