package io.memview.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code memview} command as a real process: exit statuses, stdout and stderr as a shell sees them, a 5 GiB
 * sparse file answered at once, and {@code struct} streaming a million records in a 16 MiB heap.
 */
class ProcessTest {

    record Result(int status, String out, String err) {}

    static Result memview(List<String> jvm, Path stdout, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvm);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(Main.class.getName());
        cmd.addAll(List.of(args));
        Path out = stdout != null ? stdout : Files.createTempFile("memview", ".out");
        Path err = Files.createTempFile("memview", ".err");
        try {
            Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            p.getOutputStream().close();
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("finished").isTrue();
            return new Result(p.exitValue(), stdout != null ? "" : Files.readString(out), Files.readString(err));
        } finally {
            if (stdout == null) {
                Files.deleteIfExists(out);
            }
            Files.deleteIfExists(err);
        }
    }

    static Result memview(String... args) throws IOException, InterruptedException {
        return memview(List.of(), null, args);
    }

    @Test
    void exitStatusesAndStreamsAreWhatAShellSees(@TempDir Path tmp) throws Exception {
        Result ok = memview("inspect", "../samples/grid.npy", "--select", "-1, -2:");
        assertThat(ok.status()).isZero();
        assertThat(ok.err()).isEmpty();
        assertThat(ok.out()).endsWith("\n\n[4.5  4.75]\n"); // grid[-1, -2:] = [18/4, 19/4]

        Result missing = memview("inspect", tmp.resolve("none.npy").toString());
        assertThat(missing.status()).isEqualTo(1);
        assertThat(missing.out()).isEmpty();
        assertThat(missing.err()).isEqualTo("memview inspect: no such file: " + tmp.resolve("none.npy") + "\n");

        Result usage = memview("hex", "--width");
        assertThat(usage.status()).isEqualTo(2);
        assertThat(usage.err()).startsWith("memview hex: Missing required parameter for option '--width'")
                .containsOnlyOnce("\n");

        Path truncated = tmp.resolve("t.npy");
        byte[] all = Files.readAllBytes(Path.of("../samples/points.npy"));
        Files.write(truncated, java.util.Arrays.copyOf(all, all.length - 20));
        Result bad = memview("inspect", truncated.toString());
        assertThat(bad.status()).isEqualTo(1);
        assertThat(bad.err()).contains("truncated").doesNotContain("Exception").containsOnlyOnce("\n");
    }

    @Test
    void hexPrintsWhatXxdPrints() throws Exception {
        Path xxd = Path.of("/usr/bin/xxd");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(xxd),
                "no /usr/bin/xxd to compare with: the check is skipped");
        String[][] cases = {
                {"../samples/grid.npy"},
                {"../samples/points.raw", "-g", "4", "-c", "8", "|", "--group", "4", "--width", "8"},
                {"../samples/grid.npy", "-s", "10", "-l", "37", "|", "--select", "10:47"},
                {"../samples/points.npy", "-g", "1", "|", "--group", "1"},
        };
        for (String[] c : cases) {
            List<String> all = List.of(c);
            int bar = all.indexOf("|");
            List<String> xxdArgs = bar < 0 ? List.of() : all.subList(1, bar);
            List<String> ours = bar < 0 ? List.of() : all.subList(bar + 1, all.size());
            List<String> cmd = new ArrayList<>(List.of(xxd.toString()));
            cmd.addAll(xxdArgs);
            cmd.add(c[0]);
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String want = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(p.waitFor()).isZero();
            List<String> args = new ArrayList<>(List.of("hex", c[0]));
            args.addAll(ours);
            assertThat(CliTest.run(args.toArray(String[]::new)).out()).as("%s", all).isEqualTo(want);
        }
    }

    @Test
    void aFiveGibibyteSparseFileAnswersAtOnce(@TempDir Path tmp) throws Exception {
        long n = 5L << 30;
        Path big = tmp.resolve("big.bin");
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(n);
            f.seek(n - 8);
            f.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0x0123456789abcdefL).array());
        }
        long t0 = System.nanoTime();
        CliTest.Run r = CliTest.run("inspect", big.toString(), "--format", "<q", "--select", "-3:");
        long inspectNanos = System.nanoTime() - t0;
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("shape       (3,)").endsWith("[                0                 0 81985529216486895]\n");
        t0 = System.nanoTime();
        CliTest.Run h = CliTest.run("hex", big.toString(), "--select", "-16:");
        long hexNanos = System.nanoTime() - t0;
        // offset 5 GiB - 16 = 0x13ffffff0; the last 8 bytes are 0x0123456789abcdef little-endian
        assertThat(h.out()).isEqualTo("13ffffff0: 0000 0000 0000 0000 efcd ab89 6745 2301  ............gE#.\n");
        System.out.printf("5 GiB sparse file: inspect --select -3: %.1f ms, hex of the last line %.1f ms (in-process)%n",
                inspectNanos / 1e6, hexNanos / 1e6);
        assertThat(inspectNanos).as("inspect of the end of 5 GiB").isLessThan(5_000_000_000L);
        assertThat(hexNanos).as("hex of the last line of 5 GiB").isLessThan(5_000_000_000L);
    }

    @Test
    void structStreamsAMillionRecordsInASmallHeap(@TempDir Path tmp) throws Exception {
        int records = 1_000_000;
        Path f = tmp.resolve("records.bin");
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.allocate(20 * 10_000).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < records; i++) {
                b.putInt(i).putDouble(i / 2.0).putDouble(-i);
                if (!b.hasRemaining()) {
                    ch.write(b.flip());
                    b.clear();
                }
            }
        }
        Path out = tmp.resolve("out.txt");
        // A million tuples of three boxed values would need far more than 16 MiB if they were kept.
        Result r = memview(List.of("-Xmx16m", "-XX:+UseSerialGC"), out, "struct", "<idd", f.toString());
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(Files.size(out)).isGreaterThan(records * 10L);
        try (var lines = Files.lines(out)) {
            assertThat(lines.skip(records - 1).findFirst()).contains("(999999, 499999.5, -999999.0)");
        }
    }
}
