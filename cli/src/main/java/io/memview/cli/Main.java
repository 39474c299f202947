package io.memview.cli;

import io.memview.npy.NpyFormatException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.BufferedWriter;
import java.io.FileDescriptor;
import java.io.FileNotFoundException;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

/**
 * The {@code memview} command: typed, shaped, sliced views of binary files. Exit status 0 on success, 1 for a
 * problem with the data (missing or truncated file, a shape that does not fit it, an index out of range, a value out
 * of range), 2 for a usage error (unknown option, bad format string or subscript). Errors are one line on stderr;
 * {@code --debug} adds the stack trace.
 */
@Command(name = "memview", mixinStandardHelpOptions = true, version = "memview 0.1.0",
        description = "Typed, shaped views of binary data: Python's memoryview and struct for files.",
        subcommands = {InspectCommand.class, HexCommand.class, StructCommand.class, ConvertCommand.class,
                DemoCommand.class, CommandLine.HelpCommand.class},
        footerHeading = "%nExamples:%n",
        footer = {"  memview inspect samples/grid.npy --select \"1:, ::2\"",
                "  memview hex samples/grid.npy --select 0:64",
                "  memview struct \"<idd\" samples/points.raw",
                "  memview convert samples/grid.npy grid32.npy --to \"<f4\""})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT,
            description = "Print the stack trace of an error.")
    boolean debug;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Runs the command with {@code args} and exits with its status. */
    public static void main(String[] args) {
        // Buffered, flushed at the end: struct and hex print millions of lines
        PrintWriter out = new PrintWriter(new BufferedWriter(new OutputStreamWriter(new FileOutputStream(
                FileDescriptor.out), StandardCharsets.UTF_8), 1 << 16), false);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        int status = run(out, err, args);
        out.flush();
        err.flush();
        System.exit(status);
    }

    /** Runs the command with {@code args} on the standard streams; {@return the exit status} */
    public static int run(String... args) {
        return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /** Runs the command with {@code args}, writing to {@code out} and {@code err}; {@return the exit status} */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((ex, a) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println(c.getCommandSpec().qualifiedName() + ": " + oneLine(ex.getMessage())
                    + " (see '" + c.getCommandSpec().qualifiedName() + " --help')");
            if (isDebug(c)) {
                ex.printStackTrace(c.getErr());
            }
            c.getErr().flush();
            return CommandLine.ExitCode.USAGE;
        });
        cl.setExecutionExceptionHandler((ex, c, parsed) -> {
            c.getErr().println(c.getCommandSpec().qualifiedName() + ": " + describe(ex));
            if (isDebug(c)) {
                ex.printStackTrace(c.getErr());
            }
            c.getErr().flush();
            return ex instanceof UsageError ? CommandLine.ExitCode.USAGE : CommandLine.ExitCode.SOFTWARE;
        });
        int status = cl.execute(args);
        out.flush();
        err.flush();
        return status;
    }

    private static boolean isDebug(CommandLine c) {
        CommandLine root = c;
        while (root.getParent() != null) {
            root = root.getParent();
        }
        return root.getCommand() instanceof Main m && m.debug;
    }

    /** One line for the user: what went wrong, without Java's exception class names. */
    static String describe(Throwable ex) {
        Throwable e = ex instanceof UncheckedIOException u && u.getCause() != null ? u.getCause() : ex;
        String msg;
        if (e instanceof NoSuchFileException f) {
            msg = "no such file: " + f.getFile();
        } else if (e instanceof AccessDeniedException f) {
            msg = "permission denied: " + f.getFile();
        } else if (e instanceof FileSystemException f) {
            msg = f.getFile() + ": " + (f.getReason() != null ? f.getReason() : "cannot access");
        } else if (e instanceof FileNotFoundException || e instanceof NpyFormatException || e instanceof UsageError
                || e instanceof DataError) {
            msg = e.getMessage();
        } else if (e instanceof IOException) {
            msg = "I/O error: " + e.getMessage();
        } else if (e instanceof OutOfMemoryError) {
            msg = "out of memory";
        } else {
            msg = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        }
        return oneLine(msg);
    }

    static String oneLine(String s) {
        return s == null ? "" : s.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    /** A usage error found after parsing (a bad format string, subscript, option combination): exit status 2. */
    static final class UsageError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageError(String message) {
            super(message);
        }
    }

    /** A problem with the data: exit status 1. */
    static final class DataError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        DataError(String message) {
            super(message);
        }
    }
}
