package io.memview.examples;

import io.memview.Buffer;
import io.memview.BufferError;
import io.memview.BufferExporter;
import io.memview.BufferFlags;
import io.memview.ByteArray;
import io.memview.Bytes;
import io.memview.MemoryView;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Tutorial 003, "Efficient Python Data Handling with MemoryView" ({@code shared/seeds/003_6650b82905828001.txt}), in
 * Java; the Python it ports is {@code tools/cpython/seeds/t003_efficient.py}. Where the tutorial's code fails in
 * CPython ({@code view[0: 3] = b"Bara"} assigns 4 bytes to a 3-byte slice; {@code BufferedObject("capybara")} passes a
 * str to {@code bytearray()}), this port prints CPython's error. The tutorial says memoryview "does not support
 * multi-dimensional subviews": memview does ({@code reshaped.get(1)} is the second row), but this port prints only
 * what CPython prints.
 */
public final class T003Efficient {
    private T003Efficient() {}

    public static void main(String[] args) {
        run(System.out);
    }

    /**
     * Python's {@code __buffer__}/{@code __release_buffer__} class: a {@link BufferExporter}. A Python
     * {@code RuntimeError} has no memview counterpart; {@link IllegalStateException} stands for it.
     */
    static final class BufferedObject implements BufferExporter {
        final ByteArray data;
        MemoryView view;

        BufferedObject(Object data) {
            // bytearray(data): a str without an encoding is Python's TypeError; ByteArray.of(String) needs a Charset
            if (data instanceof String) {
                throw new IllegalArgumentException("string argument without an encoding");
            }
            this.data = ByteArray.of(((Bytes) data).toByteArray());
            this.view = null;
        }

        @Override
        public Buffer getBuffer(int flags) {
            if (flags != BufferFlags.FULL_RO) {
                throw new IllegalArgumentException("Only BufferFlags.FULL_RO supported");
            }
            if (view != null) {
                throw new IllegalStateException("Buffer already held");
            }
            view = MemoryView.of(data);
            return view.getBuffer(flags);
        }

        @Override
        public void releaseBuffer(Buffer buffer) {
            // CPython releases the view __buffer__ returned after __release_buffer__; here that is explicit
            view.releaseBuffer(buffer);
            view.release();
            view = null;
        }

        void extend(Bytes b) {
            if (view != null) {
                throw new IllegalStateException("Cannot extend held buffer");
            }
            data.extend(b);
        }
    }

    static void run(PrintStream out) {
        Py.print(out, "--- Using Memoryview with Bytearrays");
        ByteArray arr = ByteArray.of("capybara", StandardCharsets.US_ASCII);
        MemoryView view = MemoryView.of(arr);

        MemoryView capy = view.slice(0, 3, 1);
        MemoryView bara = view.slice(4, -1, 1);
        Py.print(out, Bytes.of(capy.toBytes()), Bytes.of(bara.toBytes())); // (added)

        try {
            view.setSlice(0, 3, 1, Bytes.of("Bara", StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            Py.print(out, "ValueError:", e.getMessage());
        }

        MemoryView reshaped = view.cast("c", 4, 2);
        reshaped.set(new long[] {0, 0}, Bytes.of("c", StandardCharsets.US_ASCII));
        reshaped.set(new long[] {0, 1}, Bytes.of("a", StandardCharsets.US_ASCII));
        reshaped.set(new long[] {1, 0}, Bytes.of("p", StandardCharsets.US_ASCII));
        reshaped.set(new long[] {1, 1}, Bytes.of("y", StandardCharsets.US_ASCII));

        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 2; x++) {
                out.print(((Bytes) reshaped.get(y, x)).decode(StandardCharsets.UTF_8));
            }
        }
        out.println();

        Py.print(out, "--- Buffer objects");
        try {
            new BufferedObject("capybara");
        } catch (IllegalArgumentException e) {
            Py.print(out, "TypeError:", e.getMessage());
        }

        // (added: the class at work)
        BufferedObject obj = new BufferedObject(Bytes.of("capybara", StandardCharsets.US_ASCII));
        try (MemoryView m = MemoryView.of(obj)) {
            Py.print(out, ((java.util.List<?>) m.toList()).subList(0, 4), m.readonly());
            try {
                MemoryView.of(obj);
            } catch (IllegalStateException e) {
                Py.print(out, "RuntimeError:", e.getMessage());
            }
            try {
                obj.extend(Bytes.of("!", StandardCharsets.US_ASCII));
            } catch (IllegalStateException e) {
                Py.print(out, "RuntimeError:", e.getMessage());
            }
        }
        Py.print(out, obj.view);
        try {
            obj.extend(Bytes.of("!", StandardCharsets.US_ASCII));
            Py.print(out, obj.data);
        } catch (BufferError e) {
            Py.print(out, "BufferError:", e.getMessage());
        }
    }
}
