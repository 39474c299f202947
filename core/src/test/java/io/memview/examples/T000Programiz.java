package io.memview.examples;

import io.memview.ByteArray;
import io.memview.Bytes;
import io.memview.MemoryView;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Tutorial 000, "Python memoryview()" ({@code shared/seeds/000_1df5b7dd3a04f82c.txt}), in Java; the Python it ports
 * is {@code tools/cpython/seeds/t000_programiz.py} (the seed lost Example 1's print lines, restored from its comments).
 */
public final class T000Programiz {
    private T000Programiz() {}

    public static void main(String[] args) {
        run(System.out);
    }

    static void run(PrintStream out) {
        Py.print(out, "--- Example 1: How memoryview() works in Python?");
        // random bytearray
        ByteArray randomByteArray = ByteArray.of("ABC", StandardCharsets.UTF_8);

        MemoryView mv = MemoryView.of(randomByteArray);

        // access memory view's zeroth index
        Py.print(out, mv.get(0));

        // create byte from memory view
        Py.print(out, Bytes.of(mv.slice(0, 2, 1).toBytes()));

        // create list from memory view
        Py.print(out, mv.slice(0, 3, 1).toList());

        Py.print(out, "--- Example 2: Modify internal data using memory view");
        // random bytearray
        randomByteArray = ByteArray.of("ABC", StandardCharsets.UTF_8);
        Py.print(out, "Before updation:", randomByteArray);

        mv = MemoryView.of(randomByteArray);

        // update 1st index of mv to Z
        mv.set(1, 90);
        Py.print(out, "After updation:", randomByteArray);
    }
}
