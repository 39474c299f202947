package io.memview.npy;

import io.memview.internal.format.Field;
import io.memview.internal.format.Format;
import io.memview.internal.format.Scalar;

import java.math.BigInteger;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * NumPy dtype descriptors ({@code descr} in a {@code .npy} header) to struct formats and back.
 *
 * <p>Simple dtypes map to one struct code: {@code b1} {@code ?}, {@code i1} {@code b}, {@code u1} {@code B},
 * {@code i2/u2} {@code h/H}, {@code i4/u4} {@code i/I}, {@code i8/u8} {@code q/Q}, {@code f2/f4/f8} {@code e/f/d},
 * {@code Sn} (and {@code Vn}) {@code ns}. A simple dtype in the machine's byte order gets the bare code, exactly as
 * NumPy's own buffer export reports it ({@code memoryview(np.zeros(3)).format == 'd'}); the other byte order gets a
 * {@code '<'}/{@code '>'} prefix. A structured dtype becomes a record format with a byte-order prefix (standard sizes,
 * no implicit alignment): its fields in order, nested records flattened, sub-arrays as repeat counts and padding as
 * {@code x}.
 */
final class Dtype {
    private Dtype() {}

    /** Upper bound on the length of a record format built from a descr (a hostile header cannot blow it up). */
    private static final int MAX_FORMAT = 1 << 20;

    /** A descr resolved to a struct format. */
    record Resolved(String format, int itemsize) {}

    /**
     * The struct format of the parsed {@code descr}.
     *
     * @throws IllegalArgumentException naming the dtype when it is unsupported or malformed
     */
    static Resolved toFormat(Object descr) {
        if (descr instanceof String s) {
            Simple t = simple(s, descr);
            if (t.size == 0) {
                throw unsupported(descr, "its items have size 0");
            }
            String fmt;
            if (t.kind == 'S' || t.kind == 'V') {
                fmt = t.size + "s";
            } else if (t.size == 1) {
                fmt = String.valueOf(t.code);
            } else {
                fmt = (t.order == nativeOrder() ? "" : String.valueOf(t.order)) + t.code;
            }
            return new Resolved(fmt, t.size);
        }
        if (descr instanceof List<?> fields) {
            StringBuilder codes = new StringBuilder();
            char[] order = {'\0'};
            long size = record(fields, descr, codes, order, 0);
            if (size == 0) {
                throw unsupported(descr, "its items have size 0");
            }
            if (size > Integer.MAX_VALUE) {
                throw unsupported(descr, "its items are larger than 2 GiB");
            }
            String fmt = (order[0] == '>' ? ">" : "<") + codes;
            long check;
            try {
                check = Format.of(fmt).size();
            } catch (IllegalArgumentException e) {
                throw unsupported(descr, e.getMessage());
            }
            if (check != size) {
                throw new AssertionError("format " + fmt + " has size " + check + ", dtype " + size);
            }
            return new Resolved(fmt, (int) size);
        }
        throw new IllegalArgumentException("descr is not a valid dtype descriptor: " + PyLiteral.repr(descr));
    }

    private record Simple(char order, char kind, int size, char code) {}

    private static char nativeOrder() {
        return ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN ? '<' : '>';
    }

    /** Parses a simple dtype string such as {@code '<f8'}, {@code '|S10'}. */
    private static Simple simple(String s, Object whole) {
        int i = 0;
        char order = '|';
        if (!s.isEmpty() && "<>|=".indexOf(s.charAt(0)) >= 0) {
            order = s.charAt(0) == '=' ? nativeOrder() : s.charAt(0);
            i = 1;
        }
        if (i >= s.length() || !Character.isLetter(s.charAt(i))) {
            throw new IllegalArgumentException("descr is not a valid dtype descriptor: " + PyLiteral.repr(whole));
        }
        char kind = s.charAt(i++);
        String digits = s.substring(i);
        if (digits.isEmpty() || digits.length() > 9 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            if (kind == 'M' || kind == 'm') {
                throw unsupported(whole, "datetimes and timedeltas have no struct format");
            }
            throw new IllegalArgumentException("descr is not a valid dtype descriptor: " + PyLiteral.repr(whole));
        }
        int size = Integer.parseInt(digits);
        char code = switch (kind) {
            case 'b' -> size == 1 ? '?' : '\0';
            case 'i' -> switch (size) {
                case 1 -> 'b';
                case 2 -> 'h';
                case 4 -> 'i';
                case 8 -> 'q';
                default -> '\0';
            };
            case 'u' -> switch (size) {
                case 1 -> 'B';
                case 2 -> 'H';
                case 4 -> 'I';
                case 8 -> 'Q';
                default -> '\0';
            };
            case 'f' -> switch (size) {
                case 2 -> 'e';
                case 4 -> 'f';
                case 8 -> 'd';
                default -> throw unsupported(whole, size > 8 ? "long double has no struct format"
                        : "no float of " + size + " bytes");
            };
            case 'S', 'a', 'V' -> 's';
            case 'c' -> throw unsupported(whole, "complex numbers have no struct format");
            case 'M', 'm' -> throw unsupported(whole, "datetimes and timedeltas have no struct format");
            case 'O' -> throw unsupported(whole, "Python objects are not data in the file");
            case 'U' -> throw unsupported(whole, "UCS-4 strings have no struct format");
            default -> throw unsupported(whole, "unknown kind '" + kind + "'");
        };
        if (code == '\0') {
            throw unsupported(whole, "no " + (kind == 'b' ? "bool" : "integer") + " of " + size + " bytes");
        }
        if (size == 1 && order != '|' && kind != 'S' && kind != 'a' && kind != 'V') {
            order = '|';
        }
        return new Simple(order, kind == 'a' ? 'S' : kind, size, code);
    }

    /** Appends the codes of a structured dtype's fields; {@return its size}. */
    private static long record(List<?> fields, Object whole, StringBuilder codes, char[] order, int depth) {
        if (depth > 16) {
            throw unsupported(whole, "records nested too deep");
        }
        long size = 0;
        for (Object f : fields) {
            if (!(f instanceof PyLiteral.Tuple(List<Object> parts)) || parts.size() < 2 || parts.size() > 3) {
                throw new IllegalArgumentException("descr is not a valid dtype descriptor: " + PyLiteral.repr(whole));
            }
            Object name = parts.get(0);
            boolean named = name instanceof String
                    || (name instanceof PyLiteral.Tuple(List<Object> tn) && tn.size() == 2
                        && tn.get(1) instanceof String);
            if (!named) {
                throw new IllegalArgumentException("descr is not a valid dtype descriptor: " + PyLiteral.repr(whole));
            }
            long count = 1;
            if (parts.size() == 3) {
                count = subarrayCount(parts.get(2), whole);
            }
            Object fd = parts.get(1);
            long fieldSize;
            if (fd instanceof String s) {
                Simple t = simple(s, whole);
                fieldSize = t.size;
                if (t.size == 0 || count == 0) {
                    fieldSize = 0;
                } else if ("".equals(name) && t.kind == 'V') {
                    codes.append(multiply(t.size, count, whole)).append('x');
                } else if (t.kind == 'S' || t.kind == 'V') {
                    if (count > MAX_FORMAT) {
                        throw unsupported(whole, "too many fields");
                    }
                    for (long k = 0; k < count; k++) {
                        codes.append(t.size).append('s');
                        check(codes, whole);
                    }
                } else {
                    if (t.size > 1) {
                        if (order[0] != '\0' && order[0] != t.order) {
                            throw unsupported(whole, "its fields have different byte orders");
                        }
                        order[0] = t.order;
                    }
                    codes.append(count == 1 ? "" : String.valueOf(count)).append(t.code);
                }
            } else if (fd instanceof List<?> nested) {
                int mark = codes.length();
                fieldSize = record(nested, whole, codes, order, depth + 1);
                String inner = codes.substring(mark);
                for (long k = 1; k < count; k++) {
                    codes.append(inner);
                    check(codes, whole);
                }
                if (count == 0) {
                    codes.setLength(mark);
                }
            } else {
                throw new IllegalArgumentException("descr is not a valid dtype descriptor: " + PyLiteral.repr(whole));
            }
            size = Math.addExact(size, multiply(fieldSize, count, whole));
            check(codes, whole);
        }
        return size;
    }

    private static long subarrayCount(Object shape, Object whole) {
        List<Object> dims;
        if (shape instanceof PyLiteral.Tuple(List<Object> items)) {
            dims = items;
        } else if (shape instanceof BigInteger) {
            dims = List.of(shape);
        } else {
            throw new IllegalArgumentException("descr is not a valid dtype descriptor: " + PyLiteral.repr(whole));
        }
        long n = 1;
        for (Object d : dims) {
            if (!(d instanceof BigInteger b) || b.signum() < 0 || b.bitLength() > 31) {
                throw new IllegalArgumentException("descr is not a valid dtype descriptor: " + PyLiteral.repr(whole));
            }
            n = multiply(n, b.longValue(), whole);
        }
        return n;
    }

    private static long multiply(long a, long b, Object whole) {
        try {
            long r = Math.multiplyExact(a, b);
            if (r > Integer.MAX_VALUE) {
                throw unsupported(whole, "its items are larger than 2 GiB");
            }
            return r;
        } catch (ArithmeticException e) {
            throw unsupported(whole, "its items are larger than 2 GiB");
        }
    }

    private static void check(StringBuilder codes, Object whole) {
        if (codes.length() > MAX_FORMAT) {
            throw unsupported(whole, "too many fields");
        }
    }

    private static IllegalArgumentException unsupported(Object descr, String why) {
        String d = descr instanceof String s ? "'" + s + "'" : PyLiteral.repr(descr);
        return new IllegalArgumentException("unsupported dtype " + d + ": " + why);
    }

    // ------------------------------------------------------------------------------------------ format to descr

    /**
     * The descr NumPy would write for items of {@code format}: a dtype string for one value, else a list of fields
     * named {@code f0}, {@code f1}, … with padding as {@code ('', '|Vn')}.
     *
     * @throws IllegalArgumentException when the format has no NumPy dtype (Pascal strings, no values)
     */
    static Object fromFormat(String format) {
        Format f = Format.of(format);
        if (f.valueCount() == 0) {
            throw new IllegalArgumentException("format '" + format + "' has no values: no NumPy dtype holds it");
        }
        List<Field> runs = f.fields();
        if (f.single() != null && runs.size() == 1) {
            Field only = runs.getFirst();
            if (only.offset() == 0 && only.byteSize() == f.size()) {
                return simpleDescr(only, f, format);
            }
        }
        List<Object> out = new ArrayList<>();
        long at = 0;
        int name = 0;
        for (Field r : runs) {
            if (r.offset() > at) {
                out.add(pad(r.offset() - at));
            }
            at = r.offset();
            switch (r.code()) {
                case 'x' -> out.add(pad(r.count()));
                case 's', 'p' -> out.add(new PyLiteral.Tuple(List.of("f" + name++, simpleDescr(r, f, format))));
                default -> {
                    String d = simpleDescr(r, f, format);
                    for (long k = 0; k < r.count(); k++) {
                        out.add(new PyLiteral.Tuple(List.of("f" + name++, d)));
                    }
                }
            }
            at += r.byteSize();
        }
        if (f.size() > at) {
            out.add(pad(f.size() - at));
        }
        return out;
    }

    private static PyLiteral.Tuple pad(long n) {
        return new PyLiteral.Tuple(List.of("", "|V" + n));
    }

    private static String simpleDescr(Field r, Format f, String format) {
        char order = f.order() == ByteOrder.LITTLE_ENDIAN ? '<' : '>';
        return switch (r.code()) {
            case 's' -> "|S" + r.count();
            case 'c' -> "|S1";
            case '?' -> r.size() == 1 ? "|b1" : order + "u" + r.size();
            case 'p' -> throw new IllegalArgumentException("format '" + format
                    + "' has a Pascal string ('p'): no NumPy dtype holds it");
            default -> {
                Scalar s = r.scalar();
                char kind = switch (s.kind()) {
                    case SIGNED -> 'i';
                    case UNSIGNED -> 'u';
                    case FLOAT -> 'f';
                    default -> throw new AssertionError(r);
                };
                yield (s.size() == 1 ? '|' : order) + String.valueOf(kind) + s.size();
            }
        };
    }
}
