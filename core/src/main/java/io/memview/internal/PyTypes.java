package io.memview.internal;

/** The type names that Python-style messages show for Java objects. */
public final class PyTypes {
    private PyTypes() {}

    /**
     * The name of {@code o}'s type as an error message shows it: Python's name for memview's Python types
     * ({@code bytes}, {@code bytearray}, {@code array.array}, {@code memoryview}), {@code NoneType} for
     * {@code null}, {@code str} for a {@code String} (DESIGN.md: strings are refused with CPython's message), and the
     * Java type name ({@code java.lang.Integer}, {@code int[]}) for everything else.
     */
    public static String name(Object o) {
        return switch (o) {
            case null -> "NoneType";
            case io.memview.Bytes b -> "bytes";
            case io.memview.ByteArray b -> "bytearray";
            case io.memview.MemoryView m -> "memoryview";
            case io.memview.TypedArray a -> "array.array";
            case String s -> "str"; // Python's str: memoryview("text") is refused with CPython's own message
            default -> o.getClass().getTypeName();
        };
    }

    /** Python's {@code repr} of an ASCII-or-not string: quotes chosen as Python chooses them, escapes as Python's. */
    public static String repr(String s) {
        boolean single = s.indexOf('\'') >= 0;
        boolean dbl = s.indexOf('"') >= 0;
        char quote = single && !dbl ? '"' : '\'';
        StringBuilder sb = new StringBuilder(s.length() + 2).append(quote);
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            i += Character.charCount(c);
            if (c == quote || c == '\\') {
                sb.append('\\').appendCodePoint(c);
            } else if (c == '\t') {
                sb.append("\\t");
            } else if (c == '\n') {
                sb.append("\\n");
            } else if (c == '\r') {
                sb.append("\\r");
            } else if (c < 0x20 || c == 0x7f) {
                sb.append(String.format("\\x%02x", c));
            } else if (c > 0x7f && !printable(c)) {
                sb.append(String.format(c <= 0xff ? "\\x%02x" : c <= 0xffff ? "\\u%04x" : "\\U%08x", c));
            } else {
                sb.appendCodePoint(c);
            }
        }
        return sb.append(quote).toString();
    }

    /**
     * Python's {@code str.isprintable} for one character: not a control, format, surrogate, private-use, unassigned or
     * separator character other than the space.
     */
    private static boolean printable(int c) {
        return switch (Character.getType(c)) {
            case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE,
                 Character.UNASSIGNED, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                 Character.SPACE_SEPARATOR -> false;
            default -> true;
        };
    }
}
