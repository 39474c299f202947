package io.memview.internal;

import io.memview.Slice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link Subscript#parse}: the exact keys of each spelling, as Python would evaluate the same subscript
 * ({@code m[1:2:3]} is {@code slice(1, 2, 3)}, an omitted step is 1, integers past the 64-bit range stay
 * integers as indices and clamp as slice bounds), and the position of each syntax error.
 */
class SubscriptParseTest {

    private static Object[] keys(Object... k) {
        return k;
    }

    @Test
    void indicesAndSlicesParseToTheirValues() {
        assertThat(Subscript.parse("1")).containsExactly(1L);
        assertThat(Subscript.parse("-2")).containsExactly(-2L);
        assertThat(Subscript.parse("+3")).containsExactly(3L);
        assertThat(Subscript.parse("- 4")).containsExactly(-4L);
        assertThat(Subscript.parse("0")).containsExactly(0L);
        assertThat(Subscript.parse("00")).containsExactly(0L);
        assertThat(Subscript.parse("1_000")).containsExactly(1000L);
        assertThat(Subscript.parse(":")).containsExactly(Slice.of(null, null, 1));
        assertThat(Subscript.parse("::")).containsExactly(Slice.of(null, null, 1));
        assertThat(Subscript.parse("1:")).containsExactly(Slice.of(1L, null, 1));
        assertThat(Subscript.parse(":2")).containsExactly(Slice.of(null, 2L, 1));
        assertThat(Subscript.parse("1:2:3")).containsExactly(Slice.of(1L, 2L, 3));
        assertThat(Subscript.parse(" 1 : 2 : -3 ")).containsExactly(Slice.of(1L, 2L, -3));
        assertThat(Subscript.parse("::-1")).containsExactly(Slice.of(null, null, -1));
        assertThat(Subscript.parse("...")).containsExactly(Slice.ELLIPSIS);
        assertThat(Subscript.parse("()")).isEmpty();
        assertThat(Subscript.parse(" ( ) ")).isEmpty();
        assertThat(Subscript.parse("( 1 , ... , 2 : , )")).containsExactly(1L, Slice.ELLIPSIS, Slice.of(2L, null, 1));
        assertThat(Subscript.parse("1,2,")).containsExactly(1L, 2L);
        assertThat(Subscript.parse("1, 2 , 3")).containsExactly(keys(1L, 2L, 3L));
    }

    @Test
    void integersBeyondTheLongRange() {
        assertThat(Subscript.parse("9223372036854775807")).containsExactly(Long.MAX_VALUE);
        assertThat(Subscript.parse("-9223372036854775808")).containsExactly(Long.MIN_VALUE);
        assertThat(Subscript.parse("9223372036854775808")).containsExactly(BigInteger.ONE.shiftLeft(63));
        assertThat(Subscript.parse("-9223372036854775809"))
                .containsExactly(BigInteger.ONE.shiftLeft(63).add(BigInteger.ONE).negate());
        // as slice bounds and steps Python clamps them to the index range
        assertThat(Subscript.parse("9223372036854775808:-9223372036854775809:99999999999999999999"))
                .containsExactly(Slice.of(Long.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE));
        // 2**62 has 63 bits: it is a long, kept exactly
        assertThat(Subscript.parse("4611686018427387904:-4611686018427387904"))
                .containsExactly(Slice.of(1L << 62, -(1L << 62), 1));
        assertThat(Subscript.parse("4611686018427387904")).containsExactly(1L << 62);
        assertThat(Subscript.parse(":9223372036854775807:-9223372036854775808"))
                .containsExactly(Slice.of(null, Long.MAX_VALUE, Long.MIN_VALUE));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            "-"        | unexpected end at position 1
            "-a"       | unexpected 'a' at position 1
            "+ :"      | unexpected ':' at position 2
            "1a"       | unexpected 'a' at position 1
            "1.5"      | unexpected '.' at position 1
            "1:2:3:4"  | unexpected ':' at position 5
            "1__0"     | unexpected '_' at position 1
            "_1"       | unexpected '_' at position 0
            "1_"       | unexpected '_' at position 1
            "(1"       | unexpected end at position 2
            "(1 2)"    | unexpected '2' at position 3
            "1,)"      | unexpected ')' at position 2
            "1 2"      | unexpected '2' at position 2
            "007"      | leading zeros in decimal integer literals are not permitted at position 0
            "-007"     | leading zeros in decimal integer literals are not permitted at position 1
            "1:02"     | leading zeros in decimal integer literals are not permitted at position 2
            "..1"      | unexpected '.' at position 0
            "a"        | unexpected 'a' at position 0
            "1:b"      | unexpected 'b' at position 2
            "::c"      | unexpected 'c' at position 2
            """)
    void syntaxErrorsNameTheCharacterAndItsPosition(String subscript, String what) {
        assertThatThrownBy(() -> Subscript.parse(subscript)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid subscript " + PyTypes.repr(subscript) + ": " + what);
    }

    @Test
    void emptySubscriptsAreRefused() {
        assertThatThrownBy(() -> Subscript.parse("")).hasMessage("invalid subscript '': empty subscript at position 0");
        assertThatThrownBy(() -> Subscript.parse("  "))
                .hasMessage("invalid subscript '  ': empty subscript at position 2");
    }
}
