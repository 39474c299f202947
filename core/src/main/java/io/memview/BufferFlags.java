package io.memview;

/**
 * Buffer request flags: CPython's {@code PyBUF_*} constants ({@code inspect.BufferFlags}) with the same names and
 * values. A consumer passes them to {@link BufferExporter#getBuffer(int)} (or {@link MemoryView#fromFlags}) to say
 * what it can handle; the exporter answers with a {@link Buffer} that satisfies the request or refuses with a
 * {@link BufferError} carrying CPython's message. Each compound flag includes the bits of those it builds on
 * ({@link #STRIDES} includes {@link #ND}; the contiguity flags include {@link #STRIDES}), and a flag counts as asked
 * only when all its bits are set, as in CPython.
 * {@snippet :
 * Bytes b = Bytes.of((byte) 1, (byte) 2, (byte) 3);
 * MemoryView.fromFlags(b, BufferFlags.SIMPLE);       // 1-D unsigned bytes, read-only
 * MemoryView.fromFlags(b, BufferFlags.CONTIG);       // BufferError: Object is not writable.
 *
 * MemoryView strided = MemoryView.of(new byte[6]).slice(0, 6, 2);
 * strided.getBuffer(BufferFlags.STRIDED_RO);         // fine: the consumer follows strides
 * strided.getBuffer(BufferFlags.CONTIG_RO);          // BufferError: memoryview: underlying buffer is not
 *                                                    // C-contiguous
 * }
 *
 * <table class="striped">
 *   <caption>Compound requests</caption>
 *   <thead><tr><th>request</th><th>shape</th><th>strides</th><th>suboffsets</th><th>format</th><th>writable</th></tr></thead>
 *   <tbody>
 *   <tr><td>{@link #FULL} / {@link #FULL_RO}</td><td>yes</td><td>yes</td><td>if needed</td><td>yes</td><td>yes / either</td></tr>
 *   <tr><td>{@link #RECORDS} / {@link #RECORDS_RO}</td><td>yes</td><td>yes</td><td>no</td><td>yes</td><td>yes / either</td></tr>
 *   <tr><td>{@link #STRIDED} / {@link #STRIDED_RO}</td><td>yes</td><td>yes</td><td>no</td><td>no</td><td>yes / either</td></tr>
 *   <tr><td>{@link #CONTIG} / {@link #CONTIG_RO}</td><td>yes</td><td>no (C-contiguous)</td><td>no</td><td>no</td><td>yes / either</td></tr>
 *   <tr><td>{@link #SIMPLE}</td><td>no</td><td>no</td><td>no</td><td>no</td><td>either</td></tr>
 *   </tbody>
 * </table>
 *
 * <p>{@link #READ} and {@link #WRITE} are access modes for contiguous copies, not requests: a request of exactly one
 * of them is refused with an {@link IllegalArgumentException} ({@code bad argument to internal function}), as
 * CPython 3.13 refuses it with a {@code SystemError}. This class holds only constants and is trivially
 * thread-safe.
 */
public final class BufferFlags {
    private BufferFlags() {}

    /** No shape, strides, suboffsets or format: a contiguous run of unsigned bytes. */
    public static final int SIMPLE = 0;
    /** The buffer must be writable. */
    public static final int WRITABLE = 0x0001;
    /** The format string must be filled in (without it, items are unsigned bytes). */
    public static final int FORMAT = 0x0004;
    /** The shape must be filled in. */
    public static final int ND = 0x0008;
    /** Shape and strides must be filled in. */
    public static final int STRIDES = 0x0010 | ND;
    /** Strides, and the buffer must be C-contiguous. */
    public static final int C_CONTIGUOUS = 0x0020 | STRIDES;
    /** Strides, and the buffer must be Fortran-contiguous. */
    public static final int F_CONTIGUOUS = 0x0040 | STRIDES;
    /** Strides, and the buffer must be C- or Fortran-contiguous. */
    public static final int ANY_CONTIGUOUS = 0x0080 | STRIDES;
    /** Strides, and suboffsets when the buffer needs them. */
    public static final int INDIRECT = 0x0100 | STRIDES;
    /** {@code ND | WRITABLE}. */
    public static final int CONTIG = ND | WRITABLE;
    /** {@code ND}. */
    public static final int CONTIG_RO = ND;
    /** {@code STRIDES | WRITABLE}. */
    public static final int STRIDED = STRIDES | WRITABLE;
    /** {@code STRIDES}. */
    public static final int STRIDED_RO = STRIDES;
    /** {@code STRIDES | WRITABLE | FORMAT}. */
    public static final int RECORDS = STRIDES | WRITABLE | FORMAT;
    /** {@code STRIDES | FORMAT}. */
    public static final int RECORDS_RO = STRIDES | FORMAT;
    /** {@code INDIRECT | WRITABLE | FORMAT}. */
    public static final int FULL = INDIRECT | WRITABLE | FORMAT;
    /** {@code INDIRECT | FORMAT}: what {@link MemoryView#of(Object)} requests. */
    public static final int FULL_RO = INDIRECT | FORMAT;
    /** Read access, for contiguous copies ({@code PyBUF_READ}); not a request by itself. */
    public static final int READ = 0x100;
    /** Write access, for contiguous copies ({@code PyBUF_WRITE}); not a request by itself. */
    public static final int WRITE = 0x200;
}
