/**
 * NumPy's {@code .npy} files as memory views: {@link io.memview.npy.Npy#read(java.nio.file.Path)} maps a file
 * zero-copy with its array's format, shape and order; {@link io.memview.npy.Npy#write(java.nio.file.Path,
 * io.memview.MemoryView)} writes any view as {@code numpy.save} does, atomically. Headers are parsed strictly, never
 * evaluated, and a file that is not a valid {@code .npy} file is refused with an
 * {@link io.memview.npy.NpyFormatException} naming the problem.
 */
package io.memview.npy;
