package io.memview.internal;

import io.memview.Slice;
import io.memview.internal.RandomLayouts.Kind;
import io.memview.internal.RandomLayouts.Plan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.foreign.MemorySegment;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link Selection#select} against a naive model of NumPy's basic indexing: an integer picks one index of its
 * dimension (negative from the end) and drops the dimension, a slice keeps the indices Python's {@code
 * range(n)[start:stop:step]} keeps, one ellipsis stands for as many full slices as needed, missing keys are full
 * slices. Every item of the result must be at the address, by PEP 3118's definition, of the parent item it stands for;
 * PIL layouts included (a result that would need a negative suboffset is refused, and only then). Errors are NumPy's.
 */
class SelectionModelTest {

    static LongStream seeds() {
        return LongStream.range(0, 500);
    }

    private static RandomGenerator rng(long seed) {
        return RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
    }

    /** Python's {@code list(range(n)[start:stop:step])}, by walking the indices one by one. */
    private static List<Long> sliced(long n, Long start, Long stop, long step) {
        List<Long> out = new ArrayList<>();
        if (step > 0) {
            long s = start == null ? 0 : start < 0 ? Math.max(0, start + n) : Math.min(start, n);
            long e = stop == null ? n : stop < 0 ? Math.max(0, stop + n) : Math.min(stop, n);
            for (long i = s; i < e; i += step) {
                out.add(i);
            }
        } else {
            long s = start == null ? n - 1 : start < 0 ? Math.max(-1, start + n) : Math.min(start, n - 1);
            long e = stop == null ? -1 : stop < 0 ? Math.max(-1, stop + n) : Math.min(stop, n - 1);
            for (long i = s; i > e; i += step) {
                out.add(i);
            }
        }
        return out;
    }

    private static Long bound(RandomGenerator r, long n) {
        return switch (r.nextInt(6)) {
            case 0 -> null;
            case 1 -> (long) r.nextInt((int) n + 3) - 1;
            case 2 -> -(long) r.nextInt((int) n + 3);
            case 3 -> r.nextBoolean() ? Long.MAX_VALUE : Long.MIN_VALUE;
            default -> (long) r.nextInt((int) n + 1);
        };
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void everySelectedItemIsTheParentItemItStandsFor(long seed) {
        RandomGenerator r = rng(seed);
        long[] shape = RandomLayouts.randomShape(r, 4, 5, true);
        int isz = 1 + r.nextInt(4);
        Kind kind = Kind.values()[r.nextInt(Kind.values().length)];
        Plan p = RandomLayouts.plan(r, shape, isz, kind, r.nextInt(5) == 0);
        byte[] mem = RandomLayouts.randomBytes(r, (int) p.size() + 8);
        Layout parent = p.place(mem, MemorySegment.ofArray(mem), r.nextInt(8));
        int nd = shape.length;
        int given = nd == 0 ? 0 : r.nextInt(nd + 1);
        // an ellipsis after `ellipsisAt` explicit keys stands for the nd - given dimensions from there
        int ellipsisAt = r.nextInt(3) == 0 ? r.nextInt(given + 1) : -1;
        // per dimension: the parent indices it selects, whether it is kept, and its step
        List<List<Long>> picks = new ArrayList<>();
        List<Boolean> kept = new ArrayList<>();
        List<Long> steps = new ArrayList<>();
        List<Object> keys = new ArrayList<>();
        for (int d = 0; d < nd; d++) {
            long n = shape[d];
            boolean implicit = ellipsisAt >= 0 ? d >= ellipsisAt && d < ellipsisAt + nd - given : d >= given;
            if (ellipsisAt == d) {
                keys.add(Slice.ELLIPSIS);
            }
            if (!implicit && n > 0 && r.nextInt(3) == 0) {
                long i = r.nextInt((int) n);
                Object key = r.nextBoolean() ? (Object) i : (Object) (i - n);
                if (r.nextInt(8) == 0) {
                    key = (int) (long) (Long) key;
                }
                keys.add(key);
                picks.add(List.of(i));
                kept.add(false);
                steps.add(0L);
            } else if (!implicit) {
                Long start = bound(r, n);
                Long stop = bound(r, n);
                long step = r.nextBoolean() ? 1 : (r.nextBoolean() ? -1 : 1) * (1 + r.nextInt(3));
                keys.add(Slice.of(start, stop, step));
                picks.add(sliced(n, start, stop, step));
                kept.add(true);
                steps.add(step);
            } else {
                picks.add(sliced(n, null, null, 1));
                kept.add(true);
                steps.add(1L);
            }
        }
        if (ellipsisAt >= nd) {
            keys.add(Slice.ELLIPSIS);
        }
        Layout got;
        try {
            got = Selection.select(parent, keys.toArray());
        } catch (UnsupportedOperationException e) {
            // only a PIL parent with a start moved backwards behind its indirect dimension
            assertThat(parent.suboffsets()).as("seed %d: %s", seed, e.getMessage()).isNotNull();
            assertThat(e.getMessage()).as("seed %d", seed).isEqualTo("memoryview: this sub-view would need a "
                    + "negative suboffset (a negative stride after an indirect dimension)");
            if (picks.stream().noneMatch(List::isEmpty)) {
                long moved = parent.suboffsets()[0];
                for (int d = 1; d < nd; d++) {
                    moved += picks.get(d).get(0) * parent.strides()[d];
                }
                assertThat(moved).as("seed %d: the suboffset it would need", seed).isNegative();
            }
            assertThat(kept.get(0)).as("seed %d", seed).isTrue();
            return;
        }
        List<Long> newShape = new ArrayList<>();
        for (int d = 0; d < nd; d++) {
            if (kept.get(d)) {
                newShape.add((long) picks.get(d).size());
            }
        }
        assertThat(got.shape()).as("seed %d: %s[%s]", seed, java.util.Arrays.toString(shape), keys)
                .containsExactly(newShape.stream().mapToLong(Long::longValue).toArray());
        assertThat(got.itemsize()).isEqualTo(isz);
        assertThat(got.memory()).isSameAs(parent.memory());
        for (long[] out : RandomLayouts.indices(got.shape())) {
            long[] in = new long[nd];
            int k = 0;
            for (int d = 0; d < nd; d++) {
                in[d] = kept.get(d) ? picks.get(d).get((int) out[k++]) : picks.get(d).get(0);
            }
            assertThat(RandomLayouts.address(mem, got, out)).as("seed %d: %s[%s] at %s", seed,
                    java.util.Arrays.toString(shape), keys, java.util.Arrays.toString(out))
                    .isEqualTo(RandomLayouts.address(mem, parent, in));
        }
        // kept dimensions step by the parent's stride times the slice step
        int k = 0;
        for (int d = 0; d < nd; d++) {
            if (kept.get(d)) {
                long step = steps.get(d);
                assertThat(got.strides()[k++]).as("seed %d: stride of dimension %d", seed, d)
                        .isEqualTo(parent.strides()[d] * step);
            }
        }
    }

    private static Layout bytes(int n) {
        return Layout.cContiguous(MemorySegment.ofArray(new byte[n * n]), 0, new long[] {n, n}, 1);
    }

    @Test
    void errorsAreNumPysInNumPysOrder() {
        Layout l = bytes(3);
        assertThatThrownBy(() -> Selection.select(l, new Object[] {Slice.ELLIPSIS, 0, Slice.ELLIPSIS}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("an index can only have a single ellipsis ('...')");
        assertThatThrownBy(() -> Selection.select(l, new Object[] {0, 0, 0}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("too many indices for memoryview: memoryview is 2-dimensional, but 3 were indexed");
        assertThatThrownBy(() -> Selection.select(l, new Object[] {0, 3}))
                .isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessage("index 3 is out of bounds for axis 1 with size 3");
        assertThatThrownBy(() -> Selection.select(l, new Object[] {-4}))
                .isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessage("index -4 is out of bounds for axis 0 with size 3");
        assertThatThrownBy(() -> Selection.select(l, new Object[] {"a"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("memoryview: invalid slice key str");
        assertThatThrownBy(() -> Selection.select(l, new Object[] {1.5}))
                .hasMessage("memoryview: invalid slice key java.lang.Double");
        assertThatThrownBy(() -> Selection.select(l, new Object[] {BigInteger.ONE.shiftLeft(63), 0, 0}))
                .isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessage("cannot fit 'int' into an index-sized integer");
        // a BigInteger within the long range is an index like any other
        assertThat(Selection.select(l, new Object[] {BigInteger.TWO}).offset()).isEqualTo(6);
        assertThatThrownBy(() -> Selection.select(l, new Object[] {BigInteger.ONE.shiftLeft(62).negate()}))
                .isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessage("index -4611686018427387904 is out of bounds for axis 0 with size 3");
    }

    @Test
    void zeroDimensionalSelectionOnlyTakesAnEllipsisOrNothing() {
        Layout scalar = new Layout(MemorySegment.ofArray(new byte[4]), 1, new long[0], new long[0], null, 2);
        assertThat(Selection.select(scalar, new Object[0]).offset()).isEqualTo(1);
        assertThat(Selection.select(scalar, new Object[] {Slice.ELLIPSIS}).shape()).isEmpty();
        assertThatThrownBy(() -> Selection.select(scalar, new Object[] {0}))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("invalid indexing of 0-dim memory");
        assertThatThrownBy(() -> Selection.select(scalar, new Object[] {Slice.ELLIPSIS, Slice.ELLIPSIS}))
                .hasMessage("invalid indexing of 0-dim memory");
    }

    @Test
    void booleansAndSmallIntegerTypesAreIndices() {
        Layout l = bytes(3);
        assertThat(Selection.select(l, new Object[] {true}).offset()).isEqualTo(3);
        assertThat(Selection.select(l, new Object[] {false, (short) 2}).offset()).isEqualTo(2);
        assertThat(Selection.select(l, new Object[] {(byte) -1, 1}).offset()).isEqualTo(7);
    }

    @Test
    void pilSelectionChecksTheSubscriptBeforeTheLayout() {
        // (2, 2, 2) with dimensions 0 and 1 indirect: dropping dimension 1 after keeping dimension 0 is refused,
        // but an out-of-range index anywhere is reported first
        byte[] mem = new byte[64];
        java.nio.ByteBuffer bb = java.nio.ByteBuffer.wrap(mem).order(java.nio.ByteOrder.nativeOrder());
        bb.putLong(0, 16);
        bb.putLong(8, 32);
        bb.putLong(16, 48);
        bb.putLong(24, 50);
        bb.putLong(32, 52);
        bb.putLong(40, 54);
        Layout l = new Layout(MemorySegment.ofArray(mem), 0, new long[] {2, 2, 2}, new long[] {8, 8, 1},
                new long[] {0, 0, -1}, 1);
        assertThatThrownBy(() -> Selection.select(l, new Object[] {Slice.all(), 0, 5}))
                .isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessage("index 5 is out of bounds for axis 2 with size 2");
        assertThatThrownBy(() -> Selection.select(l, new Object[] {Slice.all(), 0, Slice.of(0L, 1L, 0)}))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("slice step cannot be zero");
        assertThatThrownBy(() -> Selection.select(l, new Object[] {Slice.all(), 1}))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessage("memoryview: a sub-view cannot drop an indirect (suboffset) dimension after a kept one");
        // dropping both indirect dimensions follows both pointers: [1, 1] is the row at 54
        Layout row = Selection.select(l, new Object[] {1, 1});
        assertThat(row.offset()).isEqualTo(54);
        assertThat(row.suboffsets()).containsExactly(-1);
        // [1, :, 1]: the pointer of row 1 stays, its suboffset moves by one item
        Layout col = Selection.select(l, new Object[] {1, Slice.all(), 1});
        assertThat(col.offset()).isEqualTo(32);
        assertThat(col.suboffsets()).containsExactly(1);
        assertThat(col.address(new long[] {1})).isEqualTo(55);
    }
}
