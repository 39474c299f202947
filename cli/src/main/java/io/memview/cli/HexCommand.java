package io.memview.cli;

import io.memview.MemoryView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code memview hex}: an xxd-style dump of any byte range of a file of any size. */
@Command(name = "hex", mixinStandardHelpOptions = true,
        description = {"Hex dump with offsets and an ASCII column, like xxd, of any byte range of a file of any size "
                + "(the file is mapped: only the bytes shown are read)."},
        footerHeading = "%nExamples:%n",
        footer = {"  memview hex samples/grid.npy --select :128",
                "  memview hex big.bin --select -16:            # the last 16 bytes, instantly",
                "  memview hex data.bin --select 0x200:0x240 --group 4 --width 32",
                "  memview hex data.bin --group 1 --sep :"})
final class HexCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The file.")
    Path file;

    @Option(names = {"-S", "--select"}, paramLabel = "a:b",
            description = "Byte range a:b, Python slice rules (negative counts from the end; hex 0x.. allowed).")
    String select;

    @Option(names = "--sep", paramLabel = "S", defaultValue = " ",
            description = "Separator between groups (default: a space).")
    String sep;

    @Option(names = {"-g", "--group"}, paramLabel = "N", defaultValue = "2",
            description = "Bytes per group (default: ${DEFAULT-VALUE}; 0: no grouping).")
    int group;

    @Option(names = {"-w", "--width"}, paramLabel = "N", defaultValue = "16",
            description = "Bytes per line (default: ${DEFAULT-VALUE}).")
    int width;

    @Override
    public Integer call() throws IOException {
        if (width < 1 || width > 4096) {
            throw new Main.UsageError("--width must be between 1 and 4096, not " + width);
        }
        if (group < 0) {
            throw new Main.UsageError("--group must not be negative");
        }
        if (!Files.exists(file)) {
            throw new Main.DataError("no such file: " + file);
        }
        try (MemoryView raw = MemoryView.map(file, false)) {
            long size = raw.nbytes();
            long[] range = range(select, size);
            MemorySegment seg = raw.asSegment();
            PrintWriter out = spec.commandLine().getOut();
            int digits = Math.max(8, Long.toHexString(Math.max(0, range[1] - 1)).length());
            int g = group == 0 ? width : group;
            int groups = (width + g - 1) / g;
            int hexWidth = width * 2 + (groups - 1) * sep.length();
            byte[] line = new byte[width];
            StringBuilder b = new StringBuilder();
            for (long at = range[0]; at < range[1]; at += width) {
                int n = (int) Math.min(width, range[1] - at);
                MemorySegment.copy(seg, ValueLayout.JAVA_BYTE, at, line, 0, n);
                b.setLength(0);
                String off = Long.toHexString(at);
                b.append("0".repeat(Math.max(0, digits - off.length()))).append(off).append(": ");
                int start = b.length();
                for (int k = 0; k < n; k++) {
                    if (k > 0 && k % g == 0) {
                        b.append(sep);
                    }
                    b.append(Character.forDigit((line[k] >> 4) & 0xf, 16)).append(Character.forDigit(line[k] & 0xf, 16));
                }
                b.append(" ".repeat(Math.max(0, hexWidth - (b.length() - start)))).append("  ");
                for (int k = 0; k < n; k++) {
                    int c = line[k] & 0xff;
                    b.append(c >= 0x20 && c < 0x7f ? (char) c : '.');
                }
                out.println(b);
                if (out.checkError()) {
                    return 0; // the reader went away (| head)
                }
            }
        }
        return 0;
    }

    /** {@return [start, stop) of the byte range {@code a:b} of a file of {@code size} bytes, Python slice rules} */
    static long[] range(String select, long size) {
        if (select == null || select.isBlank()) {
            return new long[] {0, size};
        }
        String[] parts = select.strip().split(":", -1);
        if (parts.length > 2) {
            throw new Main.UsageError("--select '" + select + "': hex takes a byte range a:b (no step)");
        }
        if (parts.length == 1) {
            long i = number(parts[0], select);
            long j = i < 0 ? i + size : i;
            if (j < 0 || j >= size) {
                throw new Main.DataError("--select " + select + ": index out of range for the " + size
                        + "-byte file");
            }
            return new long[] {j, j + 1};
        }
        long a = parts[0].isBlank() ? 0 : clamp(number(parts[0], select), size);
        long b = parts[1].isBlank() ? size : clamp(number(parts[1], select), size);
        return new long[] {a, Math.max(a, b)};
    }

    private static long clamp(long i, long size) {
        if (i < 0) {
            i += size;
        }
        return Math.max(0, Math.min(size, i));
    }

    private static long number(String s, String select) {
        String t = s.strip().replace("_", "");
        boolean neg = t.startsWith("-");
        if (neg || t.startsWith("+")) {
            t = t.substring(1);
        }
        try {
            long v = t.startsWith("0x") || t.startsWith("0X") ? Long.parseLong(t.substring(2), 16) : Long.parseLong(t);
            return neg ? -v : v;
        } catch (NumberFormatException e) {
            throw new Main.UsageError("--select '" + select + "': '" + s.strip() + "' is not a byte offset");
        }
    }
}
