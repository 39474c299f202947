package io.memview.struct;

import io.memview.BufferError;
import io.memview.ByteArray;
import io.memview.Bytes;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What {@link Struct} does beyond CPython's cases: Java's own value and buffer types, the guarantees the Javadoc
 * gives (a failed {@code packInto} writes nothing, tuples are unmodifiable, the iterator holds its export until
 * exhausted), and the limits of Java arrays. Expectations come from the reasoning stated at each test.
 */
class StructJavaTest {

    @Test
    void aNullFormatIsRefusedWithCPythonsTypeError() {
        // CPython 3.13: struct.Struct(None) and struct.calcsize(None) raise this TypeError
        String msg = "Struct() argument 1 must be a str or bytes object, not NoneType";
        assertThatThrownBy(() -> Struct.of(null)).isExactlyInstanceOf(IllegalArgumentException.class).hasMessage(msg);
        assertThatThrownBy(() -> Struct.calcsize(null)).isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage(msg);
    }

    @Test
    void javaIntegralTypesPackAsPythonInts() {
        // DESIGN.md: any integral Number in range, or Boolean
        Struct s = Struct.of("<bhiq");
        byte[] expected = Struct.of("<bhiq").pack(1L, 2L, 3L, 4L);
        assertThat(s.pack((byte) 1, (short) 2, 3, new AtomicLong(4))).isEqualTo(expected);
        assertThat(s.pack(BigInteger.ONE, new AtomicInteger(2), 3L, BigInteger.valueOf(4)))
                .isEqualTo(expected);
        assertThat(Struct.of("<B").pack(true)).containsExactly(1);
    }

    @Test
    void nonIntegralNumbersAreRefusedForIntegerCodesAndAcceptedForFloatCodes() {
        // Python: float and Decimal have no __index__, but both have __float__
        for (Object v : new Object[] {1.0f, 1.0, BigDecimal.ONE}) {
            assertThatThrownBy(() -> Struct.of("i").pack(v)).isInstanceOf(StructError.class)
                    .hasMessage("required argument is not an integer");
        }
        assertThat(Struct.of("<d").unpack(Struct.of("<d").pack(new BigDecimal("2.5")))).containsExactly(2.5);
        assertThat(Struct.of("<f").unpack(Struct.of("<f").pack(1.5f))).containsExactly(1.5);
        assertThat(Struct.of("<e").unpack(Struct.of("<e").pack(3))).containsExactly(3.0);
    }

    @Test
    void unpackedValuesHaveExactlyTheDesignedTypes() {
        List<Object> t = Struct.of("<bQQ?dcs").unpack(Bytes.fromHex(
                "ff" + "0100000000000000" + "ffffffffffffffff" + "02" + "000000000000f03f" + "61" + "62"));
        assertThat(t).containsExactly(-1L, 1L, new BigInteger("18446744073709551615"), true, 1.0, Bytes.of((byte) 'a'),
                Bytes.of((byte) 'b'));
        assertThat(t.get(0)).isInstanceOf(Long.class);
        assertThat(t.get(4)).isInstanceOf(Double.class);
        assertThatThrownBy(() -> t.set(0, 1L)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> t.add(1L)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void byteBufferIsReadFromPositionToLimitAndSegmentsAnyKind() {
        ByteBuffer bb = ByteBuffer.wrap(new byte[] {9, 9, 1, 0, 0, 0, 9});
        bb.position(2).limit(6);
        assertThat(Struct.of("<i").unpack(bb)).containsExactly(1L);
        assertThat(bb.position()).as("no cursor moves").isEqualTo(2);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment native_ = arena.allocate(8);
            Struct.of("<q").packInto(native_, 0, -2L);
            assertThat(native_.get(ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN), 0)).isEqualTo(-2L);
            assertThat(Struct.of(">q").unpackFrom(native_, -8)).containsExactly(0xfeffffffffffffffL);
        }
    }

    @Test
    void packIntoRefusesReadOnlyBuffersWithCPythonsMessage() {
        assertThatThrownBy(() -> Struct.of("b").packInto(Bytes.of((byte) 0), 0, 1L))
                .isInstanceOf(IllegalArgumentException.class).isNotInstanceOf(StructError.class)
                .hasMessage("argument must be read-write bytes-like object, not bytes");
        assertThatThrownBy(() -> Struct.of("b").packInto(null, 0, 1L))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("argument must be read-write bytes-like object, not None");
        ByteBuffer ro = ByteBuffer.allocate(4).asReadOnlyBuffer();
        assertThatThrownBy(() -> Struct.of("b").packInto(ro, 0, 1L)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("argument must be read-write bytes-like object, not ");
        MemorySegment roSeg = MemorySegment.ofArray(new byte[4]).asReadOnly();
        assertThatThrownBy(() -> Struct.of("b").packInto(roSeg, 0, 1L)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("argument must be read-write bytes-like object, not ");
    }

    @Test
    void aFailedPackIntoLeavesTheBufferAsItWas() {
        // The bad value is the last one: CPython would have written the first two fields already
        byte[] buf = {7, 7, 7, 7, 7, 7, 7, 7, 7, 7};
        assertThatThrownBy(() -> Struct.of("<hhh").packInto(buf, 2, 1L, 2L, 1L << 20))
                .isInstanceOf(StructError.class).hasMessage("'h' format requires -32768 <= number <= 32767");
        assertThat(buf).containsOnly(7);
    }

    @Test
    void iterUnpackHoldsItsExportUntilExhausted() {
        ByteArray ba = ByteArray.of(new byte[] {1, 2, 3, 4});
        Iterator<List<Object>> it = Struct.of("<h").iterUnpack(ba);
        assertThat(it.next()).containsExactly(0x0201L);
        assertThatThrownBy(() -> ba.append(5)).isInstanceOf(BufferError.class);
        assertThat(it.next()).containsExactly(0x0403L);
        assertThat(it.hasNext()).isFalse();
        ba.append(5);
        assertThat(ba.length()).isEqualTo(5);
    }

    @Test
    void structsAreCachedAndSizesPastIntegerRangeAreReportedByCalcsize() {
        assertThat(Struct.of("<iif")).isSameAs(Struct.of("<iif"));
        assertThat(Struct.calcsize("3000000000x")).isEqualTo(3_000_000_000L);
        Struct big = Struct.of("3000000000x");
        assertThatThrownBy(big::size).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(big::pack).isInstanceOf(StructError.class);
        // counting the values never allocates them
        assertThatThrownBy(() -> Struct.of("1000000000q").pack(1L)).isInstanceOf(StructError.class)
                .hasMessage("pack expected 1000000000 items for packing (got 1)");
    }

    @Test
    void booleanTruthFollowsPython() {
        Struct s = Struct.of("8?");
        assertThat(s.unpack(s.pack(null, "", List.of(), Bytes.of(), 0.0, -0.0, 0, BigInteger.ZERO)))
                .containsOnly(false);
        assertThat(s.unpack(s.pack(new Object(), "x", List.of(0), Bytes.of((byte) 0), Double.NaN, 0.5f, -1,
                BigInteger.TEN))).containsOnly(true);
    }
}
