package io.memview.testing;

import io.memview.BufferError;
import io.memview.BufferFlags;
import io.memview.MemoryView;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.memview.testing.NdArray.ND_FORTRAN;
import static io.memview.testing.NdArray.ND_PIL;
import static io.memview.testing.NdArray.ND_WRITABLE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link NdArray} against {@code Modules/_testbuffer.c}: the worked example of {@code init_suboffsets}' comment, the
 * refusals of {@code init_ndbuf}/{@code verify_structure}, and {@code ndarray_getbuf}'s messages. (The golden data
 * checks every ndarray it describes against CPython's strides, suboffsets and offset too.)
 */
class NdArrayTest {

    private static List<Object> range(int n) {
        List<Object> out = new ArrayList<>();
        for (long i = 0; i < n; i++) {
            out.add(i);
        }
        return out;
    }

    @Test
    void pilConversionFollowsTheWorkedExampleOfInitSuboffsets() {
        // shape {2, 2, 3}, strides {-6, 3, -1}, offset 8, data 0..11 ->
        // strides {-sizeof(char *), 3, -1}, suboffsets {2, -1, -1}
        NdArray nd = new NdArray(range(12), new long[] {2, 2, 3}, new long[] {-6, 3, -1}, 8, "B", ND_PIL);
        assertThat(nd.strides()).containsExactly(-8, 3, -1);
        assertThat(nd.suboffsets()).containsExactly(2, -1, -1);
        assertThat(nd.offset()).isZero();
        // item [i][j][k] is at 8 - 6i + 3j - k in the data
        assertThat(MemoryView.of(nd).toList()).isEqualTo(List.of(
                List.of(List.of(8L, 7L, 6L), List.of(11L, 10L, 9L)),
                List.of(List.of(2L, 1L, 0L), List.of(5L, 4L, 3L))));
    }

    @Test
    void fortranFlagGivesFortranStrides() {
        NdArray nd = new NdArray(range(6), new long[] {2, 3}, null, 0, "h", ND_FORTRAN);
        assertThat(nd.strides()).containsExactly(2, 4);
        MemoryView m = MemoryView.of(nd);
        assertThat(m.fContiguous()).isTrue();
        assertThat(m.cContiguous()).isFalse();
        assertThat(m.toList()).isEqualTo(List.of(List.of(0L, 2L, 4L), List.of(1L, 3L, 5L)));
    }

    @Test
    void layoutsOutsideTheItemsAreRefusedWithTestbuffersMessages() {
        List<Object> three = List.of(1L, 2L, 3L);
        assertThatThrownBy(() -> new NdArray(three, new long[] {3}, new long[] {3}, 0, "h", 0))
                .hasMessage("strides must be a multiple of itemsize");
        assertThatThrownBy(() -> new NdArray(three, new long[] {4}, null, 0, "B", 0))
                .hasMessage("invalid combination of buffer, shape and strides");
        assertThatThrownBy(() -> new NdArray(three, new long[] {2}, new long[] {-1}, 0, "B", 0))
                .hasMessage("invalid combination of buffer, shape and strides");
        assertThatThrownBy(() -> new NdArray(three, new long[] {2}, new long[] {1}, 2, "B", 0))
                .hasMessage("invalid combination of buffer, shape and strides");
        assertThatThrownBy(() -> new NdArray(three, new long[] {3}, new long[] {1}, 0, "B", ND_FORTRAN))
                .hasMessage("ND_FORTRAN cannot be used together with strides");
        assertThatThrownBy(() -> new NdArray(List.of(1L), new long[0], null, 0, "B", ND_PIL))
                .hasMessage("ndim = 0 cannot be used in conjunction with ND_PIL");
    }

    @Test
    void requestsAreAnsweredWithNdarrayGetbufMessages() {
        NdArray ro = NdArray.of(range(6), "B", 0, 2, 3);
        assertThatThrownBy(() -> ro.getBuffer(BufferFlags.WRITABLE)).isInstanceOf(BufferError.class)
                .hasMessage("ndarray is not writable");
        NdArray f = new NdArray(range(6), new long[] {2, 3}, null, 0, "B", ND_FORTRAN | ND_WRITABLE);
        assertThatThrownBy(() -> f.getBuffer(BufferFlags.C_CONTIGUOUS)).isInstanceOf(BufferError.class)
                .hasMessage("ndarray is not C-contiguous");
        assertThatThrownBy(() -> f.getBuffer(BufferFlags.ND)).isInstanceOf(BufferError.class)
                .hasMessage("ndarray is not C-contiguous");
        NdArray pil = NdArray.of(range(6), "B", ND_PIL, 2, 3);
        assertThatThrownBy(() -> pil.getBuffer(BufferFlags.STRIDES)).isInstanceOf(BufferError.class)
                .hasMessage("ndarray cannot be represented without suboffsets");
        // a PIL array is never contiguous (init_suboffsets clears ND_C and ND_FORTRAN)
        assertThatThrownBy(() -> pil.getBuffer(BufferFlags.INDIRECT | BufferFlags.ANY_CONTIGUOUS))
                .isInstanceOf(BufferError.class).hasMessage("ndarray is not contiguous");
        NdArray c = NdArray.of(range(6), "B", 0, 2, 3);
        assertThatThrownBy(() -> c.getBuffer(BufferFlags.SIMPLE | BufferFlags.FORMAT))
                .isInstanceOf(BufferError.class)
                .hasMessage("ndarray: cannot cast to unsigned bytes if the format flag is present");
        MemoryView simple = MemoryView.fromFlags(c, BufferFlags.SIMPLE);
        assertThat(simple.shape()).containsExactly(6);
        assertThat(c.exports()).isEqualTo(1);
        simple.release();
        assertThat(c.exports()).isZero();
    }
}
