/**
 * memview: Python's buffer protocol, {@code memoryview} and {@code struct} for Java — zero-copy, typed,
 * N-dimensional views over any memory a Java program holds, with CPython's exact semantics.
 *
 * <p>{@link io.memview.MemoryView} is the view; {@link io.memview.Buffer} and {@link io.memview.BufferExporter} are
 * the buffer protocol; {@link io.memview.Bytes}, {@link io.memview.ByteArray} and {@link io.memview.TypedArray} are
 * Python's {@code bytes}, {@code bytearray} and {@code array.array}; {@link io.memview.struct.Struct} is the
 * {@code struct} module. The library has no dependencies.
 */
module io.memview {
    exports io.memview;
    exports io.memview.struct;
    exports io.memview.npy;
}
