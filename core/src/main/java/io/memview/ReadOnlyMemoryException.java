package io.memview;

import java.io.Serial;

/** A write through a read-only view: Python's {@code TypeError: cannot modify read-only memory}. */
public class ReadOnlyMemoryException extends IllegalArgumentException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** An error with CPython's message {@code message}. */
    public ReadOnlyMemoryException(String message) {
        super(message);
    }
}
