package io.memview.internal.format;

/**
 * One run of a parsed format: {@code count} items of format code {@code code} starting at byte {@code offset}.
 * For {@code s} and {@code p} the run is one item of {@code count} bytes; for {@code x} it is {@code count} pad bytes
 * and no value.
 *
 * @param code       the format character
 * @param scalar     the codec of one item, or {@code null} for {@code x}, {@code s} and {@code p}
 * @param offset     byte offset of the first item within the struct
 * @param count      the repeat count (the length for {@code s}/{@code p})
 * @param size       bytes per item (1 for {@code x}, {@code s}, {@code p})
 * @param nativeMode whether the format is in native mode ({@code @} or no prefix)
 */
public record Field(char code, Scalar scalar, long offset, long count, int size, boolean nativeMode) {

    /** {@return how many Python values this run produces} */
    public long values() {
        return switch (code) {
            case 'x' -> 0;
            case 's', 'p' -> 1;
            default -> count;
        };
    }

    /** {@return how many bytes the run covers} */
    public long byteSize() {
        return code == 's' || code == 'p' ? count : count * size;
    }

    /** {@return whether a float run stores with a C cast (native {@code f}), never overflowing} */
    boolean cCastFloat() {
        return nativeMode && code == 'f';
    }
}
