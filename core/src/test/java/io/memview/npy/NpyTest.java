package io.memview.npy;

import io.memview.MemoryView;
import io.memview.testing.CPython;
import io.memview.testing.Json;
import io.memview.testing.PyValues;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Reads every file of the NumPy corpus ({@code tools/cpython/gen_npy.py}) and checks the header, the layout and
 * every value against what NumPy holds; writes each back and checks the result is NumPy's own file, byte for byte
 * (or, for the files NumPy wrote with a forced header version, that NumPy reads back the same array).
 */
class NpyTest {
    static final Path DIR;
    static final List<Map<String, Object>> CASES;

    static {
        try {
            DIR = Path.of(NpyTest.class.getResource("/npy/expected.json").toURI()).getParent();
            @SuppressWarnings("unchecked")
            Map<String, Object> root = (Map<String, Object>) Json.parse(Files.readString(DIR.resolve("expected.json")));
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> cases = (List<Map<String, Object>>) root.get("cases");
            CASES = cases;
        } catch (IOException | URISyntaxException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    static Stream<String> files() {
        return CASES.stream().map(c -> (String) c.get("file"));
    }

    static Map<String, Object> expected(String file) {
        return CASES.stream().filter(c -> c.get("file").equals(file)).findFirst().orElseThrow();
    }

    private static long[] longs(Object list) {
        return ((List<?>) list).stream().mapToLong(x -> (Long) x).toArray();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void readsHeaderLayoutAndValuesAsNumpyWroteThem(String file) throws IOException {
        Map<String, Object> e = expected(file);
        NpyHeader h = Npy.readHeader(DIR.resolve(file));
        String descr = (String) e.get("descr");
        assertThat(h.descr()).isEqualTo(descr.startsWith("'") ? descr.substring(1, descr.length() - 1) : descr);
        assertThat(h.format()).isEqualTo(e.get("format"));
        assertThat((long) h.itemsize()).isEqualTo(e.get("itemsize"));
        assertThat(h.shape()).isEqualTo(longs(e.get("shape")));
        assertThat(h.fortranOrder()).isEqualTo(e.get("fortran_order"));
        assertThat(new long[] {h.majorVersion(), h.minorVersion()}).isEqualTo(longs(e.get("version")));
        assertThat(h.dataOffset()).isEqualTo(e.get("data_offset"));

        try (MemoryView v = Npy.read(DIR.resolve(file))) {
            assertThat(v.readonly()).isTrue();
            assertThat(v.format()).isEqualTo(e.get("format"));
            assertThat(v.shape()).isEqualTo(h.shape());
            assertThat(v.obj()).isEqualTo(h);
            long n = Arrays.stream(h.shape()).reduce(1, Math::multiplyExact);
            assertThat(v.nbytes()).isEqualTo(n * h.itemsize());
            if (h.ndim() > 1 && n > 1) {
                assertThat(v.fContiguous()).as("Fortran layout").isEqualTo(h.fortranOrder());
                assertThat(v.cContiguous()).as("C layout").isEqualTo(!h.fortranOrder());
            }
            Object want = PyValues.decode(e.get("values"));
            Object got = v.ndim() == 0 ? v.get() : v.toList();
            assertThat(PyValues.same(got, want)).as("values of %s: got %s, NumPy has %s", file, PyValues.show(got),
                    PyValues.show(want)).isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void writesBackNumpysOwnBytesOrTheSameArray(String file, @TempDir Path tmp) throws IOException {
        Map<String, Object> e = expected(file);
        Path out = tmp.resolve(file);
        try (MemoryView v = Npy.read(DIR.resolve(file))) {
            Npy.write(out, v);
        }
        byte[] numpy = Files.readAllBytes(DIR.resolve(file));
        byte[] ours = Files.readAllBytes(out);
        if ((Boolean) e.get("identical")) {
            assertThat(ours).as("%s written back", file).isEqualTo(numpy);
        } else {
            // NumPy wrote this file with a forced header version; numpy.save itself (and memview) pick 1.0. The
            // array must be the same: header fields and data bytes. numpyLoadsEveryFileMemviewWrites checks NumPy.
            NpyHeader a = Npy.readHeader(DIR.resolve(file));
            NpyHeader b = Npy.readHeader(out);
            assertThat(b.majorVersion()).isEqualTo(1);
            assertThat(b.descr()).isEqualTo(a.descr());
            assertThat(b.shape()).isEqualTo(a.shape());
            assertThat(b.fortranOrder()).isEqualTo(a.fortranOrder());
            assertThat(Arrays.copyOfRange(ours, (int) b.dataOffset(), ours.length))
                    .isEqualTo(Arrays.copyOfRange(numpy, (int) a.dataOffset(), numpy.length));
        }
        assertThat(tmp.toFile().list()).as("no temporary file left").containsExactly(file);
    }

    @Test
    void writesANonContiguousSelectionInCOrderAsNumpySaveDoes(@TempDir Path tmp) throws IOException {
        try (MemoryView grid = Npy.read(DIR.resolve("grid_c.npy"))) {
            Npy.write(tmp.resolve("s.npy"), grid.select("1:, ::2"));
            Npy.write(tmp.resolve("t.npy"), grid.transpose());
        }
        // gen_npy.py saved grid[1:, ::2] and grid.T with numpy.save
        assertThat(Files.readAllBytes(tmp.resolve("s.npy"))).isEqualTo(Files.readAllBytes(DIR.resolve("grid_slice.npy")));
        assertThat(Files.readAllBytes(tmp.resolve("t.npy"))).isEqualTo(Files.readAllBytes(DIR.resolve("grid_t.npy")));
    }

    @Test
    void aFormatWithoutAFileBehindItGetsNumpysDefaultDescr() {
        // Independent reasoning: numpy.dtype('<i4').str is '<i4'; a native 'ci' struct has c at 0, 3 pad bytes, i at
        // 4 (x86-64 and aarch64 align int to 4); NumPy names unnamed fields f0, f1 and pads ('', '|Vn').
        MemoryView ints = MemoryView.of(new int[] {1, 2, 3});
        assertThat(Npy.headerFor(ints).descr()).isEqualTo("<i4");
        MemoryView rec = MemoryView.of(new byte[16]).cast("B").cast("ci");
        assertThat(Npy.headerFor(rec).descr()).isEqualTo("[('f0', '|S1'), ('', '|V3'), ('f1', '<i4')]");
        MemoryView be = MemoryView.of(new byte[16]).cast(">hfh");
        assertThat(Npy.headerFor(be).descr()).isEqualTo("[('f0', '>i2'), ('f1', '>f4'), ('f2', '>i2')]");
        assertThat(Npy.headerFor(MemoryView.of(new byte[6]).cast("3s")).descr()).isEqualTo("|S3");
        assertThat(Npy.headerFor(MemoryView.of(new byte[4]).cast("?")).descr()).isEqualTo("|b1");
        assertThatThrownBy(() -> Npy.headerFor(MemoryView.of(new byte[4]).cast("4p")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Pascal string");
    }

    @Test
    void numpyLoadsEveryFileMemviewWrites(@TempDir Path tmp) throws IOException {
        var python = CPython.withNumpy();
        Assumptions.assumeTrue(python.isPresent(), CPython.MISSING);
        List<String> pairs = new ArrayList<>();
        for (Map<String, Object> c : CASES) {
            String file = (String) c.get("file");
            try (MemoryView v = Npy.read(DIR.resolve(file))) {
                Npy.write(tmp.resolve(file), v);
            }
            pairs.add(DIR.resolve(file) + "\t" + tmp.resolve(file));
        }
        // Views with no file behind them: NumPy must load what their formats say.
        Npy.write(tmp.resolve("ints.npy"), MemoryView.of(new int[] {1, -2, 3}));
        Npy.write(tmp.resolve("rec.npy"), MemoryView.of(new byte[] {'a', 0, 0, 0, 7, 0, 0, 0}).cast("B").cast("ci"));
        Npy.write(tmp.resolve("colums.npy"), MemoryView.of(new short[] {1, 2, 3, 4, 5, 6}).cast("B").cast("h", 2, 3)
                .select(":, 1:"));
        String script = """
                import sys, numpy as np
                bad = 0
                for line in sys.stdin.read().splitlines():
                    a, b = line.split('\\t')
                    x, y = np.load(a, max_header_size=10**6), np.load(b, max_header_size=10**6)
                    if x.dtype != y.dtype or x.shape != y.shape or x.tobytes() != y.tobytes():
                        print('differs:', a, x.dtype, y.dtype, x.shape, y.shape); bad += 1
                for name, want in [('ints', np.array([1, -2, 3], '<i4')),
                                   ('colums', np.array([[2, 3], [5, 6]], '<i2'))]:
                    y = np.load(sys.argv[1] + '/' + name + '.npy')
                    if y.dtype != want.dtype or not np.array_equal(y, want):
                        print('differs:', name, y.dtype, y); bad += 1
                r = np.load(sys.argv[1] + '/rec.npy')
                if r.dtype.names != ('f0', 'f1') or r.dtype.itemsize != 8 or r[0]['f0'] != b'a' or r[0]['f1'] != 7:
                    print('differs: rec', r.dtype, r); bad += 1
                print('checked', bad)
                """;
        CPython.Result r = CPython.run(python.get(), List.of("-c", script, tmp.toString()), String.join("\n", pairs), 120);
        assertThat(r.stderr()).isEmpty();
        assertThat(r.stdout()).isEqualTo("checked 0\n");
        assertThat(r.exit()).isZero();
    }

    @Test
    void aWritableMappingWritesThroughToTheFile(@TempDir Path tmp) throws IOException {
        Path f = tmp.resolve("g.npy");
        Files.copy(DIR.resolve("cube_be_c.npy"), f);
        try (MemoryView v = Npy.map(f, true)) {
            assertThat(v.readonly()).isFalse();
            v.set(new long[] {1, 2, 3}, -5);
        }
        try (MemoryView v = Npy.read(f)) {
            assertThat(v.get(1, 2, 3)).isEqualTo(-5L);
            assertThat(v.get(1, 2, 2)).isEqualTo(22L); // np.arange(24).reshape(2, 3, 4)[1, 2, 2]
        }
        // big-endian on disk: the int at [1, 2, 3] is the last one, bytes ff ff ff fb
        byte[] bytes = Files.readAllBytes(f);
        assertThat(Arrays.copyOfRange(bytes, bytes.length - 4, bytes.length))
                .containsExactly(0xff, 0xff, 0xff, 0xfb);
    }

    @Test
    void aSparseFilePastTwoGibibytesIsViewedWithoutReadingIt(@TempDir Path tmp) throws IOException {
        long n = 2_300_000_000L + 7;
        Path f = tmp.resolve("big.npy");
        String dict = "{'descr': '|u1', 'fortran_order': False, 'shape': (" + n + ",), }";
        byte[] header = header(dict, 1);
        Files.write(f, header);
        try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
            raf.setLength(header.length + n);
            raf.seek(header.length + n - 3);
            raf.write(new byte[] {7, 8, 9});
        }
        try (MemoryView v = Npy.read(f)) {
            assertThat(v.shape()).containsExactly(n);
            assertThat(v.nbytes()).isEqualTo(n);
            assertThat(v.getLong(n - 1)).isEqualTo(9);
            assertThat(v.getLong(-3 + n)).isEqualTo(7);
            assertThat(v.getLong(2_200_000_000L)).isZero();
            assertThat(v.select("-4:").toList()).isEqualTo(List.of(0L, 7L, 8L, 9L));
            MemoryView tail = v.select("-6::2");
            Npy.write(tmp.resolve("tail.npy"), tail);
            tail.release();
        }
        try (MemoryView t = Npy.read(tmp.resolve("tail.npy"))) {
            assertThat(t.toList()).isEqualTo(List.of(0L, 0L, 8L));
        }
    }

    @Test
    void createMakesAZeroFilledFileThatIsCompleteOnceReleased(@TempDir Path tmp) throws IOException {
        Path f = tmp.resolve("c.npy");
        try (MemoryView v = Npy.create(f, "<q", 2, 3)) {
            assertThat(v.readonly()).isFalse();
            assertThat(v.toList()).isEqualTo(List.of(List.of(0L, 0L, 0L), List.of(0L, 0L, 0L)));
            v.setLong(new long[] {1, 2}, -9);
        }
        NpyHeader h = Npy.readHeader(f);
        assertThat(h.descr()).isEqualTo("<i8");
        assertThat(h.shape()).containsExactly(2, 3);
        assertThat(Files.size(f)).isEqualTo(128 + 48); // a 64-aligned header (128 bytes here) and 6 items of 8 bytes
        try (MemoryView v = Npy.read(f)) {
            assertThat(v.get(1, 2)).isEqualTo(-9L);
        }
        try (MemoryView empty = Npy.create(tmp.resolve("e.npy"), "d", 0, 5)) {
            assertThat(empty.shape()).containsExactly(0, 5);
        }
        assertThatThrownBy(() -> Npy.create(tmp.resolve("x.npy"), "d", -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Npy.create(tmp.resolve("x.npy"), "3p", 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Pascal");
    }

    @Test
    void aFileCanBeRewrittenFromAViewOfItself(@TempDir Path tmp) throws IOException {
        Path f = tmp.resolve("g.npy");
        Files.copy(DIR.resolve("grid_c.npy"), f);
        try (MemoryView grid = Npy.read(f)) {
            Npy.write(f, grid.select("1:, ::2")); // the old bytes stay mapped while the new file replaces them
            assertThat(grid.getDouble(2, 3)).isEqualTo(11.0); // np.arange(12.0).reshape(3, 4)[2, 3]
            try (MemoryView again = Npy.create(f, "<i", 2)) {  // and create replaces it again, just as safely
                assertThat(grid.getDouble(0, 1)).isEqualTo(1.0);
                assertThat(again.toList()).isEqualTo(List.of(0L, 0L));
            }
        }
        assertThat(Files.readAllBytes(f)).hasSize(128 + 8);
        assertThat(tmp.toFile().list()).containsExactly("g.npy");
    }

    @Test
    void dtypeStringsBecomeTheFormatsViewsReport() {
        // NumPy's own buffer export: memoryview(np.zeros(1, '<f8')).format == 'd' on a little-endian machine
        boolean le = java.nio.ByteOrder.nativeOrder() == java.nio.ByteOrder.LITTLE_ENDIAN;
        assertThat(Npy.format("<f8")).isEqualTo(le ? "d" : "<d");
        assertThat(Npy.format(">i4")).isEqualTo(le ? ">i" : "i");
        assertThat(Npy.format("|u1")).isEqualTo("B");
        assertThat(Npy.format("|b1")).isEqualTo("?");
        assertThat(Npy.format("<f2")).isEqualTo(le ? "e" : "<e");
        assertThat(Npy.format("|S10")).isEqualTo("10s");
        assertThat(Npy.format("=u2")).isEqualTo("H");
        assertThatThrownBy(() -> Npy.format("<c16")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unsupported dtype '<c16': complex numbers have no struct format");
        assertThatThrownBy(() -> Npy.format("float64")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a valid dtype descriptor");
    }

    // ------------------------------------------------------------------------------------------- hostile files

    /** A header as NumPy lays it out: magic, version, length, the text padded with spaces to 64 bytes, newline. */
    static byte[] header(String dict, int major) {
        int lengthBytes = major == 1 ? 2 : 4;
        byte[] text = dict.getBytes(major == 3 ? java.nio.charset.StandardCharsets.UTF_8
                : java.nio.charset.StandardCharsets.ISO_8859_1);
        int hlen = text.length + 1;
        int pad = 64 - ((8 + lengthBytes + hlen) % 64);
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(8 + lengthBytes + hlen + pad)
                .order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) major, 0});
        if (major == 1) {
            b.putShort((short) (hlen + pad));
        } else {
            b.putInt(hlen + pad);
        }
        b.put(text);
        for (int k = 0; k < pad; k++) {
            b.put((byte) ' ');
        }
        b.put((byte) '\n');
        return b.array();
    }

    private static Path file(Path dir, byte[] header, int dataBytes) throws IOException {
        Path f = dir.resolve("h" + System.nanoTime() + ".npy");
        byte[] all = Arrays.copyOf(header, header.length + dataBytes);
        Files.write(f, all);
        return f;
    }

    private static void assertRefused(Path f, String... fragments) {
        assertThatThrownBy(() -> Npy.read(f)).isInstanceOf(NpyFormatException.class)
                .hasMessageStartingWith(f.toString() + ": ").hasMessageContainingAll(fragments);
    }

    @Test
    void everyTruncationOfAFileIsRefusedNeverViewed(@TempDir Path tmp) throws IOException {
        byte[] whole = Files.readAllBytes(DIR.resolve("struct_xy.npy"));
        for (int len = 0; len < whole.length; len++) {
            Path f = tmp.resolve("t.npy");
            Files.write(f, Arrays.copyOf(whole, len));
            int l = len;
            assertThatThrownBy(() -> Npy.read(f)).as("prefix of %d bytes", l).isInstanceOf(NpyFormatException.class)
                    .hasMessageContaining(len < 6 ? "" : "truncated");
        }
    }

    @Test
    void badMagicAndVersionsAreRefused(@TempDir Path tmp) throws IOException {
        byte[] good = header("{'descr': '<f8', 'fortran_order': False, 'shape': (1,), }", 1);
        byte[] magic = good.clone();
        magic[1] = 'n';
        assertRefused(file(tmp, magic, 8), "not a .npy file", "magic string");
        assertRefused(file(tmp, "PK\u0003\u0004 a zip, not an npy".getBytes(), 0), "not a .npy file");
        byte[] v4 = good.clone();
        v4[6] = 4;
        assertRefused(file(tmp, v4, 8), "unsupported .npy format version 4.0");
        byte[] huge = header("{'descr': '<f8', 'fortran_order': False, 'shape': (1,), }", 2);
        huge[8] = (byte) 0xf0; // header length 0xfffffff0: never allocated, refused at once
        huge[9] = huge[10] = huge[11] = (byte) 0xff;
        assertRefused(file(tmp, huge, 8), "the header is 4294967280 bytes long");
        byte[] v11 = good.clone();
        v11[7] = 1;
        assertRefused(file(tmp, v11, 8), "version 1.1");
    }

    @Test
    void headersThatAreNotTheLiteralDictionaryAreRefused(@TempDir Path tmp) throws IOException {
        String[][] cases = {
                {"{'descr': '<f8', 'fortran_order': False}", "correct keys", "'descr', 'fortran_order'"},
                {"{'descr': '<f8', 'fortran_order': False, 'shape': (1,), 'extra': 1}", "correct keys", "'extra'"},
                {"[1, 2, 3]", "not a dictionary"},
                {"__import__('os').system('true')", "cannot parse", "not a literal"},
                {"{'descr': '<f8', 'fortran_order': False, 'shape': (1,),", "cannot parse", "end of the header"},
                {"{'descr': '<f8, 'fortran_order': False, 'shape': (1,)}", "cannot parse"},
                {"{'descr': '<f8', 'fortran_order': 0, 'shape': (1,)}", "fortran_order is not a valid bool: 0"},
                {"{'descr': '<f8', 'fortran_order': False, 'shape': [1]}", "shape is not valid: [1]"},
                {"{'descr': '<f8', 'fortran_order': False, 'shape': (1.5,)}", "cannot parse"},
                {"{'descr': '<f8', 'fortran_order': False, 'shape': ('1',)}", "shape is not valid: ('1',)"},
                {"{'descr': '<f8', 'fortran_order': False, 'shape': (-1,)}", "negative dimension"},
                {"{'descr': 8, 'fortran_order': False, 'shape': (1,)}", "not a valid dtype descriptor: 8"},
                {"{'descr': '<f8', 'fortran_order': False, 'shape': (1,)} {}", "cannot parse", "after the literal"},
                {"{'descr': " + "[".repeat(100) + "]".repeat(100) + ", 'fortran_order': False, 'shape': (1,)}",
                 "nested more than 32"},
        };
        for (String[] c : cases) {
            assertRefused(file(tmp, header(c[0], 1), 64), Arrays.copyOfRange(c, 1, c.length));
        }
    }

    @Test
    void shapesThatOverflowOrDataShorterThanTheShapeAreRefused(@TempDir Path tmp) throws IOException {
        assertRefused(file(tmp, header("{'descr': '<f8', 'fortran_order': False, 'shape': (4611686018427387904, 4), }",
                1), 0), "overflows a 64-bit size");
        assertRefused(file(tmp, header("{'descr': '<f8', 'fortran_order': False, 'shape': (99999999999999999999,), }",
                1), 0), "too large");
        assertRefused(file(tmp, header("{'descr': '<f8', 'fortran_order': False, 'shape': (3, 4), }", 1), 95),
                "truncated", "needs 96 bytes of data but the file has 95");
        // an empty axis makes any other axis fine: no data at all
        try (MemoryView v = Npy.read(file(tmp, header(
                "{'descr': '<f8', 'fortran_order': False, 'shape': (0, 4611686018427387904), }", 1), 0))) {
            assertThat(v.nbytes()).isZero();
            assertThat(v.shape()).containsExactly(0, 4611686018427387904L);
        }
    }

    @Test
    void dtypesWithoutAStructFormatAreRefusedByName(@TempDir Path tmp) throws IOException {
        String[][] cases = {
                {"'<c16'", "unsupported dtype '<c16'", "complex"},
                {"'<M8[ns]'", "unsupported dtype '<M8[ns]'", "datetime"},
                {"'|O'", "not a valid dtype descriptor"},
                {"'|O8'", "unsupported dtype '|O8'", "Python objects"},
                {"'<U5'", "unsupported dtype '<U5'", "UCS-4"},
                {"'<f16'", "unsupported dtype '<f16'", "long double"},
                {"'<i3'", "unsupported dtype '<i3'"},
                {"[('a', '<i4'), ('b', '>i4')]", "unsupported dtype [('a', '<i4'), ('b', '>i4')]", "byte orders"},
                {"[('a', '<c8')]", "unsupported dtype [('a', '<c8')]", "complex"},
        };
        for (String[] c : cases) {
            assertRefused(file(tmp, header("{'descr': " + c[0] + ", 'fortran_order': False, 'shape': (1,), }", 1), 64),
                    Arrays.copyOfRange(c, 1, c.length));
        }
    }

    @Test
    void pythonTwoLongSuffixesAreReadInOldVersionsOnly(@TempDir Path tmp) throws IOException {
        try (MemoryView v = Npy.read(file(tmp, header("{'descr': '<i2', 'fortran_order': False, 'shape': (3L,), }", 1),
                6))) {
            assertThat(v.shape()).containsExactly(3);
        }
        assertRefused(file(tmp, header("{'descr': '<i2', 'fortran_order': False, 'shape': (3L,), }", 3), 6),
                "cannot parse");
    }

    @Test
    void aFailedWriteLeavesTheTargetAsItWas(@TempDir Path tmp) throws IOException {
        Path f = tmp.resolve("keep.npy");
        Files.writeString(f, "old");
        assertThatThrownBy(() -> Npy.write(f, MemoryView.of(new byte[4]).cast("2p")))
                .isInstanceOf(IllegalArgumentException.class);
        MemoryView released = MemoryView.of(new int[3]);
        released.release();
        assertThatThrownBy(() -> Npy.write(f, released)).isInstanceOf(IllegalStateException.class);
        assertThat(Files.readString(f)).isEqualTo("old");
        assertThat(tmp.toFile().list()).containsExactly("keep.npy");
    }
}
