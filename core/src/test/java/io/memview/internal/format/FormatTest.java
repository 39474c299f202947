package io.memview.internal.format;

import io.memview.Bytes;
import io.memview.struct.StructError;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The parts of {@link Format} that views use and {@code Struct} does not show: the prefix, mode and order of a format,
 * its runs, the single value of one-value formats and {@link Format#item}, plus parser edges pinned against CPython
 * 3.13 ({@code struct.calcsize}, the {@code UnicodeEncodeError} messages), each quoted in the test.
 */
class FormatTest {

    @Test
    void prefixModeAndOrderFollowTheFirstCharacter() {
        record Case(String text, char prefix, boolean nativeMode, ByteOrder order) { }
        for (Case c : List.of(
                new Case("<h", '<', false, ByteOrder.LITTLE_ENDIAN),
                new Case(">h", '>', false, ByteOrder.BIG_ENDIAN),
                new Case("!h", '!', false, ByteOrder.BIG_ENDIAN),
                new Case("=h", '=', false, ByteOrder.nativeOrder()),
                new Case("@h", '@', true, ByteOrder.nativeOrder()),
                new Case("h", '\0', true, ByteOrder.nativeOrder()))) {
            Format f = Format.of(c.text());
            assertThat(f.prefix()).as(c.text()).isEqualTo(c.prefix());
            assertThat(f.nativeMode()).as(c.text()).isEqualTo(c.nativeMode());
            assertThat(f.order()).as(c.text()).isEqualTo(c.order());
            assertThat(f.text()).as(c.text()).isEqualTo(c.text());
            assertThat(f).as(c.text()).hasToString(c.text());
        }
    }

    @Test
    void adjacentRunsOfOneCodeMergeAndZeroCountRunsAreDropped() {
        assertThat(Format.of("<iii").fields()).containsExactly(new Field('i', Scalar.I32_LE, 0, 3, 4, false));
        assertThat(Format.of("<2i i").fields()).containsExactly(new Field('i', Scalar.I32_LE, 0, 3, 4, false));
        // '0i' adds nothing in standard mode: b and h stay two runs
        assertThat(Format.of("<b0ih").fields()).extracting(Field::code).containsExactly('b', 'h');
        // '@i0qi' is 12 bytes in CPython 3.13: 0q aligns the second i to 8, so the two i runs are not adjacent
        assertThat(Format.of("@i0qi").size()).isEqualTo(12);
        assertThat(Format.of("@i0qi").fields()).extracting(Field::offset).containsExactly(0L, 8L);
        // different codes of one size never merge
        assertThat(Format.of("<hH").fields()).extracting(Field::code).containsExactly('h', 'H');
    }

    @Test
    void singleIsTheOnlyValueProducingRun() {
        Format xh = Format.of("<xh");
        assertThat(xh.single()).isEqualTo(new Field('h', Scalar.I16_LE, 1, 1, 2, false));
        assertThat(xh.singleScalar()).isEqualTo(Scalar.I16_LE);
        Format s = Format.of("<3s");
        assertThat(s.single()).isEqualTo(new Field('s', null, 0, 3, 1, false));
        assertThat(s.singleScalar()).isNull();
        assertThat(Format.of("<hb").single()).isNull();
        assertThat(Format.of("<hb").singleScalar()).isNull();
        assertThat(Format.of("<2h").single()).isNull();
        assertThat(Format.of("<x").single()).isNull();
    }

    @Test
    void itemIsTheValueForOneValueFormatsAndATupleOtherwise() {
        // byte i holds i + 1; the struct starts at base 2
        byte[] data = new byte[10];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i + 1);
        }
        MemorySegment m = MemorySegment.ofArray(data);
        // "<xh" at base 2: the h is at offset 1 + 2 = 3, bytes 4 and 5, little-endian: 0x0504
        assertThat(Format.of("<xh").item(m, 2)).isEqualTo(0x0504L);
        assertThat(Format.of(">h").item(m, 2)).isEqualTo(0x0304L);
        assertThat(Format.of("<3s").item(m, 2)).isEqualTo(Bytes.of((byte) 3, (byte) 4, (byte) 5));
        assertThat(Format.of("<x3s").item(m, 2)).isEqualTo(Bytes.of((byte) 4, (byte) 5, (byte) 6));
        assertThat(Format.of("<hb").item(m, 2)).isEqualTo(List.of(0x0403L, 5L));
        assertThat(Format.of("<2B").item(m, 2)).isEqualTo(List.of(3L, 4L));
        assertThat(Format.of("<x").item(m, 2)).isEqualTo(List.of());
    }

    @Test
    void packZeroesPadAndStringTailsOfDirtyMemory() {
        MemorySegment m = MemorySegment.ofArray(new byte[8]);
        m.fill((byte) 0xAA);
        Format.of("<bxh").pack(m, 1, new Object[] {5L, 0x0102L}, 0, Values.Style.STRUCT);
        assertThat(m.toArray(ValueLayout.JAVA_BYTE)).containsExactly(0xAA - 256, 5, 0, 2, 1, 0xAA - 256,
                0xAA - 256, 0xAA - 256);
        m.fill((byte) 0xAA);
        Format.of("<3sb").pack(m, 0, new Object[] {Bytes.of((byte) 'a'), 7L}, 0, Values.Style.STRUCT);
        assertThat(m.toArray(ValueLayout.JAVA_BYTE)).containsExactly('a', 0, 0, 7, 0xAA - 256, 0xAA - 256,
                0xAA - 256, 0xAA - 256);
        // with nothing to zero, pack writes the values' bytes and nothing else
        m.fill((byte) 0xAA);
        Format.of("<hb").pack(m, 0, new Object[] {-1L, 0L}, 0, Values.Style.STRUCT);
        assertThat(m.toArray(ValueLayout.JAVA_BYTE)).containsExactly(-1, -1, 0, 0xAA - 256, 0xAA - 256,
                0xAA - 256, 0xAA - 256, 0xAA - 256);
    }

    @Test
    void countsUpToTheLargestSizeAreValid() {
        // CPython 3.13: struct.calcsize('<9223372036854775807x') == 9223372036854775807, and one more byte is
        // 'total struct size too long'
        assertThat(Format.of("<9223372036854775807x").size()).isEqualTo(Long.MAX_VALUE);
        assertThatThrownBy(() -> Format.of("<9223372036854775807xb")).isInstanceOf(StructError.class)
                .hasMessage("total struct size too long");
    }

    @Test
    void nonAsciiMessagesNameTheRunOfNonAsciiCharacters() {
        // CPython 3.13, struct.calcsize(...) raising UnicodeEncodeError; DEL (0x7f) is ASCII and ends the run
        assertThatThrownBy(() -> Format.of("<\u00e9\u007fb")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'ascii' codec can't encode character '\\xe9' in position 1: ordinal not in range(128)");
        assertThatThrownBy(() -> Format.of("<\u00ffb")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'ascii' codec can't encode character '\\xff' in position 1: ordinal not in range(128)");
        assertThatThrownBy(() -> Format.of("<\u0100b")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'ascii' codec can't encode character '\\u0100' in position 1: ordinal not in range(128)");
        assertThatThrownBy(() -> Format.of("b\u00e9\u00e8")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'ascii' codec can't encode characters in position 1-2: ordinal not in range(128)");
    }

    @Test
    void halfPacksNaNAsAQuietNaNKeepingOnlyItsSign() {
        // PyFloat_Pack2: NaN packs as 0x7e00, with the sign bit of the double
        assertThat(Half.fromDouble(Double.NaN)).isEqualTo(0x7e00);
        assertThat(Half.fromDouble(Double.longBitsToDouble(0xfff0000000000001L))).isEqualTo(0xfe00);
        assertThat(Half.fromDouble(Double.longBitsToDouble(0x7ff0000000000001L))).isEqualTo(0x7e00);
    }

    @Test
    void fieldsIsACopy() {
        List<Field> f = Format.of("<hb").fields();
        assertThat(f).hasSize(2);
        assertThatThrownBy(() -> f.set(0, null)).isInstanceOf(UnsupportedOperationException.class);
        assertThat(Arrays.asList(Format.of("<hb").fields().toArray())).isEqualTo(f);
    }
}
