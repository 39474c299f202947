package io.memview.cli;

import io.memview.MemoryView;
import io.memview.npy.Npy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@code memview} command run in-process: output, errors and exit status of every subcommand. */
class CliTest {
    static final Path SAMPLES = Path.of("..", "samples");

    /** What one run printed and returned. */
    record Run(int status, String out, String err) {
        /** The lines of stdout after the attributes block (the values). */
        String values() {
            int k = out.indexOf("\n\n");
            return out.substring(k + 2).stripTrailing();
        }
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(status, out.toString(), err.toString());
    }

    /** An error: the given status, nothing on stdout, one line on stderr naming the command, no stack trace. */
    static void assertError(Run r, int status, String... fragments) {
        assertThat(r.status()).as("exit status; stderr: %s", r.err()).isEqualTo(status);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("memview ").endsWith("\n").containsOnlyOnce("\n")
                .doesNotContain("Exception", "\tat ").contains(fragments);
    }

    // ------------------------------------------------------------------------------------------------ inspect

    @Test
    void inspectShowsASelectionOfTheSampleGrid() {
        // grid.npy is np.arange(20) / 4 in shape (4, 5): rows 1-3, columns 0, 2, 4 hold 1.25 1.75 2.25 / 2.5 3 3.5 /
        // 3.75 4.25 4.75, which NumPy prints with a common 2-digit fraction.
        Run r = run("inspect", SAMPLES.resolve("grid.npy").toString(), "--select", "1:, ::2");
        assertThat(r.status()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).contains("descr <f8, shape (4, 5), C order", "select      1:, ::2", "format      d",
                "shape       (3, 3)", "strides     (40, 16)", "nbytes      72", "contiguous  no");
        assertThat(r.values()).isEqualTo("""
                [[1.25 1.75 2.25]
                 [2.5  3.   3.5 ]
                 [3.75 4.25 4.75]]""");
    }

    @Test
    void inspectReadsRawFilesWithFormatShapeOffsetAndOrder(@TempDir Path tmp) throws IOException {
        Path f = tmp.resolve("six.bin");
        ByteBuffer b = ByteBuffer.allocate(4 + 24).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0xdeadbeef);
        for (int i = 1; i <= 6; i++) {
            b.putInt(i);
        }
        Files.write(f, b.array());
        String file = f.toString();
        assertThat(run("inspect", file, "-f", "<i", "-s", "2,3", "-o", "4").values()).isEqualTo("[[1 2 3]\n [4 5 6]]");
        assertThat(run("inspect", file, "-f", "<i", "-s", "2,-1", "-o", "4", "--order", "F").values())
                .isEqualTo("[[1 3 5]\n [2 4 6]]");
        assertThat(run("inspect", file, "-f", "<i", "-s", "(3, 2)", "-o", "4", "-S", "::-1, 1").values())
                .isEqualTo("[6 4 2]");
        // big-endian reading of the same bytes: 1 is 0x01000000
        assertThat(run("inspect", file, "-f", ">i", "-o", "4", "-S", ":2").values()).isEqualTo("[16777216 33554432]");
        assertThat(run("inspect", file, "-f", "<i", "-o", "4", "--csv", "-S", "1:3").out()).isEqualTo("2\n3\n");
        assertThat(run("inspect", file, "-f", "<i", "-s", "2,3", "-o", "4", "--csv").out())
                .isEqualTo("1,2,3\n4,5,6\n");
        assertThat(run("inspect", file, "-f", "<i", "-o", "4", "-S", "-1").values()).isEqualTo("6");
    }

    @Test
    void inspectJsonHasTheAttributesAndEveryValue() {
        Run r = run("inspect", SAMPLES.resolve("points.npy").toString(), "--json", "--select", "::-2");
        assertThat(r.status()).isZero();
        assertThat(r.out()).isEqualTo("{\"file\": \"" + SAMPLES.resolve("points.npy") + "\", \"npy\": {\"version\": "
                + "\"1.0\", \"descr\": \"[('id', '<i4'), ('x', '<f8'), ('y', '<f8')]\", \"fortran_order\": false, "
                + "\"shape\": [3]}, \"select\": \"::-2\", \"format\": \"<idd\", \"itemsize\": 20, \"ndim\": 1, "
                + "\"shape\": [2], \"strides\": [-40], \"nbytes\": 40, \"readonly\": true, \"c_contiguous\": false, "
                + "\"f_contiguous\": false, \"values\": [[3, -1.0, 0.0], [1, 0.5, -2.0]]}\n");
    }

    @Test
    void inspectSummarisesLargeArraysWithEllipses() {
        Run r = run("inspect", NumpyStrTest.DIR.resolve("summary_i8.npy").toString(), "--threshold", "10",
                "--edgeitems", "1", "-S", ":3, :4");
        // 12 items > 10: one item at each end of each axis
        assertThat(r.values()).isEqualTo("[[  0 ...   3]\n ...\n [100 ... 103]]");
    }

    // ----------------------------------------------------------------------------------------------------- hex

    @Test
    void hexDumpsLikeXxd() {
        Run r = run("hex", SAMPLES.resolve("grid.npy").toString(), "--select", ":20");
        // the .npy magic \x93NUMPY, version 1.0, header length 0x0076 little-endian, then "{'descr"
        assertThat(r.out()).isEqualTo("""
                00000000: 934e 554d 5059 0100 7600 7b27 6465 7363  .NUMPY..v.{'desc
                00000010: 7227 3a20                                r':\s
                """);
        Run g = run("hex", SAMPLES.resolve("grid.npy").toString(), "-S", "0x8:12", "--group", "1", "--sep", ":",
                "--width", "8");
        // bytes 8-11: the header length 0x0076, then "{'"; hex area 8 * 2 + 7 separators wide, then two spaces
        assertThat(g.out()).isEqualTo("00000008: 76:00:7b:27" + " ".repeat(12 + 2) + "v.{'\n");
        Run tail = run("hex", SAMPLES.resolve("points.raw").toString(), "-S", "-4:", "-g", "4");
        // the last record's y is 0.0: eight zero bytes, of which the last four
        assertThat(tail.out()).isEqualTo("00000038: 00000000                             ....\n");
    }

    // -------------------------------------------------------------------------------------------------- struct

    @Test
    void structUnpacksRecordsAsPythonsIterUnpack() {
        String raw = SAMPLES.resolve("points.raw").toString();
        // points.raw is struct.pack('<idd', ...) of (1, 0.5, -2.0), (2, 1.5, 3.25), (3, -1.0, 0.0)
        assertThat(run("struct", "<idd", raw).out()).isEqualTo("(1, 0.5, -2.0)\n(2, 1.5, 3.25)\n(3, -1.0, 0.0)\n");
        assertThat(run("struct", "<idd", raw, "--offset", "20", "--count", "1", "--json").out())
                .isEqualTo("[2, 1.5, 3.25]\n");
        assertThat(run("struct", "<idd", raw, "--csv", "-n", "2").out()).isEqualTo("1,0.5,-2.0\n2,1.5,3.25\n");
        Run partial = run("struct", "<i", raw, "-o", "58");
        assertThat(partial.out()).isEmpty();
        assertThat(partial.err()).contains("the last 2 bytes are not a whole 4-byte record");
        assertThat(run("struct", "<4s", raw, "-n", "1").out()).isEqualTo("(b'\\x01\\x00\\x00\\x00',)\n");
    }

    // ------------------------------------------------------------------------------------------------- convert

    @Test
    void convertNarrowsFloatsAndWritesNpy(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("g32.npy");
        Run r = run("convert", SAMPLES.resolve("grid.npy").toString(), out.toString(), "--to", "<f4");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("20 items of '<f4' (struct 'f'), shape (4, 5), .npy");
        try (MemoryView v = Npy.read(out)) {
            assertThat(Npy.readHeader(out).descr()).isEqualTo("<f4");
            assertThat(v.shape()).containsExactly(4, 5);
            assertThat(v.getDouble(3, 4)).isEqualTo(4.75); // 19 / 4, exact in float32
        }
        assertThat(tmp.toFile().list()).containsExactly("g32.npy");
    }

    @Test
    void convertSwapsByteOrderOfRawData(@TempDir Path tmp) throws IOException {
        Path in = tmp.resolve("in.raw");
        Files.write(in, new byte[] {1, 0, 2, 0, (byte) 0xff, (byte) 0xff});
        Path out = tmp.resolve("out.raw");
        Run r = run("convert", in.toString(), out.toString(), "--from", "<h", "--to", ">h");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(Files.readAllBytes(out)).containsExactly(0, 1, 0, 2, 0xff, 0xff);
        Path wide = tmp.resolve("wide.npy");
        assertThat(run("convert", in.toString(), wide.toString(), "--from", "<h", "--to", "<q", "-s", "3").status())
                .isZero();
        try (MemoryView v = Npy.read(wide)) {
            assertThat(v.toList()).isEqualTo(List.of(1L, 2L, -1L));
        }
    }

    @Test
    void convertOutOfRangeFailsAndLeavesNoOutput(@TempDir Path tmp) throws IOException {
        Path in = tmp.resolve("in.raw");
        Files.write(in, new byte[] {1, 0, 44, 1}); // <h values 1 and 300
        Path out = tmp.resolve("out.npy");
        Files.writeString(out, "previous");
        Run r = run("convert", in.toString(), out.toString(), "--from", "<h", "--to", "b");
        assertError(r, 1, "value 300 at index (1,) does not fit 'b'");
        assertThat(Files.readString(out)).isEqualTo("previous");
        assertThat(tmp.toFile().list()).containsExactlyInAnyOrder("in.raw", "out.npy");
        Path f = tmp.resolve("f.raw");
        Files.write(f, ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putDouble(2.5).array());
        assertError(run("convert", f.toString(), tmp.resolve("i.raw").toString(), "--from", "<d", "--to", "<i"), 1,
                "value 2.5 at index (0,) is not an integer");
        assertThat(tmp.resolve("i.raw")).doesNotExist();
    }

    // -------------------------------------------------------------------------------------------------- errors

    @Test
    void badInputGivesOneLineAndTheRightStatus(@TempDir Path tmp) throws IOException {
        String grid = SAMPLES.resolve("grid.npy").toString();
        assertError(run("inspect", tmp.resolve("nope.npy").toString()), 1, "memview inspect: no such file:");
        assertError(run("inspect", grid, "--select", "9, 0"), 1, "out of bounds", "(4, 5)");
        assertError(run("inspect", grid, "--select", "1:2:0"), 2, "slice step cannot be zero");
        assertError(run("inspect", grid, "--format", "d"), 2, "is a .npy file", "--format");
        assertError(run("inspect", SAMPLES.resolve("points.raw").toString(), "--format", "<q!"), 2,
                "--format '<q!' is not a struct format", "bad char in struct format");
        assertError(run("inspect", SAMPLES.resolve("points.raw").toString(), "--format", "d", "--shape", "2,4"), 1,
                "shape (2, 4) of 8-byte 'd' items needs 64 bytes but the file has 60");
        assertError(run("inspect", SAMPLES.resolve("points.raw").toString(), "--format", "d"), 1,
                "not a whole number of 8-byte 'd' items");
        assertError(run("inspect", grid, "--order", "X"), 2, "--order must be C or F");
        assertError(run("inspect", grid, "--frobnicate"), 2, "Unknown option: '--frobnicate'");
        assertError(run("inspect"), 2, "Missing required parameter: 'FILE'");
        assertError(run("inspect", grid, "--csv", "--json"), 2, "mutually exclusive");
        Path cube = NumpyStrTest.DIR.resolve("cube_be_c.npy");
        assertError(run("inspect", cube.toString(), "--csv"), 2, "--csv writes views of 0, 1 or 2 dimensions");
        Path truncated = tmp.resolve("t.npy");
        byte[] all = Files.readAllBytes(Path.of(grid));
        Files.write(truncated, Arrays.copyOf(all, all.length - 1));
        assertError(run("inspect", truncated.toString()), 1, "truncated", "needs 160 bytes of data but the file has 159");
        Files.write(truncated, Arrays.copyOf(all, 30));
        assertError(run("inspect", truncated.toString()), 1, "truncated: the header needs 118 bytes");
        assertError(run("hex", grid, "--select", "1:2:3"), 2, "no step");
        assertError(run("hex", grid, "--width", "0"), 2, "--width must be between 1 and 4096");
        assertError(run("struct", "<z", grid), 2, "FORMAT '<z' is not a struct format");
        assertError(run("struct", "<d", grid, "--count", "99"), 1, "has 36 whole 8-byte records, not 99");
        assertError(run("convert", grid, tmp.resolve("x.npy").toString()), 2, "Missing required option: '--to=F'");
        assertError(run("convert", SAMPLES.resolve("points.raw").toString(), tmp.resolve("x.npy").toString(), "--to",
                "d"), 2, "--from is required");
        assertError(run("convert", grid, tmp.resolve("x.npy").toString(), "--to", "dd"), 2,
                "cannot convert items of 1 value(s) ('d') to items of 2 ('dd')");
    }

    @Test
    void debugAddsTheStackTrace() {
        Run r = run("--debug", "inspect", "no-such-file.npy");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).startsWith("memview inspect: no such file: no-such-file.npy\n").contains("\tat ");
    }

    @Test
    void everySubcommandHasHelpWithExamples() {
        for (String cmd : List.of("inspect", "hex", "struct", "convert")) {
            Run r = run(cmd, "--help");
            assertThat(r.status()).isZero();
            assertThat(r.out()).as(cmd).contains("Usage: memview " + cmd, "Examples:", "memview " + cmd + " ");
        }
        assertThat(run("--help").out()).contains("inspect", "hex", "struct", "convert", "Examples:");
    }
}
