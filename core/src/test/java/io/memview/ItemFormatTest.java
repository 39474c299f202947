package io.memview;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * How a view resolves its format: the native character CPython accepts, the struct formats memview accepts beyond it,
 * CPython's NotImplementedError messages for the rest, and the {@code setLong} bounds of integer items.
 *
 * <p>The bounds are the C types' ranges on a 64-bit platform ({@code 'l'}/{@code 'L'} are left out: their size
 * differs between LP64 and Windows): a signed n-bit type holds -2^(n-1)..2^(n-1)-1, an unsigned one 0..2^n-1, capped
 * at {@code Long.MAX_VALUE} for 64 bits ({@code setLong} takes a long); {@code 'P'} takes any long (CPython's
 * {@code PyLong_AsVoidPtr} accepts negative values). Non-integer items have
 * the empty range lo > hi. The messages are CPython 3.13's ({@code Objects/memoryobject.c}: {@code "memoryview: format
 * %s not supported"} for a single character, {@code "memoryview: unsupported format %s"} otherwise). The tests call
 * {@code resolve} (no cache) so that each assertion is attributed to the code it checks.
 */
class ItemFormatTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "b, 1, -128, 127", "B, 1, 0, 255",
            "h, 2, -32768, 32767", "H, 2, 0, 65535",
            "i, 4, -2147483648, 2147483647", "I, 4, 0, 4294967295",
            "q, 8, -9223372036854775808, 9223372036854775807", "Q, 8, 0, 9223372036854775807",
            "n, 8, -9223372036854775808, 9223372036854775807", "N, 8, 0, 9223372036854775807",
            "P, 8, -9223372036854775808, 9223372036854775807",
            "@i, 4, -2147483648, 2147483647", "@B, 1, 0, 255",
    })
    void nativeIntegerItemsTakeTheirCTypesRange(String format, int itemsize, long lo, long hi) {
        ItemFormat f = ItemFormat.resolve(format, itemsize);
        char c = format.charAt(format.length() - 1);
        assertThat(f.isNative()).isTrue();
        assertThat(f.nativeChar).isEqualTo(c);
        assertThat(f.code()).isEqualTo(c);
        assertThat(f.text).isEqualTo(format);
        assertThat(f.itemsize).isEqualTo(itemsize);
        assertThat(f.lo).as("lo").isEqualTo(lo);
        assertThat(f.hi).as("hi").isEqualTo(hi);
        assertThat(f.scalar).isNotNull();
        assertThat(f.valueOffset).isZero();
        f.check(); // accessible: no exception
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"f, 4", "d, 8", "e, 2", "?, 1", "c, 1"})
    void nonIntegerItemsHaveTheEmptyRange(String format, int itemsize) {
        ItemFormat f = ItemFormat.resolve(format, itemsize);
        assertThat(f.isNative()).isTrue();
        assertThat(f.lo).isGreaterThan(f.hi);
        assertThat(f.lo).isZero();
        assertThat(f.hi).isEqualTo(-1);
    }

    @Test
    void theCharacterAloneDecidesWhateverTheItemsize() {
        // CPython reads the C type at each item: 'i' with itemsize 8 is still a 4-byte int item
        ItemFormat f = ItemFormat.resolve("i", 8);
        assertThat(f.nativeChar).isEqualTo('i');
        assertThat(f.itemsize).isEqualTo(8);
        assertThat(f.lo).isEqualTo(Integer.MIN_VALUE);
        assertThat(f.hi).isEqualTo(Integer.MAX_VALUE);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            // format, itemsize, the value's code, lo, hi, offset of the value in the item
            "'<h', 2, h, -32768, 32767, 0",
            "'>H', 2, H, 0, 65535, 0",
            "'!q', 8, q, -9223372036854775808, 9223372036854775807, 0",
            "'=Q', 8, Q, 0, 9223372036854775807, 0",
            "'<xh', 3, h, -32768, 32767, 1", // standard sizes: no alignment, the pad byte comes first
            "'xh', 4, h, -32768, 32767, 2",  // native: h aligned to 2 after one pad byte (calcsize('xh') == 4)
            "'1b', 1, b, -128, 127, 0",
    })
    void structFormatsWithOneValueAreAccessibleBeyondCPython(String format, int itemsize, char code, long lo, long hi,
                                                             long offset) {
        ItemFormat f = ItemFormat.resolve(format, itemsize);
        assertThat(f.isNative()).isFalse();
        assertThat(f.nativeChar).isEqualTo('\0');
        assertThat(f.code()).isEqualTo(code);
        assertThat(f.lo).isEqualTo(lo);
        assertThat(f.hi).isEqualTo(hi);
        assertThat(f.valueOffset).isEqualTo(offset);
        assertThat(f.unsupported).isNull();
        f.check();
    }

    @Test
    void recordsAreAccessibleButHaveNoSingleValue() {
        ItemFormat f = ItemFormat.resolve("<iif", 12);
        assertThat(f.parsed).isNotNull();
        assertThat(f.field).isNull();
        assertThat(f.scalar).isNull();
        assertThat(f.code()).isEqualTo('?');
        assertThat(f.lo).isGreaterThan(f.hi);
        f.check();
    }

    @ParameterizedTest(name = "{0} at itemsize {1}")
    @CsvSource({
            "x, 1, memoryview: format x not supported",        // a pad byte: no value
            "Z, 1, memoryview: format Z not supported",        // not a struct code
            "'<i', 8, memoryview: unsupported format <i",      // a struct format whose size is not the itemsize
            "'2x', 2, memoryview: unsupported format 2x",      // no value
            "'<(i', 4, memoryview: unsupported format <(i",    // not a struct format at all
    })
    void otherFormatsFailWithCPythonsMessage(String format, int itemsize, String message) {
        ItemFormat f = ItemFormat.resolve(format, itemsize);
        assertThat(f.parsed).isNull();
        assertThat(f.unsupported).isEqualTo(message);
        assertThat(f.code()).isEqualTo('?');
        assertThatThrownBy(f::check).isInstanceOf(UnsupportedOperationException.class).hasMessage(message);
    }

    @Test
    void theEmptyFormatFailsWithCPythonsMessage() {
        // adjust_fmt: fmt[0] is NUL, so not a single character: "unsupported format %s" with an empty %s
        ItemFormat f = ItemFormat.resolve("", 1);
        assertThat(f.unsupported).isEqualTo("memoryview: unsupported format ");
    }

    @Test
    void aNonAsciiFormatFailsWithCPythonsMessage() {
        ItemFormat f = ItemFormat.resolve("\u00e9", 1);
        assertThat(f.unsupported).isEqualTo("memoryview: format \u00e9 not supported");
    }

    @Test
    void theCacheGivesOneResolutionPerFormatAndNeverOneForAnotherItemsize() {
        ItemFormat a = ItemFormat.of("<H", 2);
        assertThat(ItemFormat.of("<H", 2)).isSameAs(a);
        ItemFormat other = ItemFormat.of("<H", 4); // a struct format of size 2 is not accessible at itemsize 4
        assertThat(other.itemsize).isEqualTo(4);
        assertThat(other.unsupported).isEqualTo("memoryview: unsupported format <H");
        assertThat(ItemFormat.of("<H", 2).itemsize).isEqualTo(2);
    }

    @Test
    void theCacheStaysCorrectPastItsBound() {
        // more distinct formats than the cache keeps (4096): it is cleared, never wrong
        for (int n = 1; n <= 5000; n++) {
            ItemFormat f = ItemFormat.of(n + "x", n);
            assertThat(f.unsupported).isEqualTo("memoryview: unsupported format " + n + "x");
        }
        ItemFormat f = ItemFormat.of("<q", 8);
        assertThat(f.lo).isEqualTo(Long.MIN_VALUE);
        assertThat(ItemFormat.of("<q", 8)).isSameAs(f);
    }
}
