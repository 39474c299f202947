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
    /** The buffer obtained from the exporter; {@code null} for Java memory viewed without a request. */
    final Buffer master;
    /** The exporting object that views report ({@code master.obj()}). */
    final Object obj;
    final boolean tracked;
    /** Views registered (tracked buffers only, else {@code null}); -1 once the buffer has been handed back. */
    private final AtomicInteger views;

    /** A managed buffer with its first view registered. */
    ManagedBuffer(BufferExporter exporter, Buffer master, boolean tracked) {
        this.exporter = exporter;
        this.master = master;
        this.obj = master.obj();
        this.tracked = tracked;
        this.views = tracked ? new AtomicInteger(1) : null;
    }

    /**
     * An untracked managed buffer over Java memory ({@code byte[]}, a primitive array, a {@code ByteBuffer}, a
     * {@code MemorySegment}, {@code Bytes}) viewed whole: nothing to hand back, so no exporter and no buffer.
     */
    ManagedBuffer(Object obj) {
        this.exporter = null;
        this.master = null;
        this.obj = obj;
        this.tracked = false;
        this.views = null;
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
        return views == null ? 0 : Math.max(0, views.get());
    }

    /** A view's release action: holds the managed buffer, never the view, so the view can become unreachable. */
    record Unregister(ManagedBuffer mbuf) implements Runnable {
        @Override
        public void run() {
            mbuf.unregister();
        }
    }
}
