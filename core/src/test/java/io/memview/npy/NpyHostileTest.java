package io.memview.npy;

import io.memview.MemoryView;
import io.memview.testing.Hostile;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.random.RandomGenerator;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile {@code .npy} files: headers written by hand with random and mutated dictionaries (descriptors, shapes
 * with negative, huge, overflowing or too many extents, bad {@code fortran_order}), random byte flips in the preamble
 * and header, and truncation at any length. {@link Npy#read} must either give a view whose bytes are exactly the
 * file's data region (checked against the file), or refuse with an {@link IOException} (a
 * {@link NpyFormatException} for a bad file) whose message is its own; never anything else.
 */
class NpyHostileTest {

    static LongStream seeds() {
        return LongStream.range(0, 4);
    }

    private static final String[] DESCRS = {"<i4", ">i4", "|u1", "|i1", "<f8", ">f4", "<f2", "|b1", "<u8", "<i8",
        "|S3", "|S0", "<U2", "|O", "<c16", "|V8", "<i9", "<x4", "i4", "", "<<i4", "<i4 ", "=i2", "|V0", "<M8[s]"};

    static String dict(RandomGenerator r) {
        String descr = r.nextInt(12) == 0 ? "'" + FormatEscape.garbage(r) + "'" : "'" + DESCRS[r.nextInt(DESCRS.length)]
                + "'";
        String fortran = new String[] {"False", "True", "False", "1", "None", "false"}[r.nextInt(6)];
        int ndim = r.nextInt(20) == 0 ? r.nextInt(60, 70) : r.nextInt(0, 4);
        StringBuilder shape = new StringBuilder("(");
        for (int d = 0; d < ndim; d++) {
            long e = switch (r.nextInt(12)) {
                case 0 -> -1;
                case 1 -> Long.MAX_VALUE;
                case 2 -> 1L << 40;
                case 3 -> 0;
                default -> ndim > 8 ? 1 : r.nextInt(1, 5);
            };
            shape.append(e).append(d == 0 || r.nextInt(4) > 0 ? "," : "").append(d < ndim - 1 ? " " : "");
        }
        if (r.nextInt(15) == 0) {
            shape.append("99999999999999999999999,");
        }
        shape.append(")");
        String[] entries = {"'descr': " + descr, "'fortran_order': " + fortran, "'shape': " + shape};
        if (r.nextInt(6) == 0) {
            // a missing, repeated or unknown key
            int k = r.nextInt(3);
            entries[k] = switch (r.nextInt(3)) {
                case 0 -> "'extra': 1";
                case 1 -> entries[(k + 1) % 3];
                default -> "'" + entries[k].substring(1, 3) + "'x': 0";
            };
        }
        return "{" + String.join(", ", entries) + (r.nextBoolean() ? ", }" : "}");
    }

    /** The file for a header text: magic, version, header length, header padded with spaces and a newline, data. */
    static byte[] file(RandomGenerator r, String header, int dataBytes) {
        int major = r.nextInt(10) == 0 ? r.nextInt(0, 5) : r.nextInt(1, 4);
        int pre = major == 1 ? 10 : 12;
        byte[] h = header.getBytes(major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        int total = (pre + h.length + 1 + 63) / 64 * 64;
        int hlen = total - pre;
        ByteBuffer b = ByteBuffer.allocate(total + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) major, 0});
        if (major == 1) {
            b.putShort((short) hlen);
        } else {
            b.putInt(hlen);
        }
        b.put(h);
        while (b.position() < total - 1) {
            b.put((byte) ' ');
        }
        b.put((byte) '\n');
        byte[] data = new byte[dataBytes];
        r.nextBytes(data);
        b.put(data);
        return b.array();
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void everyFileIsViewedExactlyOrRefusedWithAnIoException(long seed, @TempDir Path dir) throws IOException {
        Path path = dir.resolve("hostile.npy");
        Hostile.run("npy.read", seed, Hostile.cases(3_000), Hostile.budget(Duration.ofSeconds(3)), (r, t) -> {
            byte[] bytes = file(r, dict(r), r.nextInt(0, 200));
            switch (r.nextInt(4)) {
                case 0 -> { // flip bytes in the preamble and header
                    for (int k = r.nextInt(1, 4); k > 0; k--) {
                        bytes[r.nextInt(Math.min(bytes.length, 140))] = (byte) r.nextInt();
                    }
                }
                case 1 -> bytes = Arrays.copyOf(bytes, r.nextInt(0, bytes.length + 1)); // truncated anywhere
                default -> { }
            }
            Files.write(path, bytes);
            String ctx = "file " + new String(bytes, 0, Math.min(bytes.length, 160), StandardCharsets.ISO_8859_1);
            MemoryView v;
            try {
                v = Npy.read(path);
            } catch (IOException | IllegalArgumentException e) {
                Hostile.checkRefusal(e, ctx, NpyFormatException.class);
                t.count("refused: NpyFormatException");
                return;
            }
            try (v) {
                NpyHeader h = Npy.readHeader(path);
                assertThat(v.shape()).as(ctx).isEqualTo(h.shape());
                assertThat(h.dataOffset() + v.nbytes()).as(ctx + " data inside the file").isLessThanOrEqualTo(
                        bytes.length);
                if (v.nbytes() <= 4096) {
                    byte[] data = Arrays.copyOfRange(bytes, (int) h.dataOffset(), (int) (h.dataOffset() + v.nbytes()));
                    byte[] got = v.toBytes(h.fortranOrder() ? 'F' : 'C');
                    assertThat(got).as(ctx + " the view's bytes are the file's data").isEqualTo(data);
                    t.count("accepted, bytes verified");
                } else {
                    t.count("accepted, large");
                }
            }
        });
    }

    /** Garbage for descriptors, from the format suite's alphabet. */
    private static final class FormatEscape {
        static String garbage(RandomGenerator r) {
            StringBuilder sb = new StringBuilder();
            String alphabet = "<>|=iufcbSUVOMm0123456789[]'\\\"{}():, é\u0000";
            for (int k = r.nextInt(0, 6); k > 0; k--) {
                sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
            }
            return sb.toString();
        }
    }
}
