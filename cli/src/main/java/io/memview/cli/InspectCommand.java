package io.memview.cli;

import io.memview.MemoryView;
import io.memview.npy.NpyHeader;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code memview inspect}: a file's attributes and values, NumPy-style. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = {"Show a file as a typed, shaped view: its attributes and its values, summarised NumPy-style "
                + "(with ...) when there are many.",
                "A .npy file is understood from its header; any other file is raw bytes, viewed as --format items "
                + "in --shape from --offset."},
        footerHeading = "%nExamples:%n",
        footer = {"  memview inspect samples/grid.npy",
                "  memview inspect samples/grid.npy --select \"1:, ::2\"",
                "  memview inspect samples/points.npy --select \"::-1\" --json",
                "  memview inspect samples/points.raw --format \"<idd\"",
                "  memview inspect data.bin --format \">H\" --shape 480,640 --offset 512 --select \"::2, -1\"",
                "  memview inspect data.bin --format d --shape 3,-1 --order F --csv"})
final class InspectCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The file: .npy, or raw bytes.")
    Path file;

    @Option(names = {"-f", "--format"}, paramLabel = "F",
            description = "Struct format of one item of a raw file, e.g. B, <i, >d, <iif, 10s (default: B).")
    String format;

    @Option(names = {"-s", "--shape"}, paramLabel = "SHAPE",
            description = "Shape of a raw file, e.g. 480,640 or (2, 3, 4); one size may be -1 (default: 1-D, all).")
    String shape;

    @Option(names = {"-o", "--offset"}, paramLabel = "N", description = "Byte offset of the first item of a raw file.")
    Long offset;

    @Option(names = "--order", paramLabel = "C|F", description = "Memory order of a raw file's items (default: C).")
    String order;

    @Option(names = {"-S", "--select"}, paramLabel = "SUBSCRIPT",
            description = "A NumPy/Python subscript taken of the view, e.g. \"1:, ::2\", \"..., 0\", \"-1\".")
    String select;

    @ArgGroup(exclusive = true)
    Output output;

    static final class Output {
        @Option(names = "--json", description = "Print attributes and every value as JSON.")
        boolean json;

        @Option(names = "--csv", description = "Print every value as CSV (views of up to 2 dimensions).")
        boolean csv;
    }

    @Option(names = "--threshold", paramLabel = "N", defaultValue = "1000",
            description = "Summarise when there are more items than this (default: ${DEFAULT-VALUE}, as NumPy).")
    long threshold;

    @Option(names = "--edgeitems", paramLabel = "N", defaultValue = "3",
            description = "Items shown at each end of a summarised dimension (default: ${DEFAULT-VALUE}).")
    int edgeitems;

    @Override
    public Integer call() throws IOException {
        if (edgeitems < 1) {
            throw new Main.UsageError("--edgeitems must be at least 1");
        }
        Sources.Opened o = Sources.open(file, format, shape, offset, order, false);
        MemoryView v = Sources.select(o.view(), select);
        PrintWriter out = spec.commandLine().getOut();
        if (output != null && output.csv) {
            Render.csv(v, out);
            return 0;
        }
        if (output != null && output.json) {
            out.print("{\"file\": " + Render.jsonString(file.toString()));
            if (o.header() != null) {
                NpyHeader h = o.header();
                out.print(", \"npy\": {\"version\": \"" + h.majorVersion() + "." + h.minorVersion() + "\", \"descr\": "
                        + Render.jsonString(h.descr()) + ", \"fortran_order\": " + h.fortranOrder()
                        + ", \"shape\": " + jsonArray(h.shape()) + "}");
            }
            if (select != null) {
                out.print(", \"select\": " + Render.jsonString(select));
            }
            out.print(", \"format\": " + Render.jsonString(v.format()) + ", \"itemsize\": " + v.itemsize()
                    + ", \"ndim\": " + v.ndim() + ", \"shape\": " + jsonArray(v.shape()) + ", \"strides\": "
                    + jsonArray(v.strides()) + ", \"nbytes\": " + v.nbytes() + ", \"readonly\": " + v.readonly()
                    + ", \"c_contiguous\": " + v.cContiguous() + ", \"f_contiguous\": " + v.fContiguous()
                    + ", \"values\": ");
            Render.json(v, out);
            out.println("}");
            return 0;
        }
        String source;
        if (o.header() != null) {
            NpyHeader h = o.header();
            source = file + "  (.npy " + h.majorVersion() + "." + h.minorVersion() + ", descr " + h.descr()
                    + ", shape " + Render.tuple(h.shape()) + ", " + (h.fortranOrder() ? "Fortran" : "C") + " order)";
        } else {
            source = file + "  (raw" + (offset != null ? ", from byte " + offset : "") + ")";
        }
        out.println("file        " + source);
        if (select != null) {
            out.println("select      " + select);
        }
        out.println("format      " + v.format());
        out.println("itemsize    " + v.itemsize());
        out.println("shape       " + Render.tuple(v.shape()));
        out.println("strides     " + Render.tuple(v.strides()));
        out.println("nbytes      " + v.nbytes());
        out.println("contiguous  " + (v.cContiguous() ? "C" : "") + (v.cContiguous() && v.fContiguous() ? " and " : "")
                + (v.fContiguous() ? "F" : "") + (!v.cContiguous() && !v.fContiguous() ? "no" : ""));
        out.println();
        out.println(Render.numpy(v, threshold, edgeitems));
        return 0;
    }

    private static String jsonArray(long[] a) {
        StringBuilder b = new StringBuilder("[");
        for (int k = 0; k < a.length; k++) {
            b.append(k > 0 ? ", " : "").append(a[k]);
        }
        return b.append(']').toString();
    }
}
