package io.memview;

import io.memview.struct.Struct;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.function.Executable;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Requests whose result would be huge fail fast with a clear message instead of exhausting memory; shapes whose
 * product overflows a long are refused; a mapped file truncated under a view gives a clear
 * {@link IllegalStateException} on access (JIT-compiled code may still see the JDK's own {@code InternalError}, which
 * HotSpot delivers asynchronously after the faulting access; either way the access fails and the JVM survives). The test JVM has a 1 GiB heap (Surefire's {@code -Xmx1g}), which the mid-size cases rely on:
 * they ask for results between 1 and 2 GiB, which a Java array could hold but this heap cannot.
 */
class ResourceSafetyTest {

    private static final long SECOND_NANOS = TimeUnit.SECONDS.toNanos(1);

    /** A view of {@code n} items of one byte, all at the same address: huge, and backed by one byte. */
    private static MemoryView zeroStride(long n) {
        return MemoryView.of(Buffer.builder(MemorySegment.ofArray(new byte[] {7})).shape(n).strides(0).build());
    }

    /** Runs {@code call}, which must throw IllegalArgumentException mentioning {@code size} within a second. */
    private static void failsFast(String what, Executable call, long size) {
        long t0 = System.nanoTime();
        assertThatThrownBy(call::execute).as(what).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(Long.toString(size)).hasNoSuppressedExceptions();
        // fast: no copy is attempted (a refused allocation may cost one garbage collection on a loaded machine)
        assertThat(System.nanoTime() - t0).as(what + " fails fast").isLessThan(15 * SECOND_NANOS);
    }

    @Test
    @Timeout(60)
    void copiesOfAViewOfATrillionItemsFailFast() {
        long n = 1L << 40;
        MemoryView v = zeroStride(n);
        assertThat(v.nbytes()).isEqualTo(n);
        assertThat(v.get(n - 1)).isEqualTo(7L);
        failsFast("toBytes", v::toBytes, n);
        failsFast("toBytes('F')", () -> v.toBytes('F'), n);
        failsFast("hex", v::hex, n);
        failsFast("hex(sep)", () -> v.hex(":", 2), n);
        failsFast("toList", v::toList, n);
        failsFast("cast to 2-D toList", () -> v.select("::2").toList(), n / 2);
    }

    @Test
    @Timeout(60)
    void copiesBetweenOneAndTwoGibibytesFailFastOnASmallHeap() {
        // Past the heap (1 GiB in the tests) but within a Java array's limit: the allocation itself is refused.
        long n = 1_500_000_000L;
        assumeTrue(Runtime.getRuntime().maxMemory() < n, "needs a heap under 1.5 GB (Surefire runs with -Xmx1g)");
        MemoryView v = zeroStride(n);
        failsFast("toBytes", v::toBytes, n);
        failsFast("toList", v::toList, n);
        MemoryView w = zeroStride(1_000_000_000L);
        failsFast("hex", w::hex, 1_000_000_000L);
        // a list of 200 million boxed values cannot fit a 1 GiB heap either; it is refused before it is built
        MemoryView q = MemoryView.of(Buffer.builder(MemorySegment.ofArray(new byte[8])).format("q").shape(200_000_000L)
                .strides(0).build());
        failsFast("toList of boxed longs", q::toList, 200_000_000L);
        // and the view is still usable afterwards
        assertThat(v.get(5)).isEqualTo(7L);
        assertThat(zeroStride(3).toList()).isEqualTo(List.of(7L, 7L, 7L));
    }

    @Test
    void shapesWhoseProductOverflowsALongAreRefused() {
        MemorySegment one = MemorySegment.ofArray(new byte[8]);
        assertThatThrownBy(() -> Buffer.builder(one).shape(1L << 32, 1L << 32).strides(0, 0).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("overflows a 64-bit size")
                .hasMessageContaining("shape");
        assertThatThrownBy(() -> Buffer.builder(one).format("q").shape(1L << 60).strides(0).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("overflows a 64-bit size");
        assertThatThrownBy(() -> Buffer.builder(one).shape(Long.MAX_VALUE, 2).strides(0, 0).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("shape");
        assertThatThrownBy(() -> MemoryView.of(new byte[8]).cast("B", 1L << 62, 1L << 62))
                .isInstanceOf(IllegalArgumentException.class).hasMessage(
                        "memoryview.cast(): product(shape) > SSIZE_MAX");
        assertThatThrownBy(() -> Struct.calcsize("9223372036854775807q"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("total struct size too long");
        // a product that fits but strides that overflow are refused as reaching outside
        assertThatThrownBy(() -> Buffer.builder(one).shape(3).strides(Long.MAX_VALUE).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("strides");
    }

    @Test
    @Timeout(120)
    void aHundredGibibyteSparseMappingIsViewedButNeverCopied(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("sparse.bin");
        long size = 100L << 30;
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(size);
        } catch (IOException e) {
            assumeTrue(false, "the temporary file system cannot hold a 100 GiB sparse file: " + e.getMessage());
        }
        try (MemoryView v = MemoryView.map(file, false)) {
            assertThat(v.nbytes()).isEqualTo(size);
            assertThat(v.get(size - 1)).isEqualTo(0L);
            failsFast("toBytes", v::toBytes, size);
            failsFast("hex", v::hex, size);
            failsFast("toList", v::toList, size);
            try (MemoryView q = v.cast("q")) {
                assertThat(q.length()).isEqualTo(size / 8);
                assertThat(q.getLong(size / 8 - 1)).isZero();
                failsFast("toList of longs", q::toList, size / 8);
            }
            assertThat(v.slice(size - 4, size, 1).toBytes()).containsExactly(0, 0, 0, 0);
        }
    }

    // ------------------------------------------------------------------------------------ truncated mapping

    @Test
    @Timeout(60)
    void aMappedFileTruncatedUnderItsViewGivesIllegalStateExceptionOnAccess(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("shrinks.bin");
        Files.write(file, new byte[1 << 20]);
        MemoryView v = MemoryView.map(file, true);
        MemoryView q = v.cast("q");
        MemoryView grid = v.cast("B", 1024, 1024);
        MemoryView strided = v.slice(0, 1 << 20, 3);
        assertThat(v.get(100)).isEqualTo(0L);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(0); // "another process" shrinks the file: the pages behind the mapping are gone
        }
        List<String> outcomes = new ArrayList<>();
        List<Executable> accesses = List.of(
                () -> v.get(5000), () -> v.get(new long[] {6000}), () -> v.set(7000, 1), () -> v.getLong(8000),
                () -> v.setLong(9000, 2), () -> v.getDouble(10000), () -> q.getLong(3000), () -> q.get(3001),
                () -> q.setLong(3002, 5), () -> grid.getLong(10, 10), () -> grid.get(11, 11),
                () -> grid.setLong(12, 12, 1), () -> grid.getDouble(13, 13), () -> v.toBytes(), () -> v.hex(),
                () -> strided.toBytes(), () -> strided.hex(), () -> v.slice(0, 100, 1).toList(),
                () -> strided.slice(0, 100, 1).toList(), () -> v.copyFrom(new byte[1 << 20]),
                () -> strided.slice(0, 10, 1).copyFrom(new byte[10]), () -> Struct.of("<q").unpackFrom(v, 64),
                () -> Struct.of("<q").packInto(v, 64, 1L), () -> v.count(1L), () -> v.index(1L));
        for (int k = 0; k < accesses.size(); k++) {
            try {
                accesses.get(k).execute();
                throw new AssertionError("access " + k + " after truncation returned normally");
            } catch (IllegalStateException e) {
                assertThat(e).as("access %d", k).hasMessageContaining("no longer accessible");
                outcomes.add("IllegalStateException");
            } catch (InternalError e) {
                // see below: only JIT-compiled code can let the JDK's error through
                assertThat(e).as("access %d", k).hasMessageContaining("fault occurred in an unsafe memory access");
                outcomes.add("InternalError");
            } catch (Throwable e) {
                throw new AssertionError("access " + k + " after truncation: " + e, e);
            }
        }
        System.out.println("truncated mapping, first accesses: " + outcomes);
        // the same once the access paths are hot (compiled): the fault is still reported as IllegalStateException
        try (MemoryView hot = MemoryView.of(new byte[64])) {
            long sum = 0;
            for (int k = 0; k < 300_000; k++) {
                sum += hot.getLong(k & 63) + q.slice(0, 0, 1).length();
            }
            assertThat(sum).isZero();
        }
        // In JIT-compiled code HotSpot may deliver the fault asynchronously, after the faulting access has returned
        // and outside the library's handler: the JDK's InternalError can then reach the caller. Every access still
        // fails (none returns data) and the JVM survives; which of the two exceptions is a JDK limitation.
        long converted = 0;
        for (int k = 0; k < 1000; k++) {
            for (int which = 0; which < 2; which++) {
                try {
                    long got = which == 0 ? v.getLong(k * 1000L) : q.getLong(k);
                    throw new AssertionError("read " + got + " from truncated memory");
                } catch (IllegalStateException e) {
                    assertThat(e).hasMessageContaining("no longer accessible");
                    converted++;
                } catch (InternalError e) {
                    assertThat(e).hasMessageContaining("fault occurred in an unsafe memory access");
                }
            }
        }
        System.out.println("truncated mapping, hot accesses: " + converted + " of 2000 reported as "
                + "IllegalStateException, the rest as the JDK's InternalError");
        // equals and hashCode never throw: a view whose memory has gone equals only itself
        assertThat(v.equals(MemoryView.of(new byte[1 << 20]))).isFalse();
        assertThat(v.equals(v)).isTrue();
        v.hashCode();
        assertThat(outcomes).hasSize(accesses.size());
        assertThat(outcomes).as("the library's handlers convert the fault where it surfaces inside them")
                .contains("IllegalStateException");
        q.release();
        grid.release();
        strided.release();
        v.release();
    }
}
