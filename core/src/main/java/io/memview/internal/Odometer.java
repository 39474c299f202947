package io.memview.internal;

/** Steps an N-dimensional index through a shape in C order (last index fastest). */
public final class Odometer {
    private Odometer() {}

    /** Advances {@code idx} to the next index of {@code shape}; {@code false} when it wrapped past the end. */
    public static boolean next(long[] idx, long[] shape) {
        for (int d = idx.length - 1; d >= 0; d--) {
            if (++idx[d] < shape[d]) {
                return true;
            }
            idx[d] = 0;
        }
        return false;
    }
}
