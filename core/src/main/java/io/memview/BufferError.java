package io.memview;

import java.io.Serial;

/**
 * Python's {@code BufferError}: a buffer request that cannot be honoured (not writable, not contiguous, …), or a
 * change refused because buffers are exported ({@code Existing exports of data: object cannot be re-sized},
 * {@code memoryview has 1 exported buffer}).
 */
public class BufferError extends IllegalStateException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** An error with CPython's message {@code message}. */
    public BufferError(String message) {
        super(message);
    }
}
