package io.memview;

import io.memview.testing.Hostile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Concurrency and lifetime stress, bounded in time (seconds; minutes with {@code -Dstress=long}): many threads slice,
 * read, write, cast, export and release views of one managed buffer while others try to resize its exporter, release
 * the root and close a mapped file. Invariants checked after every run: export counts end at zero, the exporter's
 * {@code releaseBuffer} ran exactly once per managed buffer, no access after a release (seen through a
 * happens-before edge) succeeds, no read returns a wrong value, nothing but the documented exceptions is thrown, and
 * every thread finishes (no deadlock: each run is under a timeout).
 */
class ConcurrencyStressTest {

    private static final int THREADS = 6;

    private static Duration runTime() {
        return Hostile.budget(Duration.ofMillis(1500));
    }

    /** Runs {@code workers} until {@code stop} is set (or an error), then joins them; returns their unexpected errors. */
    private static List<Throwable> runAll(List<Runnable> workers, AtomicBoolean stop, Runnable whileRunning)
            throws InterruptedException {
        ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(workers.size());
        CountDownLatch started = new CountDownLatch(workers.size());
        for (Runnable w : workers) {
            pool.execute(() -> {
                started.countDown();
                try {
                    w.run();
                } catch (Throwable t) {
                    errors.add(t);
                    stop.set(true);
                }
            });
        }
        started.await();
        whileRunning.run();
        stop.set(true);
        pool.shutdown();
        boolean done = pool.awaitTermination(60, TimeUnit.SECONDS);
        assertThat(done).as("every worker finished: no deadlock, no endless loop").isTrue();
        return new ArrayList<>(errors);
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A user exporter that counts its exports and refuses a second hand-back. */
    static final class CountingExporter implements BufferExporter {
        final byte[] data;
        final AtomicInteger gets = new AtomicInteger();
        final AtomicInteger releases = new AtomicInteger();

        CountingExporter(int n) {
            data = new byte[n];
            for (int i = 0; i < n; i++) {
                data[i] = (byte) (i * 31);
            }
        }

        @Override
        public Buffer getBuffer(int flags) {
            gets.incrementAndGet();
            return Buffer.builder(MemorySegment.ofArray(data)).obj(this).build().forRequest(flags);
        }

        @Override
        public void releaseBuffer(Buffer buffer) {
            releases.incrementAndGet();
        }
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void viewsOfOneByteArrayUnderConcurrentSlicingWritingExportingAndResizing() throws InterruptedException {
        ByteArray ba = ByteArray.allocate(4096);
        MemoryView root = MemoryView.of(ba);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong resizesRefused = new AtomicLong();
        AtomicLong resizesDone = new AtomicLong();
        AtomicLong operations = new AtomicLong();
        List<Runnable> workers = new ArrayList<>();
        for (int w = 0; w < THREADS - 1; w++) {
            int id = w;
            workers.add(() -> {
                RandomGenerator r = Hostile.rng(id);
                // each worker owns the bytes k with k % (THREADS - 1) == id, so its reads check its own writes
                while (!stop.get()) {
                    int k = r.nextInt(0, 4096 / (THREADS - 1)) * (THREADS - 1) + id;
                    if (k >= 4096) {
                        continue;
                    }
                    int value = r.nextInt(256);
                    switch (r.nextInt(6)) {
                        case 0 -> {
                            try (MemoryView s = root.slice(k, 4096, 1)) {
                                s.set(0, value);
                                assertThat(s.get(0)).isEqualTo((long) value);
                            }
                        }
                        case 1 -> {
                            try (MemoryView g = root.cast("B", 64, 64)) {
                                g.setLong(k / 64, k % 64, value);
                                assertThat(g.getLong(k / 64, k % 64)).isEqualTo(value);
                            }
                        }
                        case 2 -> {
                            try (MemoryView s = root.select(k + ":" + (k + 1)); MemoryView ro = s.toReadOnly()) {
                                s.setLong(0, value);
                                assertThat(ro.toBytes()).containsExactly(value);
                                assertThatThrownBy(() -> ro.setLong(0, 1)).isInstanceOf(ReadOnlyMemoryException.class);
                            }
                        }
                        case 3 -> {
                            Buffer b = root.getBuffer(BufferFlags.FULL_RO);
                            try {
                                assertThat(b.len()).isEqualTo(4096);
                            } finally {
                                root.releaseBuffer(b);
                            }
                        }
                        case 4 -> {
                            try (MemoryView s = MemoryView.of(root); MemoryView t = s.slice(k, k + 1, 1)) {
                                t.set(0, value);
                                assertThat(t.toList()).isEqualTo(List.of((long) value));
                            }
                        }
                        default -> {
                            MemoryView s = root.slice(0, 16, 1);
                            s.release();
                            assertThatThrownBy(() -> s.get(0)).isInstanceOf(IllegalStateException.class);
                            s.release(); // idempotent
                        }
                    }
                    operations.incrementAndGet();
                }
            });
        }
        workers.add(() -> {
            // the resizer: every attempt must be refused while the root view exports the bytearray
            while (!stop.get()) {
                try {
                    ba.append(1);
                    resizesDone.incrementAndGet();
                } catch (BufferError e) {
                    assertThat(e).hasMessage("Existing exports of data: object cannot be re-sized");
                    resizesRefused.incrementAndGet();
                }
                Thread.onSpinWait();
            }
        });
        List<Throwable> errors = runAll(workers, stop, () -> sleep(runTime()));
        assertThat(errors).as("worker failures").isEmpty();
        assertThat(resizesDone.get()).as("resizes that succeeded while exported").isZero();
        assertThat(resizesRefused.get()).isPositive();
        assertThat(ba.exports()).as("exports while the root lives").isEqualTo(1);
        root.release();
        assertThat(ba.exports()).as("exports after the last view is released").isZero();
        ba.append(1); // resizable again
        assertThat(ba.length()).isEqualTo(4097);
        assertThatThrownBy(() -> root.get(0)).isInstanceOf(IllegalStateException.class)
                .hasMessage("operation forbidden on released memoryview object");
        System.out.println("HOSTILE stress bytearray: " + operations.get() + " operations, "
                + resizesRefused.get() + " resizes refused");
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void releaseBufferRunsExactlyOnceWhenViewsAreDerivedAndReleasedInARace() throws InterruptedException {
        long deadline = System.nanoTime() + runTime().toNanos();
        int rounds = 0;
        AtomicLong refusedDerivations = new AtomicLong();
        while (System.nanoTime() < deadline || rounds < 20) {
            rounds++;
            CountingExporter ex = new CountingExporter(256);
            MemoryView root = MemoryView.of(ex);
            ConcurrentLinkedQueue<MemoryView> made = new ConcurrentLinkedQueue<>();
            AtomicBoolean stop = new AtomicBoolean();
            List<Runnable> workers = new ArrayList<>();
            for (int w = 0; w < THREADS - 1; w++) {
                int id = w;
                workers.add(() -> {
                    RandomGenerator r = Hostile.rng(id);
                    for (int k = 0; k < 200 && !stop.get(); k++) {
                        MemoryView v;
                        try {
                            v = switch (r.nextInt(4)) {
                                case 0 -> root.slice(1, 200, 2);
                                case 1 -> root.cast("b");
                                case 2 -> root.select("10:20");
                                default -> MemoryView.of(root);
                            };
                        } catch (IllegalStateException e) {
                            // the root was released first: the derivation is refused, nothing is registered
                            assertThat(e.getMessage()).isEqualTo("operation forbidden on released memoryview object");
                            refusedDerivations.incrementAndGet();
                            return;
                        }
                        long first = v.getLong(0);
                        assertThat(first).isIn(0L, 31L, 54L); // data[0], data[1], data[10] = (byte) 310
                        if (r.nextBoolean()) {
                            v.release();
                        } else {
                            made.add(v);
                        }
                    }
                });
            }
            List<Throwable> errors = runAll(workers, stop, () -> {
                sleep(Duration.ofMillis(1));
                root.release();
            });
            assertThat(errors).as("round %d worker failures", rounds).isEmpty();
            assertThat(ex.releases.get()).as("round %d: released before the last view", rounds)
                    .isEqualTo(made.isEmpty() ? 1 : 0);
            for (MemoryView v : made) {
                v.release();
            }
            assertThat(ex.gets.get()).as("round %d: one managed buffer", rounds).isEqualTo(1);
            assertThat(ex.releases.get()).as("round %d: releaseBuffer exactly once", rounds).isEqualTo(1);
            for (MemoryView v : made) {
                assertThatThrownBy(() -> v.get(0)).isInstanceOf(IllegalStateException.class);
            }
            assertThatThrownBy(() -> MemoryView.of(root)).isInstanceOf(IllegalStateException.class);
        }
        System.out.println("HOSTILE stress release-race: " + rounds + " rounds, " + refusedDerivations.get()
                + " derivations refused after the root's release");
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void typedArrayExportsUnderConcurrentCastsAndResizes() throws InterruptedException {
        TypedArray ta = TypedArray.of('i', 1, 2, 3, 4, 5, 6, 7, 8);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong views = new AtomicLong();
        AtomicLong resized = new AtomicLong();
        List<Runnable> workers = new ArrayList<>();
        for (int w = 0; w < THREADS - 1; w++) {
            workers.add(() -> {
                while (!stop.get()) {
                    MemoryView v;
                    try {
                        v = MemoryView.of(ta);
                    } catch (RuntimeException e) {
                        throw new AssertionError("export refused: " + e, e);
                    }
                    try (v; MemoryView b = v.cast("B"); MemoryView back = b.cast("i")) {
                        long n = back.length();
                        assertThat(n).isBetween(8L, 8L + 1_000_000L);
                        assertThat(back.getLong(0)).isEqualTo(1L);
                        assertThat(back.getLong(7)).isEqualTo(8L);
                        views.incrementAndGet();
                    }
                }
            });
        }
        workers.add(() -> {
            // resizes succeed only in the windows where no view exists, and never corrupt a live view
            while (!stop.get()) {
                try {
                    ta.append(9);
                    resized.incrementAndGet();
                } catch (BufferError e) {
                    assertThat(e).hasMessage("cannot resize an array that is exporting buffers");
                }
                Thread.yield();
            }
        });
        List<Throwable> errors = runAll(workers, stop, () -> sleep(runTime()));
        assertThat(errors).as("worker failures").isEmpty();
        assertThat(ta.exports()).as("exports at the end").isZero();
        assertThat(ta.length()).isEqualTo(8 + (int) resized.get());
        System.out.println("HOSTILE stress typedarray: " + views.get() + " view triples, " + resized.get()
                + " resizes between them");
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void aMappedFileClosedUnderConcurrentReadersNeverYieldsAWrongValueOrACrash(@TempDir Path dir)
            throws IOException, InterruptedException {
        byte[] content = new byte[1 << 16];
        for (int i = 0; i < content.length; i++) {
            content[i] = (byte) (i * 31);
        }
        Path file = dir.resolve("mapped.bin");
        Files.write(file, content);
        long deadline = System.nanoTime() + runTime().toNanos();
        int rounds = 0;
        Map<String, AtomicLong> outcomes = new ConcurrentHashMap<>();
        while (System.nanoTime() < deadline || rounds < 10) {
            rounds++;
            MemoryView shared = MemoryView.map(file, false);
            MemoryView q = shared.cast("q");
            AtomicBoolean stop = new AtomicBoolean();
            List<Runnable> readers = new ArrayList<>();
            for (int w = 0; w < THREADS - 1; w++) {
                int id = w;
                readers.add(() -> {
                    RandomGenerator r = Hostile.rng(id);
                    // read through views another thread releases (and unmaps) at any moment: each read is right
                    // or throws IllegalStateException, and once the release is visible every read throws
                    while (true) {
                        int i = r.nextInt(content.length);
                        try {
                            switch (r.nextInt(3)) {
                                case 0 -> assertThat(shared.getLong(i)).isEqualTo(content[i] & 0xffL);
                                case 1 -> assertThat(shared.get(i)).isEqualTo(content[i] & 0xffL);
                                default -> assertThat(q.getLong(i / 8)).isEqualTo(java.nio.ByteBuffer.wrap(content)
                                        .order(java.nio.ByteOrder.nativeOrder()).getLong(i / 8 * 8));
                            }
                            outcomes.computeIfAbsent("read", k -> new AtomicLong()).incrementAndGet();
                        } catch (IllegalStateException e) {
                            String kind = e.getMessage().equals("operation forbidden on released memoryview object")
                                    ? "refused: released" : e.getMessage().contains("closed")
                                    ? "refused: memory closed (JDK)" : "unexpected: " + e.getMessage();
                            assertThat(kind).as(e.toString()).doesNotStartWith("unexpected");
                            outcomes.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
                            if (stop.get()) {
                                return;
                            }
                        }
                    }
                });
            }
            List<Throwable> errors = runAll(readers, stop, () -> {
                sleep(Duration.ofMillis(2));
                q.release();
                shared.release(); // the last view: the file is unmapped now, readers still racing
            });
            assertThat(errors).as("round %d reader failures", rounds).isEmpty();
            // after the join (a happens-before edge) every access is refused
            assertThatThrownBy(() -> shared.getLong(0)).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> q.get(0)).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(shared::toBytes).isInstanceOf(IllegalStateException.class);
        }
        System.out.println("HOSTILE stress mapped-close: " + rounds + " rounds " + outcomes);
    }
}
