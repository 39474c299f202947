package io.memview;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Views of native memory whose owner frees it: memview never reads freed memory. Every access after the arena is
 * closed — item reads and writes, bulk copies, derived views — is an {@link IllegalStateException} (the JDK's own
 * guarantee for closed arenas), in the thread that closed it and in any other.
 */
class NativeMemoryLifetimeTest {

    @Test
    void everyAccessToAViewOfAClosedArenaThrowsIllegalStateException() {
        Arena arena = Arena.ofShared();
        MemorySegment s = arena.allocate(64);
        MemoryView mv = MemoryView.of(s);
        MemoryView ints = mv.cast("i", 4, 4);
        MemoryView slice = mv.slice(8, 16, 1);
        mv.setLong(3, 7);
        assertThat(slice.toBytes()).hasSize(8);
        arena.close();
        List<Runnable> accesses = List.of(() -> mv.getLong(3), () -> mv.setLong(3, 1), mv::toBytes, mv::toList,
                mv::hex, () -> ints.getLong(1, 1), () -> ints.get(0L, 0L), slice::toBytes,
                () -> mv.slice(0, 4, 1).toBytes());
        for (Runnable access : accesses) {
            assertThatThrownBy(access::run).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aViewReadInAnotherThreadSeesTheCloseAsIllegalStateException() throws InterruptedException {
        Arena arena = Arena.ofShared();
        MemoryView mv = MemoryView.of(arena.allocate(1 << 16));
        AtomicReference<Throwable> ended = new AtomicReference<>();
        Thread reader = Thread.ofPlatform().start(() -> {
            try {
                long sum = 0;
                while (true) {
                    sum += mv.getLong(sum & 0xffff);
                    sum += mv.slice(0, 4096, 1).toBytes()[1];
                }
            } catch (Throwable t) {
                ended.set(t);
            }
        });
        Thread.sleep(50);
        arena.close();
        reader.join(TimeUnit.SECONDS.toMillis(20));
        assertThat(reader.isAlive()).isFalse();
        assertThat(ended.get()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aConfinedSegmentIsReadableOnlyByItsOwnerThread() throws InterruptedException {
        try (Arena arena = Arena.ofConfined()) {
            MemoryView mv = MemoryView.of(arena.allocate(8));
            mv.setLong(0, 5);
            AtomicReference<Throwable> other = new AtomicReference<>();
            Thread t = Thread.ofPlatform().start(() -> {
                try {
                    mv.getLong(0);
                } catch (Throwable e) {
                    other.set(e);
                }
            });
            t.join();
            assertThat(other.get()).isInstanceOf(WrongThreadException.class);
            assertThat(mv.getLong(0)).isEqualTo(5);
        }
    }
}
