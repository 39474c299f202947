package io.memview.internal;

import io.memview.Buffer;
import io.memview.BufferExporter;
import io.memview.BufferFlags;
import io.memview.Bytes;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link Exporters}: the buffer protocol of Java's memory types (DESIGN.md: {@code byte[]} exports {@code B},
 * {@code short[]} {@code h}, {@code int[]} {@code i}, {@code long[]} {@code q}, {@code float[]} {@code f},
 * {@code double[]} {@code d}, {@code char[]} {@code H}; {@code ByteBuffer} and {@code MemorySegment} bytes), the
 * refusal of everything else with CPython's message, and the direct segments of always-contiguous objects.
 */
class JavaExportersTest {

    private static void exports(Object array, String format, int itemsize, long len) {
        BufferExporter e = Exporters.of(array);
        assertThat(e).as("%s", array.getClass()).isNotNull();
        Buffer b = e.getBuffer(BufferFlags.FULL_RO);
        assertThat(b.format()).as("format of %s", array.getClass()).isEqualTo(format);
        assertThat(b.itemsize()).isEqualTo(itemsize);
        assertThat(b.len()).isEqualTo(len);
        assertThat(b.shape()).containsExactly(len / itemsize);
        assertThat(b.obj()).isSameAs(array);
        assertThat(b.readonly()).isFalse();
        Buffer acquired = Exporters.acquire(array, BufferFlags.FULL_RO);
        assertThat(acquired.format()).isEqualTo(format);
        assertThat(acquired.obj()).isSameAs(array);
    }

    @Test
    void javaArraysExportTheirElementType() {
        exports(new byte[3], "B", 1, 3);
        exports(new short[3], "h", 2, 6);
        exports(new int[3], "i", 4, 12);
        exports(new long[3], "q", 8, 24);
        exports(new float[3], "f", 4, 12);
        exports(new double[3], "d", 8, 24);
        exports(new char[3], "H", 2, 6);
        exports(ByteBuffer.allocate(5), "B", 1, 5);
        exports(MemorySegment.ofArray(new byte[7]), "B", 1, 7);
    }

    @Test
    void theExportSharesTheArraysMemory() {
        int[] a = {1, 2, 3};
        Buffer b = Exporters.acquire(a, BufferFlags.FULL);
        b.memory().set(java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED, b.offset() + 4, 42);
        assertThat(a).containsExactly(1, 42, 3);
    }

    @Test
    void anExporterIsItsOwnExporter() {
        List<Buffer> released = new ArrayList<>();
        byte[] mem = {1, 2};
        BufferExporter own = new BufferExporter() {
            @Override
            public Buffer getBuffer(int flags) {
                return Buffer.builder(MemorySegment.ofArray(mem)).obj(this).build().forRequest(flags);
            }

            @Override
            public void releaseBuffer(Buffer buffer) {
                released.add(buffer);
            }
        };
        assertThat(Exporters.of(own)).isSameAs(own);
        Buffer b = Exporters.acquire(own, BufferFlags.SIMPLE);
        Exporters.release(own, b);
        assertThat(released).containsExactly(b);
        // objects that are not exporters have nothing to release
        Exporters.release(new byte[1], b);
        assertThat(released).hasSize(1);
    }

    @Test
    void objectsWithoutABufferAreRefusedWithCPythonsMessage() {
        assertThat(Exporters.of(null)).isNull();
        assertThat(Exporters.of("text")).isNull();
        assertThat(Exporters.of(new boolean[1])).isNull();
        assertThatThrownBy(() -> Exporters.acquire(null, BufferFlags.SIMPLE)).isInstanceOf(
                IllegalArgumentException.class).hasMessage("a bytes-like object is required, not 'NoneType'");
        assertThatThrownBy(() -> Exporters.acquire("x", BufferFlags.SIMPLE))
                .hasMessage("a bytes-like object is required, not 'str'");
        assertThatThrownBy(() -> Exporters.acquire(3, BufferFlags.SIMPLE))
                .hasMessage("a bytes-like object is required, not 'java.lang.Integer'");
    }

    @Test
    void directSegmentsOfAlwaysContiguousObjects() {
        byte[] a = {1, 2, 3};
        MemorySegment s = Exporters.directSegment(a);
        assertThat(s.byteSize()).isEqualTo(3);
        assertThat(s.heapBase()).containsSame(a);
        MemorySegment seg = MemorySegment.ofArray(new byte[4]);
        assertThat(Exporters.directSegment(seg)).isSameAs(seg);
        ByteBuffer bb = ByteBuffer.wrap(new byte[] {9, 8, 7, 6}).position(1);
        MemorySegment fromBuffer = Exporters.directSegment(bb);
        assertThat(fromBuffer.byteSize()).isEqualTo(3);
        assertThat(fromBuffer.get(java.lang.foreign.ValueLayout.JAVA_BYTE, 0)).isEqualTo((byte) 8);
        MemorySegment fromBytes = Exporters.directSegment(Bytes.of((byte) 5, (byte) 6));
        assertThat(fromBytes.isReadOnly()).isTrue();
        assertThat(fromBytes.toArray(java.lang.foreign.ValueLayout.JAVA_BYTE)).containsExactly(5, 6);
        assertThat(Exporters.directSegment(new int[2])).isNull();
        assertThat(Exporters.directSegment(null)).isNull();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment n = arena.allocate(8);
            assertThat(Exporters.directSegment(n)).isSameAs(n);
        }
    }

    @Test
    void bytesAccessIsRegisteredOnFirstUse() {
        Access.BytesAccess access = Access.bytes();
        assertThat(access).isNotNull();
        Bytes b = access.wrap(new byte[] {4, 5});
        assertThat(access.array(b)).containsExactly(4, 5);
        assertThat(Access.bytes()).isSameAs(access);
    }
}
