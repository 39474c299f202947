package io.memview.cli;

import io.memview.Bytes;
import io.memview.struct.Struct;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.math.BigInteger;
import java.util.List;
import java.util.concurrent.Callable;

/** Prints struct round trips: pack, the bytes, unpack, with the values shown as Python shows them. */
@Command(name = "demo", description = "Print struct round trips: values packed, their bytes, unpacked again.")
final class DemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        roundTrip(out, "<iif", 1, -2, 2.5);
        roundTrip(out, ">HhQ", 65535, -1, new BigInteger("18446744073709551615"));
        roundTrip(out, "@ci", Bytes.of((byte) 'a'), 1);
        roundTrip(out, "<e", 65504.0);
        roundTrip(out, "5p3s?", Bytes.of("memview".getBytes()), Bytes.of("ab".getBytes()), true);
        return 0;
    }

    private static void roundTrip(PrintWriter out, String format, Object... values) {
        Struct s = Struct.of(format);
        byte[] packed = s.pack(values);
        List<Object> back = s.unpack(packed);
        out.printf("%-8s size %2d  pack%s -> %s -> %s%n", format, s.size(), Render.repr(List.of(values)),
                Bytes.of(packed), Render.repr(back));
    }
}
