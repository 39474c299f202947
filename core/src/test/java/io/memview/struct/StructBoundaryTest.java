package io.memview.struct;

import io.memview.ByteArray;
import io.memview.MemoryView;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The exact edges of the integer and float conversions, pinned one by one (each value and message from CPython's
 * {@code struct} rules: {@code 'b'} is -128..127, {@code 'B'} 0..255, {@code 'q'} -2**63..2**63-1, {@code 'Q'}
 * 0..2**64-1; {@code n}, {@code N}, {@code P} exist only in native mode). Found by mutation testing: each assertion
 * kills a mutant that the random suites reach only in their long mode.
 */
class StructBoundaryTest {

    private static final BigInteger TWO_63 = BigInteger.ONE.shiftLeft(63);
    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

    @Test
    void signedByteAcceptsExactlyMinus128To127() {
        Struct b = Struct.of("<b");
        assertThat(b.unpack(b.pack(127L))).containsExactly(127L);
        assertThat(b.unpack(b.pack(-128L))).containsExactly(-128L);
        assertThatThrownBy(() -> b.pack(128L)).isInstanceOf(StructError.class)
                .hasMessage("'b' format requires -128 <= number <= 127");
        assertThatThrownBy(() -> b.pack(-129L)).isInstanceOf(StructError.class)
                .hasMessage("'b' format requires -128 <= number <= 127");
    }

    @Test
    void unsignedByteAcceptsExactly0To255() {
        Struct b = Struct.of("<B");
        assertThat(b.unpack(b.pack(255L))).containsExactly(255L);
        assertThat(b.unpack(b.pack(0L))).containsExactly(0L);
        assertThatThrownBy(() -> b.pack(256L)).isInstanceOf(StructError.class)
                .hasMessage("'B' format requires 0 <= number <= 255");
        assertThatThrownBy(() -> b.pack(-1L)).isInstanceOf(StructError.class)
                .hasMessage("'B' format requires 0 <= number <= 255");
    }

    @Test
    void bigIntegersOfSixtyThreeBitsAreLongs() {
        BigInteger big = BigInteger.ONE.shiftLeft(62).add(BigInteger.ONE); // bitLength 63: fits a long
        assertThat(Struct.of("<q").unpack(Struct.of("<q").pack(big))).containsExactly(big.longValueExact());
        assertThat(Struct.of("<q").unpack(Struct.of("<q").pack(TWO_63.subtract(BigInteger.ONE))))
                .containsExactly(Long.MAX_VALUE);
        assertThatThrownBy(() -> Struct.of("<q").pack(TWO_63)).isInstanceOf(StructError.class)
                .hasMessage("'q' format requires -9223372036854775808 <= number <= 9223372036854775807");
    }

    @Test
    void unsignedSixtyFourBitsAcceptExactlyUpTo2To64Minus1() {
        Struct q = Struct.of("<Q");
        assertThat(q.unpack(q.pack(TWO_64.subtract(BigInteger.ONE)))).containsExactly(TWO_64.subtract(BigInteger.ONE));
        assertThat(q.unpack(q.pack(TWO_63))).containsExactly(TWO_63);
        assertThatThrownBy(() -> q.pack(TWO_64)).isInstanceOf(StructError.class)
                .hasMessage("'Q' format requires 0 <= number <= 18446744073709551615");
        assertThatThrownBy(() -> q.pack(BigInteger.ONE.negate())).isInstanceOf(StructError.class);
        assertThatThrownBy(() -> q.pack(TWO_64.negate())).isInstanceOf(StructError.class);
    }

    @Test
    void pointerTakesMinus2To63UpTo2To64Minus1() {
        Struct p = Struct.of("P");
        assertThat(p.unpack(p.pack(-1L))).containsExactly(TWO_64.subtract(BigInteger.ONE));
        assertThat(p.unpack(p.pack(TWO_64.subtract(BigInteger.ONE)))).containsExactly(TWO_64.subtract(BigInteger.ONE));
        assertThatThrownBy(() -> p.pack(TWO_64)).isInstanceOf(StructError.class).hasMessage("int too large to convert");
    }

    @Test
    void sizeTAndPointerCodesExistOnlyInNativeMode() {
        for (String f : List.of("<n", ">N", "=P", "!n")) {
            assertThatThrownBy(() -> Struct.calcsize(f)).as(f).isInstanceOf(StructError.class)
                    .hasMessage("bad char in struct format");
        }
        assertThat(Struct.calcsize("n")).isEqualTo(Struct.calcsize("N")).isEqualTo(Struct.calcsize("@P"));
    }

    @Test
    void booleansPackAsOneAndZeroIntoFloats() {
        assertThat(Struct.of("<d").unpack(Struct.of("<d").pack(true))).containsExactly(1.0);
        assertThat(Struct.of("<e").unpack(Struct.of("<e").pack(false))).containsExactly(0.0);
    }

    @Test
    void unpackingAByteArrayHandsItsExportBack() {
        ByteArray ba = ByteArray.of((byte) 1, (byte) 2, (byte) 3, (byte) 4);
        Struct s = Struct.of("<H");
        assertThat(s.unpack(ByteArray.of((byte) 1, (byte) 0))).containsExactly(1L);
        assertThat(s.unpackFrom(ba, 2)).containsExactly(0x0403L);
        var it = s.iterUnpack(ba);
        assertThat(it.next()).containsExactly(0x0201L);
        assertThat(it.next()).containsExactly(0x0403L);
        assertThat(it.hasNext()).isFalse();
        s.packInto(ba, 0, 7L);
        assertThat(ba.exports()).as("every export handed back").isZero();
        ba.append(5); // resizable again
        assertThat(ba.toByteArray()).containsExactly(7, 0, 3, 4, 5);
    }

    @Test
    void packIntoRefusesReadOnlyMemory() {
        assertThatThrownBy(() -> Struct.of("B").packInto(io.memview.Bytes.of((byte) 0), 0, 1L))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("read-write bytes-like object");
        java.nio.ByteBuffer ro = java.nio.ByteBuffer.allocate(4).asReadOnlyBuffer();
        assertThatThrownBy(() -> Struct.of("B").packInto(ro, 0, 1L))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("read-write bytes-like object");
    }

    @Test
    void rangeErrorsSpeakStructOrMemoryviewAsTheCallerIs() {
        assertThatThrownBy(() -> Struct.of("B").pack(256L)).isInstanceOf(StructError.class)
                .hasMessage("'B' format requires 0 <= number <= 255");
        MemoryView v = MemoryView.of(ByteArray.of((byte) 0));
        assertThatThrownBy(() -> v.set(0, 256L)).isNotInstanceOf(StructError.class)
                .isInstanceOf(IllegalArgumentException.class).hasMessage("memoryview: invalid value for format 'B'");
        assertThatThrownBy(() -> v.set(0, 1.5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("memoryview: invalid type for format 'B'");
        v.release();
    }
}
