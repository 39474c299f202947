package io.memview;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Export counting and release under contention, each run seeded and bounded in time: views of one {@link ByteArray}
 * made and released by several threads while another keeps trying to resize it; derived views of one shared view
 * made and released while the parent is released; and a mapped file read by several threads while another releases
 * it (only {@link IllegalStateException}, never a crash or another exception).
 */
class ExportConcurrencyTest {

    private static final int THREADS = 4;
    private static final long RUN_NANOS = TimeUnit.MILLISECONDS.toNanos(400);

    private static RandomGenerator rng(long seed) {
        return RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
    }

    private static void join(List<Thread> threads) throws InterruptedException {
        for (Thread t : threads) {
            t.join(TimeUnit.SECONDS.toMillis(20));
            assertThat(t.isAlive()).as("thread %s finished in time", t.getName()).isFalse();
        }
    }

    /**
     * Viewers hold views and check that the ByteArray keeps its length and its memory while they do (a resize that
     * succeeded while exported would change the length, or move the bytes away from the view); the resizer counts
     * its successes and refusals. At the end no export is left and a resize succeeds.
     */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void noResizeSucceedsWhileAnyViewOfTheByteArrayIsLive(long seed) throws InterruptedException {
        ByteArray ba = ByteArray.allocate(64);
        Queue<String> failures = new ConcurrentLinkedQueue<>();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong views = new AtomicLong();
        AtomicInteger resized = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int k = 0; k < THREADS; k++) {
            RandomGenerator r = rng(seed * 31 + k);
            int id = k;
            threads.add(Thread.ofPlatform().name("viewer-" + k).start(() -> {
                try {
                    start.await();
                    while (!stop.get()) {
                        try (MemoryView v = MemoryView.of(ba)) {
                            int length = ba.length();
                            if (v.nbytes() != length) {
                                failures.add("view of " + v.nbytes() + " bytes, bytearray of " + length);
                            }
                            List<MemoryView> derived = new ArrayList<>();
                            for (int d = r.nextInt(3); d > 0 && length > 0; d--) {
                                derived.add(v.slice(r.nextInt(length), length, 1));
                            }
                            if (length > id) {
                                byte mark = (byte) r.nextInt(256);
                                v.setLong(id, mark & 0xff); // each viewer owns byte `id`
                                Thread.onSpinWait();
                                if (ba.get(id) != (mark & 0xff)) {
                                    failures.add("the view no longer writes the bytearray's memory");
                                }
                            }
                            if (ba.length() != length) {
                                failures.add("length changed from " + length + " to " + ba.length()
                                        + " while exported");
                            }
                            if (r.nextBoolean()) {
                                derived.forEach(MemoryView::release); // else released after the parent
                            }
                            views.incrementAndGet();
                            v.release();
                            derived.forEach(MemoryView::release);
                        }
                    }
                } catch (Throwable t) {
                    failures.add("viewer: " + t);
                }
            }));
        }
        RandomGenerator rr = rng(seed);
        threads.add(Thread.ofPlatform().name("resizer").start(() -> {
            try {
                start.await();
                while (!stop.get()) {
                    try {
                        switch (rr.nextInt(3)) {
                            case 0 -> ba.append(rr.nextInt(256));
                            case 1 -> ba.resize(THREADS + rr.nextInt(64));
                            default -> ba.setSlice(0, 1, new byte[2]);
                        }
                        resized.incrementAndGet();
                    } catch (BufferError e) {
                        if (!e.getMessage().equals("Existing exports of data: object cannot be re-sized")) {
                            failures.add("resizer: " + e);
                        }
                        refused.incrementAndGet();
                    }
                }
            } catch (Throwable t) {
                failures.add("resizer: " + t);
            }
        }));
        start.countDown();
        long end = System.nanoTime() + RUN_NANOS;
        while (System.nanoTime() < end && failures.isEmpty()) {
            Thread.sleep(10);
        }
        stop.set(true);
        join(threads);
        assertThat(failures).as("seed %d", seed).isEmpty();
        assertThat(ba.exports()).as("seed %d: exports left", seed).isZero();
        assertThat(views.get()).as("seed %d: views made", seed).isPositive();
        assertThat(refused.get()).as("seed %d: resizes refused", seed).isPositive();
        int before = ba.length();
        ba.append(7);
        assertThat(ba.length()).as("seed %d: resizable again", seed).isEqualTo(before + 1);
    }

    /**
     * Threads derive views from one shared view of a counting exporter and release them, while the main thread
     * releases the shared view: the exporter's buffer is handed back exactly once, after the last view, and a view
     * can no longer be derived once it has been.
     */
    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13, 14, 15})
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void theBufferIsHandedBackExactlyOnceWhateverTheOrderOfReleases(long seed) throws InterruptedException {
        ByteArray ba = ByteArray.allocate(256);
        ExporterContractTest.Counting exporter = new ExporterContractTest.Counting(ba);
        MemoryView shared = MemoryView.of(exporter);
        Queue<String> failures = new ConcurrentLinkedQueue<>();
        AtomicInteger refusedAfterRelease = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int k = 0; k < THREADS; k++) {
            RandomGenerator r = rng(seed * 31 + k);
            threads.add(Thread.ofPlatform().name("deriver-" + k).start(() -> {
                try {
                    start.await();
                    List<MemoryView> held = new ArrayList<>();
                    for (int i = 0; i < 2000; i++) {
                        try {
                            MemoryView v = r.nextBoolean() ? shared.slice(r.nextInt(256), 256, 1)
                                    : held.isEmpty() ? MemoryView.of(shared) : held.getLast().toReadOnly();
                            held.add(v);
                        } catch (IllegalStateException e) {
                            if (!e.getMessage().equals("operation forbidden on released memoryview object")) {
                                failures.add("derive: " + e);
                            }
                            refusedAfterRelease.incrementAndGet();
                        }
                        if (held.size() > 4 || r.nextInt(4) == 0) {
                            while (!held.isEmpty()) {
                                held.remove(r.nextInt(held.size())).release();
                            }
                        }
                    }
                    held.forEach(MemoryView::release);
                } catch (Throwable t) {
                    failures.add(t.toString());
                }
            }));
        }
        start.countDown();
        Thread.sleep(rng(seed).nextInt(1, 20));
        shared.release();
        join(threads);
        assertThat(failures).as("seed %d", seed).isEmpty();
        assertThat(exporter.gets.get()).as("seed %d: requests", seed).isEqualTo(1);
        assertThat(exporter.releases.get()).as("seed %d: releases", seed).isEqualTo(1);
        assertThat(ba.exports()).as("seed %d: exports left", seed).isZero();
    }

    /**
     * Readers read a mapped file through one view (items, bulk copies, slices) while the main thread releases it,
     * which unmaps the file: every reader ends with an IllegalStateException, none with anything else, and none
     * hangs.
     */
    @ParameterizedTest
    @ValueSource(longs = {21, 22, 23})
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void readersOfAMappedFileReleasedUnderThemSeeOnlyIllegalStateException(long seed, @TempDir Path dir)
            throws IOException, InterruptedException {
        Path file = dir.resolve("data.bin");
        byte[] content = new byte[1 << 20];
        rng(seed).nextBytes(content);
        Files.write(file, content);
        MemoryView mv = MemoryView.map(file, false);
        MemoryView longs = mv.cast("q");
        Queue<String> failures = new ConcurrentLinkedQueue<>();
        AtomicInteger stoppedByRelease = new AtomicInteger();
        AtomicLong reads = new AtomicLong();
        CountDownLatch running = new CountDownLatch(THREADS);
        List<Thread> threads = new ArrayList<>();
        for (int k = 0; k < THREADS; k++) {
            RandomGenerator r = rng(seed * 31 + k);
            threads.add(Thread.ofPlatform().name("reader-" + k).start(() -> {
                running.countDown();
                try {
                    while (true) {
                        int i = r.nextInt(content.length);
                        switch (r.nextInt(4)) {
                            case 0 -> {
                                if (mv.getLong(i) != (content[i] & 0xff)) {
                                    failures.add("byte " + i + " read wrong");
                                }
                            }
                            case 1 -> longs.getLong(i / 8);
                            case 2 -> {
                                try (MemoryView s = mv.slice(i, Math.min(content.length, i + 4096), 1)) {
                                    s.toBytes();
                                }
                            }
                            default -> {
                                try (MemoryView s = mv.select((i % 1000) + ":" + (i % 1000 + 100))) {
                                    s.hex();
                                }
                            }
                        }
                        reads.incrementAndGet();
                    }
                } catch (IllegalStateException e) {
                    stoppedByRelease.incrementAndGet();
                } catch (Throwable t) {
                    failures.add("reader: " + t);
                }
            }));
        }
        running.await();
        Thread.sleep(rng(seed).nextInt(20, 60));
        longs.release();
        mv.release();
        join(threads);
        assertThat(failures).as("seed %d", seed).isEmpty();
        assertThat(stoppedByRelease.get()).as("seed %d: readers stopped by the release", seed).isEqualTo(THREADS);
        assertThat(reads.get()).as("seed %d: reads before the release", seed).isPositive();
    }
}
