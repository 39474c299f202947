package io.memview.cli;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random and mutated argument vectors for every subcommand of {@code memview}, run in-process through
 * {@link Main#run(PrintWriter, PrintWriter, String...)} as {@link CliTest} runs them. Files: the samples, NumPy
 * files, raw files, a truncated and a corrupt {@code .npy}, an empty file, a directory, a missing file and a 5 GiB
 * sparse file; output paths that do not exist, exist (with known content), are directories, lie in a missing
 * directory or under a regular file.
 *
 * <p>Every run must end, within its timeout, either with status 0 (and output, for the commands that always print)
 * or with status 1 or 2 and exactly one line on stderr, naming the command, with no stack trace and no Java exception
 * name. A failing {@code convert} must leave an existing output file byte for byte as it was, and no run may leave a
 * temporary file behind. Seeded and time-bounded (about 10 s; 40 times longer with {@code -Dstress=long}); the
 * outcome counts are printed ({@code CLI-FUZZ ...}).
 */
class CliFuzzTest {
    static final String MODE = System.getProperty("stress", "short");
    static final long FACTOR_NUM = "long".equalsIgnoreCase(MODE) ? 40 : 1;
    static final long FACTOR_DEN = "quick".equalsIgnoreCase(MODE) ? 10 : 1;
    static final long SEED = Long.getLong("cli.fuzz.seed", 0xC11_F022L);
    /** A run that takes longer than this is a hang (generous: the machine is shared). */
    static final long TIMEOUT_SECONDS = 20;

    @TempDir
    static Path tmp;

    static Path outDir;
    static Path huge;
    static List<String> files = new ArrayList<>();
    static final Map<String, Long> TALLY = new TreeMap<>();
    static ExecutorService runner;
    static long slowestMs;
    static String slowest = "";

    @BeforeAll
    static void makeFiles() throws IOException {
        runner = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "cli-fuzz");
            t.setDaemon(true);
            return t;
        });
        Path samples = Path.of("..", "samples");
        Path npyDir = Path.of("..", "core", "src", "test", "resources", "npy");
        for (String s : List.of("grid.npy", "points.npy", "points.raw")) {
            files.add(samples.resolve(s).toString());
        }
        for (String s : List.of("cube_be_f.npy", "s10.npy", "scalar_struct.npy", "empty_2_0_3.npy", "f2_le.npy",
                "struct_nested.npy", "b1.npy", "u8_be.npy", "scalar_f8.npy")) {
            files.add(npyDir.resolve(s).toString());
        }
        byte[] grid = Files.readAllBytes(samples.resolve("grid.npy"));
        Path truncated = tmp.resolve("truncated.npy");
        Files.write(truncated, Arrays.copyOf(grid, grid.length - 3));
        files.add(truncated.toString());
        byte[] corrupt = grid.clone();
        corrupt[20] = '!';
        Path bad = tmp.resolve("corrupt.npy");
        Files.write(bad, corrupt);
        files.add(bad.toString());
        Path magicOnly = tmp.resolve("magic.npy");
        Files.write(magicOnly, Arrays.copyOf(grid, 6));
        files.add(magicOnly.toString());
        Path empty = Files.createFile(tmp.resolve("empty.bin"));
        files.add(empty.toString());
        Path odd = tmp.resolve("odd.bin");
        Files.write(odd, new byte[] {1, 2, 3, 4, 5, 6, 7});
        files.add(odd.toString());
        Path dir = Files.createDirectory(tmp.resolve("a-directory"));
        files.add(dir.toString());
        files.add(tmp.resolve("missing.npy").toString());
        files.add("");
        files.add("-");
        files.add("nul\u0000.npy");
        huge = tmp.resolve("huge.bin");
        try (RandomAccessFile f = new RandomAccessFile(huge.toFile(), "rw")) {
            f.setLength(5L << 30);
            f.seek((5L << 30) - 4);
            f.write(new byte[] {1, 2, 3, 4});
        }
        outDir = Files.createDirectory(tmp.resolve("out"));
    }

    @AfterAll
    static void report() {
        runner.shutdownNow();
        System.out.println("CLI-FUZZ seed " + SEED + ": " + TALLY);
    }

    // --------------------------------------------------------------------------------------------- vocabulary

    static final String[] FORMATS = {"B", "b", "<i", ">i", "<idd", "d", "<d", "<f4", ">i8", "|S10", "|u1", "<f2", "e",
            "?", "c", "3s", "0s", "x", "4x", "p", "P", "n", "@i", "=q", "!H", "<q!", "", " ", "z", "<c16", "O",
            "1000000000i", "99999999999999999999i", "i" + "i".repeat(300), "T{<i:x:}", "(2)i", "<10s", "2i", "<M8"};
    /** Conversion targets that fit most inputs, so that convert gets past its argument checks. */
    static final String[] GOOD_TO = {"<f4", "<d", ">d", "<q", "<i", "b", "B", "<h", ">H", "e", "d", "<f8", "|S10",
            "<idd", ">iqq"};
    static final String[] SHAPES = {"3,4", "-1", "(2, 3)", "2x-1", "-1,-1", "", "()", "9223372036854775807,2",
            "4611686018427387904,4", "0", "3,", ",3", "a", "-2", "1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,"
            + "1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,-1", "5", "4,5", "20",
            "(((", "3;4", "0,-1", "2 3", "1e3"};
    static final String[] NUMBERS = {"0", "1", "4", "8", "16", "20", "-1", "-9223372036854775808",
            "9223372036854775807", "99999999999999999999", "x", "", "0x10", "1.5", "3", "2147483648", "-0"};
    static final String[] SELECTS = {":", "1:, ::2", "...", "-1", "9, 0", "::0", "1:2:3", "[", "(", "", "0x8:12",
            "::-1", "..., 0", "0, ...", "..., ...", "1:3", "-4:", ":20", "0", "()", "1,2,3,4,5", "a", "9223372036854775807",
            "-9223372036854775808:", "::-9223372036854775808", "1:2, 3:4, 5:6", "0:0", "--1", "0x", ":-99999999999"};
    static final String[] SEPS = {" ", ":", "", "--", "\t", "\u00e9"};
    static final String[] ORDERS = {"C", "F", "X", "c", "", "CF"};
    static final String[] JUNK = {"--frobnicate", "-z", "--", "-", "--format", "-S", "extra", "--json", "--csv",
            "--help", "-h", "-V", "--version", "--offset=", "--shape=3", "-fB", "-s", "\u0000", "%s%n", "*", "@.",
            "@/nonexistent", "@"};

    // ------------------------------------------------------------------------------------------- generators

    static String pick(RandomGenerator r, String[] a) {
        return a[r.nextInt(a.length)];
    }

    static String file(RandomGenerator r) {
        return files.get(r.nextInt(files.size()));
    }

    static String randomText(RandomGenerator r) {
        StringBuilder b = new StringBuilder();
        int n = r.nextInt(0, 12);
        for (int k = 0; k < n; k++) {
            b.append((char) (r.nextInt(8) == 0 ? r.nextInt(0x20, 0x3000) : r.nextInt(0x20, 0x7f)));
        }
        return b.toString();
    }

    /** A value for an option: mostly from the vocabulary, now and then random text. */
    static String value(RandomGenerator r, String[] vocabulary) {
        return r.nextInt(10) == 0 ? randomText(r) : pick(r, vocabulary);
    }

    /** An output path: new, existing with known content, a directory, under a missing directory or a file. */
    static String output(RandomGenerator r, List<Path> existing) throws IOException {
        String ext = r.nextBoolean() ? ".npy" : r.nextBoolean() ? ".raw" : "";
        return switch (r.nextInt(7)) {
            case 0, 1 -> outDir.resolve("new" + r.nextInt(1000) + ext).toString();
            case 2, 3 -> {
                Path p = outDir.resolve("existing" + r.nextInt(1000) + ext);
                Files.writeString(p, "previous content " + r.nextLong());
                existing.add(p);
                yield p.toString();
            }
            case 4 -> Files.createDirectories(outDir.resolve("dir" + r.nextInt(3) + ext)).toString();
            case 5 -> outDir.resolve("missing-dir").resolve("x" + ext).toString();
            default -> tmp.resolve("odd.bin").resolve("under-a-file" + ext).toString();
        };
    }

    /** A plausible command line for {@code cmd}, with random options and values. */
    static List<String> generate(RandomGenerator r, String cmd, List<Path> existing) throws IOException {
        List<String> a = new ArrayList<>();
        if (r.nextInt(20) == 0) {
            a.add("--debug".equals(cmd) ? "-V" : r.nextBoolean() ? "-h" : "--version");
        }
        a.add(cmd);
        switch (cmd) {
            case "inspect" -> {
                a.add(file(r));
                for (int n = r.nextInt(5); n > 0; n--) {
                    switch (r.nextInt(9)) {
                        case 0 -> a.addAll(List.of(r.nextBoolean() ? "-f" : "--format", value(r, FORMATS)));
                        case 1 -> a.addAll(List.of(r.nextBoolean() ? "-s" : "--shape", value(r, SHAPES)));
                        case 2 -> a.addAll(List.of(r.nextBoolean() ? "-o" : "--offset", value(r, NUMBERS)));
                        case 3 -> a.addAll(List.of("--order", value(r, ORDERS)));
                        case 4, 5 -> a.addAll(List.of(r.nextBoolean() ? "-S" : "--select", value(r, SELECTS)));
                        case 6 -> a.add(r.nextBoolean() ? "--json" : "--csv");
                        case 7 -> a.addAll(List.of("--threshold", value(r, NUMBERS)));
                        default -> a.addAll(List.of("--edgeitems", value(r, NUMBERS)));
                    }
                }
            }
            case "hex" -> {
                a.add(file(r));
                for (int n = r.nextInt(4); n > 0; n--) {
                    switch (r.nextInt(4)) {
                        case 0 -> a.addAll(List.of(r.nextBoolean() ? "-S" : "--select", value(r, SELECTS)));
                        case 1 -> a.addAll(List.of("--sep", value(r, SEPS)));
                        case 2 -> a.addAll(List.of(r.nextBoolean() ? "-g" : "--group", value(r, NUMBERS)));
                        default -> a.addAll(List.of(r.nextBoolean() ? "-w" : "--width", value(r, NUMBERS)));
                    }
                }
            }
            case "struct" -> {
                a.add(value(r, FORMATS));
                a.add(file(r));
                for (int n = r.nextInt(4); n > 0; n--) {
                    switch (r.nextInt(3)) {
                        case 0 -> a.addAll(List.of(r.nextBoolean() ? "-o" : "--offset", value(r, NUMBERS)));
                        case 1 -> a.addAll(List.of(r.nextBoolean() ? "-n" : "--count", value(r, NUMBERS)));
                        default -> a.add(r.nextBoolean() ? "--json" : "--csv");
                    }
                }
            }
            case "convert" -> {
                a.add(file(r));
                a.add(output(r, existing));
                if (r.nextInt(6) > 0) {
                    a.addAll(List.of("--to", r.nextInt(3) > 0 ? pick(r, GOOD_TO) : value(r, FORMATS)));
                }
                for (int n = r.nextInt(4); n > 0; n--) {
                    switch (r.nextInt(3)) {
                        case 0 -> a.addAll(List.of("--from", value(r, FORMATS)));
                        case 1 -> a.addAll(List.of(r.nextBoolean() ? "-s" : "--shape", value(r, SHAPES)));
                        default -> a.addAll(List.of(r.nextBoolean() ? "-o" : "--offset", value(r, NUMBERS)));
                    }
                }
            }
            case "help" -> {
                if (r.nextBoolean()) {
                    a.add(pick(r, new String[] {"inspect", "hex", "struct", "convert", "demo", "nope"}));
                }
            }
            default -> { }
        }
        return a;
    }

    /** Drops, repeats, swaps, replaces or inserts tokens. */
    static void mutate(RandomGenerator r, List<String> a) {
        for (int n = r.nextInt(1, 4); n > 0 && !a.isEmpty(); n--) {
            int at = r.nextInt(a.size());
            switch (r.nextInt(6)) {
                case 0 -> a.remove(at);
                case 1 -> a.add(at, a.get(at));
                case 2 -> {
                    int other = r.nextInt(a.size());
                    String t = a.get(at);
                    a.set(at, a.get(other));
                    a.set(other, t);
                }
                case 3 -> a.set(at, randomText(r));
                case 4 -> a.add(at, pick(r, JUNK));
                default -> a.add(r.nextInt(a.size() + 1), file(r));
            }
        }
    }

    /** Bounded commands over the 5 GiB sparse file: each must answer without reading it all. */
    static List<String> hugeCase(RandomGenerator r) {
        String f = huge.toString();
        return new ArrayList<>(switch (r.nextInt(6)) {
            case 0 -> List.of("inspect", f, "-S", pick(r, new String[] {"-4:", "-1", "5368709119", "5368709120",
                    "::1073741824", "1:3"}));
            case 1 -> List.of("inspect", f, "-f", pick(r, new String[] {"<i", "d", "<idd", "B"}), "-s",
                    pick(r, new String[] {"-1", "1024,-1", "5,1073741824", "(1024, 1024, -1)", "3,-1"}),
                    "--order", pick(r, new String[] {"C", "F"}));
            case 2 -> List.of("hex", f, "-S", pick(r, new String[] {"-16:", "-1", "5368709100:", "0x13ffffff0:",
                    "5368709120:", "-99999999999:16"}));
            case 3 -> List.of("struct", pick(r, new String[] {"<i", "<d", "4s", "<idd"}), f, "-o",
                    pick(r, new String[] {"5368709112", "5368709120", "5368709121", "-4"}));
            case 4 -> List.of("struct", "<q", f, "-n", "3", "-o", pick(r, new String[] {"0", "5368709100"}));
            default -> List.of("inspect", f, "-f", "<q", "-S", pick(r, new String[] {"-1", ":2", "-2:", "::-1"}),
                    "--threshold", "10");
        });
    }

    // ------------------------------------------------------------------------------------------- the oracle

    record Run(int status, String out, String err) {}

    static Run run(List<String> args) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Future<Integer> f = runner.submit(() -> Main.run(new PrintWriter(out), new PrintWriter(err),
                args.toArray(String[]::new)));
        try {
            int status = f.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return new Run(status, out.toString(), err.toString());
        } catch (TimeoutException e) {
            f.cancel(true);
            runner.shutdownNow();
            runner = Executors.newSingleThreadExecutor();
            throw new AssertionError("hung: no answer in " + TIMEOUT_SECONDS + " s");
        } catch (ExecutionException e) {
            throw new AssertionError("uncaught " + e.getCause(), e.getCause());
        }
    }

    /** The rules every run obeys, whatever the arguments. */
    static void check(Run run, List<String> args, String cmd) {
        String err = run.err();
        assertThat(err).as("stderr").doesNotContain("Exception", "\tat ", "at io.", "at java.", "at picocli.");
        if (run.status() == 0) {
            for (String line : err.lines().toList()) {
                assertThat(line).as("stderr of a success").startsWith("memview ").contains(": note: ");
            }
            // (CSV of an empty view is empty, as NumPy's savetxt writes nothing for it)
            boolean printsAlways = List.of("inspect", "convert", "demo").contains(cmd) && !args.contains("--csv")
                    || args.stream().anyMatch(a -> a.equals("-h") || a.equals("--help") || a.equals("-V")
                    || a.equals("--version"));
            if (printsAlways) {
                assertThat(run.out()).as("stdout of a success").isNotBlank();
            }
        } else {
            assertThat(run.status()).as("exit status; stderr: %s", err).isIn(1, 2);
            assertThat(err).as("stderr of a failure").startsWith("memview").endsWith("\n").containsOnlyOnce("\n");
            assertThat(err.strip()).as("stderr of a failure").contains(": ").hasSizeGreaterThan(15);
        }
    }

    /** Runs {@code args}, checks the outcome and what happened to the files; {@return the outcome's label} */
    static String runAndCheck(List<String> args, String cmd, List<Path> existing) throws Exception {
        Map<Path, byte[]> before = new TreeMap<>();
        for (Path p : existing) {
            before.put(p, Files.readAllBytes(p));
        }
        Run run = run(args);
        try {
            check(run, args, cmd);
            if (run.status() != 0) {
                for (Map.Entry<Path, byte[]> e : before.entrySet()) {
                    assertThat(Files.readAllBytes(e.getKey())).as("%s after a failing run", e.getKey())
                            .isEqualTo(e.getValue());
                }
            }
            try (Stream<Path> left = Files.list(outDir)) {
                assertThat(left.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tmp")).toList())
                        .as("temporary files left").isEmpty();
            }
        } catch (AssertionError e) {
            throw new AssertionError("memview " + quote(args) + " -> status " + run.status() + ", stdout "
                    + abbreviate(run.out()) + ", stderr " + abbreviate(run.err()) + ": " + e.getMessage(), e);
        }
        return cmd + (run.status() == 0 ? " ok" : run.status() == 1 ? " data error" : " usage error");
    }

    static String quote(List<String> args) {
        return String.join(" ", args.stream().map(a -> "'" + a + "'").toList());
    }

    static String abbreviate(String s) {
        return s.length() > 400 ? s.substring(0, 400) + "..." : s;
    }

    // ------------------------------------------------------------------------------------------------ suite

    @Test
    void randomAndMutatedArgumentVectorsEndCleanly() throws Exception {
        long budget = 9_000L * FACTOR_NUM / FACTOR_DEN;
        long deadline = System.nanoTime() + budget * 1_000_000L;
        String[] commands = {"inspect", "inspect", "inspect", "inspect", "hex", "hex", "struct", "struct", "convert",
                "convert", "convert", "demo", "help", "nope", "", "--debug-nope", "INSPECT"};
        long k = 0;
        for (; k < 100 || System.nanoTime() < deadline; k++) {
            long cs = caseSeed(SEED, k);
            RandomGenerator r = RandomGeneratorFactory.of("L64X128MixRandom").create(cs);
            List<Path> existing = new ArrayList<>();
            String cmd;
            List<String> args;
            if (r.nextInt(12) == 0) {
                args = hugeCase(r);
                cmd = args.getFirst();
            } else {
                cmd = pick(r, commands);
                args = generate(r, cmd, existing);
                if (r.nextInt(3) == 0) {
                    mutate(r, args);
                    cmd = args.isEmpty() ? "" : args.stream().filter(a -> List.of("inspect", "hex", "struct",
                            "convert", "demo", "help").contains(a)).findFirst().orElse("other");
                }
            }
            String label;
            long t0 = System.nanoTime();
            try {
                label = runAndCheck(args, cmd, existing);
                long ms = (System.nanoTime() - t0) / 1_000_000;
                if (ms > slowestMs) {
                    slowestMs = ms;
                    slowest = quote(args);
                }
            } catch (Throwable e) {
                throw new AssertionError("seed " + SEED + ", case " + k + " (case seed " + cs + "): "
                        + e.getMessage(), e);
            }
            TALLY.merge(label, 1L, Long::sum);
            for (Path p : existing) {
                Files.deleteIfExists(p);
            }
        }
        TALLY.merge("(cases)", k, Long::sum);
        System.out.println("CLI-FUZZ slowest run: " + slowestMs + " ms: memview " + slowest);
        // Each run builds the picocli model afresh (tens of ms): on a loaded machine the budget may allow only a
        // few hundred runs; the outcome coverage is checked when it allowed enough.
        if (k < 1000) {
            System.out.println("CLI-FUZZ only " + k + " runs in the time budget: outcome coverage not checked");
            return;
        }
        assertThat(TALLY.keySet()).as("outcomes seen").contains("inspect ok", "inspect data error",
                "inspect usage error", "convert ok", "convert data error", "convert usage error", "hex ok",
                "struct ok");
    }

    // ------------------------------------------------------------------------- the defects the suite found

    @Test
    void argumentsStartingWithAtAreValuesNotArgumentFiles() throws Exception {
        // points.raw starts with struct.pack('<idd', 1, 0.5, -2.0): its first native int is 1 (little-endian x86/ARM)
        Run r = run(List.of("struct", "@i", Path.of("..", "samples", "points.raw").toString(), "-n", "1"));
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("(1,)\n");
        Run at = run(List.of("hex", Path.of("..", "samples", "grid.npy").toString(), "-w", "@."));
        assertThat(at.status()).isEqualTo(2);
        assertThat(at.err()).startsWith("memview hex: ").contains("'@.'").doesNotContain("Exception");
    }

    @Test
    void subcommandsPrintTheVersionAndRefuseNulInPaths() throws Exception {
        Run v = run(List.of("inspect", "-V"));
        assertThat(v.status()).isZero();
        assertThat(v.out()).isEqualTo("memview 0.1.0\n");
        Run nul = run(List.of("inspect", "a\u0000b.npy"));
        assertThat(nul.status()).isEqualTo(2);
        assertThat(nul.err()).startsWith("memview inspect: ").contains("not a valid path")
                .doesNotContain("Exception", "java.nio").containsOnlyOnce("\n");
    }

    @Test
    void demoWritesToTheCommandsOutput() throws Exception {
        Run r = run(List.of("demo"));
        assertThat(r.status()).isZero();
        assertThat(r.out()).startsWith("<iif     size 12").hasLineCount(5);
    }

    static long caseSeed(long seed, long k) {
        long z = seed * 0x9E3779B97F4A7C15L + k * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
