package io.memview.internal.format;

import io.memview.struct.Struct;
import io.memview.testing.Json;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link NativeAbi} (read from the JDK's C ABI description) against CPython's native {@code struct} sizes and
 * alignments recorded on the machine the data came from ({@code golden/native_abi.json}, written by
 * {@code tools/cpython/gen_struct.py}). The comparison only means something on the same platform, so it is skipped
 * elsewhere with the reason.
 */
class NativeAbiTest {

    @SuppressWarnings("unchecked")
    private static Map<String, Object> golden() {
        try (InputStream in = NativeAbiTest.class.getResourceAsStream("/golden/native_abi.json")) {
            return (Map<String, Object>) Json.parse(new String(in.readAllBytes(), StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void assumeSamePlatform(Map<String, Object> g) {
        String arch = System.getProperty("os.arch");
        boolean sameArch = g.get("machine").equals(arch) || ("x86_64".equals(g.get("machine")) && "amd64".equals(arch))
                || ("aarch64".equals(g.get("machine")) && "aarch64".equals(arch));
        boolean sameOs = System.getProperty("os.name").startsWith((String) g.get("system"));
        Assumptions.assumeTrue(sameArch && sameOs, "native ABI data is from " + g.get("system") + "/"
                + g.get("machine") + ", this is " + System.getProperty("os.name") + "/" + arch);
    }

    @Test
    void nativeSizesAndAlignmentsAreCPythons() {
        Map<String, Object> g = golden();
        assumeSamePlatform(g);
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> codes = (Map<String, Map<String, Object>>) g.get("codes");
        assertThat(codes).hasSize(18);
        codes.forEach((code, v) -> {
            char c = code.charAt(0);
            long size = (Long) v.get("size");
            long align = (Long) v.get("align");
            assertThat(Format.itemSize(c, true)).as("size of native %s", code).isEqualTo(size);
            assertThat(Format.alignment(c)).as("alignment of native %s", code).isEqualTo(align);
            // and through the public API, as CPython measured them
            assertThat(Struct.calcsize("@" + c)).as("calcsize('@%s')", code).isEqualTo(size);
            assertThat(Struct.calcsize("c" + c) - size).as("padding before %s after a char", code).isEqualTo(align);
        });
        assertThat(NativeAbi.ORDER).isEqualTo("little".equals(g.get("byteorder"))
                ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
    }

    @Test
    void constantsMatchTheirCTypes() {
        Map<String, Object> g = golden();
        assumeSamePlatform(g);
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> codes = (Map<String, Map<String, Object>>) g.get("codes");
        record C(String code, int size, int align) {}
        for (C c : new C[] {
                new C("h", NativeAbi.SHORT_SIZE, NativeAbi.SHORT_ALIGN), new C("i", NativeAbi.INT_SIZE, NativeAbi.INT_ALIGN),
                new C("l", NativeAbi.LONG_SIZE, NativeAbi.LONG_ALIGN),
                new C("q", NativeAbi.LONG_LONG_SIZE, NativeAbi.LONG_LONG_ALIGN),
                new C("n", NativeAbi.SIZE_T_SIZE, NativeAbi.SIZE_T_ALIGN),
                new C("P", NativeAbi.POINTER_SIZE, NativeAbi.POINTER_ALIGN),
                new C("?", NativeAbi.BOOL_SIZE, NativeAbi.BOOL_ALIGN),
                new C("f", NativeAbi.FLOAT_SIZE, NativeAbi.FLOAT_ALIGN),
                new C("d", NativeAbi.DOUBLE_SIZE, NativeAbi.DOUBLE_ALIGN)}) {
            assertThat((long) c.size).as("size of %s", c.code).isEqualTo(codes.get(c.code).get("size"));
            assertThat((long) c.align).as("alignment of %s", c.code).isEqualTo(codes.get(c.code).get("align"));
        }
    }
}
