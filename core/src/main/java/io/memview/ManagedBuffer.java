package io.memview;

import java.lang.ref.Cleaner;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * CPython's managed buffer: the one {@link Buffer} obtained from an exporter for a {@link MemoryView#of(Object)},
 * shared by every view derived from it. When the exporter has something to do on release (a {@link ByteArray} that
 * may resize again, a mapped file to unmap, any user exporter), the managed buffer is <em>tracked</em>: it counts
 * its views and hands the buffer back exactly once, when the last view is released. A view that becomes unreachable
 * counts as released, as CPython releases a view on deallocation; each view of a tracked buffer registers with a
 * {@link Cleaner} for that. Buffers over plain Java memory have nothing to hand back and are not tracked, so their
 * views cost nothing to make.
 */
final class ManagedBuffer {
    static final Cleaner CLEANER = Cleaner.create();

    final BufferExporter exporter;
    final Buffer master;
    final boolean tracked;
    /** Views registered; -1 once the buffer has been handed back. */
    private final AtomicInteger views = new AtomicInteger(1);

    /** A managed buffer with its first view registered. */
    ManagedBuffer(BufferExporter exporter, Buffer master, boolean tracked) {
        this.exporter = exporter;
        this.master = master;
        this.tracked = tracked;
    }

    /** Registers one more view; refused once the buffer has been handed back. */
    void register() {
        if (!tracked) {
            return;
        }
        while (true) {
            int v = views.get();
            if (v <= 0) {
                throw new IllegalStateException(MemoryView.RELEASED);
            }
            if (views.compareAndSet(v, v + 1)) {
                return;
            }
        }
    }

    /** Unregisters a view; the last one hands the buffer back to the exporter. */
    void unregister() {
        while (true) {
            int v = views.get();
            if (v <= 0) {
                throw new IllegalStateException("managed buffer released twice");
            }
            int next = v == 1 ? -1 : v - 1;
            if (views.compareAndSet(v, next)) {
                if (next == -1) {
                    exporter.releaseBuffer(master);
                }
                return;
            }
        }
    }

    /** {@return the number of views registered (tracked buffers only)} */
    int views() {
        return Math.max(0, views.get());
    }

    /** A view's release action: holds the managed buffer, never the view, so the view can become unreachable. */
    record Unregister(ManagedBuffer mbuf) implements Runnable {
        @Override
        public void run() {
            mbuf.unregister();
        }
    }
}
