package io.memview.cli;

import io.memview.MemoryView;
import io.memview.struct.Struct;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code memview struct}: a file of packed records, unpacked with Python's {@code struct.iter_unpack}. */
@Command(name = "struct", mixinStandardHelpOptions = true,
        description = {"Unpack a file of packed records with a struct format, as Python's struct.iter_unpack: one "
                + "tuple per line. Streams: constant memory on files of any size."},
        footerHeading = "%nExamples:%n",
        footer = {"  memview struct \"<idd\" samples/points.raw",
                "  memview struct \"<idd\" samples/points.raw --count 2 --json",
                "  memview struct \">HHI\" packets.bin --offset 24 --csv > packets.csv"})
final class StructCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FORMAT", description = "Struct format of one record, e.g. \"<iif\".")
    String format;

    @Parameters(index = "1", paramLabel = "FILE", description = "The file.")
    Path file;

    @Option(names = {"-o", "--offset"}, paramLabel = "N", defaultValue = "0",
            description = "Byte offset of the first record (default: 0).")
    long offset;

    @Option(names = {"-n", "--count"}, paramLabel = "N", description = "Number of records (default: all whole ones).")
    Long count;

    @ArgGroup(exclusive = true)
    Output output;

    static final class Output {
        @Option(names = "--json", description = "One JSON array per record (JSON Lines).")
        boolean json;

        @Option(names = "--csv", description = "One CSV line per record.")
        boolean csv;
    }

    @Override
    public Integer call() throws IOException {
        String format = Sources.format(this.format, "FORMAT");
        long size = Sources.itemsize(format, "FORMAT");
        if (count != null && count < 0) {
            throw new Main.UsageError("--count must not be negative");
        }
        if (!Files.exists(file)) {
            throw new Main.DataError("no such file: " + file);
        }
        Struct s = Struct.of(format);
        try (MemoryView raw = MemoryView.map(file, false)) {
            long fileSize = raw.nbytes();
            if (offset < 0 || offset > fileSize) {
                throw new Main.DataError("--offset " + offset + " is outside the " + fileSize + "-byte file " + file);
            }
            long whole = (fileSize - offset) / size;
            long n = count == null ? whole : count;
            if (n > whole) {
                throw new Main.DataError(file + " has " + whole + " whole " + size + "-byte records"
                        + (offset > 0 ? " after offset " + offset : "") + ", not " + n);
            }
            long rest = fileSize - offset - whole * size;
            if (count == null && rest > 0) {
                spec.commandLine().getErr().println(spec.qualifiedName() + ": note: the last " + rest
                        + " bytes are not a whole " + size + "-byte record and are not shown");
            }
            PrintWriter out = spec.commandLine().getOut();
            try (MemoryView records = raw.slice(offset, offset + n * size, 1)) {
                Iterator<List<Object>> it = s.iterUnpack(records.asSegment()); // no export to hand back
                long k = 0;
                while (it.hasNext()) {
                    List<Object> t = it.next();
                    if (output != null && output.json) {
                        out.println(Render.json(t));
                    } else if (output != null && output.csv) {
                        out.println(Render.csv(t));
                    } else {
                        out.println(Render.repr(t));
                    }
                    if ((++k & 0xfff) == 0 && out.checkError()) {
                        return 0; // the reader went away (| head)
                    }
                }
            }
        }
        return 0;
    }
}
