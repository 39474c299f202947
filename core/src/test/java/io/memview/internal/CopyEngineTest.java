package io.memview.internal;

import io.memview.internal.RandomLayouts.Kind;
import io.memview.internal.RandomLayouts.Plan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.foreign.MemorySegment;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link Copier#copy} against the reference model of {@link RandomLayouts}: after the copy, every item of the
 * destination holds the bytes the same index of the source held before it, and no other byte changed. Layouts are
 * random (C, Fortran, any order with gaps and negative strides, sources with zero strides, PIL pointer tables), item
 * sizes cover every specialised row copy (1, 2, 4, 8) and the general one (3, 16); source and destination are separate
 * arrays, disjoint slices of one array, or overlapping layouts over one segment (a memmove).
 */
class CopyEngineTest {

    private static final int[] ITEMSIZES = {1, 2, 3, 4, 8, 16};

    static LongStream seeds() {
        return LongStream.range(0, 300);
    }

    private static RandomGenerator rng(long seed) {
        return RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
    }

    private static Kind kind(RandomGenerator r) {
        return Kind.values()[r.nextInt(Kind.values().length)];
    }

    /** What the copy must produce: {@code mem} with the source items, read before the copy, at the destination. */
    private static byte[] expected(byte[] srcMem, Layout src, byte[] dstMem, Layout dst) {
        byte[] before = srcMem.clone();
        byte[] out = dstMem.clone();
        for (long[] idx : RandomLayouts.indices(src.shape())) {
            long s = RandomLayouts.address(before, src, idx);
            long d = RandomLayouts.address(dstMem, dst, idx);
            System.arraycopy(before, (int) s, out, (int) d, src.itemsize());
        }
        return out;
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void copyBetweenSeparateArraysMovesEveryItemAndNothingElse(long seed) {
        RandomGenerator r = rng(seed);
        long[] shape = RandomLayouts.randomShape(r, 4, 4, true);
        int isz = ITEMSIZES[r.nextInt(ITEMSIZES.length)];
        Kind ks = kind(r);
        Kind kd = r.nextInt(3) == 0 ? ks : kind(r);
        Plan ps = RandomLayouts.plan(r, shape, isz, ks, true);
        Plan pd = RandomLayouts.plan(r, shape, isz, kd, false);
        byte[] sm = RandomLayouts.randomBytes(r, (int) ps.size() + 8);
        byte[] dm = RandomLayouts.randomBytes(r, (int) pd.size() + 8);
        Layout src = ps.place(sm, MemorySegment.ofArray(sm), r.nextInt(8));
        Layout dst = pd.place(dm, MemorySegment.ofArray(dm), r.nextInt(8));
        byte[] srcBefore = sm.clone();
        byte[] want = expected(sm, src, dm, dst);
        Copier.copy(src, dst);
        assertThat(dm).as("seed %d: %s -> %s", seed, ks, kd).isEqualTo(want);
        assertThat(sm).as("seed %d: the source is unchanged", seed).isEqualTo(srcBefore);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void copyBetweenDisjointSlicesOfOneArray(long seed) {
        RandomGenerator r = rng(seed);
        long[] shape = RandomLayouts.randomShape(r, 3, 5, false);
        int isz = ITEMSIZES[r.nextInt(ITEMSIZES.length)];
        Kind ks = kind(r);
        Kind kd = kind(r);
        Plan ps = RandomLayouts.plan(r, shape, isz, ks, true);
        Plan pd = RandomLayouts.plan(r, shape, isz, kd, false);
        int half = (int) ps.size() + r.nextInt(4);
        byte[] mem = RandomLayouts.randomBytes(r, half + (int) pd.size() + 4);
        MemorySegment all = MemorySegment.ofArray(mem);
        Layout src = ps.place(mem, all.asSlice(0, half), 0);
        // the destination's segment starts at byte `half` of the array: its offsets and pointers are relative to it
        Layout dst = pd.place(mem, half, all.asSlice(half), r.nextInt(4));
        byte[] dstBytes = java.util.Arrays.copyOfRange(mem, half, mem.length);
        byte[] want = mem.clone();
        byte[] dstWant = expected(mem, src, dstBytes, dst);
        System.arraycopy(dstWant, 0, want, half, dstWant.length);
        Copier.copy(src, dst);
        assertThat(mem).as("seed %d: %s -> %s", seed, ks, kd).isEqualTo(want);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void overlappingCopyIsAMemmove(long seed) {
        RandomGenerator r = rng(seed);
        long[] shape = RandomLayouts.randomShape(r, 3, 5, true);
        int isz = ITEMSIZES[r.nextInt(ITEMSIZES.length)];
        Kind[] plain = {Kind.C, Kind.F, Kind.ANY};
        Kind ks = plain[r.nextInt(3)];
        Kind kd = r.nextBoolean() ? ks : plain[r.nextInt(3)];
        Plan ps = RandomLayouts.plan(r, shape, isz, ks, true);
        Plan pd = RandomLayouts.plan(r, shape, isz, kd, false);
        int size = (int) Math.max(ps.size(), pd.size()) + 16;
        byte[] mem = RandomLayouts.randomBytes(r, size);
        MemorySegment seg = MemorySegment.ofArray(mem);
        Layout src = ps.place(mem, seg, r.nextInt((int) (size - ps.size()) + 1));
        Layout dst = pd.place(mem, seg, r.nextInt((int) (size - pd.size()) + 1));
        byte[] want = expected(mem, src, mem, dst);
        Copier.copy(src, dst);
        assertThat(mem).as("seed %d: %s -> %s", seed, ks, kd).isEqualTo(want);
    }

    @Test
    void zeroDimensionalCopyMovesOneItem() {
        byte[] a = {1, 2, 3, 4, 5};
        byte[] b = new byte[5];
        Copier.copy(new Layout(MemorySegment.ofArray(a), 1, new long[0], new long[0], null, 3),
                new Layout(MemorySegment.ofArray(b), 2, new long[0], new long[0], null, 3));
        assertThat(b).containsExactly(0, 0, 2, 3, 4);
    }

    @Test
    void emptyCopyTouchesNothing() {
        byte[] a = {1, 2, 3, 4};
        byte[] b = {9, 9, 9, 9};
        // the strides point outside the segments: an empty copy must not use them
        Copier.copy(new Layout(MemorySegment.ofArray(a), 0, new long[] {0, 3}, new long[] {100, 100}, null, 1),
                new Layout(MemorySegment.ofArray(b), 0, new long[] {0, 3}, new long[] {-100, 100}, null, 1));
        assertThat(b).containsExactly(9, 9, 9, 9);
    }

    @Test
    void mergedLayoutsDropExtentOneAndJoinContiguousDimensions() {
        // C-contiguous (2, 1, 3) of 4-byte items, both sides alike: one run of 6 items
        Copier.Merged m = Copier.Merged.of(new long[] {2, 1, 3}, new long[] {12, 12, 4}, new long[] {12, 99, 4}, 4);
        assertThat(m.shape()).containsExactly(6);
        assertThat(m.a()).containsExactly(4);
        assertThat(m.b()).containsExactly(4);
        // a side that is not contiguous over dimension 0 keeps it apart
        m = Copier.Merged.of(new long[] {2, 3}, new long[] {12, 4}, new long[] {16, 4}, 4);
        assertThat(m.shape()).containsExactly(2, 3);
        assertThat(m.a()).containsExactly(12, 4);
        assertThat(m.b()).containsExactly(16, 4);
        // Fortran order merges nothing in C order; all-ones merges to 0-dim
        m = Copier.Merged.of(new long[] {2, 3}, new long[] {4, 8}, new long[] {4, 8}, 4);
        assertThat(m.shape()).containsExactly(2, 3);
        m = Copier.Merged.of(new long[] {1, 1}, new long[] {4, 4}, new long[] {8, 8}, 4);
        assertThat(m.shape()).isEmpty();
        // three dimensions, the last two contiguous in both: (2, 12) with strides (-48, 1) and (48, 2)
        m = Copier.Merged.of(new long[] {2, 3, 4}, new long[] {-48, 4, 1}, new long[] {48, 8, 2}, 1);
        assertThat(m.shape()).containsExactly(2, 12);
        assertThat(m.a()).containsExactly(-48, 1);
        assertThat(m.b()).containsExactly(48, 2);
    }

    @Test
    void nextRowWalksEveryRowInCOrder() {
        Copier.Merged m = new Copier.Merged(new long[] {2, 3, 5}, new long[] {100, 10, 1}, new long[] {-7, 2, 1});
        long[] idx = new long[3];
        long[] pos = {1000, 500};
        StringBuilder seen = new StringBuilder();
        int rows = 0;
        do {
            seen.append(pos[0]).append('/').append(pos[1]).append(' ');
            rows++;
        } while (m.nextRow(idx, pos));
        assertThat(rows).isEqualTo(6);
        assertThat(seen.toString().trim())
                .isEqualTo("1000/500 1010/502 1020/504 1100/493 1110/495 1120/497");
        // after the last row the positions are back at the start, and the index at zero
        assertThat(pos).containsExactly(1000, 500);
        assertThat(idx).containsExactly(0, 0, 0);
    }

    @Test
    void oneDimensionalMergedLayoutHasOneRow() {
        Copier.Merged m = new Copier.Merged(new long[] {4}, new long[] {1}, new long[] {1});
        assertThat(m.nextRow(new long[1], new long[] {0, 0})).isFalse();
    }
}
