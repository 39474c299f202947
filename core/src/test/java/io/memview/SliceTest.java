package io.memview;

import io.memview.testing.Json;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The {@link Slice} value type: factories, notation, equality and Python's {@code slice.indices}. */
class SliceTest {

    @Test
    void factoriesLeaveOutWhatPythonLeavesOut() {
        assertThat(Slice.all()).isEqualTo(new Slice(null, null, 1));
        assertThat(Slice.of(1, 3)).isEqualTo(new Slice(1L, 3L, 1));
        assertThat(Slice.of(1L, null, -2)).isEqualTo(new Slice(1L, null, -2));
        assertThat(Slice.from(2)).isEqualTo(new Slice(2L, null, 1));
        assertThat(Slice.to(-1)).isEqualTo(new Slice(null, -1L, 1));
        assertThat(Slice.all().step(-1)).isEqualTo(new Slice(null, null, -1));
        assertThat(Slice.of(1, 5).step(2)).isEqualTo(new Slice(1L, 5L, 2));
    }

    @Test
    void sliceIsAValue() {
        assertThat(Slice.of(1, 3)).isEqualTo(Slice.of(1L, 3L, 1)).hasSameHashCodeAs(Slice.of(1L, 3L, 1));
        assertThat(Slice.of(1, 3)).isNotEqualTo(Slice.of(1, 4)).isNotEqualTo(Slice.of(1L, 3L, 2));
        assertThat(Slice.from(0)).isNotEqualTo(Slice.all()); // 0: and : select the same items but are not the same
    }

    @Test
    void toStringIsPythonsNotation() {
        assertThat(Slice.all()).hasToString(":");
        assertThat(Slice.of(1, 3)).hasToString("1:3");
        assertThat(Slice.from(2)).hasToString("2:");
        assertThat(Slice.to(-1)).hasToString(":-1");
        assertThat(Slice.all().step(-1)).hasToString("::-1");
        assertThat(Slice.of(null, null, 2)).hasToString("::2");
        assertThat(Slice.of(5L, 1L, -2)).hasToString("5:1:-2");
        assertThat(Slice.ELLIPSIS).hasToString("...");
    }

    @Test
    void everySliceSelectsWhatItsNotationSelects() {
        MemoryView m = MemoryView.of(new byte[] {0, 1, 2, 3, 4, 5, 6});
        for (Slice s : List.of(Slice.all(), Slice.of(1, 3), Slice.from(2), Slice.to(-1), Slice.all().step(-1),
                Slice.of(null, null, 2), Slice.of(5L, 1L, -2), Slice.of(-100L, 100L, 3))) {
            assertThat(m.select(s).toList()).as("%s", s).isEqualTo(m.select(s.toString()).toList());
        }
    }

    @Test
    void zeroStepIsRefusedWhenUsed() {
        Slice zero = Slice.of(null, null, 0);
        assertThatThrownBy(() -> zero.indices(3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("slice step cannot be zero");
        MemoryView m = MemoryView.of(new byte[3]);
        assertThatThrownBy(() -> m.select(zero)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("slice step cannot be zero");
        assertThatThrownBy(() -> m.select("::0")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("slice step cannot be zero");
    }

    /**
     * {@code slice(start, stop, step).indices(n)} and {@code len(range(n)[start:stop:step])} from CPython 3.13
     * ({@code tools/cpython/gen_slice_indices.py}).
     */
    @Test
    @SuppressWarnings("unchecked")
    void indicesMatchPythonsSliceIndices() throws IOException {
        Map<String, Object> data;
        try (InputStream in = getClass().getResourceAsStream("/golden/slice_indices.json")) {
            assertThat(in).as("golden/slice_indices.json").isNotNull();
            data = (Map<String, Object>) Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        List<List<Object>> rows = (List<List<Object>>) data.get("rows");
        assertThat(rows).hasSizeGreaterThan(1000);
        List<String> failures = new ArrayList<>();
        for (List<Object> row : rows) {
            long n = (Long) row.get(0);
            Long start = (Long) row.get(1);
            Long stop = (Long) row.get(2);
            Long step = (Long) row.get(3);
            Slice s = Slice.of(start, stop, step == null ? 1 : step);
            String what = "slice(" + start + ", " + stop + ", " + step + ").indices(" + n + ")";
            if (row.get(4) instanceof String message) {
                try {
                    s.indices(n);
                    failures.add(what + ": no error, expected " + message);
                } catch (IllegalArgumentException e) {
                    if (!message.equals(e.getMessage())) {
                        failures.add(what + ": " + e.getMessage() + ", expected " + message);
                    }
                }
                continue;
            }
            long[] expected = ((List<Object>) row.get(4)).stream().mapToLong(o -> (Long) o).toArray();
            long[] actual = s.indices(n);
            if (step != null && step == Long.MIN_VALUE) {
                // Known difference, by design: slice.indices() works in arbitrary precision and keeps a step of
                // -2**63, while slicing (PySlice_Unpack, which memoryview uses and memview follows) clamps a step
                // below -PY_SSIZE_T_MAX to -PY_SSIZE_T_MAX so that -step cannot overflow. The start, stop and count
                // are the same.
                expected[2] = -Long.MAX_VALUE;
            }
            if (!Arrays.equals(actual, expected)) {
                failures.add(what + ": " + Arrays.toString(actual) + ", CPython " + Arrays.toString(expected));
            }
        }
        assertThat(failures).isEmpty();
    }

    /**
     * Slicing along dimension 0 is a case CPython's memoryview has ({@code m[start:stop:step]}, any ndim): there
     * {@code select}, {@code select(Object...)} and {@code slice} give CPython's shape, strides and values, empty
     * results included (whose strides CPython keeps at stride * step, unlike NumPy).
     */
    @Test
    @SuppressWarnings("unchecked")
    void dimensionZeroSlicesAreCPythonsMemoryviewSlices() throws IOException {
        Map<String, Object> data;
        try (InputStream in = getClass().getResourceAsStream("/golden/slice_indices.json")) {
            data = (Map<String, Object>) Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        List<Map<String, Object>> views = (List<Map<String, Object>>) data.get("views");
        assertThat(views).hasSizeGreaterThan(500);
        List<String> failures = new ArrayList<>();
        for (Map<String, Object> v : views) {
            byte[] raw = java.util.HexFormat.of().parseHex((String) v.get("bytes"));
            long[] shape = ((List<Object>) v.get("shape")).stream().mapToLong(o -> (Long) o).toArray();
            String fmt = (String) v.get("format");
            MemoryView base = shape[0] == 0 ? MemoryView.of(raw).cast(fmt) : MemoryView.of(raw).cast(fmt, shape);
            List<Object> pre = (List<Object>) v.get("pre");
            if (pre != null) {
                base = base.select(Slice.of((Long) pre.get(0), (Long) pre.get(1),
                        pre.get(2) == null ? 1 : (Long) pre.get(2)));
            }
            List<Object> sl = (List<Object>) v.get("slice");
            Long start = (Long) sl.get(0);
            Long stop = (Long) sl.get(1);
            long step = sl.get(2) == null ? 1 : (Long) sl.get(2);
            Slice s = Slice.of(start, stop, step);
            long[] expectedShape = ((List<Object>) v.get("resultShape")).stream().mapToLong(o -> (Long) o).toArray();
            long[] expectedStrides = ((List<Object>) v.get("resultStrides")).stream().mapToLong(o -> (Long) o)
                    .toArray();
            Object expectedList = io.memview.testing.PyValues.decode(toPy(v.get("list")));
            MemoryView[] results = {base.select(s.toString()), base.select(s),
                    base.slice(start != null ? start : step < 0 ? Long.MAX_VALUE : Long.MIN_VALUE,
                            stop != null ? stop : step < 0 ? Long.MIN_VALUE : Long.MAX_VALUE, step)};
            String[] names = {"select(\"" + s + "\")", "select(Slice)", "slice"};
            for (int k = 0; k < results.length; k++) {
                MemoryView r = results[k];
                String what = fmt + " " + Arrays.toString(base.shape()) + " strides " + Arrays.toString(base.strides())
                        + " " + names[k] + " [" + s + "]";
                if (!Arrays.equals(r.shape(), expectedShape) || !Arrays.equals(r.strides(), expectedStrides)) {
                    failures.add(what + ": shape " + Arrays.toString(r.shape()) + " strides "
                            + Arrays.toString(r.strides()) + ", CPython " + Arrays.toString(expectedShape) + " "
                            + Arrays.toString(expectedStrides));
                } else if (!io.memview.testing.PyValues.same(r.toList(), expectedList)) {
                    failures.add(what + ": tolist " + r.toList() + ", CPython " + expectedList);
                }
            }
        }
        assertThat(failures).isEmpty();
    }

    /** The plain JSON ints of a tolist() as PyValues' encoding. */
    private static Object toPy(Object json) {
        if (json instanceof List<?> l) {
            return l.stream().map(SliceTest::toPy).toList();
        }
        return Map.of("i", json.toString());
    }
}
