package io.memview;

import io.memview.internal.Layouts;
import io.memview.internal.format.Format;
import io.memview.struct.StructError;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.Objects;

/**
 * A validated description of exported memory: Python's {@code Py_buffer}. It names a {@link MemorySegment}, the byte
 * offset of item {@code [0, …, 0]}, the item format and size, and the shape, strides and (for PIL-style indirect
 * arrays) suboffsets that place every item.
 *
 * <h2 id="validation">Validated once</h2>
 * {@link Builder#build()} proves, with overflow-checked arithmetic, that every byte any index can reach lies inside
 * the segment — negative strides and zero-length dimensions included — so that views built on a buffer never check
 * bounds again. Anything else is an {@link IllegalArgumentException} naming the field that is wrong.
 * {@snippet :
 * MemorySegment pixels = MemorySegment.ofArray(new byte[12]);
 * Buffer b = Buffer.builder(pixels)
 *         .format("<H")          // little-endian unsigned 16-bit
 *         .shape(2, 3)           // 2 rows of 3; strides default to C order: (6, 2)
 *         .build();
 * }
 *
 * A layout that reaches outside is refused, naming the field:
 * {@snippet :
 * Buffer.builder(MemorySegment.ofArray(new byte[8]))
 *         .shape(2).strides(-1)   // item 1 would be at byte -1
 *         .build();               // IllegalArgumentException: shape [2] and strides [-1] at offset 0 reach
 *                                 // outside the 8-byte segment
 * Buffer reversed = Buffer.builder(MemorySegment.ofArray(new byte[8]))
 *         .offset(7).shape(8).strides(-1)   // the 8 bytes backwards: fine
 *         .build();
 * }
 *
 * <h2 id="suboffsets">Suboffsets</h2>
 * Where {@code suboffsets[d] >= 0}, the address reached after dimension {@code d} holds a pointer, which is followed
 * and {@code suboffsets[d]} added. Pointers are 8-byte native-order byte offsets from the start of the segment (a
 * heap segment's address is 0; for native memory, the address minus the segment's base address). The builder
 * follows the pointers it finds (up to 65536 of them) and refuses any that lead outside; since pointers live in memory
 * that can change, views check every dereference again when it happens.
 * {@snippet :
 * MemorySegment m = MemorySegment.ofArray(new byte[16 + 6]);
 * m.set(ValueLayout.JAVA_LONG_UNALIGNED, 0, 16);     // row 0 starts at byte 16
 * m.set(ValueLayout.JAVA_LONG_UNALIGNED, 8, 19);     // row 1 at byte 19
 * Buffer pil = Buffer.builder(m)
 *         .shape(2, 3).strides(8, 1)                 // two pointers, then three bytes per row
 *         .suboffsets(0, -1)                         // dimension 0 is indirect
 *         .build();
 * MemoryView.of(pil).getLong(1, 2);                  // the byte at 19 + 2
 * }
 *
 * <h2 id="requests">Requests</h2>
 * A buffer as built is complete. {@link #forRequest(int)} checks a consumer's {@link BufferFlags} against it and
 * returns it reduced to what was asked (no shape for a {@link BufferFlags#SIMPLE} request, no format without
 * {@link BufferFlags#FORMAT}, …), so that every exporter answers requests the same way:
 * {@snippet :
 * Buffer full = Buffer.builder(MemorySegment.ofArray(new int[6])).format("i").shape(2, 3).build();
 * full.forRequest(BufferFlags.FULL_RO).shape();   // [2, 3]
 * full.forRequest(BufferFlags.SIMPLE).shape();    // null: a consumer of plain bytes
 * full.forRequest(BufferFlags.SIMPLE).format();   // null: unsigned bytes ('B'), itemsize still 4
 * }
 *
 * <h2 id="threads">Thread safety</h2>
 * Buffers are immutable and thread-safe; array accessors return copies. The memory they describe is not
 * synchronized: readers and writers on different threads coordinate as for any shared memory. A {@link Builder} is
 * a mutable, single-threaded object.
 */
public final class Buffer {
    private final MemorySegment memory;
    private final long offset;
    private final String format;
    private final int itemsize;
    private final long[] shape;
    private final long[] strides;
    private final long[] suboffsets;
    private final boolean readonly;
    private final Object obj;
    private final boolean hasShape;
    private final boolean hasStrides;
    private final long len;

    private Buffer(MemorySegment memory, long offset, String format, int itemsize, long[] shape, long[] strides,
                   long[] suboffsets, boolean readonly, Object obj, boolean hasShape, boolean hasStrides, long len) {
        this.memory = memory;
        this.offset = offset;
        this.format = format;
        this.itemsize = itemsize;
        this.shape = shape;
        this.strides = strides;
        this.suboffsets = suboffsets;
        this.readonly = readonly;
        this.obj = obj;
        this.hasShape = hasShape;
        this.hasStrides = hasStrides;
        this.len = len;
    }

    /** A buffer whose layout the caller has already proven to lie inside {@code memory} (a view exporting itself). */
    static Buffer trusted(MemorySegment memory, long offset, String format, int itemsize, long[] shape,
                          long[] strides, long[] suboffsets, boolean readonly, Object obj) {
        return new Buffer(memory, offset, format, itemsize, shape, strides, suboffsets, readonly, obj, true, true,
                Layouts.product(shape) * itemsize);
    }

    /** A builder of a buffer over {@code memory}: by default the whole segment as unsigned bytes ({@code 'B'}). */
    public static Builder builder(MemorySegment memory) {
        return new Builder(Objects.requireNonNull(memory, "memory"));
    }

    /** {@return the memory the items live in} */
    public MemorySegment memory() { return memory; }

    /** {@return the byte offset in {@link #memory()} of item [0, …, 0]} */
    public long offset() { return offset; }

    /** {@return the struct format of one item, or {@code null} when the request did not ask for it (unsigned bytes)} */
    public String format() { return format; }

    /** {@return the size in bytes of one item} */
    public int itemsize() { return itemsize; }

    /** {@return the number of dimensions} */
    public int ndim() { return hasShape ? shape.length : 1; }

    /** {@return the extent of each dimension (a copy), or {@code null} when the request did not ask for it} */
    public long[] shape() { return hasShape ? shape.clone() : null; }

    /** {@return the byte step of each dimension (a copy), or {@code null} for C-contiguous memory not asked for them} */
    public long[] strides() { return hasStrides ? strides.clone() : null; }

    /** {@return the suboffsets (a copy), or {@code null} when the buffer has none} */
    public long[] suboffsets() { return suboffsets == null ? null : suboffsets.clone(); }

    /** {@return whether the memory may not be written through this buffer} */
    public boolean readonly() { return readonly; }

    /** {@return the exporting object, or {@code null}} */
    public Object obj() { return obj; }

    /** {@return the number of bytes the items occupy: {@code product(shape) * itemsize}} */
    public long len() { return len; }

    // Unchecked views of the complete layout, for the view engine in this package.
    long[] fullShape() { return shape; }
    long[] fullStrides() { return strides; }
    long[] rawSuboffsets() { return suboffsets; }

    /**
     * This buffer checked against and reduced to a consumer's request, as an exporter answers it: {@code flags} are
     * {@link BufferFlags}. A read-only buffer refuses {@link BufferFlags#WRITABLE}; a layout that is not contiguous
     * refuses contiguity requests and requests without strides; a buffer with suboffsets refuses requests without
     * {@link BufferFlags#INDIRECT}. What was not asked for is left out: the format without
     * {@link BufferFlags#FORMAT}, strides without {@link BufferFlags#STRIDES}, the shape without
     * {@link BufferFlags#ND}.
     *
     * @throws BufferError with CPython's message when the request cannot be honoured
     */
    public Buffer forRequest(int flags) {
        return reduce(flags, "Object is not writable.", "", false);
    }

    /** {@link #forRequest} with memoryview's messages and its extra rule for SIMPLE|FORMAT requests. */
    Buffer reduce(int flags, String notWritable, String prefix, boolean memoryviewRules) {
        checkRequest(flags);
        if ((flags & BufferFlags.WRITABLE) != 0 && readonly) {
            throw new BufferError(notWritable);
        }
        boolean wantFormat = (flags & BufferFlags.FORMAT) != 0;
        boolean pil = suboffsets != null;
        boolean c = Layouts.isC(shape, strides, itemsize, pil);
        boolean f = Layouts.isF(shape, strides, itemsize, pil);
        if ((flags & BufferFlags.C_CONTIGUOUS) == BufferFlags.C_CONTIGUOUS && !c) {
            throw new BufferError(prefix + "underlying buffer is not C-contiguous");
        }
        if ((flags & BufferFlags.F_CONTIGUOUS) == BufferFlags.F_CONTIGUOUS && !f) {
            throw new BufferError(prefix + "underlying buffer is not Fortran contiguous");
        }
        if ((flags & BufferFlags.ANY_CONTIGUOUS) == BufferFlags.ANY_CONTIGUOUS && !c && !f) {
            throw new BufferError(prefix + "underlying buffer is not contiguous");
        }
        if ((flags & BufferFlags.INDIRECT) != BufferFlags.INDIRECT && pil) {
            throw new BufferError(prefix + "underlying buffer requires suboffsets");
        }
        boolean wantStrides = (flags & BufferFlags.STRIDES) == BufferFlags.STRIDES;
        if (!wantStrides && !c) {
            throw new BufferError(prefix + "underlying buffer is not C-contiguous");
        }
        boolean wantShape = (flags & BufferFlags.ND) == BufferFlags.ND;
        String fmt = wantFormat ? format : null;
        if (!wantShape && memoryviewRules && fmt != null) {
            throw new BufferError(prefix + "cannot cast to unsigned bytes if the format flag is present");
        }
        return new Buffer(memory, offset, fmt, itemsize, shape, strides, suboffsets, readonly, obj,
                hasShape && wantShape, hasStrides && wantStrides, len);
    }

    /**
     * Refuses {@link BufferFlags#READ} or {@link BufferFlags#WRITE} alone as a request, as CPython 3.13's
     * {@code PyObject_GetBuffer} does ({@code SystemError: bad argument to internal function}): they are access modes
     * for contiguous copies, and {@code READ} would otherwise read as half of {@link BufferFlags#INDIRECT}.
     */
    static void checkRequest(int flags) {
        if (flags == BufferFlags.READ || flags == BufferFlags.WRITE) {
            throw new IllegalArgumentException("bad argument to internal function: PyBUF_"
                    + (flags == BufferFlags.READ ? "READ" : "WRITE") + " is not a buffer request");
        }
    }

    /** This buffer with another owner, for an exporter that re-exports a buffer it holds. */
    Buffer withObj(Object newObj) {
        return new Buffer(memory, offset, format, itemsize, shape, strides, suboffsets, readonly, newObj, hasShape,
                hasStrides, len);
    }

    @Override
    public String toString() {
        return "Buffer[format=" + format + ", itemsize=" + itemsize + ", shape=" + Arrays.toString(shape())
                + ", strides=" + Arrays.toString(strides()) + ", suboffsets=" + Arrays.toString(suboffsets)
                + ", offset=" + offset + ", readonly=" + readonly + ", memory=" + memory + "]";
    }

    /**
     * Builds a {@link Buffer}. Every setting is optional: the defaults describe the whole segment from
     * {@link #offset(long)} as a 1-D C-contiguous array of the format's items (unsigned bytes when no format is
     * given), read-only exactly when the segment is. Settings are only recorded; {@link #build()} checks them all.
     * {@snippet :
     * Buffer columns = Buffer.builder(MemorySegment.ofArray(new double[6]))
     *         .format("d")
     *         .shape(2, 3)
     *         .strides(8, 16)        // Fortran order: column-major
     *         .readonly(true)
     *         .build();
     * }
     * Builders are not thread-safe.
     */
    public static final class Builder {
        private final MemorySegment memory;
        private long offset;
        private String format = "B";
        private boolean formatSet;
        private int itemsize = -1;
        private boolean itemsizeSet;
        private long[] shape;
        private long[] strides;
        private long[] suboffsets;
        private Boolean readonly;
        private Object obj;

        private Builder(MemorySegment memory) {
            this.memory = memory;
        }

        /** The byte offset in the segment of item [0, …, 0] (default 0). */
        public Builder offset(long offset) {
            this.offset = offset;
            return this;
        }

        /**
         * The struct format of one item (default {@code "B"}, or {@code null} when only an itemsize other than 1 is
         * given). {@code null} means unsigned bytes of
         * {@link #itemsize(int)}, as in a request without {@link BufferFlags#FORMAT}. A format the struct module
         * cannot parse (such as {@code "w"} or a PEP 3118 {@code "T{...}"}) is kept but needs an explicit itemsize.
         */
        public Builder format(String format) {
            this.format = format;
            this.formatSet = true;
            return this;
        }

        /** The size of one item (default: the format's {@code calcsize}). */
        public Builder itemsize(int itemsize) {
            this.itemsize = itemsize;
            this.itemsizeSet = true;
            return this;
        }

        /** The extent of each dimension; an empty array makes a 0-dimensional (scalar) buffer. */
        public Builder shape(long... shape) {
            this.shape = shape.clone();
            return this;
        }

        /** The byte step of each dimension (default: C-contiguous for the shape). */
        public Builder strides(long... strides) {
            this.strides = strides.clone();
            return this;
        }

        /** PIL-style suboffsets, one per dimension; negative entries mean no indirection (default: none). */
        public Builder suboffsets(long... suboffsets) {
            this.suboffsets = suboffsets.clone();
            return this;
        }

        /** Whether writes are refused (default: whether the segment is read-only). */
        public Builder readonly(boolean readonly) {
            this.readonly = readonly;
            return this;
        }

        /** The exporting object that views report as their {@code obj} (default {@code null}). */
        public Builder obj(Object obj) {
            this.obj = obj;
            return this;
        }

        /**
         * The buffer, after proving that the layout stays inside the segment.
         *
         * @throws IllegalArgumentException naming the field that is wrong
         */
        public Buffer build() {
            long size = memory.byteSize();
            if (offset < 0 || offset > size) {
                throw new IllegalArgumentException("offset " + offset + " is outside the " + size + "-byte segment");
            }
            int isz = resolveItemsize();
            long[] shp = shape;
            if (shp == null) {
                shp = new long[] {(size - offset) / isz};
            }
            if (shp.length > Layouts.MAX_NDIM) {
                throw new IllegalArgumentException("memoryview: number of dimensions must not exceed "
                        + Layouts.MAX_NDIM);
            }
            for (int i = 0; i < shp.length; i++) {
                if (shp[i] < 0) {
                    throw new IllegalArgumentException("shape[" + i + "] is negative: " + shp[i]);
                }
            }
            long n = Layouts.product(shp);
            if (n < 0 || n > Long.MAX_VALUE / isz) {
                throw new IllegalArgumentException("shape " + Arrays.toString(shp) + " with itemsize " + isz
                        + " overflows a 64-bit size");
            }
            long[] str = strides;
            if (str == null) {
                str = Layouts.cStrides(shp, isz);
            } else if (str.length != shp.length) {
                throw new IllegalArgumentException("strides has " + str.length + " entries for " + shp.length
                        + " dimensions");
            }
            long[] sub = suboffsets;
            if (sub != null && sub.length != shp.length) {
                throw new IllegalArgumentException("suboffsets has " + sub.length + " entries for " + shp.length
                        + " dimensions");
            }
            checkExtent(size, shp, str, isz, sub);
            boolean ro = readonly == null ? memory.isReadOnly() : readonly;
            if (!ro && memory.isReadOnly()) {
                throw new IllegalArgumentException("readonly is false but the segment is read-only");
            }
            return new Buffer(memory, offset, format, isz, shp, str, sub == null ? null : sub.clone(), ro, obj,
                    true, true, n * isz);
        }

        private int resolveItemsize() {
            if (itemsizeSet && itemsize < 1) {
                throw new IllegalArgumentException("itemsize must be positive: " + itemsize);
            }
            if (!formatSet && itemsizeSet && itemsize >= 0) {
                format = itemsize == 1 ? "B" : null; // only an itemsize: unsigned bytes of that size
            }
            Long calc = null;
            if (format != null) {
                try {
                    calc = Format.of(format).size();
                } catch (IllegalArgumentException e) { // StructError, or a non-ASCII format
                    if (!itemsizeSet) {
                        throw new IllegalArgumentException("format '" + format
                                + "' is not a struct format; give its itemsize explicitly");
                    }
                }
            }
            if (!itemsizeSet) {
                if (calc == null) {
                    return 1;
                }
                if (calc < 1 || calc > Integer.MAX_VALUE) {
                    throw new IllegalArgumentException("format '" + format + "' has itemsize " + calc
                            + ", which a buffer cannot hold");
                }
                return (int) (long) calc;
            }
            if (itemsize < 1) {
                throw new IllegalArgumentException("itemsize must be positive: " + itemsize);
            }
            if (calc != null && calc != itemsize && formatSet) {
                throw new IllegalArgumentException("itemsize " + itemsize + " does not match format '" + format
                        + "', whose size is " + calc);
            }
            return itemsize;
        }

        /**
         * Every byte any index can reach lies inside the segment. The dimensions are taken in groups, each ending at
         * an indirect dimension (whose elements are 8-byte pointers) or at the item: the first group is placed at
         * the offset, each later one at every pointer of the group before it plus that dimension's suboffset. The
         * extent arithmetic of every group is checked for overflow whatever the pointers hold; the pointers
         * themselves are followed here when there are at most {@value #MAX_CHECKED_POINTERS} of them (views check
         * every dereference anyway, since pointers live in memory that can change).
         */
        private void checkExtent(long size, long[] shp, long[] str, int isz, long[] sub) {
            if (Layouts.isEmpty(shp)) {
                return;
            }
            if (sub == null) { // the common case: one group, no copies
                long[] ext = Layouts.extent(shp, str, isz);
                if (ext == null || !inside(offset, ext, size)) {
                    throw new IllegalArgumentException("shape " + Arrays.toString(shp) + " and strides "
                            + Arrays.toString(str) + (ext == null ? " overflow a 64-bit offset" : " at offset "
                            + offset + " reach outside the " + size + "-byte segment"));
                }
                return;
            }
            // Groups of dimensions: each ends at an indirect dimension, the last one at the item.
            int groups = 1;
            for (long so : sub) {
                groups += so >= 0 ? 1 : 0;
            }
            int[] starts = new int[groups + 1];
            long[][] exts = new long[groups][];
            for (int g = 0, d = 0; g < groups; g++) {
                starts[g] = d;
                while (d < shp.length && sub[d] < 0) {
                    d++;
                }
                boolean indirect = d < shp.length;
                int stop = indirect ? d + 1 : shp.length;
                exts[g] = Layouts.extent(Arrays.copyOfRange(shp, starts[g], stop),
                        Arrays.copyOfRange(str, starts[g], stop), indirect ? Long.BYTES : isz);
                if (exts[g] == null) {
                    throw new IllegalArgumentException("shape " + Arrays.toString(shp) + " and strides "
                            + Arrays.toString(str) + " overflow a 64-bit offset");
                }
                d = stop;
            }
            starts[groups] = shp.length;
            long[] bases = {offset};
            for (int g = 0; g < groups; g++) {
                for (long base : bases) {
                    if (!inside(base, exts[g], size)) {
                        if (g == 0) {
                            throw new IllegalArgumentException("shape " + Arrays.toString(shp) + " and strides "
                                    + Arrays.toString(str) + " at offset " + offset + " reach outside the " + size
                                    + "-byte segment");
                        }
                        throw new IllegalArgumentException("suboffsets " + Arrays.toString(sub)
                                + " lead to byte " + base + ", from which shape " + Arrays.toString(shp)
                                + " and strides " + Arrays.toString(str) + " reach outside the " + size
                                + "-byte segment");
                    }
                }
                if (g + 1 < groups) {
                    int indirectDim = starts[g + 1] - 1;
                    bases = followPointers(bases, Arrays.copyOfRange(shp, starts[g], indirectDim + 1),
                            Arrays.copyOfRange(str, starts[g], indirectDim + 1), sub, indirectDim);
                    if (bases == null) {
                        return; // too many to follow here: every dereference is checked when it happens
                    }
                }
            }
        }

        private static final int MAX_CHECKED_POINTERS = 1 << 16;

        private static boolean inside(long base, long[] ext, long size) {
            try {
                return Math.addExact(base, ext[0]) >= 0 && Math.addExact(base, ext[1]) <= size;
            } catch (ArithmeticException e) {
                return false;
            }
        }

        /** The bases the pointers of one group lead to, or {@code null} when there are too many to follow. */
        private long[] followPointers(long[] bases, long[] gShape, long[] gStrides, long[] sub, int dim) {
            long count = bases.length;
            for (long n : gShape) {
                count *= n;
                if (count > MAX_CHECKED_POINTERS) {
                    return null;
                }
            }
            long[] next = new long[(int) count];
            int k = 0;
            long[] idx = new long[gShape.length];
            java.lang.foreign.ValueLayout.OfLong pointer = java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED;
            for (long base : bases) {
                Arrays.fill(idx, 0);
                do {
                    long p = base;
                    for (int d = 0; d < idx.length; d++) {
                        p += idx[d] * gStrides[d];
                    }
                    long target = memory.get(pointer, p);
                    try {
                        next[k++] = Math.addExact(target, sub[dim]);
                    } catch (ArithmeticException e) {
                        throw new IllegalArgumentException("suboffsets " + Arrays.toString(sub) + ": pointer "
                                + target + " at byte " + p + " plus suboffset " + sub[dim] + " overflows");
                    }
                } while (io.memview.internal.Odometer.next(idx, gShape));
            }
            return next;
        }
    }
}
