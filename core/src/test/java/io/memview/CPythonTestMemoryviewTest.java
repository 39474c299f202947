package io.memview;

import io.memview.struct.Struct;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A port of CPython 3.13's {@code Lib/test/test_memoryview.py}.
 *
 * <p>CPython runs {@code AbstractMemoryTests} over two sources ({@code bytes}/{@code bytearray}, and
 * {@code array('i')}) times three levels of indirection (the view, a slice {@code [1:7]} of
 * {@code b"XabcdefY"}, a slice of a slice). {@link Fixture} is that product; the abstract tests are parameterized
 * over it. {@code bytes} is {@link Bytes}, {@code bytearray} is {@link ByteArray}, {@code array} is
 * {@link TypedArray}.
 *
 * <p>Skipped, and why:
 * <ul>
 * <li>the {@code sys.getrefcount} assertions, {@code test_gc}, {@code test_weakref}, {@code test_refs},
 *     {@code test_buffer_reference_loop}, {@code test_picklebuffer_reference_loop}: reference counting and cycles
 *     of CPython's collector; Java's GC has no observable equivalent;</li>
 * <li>the key-type checks ({@code m[None]}, {@code m[0.0]}, {@code m["a"]}, {@code m[(slice, 0)]}) and
 *     {@code test_constructor}'s argument checks: Java's typed signatures make those calls impossible;</li>
 * <li>{@code test_delitem}: there is no item deletion in Java;</li>
 * <li>unordered comparisons ({@code m < c}): Java has no operator overloading, and views are not
 *     {@code Comparable};</li>
 * <li>{@code test_hash_writable} and hashing a released view: memview's {@code hashCode} never throws (DESIGN.md,
 *     "Equality"), a deliberate difference; the rest of {@code test_hash} is ported;</li>
 * <li>{@code test_use_released_memory}: it releases the view from inside {@code __index__}/{@code __float__}/
 *     {@code __bool__} while CPython converts a key or value; Java's keys and values are plain numbers that run no
 *     code;</li>
 * <li>{@code test_copy}/{@code test_pickle} become "not {@code Cloneable}, not {@code Serializable}".</li>
 * </ul>
 */
class CPythonTestMemoryviewTest {

    private static final byte[] ABCDEF = "abcdef".getBytes(StandardCharsets.US_ASCII);

    /** One source type (its read-only and writable constructors) and one level of indirection. */
    record Fixture(String name, Function<byte[], Object> roType, Function<byte[], Object> rwType,
                   Function<byte[], byte[]> getitemType, int itemsize, String format, boolean sliced,
                   Function<Object, MemoryView> view) {

        byte[] source() {
            return sliced ? "XabcdefY".getBytes(StandardCharsets.US_ASCII) : ABCDEF;
        }

        List<Function<byte[], Object>> types() {
            List<Function<byte[], Object>> out = new ArrayList<>();
            if (roType != null) {
                out.add(roType);
            }
            out.add(rwType);
            return out;
        }

        /** {@code _check_contents}: the object (or its [1:7]) equals {@code tp(contents)}. */
        void checkContents(Function<byte[], Object> tp, Object obj, byte[] contents) {
            MemoryView all = MemoryView.of(obj);
            MemoryView part = sliced ? all.slice(1, 7, 1) : all;
            assertThat(part.toBytes()).as(name).isEqualTo(MemoryView.of(tp.apply(contents)).toBytes());
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private static TypedArray intArray(byte[] b) {
        Number[] v = new Number[b.length];
        for (int i = 0; i < b.length; i++) {
            v[i] = b[i] & 0xff;
        }
        return TypedArray.of('i', v);
    }

    private static byte[] intBytes(byte[] b) {
        return intArray(b).toByteArray();
    }

    static Stream<Fixture> fixtures() {
        Function<Object, MemoryView> plain = MemoryView::of;
        Function<Object, MemoryView> slice = o -> MemoryView.of(o).slice(1, 7, 1);
        Function<Object, MemoryView> sliceSlice = o -> MemoryView.of(o).slice(Long.MIN_VALUE, 7, 1)
                .slice(1, Long.MAX_VALUE, 1);
        Function<byte[], Object> bytes = Bytes::of;
        Function<byte[], Object> bytearray = ByteArray::of;
        Function<byte[], Object> array = CPythonTestMemoryviewTest::intArray;
        int isz = 4;
        return Stream.of(
                new Fixture("BytesMemoryviewTest", bytes, bytearray, b -> b, 1, "B", false, plain),
                new Fixture("ArrayMemoryviewTest", null, array, CPythonTestMemoryviewTest::intBytes, isz, "i",
                        false, plain),
                new Fixture("BytesMemorySliceTest", bytes, bytearray, b -> b, 1, "B", true, slice),
                new Fixture("ArrayMemorySliceTest", null, array, CPythonTestMemoryviewTest::intBytes, isz, "i",
                        true, slice),
                new Fixture("BytesMemorySliceSliceTest", bytes, bytearray, b -> b, 1, "B", true, sliceSlice),
                new Fixture("ArrayMemorySliceSliceTest", null, array, CPythonTestMemoryviewTest::intBytes, isz,
                        "i", true, sliceSlice));
    }

    static Stream<Fixture> byteFixtures() {
        return fixtures().filter(f -> f.roType() != null);
    }

    // ------------------------------------------------------------------------------------- AbstractMemoryTests

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void getitemReturnsIntsAndChecksBounds(Fixture fx) {
        for (Function<byte[], Object> tp : fx.types()) {
            MemoryView m = fx.view().apply(tp.apply(fx.source()));
            assertThat(m.get(0)).as(fx.name()).isEqualTo((long) 'a').isInstanceOf(Long.class);
            assertThat(m.get(5)).isEqualTo((long) 'f');
            assertThat(m.get(-1)).isEqualTo((long) 'f');
            assertThat(m.get(-6)).isEqualTo((long) 'a');
            for (long i : new long[] {6, -7, Long.MAX_VALUE, -Long.MAX_VALUE}) {
                assertThatThrownBy(() -> m.get(i)).as("m[%d]", i).isInstanceOf(IndexOutOfBoundsException.class)
                        .hasMessage("index out of bounds on dimension 1");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void iterationYieldsTheItemsInOrder(Fixture fx) {
        for (Function<byte[], Object> tp : fx.types()) {
            MemoryView m = fx.view().apply(tp.apply(fx.source()));
            List<Object> items = new ArrayList<>();
            m.forEach(items::add);
            List<Object> byIndex = new ArrayList<>();
            for (long i = 0; i < m.length(); i++) {
                byIndex.add(m.get(i));
            }
            assertThat(items).as(fx.name()).isEqualTo(byIndex).hasSize(6);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("byteFixtures")
    void setitemOnReadOnlyMemoryIsATypeError(Fixture fx) {
        MemoryView m = fx.view().apply(fx.roType().apply(fx.source()));
        for (Object value : new Object[] {Bytes.of((byte) 'a'), 65L, MemoryView.of(Bytes.of((byte) 'a'))}) {
            assertThatThrownBy(() -> m.set(0, value)).as(fx.name()).isInstanceOf(ReadOnlyMemoryException.class)
                    .hasMessage("cannot modify read-only memory");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void setitemOnWritableMemoryWritesThroughAndRefusesBadKeysAndStructures(Fixture fx) {
        Function<byte[], Object> tp = fx.rwType();
        Object b = tp.apply(fx.source());
        MemoryView m = fx.view().apply(b);
        m.set(0, (long) '1');
        fx.checkContents(tp, b, bytes("1bcdef"));
        m.setSlice(0, 1, 1, tp.apply(bytes("0")));
        fx.checkContents(tp, b, bytes("0bcdef"));
        m.setSlice(1, 3, 1, tp.apply(bytes("12")));
        fx.checkContents(tp, b, bytes("012def"));
        m.setSlice(1, 1, 1, tp.apply(bytes("")));
        fx.checkContents(tp, b, bytes("012def"));
        m.setSlice(Long.MIN_VALUE, Long.MAX_VALUE, 1, tp.apply(bytes("abcdef")));
        fx.checkContents(tp, b, bytes("abcdef"));

        // Overlapping copies of a view into itself
        m.setSlice(0, 3, 1, m.slice(2, 5, 1));
        fx.checkContents(tp, b, bytes("cdedef"));
        m.setSlice(Long.MIN_VALUE, Long.MAX_VALUE, 1, tp.apply(bytes("abcdef")));
        m.setSlice(2, 5, 1, m.slice(0, 3, 1));
        fx.checkContents(tp, b, bytes("ababcf"));

        // Bounds checking
        for (long i : new long[] {6, -7, Long.MAX_VALUE, -Long.MAX_VALUE}) {
            assertThatThrownBy(() -> m.set(i, tp.apply(bytes("a")))).as("m[%d] = tp(b'a')", i)
                    .isInstanceOf(IndexOutOfBoundsException.class).hasMessage("index out of bounds on dimension 1");
        }
        // m[(0,)] = tp(b"a"): the tuple key is an index; the value is not an int
        assertThatThrownBy(() -> m.set(new long[] {0}, tp.apply(bytes("a"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("memoryview: invalid type for format '" + fx.format() + "'");
        // Trying to resize the memory object
        for (String v : new String[] {"", "ab"}) {
            assertThatThrownBy(() -> m.set(0, tp.apply(bytes(v)))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("memoryview: invalid type for format '" + fx.format() + "'");
        }
        assertThatThrownBy(() -> m.setSlice(1, 1, 1, tp.apply(bytes("a"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("memoryview assignment: lvalue and rvalue have different structures");
        assertThatThrownBy(() -> m.setSlice(0, 2, 1, tp.apply(bytes("a"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("memoryview assignment: lvalue and rvalue have different structures");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void tobytesGivesTheItemBytes(Fixture fx) {
        for (Function<byte[], Object> tp : fx.types()) {
            MemoryView m = fx.view().apply(tp.apply(fx.source()));
            assertThat(m.toBytes()).as(fx.name()).isEqualTo(fx.getitemType().apply(ABCDEF));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("byteFixtures") // CPython skips test_tolist for the array fixtures ("only supports byte views")
    void tolistGivesTheByteValues(Fixture fx) {
        for (Function<byte[], Object> tp : fx.types()) {
            MemoryView m = fx.view().apply(tp.apply(fx.source()));
            assertThat(m.toList()).as(fx.name()).isEqualTo(List.of(97L, 98L, 99L, 100L, 101L, 102L));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void equalityWithOtherBuffersAndObjectsWithoutOne(Fixture fx) {
        for (Function<byte[], Object> tp : fx.types()) {
            MemoryView m = fx.view().apply(tp.apply(fx.source()));
            for (Function<byte[], Object> tpComp : fx.types()) {
                assertThat(m.equals(tpComp.apply(bytes("abcdef")))).as(fx.name()).isTrue();
                assertThat(m.equals(tpComp.apply(bytes("abcde")))).isFalse();
                assertThat(m.equals(tpComp.apply(bytes("abcde1")))).isFalse();
            }
            assertThat(m.equals(m)).isTrue();
            assertThat(m.equals(m.slice(Long.MIN_VALUE, Long.MAX_VALUE, 1))).isTrue();
            assertThat(m.slice(0, 6, 1).equals(m.slice(Long.MIN_VALUE, Long.MAX_VALUE, 1))).isTrue();
            assertThat(m.slice(0, 5, 1).equals(m)).isFalse();
            // Comparison with objects which don't support the buffer API
            assertThat(m.equals("abcdef")).isFalse();
            assertThat("abcdef".equals(m)).isFalse();
        }
    }

    private static MemoryView checkAttributes(Fixture fx, Function<byte[], Object> tp) {
        MemoryView m = fx.view().apply(tp.apply(fx.source()));
        assertThat(m.format()).as(fx.name()).isEqualTo(fx.format());
        assertThat(m.itemsize()).isEqualTo(fx.itemsize());
        assertThat(m.ndim()).isEqualTo(1);
        assertThat(m.shape()).containsExactly(6);
        assertThat(m.length()).isEqualTo(6);
        assertThat(m.strides()).containsExactly(fx.itemsize());
        assertThat(m.suboffsets()).as("suboffsets () is null in Java").isNull();
        return m;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("byteFixtures")
    void attributesOfAReadOnlyView(Fixture fx) {
        assertThat(checkAttributes(fx, fx.roType()).readonly()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void attributesOfAWritableView(Fixture fx) {
        assertThat(checkAttributes(fx, fx.rwType()).readonly()).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("byteFixtures") // CPython skips test_getbuffer for the array fixtures
    void getbufferExportsTheViewsBytes(Fixture fx) {
        // str(m, "utf-8") takes a simple buffer from the view and decodes it.
        for (Function<byte[], Object> tp : fx.types()) {
            Object b = tp.apply(fx.source());
            MemoryView m = fx.view().apply(b);
            Buffer buf = m.getBuffer(BufferFlags.SIMPLE);
            String s;
            try {
                byte[] raw = buf.memory().asSlice(buf.offset(), buf.len()).toArray(
                        java.lang.foreign.ValueLayout.JAVA_BYTE);
                s = new String(raw, StandardCharsets.UTF_8);
            } finally {
                m.releaseBuffer(buf);
            }
            fx.checkContents(tp, b, s.getBytes(StandardCharsets.UTF_8));
            m.release(); // no export is left behind
        }
    }

    private static void checkReleased(Fixture fx, MemoryView m, Function<byte[], Object> tp) {
        List<Runnable> ops = List.of(() -> MemoryView.of(m), m::toBytes, m::toList, () -> m.get(0),
                () -> m.set(0, Bytes.of((byte) 'x')), m::length, m::format, m::itemsize, m::ndim, m::readonly,
                m::shape, m::strides);
        for (Runnable op : ops) {
            assertThatThrownBy(op::run).as(fx.name()).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("released");
        }
        // str() and repr() still function
        assertThat(m.toString()).contains("released memory");
        assertThat(m).isEqualTo(m);
        assertThat(m).isNotEqualTo(MemoryView.of(tp.apply(fx.source())));
        assertThat(m.equals(tp.apply(fx.source()))).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void tryWithResourcesReleasesTheView(Fixture fx) {
        for (Function<byte[], Object> tp : fx.types()) {
            Object b = tp.apply(fx.source());
            MemoryView m = fx.view().apply(b);
            try (MemoryView cm = m) {
                assertThat(cm).isSameAs(m);
            }
            checkReleased(fx, m, tp);
            MemoryView m2 = fx.view().apply(b);
            // Can release explicitly inside the context manager
            try (m2) {
                m2.release();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void releaseIsIdempotent(Fixture fx) {
        for (Function<byte[], Object> tp : fx.types()) {
            MemoryView m = fx.view().apply(tp.apply(fx.source()));
            m.release();
            checkReleased(fx, m, tp);
            m.release(); // a no-op the second time
            checkReleased(fx, m, tp);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("byteFixtures")
    void aReadOnlyViewRefusesAWritableExport(Fixture fx) {
        // Issue #10451: BytesIO.readinto(m) asks m for a writable buffer.
        MemoryView m = fx.view().apply(fx.roType().apply(fx.source()));
        assertThatThrownBy(() -> m.getBuffer(BufferFlags.WRITABLE)).isInstanceOf(BufferError.class)
                .hasMessage("memoryview: underlying buffer is not writable");
    }

    @Test
    void anObjectWithoutABufferIsATypeError() {
        assertThatThrownBy(() -> MemoryView.of(new HashMap<>())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("memoryview: a bytes-like object is required, not ");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("byteFixtures")
    void aReadOnlyByteViewHashesLikeBytesAndKeepsItsHashAfterRelease(Fixture fx) {
        MemoryView m = fx.view().apply(fx.roType().apply(fx.source()));
        int h = m.hashCode();
        assertThat(h).isEqualTo(Bytes.of(ABCDEF).hashCode());
        m.release();
        assertThat(m.hashCode()).isEqualTo(h);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void reversedIsTheReverseSlice(Fixture fx) {
        for (Function<byte[], Object> tp : fx.types()) {
            MemoryView m = fx.view().apply(tp.apply(fx.source()));
            @SuppressWarnings("unchecked")
            List<Object> asList = new ArrayList<>((List<Object>) m.toList());
            java.util.Collections.reverse(asList);
            List<Object> reversed = new ArrayList<>();
            for (long i = m.length() - 1; i >= 0; i--) {
                reversed.add(m.get(i));
            }
            assertThat(reversed).as(fx.name()).isEqualTo(asList);
            assertThat(reversed).isEqualTo(m.slice(Long.MAX_VALUE, Long.MIN_VALUE, -1).toList());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void toreadonlyMakesAReadOnlyViewReleasedOnItsOwn(Fixture fx) {
        for (Function<byte[], Object> tp : fx.types()) {
            MemoryView m = fx.view().apply(tp.apply(fx.source()));
            MemoryView mm = m.toReadOnly();
            assertThat(mm.readonly()).isTrue();
            assertThat(MemoryView.of(mm).readonly()).isTrue();
            assertThat(mm.toList()).isEqualTo(m.toList());
            mm.release();
            assertThat(m.toList()).isNotNull();
        }
    }

    @Test
    void issue22668CastsOfCastsKeepTheirFormatAfterTheMiddleViewIsReleased() {
        TypedArray a = TypedArray.of('H', 256, 256, 256, 256);
        MemoryView x = MemoryView.of(a);
        MemoryView m = x.cast("B");
        MemoryView b = m.cast("H");
        MemoryView c = b.slice(0, 2, 1);
        MemoryView d = MemoryView.of(b);
        b.release(); // del b

        assertThat(c.get(0)).isEqualTo(256L);
        assertThat(d.get(0)).isEqualTo(256L);
        assertThat(c.format()).isEqualTo("H");
        assertThat(d.format()).isEqualTo("H");

        m.cast("I");
        assertThat(c.get(0)).isEqualTo(256L);
        assertThat(d.get(0)).isEqualTo(256L);
        assertThat(c.format()).isEqualTo("H");
        assertThat(d.format()).isEqualTo("H");
    }

    @Test
    void sliceAssignmentFromAnIntArray() {
        // Issue #4569: segfault when mutating a memoryview with itemsize != 1
        Number[] up = new Number[10];
        Number[] down = new Number[10];
        for (int i = 0; i < 10; i++) {
            up[i] = i;
            down[i] = 9 - i;
        }
        TypedArray a = TypedArray.of('i', up);
        MemoryView m = MemoryView.of(a);
        TypedArray newA = TypedArray.of('i', down);
        m.setSlice(Long.MIN_VALUE, Long.MAX_VALUE, 1, newA);
        assertThat(a).isEqualTo(newA);
    }

    // ------------------------------------------------------------------------------------------------ OtherTest

    private static byte[] nativeDouble(double v) {
        return ByteBuffer.allocate(8).order(ByteOrder.nativeOrder()).putDouble(v).array();
    }

    @Test
    void anyFormatCastsToBytes() {
        // Issue 15944 (test_ctypes_cast): ctypes.c_double becomes a double[1].
        byte[] p6 = nativeDouble(0.6);
        double[] d = new double[1];
        MemoryView m = MemoryView.of(d).cast("B");
        m.setSlice(Long.MIN_VALUE, 2, 1, Bytes.of(Arrays.copyOfRange(p6, 0, 2)));
        m.setSlice(2, Long.MAX_VALUE, 1, Bytes.of(Arrays.copyOfRange(p6, 2, 8)));
        assertThat(d[0]).isEqualTo(0.6);

        for (String format : new String[] {"B", "b", "c"}) {
            double[] d2 = new double[1];
            MemoryView m2 = MemoryView.of(d2).cast(format);
            m2.setSlice(Long.MIN_VALUE, 2, 1, MemoryView.of(p6).cast(format).slice(Long.MIN_VALUE, 2, 1));
            m2.setSlice(2, Long.MAX_VALUE, 1, MemoryView.of(p6).cast(format).slice(2, Long.MAX_VALUE, 1));
            assertThat(d2[0]).as(format).isEqualTo(0.6);
        }
    }

    @Test
    void halfFloatsReadAsTheSameValuesAsFloats() {
        byte[] halfData = Struct.of("eee").pack(0.0, -1.5, 1.5);
        byte[] floatData = Struct.of("fff").pack(0.0, -1.5, 1.5);
        MemoryView halfView = MemoryView.of(halfData).cast("e");
        MemoryView floatView = MemoryView.of(floatData).cast("f");
        assertThat(halfView.nbytes() * 2).isEqualTo(floatView.nbytes());
        assertThat(halfView.toList()).isEqualTo(floatView.toList()).isEqualTo(List.of(0.0, -1.5, 1.5));
    }

    @Test
    void hexOfANonContiguousView() {
        // Issue #9951: memoryview.hex() segfaults with non-contiguous buffers.
        byte[] x = new byte[200000];
        Arrays.fill(x, (byte) '0');
        MemoryView m2 = MemoryView.of(x).slice(Long.MAX_VALUE, Long.MIN_VALUE, -1);
        assertThat(m2.hex()).isEqualTo("30".repeat(200000));
    }

    @Test
    void viewsCannotBeCopiedOrSerialized() {
        // test_copy / test_pickle: TypeError: cannot pickle 'memoryview' object
        assertThat(Cloneable.class.isAssignableFrom(MemoryView.class)).isFalse();
        assertThat(Serializable.class.isAssignableFrom(MemoryView.class)).isFalse();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
