package io.memview.internal.format;

import java.util.AbstractList;
import java.util.RandomAccess;

/** An unmodifiable list over an array it owns: Python's tuple, made without a defensive copy. */
public final class Tuple extends AbstractList<Object> implements RandomAccess {
    private final Object[] items;

    /** Wraps {@code items}, which the caller gives up: nothing else may write to it afterwards. */
    public Tuple(Object[] items) {
        this.items = items;
    }

    @Override
    public Object get(int index) {
        return items[index];
    }

    @Override
    public int size() {
        return items.length;
    }
}
