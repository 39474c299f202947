package io.memview;

import io.memview.internal.Compare;
import io.memview.internal.Copier;
import io.memview.internal.Exporters;
import io.memview.internal.Hex;
import io.memview.internal.Layout;
import io.memview.internal.Layouts;
import io.memview.internal.PyEq;
import io.memview.internal.Selection;
import io.memview.internal.Streaming;
import io.memview.internal.Slices;
import io.memview.internal.Subscript;
import io.memview.internal.format.Format;
import io.memview.internal.format.Scalar;
import io.memview.internal.format.Tuple;
import io.memview.internal.format.Values;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.stream.DoubleStream;
import java.util.stream.LongStream;
import java.util.stream.StreamSupport;

/**
 * A typed, N-dimensional, zero-copy view of memory: Python's {@code memoryview}, with CPython 3.13's behaviour (and
 * 3.14's {@code count}/{@code index}), and the things CPython's memoryview cannot do.
 *
 * <h2 id="making">Making views</h2>
 * {@link #of(Object)} views anything with a buffer: {@code byte[]} (format {@code B}), the primitive arrays
 * ({@code short[]} {@code h}, {@code int[]} {@code i}, {@code long[]} {@code q}, {@code float[]} {@code f},
 * {@code double[]} {@code d}, {@code char[]} {@code H}), a {@link ByteBuffer} (position to limit), a
 * {@link MemorySegment} (heap, native or mapped, of any size), {@link Bytes}, {@link ByteArray}, {@link TypedArray},
 * another view, or any {@link BufferExporter}. {@link #map(Path, boolean)} maps a file of any size.
 * {@snippet :
 * ByteArray data = ByteArray.of("ABC", StandardCharsets.UTF_8);
 * MemoryView mv = MemoryView.of(data);
 * mv.get(0);                 // 65L
 * mv.set(1, 90);             // data is now bytearray(b'AZC')
 * mv.slice(0, 2, 1).toBytes(); // {65, 90}, no copy until toBytes
 * }
 *
 * <h2 id="cpython">CPython's semantics</h2>
 * Indexing takes negative indices; values come back as {@code Long} (or {@code BigInteger} above
 * {@code Long.MAX_VALUE}), {@code Double}, {@code Boolean} or {@link Bytes}, and writes are range-checked. Errors
 * carry CPython's message: a Python {@code TypeError} or {@code ValueError} is an {@link IllegalArgumentException}
 * ({@link ReadOnlyMemoryException} for writes to read-only memory), {@code IndexError} an
 * {@link IndexOutOfBoundsException}, {@code NotImplementedError} an {@link UnsupportedOperationException},
 * {@code BufferError} a {@link BufferError}, and any use of a released view an {@link IllegalStateException}.
 *
 * <h2 id="beyond">Beyond CPython</h2>
 * <ul>
 * <li>{@link #select(String)} takes NumPy's basic indexing ({@code "1:3, ::2"}, {@code "..., 0"}) and
 *     {@link #get(long...)} with fewer indices than dimensions returns a sub-view; both are zero-copy.</li>
 * <li>Items may have any struct format: byte orders ({@code "<i"}, {@code ">d"}), records ({@code "<iif"}, whose
 *     items are lists) and strings ({@code "4s"}); {@code map(file).cast("<iif")} reads a record file zero-copy.</li>
 * <li>Every index, length and offset is a {@code long}: views past 2 GiB work as any other.</li>
 * </ul>
 *
 * <h2 id="equality">Equality</h2>
 * {@link #equals(Object)} is Python's {@code ==}: items are compared by value through their formats, so a
 * {@code 'B'} view equals an {@code 'i'} view holding the same numbers and a view holding NaN differs from
 * everything — except that, as Java requires, a view always equals itself. {@link #hashCode()} hashes the values, so
 * equal views hash alike; it never throws and is cached for read-only views.
 *
 * <h2 id="release">Release and thread safety</h2>
 * A view is an export of its memory until {@link #release()} (or {@link #close()}: try-with-resources is Python's
 * {@code with}). Views derived from a view — slices, casts, sub-views — share its exporter's buffer, which is handed
 * back when the last of them is released; a mapped file is unmapped then. A view's descriptor is immutable, so views
 * may be shared between threads; reads and writes of the memory are not synchronized. Release is thread-safe and
 * safe: once the memory of a mapped file or native segment is freed, every access in every thread throws
 * {@link IllegalStateException}, never crashes.
 *
 * <p>Precisely: the descriptor of a view is immutable and safely shared; its release flag is published by
 * {@link #release()} (which is synchronized) to every thread that later synchronizes with the releasing thread (a
 * join, a lock, a concurrent collection): from then on every operation there throws {@link IllegalStateException}.
 * An access racing a release either completes against memory that is still valid or throws
 * {@link IllegalStateException} (for a mapped file, the JDK's own "Already closed"); it never reads unmapped memory.
 * Exports ({@link #getBuffer}/{@link #releaseBuffer}) are counted under the view's lock, and the exporter's
 * {@code releaseBuffer} runs exactly once, when the last view of its buffer is released. Item reads and writes are
 * not synchronized with each other: like any shared memory, concurrent writers need their own coordination.
 *
 * <h2 id="limits">Resource limits</h2>
 * Copies that cannot fit — {@link #toBytes()}, {@link #hex()} or {@link #toList()} of a view past what a Java array,
 * string or the heap holds, such as a huge view with zero strides or a 100 GiB mapping — fail at once with an
 * {@link IllegalArgumentException} naming the size, never with an {@link OutOfMemoryError}. A mapped file truncated
 * by another process under its view makes access fail with {@link IllegalStateException} ({@code the memory is no
 * longer accessible}); in JIT-compiled code HotSpot may deliver the fault asynchronously, after the access has
 * returned, so the JDK's {@code InternalError} can reach the caller instead. Either way no data is returned and the
 * JVM does not crash.
 */
public final class MemoryView implements BufferExporter, AutoCloseable, Iterable<Object> {

    static final String RELEASED = "operation forbidden on released memoryview object";

    private static final int F_C = 1;
    private static final int F_FORTRAN = 2;
    private static final int F_PIL = 4;

    // Fast-path modes; release() clears them so the fast paths need one field read.
    private static final int LONG1 = 1;
    private static final int DOUBLE1 = 2;
    private static final int SET1 = 4;
    private static final int LONG2 = 8;
    private static final int DOUBLE2 = 16;
    private static final int SET2 = 32;
    private static final int DENSE_LONG = 64;
    private static final int DENSE_DOUBLE = 128;
    private static final int DENSE_SET = 256;

    /**
     * The {@link ManagedBuffer} of a tracked export; for memory with nothing to hand back (Java memory,
     * {@link Bytes}, a {@link Buffer}) the exporting object itself (or {@code null}), so that such views are one
     * object.
     */
    private final Object mbuf;
    private final MemorySegment memory;
    private final long offset;
    private final ItemFormat item;
    private final int itemsize;
    private final long[] shape;
    private final long[] strides;
    private final long[] suboffsets;
    private final boolean readonly;
    private final int flags;
    // Unpacked descriptor for the fast paths.
    private final Scalar scalar;
    /** For a dense 1-D view of a scalar: the items as a segment of their own, starting at item 0. */
    private final MemorySegment dense;
    private final long valueBase;
    private final long n0;
    private final long s0;
    private final long n1;
    private final long s1;

    /** Unregisters from a tracked managed buffer, on release or when this view becomes unreachable. */
    private final java.lang.ref.Cleaner.Cleanable cleanable;

    private int mode;
    private boolean released;
    private int exports;
    private int hash;
    private boolean hashed;

    private MemoryView(Object mbuf, MemorySegment memory, long offset, ItemFormat item, int itemsize,
                       long[] shape, long[] strides, long[] suboffsets, boolean readonly) {
        this.mbuf = mbuf;
        this.memory = memory;
        this.offset = offset;
        this.item = item;
        this.itemsize = itemsize;
        this.shape = shape;
        this.strides = strides;
        this.suboffsets = suboffsets;
        this.readonly = readonly;
        int f = 0;
        if (suboffsets != null) {
            f |= F_PIL;
        }
        if (Layouts.isC(shape, strides, itemsize, suboffsets != null)) {
            f |= F_C;
        }
        if (Layouts.isF(shape, strides, itemsize, suboffsets != null)) {
            f |= F_FORTRAN;
        }
        this.flags = f;
        this.valueBase = offset + item.valueOffset;
        this.scalar = item.scalar;
        this.dense = scalar != null && suboffsets == null && shape.length == 1 && strides[0] == scalar.size()
                && itemsize == scalar.size() ? denseSegment(memory, valueBase, shape[0] * itemsize) : null;
        this.n0 = shape.length > 0 ? shape[0] : 0;
        this.s0 = shape.length > 0 ? strides[0] : 0;
        this.n1 = shape.length > 1 ? shape[1] : 0;
        this.s1 = shape.length > 1 ? strides[1] : 0;
        this.mode = modes();
        this.cleanable = mbuf instanceof ManagedBuffer m
                ? ManagedBuffer.CLEANER.register(this, new ManagedBuffer.Unregister(m)) : null;
    }

    /** The items of a dense 1-D view as a segment: {@code memory} itself when they are all of it (no new object). */
    private static MemorySegment denseSegment(MemorySegment memory, long base, long bytes) {
        if (bytes == 0) {
            return memory.asSlice(0, 0);
        }
        return base == 0 && bytes == memory.byteSize() ? memory : memory.asSlice(base, bytes);
    }

    private int modes() {
        Scalar s = item.scalar;
        if (s == null || suboffsets != null) {
            return 0;
        }
        boolean u64 = s.kind() == Scalar.Kind.UNSIGNED && s.size() == 8; // may not fit a long: checked path
        boolean longOk = (s.isInteger() && !u64) || s.kind() == Scalar.Kind.BOOL;
        boolean doubleOk = s.kind() != Scalar.Kind.CHAR;
        boolean setOk = !readonly && s.isInteger();
        int m = 0;
        if (dense != null) {
            m |= (longOk ? DENSE_LONG : 0) | (doubleOk ? DENSE_DOUBLE : 0) | (setOk ? DENSE_SET : 0);
        } else if (shape.length == 1) {
            m |= (longOk ? LONG1 : 0) | (doubleOk ? DOUBLE1 : 0) | (setOk ? SET1 : 0);
        } else if (shape.length == 2) {
            m |= (longOk ? LONG2 : 0) | (doubleOk ? DOUBLE2 : 0) | (setOk ? SET2 : 0);
        }
        return m;
    }

    /** A new view with this view's managed buffer and the given layout. The caller has proven the layout's bounds. */
    private MemoryView derive(long newOffset, ItemFormat newItem, int newItemsize, long[] newShape,
                              long[] newStrides, long[] newSuboffsets, boolean ro) {
        if (mbuf instanceof ManagedBuffer m) {
            m.register();
        }
        return new MemoryView(mbuf, memory, newOffset, newItem, newItemsize, newShape, newStrides, newSuboffsets, ro);
    }

    // ------------------------------------------------------------------------------------------------ construction

    /**
     * {@code memoryview(obj)}: a view of everything {@code obj} exports. A {@code MemoryView} argument gives a new
     * view with the same layout and format, sharing its buffer.
     *
     * @throws IllegalArgumentException {@code memoryview: a bytes-like object is required, not 'T'} when {@code obj}
     *                                  has no buffer
     * @throws IllegalStateException    when {@code obj} is a released view
     */
    public static MemoryView of(Object obj) {
        MemoryView v = obj instanceof BufferExporter && !(obj instanceof Bytes) ? null : ofJavaMemory(obj);
        return v != null ? v : fromFlags(obj, BufferFlags.FULL_RO);
    }

    private static final ItemFormat FORMAT_B = ItemFormat.of("B", 1);
    private static final ItemFormat FORMAT_H = ItemFormat.of("h", 2);
    private static final ItemFormat FORMAT_I = ItemFormat.of("i", 4);
    private static final ItemFormat FORMAT_Q = ItemFormat.of("q", 8);
    private static final ItemFormat FORMAT_F = ItemFormat.of("f", 4);
    private static final ItemFormat FORMAT_D = ItemFormat.of("d", 8);
    private static final ItemFormat FORMAT_UH = ItemFormat.of("H", 2);

    /**
     * {@code of(obj)} for Java memory: the view {@code fromFlags(obj, FULL_RO)} makes through the adapter's buffer
     * (the whole segment, one dimension of the array's natural format from {@link Exporters#javaMemory}, C order,
     * read-only when the segment is), made directly. The layout is the segment itself, so it is inside it by
     * construction: no {@code Buffer} to build and reduce, no exporter to track. {@code null} for every other object.
     */
    private static MemoryView ofJavaMemory(Object obj) {
        if (obj instanceof Bytes b) {
            return whole(b, b.segment(), FORMAT_B);
        }
        return Exporters.javaMemory(obj, (owner, memory, format) -> whole(owner, memory, switch (format) {
            case 'h' -> FORMAT_H;
            case 'i' -> FORMAT_I;
            case 'q' -> FORMAT_Q;
            case 'f' -> FORMAT_F;
            case 'd' -> FORMAT_D;
            case 'H' -> FORMAT_UH;
            default -> FORMAT_B;
        }));
    }

    /** The view of all items of {@code memory}, which holds a whole number of them (a power-of-two item size). */
    private static MemoryView whole(Object owner, MemorySegment memory, ItemFormat item) {
        int isz = item.itemsize;
        long n = memory.byteSize() >>> Integer.numberOfTrailingZeros(isz);
        return new MemoryView(owner, memory, 0, item, isz, new long[] {n}, unitStrides(isz), null,
                memory.isReadOnly());
    }

    private static final long[][] UNIT_STRIDES = new long[17][];

    static {
        for (int i = 1; i < UNIT_STRIDES.length; i++) {
            UNIT_STRIDES[i] = new long[] {i};
        }
    }

    /** {@code {itemsize}}, the strides of a contiguous 1-D view: shared, since a view never modifies its arrays. */
    private static long[] unitStrides(long itemsize) {
        return itemsize > 0 && itemsize < UNIT_STRIDES.length ? UNIT_STRIDES[(int) itemsize] : new long[] {itemsize};
    }

    /**
     * {@code memoryview._from_flags(obj, flags)}: a view of the buffer {@code obj} exports for the request
     * {@code flags} ({@link BufferFlags}). Reduced requests give reduced views: without {@link BufferFlags#FORMAT}
     * the format is {@code 'B'} (and the itemsize is kept); without {@link BufferFlags#ND} the view is 1-D. For a
     * {@code MemoryView} argument the flags are ignored, as in CPython.
     */
    public static MemoryView fromFlags(Object obj, int flags) {
        if (obj instanceof MemoryView v) {
            v.checkReleased();
            return v.derive(v.offset, v.item, v.itemsize, v.shape, v.strides, v.suboffsets, v.readonly);
        }
        BufferExporter e = Exporters.of(obj);
        if (e == null) {
            throw new IllegalArgumentException("memoryview: a bytes-like object is required, not '"
                    + io.memview.internal.PyTypes.name(obj) + "'");
        }
        Buffer.checkRequest(flags);
        Buffer b = e.getBuffer(flags);
        if (b == null) {
            throw new IllegalArgumentException(e.getClass().getName() + ".getBuffer returned null");
        }
        // Adapters over Java memory (e != obj) and Bytes have nothing to hand back.
        boolean tracked = e == obj && !(obj instanceof Bytes);
        return fromBuffer(tracked ? new ManagedBuffer(e, b, true) : b.obj(), b);
    }

    /**
     * A view of a raw layout: the memory, format, shape, strides and suboffsets of {@code buffer}, which
     * {@link Buffer#builder} has validated. Missing fields are reconstructed as CPython does: no format means
     * {@code 'B'}, no shape means one dimension of {@code len / itemsize}, no strides means C order.
     */
    public static MemoryView of(Buffer buffer) {
        return fromBuffer(buffer.obj(), buffer);
    }

    /** A view of {@code b}; {@code mbuf} is a tracked {@link ManagedBuffer} or, untracked, {@code b.obj()}. */
    private static MemoryView fromBuffer(Object mbuf, Buffer b) {
        String format = b.format() == null ? "B" : b.format();
        long[] shp = b.shape() == null ? new long[] {b.len() / b.itemsize()} : b.fullShape();
        long[] str = b.strides() == null ? Layouts.cStrides(shp, b.itemsize()) : b.fullStrides();
        if (b.shape() == null) {
            str = new long[] {b.itemsize()};
        }
        return new MemoryView(mbuf, b.memory(), b.offset(), ItemFormat.of(format, b.itemsize()), b.itemsize(), shp,
                str, b.rawSuboffsets(), b.readonly());
    }

    /**
     * Maps {@code file} into memory, zero-copy, as a 1-D view of unsigned bytes ({@code 'B'}); files of any size,
     * beyond 2 GiB, are fine. The file is unmapped when the last view on it is released (or has become unreachable).
     * A read-only mapping refuses writes.
     *
     * @param writable whether writes through the view reach the file
     * @throws UncheckedIOException when the file cannot be opened or mapped
     */
    public static MemoryView map(Path file, boolean writable) {
        Arena arena = Arena.ofShared();
        try (FileChannel ch = writable
                ? FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)
                : FileChannel.open(file, StandardOpenOption.READ)) {
            MemorySegment seg = ch.map(writable ? FileChannel.MapMode.READ_WRITE : FileChannel.MapMode.READ_ONLY, 0,
                    ch.size(), arena);
            MappedFile mapped = new MappedFile(file, seg, arena);
            Buffer b = mapped.getBuffer(BufferFlags.FULL_RO);
            return fromBuffer(new ManagedBuffer(mapped, b, true), b);
        } catch (IOException e) {
            arena.close();
            throw new UncheckedIOException("cannot map " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            arena.close();
            throw e;
        }
    }

    /** A mapped file: the exporter behind {@link #map}, which unmaps when its buffer is released. */
    private record MappedFile(Path path, MemorySegment segment, Arena arena) implements BufferExporter {
        @Override
        public Buffer getBuffer(int flags) {
            return Buffer.builder(segment).obj(path).build().forRequest(flags);
        }

        @Override
        public void releaseBuffer(Buffer buffer) {
            arena.close();
        }
    }

    // -------------------------------------------------------------------------------------------------- attributes

    /** {@return the exporting object (the original exporter, the file's {@code Path} for a mapping), or null} */
    public Object obj() {
        checkReleased();
        return mbuf instanceof ManagedBuffer m ? m.master.obj() : mbuf;
    }

    /** {@return {@code product(shape) * itemsize}: the number of bytes {@link #toBytes()} returns} */
    public long nbytes() {
        checkReleased();
        return Layouts.product(shape) * itemsize;
    }

    /** {@return whether the memory may not be written through this view} */
    public boolean readonly() {
        checkReleased();
        return readonly;
    }

    /** {@return the size in bytes of one item} */
    public int itemsize() {
        checkReleased();
        return itemsize;
    }

    /** {@return the struct format of the items, exactly as exported or cast ({@code "B"}, {@code "<i"}, {@code "@h"})} */
    public String format() {
        checkReleased();
        return item.text;
    }

    /** {@return the number of dimensions (0 for a scalar view)} */
    public int ndim() {
        checkReleased();
        return shape.length;
    }

    /** {@return the extent of each dimension (a copy)} */
    public long[] shape() {
        checkReleased();
        return shape.clone();
    }

    /** {@return the byte step of each dimension (a copy); steps may be negative or zero} */
    public long[] strides() {
        checkReleased();
        return strides.clone();
    }

    /** {@return the PIL suboffsets (a copy), or {@code null} when there are none (Python shows {@code ()})} */
    public long[] suboffsets() {
        checkReleased();
        return suboffsets == null ? null : suboffsets.clone();
    }

    /** {@return whether the items are laid out in C order without gaps} */
    public boolean cContiguous() {
        checkReleased();
        return (flags & F_C) != 0;
    }

    /** {@return whether the items are laid out in Fortran order without gaps} */
    public boolean fContiguous() {
        checkReleased();
        return (flags & F_FORTRAN) != 0;
    }

    /** {@return whether the items are laid out in C or Fortran order without gaps} */
    public boolean contiguous() {
        checkReleased();
        return (flags & (F_C | F_FORTRAN)) != 0;
    }

    /**
     * Python's {@code len(mv)}: the extent of the first dimension (not the number of bytes: see {@link #nbytes()}).
     *
     * @throws IllegalArgumentException {@code 0-dim memory has no length}
     */
    public long length() {
        checkReleased();
        if (shape.length == 0) {
            throw new IllegalArgumentException("0-dim memory has no length");
        }
        return shape[0];
    }

    // ------------------------------------------------------------------------------------------------------ items

    /**
     * {@code mv[i, j, ...]}: with an index per dimension, the item ({@code Long}, {@code BigInteger}, {@code Double},
     * {@code Boolean}, {@link Bytes}, or a {@code List} for record formats); with fewer indices, the sub-view they
     * select (beyond CPython, zero-copy). {@code get()} on a 0-dim view is {@code mv[()]}. Negative indices count from
     * the end.
     *
     * @throws IndexOutOfBoundsException       {@code index out of bounds on dimension N}
     * @throws IllegalArgumentException        {@code invalid indexing of 0-dim memory},
     *                                         {@code cannot index 1-dimension view with 2-element tuple}
     * @throws UnsupportedOperationException   for an item format with no value ({@code memoryview: format w not supported})
     */
    public Object get(long... index) {
        checkReleased();
        int ndim = shape.length;
        if (ndim == 0) {
            if (index.length != 0) {
                throw new IllegalArgumentException("invalid indexing of 0-dim memory");
            }
            item.check();
            return readItem(offset);
        }
        if (index.length < ndim) {
            return subView(index);
        }
        item.check();
        if (index.length > ndim) {
            throw new IllegalArgumentException("cannot index " + ndim + "-dimension view with " + index.length
                    + "-element tuple");
        }
        return readItem(address(index));
    }

    /** {@code mv[i]} on a 1-D view without varargs; on an N-D view, the sub-view {@code mv[i]}. */
    public Object get(long i) {
        int m = mode;
        if ((m & (DENSE_LONG | LONG1)) != 0 && scalar.kind() != Scalar.Kind.BOOL) {
            return getLong(i); // an integer item that fits a long: the primitive path, boxed once at the end
        }
        if ((m & (DENSE_DOUBLE | DOUBLE1)) != 0 && scalar.kind() == Scalar.Kind.FLOAT) {
            return getDouble(i);
        }
        checkReleased();
        if (shape.length != 1 || suboffsets != null) {
            return get(new long[] {i});
        }
        item.check();
        return readItem(offset + checkIndex(i, n0, 1) * s0);
    }

    private Object readItem(long address) {
        try {
            return item.parsed.item(memory, address);
        } catch (InternalError e) {
            throw inaccessible(e);
        }
    }

    /** A new array of {@code n} bytes, or {@code null} when the heap cannot hold it now. */
    private static byte[] newBytes(int n) {
        try {
            return new byte[n];
        } catch (OutOfMemoryError e) {
            return null; // one failed allocation of one array: nothing else is left half-done
        }
    }

    /**
     * The exception for memory that faulted on access: the JDK reports a mapped file truncated under its mapping as
     * an {@code InternalError}; memview reports it as the memory having gone, like a released view.
     */
    private static IllegalStateException inaccessible(InternalError e) {
        return new IllegalStateException("memoryview: the memory is no longer accessible (was the mapped file "
                + "truncated by another process?): " + e.getMessage(), e);
    }

    /**
     * {@code mv[i] = value} for a 1-D view. The value must suit the format: an integral {@code Number} or
     * {@code Boolean} in range for integer formats, any {@code Number} for floats, a 1-byte {@link Bytes} or
     * {@code byte[]} for {@code 'c'}, a {@code List} for records. On an N-D view, {@code value} is a view or other
     * buffer of the sub-view's shape, copied into it (beyond CPython). Writing a record item stores its values and
     * leaves its pad bytes ({@code x} and native alignment) as they were.
     *
     * @throws ReadOnlyMemoryException  {@code cannot modify read-only memory}
     * @throws IllegalArgumentException {@code memoryview: invalid type for format 'B'},
     *                                  {@code memoryview: invalid value for format 'B'}
     */
    public void set(long index, Object value) {
        if (value instanceof Long v) {
            // Unboxed first, so that no later point where the JIT may deoptimize holds the box: then the caller's
            // box is eliminated when this call is inlined into a loop (a box kept alive there costs 10x).
            long x = v;
            if ((mode & (DENSE_SET | SET1)) != 0) {
                // The checks and the message of the general path, without its scratch buffer and boxing.
                setLong(index, x);
            } else {
                set(new long[] {index}, (Object) x);
            }
            return;
        }
        set(new long[] {index}, value);
    }

    /**
     * {@code mv[i, j, ...] = value}: an index per dimension writes one item (see {@link #set(long, Object)}); fewer
     * indices assign {@code value} (a view or other buffer of the same format and shape, CPython's rule for slice
     * assignment) to the sub-view they select, overlap-safe.
     */
    public void set(long[] index, Object value) {
        checkWritable();
        int ndim = shape.length;
        if (ndim == 0) {
            if (index.length != 0) {
                throw new IllegalArgumentException("invalid indexing of 0-dim memory");
            }
            writeItem(offset, value);
            return;
        }
        if (index.length < ndim) {
            try (MemoryView target = subView(index);
                 MemoryView src = value instanceof MemoryView v ? v.sameView() : MemoryView.of(value)) {
                // CPython's rule for slice assignment, in any dimension: same format, itemsize and shape, so that
                // bytes are never reinterpreted as another type's values
                if (!stripAt(src.item.text).equals(stripAt(item.text)) || src.itemsize != itemsize
                        || !Arrays.equals(src.shape, target.shape)) {
                    throw new IllegalArgumentException(
                            "memoryview assignment: lvalue and rvalue have different structures");
                }
                Copier.copy(src.layout(), target.layout());
            }
            return;
        }
        if (index.length > ndim) {
            throw new IllegalArgumentException("cannot index " + ndim + "-dimension view with " + index.length
                    + "-element tuple");
        }
        writeItem(address(index), value);
    }

    /** Checks in CPython's order for an assignment: released, format, read-only. */
    private void checkWritable() {
        checkReleased();
        item.check();
        if (readonly) {
            throw new ReadOnlyMemoryException("cannot modify read-only memory");
        }
    }

    private void writeItem(long address, Object value) {
        Format f = item.parsed;
        if (item.scalar != null) {
            // Convert first, then store: a conversion error leaves the item as it was.
            MemorySegment scratch = MemorySegment.ofArray(new byte[itemsize]);
            Format.packValue(item.field, scratch, item.valueOffset, value, Values.Style.MEMORYVIEW);
            checkReleased();
            try {
                MemorySegment.copy(scratch, item.valueOffset, memory, address + item.valueOffset, item.scalar.size());
            } catch (InternalError e) {
                throw inaccessible(e);
            }
            return;
        }
        Object[] values = recordValues(value, f);
        MemorySegment scratch = MemorySegment.ofArray(new byte[itemsize]);
        f.pack(scratch, 0, values, 0, Values.Style.MEMORYVIEW);
        checkReleased();
        // Only the value runs are stored: pad bytes ('x' and native alignment) keep what they hold.
        try {
            f.copyValues(scratch, 0, memory, address);
        } catch (InternalError e) {
            throw inaccessible(e);
        }
    }

    private Object[] recordValues(Object value, Format f) {
        if (f.valueCount() == 1) {
            return new Object[] {value};
        }
        if (!(value instanceof List<?> list)) {
            throw new IllegalArgumentException("memoryview: invalid type for format '" + item.text
                    + "': items are lists of " + f.valueCount() + " values");
        }
        if (list.size() != f.valueCount()) {
            throw new IllegalArgumentException("memoryview: invalid value for format '" + item.text + "': expected "
                    + f.valueCount() + " values, got " + list.size());
        }
        return list.toArray();
    }

    /**
     * The integer item {@code mv[i]} of a 1-D view, without boxing. Works for integer formats and {@code '?'} (0 or 1).
     *
     * @throws ArithmeticException      for an unsigned 64-bit value above {@code Long.MAX_VALUE}
     * @throws IllegalArgumentException for a format whose items are not integers
     */
    public long getLong(long i) {
        int m = mode;
        if ((m & (DENSE_LONG | LONG1)) != 0) {
            long k = index0(i);
            try {
                return (m & DENSE_LONG) != 0 ? scalar.getLongAt(dense, k) : scalar.getLong(memory, valueBase + k * s0);
            } catch (InternalError e) {
                throw inaccessible(e);
            }
        }
        return getLong(new long[] {i});
    }

    /**
     * Python's index {@code i} into dimension 0, checked. {@link Objects#checkIndex} is a JIT intrinsic that
     * range-check elimination understands, which lets loops over views compile like loops over arrays.
     */
    private long index0(long i) {
        long n = n0;
        long k = i < 0 ? i + n : i;
        try {
            return Objects.checkIndex(k, n);
        } catch (IndexOutOfBoundsException e) {
            throw indexError(1);
        }
    }

    /** {@link #index0} for dimension 1. */
    private long index1(long j) {
        long n = n1;
        long k = j < 0 ? j + n : j;
        try {
            return Objects.checkIndex(k, n);
        } catch (IndexOutOfBoundsException e) {
            throw indexError(2);
        }
    }

    /** The integer item {@code mv[i, j]} of a 2-D view, without boxing. */
    public long getLong(long i, long j) {
        if ((mode & LONG2) != 0) {
            long a = index0(i);
            long b = index1(j);
            try {
                // Along a contiguous row the item size is a literal of the codec, not the stride read from this
                // view: a loop over j then compiles (and vectorizes) like a hand-written one.
                return s1 == scalar.size() ? scalar.getLongAt(memory, valueBase + a * s0, b)
                        : scalar.getLong(memory, valueBase + a * s0 + b * s1);
            } catch (InternalError e) {
                throw inaccessible(e);
            }
        }
        return getLong(new long[] {i, j});
    }

    /** The integer item at {@code index}, one index per dimension. */
    public long getLong(long... index) {
        long address = scalarAddress(index);
        Scalar s = item.scalar;
        if (!s.isInteger() && s.kind() != Scalar.Kind.BOOL) {
            throw new IllegalArgumentException("memoryview: format '" + item.text + "' items are not integers"
                    + (s.kind() == Scalar.Kind.FLOAT ? "; use getDouble" : ""));
        }
        long v;
        try {
            v = s.getLong(memory, address);
        } catch (InternalError e) {
            throw inaccessible(e);
        }
        if (v < 0 && s.kind() == Scalar.Kind.UNSIGNED && s.size() == 8) {
            throw new ArithmeticException("item " + Long.toUnsignedString(v) + " of format '" + item.text
                    + "' does not fit in a long");
        }
        return v;
    }

    /** The item {@code mv[i]} of a 1-D view as a double, without boxing (integers are converted). */
    public double getDouble(long i) {
        int m = mode;
        if ((m & (DENSE_DOUBLE | DOUBLE1)) != 0) {
            long k = index0(i);
            try {
                return (m & DENSE_DOUBLE) != 0 ? scalar.getDoubleAt(dense, k)
                        : scalar.getDouble(memory, valueBase + k * s0);
            } catch (InternalError e) {
                throw inaccessible(e);
            }
        }
        return getDouble(new long[] {i});
    }

    /** The item {@code mv[i, j]} of a 2-D view as a double, without boxing. */
    public double getDouble(long i, long j) {
        if ((mode & DOUBLE2) != 0) {
            long a = index0(i);
            long b = index1(j);
            try {
                return scalar.getDouble(memory, valueBase + a * s0 + b * s1);
            } catch (InternalError e) {
                throw inaccessible(e);
            }
        }
        return getDouble(new long[] {i, j});
    }

    /** The item at {@code index} as a double. */
    public double getDouble(long... index) {
        long address = scalarAddress(index);
        Scalar s = item.scalar;
        if (s.kind() == Scalar.Kind.CHAR) {
            throw new IllegalArgumentException("memoryview: format '" + item.text + "' items are not numbers");
        }
        try {
            return s.getDouble(memory, address);
        } catch (InternalError e) {
            throw inaccessible(e);
        }
    }

    /**
     * {@code mv[i] = v} on a 1-D view, without boxing. Integer formats check the range
     * ({@code memoryview: invalid value for format 'B'}); float formats convert {@code v}; {@code '?'} stores
     * {@code v != 0}.
     */
    public void setLong(long i, long v) {
        int m = mode;
        if ((m & (DENSE_SET | SET1)) != 0) {
            long k = index0(i);
            if (!scalar.fits(v) && (v < item.lo || v > item.hi)) { // bounds wider than the type: 'P'
                throw invalidValue();
            }
            try {
                if ((m & DENSE_SET) != 0) {
                    scalar.setLongAt(dense, k, v);
                } else {
                    scalar.setLong(memory, valueBase + k * s0, v);
                }
            } catch (InternalError e) {
                throw inaccessible(e);
            }
            return;
        }
        setLong(new long[] {i}, v);
    }

    /** {@code mv[i, j] = v} on a 2-D view, without boxing. */
    public void setLong(long i, long j, long v) {
        if ((mode & SET2) != 0) {
            long a = index0(i);
            long b = index1(j);
            if (!scalar.fits(v) && (v < item.lo || v > item.hi)) {
                throw invalidValue();
            }
            try {
                scalar.setLong(memory, valueBase + a * s0 + b * s1, v);
            } catch (InternalError e) {
                throw inaccessible(e);
            }
            return;
        }
        setLong(new long[] {i, j}, v);
    }

    /** {@code mv[index] = v}, one index per dimension. */
    public void setLong(long[] index, long v) {
        checkWritable();
        long address = scalarAddress(index);
        Scalar s = item.scalar;
        try {
            switch (s.kind()) {
                case SIGNED, UNSIGNED -> {
                    if (v < item.lo || v > item.hi) {
                        throw invalidValue();
                    }
                    s.setLong(memory, address, v);
                }
                case FLOAT -> writeItem(address - item.valueOffset, v);
                case BOOL -> s.setLong(memory, address, v != 0 ? 1 : 0);
                case CHAR -> throw new IllegalArgumentException("memoryview: invalid type for format '" + item.code()
                        + "'");
            }
        } catch (InternalError e) {
            throw inaccessible(e);
        }
    }

    /** {@code mv[i] = v} on a 1-D view of a float format, without boxing (native {@code 'f'} rounds like a C cast). */
    public void setDouble(long i, double v) {
        setDouble(new long[] {i}, v);
    }

    /** {@code mv[i, j] = v} on a 2-D view of a float format, without boxing. */
    public void setDouble(long i, long j, double v) {
        setDouble(new long[] {i, j}, v);
    }

    /** {@code mv[index] = v}, one index per dimension. Integer formats refuse doubles, as CPython does. */
    public void setDouble(long[] index, double v) {
        checkWritable();
        long address = scalarAddress(index);
        Scalar s = item.scalar;
        try {
            switch (s.kind()) {
                case FLOAT -> {
                    Values.checkFloatRange(v, v, item.code(), s, item.field.nativeMode() && item.field.code() == 'f',
                            Values.Style.MEMORYVIEW);
                    s.setDouble(memory, address, v);
                }
                case BOOL -> s.setLong(memory, address, v != 0.0 ? 1 : 0);
                default -> throw new IllegalArgumentException("memoryview: invalid type for format '" + item.code()
                        + "'");
            }
        } catch (InternalError e) {
            throw inaccessible(e);
        }
    }

    /** The address of the scalar value at a full index, after the checks CPython makes for an item access. */
    private long scalarAddress(long[] index) {
        checkReleased();
        item.check();
        if (item.scalar == null) {
            throw new IllegalArgumentException("memoryview: format '" + item.text + "' items are "
                    + (item.field != null ? "byte strings" : "records of " + item.parsed.valueCount() + " values")
                    + "; use get");
        }
        int ndim = shape.length;
        if (index.length != ndim) {
            if (ndim == 0) {
                throw new IllegalArgumentException("invalid indexing of 0-dim memory");
            }
            if (index.length > ndim) {
                throw new IllegalArgumentException("cannot index " + ndim + "-dimension view with " + index.length
                        + "-element tuple");
            }
            throw new IllegalArgumentException("primitive access needs one index per dimension: " + ndim
                    + " indices, got " + index.length);
        }
        return (ndim == 0 ? offset : address(index)) + item.valueOffset;
    }

    private IllegalArgumentException invalidValue() {
        return new IllegalArgumentException("memoryview: invalid value for format '" + item.code() + "'");
    }

    private static IndexOutOfBoundsException indexError(int dim) {
        return new IndexOutOfBoundsException("index out of bounds on dimension " + dim);
    }

    private static long checkIndex(long i, long n, int dim) {
        long k = i < 0 ? i + n : i;
        if (k < 0 || k >= n) {
            throw indexError(dim);
        }
        return k;
    }

    /** The byte offset of the item at a full, unchecked index: bounds-checked per dimension, suboffsets followed. */
    private long address(long[] index) {
        if (suboffsets == null) {
            long p = offset;
            for (int d = 0; d < index.length; d++) {
                p += checkIndex(index[d], shape[d], d + 1) * strides[d];
            }
            return p;
        }
        long[] k = new long[index.length];
        for (int d = 0; d < index.length; d++) {
            k[d] = checkIndex(index[d], shape[d], d + 1);
        }
        return layout().address(k);
    }

    /** The sub-view {@code mv[i, j, ...]} for fewer indices than dimensions. */
    private MemoryView subView(long[] index) {
        Object[] keys = new Object[index.length];
        for (int i = 0; i < index.length; i++) {
            keys[i] = index[i];
        }
        return select(keys);
    }

    // ------------------------------------------------------------------------------------------------------ views

    /**
     * {@code mv[start:stop:step]}: a view of dimension 0 with Python's slice clamping (out-of-range bounds are
     * clamped, negative ones count from the end; use {@link Long#MAX_VALUE} / {@link Long#MIN_VALUE} where Python
     * leaves a bound out, so {@code [::-1]} is {@code slice(Long.MAX_VALUE, Long.MIN_VALUE, -1)}). Works on views of
     * any dimension and any format; never copies.
     *
     * @throws IllegalArgumentException {@code slice step cannot be zero}; {@code invalid indexing of 0-dim memory}
     */
    public MemoryView slice(long start, long stop, long step) {
        checkReleased();
        if (shape.length == 0) {
            throw new IllegalArgumentException("invalid indexing of 0-dim memory");
        }
        long[] r = Slices.indices(shape[0], start, stop, step);
        long[] newShape = shape.clone();
        newShape[0] = r[3];
        long[] newStrides = strides; // shared when the step is 1: views never modify their arrays
        if (r[2] != 1) {
            newStrides = strides.clone();
            newStrides[0] = strides[0] * r[2];
        }
        // Dimension 0 always moves the offset (CPython's init_slice), suboffsets or not.
        return derive(offset + r[0] * strides[0], item, itemsize, newShape, newStrides, suboffsets, readonly);
    }

    /**
     * The view selected by a subscript in Python's syntax, NumPy's basic indexing: integers pick (and drop) a
     * dimension, slices keep it, {@code ...} stands for the dimensions not named. {@code "1:3, ::2"},
     * {@code "..., 0"}, {@code "-1"}, {@code "::-1, 2"}, {@code "()"} (the view itself). Never copies.
     * {@snippet :
     * MemoryView m = MemoryView.of(new int[12]).cast("B").cast("i", 3, 4);
     * MemoryView corner = m.select("1:, ::2");   // shape (2, 2): rows 1-2, columns 0 and 2
     * MemoryView column = m.select("..., -1");   // shape (3,): the last column
     * }
     *
     * @throws IllegalArgumentException  for a subscript that does not parse (the message points at the character)
     *                                   or has too many indices ({@code too many indices for memoryview})
     * @throws IndexOutOfBoundsException for an index outside its dimension
     *                                   ({@code index 5 is out of bounds for axis 0 with size 3})
     * @throws UnsupportedOperationException on a view with suboffsets, for a sub-view no descriptor can hold (an
     *                                   integer index on an indirect dimension after a sliced one, or a start moved
     *                                   by a negative stride after an indirect dimension)
     */
    public MemoryView select(String subscript) {
        checkReleased();
        return select(Subscript.parseCached(subscript));
    }

    /**
     * The view selected by a mix of {@code Long} (or other integral, or {@code BigInteger}) indices, {@link Slice}s
     * and {@link Slice#ELLIPSIS}: the typed form of {@link #select(String)}.
     * {@snippet :
     * m.select(Slice.from(1), Slice.all().step(2));   // m[1:, ::2]
     * m.select(Slice.ELLIPSIS, -1L);                   // m[..., -1]
     * }
     */
    public MemoryView select(Object... keys) {
        checkReleased();
        Layout l = Selection.select(memory, offset, shape, strides, suboffsets, itemsize, keys);
        return derive(l.offset(), item, itemsize, l.shape(), l.strides(), l.suboffsets(), readonly);
    }


    /**
     * {@code mv.cast(format)}: this C-contiguous view's bytes as a 1-D view of {@code format}. As in CPython, one
     * side must be a byte format ({@code B}, {@code b}, {@code c}); beyond CPython, {@code format} may be any struct
     * format with at least one value ({@code "<i"}, {@code ">d"}, {@code "<iif"}).
     *
     * @throws IllegalArgumentException with CPython's messages ({@code memoryview: casts are restricted to
     *                                  C-contiguous views}, {@code memoryview: cannot cast between two non-byte
     *                                  formats}, {@code memoryview: length is not a multiple of itemsize}, …)
     */
    public MemoryView cast(String format) {
        return cast(format, (long[]) null);
    }

    /**
     * {@code mv.cast(format, shape)}: as {@link #cast(String)}, reshaped to {@code shape} (C order); an explicit
     * empty array is shape {@code ()}, a 0-dim view. One side of the cast must be 1-D.
     */
    public MemoryView cast(String format, long... shape) {
        checkReleased();
        if ((flags & F_C) == 0) {
            throw new IllegalArgumentException("memoryview: casts are restricted to C-contiguous views");
        }
        if ((shape != null || this.shape.length != 1) && Layouts.isEmpty(this.shape)) {
            throw new IllegalArgumentException("memoryview: cannot cast view with zeros in shape or strides");
        }
        if (shape != null) {
            if (shape.length > Layouts.MAX_NDIM) {
                throw new IllegalArgumentException("memoryview: number of dimensions must not exceed "
                        + Layouts.MAX_NDIM);
            }
            if (this.shape.length != 1 && shape.length != 1) {
                throw new IllegalArgumentException("memoryview: cast must be 1D -> ND or ND -> 1D");
            }
        }
        ItemFormat dest = castDestination(format);
        int newItemsize = dest.itemsize; // the format's size: castDestination resolves it at that size
        char c = item.nativeChar; // '\0' unless the format is one native character after an optional '@'
        boolean srcByte = c == 'B' || c == 'b' || c == 'c';
        char d = dest.nativeChar;
        if (!srcByte && d != 'B' && d != 'b' && d != 'c') {
            throw new IllegalArgumentException("memoryview: cannot cast between two non-byte formats");
        }
        long len = Layouts.product(this.shape) * itemsize;
        if (len % newItemsize != 0) {
            throw new IllegalArgumentException("memoryview: length is not a multiple of itemsize");
        }
        long[] newShape;
        if (shape == null) {
            newShape = new long[] {len / newItemsize};
        } else if (shape.length == 0) {
            if (len != newItemsize) {
                throw new IllegalArgumentException("memoryview: product(shape) * itemsize != buffer size");
            }
            newShape = new long[0];
        } else {
            long p = newItemsize;
            for (long s : shape) {
                if (s <= 0) {
                    throw new IllegalArgumentException("memoryview.cast(): elements of shape must be integers > 0");
                }
                if (p > Long.MAX_VALUE / s) {
                    throw new IllegalArgumentException("memoryview.cast(): product(shape) > SSIZE_MAX");
                }
                p *= s;
            }
            if (p != len) {
                throw new IllegalArgumentException("memoryview: product(shape) * itemsize != buffer size");
            }
            newShape = shape.clone();
        }
        long[] newStrides = shape == null ? unitStrides(newItemsize) : Layouts.cStrides(newShape, newItemsize);
        return derive(offset, dest, newItemsize, newShape, newStrides, null, readonly);
    }

    /** Destination formats already resolved, by text (bounded: cleared when full, as {@code ItemFormat}'s cache). */
    private static final java.util.concurrent.ConcurrentHashMap<String, ItemFormat> CAST_DESTINATIONS =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** The destination format of a cast: a native character (CPython), or any struct format with values. */
    private static ItemFormat castDestination(String format) {
        ItemFormat f = CAST_DESTINATIONS.get(format);
        if (f == null) {
            f = resolveCastDestination(format);
            if (CAST_DESTINATIONS.size() > 1024) {
                CAST_DESTINATIONS.clear();
            }
            CAST_DESTINATIONS.putIfAbsent(format, f);
        }
        return f;
    }

    private static ItemFormat resolveCastDestination(String format) {
        String f = format.startsWith("@") ? format.substring(1) : format;
        if (f.length() == 1 && "cbBhHiIlLqQnNfde?P".indexOf(f.charAt(0)) >= 0) {
            return ItemFormat.of(format, (int) Format.of(f).size());
        }
        try {
            Format parsed = Format.of(format);
            if (parsed.valueCount() >= 1 && parsed.size() > 0 && parsed.size() <= Integer.MAX_VALUE) {
                return ItemFormat.of(format, (int) parsed.size());
            }
        } catch (RuntimeException e) {
            // not a struct format
        }
        throw new IllegalArgumentException("memoryview: destination format must be a native single character format "
                + "prefixed with an optional '@'");
    }

    /** {@code mv.toreadonly()}: a new read-only view of the same memory. */
    public MemoryView toReadOnly() {
        checkReleased();
        return derive(offset, item, itemsize, shape, strides, suboffsets, true);
    }

    /** {@return the view with its dimensions in reverse order (NumPy's {@code .T}), zero-copy} */
    public MemoryView transpose() {
        checkReleased();
        int ndim = shape.length;
        if (suboffsets == null) { // permute's result without its checks, which a reversal always passes
            long[] newShape = new long[ndim];
            long[] newStrides = new long[ndim];
            for (int k = 0; k < ndim; k++) {
                newShape[k] = shape[ndim - 1 - k];
                newStrides[k] = strides[ndim - 1 - k];
            }
            return derive(offset, item, itemsize, newShape, newStrides, null, readonly);
        }
        int[] axes = new int[shape.length];
        for (int i = 0; i < axes.length; i++) {
            axes[i] = axes.length - 1 - i;
        }
        return permute(axes);
    }

    /**
     * The view with dimension {@code axes[k]} of this view as its dimension {@code k} (NumPy's {@code transpose(axes)}),
     * zero-copy.
     *
     * @throws IllegalArgumentException when {@code axes} is not a permutation of the dimensions
     */
    public MemoryView permute(int... axes) {
        checkReleased();
        int ndim = shape.length;
        if (axes.length != ndim) {
            throw new IllegalArgumentException("axes don't match memoryview: " + axes.length + " axes for " + ndim
                    + " dimensions");
        }
        boolean[] seen = new boolean[ndim];
        long[] newShape = new long[ndim];
        long[] newStrides = new long[ndim];
        long[] newSub = suboffsets == null ? null : new long[ndim];
        for (int k = 0; k < ndim; k++) {
            int a = axes[k] < 0 ? axes[k] + ndim : axes[k];
            if (a < 0 || a >= ndim) {
                throw new IllegalArgumentException("axis " + axes[k] + " is out of bounds for memoryview of dimension "
                        + ndim);
            }
            if (seen[a]) {
                throw new IllegalArgumentException("repeated axis in transpose");
            }
            seen[a] = true;
            newShape[k] = shape[a];
            newStrides[k] = strides[a];
            if (newSub != null) {
                newSub[k] = suboffsets[a];
            }
        }
        if (newSub != null && !Arrays.equals(newSub, suboffsets)) {
            throw new UnsupportedOperationException("memoryview: cannot reorder the dimensions of a view with suboffsets");
        }
        return derive(offset, item, itemsize, newShape, newStrides, newSub, readonly);
    }

    // ----------------------------------------------------------------------------------------------------- export

    /** {@code mv.tobytes()}: the items' bytes in C order, as a new array. */
    public byte[] toBytes() {
        return toBytes('C');
    }

    /**
     * {@code mv.tobytes(order)}: the items' bytes in C ({@code 'C'}) or Fortran ({@code 'F'}) order; {@code 'A'} keeps
     * the memory's own order when it is contiguous, else C.
     *
     * @throws IllegalArgumentException {@code order must be 'C', 'F' or 'A'}, or when the result exceeds a Java array
     */
    public byte[] toBytes(char order) {
        checkReleased();
        if (order != 'C' && order != 'F' && order != 'A') {
            throw new IllegalArgumentException("order must be 'C', 'F' or 'A'");
        }
        long n = Layouts.product(shape) * itemsize;
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("tobytes() of " + n + " bytes: a Java array holds at most 2147483639;"
                    + " use writeTo or copyTo for views this large");
        }
        byte[] out = n > Runtime.getRuntime().maxMemory() ? null : newBytes((int) n); // null: cannot fit the heap
        if (out == null) {
            throw new IllegalArgumentException("tobytes() of " + n + " bytes does not fit in the Java heap ("
                    + Runtime.getRuntime().maxMemory() + " bytes at most); use writeTo or copyTo for views this large");
        }
        boolean fortran = order == 'F' || (order == 'A' && (flags & F_C) == 0 && (flags & F_FORTRAN) != 0);
        MemorySegment dst = MemorySegment.ofArray(out);
        try {
            Copier.copy(layout(), new Layout(dst, 0, shape, fortran ? Layouts.fStrides(shape, itemsize)
                    : Layouts.cStrides(shape, itemsize), null, itemsize));
        } catch (InternalError e) {
            throw inaccessible(e);
        }
        return out;
    }

    /** {@code mv.hex()}: two lowercase hex digits per byte of {@link #toBytes()}. */
    public String hex() {
        checkReleased();
        return hexOf(-1, 1);
    }

    /** {@code mv.hex(sep)}: the hex with {@code sep} (one ASCII character) between bytes. */
    public String hex(String sep) {
        checkReleased();
        return hexOf(Hex.separator(sep), 1);
    }

    /**
     * {@code mv.hex(sep, bytes_per_sep)}: {@code sep} between groups of {@code bytesPerSep} bytes, counted from the
     * right when positive and from the left when negative.
     *
     * @throws IllegalArgumentException {@code sep must be length 1.}, {@code sep must be ASCII.}
     */
    public String hex(String sep, int bytesPerSep) {
        checkReleased();
        return hexOf(Hex.separator(sep), bytesPerSep);
    }

    private String hexOf(int sep, int bytesPerSep) {
        long n = Layouts.product(shape) * itemsize;
        if ((flags & F_C) != 0) {
            try {
                return Hex.hex(memory, offset, n, sep, bytesPerSep);
            } catch (InternalError e) {
                throw inaccessible(e);
            }
        }
        if (n > Hex.MAX_BYTES) {
            throw new IllegalArgumentException("hex() of " + n + " bytes would be longer than a Java string can hold");
        }
        return Hex.hex(MemorySegment.ofArray(toBytes()), 0, n, sep, bytesPerSep);
    }

    /**
     * {@code mv.tolist()}: the items as nested {@code List}s following the shape (the item itself for a 0-dim view).
     *
     * @throws UnsupportedOperationException for an item format with no value
     * @throws IllegalArgumentException      when the view has more items than a Java list can hold
     */
    public Object toList() {
        checkReleased();
        item.check();
        if (shape.length == 0) {
            return readItem(offset);
        }
        long n = Layouts.product(shape);
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("tolist() of " + n + " items: a Java list holds at most 2147483639");
        }
        // A list of boxed values costs a reference and (except for cached booleans) a box per value: refuse what
        // cannot fit the heap before building it, rather than exhausting memory.
        long perItem = 4 + (item.scalar != null && item.scalar.kind() == Scalar.Kind.BOOL ? 0
                : 16 * Math.min(1 << 16, Math.max(1, item.parsed.valueCount())));
        long heap = Runtime.getRuntime().maxMemory();
        if (n > heap / perItem) {
            throw new IllegalArgumentException("tolist() of " + n + " items needs about " + n * perItem / (1 << 20)
                    + " MiB, more than the Java heap holds (" + heap + " bytes at most)");
        }
        Layout l = layout();
        try {
            return toList(l, 0, offset, new long[shape.length]);
        } catch (InternalError e) {
            throw inaccessible(e);
        } catch (OutOfMemoryError e) {
            throw new IllegalArgumentException("tolist() of " + n + " items does not fit in the Java heap (" + heap
                    + " bytes at most)");
        }
    }

    private List<Object> toList(Layout l, int dim, long base, long[] idx) {
        int n = (int) shape[dim];
        Object[] out = new Object[n];
        if (suboffsets != null) {
            for (int i = 0; i < n; i++) {
                idx[dim] = i;
                out[i] = dim == shape.length - 1 ? readItem(l.address(idx)) : toList(l, dim + 1, 0, idx);
            }
            idx[dim] = 0;
            return new Tuple(out);
        }
        long p = base;
        if (dim == shape.length - 1 && n > io.memview.internal.format.ChunkedTuple.CHUNK) {
            // A long row in chunks: one huge reference array filled with new items is slow to collect (G1).
            Format f = item.parsed;
            int c = io.memview.internal.format.ChunkedTuple.CHUNK;
            Object[][] chunks = new Object[(n + c - 1) / c][];
            for (int k = 0; k < chunks.length; k++) {
                Object[] chunk = new Object[Math.min(c, n - k * c)];
                for (int i = 0; i < chunk.length; i++, p += strides[dim]) {
                    chunk[i] = f.item(memory, p);
                }
                chunks[k] = chunk;
            }
            return new io.memview.internal.format.ChunkedTuple(chunks, n);
        }
        if (dim == shape.length - 1) {
            Format f = item.parsed;
            for (int i = 0; i < n; i++, p += strides[dim]) {
                out[i] = f.item(memory, p);
            }
        } else {
            for (int i = 0; i < n; i++, p += strides[dim]) {
                out[i] = toList(l, dim + 1, p, idx);
            }
        }
        return new Tuple(out);
    }

    /**
     * {@code mv.count(value)} (Python 3.14): how many items ({@code ==}) equal {@code value}; on an N-D view, how
     * many sub-views along dimension 0 do.
     *
     * @throws IllegalArgumentException {@code invalid indexing of 0-dim memory}
     */
    public long count(Object value) {
        checkReleased();
        if (shape.length == 0) {
            throw new IllegalArgumentException("invalid indexing of 0-dim memory");
        }
        long c = 0;
        if ((mode & (DENSE_LONG | LONG1)) != 0 && isLongValue(value)) {
            // Integer items against an integer: Python's == is == on the longs; no boxing.
            long v = ((Number) value).longValue();
            try {
                return (mode & DENSE_LONG) != 0 ? Compare.countLongs(scalar, dense, 0, scalar.size(), n0, v)
                        : Compare.countLongs(scalar, memory, valueBase, s0, n0, v);
            } catch (InternalError e) {
                throw inaccessible(e);
            }
        }
        for (Object o : this) {
            if (o == value || PyEq.eq(o, value)) {
                c++;
            }
        }
        return c;
    }

    /** {@code mv.index(value)} (Python 3.14): the first index whose item equals {@code value}. */
    public long index(Object value) {
        return index(value, 0, Long.MAX_VALUE);
    }

    /**
     * {@code mv.index(value, start, stop)} (Python 3.14): the first index in {@code [start, stop)} (negative bounds
     * count from the end, then are clamped) whose item ({@code ==}) equals {@code value}.
     *
     * @throws IllegalArgumentException {@code memoryview.index(x): x not found}, {@code invalid lookup on 0-dim memory}
     */
    public long index(Object value, long start, long stop) {
        checkReleased();
        if (shape.length == 0) {
            throw new IllegalArgumentException("invalid lookup on 0-dim memory");
        }
        long n = shape[0];
        if (start < 0) {
            start = Math.max(start + n, 0);
        }
        if (stop < 0) {
            stop = Math.max(stop + n, 0);
        }
        stop = Math.min(stop, n);
        if ((mode & (DENSE_LONG | LONG1)) != 0 && isLongValue(value)) {
            long v = ((Number) value).longValue();
            long i;
            try {
                i = (mode & DENSE_LONG) != 0 ? Compare.indexLong(scalar, dense, 0, scalar.size(), start, stop, v)
                        : Compare.indexLong(scalar, memory, valueBase, s0, start, stop, v);
            } catch (InternalError e) {
                throw inaccessible(e);
            }
            if (i >= 0) {
                return i;
            }
            throw new IllegalArgumentException("memoryview.index(x): x not found");
        }
        for (long i = start; i < stop; i++) {
            Object o = get(i);
            if (o == value || PyEq.eq(o, value)) {
                return i;
            }
        }
        throw new IllegalArgumentException("memoryview.index(x): x not found");
    }

    private static boolean isLongValue(Object v) {
        return v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte;
    }

    /**
     * Iterates over the items of a 1-D view ({@code iter(mv)}), or the sub-views along dimension 0 of an N-D view
     * (beyond CPython). The iterator re-checks release at every step.
     *
     * @throws IllegalArgumentException {@code invalid indexing of 0-dim memory}
     */
    @Override
    public Iterator<Object> iterator() {
        checkReleased();
        if (shape.length == 0) {
            throw new IllegalArgumentException("invalid indexing of 0-dim memory");
        }
        if (shape.length == 1) {
            item.check();
        }
        long n = n0;
        return new Iterator<>() {
            private long i;

            @Override
            public boolean hasNext() {
                return i < n;
            }

            @Override
            public Object next() {
                if (i >= n) {
                    throw new NoSuchElementException();
                }
                checkReleased();
                return get(i++);
            }
        };
    }

    /**
     * The integer items of a 1-D view in order, without boxing.
     *
     * @throws IllegalArgumentException for a format whose items are not integers
     */
    public LongStream longs() {
        checkReleased();
        requireDims(1);
        getLongCheck();
        return LongStream.range(0, n0).map(this::getLong);
    }

    /** The items of a 1-D view as doubles, in order, without boxing. */
    public DoubleStream doubles() {
        checkReleased();
        requireDims(1);
        return LongStream.range(0, n0).mapToDouble(this::getDouble);
    }

    private void getLongCheck() {
        item.check();
        Scalar s = item.scalar;
        if (s == null || !(s.isInteger() || s.kind() == Scalar.Kind.BOOL)) {
            throw new IllegalArgumentException("memoryview: format '" + item.text + "' items are not integers");
        }
    }

    private void requireDims(int n) {
        if (shape.length != n) {
            throw new IllegalArgumentException("needs a " + n + "-dimensional view, not " + shape.length
                    + "-dimensional");
        }
    }

    // -------------------------------------------------------------------------------------------- copies and I/O

    /**
     * Python's slice assignment {@code mv[start:stop:step] = value} on a 1-D view, with CPython's rules: {@code value}
     * must export a 1-D buffer of the same format (a leading {@code '@'} aside), itemsize and length. Bytes are copied
     * as they are (no value conversion), overlap-safe: {@code m.setSlice(0, 3, 1, m.slice(2, 5, 1))} is correct.
     *
     * @throws IllegalArgumentException {@code memoryview assignment: lvalue and rvalue have different structures}
     */
    public void setSlice(long start, long stop, long step, Object value) {
        checkWritable();
        if (shape.length == 0) {
            throw new IllegalArgumentException("invalid indexing of 0-dim memory");
        }
        if (shape.length != 1) {
            throw new UnsupportedOperationException(
                    "memoryview slice assignments are currently restricted to ndim = 1");
        }
        if (!(value instanceof MemoryView) && Exporters.of(value) == null) {
            throw new IllegalArgumentException("a bytes-like object is required, not '"
                    + io.memview.internal.PyTypes.name(value) + "'");
        }
        try (MemoryView src = value instanceof MemoryView v ? v.sameView() : MemoryView.of(value);
             MemoryView dst = slice(start, stop, step)) {
            if (!stripAt(src.item.text).equals(stripAt(item.text)) || src.itemsize != itemsize
                    || src.shape.length != 1 || src.shape[0] != dst.shape[0]) {
                throw new IllegalArgumentException(
                        "memoryview assignment: lvalue and rvalue have different structures");
            }
            try {
                Copier.copy(src.layout(), dst.layout());
            } catch (InternalError e) {
                throw inaccessible(e);
            }
        }
    }

    private static String stripAt(String f) {
        return f.startsWith("@") ? f.substring(1) : f;
    }

    /**
     * Copies the items of {@code source} — a view or anything {@link #of(Object)} accepts — into this view. The
     * shapes must be equal and the item sizes too; bytes are copied as they are. Any strides on either side; overlap
     * is safe.
     *
     * @throws IllegalArgumentException when the shapes or item sizes differ
     */
    public void copyFrom(Object source) {
        checkReleased();
        if (readonly) {
            throw new ReadOnlyMemoryException("cannot modify read-only memory");
        }
        try (MemoryView src = source instanceof MemoryView v ? v.sameView() : MemoryView.of(source)) {
            if (!Arrays.equals(src.shape, shape) || src.itemsize != itemsize) {
                throw new IllegalArgumentException("memoryview assignment: lvalue and rvalue have different structures"
                        + ": shape " + Arrays.toString(shape) + " itemsize " + itemsize + " from shape "
                        + Arrays.toString(src.shape) + " itemsize " + src.itemsize);
            }
            try {
                Copier.copy(src.layout(), layout());
            } catch (InternalError e) {
                throw inaccessible(e);
            }
        }
    }

    /** Copies this view's items into {@code target}, a writable view of the same shape and item size. */
    public void copyTo(MemoryView target) {
        target.copyFrom(this);
    }

    /**
     * A segment over this view's bytes, zero-copy, when the view is C-contiguous (read-only when the view is).
     *
     * @throws IllegalStateException when the view is not C-contiguous (copy it with {@link #toBytes()} instead)
     */
    public MemorySegment asSegment() {
        checkReleased();
        if ((flags & F_C) == 0) {
            throw new BufferError("memoryview: underlying buffer is not C-contiguous");
        }
        MemorySegment s = memory.asSlice(offset, Layouts.product(shape) * itemsize);
        return readonly ? s.asReadOnly() : s;
    }

    /**
     * A {@link ByteBuffer} over this view's bytes, zero-copy, when the view is C-contiguous and at most 2 GiB
     * (read-only when the view is). Its position is 0 and its byte order big-endian, as for every new ByteBuffer.
     */
    public ByteBuffer asByteBuffer() {
        return asSegment().asByteBuffer();
    }

    /**
     * Writes the items' bytes in C order to {@code channel}, streaming: any layout, any size, through a buffer of at
     * most 1 MiB, never a copy of the whole view.
     *
     * @return the number of bytes written: {@link #nbytes()}
     */
    public long writeTo(WritableByteChannel channel) throws IOException {
        checkReleased();
        return Streaming.writeTo(layout(), (flags & F_C) != 0, channel);
    }

    /**
     * Fills the items, in C order, with bytes read from {@code channel}, streaming through a buffer of at most 1 MiB.
     * When the channel ends early, the items it filled completely are written and the rest are left as they were.
     *
     * @return the number of bytes read: {@link #nbytes()}, or fewer when the channel ended first
     */
    public long readFrom(ReadableByteChannel channel) throws IOException {
        checkReleased();
        if (readonly) {
            throw new ReadOnlyMemoryException("cannot modify read-only memory");
        }
        return Streaming.readFrom(layout(), channel);
    }

    /** {@return a new view identical to this one, sharing its buffer} */
    private MemoryView sameView() {
        checkReleased();
        return derive(offset, item, itemsize, shape, strides, suboffsets, readonly);
    }

    /** The layout of this view for the copy and compare engines. */
    Layout layout() {
        return new Layout(memory, offset, shape, strides, suboffsets, itemsize);
    }

    // ------------------------------------------------------------------------------------------ equality and hash

    /**
     * Python's {@code ==}: {@code other} is a view or any buffer ({@code byte[]}, {@link Bytes}, …); shapes must be
     * equivalent and every item equal by value through the two formats. A view equals itself even when it holds NaN
     * (Java's contract); a released view equals only itself. Objects without a buffer are unequal.
     */
    @Override
    public boolean equals(Object other) {
        if (other == this) {
            return true;
        }
        if (released || other == null) {
            return false;
        }
        if (other instanceof MemoryView w) {
            if (w.released) {
                return false;
            }
            try {
                return Compare.equal(layout(), item.text, item.nativeChar, item.parsed, w.layout(), w.item.text,
                        w.item.nativeChar, w.item.parsed);
            } catch (InternalError e) {
                return false; // memory that faults on access (a truncated mapped file) equals only itself
            }
        }
        if (Exporters.of(other) == null) {
            return false;
        }
        MemoryView w;
        try {
            w = MemoryView.of(other);
        } catch (RuntimeException ex) {
            return false;
        }
        try (w) {
            return equals(w);
        }
    }

    /**
     * A hash of the shape and the item values, consistent with {@link #equals}: views that compare equal hash alike
     * whatever their formats, and a {@code 'B'} view hashes like the {@link Bytes} with the same bytes. Never throws;
     * cached for read-only views. A view whose format has no values hashes its bytes.
     */
    @Override
    public int hashCode() {
        if (hashed) {
            return hash;
        }
        if (released) {
            return System.identityHashCode(this);
        }
        int h;
        try {
            h = Compare.hash(layout(), item.parsed);
        } catch (InternalError e) {
            return System.identityHashCode(this); // never throws: memory that faults hashes like a released view
        }
        if (readonly) {
            hash = h;
            hashed = true;
        }
        return h;
    }

    /** {@return CPython's repr: {@code <memory at 0x...>}, or {@code <released memory at 0x...>}} */
    @Override
    public String toString() {
        return (released ? "<released memory at 0x" : "<memory at 0x")
                + Integer.toHexString(System.identityHashCode(this)) + ">";
    }

    // ------------------------------------------------------------------------------------------- buffer protocol

    /**
     * Exports this view to a consumer, as CPython's memoryview answers a buffer request: a writable request on a
     * read-only view fails with {@code memoryview: underlying buffer is not writable}, contiguity requests with
     * {@code memoryview: underlying buffer is not C-contiguous} and the like, a request without
     * {@link BufferFlags#INDIRECT} on a view with suboffsets with {@code memoryview: underlying buffer requires
     * suboffsets}. Each export counts until {@link #releaseBuffer}; a view with exports cannot be released.
     */
    @Override
    public Buffer getBuffer(int flags) {
        checkReleased();
        Buffer full = Buffer.trusted(memory, offset, item.text, itemsize, shape, strides, suboffsets, readonly, this);
        Buffer b = full.reduce(flags, "memoryview: underlying buffer is not writable", "memoryview: ", true);
        synchronized (this) {
            checkReleased();
            exports++;
        }
        return b;
    }

    @Override
    public void releaseBuffer(Buffer buffer) {
        synchronized (this) {
            if (exports <= 0) {
                throw new IllegalStateException("releaseBuffer without a matching getBuffer");
            }
            exports--;
        }
    }

    /**
     * Releases this view: {@code mv.release()}. Idempotent. When it was the last view of its exporter's buffer, the
     * buffer is handed back (a mapped file is unmapped, a {@link ByteArray} may resize again).
     *
     * @throws BufferError {@code memoryview has 1 exported buffer} while a consumer holds a buffer from this view
     */
    public void release() {
        synchronized (this) {
            if (released) {
                return;
            }
            if (exports > 0) {
                throw new BufferError("memoryview has " + exports + " exported buffer" + (exports == 1 ? "" : "s"));
            }
            released = true;
            mode = 0;
        }
        if (cleanable != null) {
            cleanable.clean();
        }
    }

    /** {@link #release()}: try-with-resources is Python's {@code with memoryview(x) as m:}. */
    @Override
    public void close() {
        release();
    }

    private void checkReleased() {
        if (released) {
            throw new IllegalStateException(RELEASED);
        }
    }
}
