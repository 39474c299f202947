package io.memview;

import io.memview.struct.Struct;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's examples, as written there, with the results its comments promise. The expected values come from
 * NumPy ({@code numpy.arange(12).reshape(3, 4)} indexed the same way) and from {@code struct.iter_unpack('<idd')} over
 * {@code samples/points.raw}, which {@code tools/cpython/gen_npy.py} wrote.
 */
class ReadmeExamplesTest {

    @Test
    void quickStart() {
        Struct rec = Struct.of("<iif");
        byte[] packed = rec.pack(1, -2, 2.5);
        assertThat(packed).containsExactly(0x01, 0, 0, 0, 0xfe, 0xff, 0xff, 0xff, 0, 0, 0x20, 0x40);
        assertThat(rec.unpack(packed)).containsExactly(1L, -2L, 2.5);

        ByteArray data = ByteArray.of("ABC", StandardCharsets.UTF_8);
        try (MemoryView mv = MemoryView.of(data)) {
            mv.set(1, 90);
        }
        assertThat(data).hasToString("bytearray(b'AZC')");
    }

    @Test
    void beyondCPython() throws Exception {
        int[] cells = new int[12];
        Arrays.setAll(cells, i -> i);
        MemoryView grid = MemoryView.of(cells).cast("B").cast("i", 3, 4);

        MemoryView corner = grid.select("1:, ::2");
        assertThat(corner.toList()).isEqualTo(List.of(List.of(4L, 6L), List.of(8L, 10L)));
        assertThat(corner.strides()).containsExactly(16, 8);
        assertThat(grid.select("::-1, -1").toList()).isEqualTo(List.of(11L, 7L, 3L));
        assertThat(((MemoryView) grid.get(2)).toList()).isEqualTo(List.of(8L, 9L, 10L, 11L));
        assertThat(grid.transpose().getLong(3, 1)).isEqualTo(7);

        Path raw = samples().resolve("points.raw");
        try (MemoryView points = MemoryView.map(raw, false).cast("<idd")) {
            assertThat(points.length()).isEqualTo(3);
            assertThat(points.get(1)).isEqualTo(List.of(2L, 1.5, 3.25));
            assertThat(points.toList()).isEqualTo(
                    List.of(List.of(1L, 0.5, -2.0), List.of(2L, 1.5, 3.25), List.of(3L, -1.0, 0.0)));
        }
    }

    @Test
    void theReadmeStillShowsTheseExamples() throws Exception {
        String readme = Files.readString(samples().resolveSibling("README.md"));
        assertThat(readme).contains("grid.select(\"1:, ::2\").toList();      // [[4, 6], [8, 10]]",
                "points.get(1);                    // [2, 1.5, 3.25]",
                "MemoryView corner = grid.select(\"1:, ::2\");");
    }

    private static Path samples() {
        Path here = Path.of("").toAbsolutePath();
        for (Path p = here; p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("samples")) && Files.exists(p.resolve("README.md"))) {
                return p.resolve("samples");
            }
        }
        throw new IllegalStateException("no samples/ folder above " + here);
    }
}
