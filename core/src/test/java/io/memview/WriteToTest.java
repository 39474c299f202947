package io.memview;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.channels.Channels;

import static org.assertj.core.api.Assertions.assertThat;

class WriteToTest {
    @Test
    void writeToStreamsAViewOverALongArray() throws IOException {
        // A long[] is exported as native-order 'q' items; a heap segment over it has no ByteBuffer view.
        long[] values = {1, 0x0102030405060708L, -1};
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MemoryView v = MemoryView.of(values)) {
            assertThat(v.writeTo(Channels.newChannel(out))).isEqualTo(24);
        }
        java.nio.ByteBuffer expected = java.nio.ByteBuffer.allocate(24).order(ByteOrder.nativeOrder());
        for (long x : values) {
            expected.putLong(x);
        }
        assertThat(out.toByteArray()).isEqualTo(expected.array());
    }

    @Test
    void writeToWritesTheBytesOfAByteArrayView() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MemoryView v = MemoryView.of(new byte[] {1, 2, 3, 4, 5}).slice(1, 4, 1)) {
            assertThat(v.writeTo(Channels.newChannel(out))).isEqualTo(3);
        }
        assertThat(out.toByteArray()).containsExactly(2, 3, 4);
    }
}
