package io.memview;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code readFrom} fills any view's items in C order from a channel, streaming, and stops cleanly on a short read. */
class ReadFromTest {

    private static ReadableByteChannel channel(byte[] bytes) {
        return Channels.newChannel(new ByteArrayInputStream(bytes));
    }

    private static byte[] counting(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 7 + 1);
        }
        return b;
    }

    @Test
    void aStridedViewIsFilledInCOrderAndNothingElseChanges() throws IOException {
        byte[] memory = new byte[6 * 8];
        Arrays.fill(memory, (byte) -1);
        MemoryView grid = MemoryView.of(memory).cast("B", 6, 8);
        MemoryView part = grid.select("::2, 1:7:2");                  // rows 0, 2, 4; columns 1, 3, 5
        byte[] in = counting(9);
        assertThat(part.readFrom(channel(in))).isEqualTo(9);
        assertThat(part.toBytes()).isEqualTo(in);
        for (int r = 0; r < 6; r++) {
            for (int c = 0; c < 8; c++) {
                boolean inside = r % 2 == 0 && c % 2 == 1 && c < 7;
                if (!inside) {
                    assertThat(memory[r * 8 + c]).as("byte at row %d column %d", r, c).isEqualTo((byte) -1);
                }
            }
        }
    }

    @Test
    void aShortChannelStoresOnlyTheWholeItemsThatArrived() throws IOException {
        int[] data = new int[8];
        Arrays.fill(data, -1);
        MemoryView v = MemoryView.of(data).select("::-2");              // items 7, 5, 3, 1, in that order
        byte[] in = counting(10);                                      // two whole ints and half of a third
        assertThat(v.readFrom(channel(in))).isEqualTo(10);
        MemoryView firstTwo = MemoryView.of(data).select("7:4:-2");
        assertThat(firstTwo.toBytes()).isEqualTo(Arrays.copyOf(in, 8));
        assertThat(data[3]).isEqualTo(-1);                               // the half item is not stored
        assertThat(data[1]).isEqualTo(-1);
        assertThat(data[0]).isEqualTo(-1);
        assertThat(data[6]).isEqualTo(-1);
    }

    @Test
    void rowsLargerThanTheStagingBufferStreamRowByRow() throws IOException {
        // two rows of 300,000 ints (1.2 MB each, more than the 1 MiB staging buffer), every other column
        int cols = 600_000;
        int[] data = new int[2 * cols];
        MemoryView v = MemoryView.of(data).cast("B").cast("i", 2, cols).select(":, ::2");
        byte[] in = counting(2 * (cols / 2) * 4);
        assertThat(v.readFrom(channel(in))).isEqualTo(in.length);
        assertThat(v.toBytes()).isEqualTo(in);
        assertThat(data[1]).isZero();
        assertThat(data[cols + 1]).isZero();
    }

    @Test
    void aZeroDimViewReadsItsOneItem() throws IOException {
        byte[] memory = new byte[8];
        MemoryView scalar = MemoryView.of(memory).cast("q", new long[0]);
        byte[] in = counting(8);
        assertThat(scalar.readFrom(channel(in))).isEqualTo(8);
        assertThat(memory).isEqualTo(in);
    }

    @Test
    void aReadOnlyViewRefusesAndReadsNothing() {
        byte[] in = counting(4);
        ByteArrayInputStream stream = new ByteArrayInputStream(in);
        MemoryView ro = MemoryView.of(new byte[4]).toReadOnly();
        assertThatThrownBy(() -> ro.readFrom(Channels.newChannel(stream)))
                .isInstanceOf(ReadOnlyMemoryException.class).hasMessage("cannot modify read-only memory");
        assertThat(stream.available()).isEqualTo(4);
    }

    @Test
    void writeToThenReadFromRoundTripsAStridedView() throws IOException {
        long[] src = new long[24];
        Arrays.setAll(src, i -> i * 1_000_003L);
        MemoryView from = MemoryView.of(src).cast("B").cast("q", 2, 3, 4).select("..., ::-1").transpose();
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        assertThat(from.writeTo(Channels.newChannel(out))).isEqualTo(24 * 8);
        long[] dst = new long[24];
        MemoryView to = MemoryView.of(dst).cast("B").cast("q", 4, 3, 2);
        assertThat(to.readFrom(channel(out.toByteArray()))).isEqualTo(24 * 8);
        assertThat(to.toList()).isEqualTo(from.toList());
    }
}
