package io.memview.npy;

import io.memview.internal.Layouts;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The header of a {@code .npy} file: format version, dtype ({@code descr}), {@code fortran_order} and shape, and what
 * memview makes of them — the struct {@link #format()} of one item, its {@link #itemsize()}, and where the data lies
 * in the file.
 * {@snippet :
 * NpyHeader h = Npy.readHeader(Path.of("grid.npy"));
 * h.descr();          // "<f8"
 * h.format();         // "d" on a little-endian machine (NumPy's own buffer format)
 * h.shape();          // [3, 4]
 * h.dataOffset();     // 128
 * }
 *
 * <p>Headers are immutable; {@link #shape()} returns a copy.
 */
public final class NpyHeader {
    private final int major;
    private final int minor;
    private final Object descr;
    private final boolean fortranOrder;
    private final long[] shape;
    private final String format;
    private final int itemsize;
    private final long dataOffset;
    private final long dataLength;

    NpyHeader(int major, int minor, Object descr, boolean fortranOrder, long[] shape, String format, int itemsize,
              long dataOffset, long dataLength) {
        this.major = major;
        this.minor = minor;
        this.descr = descr;
        this.fortranOrder = fortranOrder;
        this.shape = shape.clone();
        this.format = format;
        this.itemsize = itemsize;
        this.dataOffset = dataOffset;
        this.dataLength = dataLength;
    }

    /** {@return the format's major version: 1, 2 or 3} */
    public int majorVersion() { return major; }

    /** {@return the format's minor version: 0} */
    public int minorVersion() { return minor; }

    /**
     * {@return the dtype descriptor: the dtype string for a simple dtype ({@code "<f8"}, {@code "|S10"}), the Python
     * literal of the field list for a structured one ({@code "[('x', '<i4'), ('y', '<f8')]"})}
     */
    public String descr() {
        return descr instanceof String s ? s : PyLiteral.repr(descr);
    }

    /** {@return whether the data is in Fortran (column-major) order} */
    public boolean fortranOrder() { return fortranOrder; }

    /** {@return the shape (a copy); empty for a 0-dimensional array} */
    public long[] shape() { return shape.clone(); }

    /** {@return the number of dimensions} */
    public int ndim() { return shape.length; }

    /** {@return the number of items: the product of the shape} */
    public long count() { return Layouts.product(shape); }

    /** {@return the struct format of one item, as the views of the file report it} */
    public String format() { return format; }

    /** {@return the size of one item in bytes} */
    public int itemsize() { return itemsize; }

    /** {@return the byte offset of the data in the file: the length of magic, version, length field and header} */
    public long dataOffset() { return dataOffset; }

    /** {@return the length of the data in bytes: {@code count() * itemsize()}} */
    public long dataLength() { return dataLength; }

    /** The parsed descr (for writing it back exactly). */
    Object descrValue() { return descr; }

    /** {@return the header dictionary as NumPy writes it: {@code {'descr': '<f8', 'fortran_order': False, 'shape': (3, 4), }}} */
    @Override
    public String toString() {
        return dictText(descr, fortranOrder, shape);
    }

    /** The header dictionary text, keys sorted, each followed by {@code ", "}, as NumPy's {@code _write_array_header}. */
    static String dictText(Object descr, boolean fortranOrder, long[] shape) {
        Map<Object, Object> d = new LinkedHashMap<>();
        d.put("descr", descr);
        d.put("fortran_order", fortranOrder);
        d.put("shape", shapeTuple(shape));
        StringBuilder b = new StringBuilder("{");
        for (Map.Entry<Object, Object> e : d.entrySet()) {
            b.append(PyLiteral.repr(e.getKey())).append(": ").append(PyLiteral.repr(e.getValue())).append(", ");
        }
        return b.append('}').toString();
    }

    static PyLiteral.Tuple shapeTuple(long[] shape) {
        return new PyLiteral.Tuple(Arrays.stream(shape).mapToObj(BigInteger::valueOf).map(Object.class::cast)
                .toList());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NpyHeader h && major == h.major && minor == h.minor && fortranOrder == h.fortranOrder
                && Arrays.equals(shape, h.shape) && Objects.equals(descr, h.descr) && dataOffset == h.dataOffset;
    }

    @Override
    public int hashCode() {
        return Objects.hash(major, minor, descr, fortranOrder, Arrays.hashCode(shape), dataOffset);
    }

    /** The fields of a parsed descr are lists and tuples; both are deeply immutable after parsing. */
    static Object freeze(Object v) {
        if (v instanceof List<?> l) {
            return l.stream().map(NpyHeader::freeze).toList();
        }
        if (v instanceof PyLiteral.Tuple t) {
            return new PyLiteral.Tuple(t.items().stream().map(NpyHeader::freeze).toList());
        }
        return v;
    }
}
