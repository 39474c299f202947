package io.memview.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import java.util.regex.Pattern;

/**
 * Support for the hostile-input suites: seeded case loops bounded in count and time, the stress mode, and the check
 * that a refusal is a documented exception with a useful message.
 *
 * <p>Every case gets its own seed, derived from the suite seed and the case number, and a failing case reports
 * {@code suite, seed, case, case seed} so that it can be replayed alone with {@link #rng(long)}. The system property
 * {@code stress} ({@code -Dstress=long}, wired through Surefire in the parent POM) multiplies the counts and the time
 * budgets.
 */
public final class Hostile {
    private Hostile() {}

    /** Whether the long stress mode is on ({@code -Dstress=long}). */
    public static final boolean LONG = "long".equalsIgnoreCase(System.getProperty("stress", "short"));

    /** Whether the quick mode is on ({@code -Dstress=quick}, for mutation testing: a tenth of the short mode). */
    public static final boolean QUICK = "quick".equalsIgnoreCase(System.getProperty("stress", "short"));

    /** How much more the long mode does than the short one. */
    public static final int LONG_FACTOR = 40;

    /** {@return {@code n} cases in the short mode, {@code n * LONG_FACTOR} in the long one, a tenth in the quick one} */
    public static long cases(long n) {
        return LONG ? n * LONG_FACTOR : QUICK ? Math.max(1, n / 10) : n;
    }

    /** {@return the time budget: {@code shortBudget} in the short mode, scaled like {@link #cases}} */
    public static Duration budget(Duration shortBudget) {
        return LONG ? shortBudget.multipliedBy(LONG_FACTOR) : QUICK ? shortBudget.dividedBy(10) : shortBudget;
    }

    /** {@return the generator for {@code seed}: the one algorithm every suite uses} */
    public static RandomGenerator rng(long seed) {
        return RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
    }

    /** {@return the seed of case {@code k} of suite seed {@code seed}} */
    public static long caseSeed(long seed, long k) {
        long z = seed * 0x9E3779B97F4A7C15L + k * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** One case of a suite. */
    @FunctionalInterface
    public interface Case {
        void run(RandomGenerator r, Tally tally) throws Throwable;
    }

    /** Counts outcomes by name. */
    public static final class Tally {
        private final Map<String, Long> counts = new TreeMap<>();
        private long cases;

        /** Counts one outcome. */
        public void count(String outcome) {
            counts.merge(outcome, 1L, Long::sum);
        }

        /** Counts a refusal by its exception type. */
        public void refused(Throwable t) {
            count("refused " + t.getClass().getSimpleName());
        }

        /** {@return the number of cases run} */
        public long cases() {
            return cases;
        }

        /** {@return the outcome counts} */
        public Map<String, Long> counts() {
            return counts;
        }

        @Override
        public String toString() {
            return cases + " cases " + counts;
        }
    }

    /**
     * Runs up to {@code count} cases of {@code body} within {@code budget}, each with its own generator. A case that
     * throws anything fails the suite with the seeds needed to replay it.
     *
     * @return the tally of outcomes
     */
    public static Tally run(String suite, long seed, long count, Duration budget, Case body) {
        Tally tally = new Tally();
        long deadline = System.nanoTime() + budget.toNanos();
        for (long k = 0; k < count; k++) {
            long cs = caseSeed(seed, k);
            try {
                body.run(rng(cs), tally);
            } catch (Throwable t) {
                throw new AssertionError(suite + ": seed " + seed + ", case " + k + " (case seed " + cs
                        + "; replay with Hostile.rng(" + cs + "L)): " + t, t);
            }
            tally.cases++;
            if ((k & 63) == 63 && System.nanoTime() > deadline) {
                break;
            }
        }
        record(suite, seed, tally);
        return tally;
    }

    /** Appends the tally to {@code target/hostile-counts.tsv} for the conformance report, and prints it. */
    private static synchronized void record(String suite, long seed, Tally tally) {
        String line = suite + "\t" + seed + "\t" + tally.cases + "\t" + tally.counts + System.lineSeparator();
        System.out.print("HOSTILE " + line);
        try {
            Path dir = Path.of("target");
            if (Files.isDirectory(dir)) {
                Files.writeString(dir.resolve("hostile-counts.tsv"), line, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            }
        } catch (IOException e) {
            // the report is a convenience; the assertions are the test
        }
    }

    /** Messages the JDK writes for its own bounds checks: seeing one means the library let a bad index through. */
    private static final Pattern JDK_MESSAGE = Pattern.compile(
            "out of bounds for length|Out of bound access|Index -?\\d+ out of bounds|Range \\[|"
                    + "Array index out of range|^null$|because \"|Cannot invoke|Cannot read|Cannot load|"
                    + "Cannot store|/ by zero|integer overflow|long overflow|Already closed|"
                    + "fault occurred in an unsafe memory access");

    /**
     * Checks that {@code t} is a documented refusal: an instance of one of {@code allowed}, with a non-empty message
     * that is the library's own (not a JDK bounds-check, null-pointer or arithmetic message), and is not an
     * {@link Error}. Returns normally when it is; rethrows wrapped otherwise.
     */
    @SafeVarargs
    public static void checkRefusal(Throwable t, String context, Class<? extends Throwable>... allowed) {
        boolean ok = false;
        for (Class<? extends Throwable> c : allowed) {
            ok |= c.isInstance(t);
        }
        String msg = t.getMessage();
        if (!ok || t instanceof NullPointerException || msg == null || msg.isBlank()
                || JDK_MESSAGE.matcher(msg).find()) {
            throw new AssertionError(context + ": undocumented failure " + t, t);
        }
    }
}
