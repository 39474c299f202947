package io.memview.examples;

import io.memview.ByteArray;
import io.memview.Bytes;
import io.memview.MemoryView;
import io.memview.TypedArray;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Tutorial 004, a memoryview reference ({@code shared/seeds/004_0d172c7832cf5b2e.txt}), in Java; the Python it ports is
 * {@code tools/cpython/seeds/t004_syntblaze.py}. Its snippets print little; prints marked "(added)" show what the
 * prose says.
 */
public final class T004Syntblaze {
    private T004Syntblaze() {}

    public static void main(String[] args) {
        run(System.out);
    }

    static void run(PrintStream out) {
        Py.print(out, "--- Zero-Copy Slicing");
        Bytes data = Bytes.of("abcdefgh", StandardCharsets.US_ASCII);
        MemoryView view = MemoryView.of(data);

        // Creates a new view of the same memory; no data is copied
        MemoryView sliceView = view.slice(2, 6, 1);
        Py.print(out, Bytes.of(sliceView.toBytes())); // (added)

        Py.print(out, "--- Mutability");
        ByteArray mutableData = ByteArray.of("hello", StandardCharsets.US_ASCII);
        view = MemoryView.of(mutableData);

        // Modifies the underlying bytearray directly
        view.set(0, 74); // ASCII for 'J'
        Py.print(out, mutableData); // Output: bytearray(b'Jello')

        Py.print(out, "--- Key Attributes"); // (added)
        Py.print(out, view.obj(), view.nbytes(), view.readonly(), view.format(), view.itemsize(), view.shape(),
                view.strides());

        Py.print(out, "--- Casting Memory Layouts");
        // Array of 16-bit signed integers ('h')
        TypedArray arr = TypedArray.of('h', 1000, 2000, 3000);
        view = MemoryView.of(arr);

        // Cast the 16-bit integer view to an 8-bit unsigned byte view ('B')
        MemoryView byteView = view.cast("B");
        Py.print(out, byteView.toList(), byteView.nbytes(), view.format(), byteView.format()); // (added)

        Py.print(out, "--- Buffer Management");
        view = MemoryView.of(Bytes.of("data", StandardCharsets.US_ASCII));
        view.release();

        // Accessing view after release() raises a ValueError (memview: IllegalStateException)
        try {
            view.get(0);
        } catch (IllegalStateException e) {
            Py.print(out, "ValueError:", e.getMessage()); // (added)
        }

        long length;
        try (MemoryView v = MemoryView.of(Bytes.of("data", StandardCharsets.US_ASCII))) {
            view = v;
            length = v.length();
        }

        // Buffer is automatically released when the block exits
        Py.print(out, length, view); // (added)
    }
}
