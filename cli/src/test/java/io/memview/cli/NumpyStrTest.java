package io.memview.cli;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code memview inspect} prints values as NumPy's {@code str(array)} does: checked against NumPy's own output for
 * every file of the corpus ({@code numpy_str} in {@code core/src/test/resources/npy/expected.json}, written by
 * {@code tools/cpython/gen_npy.py}).
 */
class NumpyStrTest {
    static final Path DIR = Path.of("..", "core", "src", "test", "resources", "npy");

    /**
     * Known differences, by design. memview's record items are flat struct tuples: nested records and sub-arrays are
     * flattened into one tuple where NumPy nests them, and a record of one value is that value. Void ({@code 'V'})
     * items are bytes ({@code '4s'}), shown as Python bytes.
     */
    static final Map<String, String> KNOWN = Map.of(
            "struct_nested.npy", "[(1, 2, 3.) (4, 5, 6.)]",
            "struct_subarray.npy", "[(1., 2., 3., 7) (4., 5., 6., 8)]",
            "struct_one_field.npy", "[5 6]",
            "v4.npy", "[b'\\x00\\x01\\x02\\x03' b'\\x04\\x05\\x06\\x07' b'\\x08\\t\\n\\x0b']");

    static Stream<String> files() throws IOException {
        String json = Files.readString(DIR.resolve("expected.json"));
        return Pattern.compile("\"file\": \"([^\"]+)\"").matcher(json).results().map(m -> m.group(1));
    }

    static String numpyStr(String file) throws IOException {
        String json = Files.readString(DIR.resolve("expected.json"));
        int at = json.indexOf("\"file\": \"" + file + "\"");
        assertThat(at).isNotNegative();
        String key = "\"numpy_str\": \"";
        int start = json.indexOf(key, at) + key.length();
        int end = start;
        while (json.charAt(end) != '"') {
            end += json.charAt(end) == '\\' ? 2 : 1;
        }
        return unescape(json.substring(start, end));
    }

    private static String unescape(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\') {
                b.append(c);
                continue;
            }
            char e = s.charAt(++i);
            switch (e) {
                case 'n' -> b.append('\n');
                case 't' -> b.append('\t');
                case 'u' -> {
                    b.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                default -> b.append(e);
            }
        }
        return b.toString();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void inspectPrintsWhatNumpyPrints(String file) throws IOException {
        CliTest.Run r = CliTest.run("inspect", DIR.resolve(file).toString());
        assertThat(r.status()).as(r.err()).isZero();
        String want = KNOWN.getOrDefault(file, numpyStr(file));
        assertThat(r.values()).as(file).isEqualTo(want);
    }
}
