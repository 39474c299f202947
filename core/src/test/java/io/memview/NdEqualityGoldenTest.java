package io.memview;

import io.memview.testing.Json;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link MemoryView#equals(Object)} between N-d strided views of any struct format (records and byte orders
 * included), against CPython 3.13's {@code ==} on the same layouts ({@code tools/cpython/gen_nd_equality.py}, views
 * of {@code _testbuffer} ndarrays): same values in different layouts, one item changed, another format, NaN, -0.0,
 * different shapes (CPython stops comparing shapes at a zero extent). Equal views must also hash alike.
 */
class NdEqualityGoldenTest {

    private static long[] longs(Object json) {
        return ((List<?>) json).stream().mapToLong(o -> (Long) o).toArray();
    }

    private static MemoryView view(Map<String, Object> d) {
        byte[] bytes = HexFormat.of().parseHex((String) d.get("bytes"));
        return MemoryView.of(Buffer.builder(MemorySegment.ofArray(bytes)).format((String) d.get("format"))
                .shape(longs(d.get("shape"))).strides(longs(d.get("strides"))).offset((Long) d.get("offset"))
                .build());
    }

    @Test
    @SuppressWarnings("unchecked")
    void equalsIsCPythonsEqualityOnStridedViewsOfAnyFormat() throws IOException {
        Map<String, Object> data;
        try (InputStream in = getClass().getResourceAsStream("/golden/nd_equality.json.gz")) {
            assertThat(in).as("golden/nd_equality.json.gz").isNotNull();
            data = (Map<String, Object>) Json.parse(new String(new GZIPInputStream(in).readAllBytes(),
                    StandardCharsets.UTF_8));
        }
        List<Map<String, Object>> cases = (List<Map<String, Object>>) data.get("cases");
        assertThat(cases).hasSizeGreaterThanOrEqualTo(3000);
        List<String> failures = new ArrayList<>();
        for (int k = 0; k < cases.size(); k++) {
            Map<String, Object> c = cases.get(k);
            Map<String, Object> a = (Map<String, Object>) c.get("a");
            Map<String, Object> b = (Map<String, Object>) c.get("b");
            try (MemoryView va = view(a); MemoryView vb = view(b)) {
                boolean equal = (Boolean) c.get("equal");
                String what = "case " + k + " (" + c.get("kind") + ") " + a.get("format") + " " + a.get("shape") + " "
                        + a.get("strides") + " == " + b.get("format") + " " + b.get("shape") + " " + b.get("strides");
                if (va.equals(vb) != equal) {
                    failures.add(what + ": " + va.equals(vb) + ", CPython " + equal);
                }
                if (vb.equals(va) != (Boolean) c.get("reverse")) {
                    failures.add("reversed " + what + ": " + vb.equals(va) + ", CPython " + c.get("reverse"));
                }
                if (equal && va.hashCode() != vb.hashCode()) {
                    failures.add(what + ": equal, but hash " + va.hashCode() + " != " + vb.hashCode());
                }
            } catch (RuntimeException e) {
                failures.add("case " + k + ": threw " + e);
            }
        }
        assertThat(failures).isEmpty();
    }
}
