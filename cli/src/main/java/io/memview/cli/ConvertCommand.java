package io.memview.cli;

import io.memview.Bytes;
import io.memview.MemoryView;
import io.memview.npy.Npy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.Console;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;

/** {@code memview convert}: items converted to another format, written raw or as {@code .npy}. */
@Command(name = "convert", mixinStandardHelpOptions = true,
        description = {"Convert every item to another struct format — byte-order swaps, widening, narrowing with "
                + "range checks — and write the result raw, or as .npy when OUT ends in .npy.",
                "A .npy IN gives its own format and shape; a raw IN needs --from. OUT is written to a temporary "
                + "file and moved into place when complete: a failure never leaves a partial OUT."},
        footerHeading = "%nExamples:%n",
        footer = {"  memview convert samples/grid.npy grid32.npy --to \"<f4\"",
                "  memview convert samples/grid.npy grid.raw --to \">d\"          # big-endian raw doubles",
                "  memview convert pixels.raw pixels.npy --from \">H\" --to \"<H\" --shape 480,640",
                "  memview convert counts.npy counts8.npy --to b                   # fails if a value is out of range"})
final class ConvertCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "IN", description = "The input: .npy, or raw items of --from.")
    Path in;

    @Parameters(index = "1", paramLabel = "OUT", description = "The output: .npy when it ends in .npy, else raw.")
    Path out;

    @Option(names = "--from", paramLabel = "F", description = "Struct format of a raw IN's items.")
    String from;

    @Option(names = "--to", paramLabel = "F", required = true, description = "Struct format of OUT's items.")
    String to;

    @Option(names = {"-s", "--shape"}, paramLabel = "SHAPE",
            description = "Shape of a raw IN, e.g. 480,640 (one size may be -1; default: 1-D).")
    String shape;

    @Option(names = {"-o", "--offset"}, paramLabel = "N", description = "Byte offset of a raw IN's first item.")
    Long offset;

    @Override
    public Integer call() throws IOException {
        String to = Sources.format(this.to, "--to");
        Sources.itemsize(to, "--to");
        if (!Files.exists(in)) {
            throw new Main.DataError("no such file: " + in);
        }
        boolean npyIn = Sources.isNpy(in);
        String from = this.from == null ? null : Sources.format(this.from, "--from");
        String fromFormat = from;
        if (npyIn) {
            if (shape != null || offset != null) {
                throw new Main.UsageError(in + " is a .npy file, whose header gives shape and offset: --shape and"
                        + " --offset cannot be used with it");
            }
            fromFormat = null;
        } else if (from == null) {
            throw new Main.UsageError("--from is required for a raw IN (" + in + " is not a .npy file)");
        }
        Sources.Opened o = Sources.open(in, fromFormat, shape, offset, null, false);
        MemoryView src = o.view();
        if (npyIn && from != null && !from.equals(src.format())) {
            throw new Main.UsageError("--from '" + from + "' does not match " + in + ", whose items are '"
                    + src.format() + "' (a .npy file gives its own format)");
        }
        List<Character> srcCodes = Render.valueCodes(src.format());
        List<Character> dstCodes = Render.valueCodes(to);
        if (srcCodes.size() != dstCodes.size()) {
            throw new Main.UsageError("cannot convert items of " + srcCodes.size() + " value(s) ('" + src.format()
                    + "') to items of " + dstCodes.size() + " ('" + to + "')");
        }
        boolean npyOut = out.getFileName().toString().endsWith(".npy");
        Path target = out.toAbsolutePath();
        Path tmp = target.resolveSibling("." + target.getFileName() + "."
                + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
        long[] shp = src.shape();
        long n = 1;
        for (long d : shp) {
            n *= d;
        }
        boolean done = false;
        try {
            MemoryView dst;
            if (npyOut) {
                try {
                    dst = Npy.create(tmp, to, shp);
                } catch (IllegalArgumentException e) {
                    throw new Main.UsageError("--to '" + to + "': " + e.getMessage());
                }
            } else {
                long bytes = Math.multiplyExact(n, Sources.itemsize(to, "--to"));
                try (RandomAccessFile f = new RandomAccessFile(tmp.toFile(), "rw")) {
                    f.setLength(bytes);
                }
                MemoryView raw = MemoryView.map(tmp, true);
                dst = raw.cast(to, shp);
                raw.release();
            }
            try {
                copy(src, dst, n);
            } finally {
                dst.release();
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            done = true;
        } finally {
            src.release();
            if (!done) {
                Files.deleteIfExists(tmp);
            }
        }
        spec.commandLine().getOut().println("wrote " + out + ": " + n + " items of '" + this.to + "'"
                + (to.equals(this.to) ? "" : " (struct '" + to + "')") + ", shape "
                + Render.tuple(shp) + (npyOut ? ", .npy" : ", raw"));
        return 0;
    }

    /** Copies every item in C order, converting each value; a progress bar on a terminal when it takes long. */
    private void copy(MemoryView src, MemoryView dst, long n) {
        List<Character> codes = Render.valueCodes(dst.format());
        Progress progress = new Progress(spec.commandLine().getErr(), n);
        if (n == 0) {
            return;
        }
        if (src.ndim() == 0) {
            dst.set(new long[0], convert(src.get(), codes, new long[0], dst.format()));
            return;
        }
        long[] shape = src.shape();
        long[] idx = new long[shape.length];
        for (long k = 0; k < n; k++) {
            Object v = convert(src.get(idx), codes, idx, dst.format());
            try {
                dst.set(idx, v);
            } catch (IllegalArgumentException | ArithmeticException e) {
                throw new Main.DataError("value " + Render.repr(src.get(idx)) + " at index " + Render.tuple(idx)
                        + " does not fit '" + dst.format() + "': " + e.getMessage());
            }
            for (int d = idx.length - 1; d >= 0; d--) {
                if (++idx[d] < shape[d]) {
                    break;
                }
                idx[d] = 0;
            }
            if ((k & 0xffff) == 0) {
                progress.update(k);
            }
        }
        progress.done();
    }

    private static Object convert(Object v, List<Character> codes, long[] idx, String format) {
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            for (int k = 0; k < l.size(); k++) {
                out.add(convertOne(l.get(k), codes.get(k), idx, format));
            }
            return out;
        }
        return convertOne(v, codes.getFirst(), idx, format);
    }

    private static Object convertOne(Object v, char code, long[] idx, String format) {
        boolean integer = "bBhHiIlLqQnNP".indexOf(code) >= 0;
        boolean floating = "efd".indexOf(code) >= 0;
        if (v instanceof Bytes && code != 's' && code != 'c' && code != 'p') {
            throw new Main.DataError("value " + Render.repr(v) + " at index " + Render.tuple(idx)
                    + " is bytes: it cannot become a number of '" + format + "'");
        }
        if ((code == 's' || code == 'c' || code == 'p') && !(v instanceof Bytes)) {
            throw new Main.DataError("value " + Render.repr(v) + " at index " + Render.tuple(idx)
                    + " is a number: it cannot become bytes of '" + format + "'");
        }
        if (integer && v instanceof Double d) {
            if (!Double.isFinite(d) || d != Math.rint(d)) {
                throw new Main.DataError("value " + Render.repr(v) + " at index " + Render.tuple(idx)
                        + " is not an integer: it cannot become '" + format + "'");
            }
            BigInteger b = new BigDecimal(d).toBigIntegerExact();
            return b.bitLength() < 64 ? (Object) b.longValue() : b;
        }
        if (floating && v instanceof BigInteger b) {
            return b.doubleValue();
        }
        if (floating && v instanceof Long l) {
            return (double) l;
        }
        return v;
    }

    /** A progress bar on stderr, shown only on a terminal and only once the work has taken a second. */
    private static final class Progress {
        private final PrintWriter err;
        private final long total;
        private final long start = System.nanoTime();
        private final boolean terminal;
        private boolean shown;

        Progress(PrintWriter err, long total) {
            this.err = err;
            this.total = total;
            Console c = System.console();
            this.terminal = c != null && c.isTerminal();
        }

        void update(long done) {
            if (!terminal || System.nanoTime() - start < 1_000_000_000L) {
                return;
            }
            shown = true;
            int pct = (int) (100 * done / Math.max(1, total));
            int bar = pct * 30 / 100;
            err.print("\rconverting [" + "#".repeat(bar) + " ".repeat(30 - bar) + "] " + pct + "% ");
            err.flush();
        }

        void done() {
            if (shown) {
                err.print("\r" + " ".repeat(50) + "\r");
                err.flush();
            }
        }
    }
}
