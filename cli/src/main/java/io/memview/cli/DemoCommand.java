package io.memview.cli;

import io.memview.Bytes;
import io.memview.struct.Struct;
import picocli.CommandLine.Command;

import java.math.BigInteger;
import java.util.List;
import java.util.concurrent.Callable;

/** Prints struct round trips: pack, the bytes, unpack. */
@Command(name = "demo", description = "Print struct round trips: values packed, their bytes, unpacked again.")
final class DemoCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        roundTrip("<iif", 1, -2, 2.5);
        roundTrip(">HhQ", 65535, -1, new BigInteger("18446744073709551615"));
        roundTrip("@ci", Bytes.of((byte) 'a'), 1);
        roundTrip("<e", 65504.0);
        roundTrip("5p3s?", Bytes.of("memview".getBytes()), Bytes.of("ab".getBytes()), true);
        return 0;
    }

    private static void roundTrip(String format, Object... values) {
        Struct s = Struct.of(format);
        byte[] packed = s.pack(values);
        List<Object> back = s.unpack(packed);
        System.out.printf("%-8s size %2d  pack%s -> %s -> %s%n", format, s.size(), List.of(values),
                Bytes.of(packed), back);
    }
}
