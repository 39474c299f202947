package io.memview.internal;

import io.memview.testing.Json;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link PyFloat#repr} and {@link PyTypes#repr} against CPython 3.13's {@code repr(float)} and {@code repr(str)}, from
 * {@code golden/py_repr.json} (written by {@code tools/cpython/gen_py_repr.py}): the fixed/scientific switch at
 * {@code 1e-4}/{@code 1e16} and the neighbours of every power of ten, subnormals, specials, random bit patterns; strings
 * with both quotes, backslashes, control characters and non-ASCII text.
 */
class PyReprGoldenTest {

    private static final Map<String, Object> GOLDEN = load();

    @SuppressWarnings("unchecked")
    private static Map<String, Object> load() {
        try (InputStream in = PyReprGoldenTest.class.getResourceAsStream("/golden/py_repr.json")) {
            if (in == null) {
                throw new IllegalStateException("golden/py_repr.json is missing: run tools/cpython/gen_py_repr.py");
            }
            return (Map<String, Object>) Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void floatReprIsCPythons() {
        List<List<Object>> rows = (List<List<Object>>) GOLDEN.get("floats");
        assertThat(rows).hasSizeGreaterThan(3000);
        int checked = 0;
        for (List<Object> row : rows) {
            long bits = (Long) row.get(0);
            double x = Double.longBitsToDouble(bits);
            assertThat(PyFloat.repr(x)).as("repr of bits %016x (%s)", bits, x).isEqualTo(row.get(1));
            checked++;
        }
        assertThat(checked).isEqualTo(rows.size());
    }

    @Test
    @SuppressWarnings("unchecked")
    void strReprIsCPythons() {
        List<List<Object>> rows = (List<List<Object>>) GOLDEN.get("strs");
        assertThat(rows).hasSizeGreaterThan(200);
        for (List<Object> row : rows) {
            StringBuilder sb = new StringBuilder();
            for (Object cp : (List<Object>) row.get(0)) {
                sb.appendCodePoint(((Long) cp).intValue());
            }
            assertThat(PyTypes.repr(sb.toString())).as("repr of code points %s", row.get(0)).isEqualTo(row.get(1));
        }
    }
}
