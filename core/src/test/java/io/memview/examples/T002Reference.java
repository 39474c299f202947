package io.memview.examples;

import io.memview.ByteArray;
import io.memview.Bytes;
import io.memview.MemoryView;
import io.memview.ReadOnlyMemoryException;
import io.memview.TypedArray;
import io.memview.struct.Struct;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Tutorial 002, the {@code memoryview()} reference page ({@code shared/seeds/002_fb019f8a3465f590.txt}), in Java; the
 * Python it ports is {@code tools/cpython/seeds/t002_reference.py}. Where the page's comments claim outputs CPython
 * does not print ({@code print(view[:5])} prints {@code <memory at 0x...>}, not {@code b'Hello'}; the error messages),
 * this port prints what CPython prints. Each Python {@code except} clause is a Java {@code catch} of the exception
 * memview maps that Python exception to.
 */
public final class T002Reference {
    private T002Reference() {}

    public static void main(String[] args) {
        run(System.out);
    }

    static void run(PrintStream out) {
        Py.print(out, "--- Basic usage");
        // Create a memory view from bytes
        Bytes data = Bytes.of("Hello, World!", StandardCharsets.US_ASCII);
        MemoryView view = MemoryView.of(data);

        Py.print(out, view.slice(Long.MIN_VALUE, 5, 1));       // b'Hello'
        Py.print(out, view.slice(7, Long.MAX_VALUE, 1));       // b'World!'
        Py.print(out, view.toList());                          // [72, 101, 108, ...]

        Py.print(out, "--- Modifying data with bytearray");
        // Create a memory view from bytearray (mutable)
        ByteArray mutable = ByteArray.of("Hello", StandardCharsets.US_ASCII);
        view = MemoryView.of(mutable);

        // Modify in-place (only works with mutable objects)
        view.set(0, 74); // 'J' (ASCII 74)

        Py.print(out, mutable);                                 // bytearray(b'Jello')
        Py.print(out, view.select(":"));                        // memoryview(b'Jello')

        Py.print(out, "--- Working with large data efficiently");
        // Efficient slice operations without copying
        byte[] x = new byte[1000000];
        Arrays.fill(x, (byte) 'x');
        Bytes largeData = Bytes.of(x);
        view = MemoryView.of(largeData);

        // This doesn't copy - it's a view into the same memory
        MemoryView sliceView = view.slice(100, 200, 1);

        Py.print(out, sliceView.length());                      // 100

        Py.print(out, "--- Using C-style format strings");
        byte[] packed = Struct.of("iif").pack(42, 100, 3.14);
        view = MemoryView.of(packed);

        // Read as integers and float
        MemoryView intView = view.cast("i");   // 4-byte unsigned integers
        MemoryView floatView = view.cast("f"); // 4-byte floats

        Py.print(out, intView.get(0));         // 42
        Py.print(out, intView.get(1));         // 100
        Py.print(out, floatView.get(2));       // 3.140000104904175

        Py.print(out, "--- Zero-copy slicing");
        view = MemoryView.of(Bytes.of("0123456789", StandardCharsets.US_ASCII));

        // All these are zero-copy views
        MemoryView firstHalf = view.select(":5");   // b'01234'
        MemoryView secondHalf = view.select("5:");  // b'56789'
        MemoryView stepView = view.select("::2");   // b'02468' (every other byte)
        // (added: print the bytes the comments name)
        Py.print(out, Bytes.of(firstHalf.toBytes()), Bytes.of(secondHalf.toBytes()), Bytes.of(stepView.toBytes()));

        Py.print(out, "--- Comparing memory views");
        Bytes a = Bytes.of("Hello", StandardCharsets.US_ASCII);
        Bytes b = Bytes.of("Hello", StandardCharsets.US_ASCII);

        Py.print(out, MemoryView.of(a).equals(MemoryView.of(b)));           // True
        Py.print(out, Bytes.of(MemoryView.of(a).toBytes()).equals(b));      // True

        Py.print(out, "--- Working with numpy arrays");
        // No NumPy in Java: the same buffer (five unsigned bytes, np.uint8) from a TypedArray('B').
        TypedArray arr = TypedArray.of('B', 1, 2, 3, 4, 5);
        view = MemoryView.of(arr);

        Py.print(out, view.slice(Long.MIN_VALUE, 3, 1));                     // b'\x01\x02\x03'

        Py.print(out, "--- Errors");
        try {
            MemoryView.of("string"); // TypeError: cannot use a string as source for memoryview
        } catch (IllegalArgumentException e) {
            Py.print(out, "TypeError:", e.getMessage());
        }

        view = MemoryView.of(Bytes.of("readonly", StandardCharsets.US_ASCII));
        try {
            view.set(0, 65); // TypeError: cannot modify read-only memory
        } catch (ReadOnlyMemoryException e) {
            Py.print(out, "TypeError:", e.getMessage());
        }

        view = MemoryView.of(Bytes.of("abc", StandardCharsets.US_ASCII));
        try {
            view.cast("Q"); // ValueError: memoryview: cannot cast from bytes to unsigned long long
        } catch (IllegalArgumentException e) {
            Py.print(out, "TypeError:", e.getMessage());
        }
    }
}
