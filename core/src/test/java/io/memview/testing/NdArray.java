package io.memview.testing;

import io.memview.Buffer;
import io.memview.BufferError;
import io.memview.BufferExporter;
import io.memview.BufferFlags;
import io.memview.struct.Struct;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import java.util.List;

/**
 * A Java stand-in for CPython's {@code _testbuffer.ndarray} (the exporter {@code test_buffer.py} is written against),
 * built on {@link Buffer#builder}: the same memory layout byte for byte, so that a golden case that describes an
 * ndarray by its constructor arguments can be rebuilt exactly here.
 *
 * <p>{@code new NdArray(items, shape, strides, offset, format, flags)} follows {@code Modules/_testbuffer.c}:
 * <ul>
 * <li>the items are packed one after the other with {@code struct.pack_into(format, data, i * itemsize, item)} into
 *     a buffer of {@code len(items) * itemsize} bytes;</li>
 * <li>strides default to C order, or Fortran order with {@link #ND_FORTRAN}; {@code verify_structure} refuses strides
 *     that are not multiples of the itemsize and layouts that leave the buffer, with its messages;</li>
 * <li>item {@code [0, ..., 0]} is at {@code offset};</li>
 * <li>{@link #ND_PIL} converts the layout to PIL style as {@code init_suboffsets} does: {@code shape[0]} pointers
 *     (8-byte byte offsets, in a block rounded up to 8 bytes) are put in front of the data, dimension 0 strides
 *     over them ({@code ±8}) and {@code suboffsets[0]} is the offset each pointer needs;</li>
 * <li>it is read-only unless {@link #ND_WRITABLE} is given.</li>
 * </ul>
 * {@link #getBuffer(int)} answers requests with {@code ndarray_getbuf}'s checks and messages; contiguity is that of
 * the layout before the PIL conversion, as in {@code _testbuffer}.
 */
public final class NdArray implements BufferExporter {
    /** {@code ND_WRITABLE}: the exported buffer is writable. */
    public static final int ND_WRITABLE = 0x002;
    /** {@code ND_FORTRAN}: default strides in Fortran order. */
    public static final int ND_FORTRAN = 0x004;
    /** {@code ND_PIL}: PIL-style suboffsets on dimension 0. */
    public static final int ND_PIL = 0x010;

    private final MemorySegment data;
    private final long bufOffset;
    private final String format;
    private final int itemsize;
    private final long[] shape;
    private final long[] strides;
    private final long[] suboffsets;
    private final boolean readonly;
    private final boolean cContiguous;
    private final boolean fContiguous;
    private final long ndOffset;
    private int exports;

    /**
     * {@code ndarray(items, shape=shape, strides=strides, offset=offset, format=format, flags=flags)}; {@code strides}
     * {@code null} or empty for the default. A 0-dim array ({@code shape} empty) takes its one item as {@code items}.
     *
     * @throws IllegalArgumentException with {@code _testbuffer}'s ValueError/TypeError messages
     */
    public NdArray(List<?> items, long[] shape, long[] strides, long offset, String format, int flags) {
        if (strides != null && strides.length == 0) {
            strides = null;
        }
        if (strides != null && (flags & ND_FORTRAN) != 0) {
            throw new IllegalArgumentException("ND_FORTRAN cannot be used together with strides");
        }
        if (strides != null && strides.length != shape.length) {
            throw new IllegalArgumentException("len(shape) != len(strides)");
        }
        Struct st = Struct.of(format);
        int isz = st.size();
        if (isz == 0) {
            throw new IllegalArgumentException("itemsize must not be zero");
        }
        if (items.isEmpty()) {
            throw new IllegalArgumentException("initializer list or tuple must not be empty");
        }
        long len = (long) items.size() * isz;
        byte[] bytes = new byte[Math.toIntExact(len)];
        MemorySegment seg = MemorySegment.ofArray(bytes);
        for (int i = 0; i < items.size(); i++) {
            Object it = items.get(i);
            Object[] values = it instanceof List<?> l ? l.toArray() : new Object[] {it};
            st.packInto(seg, (long) i * isz, values);
        }
        this.format = format;
        this.itemsize = isz;
        this.readonly = (flags & ND_WRITABLE) == 0;
        int ndim = shape.length;
        if (ndim == 0) {
            if ((flags & ND_PIL) != 0) {
                throw new IllegalArgumentException("ndim = 0 cannot be used in conjunction with ND_PIL");
            }
            if (offset < 0 || offset + isz > len) {
                throw new IllegalArgumentException("invalid combination of buffer, shape and strides");
            }
            this.data = seg;
            this.bufOffset = offset;
            this.ndOffset = offset;
            this.shape = new long[0];
            this.strides = new long[0];
            this.suboffsets = null;
            this.cContiguous = true;
            this.fContiguous = true;
            return;
        }
        for (long s : shape) {
            if (s < 0) {
                throw new IllegalArgumentException("elements of shape must be integers >= 0");
            }
        }
        long[] str = strides != null ? strides.clone() : defaultStrides(shape, isz, (flags & ND_FORTRAN) != 0);
        verify(len, isz, offset, shape, str);
        // init_suboffsets clears ND_C and ND_FORTRAN: a PIL array is never contiguous.
        boolean indirect = (flags & ND_PIL) != 0;
        this.cContiguous = !indirect && isContiguous(shape, str, isz, false);
        this.fContiguous = !indirect && isContiguous(shape, str, isz, true);
        this.shape = shape.clone();
        if ((flags & ND_PIL) == 0) {
            this.data = seg;
            this.bufOffset = offset;
            this.ndOffset = offset;
            this.strides = str;
            this.suboffsets = null;
            return;
        }
        // init_suboffsets
        long addsize = 8 * ((shape[0] * 8 + 7) / 8);
        byte[] pil = new byte[Math.toIntExact(len + addsize)];
        System.arraycopy(bytes, 0, pil, (int) addsize, bytes.length);
        MemorySegment pseg = MemorySegment.ofArray(pil);
        long imin = 0;
        long suboffset0 = 0;
        for (int n = 0; n < ndim; n++) {
            if (shape[n] == 0) {
                break;
            }
            if (str[n] <= 0) {
                long x = (shape[n] - 1) * str[n];
                imin += x;
                suboffset0 += n >= 1 ? -x : 0;
            }
        }
        long start = addsize + offset + imin;
        long step = Math.abs(str[0]);
        for (int n = 0; n < shape[0]; n++) {
            pseg.set(ValueLayout.JAVA_LONG_UNALIGNED, n * 8L, start + n * step);
        }
        long[] sub = new long[ndim];
        Arrays.fill(sub, -1);
        sub[0] = suboffset0;
        long buf = 0;
        if (str[0] >= 0) {
            str[0] = 8;
        } else {
            str[0] = -8;
            if (shape[0] > 0) {
                buf = (shape[0] - 1) * 8;
            }
        }
        this.data = pseg;
        this.bufOffset = buf;
        this.ndOffset = 0; // init_suboffsets resets ndbuf->offset
        this.strides = str;
        this.suboffsets = sub;
    }

    /** A C-order writable or read-only array of {@code items} with the given shape: the common case. */
    public static NdArray of(List<?> items, String format, int flags, long... shape) {
        return new NdArray(items, shape, null, 0, format, flags);
    }

    private static long[] defaultStrides(long[] shape, int isz, boolean fortran) {
        int ndim = shape.length;
        long[] s = new long[ndim];
        if (fortran) {
            s[0] = isz;
            for (int i = 1; i < ndim; i++) {
                s[i] = s[i - 1] * shape[i - 1];
            }
        } else {
            s[ndim - 1] = isz;
            for (int i = ndim - 2; i >= 0; i--) {
                s[i] = s[i + 1] * shape[i + 1];
            }
        }
        return s;
    }

    private static void verify(long len, int isz, long offset, long[] shape, long[] strides) {
        for (long s : strides) {
            if (s % isz != 0) {
                throw new IllegalArgumentException("strides must be a multiple of itemsize");
            }
        }
        for (long s : shape) {
            if (s == 0) {
                return;
            }
        }
        long imin = 0;
        long imax = 0;
        for (int n = 0; n < shape.length; n++) {
            if (strides[n] <= 0) {
                imin += (shape[n] - 1) * strides[n];
            } else {
                imax += (shape[n] - 1) * strides[n];
            }
        }
        if (imin + offset < 0 || imax + offset + isz > len) {
            throw new IllegalArgumentException("invalid combination of buffer, shape and strides");
        }
    }

    /** {@code PyBuffer_IsContiguous} without suboffsets. */
    private static boolean isContiguous(long[] shape, long[] strides, int isz, boolean fortran) {
        for (long s : shape) {
            if (s == 0) {
                return true;
            }
        }
        long sd = isz;
        int n = shape.length;
        for (int k = 0; k < n; k++) {
            int i = fortran ? k : n - 1 - k;
            if (shape[i] > 1 && strides[i] != sd) {
                return false;
            }
            sd *= shape[i];
        }
        return true;
    }

    /** {@return the complete buffer, as {@code ndarray_getbuf} starts from it} */
    public Buffer fullBuffer() {
        Buffer.Builder b = Buffer.builder(data).offset(bufOffset).format(format).itemsize(itemsize).shape(shape)
                .strides(strides).readonly(readonly).obj(this);
        if (suboffsets != null) {
            b.suboffsets(suboffsets);
        }
        return b.build();
    }

    @Override
    public Buffer getBuffer(int flags) {
        if ((flags & BufferFlags.WRITABLE) != 0 && readonly) {
            throw new BufferError("ndarray is not writable");
        }
        boolean wantFormat = (flags & BufferFlags.FORMAT) != 0;
        if ((flags & BufferFlags.C_CONTIGUOUS) == BufferFlags.C_CONTIGUOUS && !cContiguous) {
            throw new BufferError("ndarray is not C-contiguous");
        }
        if ((flags & BufferFlags.F_CONTIGUOUS) == BufferFlags.F_CONTIGUOUS && !fContiguous) {
            throw new BufferError("ndarray is not Fortran contiguous");
        }
        if ((flags & BufferFlags.ANY_CONTIGUOUS) == BufferFlags.ANY_CONTIGUOUS && !cContiguous && !fContiguous) {
            throw new BufferError("ndarray is not contiguous");
        }
        if ((flags & BufferFlags.INDIRECT) != BufferFlags.INDIRECT && suboffsets != null) {
            throw new BufferError("ndarray cannot be represented without suboffsets");
        }
        if ((flags & BufferFlags.STRIDES) != BufferFlags.STRIDES && !cContiguous) {
            throw new BufferError("ndarray is not C-contiguous");
        }
        if ((flags & BufferFlags.ND) != BufferFlags.ND && wantFormat) {
            throw new BufferError("ndarray: cannot cast to unsigned bytes if the format flag is present");
        }
        // The contiguity checks are done, with ndarray's own flags (PyBuffer_IsContiguous, which differs from
        // memoryview's rules for empty arrays); without STRIDES the consumer reconstructs C strides.
        Buffer full = fullBuffer();
        if ((flags & BufferFlags.STRIDES) != BufferFlags.STRIDES) {
            full = Buffer.builder(data).offset(bufOffset).format(format).itemsize(itemsize).shape(shape)
                    .readonly(readonly).obj(this).build();
        }
        Buffer b = full.forRequest(flags & ~0xE0);
        synchronized (this) {
            exports++;
        }
        return b;
    }

    @Override
    public void releaseBuffer(Buffer buffer) {
        synchronized (this) {
            exports--;
        }
    }

    /** {@return how many buffers are exported and not yet released} */
    public synchronized int exports() {
        return exports;
    }

    /** {@return the segment holding the data (and, for PIL arrays, the pointers in front of it)} */
    public MemorySegment memory() {
        return data;
    }

    /** {@return the byte offset of item [0, ..., 0] in {@link #memory()} ({@code nd.buf - data})} */
    public long bufOffset() {
        return bufOffset;
    }

    /** {@return {@code nd.offset}: the offset given, or 0 for a PIL array} */
    public long offset() {
        return ndOffset;
    }

    /** {@return {@code nd.shape}} */
    public long[] shape() {
        return shape.clone();
    }

    /** {@return {@code nd.readonly}} */
    public boolean readonly() {
        return readonly;
    }

    /** {@return {@code nd.suboffsets}, or {@code null}} */
    public long[] suboffsets() {
        return suboffsets == null ? null : suboffsets.clone();
    }

    /** {@return {@code nd.strides}} */
    public long[] strides() {
        return strides.clone();
    }

    @Override
    public String toString() {
        return "ndarray(format=" + format + ", shape=" + Arrays.toString(shape) + ", strides="
                + Arrays.toString(strides) + ", suboffsets=" + Arrays.toString(suboffsets) + ", buf=" + bufOffset
                + ", readonly=" + readonly + ")";
    }
}
