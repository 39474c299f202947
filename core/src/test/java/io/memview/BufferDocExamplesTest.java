package io.memview;

import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The {@code {@snippet}} examples of the buffer-protocol types, run as written, with the results they claim. */
class BufferDocExamplesTest {

    @Test
    void bufferExamples() {
        Buffer b = Buffer.builder(MemorySegment.ofArray(new byte[12])).format("<H").shape(2, 3).build();
        assertThat(b.strides()).containsExactly(6, 2);

        assertThatThrownBy(() -> Buffer.builder(MemorySegment.ofArray(new byte[8])).shape(2).strides(-1).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("shape [2] and strides [-1] at offset 0 reach outside the 8-byte segment");
        Buffer reversed = Buffer.builder(MemorySegment.ofArray(new byte[8])).offset(7).shape(8).strides(-1).build();
        assertThat(reversed.len()).isEqualTo(8);

        MemorySegment m = MemorySegment.ofArray(new byte[16 + 6]);
        m.set(ValueLayout.JAVA_LONG_UNALIGNED, 0, 16);
        m.set(ValueLayout.JAVA_LONG_UNALIGNED, 8, 19);
        m.set(ValueLayout.JAVA_BYTE, 21, (byte) 42);
        Buffer pil = Buffer.builder(m).shape(2, 3).strides(8, 1).suboffsets(0, -1).build();
        assertThat(MemoryView.of(pil).getLong(1, 2)).isEqualTo(42);

        Buffer full = Buffer.builder(MemorySegment.ofArray(new int[6])).format("i").shape(2, 3).build();
        assertThat(full.forRequest(BufferFlags.FULL_RO).shape()).containsExactly(2, 3);
        assertThat(full.forRequest(BufferFlags.SIMPLE).shape()).isNull();
        assertThat(full.forRequest(BufferFlags.SIMPLE).format()).isNull();
        assertThat(full.forRequest(BufferFlags.SIMPLE).itemsize()).isEqualTo(4);

        Buffer columns = Buffer.builder(MemorySegment.ofArray(new double[6])).format("d").shape(2, 3).strides(8, 16)
                .readonly(true).build();
        assertThat(MemoryView.of(columns).fContiguous()).isTrue();
    }

    @Test
    void bufferExporterExamples() {
        ByteArray ba = ByteArray.of("abc", StandardCharsets.US_ASCII);
        BufferExporter e = ba;
        Buffer b = e.getBuffer(BufferFlags.CONTIG);
        try {
            b.memory().set(ValueLayout.JAVA_BYTE, b.offset(), (byte) 'A');
        } finally {
            e.releaseBuffer(b);
        }
        assertThat(ba.toString()).isEqualTo("bytearray(b'Abc')");
        assertThat(ba.exports()).isZero();

        record Pixels(MemorySegment rgb, long width, long height) implements BufferExporter {
            public Buffer getBuffer(int flags) {
                return Buffer.builder(rgb).format("3B").shape(height, width).obj(this).build().forRequest(flags);
            }
        }
        Pixels px = new Pixels(MemorySegment.ofArray(new byte[2 * 4 * 3]), 4, 2);
        try (MemoryView mv = MemoryView.of(px)) {
            assertThat(mv.shape()).containsExactly(2, 4);
            assertThat(mv.itemsize()).isEqualTo(3);
            assertThat(mv.obj()).isSameAs(px);
        }
    }

    @Test
    void bufferFlagsExamples() {
        Bytes b = Bytes.of((byte) 1, (byte) 2, (byte) 3);
        assertThat(MemoryView.fromFlags(b, BufferFlags.SIMPLE).readonly()).isTrue();
        assertThatThrownBy(() -> MemoryView.fromFlags(b, BufferFlags.CONTIG)).isInstanceOf(BufferError.class)
                .hasMessage("Object is not writable.");
        MemoryView strided = MemoryView.of(new byte[6]).slice(0, 6, 2);
        Buffer ok = strided.getBuffer(BufferFlags.STRIDED_RO);
        assertThat(ok.strides()).containsExactly(2);
        strided.releaseBuffer(ok);
        assertThatThrownBy(() -> strided.getBuffer(BufferFlags.CONTIG_RO)).isInstanceOf(BufferError.class)
                .hasMessage("memoryview: underlying buffer is not C-contiguous");
        assertThatThrownBy(() -> MemoryView.fromFlags(b, BufferFlags.READ))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("bad argument to internal function");
    }

    @Test
    void bytesExamples() {
        Bytes b = Bytes.of("abc", StandardCharsets.US_ASCII);
        MemoryView mv = MemoryView.of(b);
        assertThat(mv.get(0)).isEqualTo(97L);
        assertThatThrownBy(() -> mv.set(0, 65)).isInstanceOf(ReadOnlyMemoryException.class)
                .hasMessage("cannot modify read-only memory");
        assertThatThrownBy(() -> MemoryView.fromFlags(b, BufferFlags.WRITABLE)).isInstanceOf(BufferError.class)
                .hasMessage("Object is not writable.");
        Bytes h = Bytes.fromHex("61 62 00");
        assertThat(h.toString()).isEqualTo("b'ab\\x00'");
        assertThat(h.get(-1)).isZero();
        assertThat(h.hex(":")).isEqualTo("61:62:00");
    }

    @Test
    void byteArrayExamples() {
        ByteArray ba = ByteArray.allocate(4);
        MemoryView mv = MemoryView.of(ba);
        MemoryView tail = mv.slice(2, 4, 1);
        mv.release();
        assertThat(ba.exports()).isEqualTo(1);
        ba.setSlice(0, 1, new byte[] {9});
        assertThatThrownBy(() -> ba.resize(8)).isInstanceOf(BufferError.class)
                .hasMessage("Existing exports of data: object cannot be re-sized");
        tail.release();
        ba.resize(8);
        assertThat(ba.length()).isEqualTo(8);

        ByteArray abc = ByteArray.of("ABC", StandardCharsets.UTF_8);
        try (MemoryView v = MemoryView.of(abc)) {
            v.set(1, 90);
            assertThatThrownBy(() -> abc.append(0)).isInstanceOf(BufferError.class);
        }
        assertThat(abc.toString()).isEqualTo("bytearray(b'AZC')");
        abc.append('D');
        assertThat(abc.toString()).isEqualTo("bytearray(b'AZCD')");
    }

    @Test
    void typedArrayExamples() {
        TypedArray a = TypedArray.of('i', 1, 2, 3);
        try (MemoryView mv = MemoryView.of(a)) {
            mv.set(0, 10);
            assertThat(a.get(0)).isEqualTo(10L);
            assertThatThrownBy(() -> a.append(4)).isInstanceOf(BufferError.class)
                    .hasMessage("cannot resize an array that is exporting buffers");
        }
        a.append(4);
        assertThat(a.toString()).isEqualTo("array('i', [10, 2, 3, 4])");

        TypedArray h = TypedArray.of('h', 1000, 2000, 3000);
        assertThat(MemoryView.of(h).cast("B").nbytes()).isEqualTo(6);
        assertThat(h.toString()).isEqualTo("array('h', [1000, 2000, 3000])");
    }
}
