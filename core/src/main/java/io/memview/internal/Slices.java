package io.memview.internal;

/** Python's slice arithmetic: {@code PySlice_Unpack} followed by {@code PySlice_AdjustIndices}. */
public final class Slices {
    private Slices() {}

    /**
     * The slice {@code [start:stop:step]} of a sequence of {@code length} items: {@code {start, stop, step, count}}
     * after Python's clamping. Where Python leaves a bound out, pass {@link Long#MAX_VALUE} or
     * {@link Long#MIN_VALUE}: Python itself substitutes those ({@code [::-1]} is {@code (MAX, MIN, -1)}).
     *
     * @throws IllegalArgumentException {@code slice step cannot be zero}
     */
    public static long[] indices(long length, long start, long stop, long step) {
        if (step == 0) {
            throw new IllegalArgumentException("slice step cannot be zero");
        }
        if (step < -Long.MAX_VALUE) {
            step = -Long.MAX_VALUE;
        }
        if (start < 0) {
            start += length;
            if (start < 0) {
                start = step < 0 ? -1 : 0;
            }
        } else if (start >= length) {
            start = step < 0 ? length - 1 : length;
        }
        if (stop < 0) {
            stop += length;
            if (stop < 0) {
                stop = step < 0 ? -1 : 0;
            }
        } else if (stop >= length) {
            stop = step < 0 ? length - 1 : length;
        }
        long count = 0;
        if (step < 0) {
            if (stop < start) {
                count = (start - stop - 1) / (-step) + 1;
            }
        } else if (start < stop) {
            count = step == 1 ? stop - start : (stop - start - 1) / step + 1; // no division for the common step
        }
        return new long[] {start, stop, step, count};
    }
}
