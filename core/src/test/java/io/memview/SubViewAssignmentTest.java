package io.memview;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Assignment into a sub-view, {@code mv[i] = value} on an N-d view (beyond CPython), follows CPython's rule for 1-D
 * slice assignment: the value must have the same format (a leading {@code '@'} aside), itemsize and shape. CPython
 * 3.13: {@code memoryview(array('i', [1, 2, 3]))[0:2] = memoryview(array('f', [1.0, 2.0]))} raises
 * {@code ValueError: memoryview assignment: lvalue and rvalue have different structures}, and accepts an {@code '@i'}
 * source.
 */
class SubViewAssignmentTest {

    private static MemoryView grid() {
        return MemoryView.of(new int[] {1, 2, 3, 4, 5, 6}).cast("B").cast("i", 2, 3);
    }

    @Test
    void aRowOfAnotherFormatIsRefusedNotReinterpreted() {
        MemoryView m = grid();
        MemoryView floats = MemoryView.of(new float[] {7f, 8f, 9f});
        assertThatThrownBy(() -> m.set(new long[] {0}, floats)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("memoryview assignment: lvalue and rvalue have different structures");
        assertThatThrownBy(() -> m.set(1, floats)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("memoryview assignment: lvalue and rvalue have different structures");
        assertThat(m.toList()).isEqualTo(List.of(List.of(1L, 2L, 3L), List.of(4L, 5L, 6L)));
    }

    @Test
    void aRowOfTheSameFormatAndShapeIsCopied() {
        MemoryView m = grid();
        m.set(new long[] {0}, MemoryView.of(new int[] {7, 8, 9}));
        m.set(-1, MemoryView.of(new int[] {10, 11, 12}).cast("B").cast("@i"));
        assertThat(m.toList()).isEqualTo(List.of(List.of(7L, 8L, 9L), List.of(10L, 11L, 12L)));
    }

    @Test
    void aRowOfAnotherShapeIsRefused() {
        MemoryView m = grid();
        assertThatThrownBy(() -> m.set(0, MemoryView.of(new int[] {7, 8})))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("memoryview assignment: lvalue and rvalue have different structures");
    }

    @Test
    void overlappingRowsAreCopiedAsIfThroughATemporary() {
        MemoryView m = grid();
        m.set(0, m.select("1, ::-1"));   // row 0 = row 1 reversed
        assertThat(m.toList()).isEqualTo(List.of(List.of(6L, 5L, 4L), List.of(4L, 5L, 6L)));
        m.set(1, ((MemoryView) m.get(1)).select("::-1")); // a row reversed into itself
        assertThat(m.toList()).isEqualTo(List.of(List.of(6L, 5L, 4L), List.of(6L, 5L, 4L)));
    }

    @Test
    void readOnlyViewsRefuseSubViewAssignment() {
        MemoryView m = grid().toReadOnly();
        assertThatThrownBy(() -> m.set(0, MemoryView.of(new int[] {7, 8, 9})))
                .isInstanceOf(ReadOnlyMemoryException.class).hasMessage("cannot modify read-only memory");
    }
}
