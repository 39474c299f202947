package io.memview;

import io.memview.internal.Slices;

/**
 * A Python slice, {@code start:stop:step}, for {@link MemoryView#select(Object...)}: bounds left out are
 * {@code null} and mean what Python's do (the whole dimension, in the direction of the step).
 * {@snippet :
 * Slice.all()                 // :
 * Slice.of(1, 3)              // 1:3
 * Slice.from(2)               // 2:
 * Slice.to(-1)                // :-1
 * Slice.all().step(-1)        // ::-1
 * Slice.of(null, null, 2)     // ::2
 * }
 *
 * @param start the first index, or {@code null}
 * @param stop  the index to stop before, or {@code null}
 * @param step  the step (not 0)
 */
public record Slice(Long start, Long stop, long step) {

    /** Python's {@code ...}: as many {@link #all()} slices as the dimensions not otherwise indexed. */
    public static final Object ELLIPSIS = new Object() {
        @Override
        public String toString() {
            return "...";
        }
    };

    /** {@code start:stop:step}. */
    public static Slice of(Long start, Long stop, long step) {
        return new Slice(start, stop, step);
    }

    /** {@code start:stop}. */
    public static Slice of(long start, long stop) {
        return new Slice(start, stop, 1);
    }

    /** {@code :}, the whole dimension. */
    public static Slice all() {
        return new Slice(null, null, 1);
    }

    /** {@code start:}. */
    public static Slice from(long start) {
        return new Slice(start, null, 1);
    }

    /** {@code :stop}. */
    public static Slice to(long stop) {
        return new Slice(null, stop, 1);
    }

    /** {@return this slice with another step} */
    public Slice step(long newStep) {
        return new Slice(start, stop, newStep);
    }

    /**
     * {@code slice.indices(length)}: {@code {start, stop, step, count}} for a dimension of {@code length} items, after
     * Python's clamping.
     *
     * @throws IllegalArgumentException {@code slice step cannot be zero}
     */
    public long[] indices(long length) {
        if (step == 0) {
            throw new IllegalArgumentException("slice step cannot be zero");
        }
        long a = start != null ? start : step < 0 ? Long.MAX_VALUE : 0;
        long b = stop != null ? stop : step < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        return Slices.indices(length, a, b, step);
    }

    /** {@return Python's notation: {@code 1:3}, {@code ::-1}, {@code :}} */
    @Override
    public String toString() {
        return (start == null ? "" : start) + ":" + (stop == null ? "" : stop) + (step == 1 ? "" : ":" + step);
    }
}
