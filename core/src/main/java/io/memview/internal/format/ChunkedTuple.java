package io.memview.internal.format;

import java.util.AbstractList;
import java.util.RandomAccess;

/**
 * An unmodifiable list over chunks of at most {@link #CHUNK} items: {@link Tuple} for long lists. One reference array
 * of a million items is a humongous object for G1, allocated in the old generation, so filling it with new items makes
 * every store an old-to-young reference that the collector must track and rescan; chunks of 64 KiB stay young.
 */
public final class ChunkedTuple extends AbstractList<Object> implements RandomAccess {
    /** Items per chunk. */
    public static final int CHUNK = 1 << 14;

    private final Object[][] chunks;
    private final int size;

    /** Wraps {@code chunks} (each full but the last), which the caller gives up. */
    public ChunkedTuple(Object[][] chunks, int size) {
        this.chunks = chunks;
        this.size = size;
    }

    @Override
    public Object get(int index) {
        java.util.Objects.checkIndex(index, size);
        return chunks[index >>> 14][index & (CHUNK - 1)];
    }

    @Override
    public int size() {
        return size;
    }
}
