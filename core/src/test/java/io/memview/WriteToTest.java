package io.memview;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code writeTo} streams any view's bytes, whatever memory is behind it. */
class WriteToTest {

    @Test
    void aContiguousViewOfAnIntArrayStreamsItsBytes() throws IOException {
        // A heap segment over int[] has no ByteBuffer view; writeTo must still stream it.
        int[] data = {1, -2, 0x01020304};
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long n = MemoryView.of(data).writeTo(Channels.newChannel(out));
        ByteBuffer want = ByteBuffer.allocate(12).order(ByteOrder.nativeOrder());
        for (int v : data) {
            want.putInt(v);
        }
        assertThat(n).isEqualTo(12);
        assertThat(out.toByteArray()).isEqualTo(want.array());
    }

    @Test
    void aContiguousViewOfADoubleArraySliceStreamsOnlyTheSlice() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MemoryView.of(new double[] {1.0, 2.0, 3.0}).slice(1, 3, 1).writeTo(Channels.newChannel(out));
        ByteBuffer got = ByteBuffer.wrap(out.toByteArray()).order(ByteOrder.nativeOrder());
        assertThat(got.getDouble()).isEqualTo(2.0);
        assertThat(got.getDouble()).isEqualTo(3.0);
        assertThat(got.hasRemaining()).isFalse();
    }

    @Test
    void writeToStreamsAViewOverALongArray() throws IOException {
        // A long[] is exported as native-order 'q' items; a heap segment over it has no ByteBuffer view.
        long[] values = {1, 0x0102030405060708L, -1};
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MemoryView v = MemoryView.of(values)) {
            assertThat(v.writeTo(Channels.newChannel(out))).isEqualTo(24);
        }
        ByteBuffer expected = ByteBuffer.allocate(24).order(ByteOrder.nativeOrder());
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
