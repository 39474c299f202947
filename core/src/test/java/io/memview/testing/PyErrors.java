package io.memview.testing;

import io.memview.BufferError;
import io.memview.ReadOnlyMemoryException;
import io.memview.struct.StructError;

import java.util.Map;

/**
 * DESIGN.md's mapping of Python exceptions to Java ones, for checking a failure recorded from CPython (its type name
 * and message) against the exception memview threw. Messages must be equal; types must map.
 */
public final class PyErrors {
    private PyErrors() {}

    private static final Map<String, Class<? extends Throwable>> TYPES = Map.ofEntries(
            Map.entry("TypeError", IllegalArgumentException.class),
            Map.entry("ValueError", IllegalArgumentException.class),
            Map.entry("UnicodeEncodeError", IllegalArgumentException.class),
            Map.entry("IndexError", IndexOutOfBoundsException.class),
            Map.entry("NotImplementedError", UnsupportedOperationException.class),
            Map.entry("OverflowError", ArithmeticException.class),
            Map.entry("BufferError", BufferError.class),
            Map.entry("struct.error", StructError.class),
            Map.entry("error", StructError.class));

    /** The Java exception type for the Python exception named {@code pythonType}. */
    public static Class<? extends Throwable> javaType(String pythonType) {
        Class<? extends Throwable> c = TYPES.get(pythonType);
        if (c == null) {
            throw new IllegalArgumentException("no Java mapping for Python " + pythonType);
        }
        return c;
    }

    /**
     * Whether {@code thrown} is what CPython's {@code pythonType: message} maps to. A read-only write
     * ({@code TypeError: cannot modify read-only memory}) must be a {@link ReadOnlyMemoryException}; a
     * {@code ValueError} about a released view an {@link IllegalStateException}.
     */
    public static boolean matches(String pythonType, String message, Throwable thrown) {
        if (!message.equals(thrown.getMessage())) {
            return false;
        }
        if ("operation forbidden on released memoryview object".equals(message)) {
            return thrown instanceof IllegalStateException && !(thrown instanceof BufferError);
        }
        if ("cannot modify read-only memory".equals(message)) {
            return thrown instanceof ReadOnlyMemoryException;
        }
        if ("struct.error".equals(pythonType) || "error".equals(pythonType)) {
            return thrown instanceof StructError;
        }
        if ("TypeError".equals(pythonType) || "ValueError".equals(pythonType)) {
            return thrown instanceof IllegalArgumentException && !(thrown instanceof StructError);
        }
        return javaType(pythonType).isInstance(thrown);
    }
}
