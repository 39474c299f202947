package io.memview.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Finds a local CPython with NumPy for the tests that drive a live interpreter (they skip, with this class's reason,
 * when there is none). The interpreter is {@code $MEMVIEW_PYTHON} when set, else pyenv's 3.11.7, else
 * {@code python3} on the {@code PATH}; it counts only if {@code import numpy} works.
 */
public final class CPython {
    private CPython() {}

    private static Optional<Path> found;

    /** Why live-CPython tests skip when {@link #withNumpy()} is empty. */
    public static final String MISSING = "no CPython with NumPy found (set MEMVIEW_PYTHON, or install pyenv's 3.11.7"
            + " with numpy): the live-interpreter check is skipped";

    /** {@return a CPython executable that can import numpy, if there is one} */
    public static synchronized Optional<Path> withNumpy() {
        if (found == null) {
            List<String> candidates = new ArrayList<>();
            String env = System.getenv("MEMVIEW_PYTHON");
            if (env != null && !env.isBlank()) {
                candidates.add(env);
            }
            candidates.add(System.getProperty("user.home") + "/.pyenv/versions/3.11.7/bin/python");
            candidates.add("python3");
            found = Optional.empty();
            for (String c : candidates) {
                try {
                    Result r = run(Path.of(c), List.of("-c", "import numpy"), null, 60);
                    if (r.exit == 0) {
                        found = Optional.of(Path.of(c));
                        break;
                    }
                } catch (IOException e) {
                    // not there: try the next
                }
            }
        }
        return found;
    }

    /** The outcome of running a script. */
    public record Result(int exit, String stdout, String stderr) {}

    /** Runs {@code python args...} with {@code stdin} (or none), waiting at most {@code seconds}. */
    public static Result run(Path python, List<String> args, String stdin, long seconds) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(python.toString());
        cmd.addAll(args);
        Path out = Files.createTempFile("cpython", ".out");
        Path err = Files.createTempFile("cpython", ".err");
        try {
            Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (stdin != null) {
                p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            p.getOutputStream().close();
            if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("python did not finish in " + seconds + " s: " + cmd);
            }
            return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
