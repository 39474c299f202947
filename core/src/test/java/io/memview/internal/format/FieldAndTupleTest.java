package io.memview.internal.format;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.RandomAccess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The small value types of the format engine: {@link Field} (how many values and bytes a run of a format covers, by
 * the rules of CPython's {@code struct}: {@code x} pads and produces no value, {@code s}/{@code p} produce one value
 * of {@code count} bytes, every other code {@code count} values of its size), {@link Tuple} and {@link ChunkedTuple}.
 */
class FieldAndTupleTest {

    @Test
    void padRunsProduceNoValueButCoverTheirBytes() {
        Field x = new Field('x', null, 0, 5, 1, true);
        assertThat(x.values()).isZero();
        assertThat(x.byteSize()).isEqualTo(5);
    }

    @Test
    void stringRunsProduceOneValueOfCountBytes() {
        for (char c : new char[] {'s', 'p'}) {
            Field f = new Field(c, null, 3, 7, 1, false);
            assertThat(f.values()).as("%s", c).isEqualTo(1);
            assertThat(f.byteSize()).as("%s", c).isEqualTo(7);
            Field empty = new Field(c, null, 3, 0, 1, false);
            assertThat(empty.values()).as("0%s", c).isEqualTo(1);
            assertThat(empty.byteSize()).as("0%s", c).isZero();
        }
    }

    @Test
    void scalarRunsProduceCountValuesOfTheirSize() {
        Field i = new Field('i', Scalar.I32_LE, 8, 3, 4, false);
        assertThat(i.values()).isEqualTo(3);
        assertThat(i.byteSize()).isEqualTo(12);
        Field q = new Field('q', Scalar.I64_BE, 0, 2, 8, false);
        assertThat(q.byteSize()).isEqualTo(16);
    }

    @Test
    void formatsReportTheirRunsValuesAndBytes() {
        // "<2xh3s2i": 2 pad bytes, h at 2, s (3 bytes) at 4, i i at 7 and 11 (no alignment in '<' mode)
        List<Field> fields = Format.of("<2xh3s2i").fields();
        assertThat(fields).extracting(Field::code).containsExactly('x', 'h', 's', 'i');
        assertThat(fields).extracting(Field::offset).containsExactly(0L, 2L, 4L, 7L);
        assertThat(fields).extracting(Field::values).containsExactly(0L, 1L, 1L, 2L);
        assertThat(fields).extracting(Field::byteSize).containsExactly(2L, 2L, 3L, 8L);
        assertThat(Format.of("<2xh3s2i").valueCount()).isEqualTo(4);
        assertThat(Format.of("<2xh3s2i").size()).isEqualTo(15);
    }

    @Test
    void onlyNativeFloatRunsStoreWithACCast() {
        // native 'f' is a C cast (never overflows); standard '<f' raises OverflowError, as do 'd' and 'e' anyway
        assertThat(new Field('f', Scalar.F32_LE, 0, 1, 4, true).cCastFloat()).isTrue();
        assertThat(new Field('f', Scalar.F32_LE, 0, 1, 4, false).cCastFloat()).isFalse();
        assertThat(new Field('d', Scalar.F64_LE, 0, 1, 8, true).cCastFloat()).isFalse();
        assertThat(new Field('e', Scalar.F16_LE, 0, 1, 2, true).cCastFloat()).isFalse();
    }

    @Test
    void tupleIsAFixedListOverItsArray() {
        Tuple t = new Tuple(new Object[] {1L, "b", null});
        assertThat(t).hasSize(3).containsExactly(1L, "b", null);
        assertThat(t.get(1)).isEqualTo("b");
        assertThat(t).isInstanceOf(RandomAccess.class).isEqualTo(Arrays.asList(1L, "b", null));
        assertThatThrownBy(() -> t.get(3)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> t.set(0, 2L)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> t.add(2L)).isInstanceOf(UnsupportedOperationException.class);
        assertThat(new Tuple(new Object[0])).isEmpty();
    }

    @Test
    void chunkedTupleFindsEveryItemAcrossChunkBoundaries() {
        int size = 2 * ChunkedTuple.CHUNK + 5;
        assertThat(ChunkedTuple.CHUNK).isEqualTo(16384); // the get() index split shifts by 14
        Object[][] chunks = new Object[3][];
        List<Object> plain = new ArrayList<>(size);
        for (int c = 0; c < 3; c++) {
            int n = c < 2 ? ChunkedTuple.CHUNK : 5;
            chunks[c] = new Object[n];
            for (int j = 0; j < n; j++) {
                long v = (long) c * ChunkedTuple.CHUNK + j;
                chunks[c][j] = v;
                plain.add(v);
            }
        }
        ChunkedTuple t = new ChunkedTuple(chunks, size);
        assertThat(t.size()).isEqualTo(size);
        for (int i : new int[] {0, 1, ChunkedTuple.CHUNK - 1, ChunkedTuple.CHUNK, ChunkedTuple.CHUNK + 1,
                2 * ChunkedTuple.CHUNK, size - 1}) {
            assertThat(t.get(i)).as("item %d", i).isEqualTo((long) i);
        }
        assertThat(t).isEqualTo(plain);
        assertThatThrownBy(() -> t.get(size)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> t.get(-1)).isInstanceOf(IndexOutOfBoundsException.class);
        // the last chunk is allocated beyond size: an index past size must fail, not read the spare slot
        Object[][] roomy = {new Object[] {7L, 8L, 9L}};
        ChunkedTuple two = new ChunkedTuple(roomy, 2);
        assertThat(two).containsExactly(7L, 8L);
        assertThatThrownBy(() -> two.get(2)).isInstanceOf(IndexOutOfBoundsException.class);
    }
}
