package io.memview;

import io.memview.testing.Json;
import io.memview.testing.PyErrors;
import io.memview.testing.PyValues;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link MemoryView#select(String)}, {@link MemoryView#get(long...)} with fewer indices and N-d assignment over
 * PIL-style views (suboffsets: pointers followed per dimension), replayed against
 * {@code tools/cpython/gen_pil_select.py}, whose expectations are Python's list indexing on the logical array the
 * layout holds (NumPy cannot express suboffsets). Values and shapes are compared, and the whole array after an
 * assignment.
 */
class PilSelectGoldenTest {

    private static List<Map<String, Object>> bases;

    @SuppressWarnings("unchecked")
    static synchronized IntStream baseIndices() {
        if (bases == null) {
            try (InputStream in = PilSelectGoldenTest.class.getResourceAsStream("/golden/pil_select.json.gz")) {
                assertThat(in).as("golden/pil_select.json.gz").isNotNull();
                Map<String, Object> data = (Map<String, Object>) Json.parse(new String(
                        new GZIPInputStream(in).readAllBytes(), StandardCharsets.UTF_8));
                bases = (List<Map<String, Object>>) data.get("bases");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return IntStream.range(0, bases.size());
    }

    private static long[] longs(Object json) {
        return ((List<?>) json).stream().mapToLong(o -> (Long) o).toArray();
    }

    private static MemoryView view(Map<String, Object> base, byte[] bytes) {
        return MemoryView.of(Buffer.builder(MemorySegment.ofArray(bytes)).format((String) base.get("format"))
                .offset((Long) base.get("offset")).shape(longs(base.get("shape"))).strides(longs(base.get("strides")))
                .suboffsets(longs(base.get("suboffsets"))).build());
    }

    @ParameterizedTest
    @MethodSource("baseIndices")
    @SuppressWarnings("unchecked")
    void selectOnIndirectLayoutsIsListIndexing(int b) {
        Map<String, Object> base = bases.get(b);
        String fmt = (String) base.get("format");
        byte[] original = HexFormat.of().parseHex((String) base.get("bytes"));
        List<String> failures = new ArrayList<>();
        try (MemoryView v = view(base, original.clone())) {
            assertThat(PyValues.same(v.toList(), PyValues.decode(base.get("list")))).as("base %d tolist", b).isTrue();
            for (Map<String, Object> c : (List<Map<String, Object>>) base.get("selects")) {
                String sub = (String) c.get("sub");
                String what = "select(\"" + sub + "\")";
                if (c.containsKey("error")) {
                    Map<String, Object> err = (Map<String, Object>) c.get("error");
                    try {
                        v.select(sub).release();
                        failures.add(what + ": succeeded, expected " + err);
                    } catch (RuntimeException e) {
                        if (!PyErrors.matches((String) err.get("type"), (String) err.get("message"), e)) {
                            failures.add(what + ": threw " + e + ", expected " + err);
                        }
                    }
                    continue;
                }
                long[] shape = longs(c.get("shape"));
                Object expected = PyValues.decode(c.get("list"));
                try (MemoryView r = v.select(sub)) {
                    if (!Arrays.equals(r.shape(), shape)) {
                        failures.add(what + ": shape " + Arrays.toString(r.shape()) + ", expected "
                                + Arrays.toString(shape));
                    } else if (!PyValues.same(r.toList(), expected)) {
                        failures.add(what + ": " + PyValues.show(r.toList()) + ", expected " + PyValues.show(expected));
                    }
                } catch (RuntimeException e) {
                    failures.add(what + ": threw " + e);
                    continue;
                }
                // the same sub-view through get, when the subscript is leading integers only
                String[] parts = sub.split(",\\s*");
                if (shape.length > 0 && Arrays.stream(parts).allMatch(p -> p.matches("-?\\d+"))) {
                    long[] index = Arrays.stream(parts).mapToLong(Long::parseLong).toArray();
                    try (MemoryView g = (MemoryView) v.get(index)) {
                        if (!PyValues.same(g.toList(), expected)) {
                            failures.add("get" + Arrays.toString(index) + ": " + PyValues.show(g.toList()));
                        }
                    }
                }
                // assignment of a C-contiguous source into the sub-view
                byte[] bytes = original.clone();
                byte[] src = HexFormat.of().parseHex((String) c.get("srcBytes"));
                try (MemoryView w = view(base, bytes); MemoryView target = w.select(sub);
                     MemoryView source = MemoryView.of(Buffer.builder(MemorySegment.ofArray(src)).format("<" + fmt)
                             .shape(shape).build())) {
                    target.copyFrom(source);
                    Object after = PyValues.decode(c.get("after"));
                    if (!PyValues.same(w.toList(), after)) {
                        failures.add(what + " = src: " + PyValues.show(w.toList()) + ", expected "
                                + PyValues.show(after));
                    }
                } catch (RuntimeException e) {
                    failures.add(what + " = src: threw " + e);
                }
            }
        }
        assertThat(failures).as("base %d %s shape %s strides %s suboffsets %s", b, fmt, base.get("shape"),
                base.get("strides"), base.get("suboffsets")).isEmpty();
    }
}
