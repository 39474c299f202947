package io.memview.cli;

import io.memview.MemoryView;
import io.memview.npy.Npy;
import io.memview.npy.NpyHeader;
import io.memview.struct.Struct;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Opens files as views: {@code .npy} files by their header, raw files with a format, shape, offset and order. */
final class Sources {
    private Sources() {}

    /** Whether {@code file} starts with the {@code .npy} magic string. */
    static boolean isNpy(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] m = in.readNBytes(6);
            return m.length == 6 && (m[0] & 0xff) == 0x93 && m[1] == 'N' && m[2] == 'U' && m[3] == 'M' && m[4] == 'P'
                    && m[5] == 'Y';
        }
    }

    /**
     * A struct format given on the command line; a NumPy dtype string ({@code <f4}, {@code >i8}, {@code |S10}) is
     * accepted too and becomes its struct format. {@return the struct format}
     */
    static String format(String text, String option) {
        try {
            Struct.calcsize(text);
            return text;
        } catch (IllegalArgumentException e) {
            try {
                return Npy.format(text);
            } catch (IllegalArgumentException notDtype) {
                throw new Main.UsageError(option + " '" + text + "' is not a struct format: " + e.getMessage());
            }
        }
    }

    /** Checks a struct format given on the command line; {@return its item size} */
    static long itemsize(String format, String option) {
        long size;
        try {
            size = Struct.calcsize(format);
        } catch (IllegalArgumentException e) {
            throw new Main.UsageError(option + " '" + format + "' is not a struct format: " + e.getMessage());
        }
        if (size == 0) {
            throw new Main.UsageError(option + " '" + format + "' has items of size 0");
        }
        return size;
    }

    /** Parses a shape: {@code 3,4}, {@code (3, 4)}, {@code 3x4}, {@code ()}; one dimension may be -1 (inferred). */
    static long[] shape(String text) {
        String t = text.strip();
        if (t.startsWith("(") && t.endsWith(")")) {
            t = t.substring(1, t.length() - 1).strip();
        }
        if (t.isEmpty()) {
            return new long[0];
        }
        String[] parts = t.split("\\s*[,x]\\s*", -1);
        List<Long> dims = new ArrayList<>();
        for (int k = 0; k < parts.length; k++) {
            String p = parts[k].strip();
            if (p.isEmpty() && k == parts.length - 1 && k > 0) {
                continue; // "3," is (3,)
            }
            try {
                long d = Long.parseLong(p);
                if (d < -1) {
                    throw new NumberFormatException();
                }
                dims.add(d);
            } catch (NumberFormatException e) {
                throw new Main.UsageError("--shape '" + text + "' is not a shape: give sizes such as 3,4 (one of them"
                        + " may be -1)");
            }
        }
        if (dims.stream().filter(d -> d == -1).count() > 1) {
            throw new Main.UsageError("--shape '" + text + "': only one dimension can be -1");
        }
        return dims.stream().mapToLong(Long::longValue).toArray();
    }

    /** A view and what it was made from. */
    record Opened(MemoryView view, NpyHeader header) {}

    /**
     * Opens {@code file}: a {@code .npy} file by its header (then format, shape, offset and order must not be given),
     * else raw bytes at {@code offset} as items of {@code format} (default {@code B}) in {@code shape} (default: all of
     * them, 1-D), C or Fortran {@code order}.
     */
    static Opened open(Path file, String format, String shapeText, Long offset, String order, boolean writable)
            throws IOException {
        if (order != null && !order.equals("C") && !order.equals("F")) {
            throw new Main.UsageError("--order must be C or F, not '" + order + "'");
        }
        if (!Files.exists(file)) {
            throw new Main.DataError("no such file: " + file);
        }
        if (Files.isDirectory(file)) {
            throw new Main.DataError(file + " is a directory");
        }
        if (isNpy(file)) {
            List<String> given = new ArrayList<>();
            if (format != null) {
                given.add("--format");
            }
            if (shapeText != null) {
                given.add("--shape");
            }
            if (offset != null) {
                given.add("--offset");
            }
            if (order != null) {
                given.add("--order");
            }
            if (!given.isEmpty()) {
                throw new Main.UsageError(file + " is a .npy file, whose header gives format, shape and order: "
                        + String.join(", ", given) + " cannot be used with it");
            }
            MemoryView v = Npy.map(file, writable);
            return new Opened(v, (NpyHeader) v.obj());
        }
        String fmt = format == null ? "B" : format(format, "--format");
        long isz = itemsize(fmt, "--format");
        long[] shape = shapeText == null ? null : shape(shapeText);
        long off = offset == null ? 0 : offset;
        MemoryView raw = MemoryView.map(file, writable);
        long size = raw.nbytes();
        if (off < 0 || off > size) {
            raw.release();
            throw new Main.DataError("--offset " + off + " is outside the " + size + "-byte file " + file);
        }
        long avail = size - off;
        String items = isz + "-byte '" + fmt + "' items";
        if (shape == null) {
            if (avail % isz != 0) {
                raw.release();
                throw new Main.DataError(file + ": the " + avail + " bytes" + (off > 0 ? " after offset " + off : "")
                        + " are not a whole number of " + items + " (give --shape, or --offset)");
            }
            shape = new long[] {avail / isz};
        } else {
            int infer = -1;
            long known = isz;
            for (int k = 0; k < shape.length; k++) {
                if (shape[k] == -1) {
                    infer = k;
                } else {
                    known = multiply(known, shape[k], shapeText);
                }
            }
            if (infer >= 0) {
                if (known == 0 || avail % known != 0) {
                    raw.release();
                    throw new Main.DataError(file + ": cannot fit shape " + shapeText + " of " + items + " to the "
                            + avail + " bytes" + (off > 0 ? " after offset " + off : ""));
                }
                shape[infer] = avail / known;
            } else if (known != avail) {
                raw.release();
                throw new Main.DataError(file + ": shape " + Render.tuple(shape) + " of " + items + " needs "
                        + known + " bytes but the file has " + avail + (off > 0 ? " after offset " + off : ""));
            }
        }
        long n = isz;
        for (long d : shape) {
            n *= d;
        }
        MemoryView part = raw.slice(off, off + n, 1);
        raw.release();
        boolean fortran = "F".equals(order) && shape.length > 1;
        long[] castShape = shape.clone();
        if (fortran) {
            for (int k = 0; k < shape.length; k++) {
                castShape[k] = shape[shape.length - 1 - k];
            }
        }
        MemoryView typed = part.cast(fmt, castShape);
        part.release();
        if (fortran) {
            MemoryView t = typed.transpose();
            typed.release();
            typed = t;
        }
        return new Opened(typed, null);
    }

    private static long multiply(long a, long b, String shapeText) {
        try {
            return Math.multiplyExact(a, b);
        } catch (ArithmeticException e) {
            throw new Main.DataError("shape " + shapeText + " is too large: its size overflows 64 bits");
        }
    }

    /** Applies a subscript, telling a syntax error (usage) from an index out of range (data). */
    static MemoryView select(MemoryView v, String subscript) {
        if (subscript == null) {
            return v;
        }
        try {
            return v.select(subscript);
        } catch (IndexOutOfBoundsException e) {
            throw new Main.DataError("--select " + subscript + ": " + e.getMessage() + " (shape "
                    + Render.tuple(v.shape()) + ")");
        } catch (IllegalArgumentException e) {
            throw new Main.UsageError("--select '" + subscript + "': " + e.getMessage());
        }
    }

    static String describe(long[] shape) {
        return Arrays.toString(shape);
    }
}
