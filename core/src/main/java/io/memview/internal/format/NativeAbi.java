package io.memview.internal.format;

import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.nio.ByteOrder;
import java.util.Map;

/**
 * Sizes and alignments of the C types behind struct's native ({@code @}) mode, read from this platform's C ABI
 * as the JDK's {@link Linker#canonicalLayouts()} describes it, never from a hard-coded table.
 */
public final class NativeAbi {
    private NativeAbi() {}

    /** The platform's byte order, which native and {@code =} formats use. */
    public static final ByteOrder ORDER = ByteOrder.nativeOrder();

    private static final Map<String, MemoryLayout> C = Linker.nativeLinker().canonicalLayouts();

    public static final int SHORT_SIZE = size("short", 2);
    public static final int SHORT_ALIGN = align("short", SHORT_SIZE);
    public static final int INT_SIZE = size("int", 4);
    public static final int INT_ALIGN = align("int", INT_SIZE);
    public static final int LONG_SIZE = size("long", 8);
    public static final int LONG_ALIGN = align("long", LONG_SIZE);
    public static final int LONG_LONG_SIZE = size("long long", 8);
    public static final int LONG_LONG_ALIGN = align("long long", LONG_LONG_SIZE);
    public static final int SIZE_T_SIZE = size("size_t", 8);
    public static final int SIZE_T_ALIGN = align("size_t", SIZE_T_SIZE);
    public static final int POINTER_SIZE = size("void*", 8);
    public static final int POINTER_ALIGN = align("void*", POINTER_SIZE);
    public static final int BOOL_SIZE = size("bool", 1);
    public static final int BOOL_ALIGN = align("bool", BOOL_SIZE);
    public static final int FLOAT_SIZE = size("float", 4);
    public static final int FLOAT_ALIGN = align("float", FLOAT_SIZE);
    public static final int DOUBLE_SIZE = size("double", 8);
    public static final int DOUBLE_ALIGN = align("double", DOUBLE_SIZE);

    private static int size(String type, int fallback) {
        MemoryLayout l = C.get(type);
        return l == null ? fallback : Math.toIntExact(l.byteSize());
    }

    private static int align(String type, int fallback) {
        MemoryLayout l = C.get(type);
        return l == null ? fallback : Math.toIntExact(l.byteAlignment());
    }
}
