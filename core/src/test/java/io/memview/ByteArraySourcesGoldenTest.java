package io.memview;

import io.memview.testing.PyErrors;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link ByteArray#extend} and {@link ByteArray#setSlice} with every kind of source, against CPython's
 * {@code bytearray.extend} and {@code ba[0:1] = src} ({@code tools/cpython/gen_bytearray_sources.py}): extend takes
 * only C-contiguous buffers, slice assignment any buffer; both take iterables of ints; a refused source leaves the
 * bytearray as it was.
 */
class ByteArraySourcesGoldenTest {

    static final Map<String, Object> GOLDEN = MemoryKinds.load("/golden/bytearray_sources.json");

    private static Bytes ascii(String s) {
        return Bytes.of(s, StandardCharsets.US_ASCII);
    }

    /** The Java counterpart of each recorded source. */
    private static final Map<String, Supplier<Object>> SOURCES = Map.ofEntries(
            Map.entry("bytes", () -> ascii("pq")),
            Map.entry("bytes-empty", () -> Bytes.of()),
            Map.entry("bytearray", () -> ByteArray.of("pq", StandardCharsets.US_ASCII)),
            Map.entry("memoryview", () -> MemoryView.of(ascii("pq"))),
            Map.entry("memoryview-strided", () -> MemoryView.of(ascii("pqrs")).slice(0, 4, 2)),
            Map.entry("memoryview-reversed", () -> MemoryView.of(ascii("pqrs")).slice(Long.MAX_VALUE, Long.MIN_VALUE,
                    -1)),
            Map.entry("memoryview-2d", () -> MemoryView.of(ascii("pqrs")).cast("B", 2, 2)),
            Map.entry("memoryview-fortran", () -> MemoryView.of(Buffer.builder(MemorySegment.ofArray(
                    "pqrs".getBytes(StandardCharsets.US_ASCII))).shape(2, 2).strides(1, 2).readonly(true).build())),
            Map.entry("memoryview-h", () -> MemoryView.of(TypedArray.of('h', 1, 2))),
            Map.entry("array-h", () -> TypedArray.of('h', 1, 2)),
            Map.entry("list", () -> List.of(1, 2L, 255)),
            Map.entry("list-empty", List::of),
            Map.entry("list-256", () -> List.of(1, 256)),
            Map.entry("list-negative", () -> List.of(1L, -1L)),
            Map.entry("none", () -> null));

    @TestFactory
    @SuppressWarnings("unchecked")
    Stream<DynamicTest> extendAndSliceAssignmentTakeEachSourceAsCPythonDoes() {
        List<Object> cases = (List<Object>) GOLDEN.get("cases");
        assertThat(cases).hasSize(SOURCES.size() * 2);
        return cases.stream().map(o -> {
            Map<String, Object> c = (Map<String, Object>) o;
            String source = (String) c.get("source");
            String op = (String) c.get("op");
            return DynamicTest.dynamicTest(op + " " + source, () -> {
                ByteArray ba = ByteArray.of("xyz", StandardCharsets.US_ASCII);
                Object src = SOURCES.get(source).get();
                Runnable call = op.equals("extend") ? () -> ba.extend(src) : () -> ba.setSlice(0, 1, src);
                if (c.containsKey("error")) {
                    List<Object> err = (List<Object>) c.get("error");
                    assertThatThrownBy(call::run).matches(t -> PyErrors.matches((String) err.get(0),
                            (String) err.get(1), t), "CPython's " + err);
                    assertThat(HexFormat.of().formatHex(ba.toByteArray())).as("unchanged").isEqualTo(c.get("after"));
                } else {
                    call.run();
                    assertThat(HexFormat.of().formatHex(ba.toByteArray())).isEqualTo(c.get("result"));
                }
                assertThat(ba.exports()).isZero();
                if (src instanceof MemoryView v) {
                    assertThat(v.toString()).as("the source view is still usable").startsWith("<memory at");
                }
            });
        });
    }
}
