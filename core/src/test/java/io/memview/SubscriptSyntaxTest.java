package io.memview;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The subscript syntax of {@link MemoryView#select(String)}: what parses (Python's spelling of integers, slices,
 * {@code ...}, tuples with optional parentheses and a trailing comma, whitespace) and what is refused with a message
 * that quotes the subscript and names the offending character and its position. Expectations are worked out by
 * reading each subscript, counting positions from 0.
 */
class SubscriptSyntaxTest {

    private static final MemoryView M = MemoryView.of(new byte[24]).cast("B", 2, 3, 4);

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            ""            | empty subscript at position 0
            "   "         | empty subscript at position 3
            1:a           | unexpected 'a' at position 2
            a             | unexpected 'a' at position 0
            1 2           | unexpected '2' at position 2
            "(1:2"        | unexpected end at position 4
            "1,,2"        | unexpected ',' at position 2
            ","           | unexpected ',' at position 0
            "(,)"         | unexpected ',' at position 1
            ::-           | unexpected end at position 3
            1_            | unexpected '_' at position 1
            1__0          | unexpected '_' at position 1
            ....          | unexpected '.' at position 3
            1.5           | unexpected '.' at position 1
            1e3           | unexpected 'e' at position 1
            0x10          | unexpected 'x' at position 1
            1:2:3:4       | unexpected ':' at position 5
            ")"           | unexpected ')' at position 0
            "(1,2))"      | unexpected ')' at position 5
            [1]           | unexpected '[' at position 0
            --1           | unexpected '-' at position 1
            "0, 1 ; 2"    | unexpected ';' at position 5
            "...,:, None" | unexpected 'N' at position 7
            "1, 2 x"      | unexpected 'x' at position 5
            """)
    void syntaxErrorsPointAtTheOffendingCharacter(String subscript, String what) {
        String text = subscript == null ? "" : subscript;
        assertThatThrownBy(() -> M.select(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid subscript '" + text + "': " + what);
    }

    @Test
    void theQuotedSubscriptIsPythonsRepr() {
        assertThatThrownBy(() -> M.select("'")).hasMessage("invalid subscript \"'\": unexpected ''' at position 0");
        assertThatThrownBy(() -> M.select("1\t;"))
                .hasMessage("invalid subscript '1\\t;': unexpected ';' at position 2");
    }

    @Test
    void pythonSpellingsOfTheSameSubscriptSelectTheSameView() {
        List<String> same = List.of("1, ::2, -1", " 1 ,::2,-1 ", "1,::2,-1,",
                "+1, 0:3:2, -1", "1, :: 2, - 1", "1, ::+2, -1", "1, 0 : 3 : 2 , -1");
        MemoryView expected = M.select(1L, Slice.all().step(2), -1L);
        for (String s : same) {
            try (MemoryView v = M.select(s)) {
                assertThat(v.shape()).as(s).containsExactly(2);
                assertThat(v.strides()).as(s).containsExactly(8);
                assertThat(v.toList()).as(s).isEqualTo(expected.toList());
            }
        }
    }

    @Test
    void digitGroupingAndBigBoundsAreAccepted() {
        MemoryView m = MemoryView.of(new byte[20]);
        assertThat(m.select("1_0:").length()).isEqualTo(10);
        assertThat(m.select(":99999999999999999999999").length()).isEqualTo(20);    // clamped, as Python clamps
        assertThat(m.select("-99999999999999999999999:").length()).isEqualTo(20);
        assertThat(m.select("::-99999999999999999999999").length()).isEqualTo(1);
    }

    @Test
    void emptyTupleAndEllipsisSelectTheWholeView() {
        for (String s : List.of("()", "( )", "...", "(...)", "...,", "(...,)")) {
            try (MemoryView v = M.select(s)) {
                assertThat(v.shape()).as(s).containsExactly(2, 3, 4);
            }
        }
    }

    @Test
    void anIndexBeyondTheLongRangeIsRefusedAsPythonRefusesIt() {
        assertThatThrownBy(() -> M.select("99999999999999999999")).isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessage("cannot fit 'int' into an index-sized integer");
        assertThatThrownBy(() -> M.select("..., 1, ...")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("an index can only have a single ellipsis ('...')");
    }

    @Test
    void leadingZerosAreRefusedLikePythonLiterals() {
        // Python: 09 is a SyntaxError ("leading zeros in decimal integer literals are not permitted"); 0 and 00 are not
        assertThat(M.select("00").shape()).containsExactly(3, 4);
        assertThat(M.select("0_0").shape()).containsExactly(3, 4);
        assertThatThrownBy(() -> M.select("1, 01")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid subscript '1, 01': leading zeros in decimal integer literals are not permitted "
                        + "at position 3");
        assertThatThrownBy(() -> M.select(":-007")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid subscript ':-007': leading zeros in decimal integer literals are not permitted "
                        + "at position 2");
    }
}
