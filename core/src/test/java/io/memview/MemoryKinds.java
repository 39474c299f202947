package io.memview;

import io.memview.internal.Access;
import io.memview.internal.Odometer;
import io.memview.testing.Json;
import io.memview.testing.PyValues;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.zip.GZIPInputStream;

/**
 * Every kind of memory memview exports, each with a fresh object of that kind and direct access to the memory behind
 * it that does not go through memview, so that tests can prove a view and its source are the same memory. Each kind
 * names the CPython exporter it behaves like ({@code mirror}), whose answers {@code gen_buffer_requests.py} recorded
 * in {@code golden/buffer_requests.json.gz}; contents are the ones recorded there.
 */
final class MemoryKinds {
    private MemoryKinds() {}

    /** The golden data of {@code tools/cpython/gen_buffer_requests.py}. */
    static final Map<String, Object> GOLDEN = load("/golden/buffer_requests.json.gz");
    /** The recorded exporters by name: how the CPython object was made. */
    static final Map<String, Map<String, Object>> MIRRORS = mirrors();

    @SuppressWarnings("unchecked")
    static Map<String, Object> load(String resource) {
        try (InputStream in = MemoryKinds.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            InputStream data = resource.endsWith(".gz") ? new GZIPInputStream(in) : in;
            return (Map<String, Object>) Json.parse(new String(data.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> mirrors() {
        Map<String, Map<String, Object>> m = new LinkedHashMap<>();
        for (Object o : (List<Object>) GOLDEN.get("exporters")) {
            Map<String, Object> e = (Map<String, Object>) o;
            m.put((String) e.get("name"), (Map<String, Object>) e.get("exporter"));
        }
        return m;
    }

    /**
     * A fresh object of one kind: {@link #obj} is what {@link MemoryView#of(Object)} receives; {@link #read} and
     * {@link #write} reach the same memory without memview (the Java array, the ByteBuffer's own accessors, the
     * file through a {@code FileChannel}, ...), addressed in bytes from the start of the object's memory.
     */
    abstract static class Subject implements AutoCloseable {
        final Object obj;
        final boolean readonly;

        Subject(Object obj, boolean readonly) {
            this.obj = obj;
            this.readonly = readonly;
        }

        abstract byte read(long address);

        abstract void write(long address, byte value);

        /** The byte address in the source memory of the item at {@code index} of a full view of {@link #obj}. */
        long itemAddress(long[] index, int itemsize) {
            return index.length == 0 ? 0 : index[0] * itemsize;
        }

        /** The exporter that answers buffer requests for {@link #obj}. */
        BufferExporter exporter() {
            return io.memview.internal.Exporters.of(obj);
        }

        @Override
        public void close() {}
    }

    /** One kind of memory: a name, the CPython exporter it mirrors and a factory of fresh subjects. */
    record Kind(String name, String mirror, Supplier<Subject> make) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** Direct access through a segment that is not the one memview was given (or is, for plain arrays). */
    static Subject segmentSubject(Object obj, MemorySegment direct, boolean readonly, Runnable close) {
        return new Subject(obj, readonly) {
            @Override
            byte read(long address) {
                return direct.get(ValueLayout.JAVA_BYTE, address);
            }

            @Override
            void write(long address, byte value) {
                direct.set(ValueLayout.JAVA_BYTE, address, value);
            }

            @Override
            public void close() {
                close.run();
            }
        };
    }

    static byte[] content(String mirror) {
        Map<String, Object> m = MIRRORS.get(mirror);
        return ((Bytes) PyValues.decode(m.get("content"))).toByteArray();
    }

    @SuppressWarnings("unchecked")
    static List<Object> values(String mirror) {
        return (List<Object>) PyValues.decode(MIRRORS.get(mirror).get("values"));
    }

    /** Every kind, in a stable order. */
    static List<Kind> all() {
        List<Kind> kinds = new ArrayList<>();
        // Java arrays: written and read through the array itself.
        kinds.add(new Kind("byte[]", "bytearray", () -> {
            byte[] a = content("bytearray");
            return new Subject(a, false) {
                @Override byte read(long address) { return a[(int) address]; }
                @Override void write(long address, byte value) { a[(int) address] = value; }
            };
        }));
        kinds.add(new Kind("byte[] empty", "bytearray:empty", () -> {
            byte[] a = new byte[0];
            return segmentSubject(a, MemorySegment.ofArray(a), false, () -> {});
        }));
        kinds.add(new Kind("short[]", "array:h", () -> {
            List<Object> v = values("array:h");
            short[] a = new short[v.size()];
            for (int i = 0; i < a.length; i++) {
                a[i] = (short) (long) (Long) v.get(i);
            }
            return primitive(a, i -> a[i] & 0xffffL, (i, x) -> a[i] = (short) x, 2);
        }));
        kinds.add(new Kind("int[]", "array:i", () -> {
            List<Object> v = values("array:i");
            int[] a = new int[v.size()];
            for (int i = 0; i < a.length; i++) {
                a[i] = (int) (long) (Long) v.get(i);
            }
            return primitive(a, i -> a[i] & 0xffffffffL, (i, x) -> a[i] = (int) x, 4);
        }));
        kinds.add(new Kind("int[] empty", "array:i:empty", () -> primitive(new int[0], i -> 0, (i, x) -> {}, 4)));
        kinds.add(new Kind("long[]", "array:q", () -> {
            List<Object> v = values("array:q");
            long[] a = new long[v.size()];
            for (int i = 0; i < a.length; i++) {
                a[i] = (Long) v.get(i);
            }
            return primitive(a, i -> a[i], (i, x) -> a[i] = x, 8);
        }));
        kinds.add(new Kind("float[]", "array:f", () -> {
            List<Object> v = values("array:f");
            float[] a = new float[v.size()];
            for (int i = 0; i < a.length; i++) {
                a[i] = (float) (double) (Double) v.get(i);
            }
            return primitive(a, i -> Float.floatToRawIntBits(a[i]) & 0xffffffffL,
                    (i, x) -> a[i] = Float.intBitsToFloat((int) x), 4);
        }));
        kinds.add(new Kind("double[]", "array:d", () -> {
            List<Object> v = values("array:d");
            double[] a = new double[v.size()];
            for (int i = 0; i < a.length; i++) {
                a[i] = (Double) v.get(i);
            }
            return primitive(a, i -> Double.doubleToRawLongBits(a[i]), (i, x) -> a[i] = Double.longBitsToDouble(x),
                    8);
        }));
        kinds.add(new Kind("char[]", "array:H", () -> {
            List<Object> v = values("array:H");
            char[] a = new char[v.size()];
            for (int i = 0; i < a.length; i++) {
                a[i] = (char) (long) (Long) v.get(i);
            }
            return primitive(a, i -> a[i], (i, x) -> a[i] = (char) x, 2);
        }));
        // ByteBuffers: written and read with the buffer's own absolute get/put (a writable twin for read-only ones).
        kinds.add(new Kind("ByteBuffer heap", "bytearray", () -> byteBuffer(ByteBuffer.wrap(content("bytearray")),
                false)));
        kinds.add(new Kind("ByteBuffer direct", "bytearray", () -> {
            byte[] c = content("bytearray");
            return byteBuffer(ByteBuffer.allocateDirect(c.length).put(c).flip(), false);
        }));
        kinds.add(new Kind("ByteBuffer heap position..limit", "bytearray", () -> {
            byte[] c = content("bytearray");
            ByteBuffer whole = ByteBuffer.allocate(c.length + 7);
            whole.position(3).put(c).position(3).limit(3 + c.length);
            return byteBuffer(whole, false);
        }));
        kinds.add(new Kind("ByteBuffer heap read-only", "bytes", () -> byteBuffer(ByteBuffer.wrap(content("bytes")),
                true)));
        kinds.add(new Kind("ByteBuffer direct read-only", "bytes", () -> {
            byte[] c = content("bytes");
            return byteBuffer(ByteBuffer.allocateDirect(c.length).put(c).flip(), true);
        }));
        // MemorySegments: a second segment over the same memory.
        kinds.add(new Kind("MemorySegment heap", "bytearray", () -> {
            byte[] a = content("bytearray");
            return segmentSubject(MemorySegment.ofArray(a), MemorySegment.ofArray(a), false, () -> {});
        }));
        kinds.add(new Kind("MemorySegment native", "bytearray", () -> {
            byte[] c = content("bytearray");
            Arena arena = Arena.ofShared();
            MemorySegment s = arena.allocate(c.length);
            MemorySegment.copy(c, 0, s, ValueLayout.JAVA_BYTE, 0, c.length);
            // the test reaches the memory through a ByteBuffer over it, not through the segment memview is given
            ByteBuffer twin = s.asByteBuffer();
            Subject sub = byteBuffer(twin, false);
            return new Subject(s, false) {
                @Override byte read(long address) { return sub.read(address); }
                @Override void write(long address, byte value) { sub.write(address, value); }
                @Override public void close() { arena.close(); }
            };
        }));
        kinds.add(new Kind("MemorySegment heap read-only", "bytes", () -> {
            byte[] a = content("bytes");
            return segmentSubject(MemorySegment.ofArray(a).asReadOnly(), MemorySegment.ofArray(a), true, () -> {});
        }));
        kinds.add(new Kind("MemorySegment native read-only", "bytes", () -> {
            byte[] c = content("bytes");
            Arena arena = Arena.ofShared();
            MemorySegment s = arena.allocate(c.length);
            MemorySegment.copy(c, 0, s, ValueLayout.JAVA_BYTE, 0, c.length);
            return segmentSubject(s.asReadOnly(), s, true, arena::close);
        }));
        // Mapped files: a MemorySegment mapped by the test (CPython's mmap object) and MemoryView.map
        // (memoryview(mmap)); the file itself is read and written through a FileChannel.
        for (boolean writable : new boolean[] {false, true}) {
            String rw = writable ? "w" : "r";
            kinds.add(new Kind("mapped MemorySegment " + (writable ? "writable" : "read-only"), "mmap:" + rw,
                    () -> mappedSegment(content("mmap:" + rw), writable)));
            kinds.add(new Kind("MemoryView.map " + (writable ? "writable" : "read-only"), "memoryview:mmap-" + rw,
                    () -> mappedView(content("memoryview:mmap-" + rw), writable)));
        }
        // memview's own exporters.
        kinds.add(new Kind("Bytes", "bytes", () -> bytesSubject(Bytes.of(content("bytes")))));
        kinds.add(new Kind("Bytes empty", "bytes:empty", () -> bytesSubject(Bytes.of())));
        kinds.add(new Kind("ByteArray", "bytearray", () -> byteArraySubject(ByteArray.of(content("bytearray")))));
        kinds.add(new Kind("ByteArray empty", "bytearray:empty", () -> byteArraySubject(ByteArray.of())));
        for (Map.Entry<String, Map<String, Object>> e : MIRRORS.entrySet()) {
            String name = e.getKey();
            if (name.startsWith("array:")) {
                kinds.add(new Kind("TypedArray " + name.substring(6), name, () -> typedArraySubject(name)));
            }
        }
        for (Map.Entry<String, Map<String, Object>> e : MIRRORS.entrySet()) {
            String name = e.getKey();
            if ("memoryview".equals(e.getValue().get("kind"))) {
                kinds.add(new Kind("MemoryView " + name.substring(11), name, () -> layoutSubject(name)));
            }
        }
        return kinds;
    }

    interface LongAt {
        long at(int i);
    }

    interface LongPut {
        void put(int i, long v);
    }

    /**
     * A primitive array written and read element by element: a byte is read by shifting the element's bits (native
     * order is little-endian on the platforms the golden data comes from; the test checks it) and written by
     * replacing those bits in the element.
     */
    static Subject primitive(Object array, LongAt get, LongPut put, int size) {
        if (java.nio.ByteOrder.nativeOrder() != java.nio.ByteOrder.LITTLE_ENDIAN) {
            throw new IllegalStateException("the golden data is little-endian");
        }
        return new Subject(array, false) {
            @Override
            byte read(long address) {
                return (byte) (get.at((int) (address / size)) >>> (8 * (address % size)));
            }

            @Override
            void write(long address, byte value) {
                int i = (int) (address / size);
                long shift = 8 * (address % size);
                long bits = get.at(i) & ~(0xffL << shift) | (value & 0xffL) << shift;
                put.put(i, bits);
            }
        };
    }

    static Subject byteBuffer(ByteBuffer writable, boolean readonly) {
        ByteBuffer exported = readonly ? writable.asReadOnlyBuffer() : writable;
        int base = writable.position();
        return new Subject(exported, readonly) {
            @Override
            byte read(long address) {
                return writable.get(base + (int) address);
            }

            @Override
            void write(long address, byte value) {
                writable.put(base + (int) address, value);
            }
        };
    }

    static Path tempFile(byte[] content) {
        try {
            Path p = Files.createTempFile("memview-kind", ".bin");
            Files.write(p, content);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A subject whose memory is a file, read and written through a FileChannel. */
    abstract static class FileSubject extends Subject {
        final Path path;
        final FileChannel channel;

        FileSubject(Object obj, boolean readonly, Path path) {
            super(obj, readonly);
            this.path = path;
            try {
                this.channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        byte read(long address) {
            ByteBuffer one = ByteBuffer.allocate(1);
            try {
                channel.read(one, address);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return one.get(0);
        }

        @Override
        void write(long address, byte value) {
            try {
                channel.write(ByteBuffer.wrap(new byte[] {value}), address);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void closeFile() {
            try {
                channel.close();
                Files.deleteIfExists(path);
            } catch (IOException e) {
                // a mapping may still hold the file on some systems; the temp directory is cleaned anyway
            }
        }
    }

    static Subject mappedSegment(byte[] content, boolean writable) {
        Path p = tempFile(content);
        Arena arena = Arena.ofShared();
        MemorySegment seg;
        try (FileChannel ch = writable ? FileChannel.open(p, StandardOpenOption.READ, StandardOpenOption.WRITE)
                : FileChannel.open(p, StandardOpenOption.READ)) {
            seg = ch.map(writable ? FileChannel.MapMode.READ_WRITE : FileChannel.MapMode.READ_ONLY, 0, ch.size(),
                    arena);
        } catch (IOException e) {
            arena.close();
            throw new UncheckedIOException(e);
        }
        return new FileSubject(seg, !writable, p) {
            @Override
            public void close() {
                arena.close();
                closeFile();
            }
        };
    }

    static Subject mappedView(byte[] content, boolean writable) {
        Path p = tempFile(content);
        MemoryView mv = MemoryView.map(p, writable);
        return new FileSubject(mv, !writable, p) {
            @Override
            BufferExporter exporter() {
                return mv;
            }

            @Override
            public void close() {
                mv.release();
                closeFile();
            }
        };
    }

    static Subject bytesSubject(Bytes b) {
        // Bytes are immutable to their users; the test reaches the array behind them to prove the view shares it.
        byte[] a = Access.bytes().array(b);
        return new Subject(b, true) {
            @Override byte read(long address) { return a[(int) address]; }
            @Override void write(long address, byte value) { a[(int) address] = value; }
        };
    }

    static Subject byteArraySubject(ByteArray ba) {
        return new Subject(ba, false) {
            @Override byte read(long address) { return (byte) ba.get(address); }
            @Override void write(long address, byte value) { ba.set(address, value & 0xff); }
        };
    }

    /** A TypedArray, read through {@code toByteArray} and written item by item with {@code set}. */
    static Subject typedArraySubject(String mirror) {
        Map<String, Object> m = MIRRORS.get(mirror);
        char tc = ((String) m.get("typecode")).charAt(0);
        TypedArray a;
        if (m.containsKey("text")) {
            a = TypedArray.ofText(tc, (String) m.get("text"));
        } else {
            List<Object> v = values(mirror);
            a = TypedArray.of(tc, v.stream().map(x -> x instanceof Double d ? d
                    : x instanceof Long l ? (Number) l : (Number) x).toArray(Number[]::new));
        }
        int size = a.itemsize();
        return new Subject(a, false) {
            @Override
            byte read(long address) {
                return a.toByteArray()[(int) address];
            }

            @Override
            void write(long address, byte value) {
                int i = (int) (address / size);
                byte[] item = java.util.Arrays.copyOfRange(a.toByteArray(), i * size, i * size + size);
                item[(int) (address % size)] = value;
                MemorySegment s = MemorySegment.ofArray(item);
                Object v = switch (tc) {
                    case 'u', 'w' -> new String(Character.toChars(size == 2
                            ? s.get(ValueLayout.JAVA_CHAR_UNALIGNED, 0) : s.get(ValueLayout.JAVA_INT_UNALIGNED, 0)));
                    case 'f' -> (double) s.get(ValueLayout.JAVA_FLOAT_UNALIGNED, 0);
                    case 'd' -> s.get(ValueLayout.JAVA_DOUBLE_UNALIGNED, 0);
                    default -> io.memview.struct.Struct.of(String.valueOf(tc)).unpack(item).getFirst();
                };
                a.set(i, v);
            }
        };
    }

    /**
     * A MemoryView with one of the recorded layouts, over a byte array: strided and negative layouts at the offset
     * that keeps their lowest byte at 0; PIL layouts (suboffsets {@code (0, -1, ...)}, as {@code _testbuffer} makes
     * them) as an array of row pointers followed by C-contiguous rows.
     */
    @SuppressWarnings("unchecked")
    static Subject layoutSubject(String mirror) {
        Map<String, Object> m = MIRRORS.get(mirror);
        String format = (String) m.get("format");
        int itemsize = (int) (long) (Long) m.get("itemsize");
        long[] shape = longs((List<Object>) m.get("shape"));
        long[] strides = longs((List<Object>) m.get("strides"));
        long[] subs = m.get("suboffsets") == null ? null : longs((List<Object>) m.get("suboffsets"));
        boolean ro = (Boolean) m.get("readonly");
        Object decoded = PyValues.decode(m.get("items"));
        List<Object> items = decoded instanceof List<?> l ? (List<Object>) l : List.of(decoded);
        byte[] mem;
        long offset;
        long[] rowPointers = null;
        if (subs == null) {
            long lo = 0;
            long hi = 0;
            for (int d = 0; d < shape.length; d++) {
                if (shape[d] > 0) {
                    long s = (shape[d] - 1) * strides[d];
                    lo += Math.min(0, s);
                    hi += Math.max(0, s);
                }
            }
            mem = new byte[(int) (hi - lo + itemsize)];
            offset = -lo;
        } else {
            if (subs[0] != 0 || strides[0] != 8) {
                throw new IllegalStateException("unexpected PIL layout " + mirror);
            }
            long rowSize = itemsize;
            for (int d = 1; d < shape.length; d++) {
                rowSize *= shape[d];
            }
            long base = 8 * shape[0];
            mem = new byte[(int) (base + rowSize * shape[0])];
            rowPointers = new long[(int) shape[0]];
            MemorySegment s = MemorySegment.ofArray(mem);
            for (int k = 0; k < shape[0]; k++) {
                rowPointers[k] = base + k * rowSize;
                s.set(ValueLayout.JAVA_LONG_UNALIGNED, 8L * k, rowPointers[k]);
            }
            offset = 0;
        }
        MemorySegment seg = MemorySegment.ofArray(mem);
        Buffer.Builder writable = Buffer.builder(seg).format(format).itemsize(itemsize).shape(shape).strides(strides)
                .offset(offset);
        if (subs != null) {
            writable.suboffsets(subs);
        }
        try (MemoryView filler = MemoryView.of(writable.build())) {
            long[] idx = new long[shape.length];
            int k = 0;
            if (items.size() > 0) {
                do {
                    filler.set(idx.clone(), items.get(k++));
                } while (Odometer.next(idx, shape));
            }
        }
        Buffer.Builder b = Buffer.builder(seg).format(format).itemsize(itemsize).shape(shape).strides(strides)
                .offset(offset).readonly(ro);
        if (subs != null) {
            b.suboffsets(subs);
        }
        MemoryView mv = MemoryView.of(b.build());
        long off = offset;
        long[] rows = rowPointers;
        return new Subject(mv, ro) {
            @Override byte read(long address) { return mem[(int) address]; }
            @Override void write(long address, byte value) { mem[(int) address] = value; }

            @Override
            long itemAddress(long[] index, int isz) {
                long a = rows == null ? off : rows[(int) index[0]];
                for (int d = rows == null ? 0 : 1; d < index.length; d++) {
                    a += index[d] * strides[d];
                }
                return a;
            }

            @Override
            BufferExporter exporter() {
                return mv;
            }

            @Override
            public void close() {
                mv.release();
            }
        };
    }

    static long[] longs(List<Object> l) {
        long[] out = new long[l.size()];
        for (int i = 0; i < out.length; i++) {
            Object v = l.get(i);
            out[i] = v instanceof Map<?, ?> ? (Long) PyValues.decode(v) : (Long) v;
        }
        return out;
    }

    static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
