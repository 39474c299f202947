package io.memview.npy;

import io.memview.Bytes;
import io.memview.MemoryView;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Hostile {@code .npy} files: NumPy's own files (the corpus under {@code resources/npy}) and headers built here,
 * mutated byte by byte, truncated at every byte, given hostile header lengths, versions, dictionaries, dtypes and
 * shapes, and data shorter or longer than the shape says. Every outcome must be either a correct view — checked
 * against an independent reading of the file's bytes: the data offset from the raw length field, strides computed
 * here from the shape, each sampled item's bytes at the offset computed here, and its value decoded here from the
 * descr — or an {@link NpyFormatException} whose message names the file and one of the known problems. Anything
 * else (another exception, a hang, an out-of-memory error) fails with the seed that replays the case.
 *
 * <p>Seeded and time-bounded: about 10 s in all by default, 40 times longer with {@code -Dstress=long}, a tenth with
 * {@code -Dstress=quick}. Each suite prints its outcome counts ({@code NPY-HOSTILE ...}).
 */
class NpyHostileTest {
    static final String MODE = System.getProperty("stress", "short");
    static final long FACTOR_NUM = "long".equalsIgnoreCase(MODE) ? 40 : 1;
    static final long FACTOR_DEN = "quick".equalsIgnoreCase(MODE) ? 10 : 1;
    static final long SEED = Long.getLong("npy.hostile.seed", 0x5EED_0A9FL);

    static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};

    /** Phrases one of which every refusal must contain: the problem, named. */
    static final List<String> PROBLEMS = List.of("truncated", "not a .npy file", "unsupported .npy format version",
            "the header is", "cannot parse the header", "the header does not contain the correct keys",
            "shape is not valid", "shape has", "is too large", "overflows a 64-bit size", "fortran_order is not",
            "descr is not a valid dtype descriptor", "unsupported dtype");

    /** Messages of the JDK's own checks: seeing one means a bad value got past the library's checks. */
    static final Pattern JDK_MESSAGE = Pattern.compile("out of bounds for length|Index -?\\d+ out of bounds|Range \\[|"
            + "^null$|because \"|Cannot invoke|/ by zero|integer overflow|long overflow|NumberFormatException|"
            + "Already closed");

    static List<byte[]> corpus = new ArrayList<>();
    static List<String> corpusNames = new ArrayList<>();
    static final Map<String, Map<String, Long>> TALLIES = new TreeMap<>();
    static final Map<Integer, Long> LENGTHS = new java.util.HashMap<>();

    @TempDir
    static Path tempDir;

    /** Where the case files go: memory (/dev/shm) when there is one, else the temporary directory. */
    static Path tmp;

    @BeforeAll
    static void loadCorpus() throws Exception {
        Path shm = Path.of("/dev/shm");
        tmp = Files.isDirectory(shm) && Files.isWritable(shm) ? Files.createTempDirectory(shm, "npy-hostile")
                : tempDir;
        Path dir = Path.of(NpyHostileTest.class.getResource("/npy/expected.json").toURI()).getParent();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".npy")).sorted().toList()) {
                corpus.add(Files.readAllBytes(f));
                corpusNames.add(f.getFileName().toString());
            }
        }
        // Headers built here (version 1, 2 and 3) over small data, for dtypes the corpus may lack.
        corpus.add(build(1, "{'descr': '<u2', 'fortran_order': True, 'shape': (2, 3), }", 12));
        corpusNames.add("built-v1-u2-fortran");
        corpus.add(build(2, "{'descr': '>f8', 'fortran_order': False, 'shape': (3,), }", 24));
        corpusNames.add("built-v2-f8");
        corpus.add(build(3, "{'descr': [('é', '<i4'), ('b', '|S3')], 'fortran_order': False, 'shape': (2,), }", 14));
        corpusNames.add("built-v3-utf8-struct");
        corpus.add(build(1, "{'descr': '|b1', 'fortran_order': False, 'shape': (), }", 1));
        corpusNames.add("built-v1-0d-bool");
        assertThat(corpus).hasSizeGreaterThan(40);
    }

    @AfterAll
    static void printTallies() throws IOException {
        if (!tmp.equals(tempDir)) {
            try (Stream<Path> files = Files.list(tmp)) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
            Files.delete(tmp);
        }
        TALLIES.forEach((suite, counts) -> System.out.println("NPY-HOSTILE " + suite + " " + counts));
    }

    // ------------------------------------------------------------------------------------------------- suites

    /** Every corpus file truncated at every byte of its header and at the first 64 bytes of its data, and by one. */
    @Test
    void truncationAtEveryByteOfTheHeaderAndInTheDataIsRefusedAsTruncated() {
        // every cut of every file once: case k is cut k of the concatenated cut lists
        long[] firstCase = new long[corpus.size() + 1];
        for (int f = 0; f < corpus.size(); f++) {
            firstCase[f + 1] = firstCase[f] + Math.min(corpus.get(f).length, dataOffset(corpus.get(f)) + 64) + 1;
        }
        runSuite("truncate", Duration.ofSeconds(3), firstCase[corpus.size()], (r, t, k) -> {
            int f = 0;
            while (firstCase[f + 1] <= k) {
                f++;
            }
            byte[] whole = corpus.get(f);
            long dataOffset = dataOffset(whole);
            int cuts = (int) (firstCase[f + 1] - firstCase[f] - 1);
            int cut = (int) (k - firstCase[f]);
            if (cut == cuts) {
                cut = whole.length - 1;
            }
            byte[] b = Arrays.copyOf(whole, cut);
            boolean complete = cut >= dataOffset + dataLength(f);
            Outcome o = outcome(b, r);
            if (complete) {
                assertThat(o.view).as("%s cut at %d: all data present", corpusNames.get(f), cut).isTrue();
            } else {
                assertThat(o.message).as("%s cut at %d of %d", corpusNames.get(f), cut, whole.length)
                        .contains("truncated");
            }
            t.count(o.view ? "view (cut after the data)" : "refused: truncated");
        });
    }

    /** Random bit flips, byte sets, inserts and deletes, mostly in the header. */
    @Test
    void randomByteMutationsGiveACorrectViewOrANamedRefusal() {
        runSuite("bytes", Duration.ofMillis(2500), (r, t, k) -> {
            byte[] b = corpus.get(r.nextInt(corpus.size())).clone();
            int ops = 1 + r.nextInt(4);
            for (int n = 0; n < ops; n++) {
                int hot = (int) Math.min(b.length, dataOffset(b) < 0 ? 128 : dataOffset(b) + 8);
                int at = r.nextInt(10) < 8 ? r.nextInt(Math.max(1, hot)) : r.nextInt(Math.max(1, b.length));
                switch (r.nextInt(4)) {
                    case 0 -> { if (at < b.length) { b[at] ^= (byte) (1 << r.nextInt(8)); } }
                    case 1 -> { if (at < b.length) { b[at] = (byte) pick(r, "'\"{}(),:[]<>|0123456789 \n\\LTFNx"
                            .chars().toArray(), r.nextInt(256)); } }
                    case 2 -> b = insert(b, at, (byte) r.nextInt(256));
                    default -> b = delete(b, at);
                }
            }
            t.count(outcome(b, r).label());
        });
    }

    /** The header length field set to hostile values: 0, off by a few, 64 KiB, 1 MiB, 2 GiB, 4 GiB - 1. */
    @Test
    void hostileHeaderLengthsAndVersionsAreRefusedOrHonoured() {
        long[] lengths = {0, 1, 2, 9, 10, 0xffff, 0x10000, (1 << 20), (1 << 20) + 1, 0x7fffffffL, 0x80000000L,
                0xfffffffeL, 0xffffffffL};
        runSuite("length+version", Duration.ofMillis(1000), (r, t, k) -> {
            byte[] b = corpus.get(r.nextInt(corpus.size())).clone();
            int kind = r.nextInt(4);
            if (kind == 0) { // version bytes
                b[6] = (byte) pick(r, new int[] {0, 1, 2, 3, 4, 255}, r.nextInt(256));
                b[7] = (byte) (r.nextBoolean() ? 0 : r.nextInt(256));
            } else {
                int major = b[6];
                long real = major == 1 ? le16(b, 8) : le32(b, 8);
                long len = kind == 1 ? lengths[r.nextInt(lengths.length)] : real + r.nextInt(-70, 71);
                len = Math.max(0, len);
                if (major == 1) {
                    if (len > 0xffff) {
                        b = toVersion2(b); // a 4-byte field for the big ones
                        putLe32(b, 8, len);
                    } else {
                        b[8] = (byte) len;
                        b[9] = (byte) (len >> 8);
                    }
                } else {
                    putLe32(b, 8, len);
                }
                if (len > (1 << 20) && r.nextBoolean()) {
                    // a file long enough for a 1-2 MiB header; the 4 GiB ones are refused before any read
                    b = Arrays.copyOf(b, (int) Math.min(len + 12 + r.nextInt(100), (1 << 21) + 100));
                }
            }
            Outcome o = outcome(b, r);
            long hlen = b[6] == 1 ? le16(b, 8) : le32(b, 8);
            if (hlen > (1 << 20)) {
                assertThat(o.view).as("header of %d bytes", hlen).isFalse();
            }
            t.count(o.label());
        });
    }

    /** Header dictionaries generated here: keys missing, repeated or extra, values of every wrong type, bad quoting. */
    @Test
    void generatedHeaderDictionariesGiveTheViewTheyDescribeOrANamedRefusal() {
        runSuite("dict", Duration.ofMillis(2500), (r, t, k) -> {
            HeaderCase h = HeaderGen.generate(r);
            byte[] b = build(1 + r.nextInt(3), h.text, h.dataBytes(r));
            Outcome o = outcome(b, r);
            if (h.valid && h.dataBytesGiven >= h.needed) {
                assertThat(o.view).as("valid header %s with %d data bytes (needs %d): %s", h.text, h.dataBytesGiven,
                        h.needed, o.message).isTrue();
            }
            if (h.valid && h.dataBytesGiven < h.needed) {
                assertThat(o.message).as("short data for %s", h.text).contains("truncated");
            }
            t.count((h.valid ? "valid " : "hostile ") + o.label());
        });
    }

    /** Corpus files with bytes removed from or added after the data; sparse files claiming up to 1 TiB of data. */
    @Test
    void dataShorterOrLongerThanTheShapeSays() throws IOException {
        runSuite("data-length", Duration.ofMillis(700), (r, t, k) -> {
            int f = r.nextInt(corpus.size());
            byte[] whole = corpus.get(f);
            long need = dataLength(f);
            long off = dataOffset(whole);
            int delta = r.nextInt(-64, 65);
            long len = Math.max(off, Math.min(whole.length + 64, off + need + delta));
            byte[] b = Arrays.copyOf(whole, (int) len);
            for (int i = whole.length; i < b.length; i++) {
                b[i] = (byte) r.nextInt(256);
            }
            Outcome o = outcome(b, r);
            assertThat(o.view).as("%s: %d data bytes, needs %d", corpusNames.get(f), len - off, need)
                    .isEqualTo(len - off >= need);
            t.count(o.label());
        });
        // Sparse files: a header claiming a huge array, the file just long enough (or one byte short).
        Map<String, Long> counts = TALLIES.computeIfAbsent("data-length", x -> new TreeMap<>());
        long[] sizes = {1L << 31, (1L << 32) + 3, 5L << 30, 1L << 40};
        for (long n : sizes) {
            for (int shortBy = 0; shortBy <= 1; shortBy++) {
                Path p = tempDir.resolve("sparse.npy");
                byte[] header = build(1, "{'descr': '|u1', 'fortran_order': False, 'shape': (" + n + ",), }", 0);
                Files.write(p, header);
                try (RandomAccessFile raf = new RandomAccessFile(p.toFile(), "rw")) {
                    raf.seek(header.length + n - 1 - shortBy);
                    raf.write(7);
                }
                if (shortBy == 0) {
                    try (MemoryView v = Npy.read(p)) {
                        assertThat(v.shape()).containsExactly(n);
                        assertThat(v.getLong(n - 1)).isEqualTo(7);
                        assertThat(v.getLong(n / 2)).isZero();
                    }
                    counts.merge("sparse view", 1L, Long::sum);
                } else {
                    try {
                        Npy.read(p).release();
                        throw new AssertionError("a sparse file one byte short of " + n + " was read");
                    } catch (NpyFormatException e) {
                        assertThat(e.getMessage()).contains("truncated", "needs " + n + " bytes");
                    }
                    counts.merge("sparse refused: truncated", 1L, Long::sum);
                }
                Files.delete(p);
            }
        }
    }

    // ------------------------------------------------------------------------------------------- the runner

    @FunctionalInterface
    interface Case {
        void run(RandomGenerator r, Tally t, long k) throws Exception;
    }

    /** Outcome counts of one suite. */
    static final class Tally {
        final Map<String, Long> counts = new TreeMap<>();
        long cases;

        void count(String outcome) {
            counts.merge(outcome, 1L, Long::sum);
        }
    }

    static RandomGenerator rng(long seed) {
        return RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
    }

    static long caseSeed(long seed, long k) {
        long z = seed * 0x9E3779B97F4A7C15L + k * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * Runs cases of {@code body} until the budget is spent (at least 200), each with its own seed; a failing case,
     * or one that hangs, fails the suite naming the suite seed, the case number and the case seed.
     */
    static void runSuite(String suite, Duration shortBudget, Case body) {
        runSuite(suite, shortBudget, Long.MAX_VALUE, body);
    }

    static void runSuite(String suite, Duration shortBudget, long maxCases, Case body) {
        Duration budget = shortBudget.multipliedBy(FACTOR_NUM).dividedBy(FACTOR_DEN);
        Tally tally = new Tally();
        AtomicReference<String> current = new AtomicReference<>("none");
        long[] slowest = {0, -1};
        try {
            assertTimeoutPreemptively(budget.plusSeconds(60), () -> {
                long deadline = System.nanoTime() + budget.toNanos();
                for (long k = 0; k < maxCases && (k < 200 || System.nanoTime() < deadline); k++) {
                    long cs = caseSeed(SEED, k);
                    current.set("case " + k + " (case seed " + cs + ")");
                    long t0 = System.nanoTime();
                    try {
                        body.run(rng(cs), tally, k);
                        long us = (System.nanoTime() - t0) / 1000;
                        if (us > slowest[0]) {
                            slowest[0] = us;
                            slowest[1] = k;
                        }
                    } catch (Throwable e) {
                        throw new AssertionError(suite + ": seed " + SEED + ", case " + k + " (case seed " + cs
                                + "): " + e, e);
                    }
                    tally.cases++;
                }
            }, () -> suite + ": seed " + SEED + ": hung at " + current.get());
        } finally {
            tally.counts.put("(cases)", tally.cases);
            TALLIES.merge(suite, tally.counts, (a, b) -> {
                b.forEach((key, v) -> a.merge(key, v, Long::sum));
                return a;
            });
            System.out.println("NPY-HOSTILE " + suite + " seed " + SEED + ": " + tally.cases + " cases "
                    + tally.counts + "; slowest case " + slowest[1] + ": " + slowest[0] + " us");
        }
    }

    // ------------------------------------------------------------------------------------------ the oracle

    /** What reading a file did: a view (checked) or a refusal (with its message, checked). */
    record Outcome(boolean view, String message) {
        String label() {
            if (view) {
                return "view";
            }
            for (String p : PROBLEMS) {
                if (message.contains(p)) {
                    return "refused: " + p;
                }
            }
            return "refused: ?";
        }
    }

    private static int fileCounter;

    /**
     * Writes {@code bytes} to a file and reads it with {@link Npy#read}: a view is checked against the bytes, a
     * refusal must be an {@link NpyFormatException} naming the file and a known problem, with no JDK message.
     */
    static Outcome outcome(byte[] bytes, RandomGenerator r) throws IOException {
        Path p = tmp.resolve("case" + (fileCounter++ % 4) + ".npy");
        Files.write(p, bytes);
        MemoryView v;
        try {
            Npy.readHeader(p); // cheap: no mapping; the refusals are the same as read's
            v = Npy.read(p);
        } catch (NpyFormatException e) {
            String m = e.getMessage();
            assertThat(m).as("message of a refusal").startsWith(p + ": ").doesNotContain("\n");
            assertThat(JDK_MESSAGE.matcher(m).find()).as("JDK message in %s", m).isFalse();
            assertThat(PROBLEMS.stream().anyMatch(m::contains)).as("the problem is named in %s", m).isTrue();
            assertThat(m.length()).as("length of the message %s...", m.substring(0, Math.min(m.length(), 300)))
                    .isLessThan(2000);
            return new Outcome(false, m);
        }
        try {
            verify(v, bytes, r);
        } finally {
            v.release();
        }
        return new Outcome(true, null);
    }

    static final Pattern DESCR = Pattern.compile("['\"]descr['\"]\\s*:\\s*['\"]([<>|=]?)([A-Za-z])(\\d+)['\"]");
    static final Pattern FORTRAN = Pattern.compile("['\"]fortran_order['\"]\\s*:\\s*(True|False)");

    /** Checks a view of {@code file} against an independent reading of its bytes. */
    static void verify(MemoryView v, byte[] file, RandomGenerator r) {
        // magic, version and the length field, read here
        assertThat(Arrays.copyOf(file, 6)).isEqualTo(MAGIC);
        int major = file[6];
        assertThat(major).isBetween(1, 3);
        assertThat(file[7]).isZero();
        long dataOffset = dataOffset(file);
        NpyHeader h = (NpyHeader) v.obj();
        assertThat(h.dataOffset()).as("data offset").isEqualTo(dataOffset);
        assertThat(h.majorVersion()).isEqualTo(major);
        // the shape fits the file
        long[] shape = v.shape();
        assertThat(shape).isEqualTo(h.shape());
        int itemsize = v.itemsize();
        assertThat(itemsize).isPositive();
        BigInteger count = BigInteger.ONE;
        for (long d : shape) {
            assertThat(d).isNotNegative();
            count = count.multiply(BigInteger.valueOf(d));
        }
        BigInteger nbytes = count.multiply(BigInteger.valueOf(itemsize));
        assertThat(BigInteger.valueOf(v.nbytes())).isEqualTo(nbytes);
        assertThat(nbytes.add(BigInteger.valueOf(dataOffset))).as("data end").isLessThanOrEqualTo(
                BigInteger.valueOf(file.length));
        String text = new String(file, Math.min(file.length, major == 1 ? 10 : 12),
                (int) Math.max(0, dataOffset - (major == 1 ? 10 : 12)), StandardCharsets.ISO_8859_1);
        // fortran_order as the text says, when it says it plainly once
        Matcher fm = FORTRAN.matcher(text);
        if (fm.find() && !fm.find()) {
            assertThat(h.fortranOrder()).isEqualTo(FORTRAN.matcher(text).results().findFirst().orElseThrow()
                    .group(1).equals("True"));
        }
        // strides computed here from the shape and the order
        long[] strides = new long[shape.length];
        long s = itemsize;
        for (int k = 0; k < shape.length; k++) {
            int d = h.fortranOrder() ? k : shape.length - 1 - k;
            strides[d] = s;
            s *= Math.max(1, shape[d]);
        }
        if (count.signum() > 0) {
            assertThat(v.strides()).as("strides").isEqualTo(strides);
        }
        // a simple descr, when the text gives one plainly once, fixes the itemsize and the values
        Matcher dm = DESCR.matcher(text);
        String[] simple = null;
        if (dm.find()) {
            simple = new String[] {dm.group(1), dm.group(2), dm.group(3)};
            if (dm.find()) {
                simple = null;
            }
        }
        if (simple != null && !simple[1].equals("S") && !simple[1].equals("V") && !simple[1].equals("a")) {
            assertThat(itemsize).as("itemsize of %s", String.join("", simple)).isEqualTo(
                    Integer.parseInt(simple[2]));
        }
        if (count.signum() == 0) {
            return;
        }
        // sampled items: their bytes at the offset computed here, their values decoded here
        long n = count.longValueExact();
        for (int sample = 0; sample < 6; sample++) {
            long flat = sample == 0 ? 0 : sample == 1 ? n - 1 : r.nextLong(n);
            long[] idx = new long[shape.length];
            long rest = flat;
            long off = dataOffset;
            for (int d = shape.length - 1; d >= 0; d--) {
                idx[d] = rest % shape[d];
                rest /= shape[d];
                off += idx[d] * strides[d];
            }
            byte[] expected = Arrays.copyOfRange(file, (int) off, (int) off + itemsize);
            Object[] keys = Arrays.stream(idx).boxed().toArray();
            MemoryView item = v.select(keys);
            try {
                assertThat(item.toBytes()).as("bytes of item %s", Arrays.toString(idx)).isEqualTo(expected);
            } finally {
                item.release();
            }
            if (simple != null) {
                checkValue(v.get(idx), expected, simple);
            }
        }
    }

    /** Decodes one item of a simple dtype from its bytes, independently of the library, and compares. */
    static void checkValue(Object actual, byte[] b, String[] dtype) {
        ByteOrder order = dtype[0].equals(">") ? ByteOrder.BIG_ENDIAN
                : dtype[0].equals("<") ? ByteOrder.LITTLE_ENDIAN : ByteOrder.nativeOrder();
        ByteBuffer bb = ByteBuffer.wrap(b).order(order);
        int size = b.length;
        switch (dtype[1]) {
            case "i" -> assertThat(((Number) actual).longValue()).isEqualTo(switch (size) {
                case 1 -> bb.get();
                case 2 -> bb.getShort();
                case 4 -> bb.getInt();
                default -> bb.getLong();
            });
            case "u" -> assertThat(new BigInteger(actual.toString())).isEqualTo(switch (size) {
                case 1 -> BigInteger.valueOf(bb.get() & 0xff);
                case 2 -> BigInteger.valueOf(bb.getShort() & 0xffff);
                case 4 -> BigInteger.valueOf(bb.getInt() & 0xffffffffL);
                default -> new BigInteger(Long.toUnsignedString(bb.getLong()));
            });
            case "f" -> {
                double d = switch (size) {
                    case 2 -> Float.float16ToFloat(bb.getShort());
                    case 4 -> bb.getFloat();
                    default -> bb.getDouble();
                };
                double a = (Double) actual;
                if (Double.isNaN(d)) {
                    assertThat(a).isNaN();
                } else {
                    assertThat(a).isEqualTo(d);
                }
            }
            case "b" -> assertThat(actual).isEqualTo(b[0] != 0);
            case "S", "a", "V" -> assertThat(((Bytes) actual).toByteArray()).isEqualTo(b);
            default -> throw new AssertionError("a view of an unknown kind " + dtype[1]);
        }
    }

    // ------------------------------------------------------------------------------------- building files

    /** A .npy file of version {@code major} with the dictionary {@code dict}, padded as NumPy pads, then data. */
    static byte[] build(int major, String dict, long dataBytes) {
        byte[] text = (dict).getBytes(major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        int lb = major == 1 ? 2 : 4;
        int pre = 6 + 2 + lb;
        int hlen = text.length + 1;
        hlen += (64 - (pre + hlen) % 64) % 64;
        if (major == 1 && hlen > 0xffff) {
            return build(2, dict, dataBytes);
        }
        ByteBuffer b = ByteBuffer.allocate(pre + hlen + (int) dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).put((byte) major).put((byte) 0);
        if (major == 1) {
            b.putShort((short) hlen);
        } else {
            b.putInt(hlen);
        }
        b.put(text);
        for (int k = text.length; k < hlen - 1; k++) {
            b.put((byte) ' ');
        }
        b.put((byte) '\n');
        for (int k = 0; k < dataBytes; k++) {
            b.put((byte) (k * 37 + 11));
        }
        return b.array();
    }

    static byte[] toVersion2(byte[] v1) {
        byte[] b = new byte[v1.length + 2];
        System.arraycopy(v1, 0, b, 0, 8);
        b[6] = 2;
        System.arraycopy(v1, 10, b, 12, v1.length - 10);
        putLe32(b, 8, le16(v1, 8));
        return b;
    }

    /** The data offset the length field gives, read here; -1 when the file is too short to say. */
    static long dataOffset(byte[] b) {
        if (b.length < 12) {
            return b.length >= 10 && b[6] == 1 ? 10 + le16(b, 8) : -1;
        }
        return b[6] == 1 ? 10 + le16(b, 8) : 12 + le32(b, 8);
    }

    /** The data length of corpus file {@code f}, from the header as the library reads the unmutated file. */
    static long dataLength(int f) {
        if (LENGTHS.containsKey(f)) {
            return LENGTHS.get(f);
        }
        try {
            Path p = tmp.resolve("corpus-" + f + ".npy");
            if (!Files.exists(p)) {
                Files.write(p, corpus.get(f));
            }
            long n = Npy.readHeader(p).dataLength();
            LENGTHS.put(f, n);
            return n;
        } catch (IOException e) {
            throw new AssertionError(corpusNames.get(f) + " is a valid corpus file", e);
        }
    }

    static long le16(byte[] b, int at) {
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8;
    }

    static long le32(byte[] b, int at) {
        return (b[at] & 0xffL) | (b[at + 1] & 0xffL) << 8 | (b[at + 2] & 0xffL) << 16 | (b[at + 3] & 0xffL) << 24;
    }

    static void putLe32(byte[] b, int at, long v) {
        for (int k = 0; k < 4; k++) {
            b[at + k] = (byte) (v >>> (8 * k));
        }
    }

    static byte[] insert(byte[] b, int at, byte v) {
        byte[] c = new byte[b.length + 1];
        at = Math.min(at, b.length);
        System.arraycopy(b, 0, c, 0, at);
        c[at] = v;
        System.arraycopy(b, at, c, at + 1, b.length - at);
        return c;
    }

    static byte[] delete(byte[] b, int at) {
        if (b.length == 0 || at >= b.length) {
            return b;
        }
        byte[] c = new byte[b.length - 1];
        System.arraycopy(b, 0, c, 0, at);
        System.arraycopy(b, at + 1, c, at, b.length - at - 1);
        return c;
    }

    static int pick(RandomGenerator r, int[] favourites, int otherwise) {
        return r.nextBoolean() ? favourites[r.nextInt(favourites.length)] : otherwise;
    }

    // ----------------------------------------------------------------------------------- header generator

    /** A generated header: its text, whether it is valid by construction, and the data it needs. */
    record HeaderCase(String text, boolean valid, long needed, long dataBytesGiven) {
        long dataBytes(RandomGenerator r) {
            return dataBytesGiven;
        }
    }

    /** Generates header dictionaries, valid ones (known dtype, bool, shape) and hostile ones. */
    static final class HeaderGen {
        static final String[] GOOD = {"<f8", ">f8", "<f4", ">f4", "<f2", ">f2", "<i8", ">i8", "<i4", ">i4", "<i2",
                ">i2", "|i1", "<u8", ">u8", "<u4", ">u4", "<u2", ">u2", "|u1", "|b1", "|S1", "|S10", "=i4", "<u1",
                "|V4", ">b1", "|i2", "|f8", "|u4"};
        static final String[] BAD = {"<c16", "<c8", ">M8[ns]", "<m8[s]", "|O", "O", "<U3", "<f16", "<f12", "|V0",
                "|S0", "<i3", "<i16", ">b2", "", "x", "<", "|", "<f", "f8", "<8f", "<i4 ", " <i4", "<i04",
                "<i99999999999", "<S-1", "<q", "d", "?", "<f8\\x00", "\\u00e9", "<i4'", "<U0", "<V2147483648",
                "|S4294967296"};
        static final String[] SHAPE_DIMS = {"0", "1", "2", "3", "7", "-1", "-0", "2_0", "2L", "9223372036854775807",
                "9223372036854775808", "18446744073709551616", "4294967296", "4611686018427387904",
                "1" + "0".repeat(39), "1" + "0".repeat(45), "+3", "3.0", "0x10", "True", "None", "'3'", "(2,)",
                "[2]", "01", "1e3"};

        static HeaderCase generate(RandomGenerator r) {
            boolean valid = true;
            // descr
            String descr;
            int itemsize = -1;
            int dk = r.nextInt(10);
            if (dk < 5) {
                String d = GOOD[r.nextInt(GOOD.length)];
                descr = quote(r, d);
                itemsize = Integer.parseInt(d.replaceAll("\\D", ""));
            } else if (dk < 7) {
                descr = quote(r, BAD[r.nextInt(BAD.length)]);
                valid = false;
            } else if (dk < 9) {
                int[] size = {0};
                boolean[] ok = {true};
                descr = structured(r, 0, size, ok, r.nextBoolean() ? '<' : '>');
                if (ok[0] && size[0] > 0) {
                    itemsize = size[0];
                } else {
                    valid = false;
                }
            } else {
                descr = pick(r, "3", "None", "True", "('<i4',)", "{'x': '<i4'}", "[]", "[('a',)]", "b'<i4'",
                        "'<i4' '<i8'");
                valid = false;
            }
            // fortran_order
            String fortran;
            if (r.nextInt(8) > 0) {
                fortran = r.nextBoolean() ? "True" : "False";
            } else {
                fortran = pick(r, "0", "1", "None", "'True'", "true", "(False,)", "False False");
                valid = false;
            }
            // shape
            StringBuilder shape = new StringBuilder();
            long count = 1;
            int sk = r.nextInt(10);
            if (sk < 7) {
                int nd = r.nextInt(10) == 0 ? r.nextInt(60, 70) : r.nextInt(0, 5);
                shape.append('(');
                boolean overflow = false;
                for (int d = 0; d < nd; d++) {
                    long dim;
                    if (r.nextInt(12) == 0) {
                        String s = SHAPE_DIMS[r.nextInt(SHAPE_DIMS.length)];
                        shape.append(s);
                        valid &= s.matches("\\d+|\\d+L") && !s.startsWith("0") || s.equals("0");
                        try {
                            dim = Long.parseLong(s.replace("L", ""));
                        } catch (NumberFormatException e) {
                            dim = 1;
                            valid = false;
                        }
                    } else {
                        dim = nd > 8 ? 1 : r.nextInt(0, 5);
                        shape.append(dim);
                    }
                    if (dim > 0 && count > Long.MAX_VALUE / dim) {
                        overflow = true;
                    }
                    count = count * dim;
                    shape.append(d + 1 < nd || nd == 1 ? ", " : "");
                }
                shape.append(')');
                if (overflow || nd > 64) {
                    valid = false;
                }
                if (shape.toString().contains("L") && r.nextBoolean()) {
                    valid = false; // fine in versions 1/2, not 3; the generator does not know the version
                }
                if (shape.toString().contains("L")) {
                    valid = false;
                }
            } else {
                shape.append(pick(r, "[2, 3]", "3", "()", "(-1,)", "((2, 3),)", "(2, (3,))", "(2,,)", "(,)",
                        "(2 3)", "(", "(2,", "None"));
                valid &= shape.toString().equals("()");
                count = 1;
            }
            // keys, in order, with the hostile variants
            List<String> entries = new ArrayList<>(List.of("'descr': " + descr, "'fortran_order': " + fortran,
                    "'shape': " + shape));
            int kk = r.nextInt(12);
            switch (kk) {
                case 0 -> { entries.remove(r.nextInt(entries.size())); valid = false; }
                case 1 -> { entries.add("'extra': 1"); valid = false; }
                case 2 -> entries.add(entries.get(r.nextInt(entries.size()))); // a repeated key: Python keeps one
                case 3 -> { entries.set(0, entries.get(0).replace("'descr'", "'desc'")); valid = false; }
                case 4 -> { entries.add("1: 2"); valid = false; }
                case 5 -> java.util.Collections.shuffle(entries, r); // order does not matter
                default -> { }
            }
            String text = "{" + String.join(", ", entries) + (r.nextBoolean() ? ", }" : "}");
            // syntax damage
            int damage = r.nextInt(24);
            switch (damage) {
                case 0 -> { text = text.replaceFirst("'", ""); valid = false; }
                case 1 -> { text = text.substring(0, r.nextInt(text.length())); valid = false; }
                case 2 -> { text = text + " junk"; valid = false; }
                case 3 -> { text = "[" + text + "]"; valid = false; }
                case 4 -> { text = text.replace("{", "{{"); valid = false; }
                case 5 -> { text = text.replace(":", " :\t"); }
                case 6 -> { text = text.replace(", ", ",\\\n "); } // line continuations are whitespace
                case 7 -> { text = text + " # comment"; valid = false; }
                case 8 -> { text = "(".repeat(r.nextInt(1, 200)) + text; valid = false; }
                case 9 -> { text = text.replace("'", "\"\"\""); valid = false; }
                default -> { }
            }
            if (valid && count > Long.MAX_VALUE / Math.max(1, itemsize)) {
                valid = false; // the library refuses it: the data size overflows
            }
            long needed = valid ? count * itemsize : -1;
            long given;
            if (valid) {
                int g = r.nextInt(6);
                given = g == 0 ? Math.max(0, needed - r.nextInt(1, 9)) : g == 1 ? needed + r.nextInt(1, 40) : needed;
                if (needed > 1 << 16) {
                    given = Math.min(given, 1 << 16); // keep the files small: such a case is a truncated one
                }
            } else {
                given = r.nextInt(0, 200);
            }
            return new HeaderCase(text, valid, needed, given);
        }

        /** A structured dtype: a list of (name, dtype[, shape]) tuples, nested, with bad fields now and then. */
        static String structured(RandomGenerator r, int depth, int[] size, boolean[] ok, char order) {
            int n = r.nextInt(0, 4);
            if (n == 0) {
                ok[0] = false; // no fields: size 0
            }
            StringBuilder b = new StringBuilder("[");
            for (int k = 0; k < n; k++) {
                String name = "'f" + k + "'";
                int kind = r.nextInt(16);
                String field;
                if (kind < 8) {
                    String[] t = {"i4", "f8", "u2", "i8", "f4", "f2"};
                    String d = t[r.nextInt(t.length)];
                    field = "(" + name + ", '" + order + d + "')";
                    size[0] += Integer.parseInt(d.substring(1));
                } else if (kind < 10) {
                    int len = r.nextInt(1, 6);
                    field = "(" + name + ", '|S" + len + "')";
                    size[0] += len;
                } else if (kind == 10) {
                    int len = r.nextInt(1, 4);
                    field = "('', '|V" + len + "')";
                    size[0] += len;
                } else if (kind == 11 && depth < 3) {
                    field = "(" + name + ", " + structured(r, depth + 1, size, ok, order) + ")";
                } else if (kind == 12) {
                    int c = r.nextInt(1, 4);
                    field = "(" + name + ", '" + order + "i2', (" + c + ",))";
                    size[0] += 2 * c;
                } else {
                    ok[0] = false;
                    field = pick(r, "(" + name + ",)", "(" + name + ", '<i4', (-1,))", "(3, '<i4')",
                            "(" + name + ", '<c16')", "(" + name + ", '" + (order == '<' ? '>' : '<') + "i4')",
                            "(" + name + ", '<i4', (2147483648,))", "(" + name + ", '<i4', (65536, 65536))",
                            "(" + name + ", '<i4', 1, 2)", "[" + name + ", '<i4']", "(" + name + ", 5)",
                            "(('t', " + name + "), '<i4')", "(" + name + ", '|S0')", "(" + name + ", [])",
                            "(" + name + ", '<i4', (0,))");
                    if (field.contains("('t', ") || field.endsWith("'<i4', (0,))")) {
                        ok[0] = false; // valid in NumPy, but the size is not tracked here
                    }
                }
                b.append(field).append(k + 1 < n ? ", " : "");
            }
            return b.append(']').toString();
        }

        static String quote(RandomGenerator r, String s) {
            return r.nextInt(4) == 0 ? "\"" + s + "\"" : "'" + s + "'";
        }

        static String pick(RandomGenerator r, String... options) {
            return options[r.nextInt(options.length)];
        }
    }
}
