package io.memview.struct;

import java.io.Serial;

/** Python's {@code struct.error}: a bad format, a value that does not fit its field, or a buffer of the wrong size. */
public class StructError extends IllegalArgumentException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** An error with CPython's message {@code message}. */
    public StructError(String message) {
        super(message);
    }
}
