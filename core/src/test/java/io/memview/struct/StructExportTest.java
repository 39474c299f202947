package io.memview.struct;

import io.memview.ByteArray;
import org.junit.jupiter.api.Test;

import java.util.Iterator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Struct hands every buffer export back at the moment CPython does (a {@code bytearray} that a struct call exported
 * can be resized again as soon as the call returns, or as soon as {@code iter_unpack}'s iterator is exhausted), and
 * the size limits of a Java array are reported, not overflowed. Found by mutation testing.
 */
class StructExportTest {

    @Test
    void unpackHandsTheExportBack() {
        ByteArray ba = ByteArray.of((byte) 1, (byte) 0);
        assertThat(Struct.of("<H").unpack(ba)).containsExactly(1L);
        assertThat(ba.exports()).isZero();
        assertThat(Struct.of("<H").unpackFrom(ba)).containsExactly(1L);
        assertThat(ba.exports()).isZero();
    }

    @Test
    void iterUnpackOfAWrongSizeHandsTheExportBackBeforeFailing() {
        ByteArray ba = ByteArray.of((byte) 1, (byte) 2, (byte) 3);
        // CPython 3.13: struct.iter_unpack('<H', bytearray(3)) -> 'iterative unpacking requires a buffer of a
        // multiple of 2 bytes'
        assertThatThrownBy(() -> Struct.of("<H").iterUnpack(ba)).isInstanceOf(StructError.class)
                .hasMessage("iterative unpacking requires a buffer of a multiple of 2 bytes");
        assertThat(ba.exports()).isZero();
    }

    @Test
    void iterUnpackHoldsTheExportUntilTheLastItemIsRead() {
        ByteArray ba = ByteArray.of((byte) 1, (byte) 0, (byte) 2, (byte) 0);
        Iterator<List<Object>> it = Struct.of("<H").iterUnpack(ba);
        assertThat(ba.exports()).isEqualTo(1);
        assertThat(it.next()).containsExactly(1L);
        assertThat(ba.exports()).as("one item left").isEqualTo(1);
        assertThat(it.next()).containsExactly(2L);
        assertThat(ba.exports()).as("released with the last item, before hasNext").isZero();
        assertThat(it.hasNext()).isFalse();
        assertThat(ba.exports()).isZero();
    }

    @Test
    void sizeIsAnIntUpToIntegerMaxValue() {
        assertThat(Struct.of("<2147483647x").size()).isEqualTo(Integer.MAX_VALUE);
        assertThatThrownBy(() -> Struct.of("<2147483648x").size()).isInstanceOf(ArithmeticException.class)
                .hasMessage("struct size 2147483648 does not fit in an int; use Struct.calcsize");
        assertThat(Struct.calcsize("<2147483648x")).isEqualTo(2147483648L);
    }

    @Test
    void countsPastAnIntNeverWrapAround() {
        // 4294967297 values would be 1 if truncated to an int: the count check must still see 4294967297
        // (CPython 3.13: struct.pack('<4294967297b', 1) -> 'pack expected 4294967297 items for packing (got 1)')
        assertThatThrownBy(() -> Struct.of("<4294967297b").pack(1L)).isInstanceOf(StructError.class)
                .hasMessage("pack expected 4294967297 items for packing (got 1)");
    }
}
