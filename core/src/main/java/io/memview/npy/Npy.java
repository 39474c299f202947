package io.memview.npy;

import io.memview.Buffer;
import io.memview.BufferExporter;
import io.memview.MemoryView;
import io.memview.internal.Layouts;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * NumPy's {@code .npy} files as memory views: zero-copy reading of files of any size through a memory mapping, and
 * writing of any view.
 *
 * <h2 id="reading">Reading</h2>
 * {@link #read(Path)} maps the file and returns a view of its data with the array's shape, item format and layout
 * (Fortran-ordered arrays get Fortran strides); nothing is copied, and files past 2 GiB are ordinary.
 * {@link #map(Path, boolean)} maps it writable: writes through the view go to the file.
 * {@snippet :
 * // Python: np.save("grid.npy", np.arange(12.0).reshape(3, 4))
 * try (MemoryView grid = Npy.read(Path.of("grid.npy"))) {
 *     grid.format();                  // "d"
 *     grid.shape();                   // [3, 4]
 *     grid.getDouble(1, 2);           // 6.0
 *     MemoryView corner = grid.select("1:, ::2");   // [[4.0, 6.0], [8.0, 10.0]], no copy
 * }
 * }
 * The dtype decides the item format (see {@link NpyHeader#format()}): {@code '<f8'} is {@code 'd'} on a
 * little-endian machine (as {@code memoryview(array).format} in Python), {@code '>i4'} is {@code '>i'}, {@code '|u1'}
 * {@code 'B'}, {@code '|b1'} {@code '?'}, {@code '<f2'} {@code 'e'}, {@code '|S10'} {@code '10s'}, and a structured
 * dtype such as {@code [('x', '<i4'), ('y', '<f8')]} the record format {@code '<id'}, whose items are tuples.
 * Complex numbers, datetimes, Unicode strings and Python objects have no struct format: such files are refused with
 * an {@link NpyFormatException} naming the dtype.
 *
 * <p>The header is parsed by a strict parser of the literal dictionary the format prescribes — nothing is
 * evaluated — and checked before anything is mapped: a truncated file, a bad magic string or version, a header that
 * is not a dictionary with exactly {@code descr}, {@code fortran_order} and {@code shape}, a shape whose size
 * overflows, or data shorter than the shape needs all fail with an {@link NpyFormatException} naming the file and
 * the problem. Bytes after the data are ignored, as NumPy ignores them.
 *
 * <p>A view's {@link MemoryView#obj() obj()} is the file's {@link NpyHeader}. The file stays mapped until the last
 * view of it (slices and casts included) is released or unreachable.
 *
 * <h2 id="writing">Writing</h2>
 * {@link #write(Path, MemoryView)} writes any view — contiguous or not, of any size — with a header exactly as
 * {@code numpy.save} writes it (version 1.0 unless the header needs more, aligned to 64 bytes), so that a file read
 * and written back is byte-identical to NumPy's. A C-contiguous view is written as it is; a Fortran-contiguous one as
 * {@code fortran_order: True}; any other in C order, streamed through a small buffer without a copy of the whole
 * view. The write is atomic: the data goes to a temporary file in the same directory, which is moved over the target
 * only when complete, so a failure never leaves a partial file.
 * {@snippet :
 * MemoryView m = MemoryView.of(new int[] {1, 2, 3, 4, 5, 6}).cast("B").cast("i", 2, 3);
 * Npy.write(Path.of("m.npy"), m.select(":, ::2"));    // np.load gives [[1, 3], [4, 6]]
 * }
 *
 * <h2 id="shared-memory">Python shared memory</h2>
 * A {@code multiprocessing.shared_memory.SharedMemory} block is a file under {@code /dev/shm} on Linux: map it with
 * {@link MemoryView#map(Path, boolean)} and cast it to the array's format and shape; see
 * {@code docs/SHARED_MEMORY.md}.
 * {@snippet :
 * // Python: shm = SharedMemory(create=True, size=96, name="grid"); a = np.ndarray((3, 4), "<f8", buffer=shm.buf)
 * try (MemoryView raw = MemoryView.map(Path.of("/dev/shm/grid"), true)) {
 *     MemoryView a = raw.slice(0, 96, 1).cast("d", 3, 4);   // the block may be longer than the array
 *     a.setDouble(0, 0, 42.0);   // Python sees a[0, 0] == 42.0
 *     a.release();
 * }
 * }
 */
public final class Npy {
    private Npy() {}

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final int ARRAY_ALIGN = 64;
    private static final int GROWTH_AXIS_MAX_DIGITS = 21;
    /** Longest header accepted (NumPy's own limit is 10000 characters by default). */
    private static final int MAX_HEADER = 1 << 20;
    private static final Set<Object> KEYS = Set.of("descr", "fortran_order", "shape");

    /**
     * {@return the struct format of the NumPy dtype string {@code dtype}}, as {@link #read(Path)} gives it for a file
     * of that dtype: {@code "<f8"} is {@code "d"} on a little-endian machine, {@code ">i4"} is {@code ">i"},
     * {@code "|S10"} is {@code "10s"}.
     *
     * @throws IllegalArgumentException naming the dtype when it is not a dtype string or has no struct format
     */
    public static String format(String dtype) {
        return Dtype.toFormat(dtype).format();
    }

    /**
     * Maps {@code file} read-only; {@return a view of the array it holds}
     *
     * @throws NpyFormatException when the file is not a {@code .npy} file memview can view (the message says why)
     * @throws IOException        when the file cannot be read or mapped
     */
    public static MemoryView read(Path file) throws IOException {
        return map(file, false);
    }

    /**
     * Maps {@code file}, writable when {@code writable} is true (writes through the view reach the file);
     * {@return a view of the array it holds}
     *
     * @throws NpyFormatException when the file is not a {@code .npy} file memview can view (the message says why)
     * @throws IOException        when the file cannot be opened or mapped
     */
    public static MemoryView map(Path file, boolean writable) throws IOException {
        Arena arena = Arena.ofShared();
        try (FileChannel ch = writable
                ? FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)
                : FileChannel.open(file, StandardOpenOption.READ)) {
            NpyHeader h = readHeader(ch, file);
            MemorySegment seg = ch.map(writable ? FileChannel.MapMode.READ_WRITE : FileChannel.MapMode.READ_ONLY, 0,
                    h.dataOffset() + h.dataLength(), arena);
            return MemoryView.of(new Mapping(h, seg, arena, writable));
        } catch (IOException | RuntimeException e) {
            arena.close();
            throw e;
        }
    }

    /** The exporter of a mapped {@code .npy} file; unmaps when its buffer is handed back. */
    private record Mapping(NpyHeader header, MemorySegment segment, Arena arena, boolean writable)
            implements BufferExporter {
        @Override
        public Buffer getBuffer(int flags) {
            long[] shape = header.shape();
            long[] strides = header.fortranOrder() ? Layouts.fStrides(shape, header.itemsize())
                    : Layouts.cStrides(shape, header.itemsize());
            return Buffer.builder(segment).offset(header.dataOffset()).format(header.format())
                    .itemsize(header.itemsize()).shape(shape).strides(strides).readonly(!writable).obj(header)
                    .build().forRequest(flags);
        }

        @Override
        public void releaseBuffer(Buffer buffer) {
            arena.close();
        }
    }

    /**
     * Reads and checks the header of {@code file} without mapping its data.
     *
     * @throws NpyFormatException when the header is bad, or the file is shorter than the header says
     */
    public static NpyHeader readHeader(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return readHeader(ch, file);
        }
    }

    private static NpyHeader readHeader(FileChannel ch, Path file) throws IOException {
        long size = ch.size();
        ByteBuffer pre = read(ch, 0, (int) Math.min(size, 12));
        if (pre.remaining() < 8) {
            if (!startsWithMagic(pre)) {
                throw bad(file, "not a .npy file: it does not start with the magic string \\x93NUMPY");
            }
            throw bad(file, "truncated: the file ends inside the magic string and version (" + size + " bytes)");
        }
        if (!startsWithMagic(pre)) {
            throw bad(file, "not a .npy file: it does not start with the magic string \\x93NUMPY");
        }
        int major = pre.get(6) & 0xff;
        int minor = pre.get(7) & 0xff;
        if ((major != 1 && major != 2 && major != 3) || minor != 0) {
            throw bad(file, "unsupported .npy format version " + major + "." + minor
                    + " (memview reads 1.0, 2.0 and 3.0)");
        }
        int lengthBytes = major == 1 ? 2 : 4;
        if (pre.remaining() < 8 + lengthBytes) {
            throw bad(file, "truncated: the file ends inside the header length (" + size + " bytes)");
        }
        long hlen = major == 1 ? pre.order(ByteOrder.LITTLE_ENDIAN).getShort(8) & 0xffffL
                : pre.order(ByteOrder.LITTLE_ENDIAN).getInt(8) & 0xffffffffL;
        long dataOffset = 8 + lengthBytes + hlen;
        if (hlen > MAX_HEADER) {
            throw bad(file, "the header is " + hlen + " bytes long; memview reads headers of at most " + MAX_HEADER);
        }
        if (dataOffset > size) {
            throw bad(file, "truncated: the header needs " + hlen + " bytes but the file has only "
                    + (size - 8 - lengthBytes) + " after the header length");
        }
        ByteBuffer hb = read(ch, 8 + lengthBytes, (int) hlen);
        String text;
        try {
            text = (major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1).newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).decode(hb).toString();
        } catch (CharacterCodingException e) {
            throw bad(file, "the header is not valid UTF-8");
        }
        Object parsed;
        try {
            parsed = PyLiteral.parse(text, major < 3);
        } catch (IllegalArgumentException e) {
            throw bad(file, "cannot parse the header: " + e.getMessage() + " in " + quote(text));
        }
        if (!(parsed instanceof Map<?, ?> d)) {
            throw bad(file, "the header is not a dictionary: " + quote(text));
        }
        if (!d.keySet().equals(KEYS)) {
            throw bad(file, "the header does not contain the correct keys: "
                    + PyLiteral.repr(d.keySet().stream().map(PyLiteral::repr).sorted().toList())
                    .replace("\"", "") + " (expected 'descr', 'fortran_order' and 'shape')");
        }
        Object shapeValue = d.get("shape");
        if (!(shapeValue instanceof PyLiteral.Tuple(List<Object> dims))
                || !dims.stream().allMatch(x -> x instanceof BigInteger)) {
            throw bad(file, "shape is not valid: " + PyLiteral.repr(shapeValue));
        }
        if (dims.size() > Layouts.MAX_NDIM) {
            throw bad(file, "shape has " + dims.size() + " dimensions; at most " + Layouts.MAX_NDIM + " are allowed");
        }
        long[] shape = new long[dims.size()];
        for (int k = 0; k < shape.length; k++) {
            BigInteger b = (BigInteger) dims.get(k);
            if (b.signum() < 0) {
                throw bad(file, "shape is not valid: " + PyLiteral.repr(shapeValue) + " has a negative dimension");
            }
            if (b.bitLength() > 63) {
                throw bad(file, "shape " + PyLiteral.repr(shapeValue) + " is too large");
            }
            shape[k] = b.longValue();
        }
        if (!(d.get("fortran_order") instanceof Boolean fortran)) {
            throw bad(file, "fortran_order is not a valid bool: " + PyLiteral.repr(d.get("fortran_order")));
        }
        Object descr = NpyHeader.freeze(d.get("descr"));
        Dtype.Resolved r;
        try {
            r = Dtype.toFormat(descr);
        } catch (IllegalArgumentException e) {
            throw bad(file, e.getMessage());
        }
        long dataLength = dataLength(shape, r.itemsize());
        if (dataLength < 0) {
            throw bad(file, "shape " + PyLiteral.repr(shapeValue) + " with items of " + r.itemsize()
                    + " bytes overflows a 64-bit size");
        }
        if (dataLength > size - dataOffset) {
            throw bad(file, "truncated: shape " + PyLiteral.repr(shapeValue) + " of " + r.itemsize()
                    + "-byte items needs " + dataLength + " bytes of data but the file has " + (size - dataOffset));
        }
        return new NpyHeader(major, minor, descr, fortran, shape, r.format(), r.itemsize(), dataOffset, dataLength);
    }

    /** The data's length, or -1 when it overflows a long. Empty arrays have no data, whatever their other axes. */
    private static long dataLength(long[] shape, int itemsize) {
        long n = itemsize;
        for (long s : shape) {
            if (s == 0) {
                return 0;
            }
        }
        for (long s : shape) {
            if (n > Long.MAX_VALUE / s) {
                return -1;
            }
            n *= s;
        }
        return n;
    }

    private static boolean startsWithMagic(ByteBuffer b) {
        for (int k = 0; k < MAGIC.length; k++) {
            if (k >= b.remaining()) {
                return true; // a prefix of the magic: the caller reports the truncation
            }
            if (b.get(k) != MAGIC[k]) {
                return false;
            }
        }
        return true;
    }

    private static ByteBuffer read(FileChannel ch, long position, int n) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n);
        while (b.hasRemaining()) {
            if (ch.read(b, position + b.position()) < 0) {
                break;
            }
        }
        return b.flip();
    }

    private static String quote(String text) {
        String t = text.strip();
        return PyLiteral.repr(t.length() > 200 ? t.substring(0, 200) + "..." : t);
    }

    private static NpyFormatException bad(Path file, String message) {
        return new NpyFormatException(file + ": " + message);
    }

    // -------------------------------------------------------------------------------------------------- writing

    /**
     * The header {@link #write(Path, MemoryView)} writes for {@code view}: the view's dtype, its shape, and
     * {@code fortran_order} when the view is Fortran- and not C-contiguous. A view of a {@code .npy} file keeps the
     * file's descr (field names included) when its format is still the file's.
     *
     * @throws IllegalArgumentException when the view's format has no NumPy dtype ({@code 'p'}, or no values)
     */
    public static NpyHeader headerFor(MemoryView view) {
        String format = view.format();
        Object descr;
        if (view.obj() instanceof NpyHeader h && h.format().equals(format) && h.itemsize() == view.itemsize()) {
            descr = h.descrValue();
        } else {
            descr = Dtype.fromFormat(format);
        }
        Dtype.Resolved r = Dtype.toFormat(descr);
        if (r.itemsize() != view.itemsize()) {
            throw new IllegalArgumentException("format '" + format + "' has itemsize " + r.itemsize()
                    + " but the view's itemsize is " + view.itemsize());
        }
        boolean fortran = view.fContiguous() && !view.cContiguous();
        long[] shape = view.shape();
        byte[] wrapped = wrap(descr, fortran, shape);
        int major = wrapped[6];
        return new NpyHeader(major, 0, descr, fortran, shape, r.format(), r.itemsize(), wrapped.length,
                view.nbytes());
    }

    /**
     * Writes {@code view} to {@code file} as NumPy's {@code numpy.save} does, atomically (through a temporary file
     * in the same directory, moved over {@code file} when complete). Any view can be written: a non-contiguous one
     * is streamed in C order without a copy of the whole view, so views of any size are fine.
     *
     * @throws IllegalArgumentException when the view's format has no NumPy dtype ({@code 'p'}, or no values)
     * @throws IOException              when writing fails; {@code file} is then left as it was
     */
    public static void write(Path file, MemoryView view) throws IOException {
        NpyHeader h = headerFor(view);
        byte[] header = wrap(h.descrValue(), h.fortranOrder(), h.shape());
        Path target = file.toAbsolutePath();
        Path tmp = temporary(target);
        boolean done = false;
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer hb = ByteBuffer.wrap(header);
                while (hb.hasRemaining()) {
                    ch.write(hb);
                }
                if (h.fortranOrder()) {
                    MemoryView t = view.transpose(); // C-contiguous over the same bytes
                    try {
                        t.writeTo(ch);
                    } finally {
                        t.release();
                    }
                } else {
                    view.writeTo(ch);
                }
            }
            move(tmp, target);
            done = true;
        } finally {
            if (!done) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    /**
     * Creates {@code file} as a {@code .npy} file of zeros holding {@code shape} items of {@code format} (C order) and
     * maps it writable: NumPy's {@code open_memmap(file, mode='w+')}. Fill the view, release it, and the file is a
     * complete array; an existing file is replaced.
     * {@snippet :
     * try (MemoryView out = Npy.create(Path.of("squares.npy"), "<i8", 1000)) {
     *     for (long i = 0; i < 1000; i++) {
     *         out.setLong(i, i * i);
     *     }
     * }
     * }
     *
     * @throws IllegalArgumentException when the format has no NumPy dtype or the shape is negative or too large
     * @throws IOException              when the file cannot be created or mapped
     */
    public static MemoryView create(Path file, String format, long... shape) throws IOException {
        Object descr = Dtype.fromFormat(format);
        Dtype.Resolved r = Dtype.toFormat(descr);
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimensions are not allowed: " + Arrays.toString(shape));
            }
        }
        long n = dataLength(shape, r.itemsize());
        byte[] header = wrap(descr, false, shape);
        if (n < 0 || n > Long.MAX_VALUE - header.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " of " + r.itemsize()
                    + "-byte items overflows a 64-bit size");
        }
        // Made aside and moved into place: views still mapping a file being replaced keep their (old) bytes
        // rather than finding their file truncated under them.
        Path target = file.toAbsolutePath();
        Path tmp = temporary(target);
        boolean done = false;
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer hb = ByteBuffer.wrap(header);
                while (hb.hasRemaining()) {
                    ch.write(hb);
                }
                if (n > 0) {
                    ch.write(ByteBuffer.wrap(new byte[1]), header.length + n - 1);
                }
            }
            move(tmp, target);
            done = true;
        } finally {
            if (!done) {
                Files.deleteIfExists(tmp);
            }
        }
        return map(target, true);
    }

    private static Path temporary(Path target) {
        return target.resolveSibling("." + target.getFileName() + "."
                + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
    }

    private static void move(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Magic, version, header length and the padded header, as NumPy's {@code _wrap_header_guess_version}. */
    static byte[] wrap(Object descr, boolean fortran, long[] shape) {
        StringBuilder header = new StringBuilder(NpyHeader.dictText(descr, fortran, shape));
        if (shape.length > 0) {
            long axis = shape[fortran ? shape.length - 1 : 0];
            header.repeat(' ', Math.max(0, GROWTH_AXIS_MAX_DIGITS - Long.toString(axis).length()));
        }
        String text = header.toString();
        boolean latin1 = text.chars().allMatch(c -> c <= 0xff);
        byte[] v1 = latin1 ? wrap(text, 1) : null;
        if (v1 != null) {
            return v1;
        }
        if (latin1) {
            return wrap(text, 2);
        }
        return wrap(text, 3);
    }

    private static byte[] wrap(String text, int major) {
        byte[] h = text.getBytes(major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        int lengthBytes = major == 1 ? 2 : 4;
        long hlen = h.length + 1L;
        long pad = ARRAY_ALIGN - ((MAGIC.length + 2 + lengthBytes + hlen) % ARRAY_ALIGN);
        long total = hlen + pad;
        if (major == 1 && total > 0xffff) {
            return null;
        }
        ByteBuffer b = ByteBuffer.allocate(Math.toIntExact(MAGIC.length + 2 + lengthBytes + total))
                .order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).put((byte) major).put((byte) 0);
        if (major == 1) {
            b.putShort((short) total);
        } else {
            b.putInt((int) total);
        }
        b.put(h);
        for (long k = 0; k < pad; k++) {
            b.put((byte) ' ');
        }
        b.put((byte) '\n');
        return b.array();
    }
}
