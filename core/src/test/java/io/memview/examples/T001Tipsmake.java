package io.memview.examples;

import io.memview.ByteArray;
import io.memview.Bytes;
import io.memview.MemoryView;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Tutorial 001, "The memoryview () function in Python" ({@code shared/seeds/001_53c1b66753fb1d6b.txt}), in Java; the
 * Python it ports is {@code tools/cpython/seeds/t001_tipsmake.py}. The tutorial shows outputs CPython does not print
 * ({@code 81 b'QU' ...}); this port prints what CPython prints.
 */
public final class T001Tipsmake {
    private T001Tipsmake() {}

    public static void main(String[] args) {
        run(System.out);
    }

    static void run(PrintStream out) {
        Py.print(out, "--- Example 1: How does memoryview () function work in Python?");
        // random bytearray
        ByteArray randomByteArray = ByteArray.of("TIPSMAKE", StandardCharsets.UTF_8);
        MemoryView mv = MemoryView.of(randomByteArray);
        // Access index at position 0 of memory view
        Py.print(out, mv.get(0));
        // Create byte from memory view
        Py.print(out, Bytes.of(mv.slice(0, 2, 1).toBytes()));
        // create list memory view
        Py.print(out, mv.slice(0, 3, 1).toList());

        Py.print(out, "--- Example 2: Editing data with memoryview ()");
        // random bytearray
        randomByteArray = ByteArray.of("QTIPSMAKE", StandardCharsets.UTF_8);
        Py.print(out, "before fixing:", randomByteArray);
        mv = MemoryView.of(randomByteArray);
        // Update the index of the number 1 position of mv into U
        mv.set(1, 85);
        Py.print(out, "after fixing:", randomByteArray);
    }
}
