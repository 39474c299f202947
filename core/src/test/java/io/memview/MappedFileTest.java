package io.memview;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@link MemoryView#map(Path, boolean)}: files past 4 GiB (a sparse 5 GiB file read, written, sliced and cast at
 * offsets beyond 2^32, the bytes checked through a {@link FileChannel}), read-only mappings refusing writes, writable
 * mappings of read-only files failing clearly, and unmapping when the last view is released.
 */
class MappedFileTest {

    private static final long GIB = 1L << 30;
    private static final long SIZE = 5 * GIB;
    private static final long FOUR_GIB = 4 * GIB;

    /** A sparse file of {@code size} bytes, or the test is skipped with the reason. */
    private static Path sparse(Path dir, long size) throws IOException {
        Path p = dir.resolve("sparse.bin");
        long usable = Files.getFileStore(dir).getUsableSpace();
        assumeTrue(usable > 256L << 20, "the file system has only " + usable + " bytes free; the sparse file needs "
                + "a few pages (plus room for the file system's own metadata)");
        try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
            f.setLength(size);
        } catch (IOException e) {
            assumeTrue(false, "cannot make a " + size + "-byte sparse file here: " + e);
        }
        return p;
    }

    private static byte readByte(FileChannel ch, long position) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(1);
        assertThat(ch.read(b, position)).isEqualTo(1);
        return b.get(0);
    }

    private static long readLongLE(FileChannel ch, long position) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(ch.read(b, position)).isEqualTo(8);
        return b.getLong(0);
    }

    @Test
    void aFiveGibSparseFileIsReadWrittenSlicedAndCastBeyondFourGib(@TempDir Path dir) throws IOException {
        Path p = sparse(dir, SIZE);
        long at = FOUR_GIB + 4097; // past 2^32, not page-aligned
        try (MemoryView mv = MemoryView.map(p, true)) {
            assertThat(mv.nbytes()).isEqualTo(SIZE);
            assertThat(mv.length()).isEqualTo(SIZE);
            assertThat(mv.shape()).containsExactly(SIZE);
            assertThat(mv.format()).isEqualTo("B");
            assertThat(mv.readonly()).isFalse();
            assertThat(mv.getLong(SIZE - 1)).as("a hole reads as zeros").isZero();
            assertThat(mv.get(-1L)).isEqualTo(0L);

            // items past 4 GiB, by positive and negative index
            mv.setLong(at, 0xAB);
            mv.set(SIZE - 1, 0x5A);
            mv.setLong(-2, 0x11);
            assertThat(mv.getLong(at)).isEqualTo(0xAB);
            assertThat(mv.get(SIZE - 1)).isEqualTo(0x5AL);

            // slices starting past 4 GiB, forward and backward
            try (MemoryView s = mv.slice(at - 10, at + 10, 1);
                 MemoryView back = mv.slice(SIZE - 1, FOUR_GIB, -1);
                 MemoryView sel = mv.select(at + ":" + (at + 3))) {
                assertThat(s.length()).isEqualTo(20);
                assertThat(s.getLong(10)).isEqualTo(0xAB);
                s.setLong(11, 0xCD);
                assertThat(back.length()).isEqualTo(GIB - 1);
                assertThat(back.getLong(0)).isEqualTo(0x5A);
                assertThat(back.getLong(1)).isEqualTo(0x11);
                assertThat(back.getLong(back.length() - 1 - (at - FOUR_GIB - 1))).isEqualTo(0xAB);
                assertThat(sel.toBytes()).containsExactly(0xAB, 0xCD, 0);
            }

            // casts: the whole file as 8-byte integers, and as a 5 x 1 GiB matrix
            try (MemoryView q = mv.cast("q"); MemoryView m = mv.cast("B", 5, GIB)) {
                assertThat(q.length()).isEqualTo(SIZE / 8);
                long last = q.length() - 1;
                assertThat(q.getLong(last)).isEqualTo(0x5A11L << 48);
                q.setLong(last - 1, 0x0102030405060708L);
                assertThat(m.shape()).containsExactly(5, GIB);
                assertThat(m.strides()).containsExactly(GIB, 1);
                assertThat(m.getLong(4, GIB - 1)).isEqualTo(0x5A);
                assertThat(m.getLong(4, at - FOUR_GIB)).isEqualTo(0xAB);
                m.setLong(4, 0, 0x77);
                try (MemoryView row = (MemoryView) m.get(4L)) {
                    assertThat(row.length()).isEqualTo(GIB);
                    assertThat(row.getLong(at - FOUR_GIB + 1)).isEqualTo(0xCD);
                }
            }
        }
        // the writes are in the file, read back without any mapping
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
            assertThat(ch.size()).isEqualTo(SIZE);
            assertThat(readByte(ch, at)).isEqualTo((byte) 0xAB);
            assertThat(readByte(ch, at + 1)).isEqualTo((byte) 0xCD);
            assertThat(readByte(ch, at - 1)).isZero();
            assertThat(readByte(ch, SIZE - 1)).isEqualTo((byte) 0x5A);
            assertThat(readByte(ch, SIZE - 2)).isEqualTo((byte) 0x11);
            assertThat(readByte(ch, FOUR_GIB)).isEqualTo((byte) 0x77);
            assertThat(readLongLE(ch, SIZE - 16)).isEqualTo(0x0102030405060708L);
        }
    }

    @Test
    void aFiveGibFileMappedReadOnlyRefusesWritesPastFourGib(@TempDir Path dir) throws IOException {
        Path p = sparse(dir, SIZE);
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(new byte[] {42}), SIZE - 3);
        }
        try (MemoryView mv = MemoryView.map(p, false)) {
            assertThat(mv.readonly()).isTrue();
            assertThat(mv.getLong(SIZE - 3)).isEqualTo(42);
            assertThatThrownBy(() -> mv.setLong(SIZE - 3, 1)).isInstanceOf(ReadOnlyMemoryException.class)
                    .hasMessage("cannot modify read-only memory");
            assertThatThrownBy(() -> mv.set(FOUR_GIB + 1, 1L)).isInstanceOf(ReadOnlyMemoryException.class);
            assertThatThrownBy(() -> mv.getBuffer(BufferFlags.WRITABLE)).isInstanceOf(BufferError.class)
                    .hasMessage("memoryview: underlying buffer is not writable");
            assertThatThrownBy(() -> MemoryView.fromFlags(mv, BufferFlags.FULL).setLong(0, 1))
                    .as("fromFlags of a view ignores the flags, as in CPython, and stays read-only")
                    .isInstanceOf(ReadOnlyMemoryException.class);
        }
    }

    /** Makes {@code p} unwritable even for root ({@code chattr +i}); {@code false} when that is not possible. */
    private static boolean immutable(Path p, boolean on) {
        try {
            Process proc = new ProcessBuilder("chattr", on ? "+i" : "-i", p.toString()).redirectErrorStream(true)
                    .start();
            proc.getInputStream().readAllBytes();
            return proc.waitFor(10, TimeUnit.SECONDS) && proc.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static boolean openableForWriting(Path p) {
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
            return ch.isOpen();
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void aWritableMappingOfAReadOnlyFileFailsClearly(@TempDir Path dir) throws IOException {
        Path p = dir.resolve("readonly.bin");
        Files.write(p, new byte[] {1, 2, 3});
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("r--r--r--"));
        boolean chattr = false;
        if (openableForWriting(p)) { // root ignores permissions: make the file immutable instead
            chattr = immutable(p, true);
            assumeTrue(chattr && !openableForWriting(p), "running as root and 'chattr +i' is not available: no file "
                    + "here can be made unwritable");
        }
        try {
            assertThatThrownBy(() -> MemoryView.map(p, true)).isInstanceOf(UncheckedIOException.class)
                    .hasMessageStartingWith("cannot map " + p + ": ")
                    .hasCauseInstanceOf(IOException.class);
            try (MemoryView mv = MemoryView.map(p, false)) {
                assertThat(mv.toBytes()).containsExactly(1, 2, 3);
                assertThat(mv.readonly()).isTrue();
            }
        } finally {
            if (chattr) {
                immutable(p, false);
            }
        }
    }

    @Test
    void mappingAMissingFileOrADirectoryFailsClearly(@TempDir Path dir) {
        Path missing = dir.resolve("missing.bin");
        assertThatThrownBy(() -> MemoryView.map(missing, false)).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("cannot map " + missing);
        assertThatThrownBy(() -> MemoryView.map(dir, false)).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("cannot map " + dir);
    }

    @Test
    void anEmptyFileMapsToAnEmptyView(@TempDir Path dir) throws IOException {
        Path p = Files.write(dir.resolve("empty.bin"), new byte[0]);
        try (MemoryView mv = MemoryView.map(p, true)) {
            assertThat(mv.nbytes()).isZero();
            assertThat(mv.toBytes()).isEmpty();
        }
    }

    /** The mapping is in the process's address space until the last view is released, and gone after. */
    @Test
    void theFileIsUnmappedWhenTheLastViewIsReleased(@TempDir Path dir) throws IOException {
        Path maps = Path.of("/proc/self/maps");
        assumeTrue(Files.isReadable(maps), "no /proc/self/maps to see mappings in");
        Path p = Files.write(dir.resolve("unmap-me.bin"), new byte[8192]);
        String name = p.toRealPath().toString();
        MemoryView mv = MemoryView.map(p, true);
        MemoryView slice = mv.slice(4096, 8192, 1);
        assertThat(Files.readString(maps)).contains(name);
        mv.release();
        assertThat(Files.readString(maps)).as("a slice keeps the mapping").contains(name);
        assertThat(slice.getLong(0)).isZero();
        slice.release();
        assertThat(Files.readString(maps)).as("unmapped with the last view").doesNotContain(name);
        assertThatThrownBy(() -> slice.getLong(0)).isInstanceOf(IllegalStateException.class)
                .hasMessage("operation forbidden on released memoryview object");
    }
}
