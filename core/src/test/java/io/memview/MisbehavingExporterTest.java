package io.memview;

import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** User exporters that break the contract get clear exceptions, and never a second release. */
class MisbehavingExporterTest {

    @Test
    void anExporterReturningNoBufferIsAClearError() {
        BufferExporter none = flags -> null;
        assertThatThrownBy(() -> MemoryView.of(none)).isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessageEndingWith(".getBuffer returned null");
    }

    @Test
    void anExporterThatRefusesPropagatesItsExceptionUnchanged() {
        BufferExporter refuses = flags -> {
            throw new BufferError("not today");
        };
        assertThatThrownBy(() -> MemoryView.of(refuses)).isInstanceOf(BufferError.class).hasMessage("not today");
    }

    @Test
    void aThrowingReleaseBufferPropagatesFromTheLastReleaseAndIsNeverCalledAgain() {
        AtomicInteger releases = new AtomicInteger();
        BufferExporter failsOnRelease = new BufferExporter() {
            @Override
            public Buffer getBuffer(int flags) {
                return Buffer.builder(MemorySegment.ofArray(new byte[4])).obj(this).build().forRequest(flags);
            }

            @Override
            public void releaseBuffer(Buffer buffer) {
                releases.incrementAndGet();
                throw new IllegalStateException("release failed");
            }
        };
        MemoryView mv = MemoryView.of(failsOnRelease);
        MemoryView slice = mv.slice(0, 2, 1);
        mv.release();
        assertThat(releases.get()).isZero();
        assertThatThrownBy(slice::release).isInstanceOf(IllegalStateException.class).hasMessage("release failed");
        assertThat(slice.toString()).startsWith("<released memory");
        slice.release();
        mv.release();
        assertThat(releases.get()).isEqualTo(1);
    }
}
