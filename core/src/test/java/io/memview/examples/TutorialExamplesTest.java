package io.memview.examples;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the Java port of each tutorial in {@code shared/seeds/} and compares its output, line by line, with what
 * CPython 3.13 prints for the same examples ({@code tools/cpython/seeds/*.py}, run by
 * {@code tools/cpython/gen_seed_outputs.py} into {@code golden/seeds/*.txt}). Addresses in reprs
 * ({@code <memory at 0x7f...>}) are normalised on both sides.
 */
class TutorialExamplesTest {

    static Stream<Arguments> tutorials() {
        return Stream.of(
                Arguments.of("t000_programiz", (Consumer<PrintStream>) T000Programiz::run),
                Arguments.of("t001_tipsmake", (Consumer<PrintStream>) T001Tipsmake::run),
                Arguments.of("t002_reference", (Consumer<PrintStream>) T002Reference::run),
                Arguments.of("t003_efficient", (Consumer<PrintStream>) T003Efficient::run),
                Arguments.of("t004_syntblaze", (Consumer<PrintStream>) T004Syntblaze::run));
    }

    private static List<String> normalised(String text) {
        return text.lines().map(l -> l.replaceAll("0x[0-9a-f]+", "0x…")).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tutorials")
    void javaPortPrintsWhatCPythonPrints(String name, Consumer<PrintStream> program) throws IOException {
        String expected;
        try (InputStream in = getClass().getResourceAsStream("/golden/seeds/" + name + ".txt")) {
            assertThat(in).as("golden/seeds/%s.txt", name).isNotNull();
            expected = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            program.accept(out);
        }
        List<String> actual = normalised(bytes.toString(StandardCharsets.UTF_8));
        List<String> wanted = normalised(expected);
        assertThat(wanted).as("%s: CPython's output", name).isNotEmpty();
        assertThat(actual).as("%s: Java port's output, line by line", name).containsExactlyElementsOf(wanted);
    }
}
