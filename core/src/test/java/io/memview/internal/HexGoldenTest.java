package io.memview.internal;

import io.memview.testing.Json;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link Hex} against CPython 3.13's {@code bytes.hex(sep, bytes_per_sep)}, from {@code golden/hex.json} (written by
 * {@code tools/cpython/gen_hex.py}): every length up to 40 and a few longer, groups from the right and the left,
 * groups as large as the data or larger, every byte value; the refused separators with CPython's messages. The data
 * sits at an odd offset of a larger segment, whose other bytes must not show.
 */
class HexGoldenTest {

    private static final Map<String, Object> GOLDEN = load();

    @SuppressWarnings("unchecked")
    private static Map<String, Object> load() {
        try (InputStream in = HexGoldenTest.class.getResourceAsStream("/golden/hex.json")) {
            if (in == null) {
                throw new IllegalStateException("golden/hex.json is missing: run tools/cpython/gen_hex.py");
            }
            return (Map<String, Object>) Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void hexIsCPythons() {
        List<List<Object>> cases = (List<List<Object>>) GOLDEN.get("cases");
        assertThat(cases).hasSizeGreaterThan(250);
        for (List<Object> c : cases) {
            byte[] data = HexFormat.of().parseHex((String) c.get(0));
            byte[] padded = new byte[data.length + 8];
            java.util.Arrays.fill(padded, (byte) 0xa5);
            System.arraycopy(data, 0, padded, 3, data.length);
            String sep = (String) c.get(1);
            int per = ((Long) c.get(2)).intValue();
            int sepChar = sep == null ? -1 : Hex.separator(sep);
            assertThat(Hex.hex(MemorySegment.ofArray(padded), 3, data.length, sepChar, per))
                    .as("%s.hex(%s, %d)", c.get(0), sep, per).isEqualTo(c.get(3));
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void refusedSeparatorsHaveCPythonsMessages() {
        for (List<Object> s : (List<List<Object>>) GOLDEN.get("seps")) {
            assertThatThrownBy(() -> Hex.separator((String) s.get(0))).as("sep %s", s.get(0))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage((String) s.get(1));
        }
        assertThat(Hex.separator(":")).isEqualTo(':');
        assertThat(Hex.separator("\u007f")).isEqualTo(0x7f);
        assertThatThrownBy(() -> Hex.separator(null)).hasMessage("object of type 'NoneType' has no len()");
    }

    @Test
    void hexLongerThanAJavaStringIsRefusedBeforeReadingMemory() {
        MemorySegment tiny = MemorySegment.ofArray(new byte[4]);
        // MAX_BYTES + 1 bytes: two digits each would not fit in a string
        assertThatThrownBy(() -> Hex.hex(tiny, 0, Hex.MAX_BYTES + 1, -1, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("hex() of " + (Hex.MAX_BYTES + 1) + " bytes would be longer than a Java string can hold");
        // MAX_BYTES bytes fit without separators (2 * MAX_BYTES <= Integer.MAX_VALUE - 8), not with one per byte
        assertThatThrownBy(() -> Hex.hex(tiny, 0, Hex.MAX_BYTES, ':', 1))
                .hasMessage("hex() of " + Hex.MAX_BYTES + " bytes would be longer than a Java string can hold");
        assertThat(Hex.MAX_BYTES).isEqualTo((Integer.MAX_VALUE - 8) / 2);
    }

    @Test
    void hexLargerThanTheHeapIsRefusedWithItsSize() {
        long max = Runtime.getRuntime().maxMemory();
        long n = max / 4 + 1; // 2 * (2 * n) bytes > max
        Assumptions.assumeTrue(n <= Hex.MAX_BYTES, "the heap (" + max + " bytes) can hold any hex string");
        MemorySegment tiny = MemorySegment.ofArray(new byte[4]);
        assertThatThrownBy(() -> Hex.hex(tiny, 0, n, -1, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("hex() of " + n + " bytes does not fit in the Java heap (" + max + " bytes at most)");
    }

    @Test
    void theLongestHexAStringCanHoldIsOnlyRefusedForTheHeap() {
        long max = Runtime.getRuntime().maxMemory();
        Assumptions.assumeTrue(max < 4L * Hex.MAX_BYTES, "the heap (" + max + " bytes) could hold it");
        MemorySegment tiny = MemorySegment.ofArray(new byte[4]);
        // MAX_BYTES bytes without separators: 2 * MAX_BYTES characters fit in a string (not in this heap)
        assertThatThrownBy(() -> Hex.hex(tiny, 0, Hex.MAX_BYTES, -1, 1))
                .hasMessage("hex() of " + Hex.MAX_BYTES + " bytes does not fit in the Java heap (" + max
                        + " bytes at most)");
        // n = 715827880 with a separator after every byte: 3n - 1 = Integer.MAX_VALUE - 8 characters, the most a
        // string can hold
        long n = 715_827_880L;
        assertThat(3 * n - 1).isEqualTo(Integer.MAX_VALUE - 8);
        assertThatThrownBy(() -> Hex.hex(tiny, 0, n, ':', 1))
                .hasMessage("hex() of " + n + " bytes does not fit in the Java heap (" + max + " bytes at most)");
    }

    @Test
    void aNulSeparatorIsASeparator() {
        // Python: b'\x01\x02\x03'.hex('\x00') == '01\x0002\x0003'
        MemorySegment m = MemorySegment.ofArray(new byte[] {1, 2, 3});
        assertThat(Hex.hex(m, 0, 3, Hex.separator("\0"), 1)).isEqualTo("01\u000002\u000003");
    }

    @Test
    void emptyHexIsEmptyWithAnySeparator() {
        MemorySegment none = MemorySegment.ofArray(new byte[0]);
        assertThat(Hex.hex(none, 0, 0, ':', 2)).isEmpty();
        assertThat(Hex.hex(none, 0, 0, -1, 1)).isEmpty();
    }

    @Test
    void noSeparatorIgnoresTheGroupSize() {
        MemorySegment m = MemorySegment.ofArray(new byte[] {1, 2, 3});
        assertThat(Hex.hex(m, 0, 3, -1, 1)).isEqualTo("010203");
        assertThat(Hex.hex(m, 0, 3, -1, -2)).isEqualTo("010203");
    }
}
