package io.memview;

import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link Buffer#forRequest} and {@link MemoryView#getBuffer}: every rule of CPython's buffer request, one at a time,
 * on layouts whose contiguity is known by construction. The expected outcomes are those of CPython's
 * {@code memory_getbuf} table and {@code PyBuffer_FillInfo} (reference sections 4.15 and 2.x: full-mask tests for
 * ND, STRIDES, the contiguity requests and INDIRECT; WRITABLE and FORMAT single bits; {@code PyBUF_READ} and
 * {@code PyBUF_WRITE} are not requests in 3.13). Each rule is checked both ways: the request that must fail fails with
 * its message, and the neighbouring requests that must succeed succeed with the reduced fields CPython exports.
 */
class BufferRequestRulesTest {

    private static MemorySegment bytes(int n) {
        return MemorySegment.ofArray(new byte[n]);
    }

    /** Three {@code 'i'} items, C order (and, 1-D, Fortran order too). */
    private static Buffer ints() {
        return Buffer.builder(bytes(12)).format("i").build();
    }

    /** 2x3 bytes in C order: C-contiguous, not Fortran-contiguous. */
    private static Buffer cOrder() {
        return Buffer.builder(bytes(6)).shape(2, 3).build();
    }

    /** 2x3 bytes in Fortran order (strides 1, 2): Fortran-contiguous, not C-contiguous. */
    private static Buffer fOrder() {
        return Buffer.builder(bytes(6)).shape(2, 3).strides(1, 2).build();
    }

    /** 2x3 bytes every other byte (strides 6, 2): neither C- nor Fortran-contiguous. */
    private static Buffer gappy() {
        return Buffer.builder(bytes(12)).shape(2, 3).strides(6, 2).build();
    }

    /** 2x3 bytes through two row pointers (suboffsets 0, -1): a PIL layout. */
    private static Buffer pil() {
        MemorySegment m = bytes(22);
        m.set(ValueLayout.JAVA_LONG_UNALIGNED, 0, 16);
        m.set(ValueLayout.JAVA_LONG_UNALIGNED, 8, 19);
        return Buffer.builder(m).shape(2, 3).strides(8, 1).suboffsets(0, -1).build();
    }

    private static void bufferError(Runnable r, String message) {
        assertThatThrownBy(r::run).isExactlyInstanceOf(BufferError.class).hasMessage(message);
    }

    @Test
    void readAndWriteAreNotBufferRequests() {
        // CPython 3.13: PyObject_GetBuffer with exactly PyBUF_READ or PyBUF_WRITE is a SystemError
        assertThatThrownBy(() -> ints().forRequest(BufferFlags.READ)).isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("bad argument to internal function: PyBUF_READ is not a buffer request");
        assertThatThrownBy(() -> ints().forRequest(BufferFlags.WRITE))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("bad argument to internal function: PyBUF_WRITE is not a buffer request");
        // READ | FORMAT is not exactly READ: an INDIRECT-less request without the full INDIRECT mask
        assertThat(ints().forRequest(BufferFlags.READ | BufferFlags.FORMAT).format()).isEqualTo("i");
    }

    @Test
    void writableRequestOfReadOnlyMemoryIsRefused() {
        Buffer ro = Buffer.builder(bytes(4)).readonly(true).build();
        bufferError(() -> ro.forRequest(BufferFlags.WRITABLE), "Object is not writable.");
        bufferError(() -> ro.forRequest(BufferFlags.FULL), "Object is not writable.");
        assertThat(ro.forRequest(BufferFlags.FULL_RO).readonly()).isTrue();
        assertThat(ints().forRequest(BufferFlags.FULL).readonly()).isFalse();
    }

    @Test
    void simpleRequestExportsNoFormatShapeOrStridesButKeepsItemsizeAndLength() {
        Buffer b = ints().forRequest(BufferFlags.SIMPLE);
        assertThat(b.format()).isNull();
        assertThat(b.shape()).isNull();
        assertThat(b.strides()).isNull();
        assertThat(b.ndim()).isEqualTo(1);
        assertThat(b.itemsize()).isEqualTo(4);
        assertThat(b.len()).isEqualTo(12);
    }

    @Test
    void ndRequestExportsTheShapeButNoStrides() {
        Buffer b = cOrder().forRequest(BufferFlags.ND);
        assertThat(b.shape()).containsExactly(2, 3);
        assertThat(b.ndim()).isEqualTo(2);
        assertThat(b.strides()).isNull();
        assertThat(b.format()).isNull();
        Buffer s = cOrder().forRequest(BufferFlags.STRIDES | BufferFlags.FORMAT);
        assertThat(s.strides()).containsExactly(3, 1);
        assertThat(s.format()).isEqualTo("B");
    }

    @Test
    void cContiguousRequestNeedsCOrder() {
        bufferError(() -> fOrder().forRequest(BufferFlags.C_CONTIGUOUS), "underlying buffer is not C-contiguous");
        bufferError(() -> gappy().forRequest(BufferFlags.C_CONTIGUOUS), "underlying buffer is not C-contiguous");
        assertThat(cOrder().forRequest(BufferFlags.C_CONTIGUOUS).strides()).containsExactly(3, 1);
    }

    @Test
    void fortranContiguousRequestNeedsFortranOrder() {
        bufferError(() -> cOrder().forRequest(BufferFlags.F_CONTIGUOUS),
                "underlying buffer is not Fortran contiguous");
        bufferError(() -> gappy().forRequest(BufferFlags.F_CONTIGUOUS),
                "underlying buffer is not Fortran contiguous");
        assertThat(fOrder().forRequest(BufferFlags.F_CONTIGUOUS).strides()).containsExactly(1, 2);
    }

    @Test
    void anyContiguousRequestNeedsEitherOrder() {
        bufferError(() -> gappy().forRequest(BufferFlags.ANY_CONTIGUOUS), "underlying buffer is not contiguous");
        assertThat(cOrder().forRequest(BufferFlags.ANY_CONTIGUOUS).strides()).containsExactly(3, 1);
        assertThat(fOrder().forRequest(BufferFlags.ANY_CONTIGUOUS).strides()).containsExactly(1, 2);
    }

    @Test
    void requestWithoutStridesNeedsCOrder() {
        bufferError(() -> fOrder().forRequest(BufferFlags.ND), "underlying buffer is not C-contiguous");
        bufferError(() -> gappy().forRequest(BufferFlags.SIMPLE), "underlying buffer is not C-contiguous");
        assertThat(gappy().forRequest(BufferFlags.STRIDES).strides()).containsExactly(6, 2);
        assertThat(fOrder().forRequest(BufferFlags.STRIDES).strides()).containsExactly(1, 2);
    }

    @Test
    void suboffsetsNeedAnIndirectRequest() {
        bufferError(() -> pil().forRequest(BufferFlags.STRIDES), "underlying buffer requires suboffsets");
        bufferError(() -> pil().forRequest(BufferFlags.RECORDS_RO), "underlying buffer requires suboffsets");
        Buffer b = pil().forRequest(BufferFlags.INDIRECT);
        assertThat(b.suboffsets()).containsExactly(0, -1);
        long[] sub = b.suboffsets();
        sub[0] = 99;
        assertThat(b.suboffsets()).as("a copy").containsExactly(0, -1);
        // PIL layouts are never contiguous (PyBuffer_IsContiguous is 0 with suboffsets)
        bufferError(() -> pil().forRequest(BufferFlags.INDIRECT | BufferFlags.C_CONTIGUOUS),
                "underlying buffer is not C-contiguous");
    }

    @Test
    void memoryviewExportsWithItsPrefixAndRefusesFormatWithoutShape() {
        try (MemoryView v = MemoryView.of(ints())) {
            // memory_getbuf row 8: SIMPLE|FORMAT cannot be served by a memoryview
            bufferError(() -> v.getBuffer(BufferFlags.SIMPLE | BufferFlags.FORMAT),
                    "memoryview: cannot cast to unsigned bytes if the format flag is present");
            // ... while the plain exporter rules (PyBuffer_FillInfo) serve it
            Buffer plain = ints().forRequest(BufferFlags.SIMPLE | BufferFlags.FORMAT);
            assertThat(plain.format()).isEqualTo("i");
            assertThat(plain.shape()).isNull();
            Buffer b = v.getBuffer(BufferFlags.FULL_RO);
            try {
                assertThat(b.len()).as("3 items of 4 bytes").isEqualTo(12);
                assertThat(b.format()).isEqualTo("i");
                assertThat(b.obj()).isSameAs(v);
            } finally {
                v.releaseBuffer(b);
            }
            Buffer nd = v.getBuffer(BufferFlags.ND);
            try {
                assertThat(nd.len()).isEqualTo(12);
                assertThat(nd.format()).isNull();
            } finally {
                v.releaseBuffer(nd);
            }
        }
        try (MemoryView ro = MemoryView.of(ints()).toReadOnly()) {
            bufferError(() -> ro.getBuffer(BufferFlags.WRITABLE), "memoryview: underlying buffer is not writable");
        }
        try (MemoryView f = MemoryView.of(fOrder())) {
            bufferError(() -> f.getBuffer(BufferFlags.C_CONTIGUOUS), "memoryview: underlying buffer is not C-contiguous");
        }
    }

    @Test
    void withObjKeepsTheLayoutAndReplacesTheExporter() {
        Buffer b = fOrder();
        Object owner = new Object();
        Buffer w = b.withObj(owner);
        assertThat(w.obj()).isSameAs(owner);
        assertThat(w.shape()).containsExactly(2, 3);
        assertThat(w.strides()).containsExactly(1, 2);
        assertThat(w.len()).isEqualTo(6);
        assertThat(w.memory()).isSameAs(b.memory());
    }

    @Test
    void toStringShowsTheLayout() {
        assertThat(fOrder().toString()).contains("format=B", "itemsize=1", "shape=[2, 3]", "strides=[1, 2]",
                "suboffsets=null", "offset=0", "readonly=false");
        assertThatCode(() -> pil().toString()).doesNotThrowAnyException();
        assertThat(pil().toString()).contains("suboffsets=[0, -1]");
    }
}
