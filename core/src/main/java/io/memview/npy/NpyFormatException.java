package io.memview.npy;

import java.io.IOException;
import java.io.Serial;

/**
 * A file is not a {@code .npy} file memview can view: a bad magic string or version, a header that is truncated or
 * not the literal dictionary the format prescribes, a shape that does not fit, data shorter than the shape says, or
 * a dtype with no struct format. The message names the file and the problem; no view is ever made of such a file.
 */
public final class NpyFormatException extends IOException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** An exception with {@code message}. */
    public NpyFormatException(String message) {
        super(message);
    }

    /** An exception with {@code message} caused by {@code cause}. */
    public NpyFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
