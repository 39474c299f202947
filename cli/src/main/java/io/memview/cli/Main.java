package io.memview.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code memview} command. */
@Command(name = "memview", mixinStandardHelpOptions = true, version = "memview 0.1.0",
        description = "Typed, shaped views of binary data: Python's memoryview and struct for files.",
        subcommands = {DemoCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Runs the command with {@code args} and exits with its status. */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command with {@code args}; {@return the exit status} */
    public static int run(String... args) {
        return new CommandLine(new Main()).execute(args);
    }
}
