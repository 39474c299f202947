package io.memview;

import io.memview.testing.CPython;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A live CPython shares a NumPy array through {@code multiprocessing.shared_memory}; memview views it zero-copy
 * (docs/SHARED_MEMORY.md), reads Python's values, writes its own, and Python sees them. Both sides then release
 * cleanly: Java unmaps, Python closes and unlinks without a {@code BufferError}, and the block is gone.
 */
class SharedMemoryTest {

    private static final String PYTHON_SIDE = """
            import sys, numpy as np
            from multiprocessing import shared_memory
            shm = shared_memory.SharedMemory(create=True, size=96)
            a = np.ndarray((3, 4), dtype='<f8', buffer=shm.buf)
            a[:] = (np.arange(12) / 2).reshape(3, 4)
            print('READY', shm.name, flush=True)
            assert sys.stdin.readline().strip() == 'CHECK'
            want = (np.arange(12) / 2).reshape(3, 4)
            want[0, 0], want[2, 3], want[1] = 42.0, -1.0, [100, 101, 102, 103]
            print('OK' if np.array_equal(a, want) else 'BAD ' + repr(a.tolist()), flush=True)
            del a                      # no exported pointers left, so close() cannot raise BufferError
            shm.close()
            shm.unlink()
            print('RELEASED', flush=True)
            """;

    @Test
    void javaAndPythonShareANumpyArrayBothWays() throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(Path.of("/dev/shm")),
                "no /dev/shm: POSIX shared memory is a file only on Linux; the live check is skipped");
        var python = CPython.withNumpy();
        Assumptions.assumeTrue(python.isPresent(), CPython.MISSING);
        Process p = new ProcessBuilder(List.of(python.get().toString(), "-c", PYTHON_SIDE))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
             Writer out = new OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8)) {
            String ready = in.readLine();
            assertThat(ready).startsWith("READY ");
            Path block = Path.of("/dev/shm", ready.substring(6));
            assertThat(block).exists();

            try (MemoryView raw = MemoryView.map(block, true);
                 MemoryView a = raw.slice(0, 96, 1).cast("<d", 3, 4)) {
                // Python wrote np.arange(12) / 2: item [i, j] is (4i + j) / 2
                assertThat(a.getDouble(2, 1)).isEqualTo(4.5);
                assertThat(a.toList()).isEqualTo(List.of(List.of(0.0, 0.5, 1.0, 1.5), List.of(2.0, 2.5, 3.0, 3.5),
                        List.of(4.0, 4.5, 5.0, 5.5)));
                a.set(new long[] {0, 0}, 42.0);
                a.set(new long[] {2, 3}, -1.0);
                try (MemoryView row = a.select("1")) {
                    row.copyFrom(MemoryView.of(new double[] {100, 101, 102, 103}).cast("B").cast("<d"));
                }
            }
            out.write("CHECK\n");
            out.flush();
            assertThat(in.readLine()).isEqualTo("OK");
            assertThat(in.readLine()).isEqualTo("RELEASED");
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).isZero();
            assertThat(block).doesNotExist();
        } finally {
            if (p.isAlive()) {
                p.destroyForcibly();
            }
        }
    }

    @Test
    void aBlockLongerThanTheArrayIsSlicedBeforeTheCast(@org.junit.jupiter.api.io.TempDir Path tmp)
            throws IOException {
        // macOS rounds shared memory up to whole pages: the array is a prefix of the block, so slice before casting.
        Path block = tmp.resolve("block");
        Files.write(block, new byte[4096]);
        try (MemoryView raw = MemoryView.map(block, true);
             MemoryView a = raw.slice(0, 24, 1).cast("<i", 2, 3)) {
            a.set(new long[] {1, 2}, 7);
            assertThat(a.shape()).containsExactly(2, 3);
        }
        byte[] bytes = Files.readAllBytes(block);
        assertThat(bytes[20]).isEqualTo((byte) 7); // item [1, 2] of a C-ordered (2, 3) int32 array is at byte 20
    }
}
