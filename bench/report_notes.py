"""Hand-written analysis for docs/PERFORMANCE.md, keyed by JMH benchmark name (see bench/report.py).

Written from profiles of this code (JMH, -XX:+PrintCompilation, CompileCommand=PrintInlining, allocation counts by
reading the paths); the numbers they cite are in the tables of the same report.
"""

_VIEW = (
    "The raw baseline makes one segment object (`MemorySegment.ofArray`/`ofBuffer`/`asSlice`, 5–40 ns). A view is "
    "more: `MemoryView.of` finds the exporter (a type switch), builds the `Buffer` (the one bounds check, which every "
    "later access relies on), reduces it to the request, makes the managed buffer, resolves the item format (a cache "
    "lookup), clones shape and strides, computes C/F contiguity and the fast-path mode, and slices the dense segment "
    "that 1-D loops use: six to nine small allocations. A slice or cast skips the export but still clones the layout "
    "and recomputes flags. This is inherent in a descriptor that carries an N-d layout, and cheap in absolute terms: "
    "every row is far below CPython's and NumPy's own view creation (×CPy and ×NumPy columns). What would narrow the "
    "gap: computing contiguity and the dense segment lazily (on first item access), and letting the adapters over "
    "Java memory (`byte[]`, segments, buffers) skip building and reducing a `Buffer`, whose bounds are right by "
    "construction. Not done here: every view creation path would change, in the file every other branch edits."
)

EXPLAIN = {
    '_engine': (
        "Changes made while measuring (each a `Perf:` commit with before/after numbers):\n\n"
        "- **Segment accesses that survive profile pollution** (`io.memview.internal.format.Mem`). At a call site "
        "that has seen heap, native and mapped segments, C2 stops inlining `MemorySegment`'s internals "
        "(`unsafeGetBase`, `unsafeGetOffset`, `maxAlignMask` become megamorphic virtual calls; `PrintInlining` says "
        "so) and one access costs ~40 ns: a hand-written loop summing 1 Mi ints took 46 ms instead of 0.5 ms. `Mem` "
        "tests the class first (native and mapped with one `isInstance` against the native implementation class; "
        "`byte[]` segments with an exact class compare) so that each branch compiles to a plain load whatever the "
        "profile, with the layout a constant of each method (a layout passed as a parameter is fatal once the method "
        "is compiled too big to inline: `already compiled into a big method`). Scalar codecs, the strided copy rows, "
        "comparison rows and hex use it. Polluted `getLong` loop: 87 ms → 15 ms.\n"
        "- **hex four bytes at a time** (SWAR in a long instead of a table lookup per byte).\n"
        "- **equals and hashCode on primitive values along merged runs** instead of boxing every item and walking an "
        "odometer: cross-format `equals` 121 ms → 6.6 ms, `'d'` equals 79 ms → 7 ms, hashCode 68 ms → 10 ms.\n"
        "- **count/index/get/set(Long) without boxing** on the primitive fast paths (count 27 ms → 2 ms, index 328 ms "
        "→ 3 ms, `get(i)` as Object 2.8 ms → 0.45 ms), and `writeTo` gives native memory to the channel in one "
        "`ByteBuffer` (4.6 µs → 1.3 µs for 4 MiB).\n"
        "- Found on the way: `writeTo` of a view over `long[]`/`int[]`/`double[]` threw "
        "`UnsupportedOperationException` (a heap segment over a non-byte array has no `ByteBuffer`); fixed.\n\n"
        "The before/after numbers were taken on the same busy machine (load average 7–18 on 2 cores) and carry "
        "its noise; the factors are far larger than the noise."
    ),
    'ViewCreationBench.ofByteArray': _VIEW,
    'ViewCreationBench.ofIntArray': _VIEW,
    'ViewCreationBench.ofByteBuffer': _VIEW,
    'ViewCreationBench.ofBytes': _VIEW,
    'ViewCreationBench.ofNativeSegment': _VIEW,
    'ViewCreationBench.slice': _VIEW,
    'ViewCreationBench.cast': _VIEW,
    'ViewCreationBench.castShape': _VIEW,
    'ViewCreationBench.transpose': _VIEW,
    'ViewCreationBench.selectSlices': _VIEW,
    'ViewCreationBench.select': (
        "Everything said for view creation, plus parsing the subscript string on every call (tokens, `Slice` "
        "objects, an `Object[]` of keys): about three times `select(Slice, Slice)`. What would close most of it: a "
        "small cache from subscript string to parsed keys (strings are immutable), so a loop that selects with the "
        "same text parses it once."
    ),
    'MapBench.open1GiB': (
        "Mapping and unmapping dominate, and the raw baseline pays the same: both map into a shared `Arena`, and "
        "closing a shared arena performs a thread-local handshake with every Java thread before the unmap (so that "
        "no thread can still be reading the memory). CPython calls `munmap` directly, with no such guarantee (a "
        "buffer exported from the mmap keeps it open instead). memview keeps the shared arena: a view may be used "
        "from any thread, and access after release must throw, never crash (principle 3). A confined arena would "
        "close without the handshake but tie every view to the mapping thread. NumPy's `np.load(mmap_mode='r')` "
        "also parses the header, which the real `.npy` reader (not on this branch) will too."
    ),
    'ItemAccessBench.setLong1d': (
        "Every store checks the value against the format's range (`memoryview: invalid value for format 'i'`), as "
        "CPython does; the raw loop stores without checking. The check is two compares on a loop-invariant range, but "
        "it keeps the loop from vectorizing. Closing it would mean a bulk `fill`/`setAll` API that checks a "
        "range once, not a change to `setLong`."
    ),
    'ItemAccessBench.setObject1d': (
        "`set(i, Object)` with a `Long` now takes the `setLong` path, but the box escapes on the general path "
        "(`set(long[], Object)`), so escape analysis cannot remove the `Long.valueOf` allocation the caller makes "
        "(values 0–1023 are mostly outside the `Long` cache); the raw loop's box never escapes and disappears. "
        "What would close it: nothing in the library beyond the primitive accessor, which is the answer for loops "
        "(`setLong` row)."
    ),
    'ItemAccessBench.getLongStrided': (
        "A strided view reads through the codec at `valueBase + k * stride` over the whole segment, with Python's "
        "negative-index adjustment and an index check per item; the raw loop has only the segment's own check. The "
        "spread of this row on a busy machine is large; in quieter runs it is within the target."
    ),
    'ExportBench.toBytesC': (
        "`toBytes` must return a new `byte[]`: allocating 4 MiB (a humongous object for G1 with a 2 GiB heap, "
        "zeroed) costs more than the copy, for memview and for the raw `MemorySegment.toArray` alike (compare "
        "`segmentToArray` with `segmentCopy` in the bandwidth table). Against `MemorySegment.copy` into existing "
        "memory, any API that returns a fresh array loses. What closes it for callers: `copyTo(view)`, "
        "`asSegment()` (zero-copy when C-contiguous) or `writeTo(channel)`, which reach copy bandwidth. Ahead of "
        "CPython and NumPy depends on their allocators handing back recycled pages (glibc `malloc` reuses freed "
        "memory between `timeit` calls; the JVM zeroes each new array)."
    ),
    'ExportBench.toBytesA': (
        "Same as `toBytes()` C-contiguous: one `MemorySegment.copy` into a new array whose allocation and zeroing "
        "cost as much as the copy."
    ),
    'ExportBench.toBytesStrided': (
        "A gather of 4-byte items with stride 8 through the strided copy rows: one load and one store per item. "
        "NumPy's strided copy is a C loop specialised per item size (and unrolled); the JIT compiles our row loop to "
        "the same shape, but the fresh result array (allocation and zeroing, as for `toBytes()`) costs the same again."
    ),
    'ExportBench.hex': (
        "hex writes two bytes per input byte, and a Java `String` cannot be built over an existing array: the "
        "`byte[]` is copied once more into the string, so 1 MiB of input means 2 MiB written, 2 MiB allocated and "
        "zeroed twice, and 2 MiB copied — at best a third of copy bandwidth. The SWAR kernel (4 bytes per step) is "
        "faster than the per-byte table of the raw baseline; going further needs the Vector API (incubating, needs a "
        "flag) or a JDK string factory that adopts a byte array."
    ),
    'ExportBench.toList': (
        "Allocation-bound: 1 Mi `Long` objects (values 0–999, mostly outside the `Long` cache) and the arrays behind "
        "the lists, all live until the end, so young collections copy them. CPython's `tolist` allocates an int "
        "object per item too but frees nothing until the list dies; on a 2-core machine shared with other builds the "
        "JVM's GC threads compete for the same cores. Nothing in the library would close it short of not boxing: "
        "`longs()`, `getLong` loops, or `toBytes` are the fast ways out."
    ),
    'ExportBench.toList2d': (
        "As `toList()` 1-D, with 1024 row lists in addition."
    ),
    'CompareBench.equalsSameFormat': (
        "One `MemorySegment.mismatch` over both views, the same call as the raw baseline: the difference is noise "
        "on this machine (see the spread)."
    ),
    'CompareBench.equalsCrossFormat': (
        "Items are read through two codecs (`'i'` and `'q'`) and compared as longs in a loop with an early exit, "
        "which C2 does not vectorize; the raw loop is the same shape but with two direct loads. The remaining "
        "factor is the class tests of `Mem` per load (two per item). What would close it: comparing blocks of items "
        "into a flag without an early exit per item (vectorizable), checking the flag per block."
    ),
    'CompareBench.equalsDouble': (
        "Python `==` on doubles (NaN unequal, -0.0 == 0.0) forbids a byte compare, so items are compared as "
        "doubles one by one with an early exit, which does not vectorize. What would close it: a byte "
        "`mismatch` first (equal bytes mean equal values unless a NaN is present, which a second, vectorizable "
        "pass can rule out), then value comparison only from the first differing byte on."
    ),
    'CompareBench.equalsStrided': (
        "Strided rows are compared item by item (4-byte loads at stride 8, native against heap memory); the raw "
        "loop is the same. The extra cost is `Mem`'s class test per load on two different kinds of memory."
    ),
    'CompareBench.hashCodeView': (
        "The hash is over item values (so that equal views of different formats hash alike), a serial "
        "`31 * h + v` chain per item. CPython hashes only read-only `'B'`, `'b'` and `'c'` views, over their raw "
        "bytes with SipHash, word by word. A four-items-per-step version of the chain (same value) was tried and "
        "measured no faster on this machine, so it was not kept; the loop is bound by the per-item codec call."
    ),
    'CompareBench.count': (
        "The loop calls `getLong(i)` per item: Python's index normalisation and a range check per call (hoisted "
        "only partly), against the raw loop's plain reads. NumPy's `count_nonzero(a == x)` is a vectorized C loop "
        "over a temporary boolean array. What would close it: counting directly over the dense segment (one "
        "check for the whole range) with a vectorizable compare-and-add loop."
    ),
    'CompareBench.index': (
        "As `count`: `getLong(i)` per item with its checks, against a plain raw loop; NumPy's `argmax(a == x)` is "
        "vectorized C."
    ),
    'StructBench.pack': (
        "`Struct.pack` runs a plan compiled once per format (`internal.format.Plan`: one codec and byte offset per "
        "value, a small `int` switch per value, `Long`/`Integer` range and `Double` checked inline, everything else "
        "through `Values` with CPython's messages) and stores into the new array through array view handles, with no "
        "segment and no zero fill. What remains: the varargs `Object[]` the call site allocates (32 of the 64 B/op; "
        "the raw helper takes three parameters) and a dispatch per value where the raw code is three fixed stores. "
        "Closing it needs straight-line code per format (a hidden class generated with the class-file API) and, for "
        "the array, fixed-arity `pack(a, b, c)` overloads — public API, not added without a design decision."
    ),
    'StructBench.unpackFrom': (
        "The format's plan reads the three values straight from the `byte[]` (no segment per call) into a tuple over "
        "an exact-size array: the same 80 B/op as the raw `Arrays.asList`. What remains is the dispatch per value and "
        "one call into the plan's loop: C2 compiles that loop on its own first, and at ~3 KB of machine code it is "
        "then too big to inline (`already compiled into a big method`). Per-format generated code would remove both."
    ),
    'StructBench.iterUnpack': (
        "One plan unpack per record over the buffer's segment, plus the iterator's bookkeeping: see `unpackFrom`."
    ),
    'StructBench.recordGet': (
        "A record item is decoded by the format's plan straight from the view's segment at the item's address (no "
        "slice, no copy) into a tuple over an exact-size array: 104 B per record, less than the raw loop's 128. The "
        "rest is the call into the plan loop (not inlined, see `unpackFrom`), a dispatch per field, and the view's "
        "checks (released, index). Same remedy as `pack`."
    ),
    'StructBench.recordToList': (
        "As `get(i)` for every record, and all 65536 tuples stay alive, so young collections copy them (the raw "
        "baseline keeps only small `Arrays.asList` views)."
    ),
    'ItemAccessBench.getLong1dPolluted': (
        "After pollution the codec call (`Scalar.getLongAt`, one enum constant per format) is megamorphic and the "
        "`Mem` accessors are compiled on their own with every class branch live: one virtual call and one static "
        "call per item, ~15 ns. Before `Mem`, the segment access inside was itself megamorphic (~80 ns per item). "
        "The raw polluted loop is only fast when its own helper stays monomorphic or bimorphic; with three segment "
        "classes it costs ~40 ns per item (measured while building this suite). What would close the rest: a "
        "switch over the format inside `MemoryView.getLong` instead of the enum's virtual call — rejected for now "
        "because a switch in the loop body stops C2 vectorizing the monomorphic loop, which is the common case."
    ),
    'ItemAccessBench.getObject1dPolluted': (
        "As the polluted `getLong`, plus the box, which escapes once the call is not inlined."
    ),
    'ItemAccessBench.getLong2dPolluted': (
        "As the polluted `getLong` 1-D."
    ),
    'CompareBench.hashCodePolluted': (
        "The per-item codec call in the hash loop becomes megamorphic (see the polluted `getLong`)."
    ),
    'CompareBench.countPolluted': (
        "Per-item `getLong(i)` with a megamorphic codec call (see the polluted `getLong`)."
    ),
    'ExportBench.toBytesStridedPolluted': (
        "The strided copy rows call `Mem` accessors that, polluted, are compiled on their own: a call per load and "
        "per store."
    ),
    'ExportBench.toBytesCPolluted': (
        "One `MemorySegment.copy` into a new array, as unpolluted; the difference is noise and the allocation."
    ),
    'ExportBench.hexPolluted': (
        "See `hex()`: bound by writing and copying twice the input size."
    ),
    'ViewCreationBench.slicePolluted': _VIEW,
    'ViewCreationBench.castPolluted': _VIEW,
    'StructBench.unpackFromPolluted': "See `unpackFrom`; the plan dispatches on an `int`, so pollution adds no megamorphic codec call.",
    'StructBench.packPolluted': "See `pack`.",
    'MapBench.open1GiBPolluted': "See the unpolluted row.",
}

EXPLAIN.update({
    'ItemAccessBench.getObject1d': (
        "`get(i)` boxes the item; in this loop escape analysis removes most boxes, as it does for the raw loop, but "
        "`get` first tests the format's kind and mode (two field reads and compares per call) before taking the "
        "primitive path. Closing the rest: a dedicated mode bit for \"boxed long\" so that one test decides."
    ),
    'ItemAccessBench.setLong2d': (
        "Two index checks and the format's range check per store (CPython's `invalid value` error), against the "
        "raw loop's unchecked stores; see the 1-D `setLong` row. A bulk fill API would check once."
    ),
    'ItemAccessBench.getLong2d': (
        "Two Python index checks per item; within the target in most runs, above it when the machine is busy."
    ),
    'ExportBench.toBytesF': (
        "A transposing copy of 4-byte items (reads along rows, writes with a 4096-byte stride), the same loop as the "
        "raw baseline, plus the fresh array. NumPy and CPython copy with C loops over a `malloc`ed buffer that is "
        "neither zeroed nor, after the first call, new memory; the JVM allocates and zeroes 4 MiB each time (see "
        "`toBytes()` C-contiguous). Blocking the transpose in tiles that fit the cache would help all three."
    ),
    'ExportBench.writeTo': (
        "A single `write` of 4 MiB to `/dev/null` costs under a microsecond in every implementation; the JVM adds "
        "NIO's bookkeeping (the channel's lock and a native-thread registration) to the system call. Noise-level "
        "differences of a few hundred nanoseconds."
    ),
    'CompareBench.hashCodeView': (
        "The hash is over item values (so that equal views of different formats hash alike): a serial "
        "`31 * h + v` chain per item, through the format's codec. The raw loop (the same chain over direct loads) "
        "runs at ~1.9 ns per item, memview at ~3.4: the codec call and `Mem`'s class test per item. CPython hashes "
        "only read-only `'B'`, `'b'` and `'c'` views, over their raw bytes with SipHash, eight bytes at a time. A "
        "four-items-per-step version of the chain (the same value) was tried and measured no faster on this "
        "machine, so it was not kept."
    ),
})
EXPLAIN['ExportBench.toBytesC'] = (
    "`toBytes` must return a new `byte[]`, and on the JVM that costs more than the copy: allocating 4 MiB (a "
    "humongous object for G1 with a 2 GiB heap) and zeroing it. The raw `MemorySegment.toArray` pays exactly the "
    "same (`segmentToArray`, 0.9-1.1x of memview). CPython and NumPy win twice: glibc `malloc` hands back the memory "
    "freed by the previous call (no new pages, no zeroing), and their `memcpy` is glibc's AVX copy, while the JVM's "
    "`MemorySegment.copy` goes through `Unsafe.copyMemory` in safepoint-polled chunks: in this run "
    "`MemorySegment.copy` itself moved 4 MiB in ~0.58 ms against CPython's ~0.16 ms for `dst[:] = src` (bandwidth "
    "table). What closes it for callers: `copyTo(view)`, `asSegment()` (zero-copy when C-contiguous) or "
    "`writeTo(channel)`, which avoid the fresh array; for the library, nothing short of a JDK copy at memcpy speed."
)
EXPLAIN['ExportBench.toBytesA'] = EXPLAIN['ExportBench.toBytesC']
EXPLAIN['ExportBench.toBytesCPolluted'] = EXPLAIN['ExportBench.toBytesC']
EXPLAIN['ExportBench.toBytesStrided'] = (
    "A gather of 4-byte items with stride 8 through the strided copy rows: one load and one store per item, as the "
    "raw baseline (which memview matches). NumPy's strided copy is a C loop specialised per item size, into a "
    "recycled `malloc` buffer; the JVM also allocates and zeroes the 4 MiB result (see `toBytes()` C-contiguous)."
)
EXPLAIN['CompareBench.equalsSameFormat'] = (
    "One `MemorySegment.mismatch` over both views — the same call as the raw baseline, and above 80% of the copy "
    "bandwidth of this run. NumPy's `array_equal` compares with AVX2 at memory speed (~22 GB/s here); the JDK's "
    "`mismatch` is vectorized too but, like its copy, runs in safepoint-polled chunks with per-chunk checks. Closing "
    "it is a JDK matter."
)
EXPLAIN['CompareBench.equalsStrided'] = (
    "Strided rows are compared item by item (4-byte loads at stride 8, native against heap memory), like the raw "
    "loop, with `Mem`'s class test per load on two kinds of memory. CPython compares the same way (`unpack` per "
    "item of a native format it knows) and is level with it; NumPy's strided compare is vectorized C. What would "
    "close it: comparing blocks of items into a flag without an early exit per item, so that C2 vectorizes."
)
EXPLAIN['CompareBench.equalsStridedPolluted'] = EXPLAIN['CompareBench.equalsStrided']
EXPLAIN['CompareBench.equalsDouble'] = (
    "Python `==` on doubles (NaN unequal, -0.0 == 0.0) forbids a byte compare, so items are compared as "
    "doubles one by one with an early exit, which does not vectorize; memview matches the raw loop of the same "
    "shape. CPython's memoryview compares native doubles with a C loop, NumPy with SIMD. What would close it: a "
    "byte `mismatch` first (equal bytes mean equal values unless a NaN is present, which a second, vectorizable "
    "pass can rule out), then value comparison only from the first differing byte on."
)
EXPLAIN['ExportBench.hex'] = (
    "hex writes two bytes per input byte, and a Java `String` cannot be built over an existing array: the `byte[]` "
    "is copied once more into the string, so 1 MiB of input means 2 MiB allocated and zeroed twice and written "
    "twice — at best a fraction of copy bandwidth, and CPython writes its digits straight into the new `str`. The "
    "SWAR kernel (4 bytes per step) is twice as fast as the per-byte table of the raw baseline; going further needs "
    "the Vector API (incubating, needs a flag) or a JDK string factory that adopts a byte array."
)
EXPLAIN['ExportBench.hexPolluted'] = EXPLAIN['ExportBench.hex']

EXPLAIN['ExportBench.writeToStrided'] = (
    "Bimodal between forks: one fork streamed at ~1.4 ms (1.2x raw, within the target), the other at ~8 ms. The "
    "staging copy reads native memory and writes a heap array in the same row loop, so both class branches of the "
    "`Mem` accessors are live; when C2 happens to compile an accessor on its own first (`already compiled into a "
    "big method`), the row loop calls it per item instead of inlining it. What would close it: copy rows "
    "specialised per pair of memory kinds (a heap-to-heap, native-to-heap, ... loop each, chosen once per row), so "
    "that no accessor inside a loop ever sees two classes."
)
EXPLAIN['ExportBench.toBytesC'] = (
    "`toBytes` must return a new `byte[]`, and on the JVM that costs more than the copy: allocating 4 MiB (a "
    "humongous object for G1 with a 2 GiB heap) and zeroing it. The copy itself runs at memcpy speed "
    "(`MemorySegment.copy` moved 4 MiB in the same time as CPython's `dst[:] = src`, bandwidth table), but "
    "`MemorySegment.toArray` — the raw baseline, the same allocation plus copy — takes 5x as long, and memview "
    "matches it. CPython and NumPy get their 4 MiB from `malloc`, which hands back the block freed by the previous "
    "call: no new pages, no zeroing. What closes it for callers: `copyTo(view)`, `asSegment()` (zero-copy when "
    "C-contiguous) or `writeTo(channel)`, which need no fresh array; for the library, nothing short of the JDK "
    "allocating arrays that are about to be overwritten without zeroing them."
)
EXPLAIN['ExportBench.toBytesA'] = EXPLAIN['ExportBench.toBytesC']
EXPLAIN['ExportBench.toBytesCPolluted'] = EXPLAIN['ExportBench.toBytesC']
EXPLAIN['CompareBench.equalsSameFormat'] = (
    "One `MemorySegment.mismatch` over both views — the same call as the raw baseline (parity), and ahead of "
    "NumPy's `array_equal`. It reads 8 MiB (both views) where the reference copy reads 4 and writes 4, so 75-80% "
    "of the copy's rate is what the memory system allows; a miss of a few percent here is within the noise."
)
EXPLAIN['CompareBench.equalsSameFormatPolluted'] = EXPLAIN['CompareBench.equalsSameFormat']
EXPLAIN['ItemAccessBench.setObject1d'] = (
    "`set(i, Object)` with a `Long` takes the `setLong` path, but the box escapes on the general path "
    "(`set(long[], Object)`), so escape analysis cannot remove the `Long.valueOf` allocation the caller makes "
    "(values 0-1023 are mostly outside the `Long` cache), and the forks differ (4.4 ms and 6.8 ms) with how much of "
    "it C2 keeps; the raw loop's box never escapes and disappears. What would close it: nothing in the library "
    "beyond the primitive accessor, which is the answer for loops (`setLong` row, 1.0-1.4x raw)."
)
EXPLAIN['ExportBench.toList2d'] = (
    "1024 row lists of 1024 boxed items: allocation-bound like the 1-D `toList` (now chunked, 0.6x raw); the "
    "rows are `Tuple`s over exact-size arrays, the raw baseline's `ArrayList`s are presized too. The remaining "
    "difference is within the spread of allocation-heavy rows on this machine."
)

EXPLAIN['_engine'] = EXPLAIN['_engine'].replace(
    "- Found on the way:",
    "- **toList builds long rows in chunks of 16384 items**: a single million-element `Object[]` is a humongous G1 "
    "object in the old generation, and filling it with new `Long`s made every store an old-to-young reference; "
    "the 1-D `toList` was 242 ms (2.2x raw, 4x CPython) in the first full run and is 27 ms (0.6x raw, 0.6x "
    "CPython) in this one.\n- Found on the way:")
EXPLAIN['_engine'] += (
    "\n\nThis report comes from the second full run, started after the toList change, on a quieter machine "
    "(load average median 1.3); the first full run (load average median 9.6) is in git history.")

EXPLAIN['ItemAccessBench.getLong2dSelected'] = (
    "Issue 5's loop: `grid.select(\"::2, 1:-1\")` (512 × 1022 ints, row stride 8 KiB, offset 4) read with "
    "`getLong(i, j)`. memview costs about 1 ns per item, as for the full grid (`getLong(i, j) 2-D`, where memview "
    "and the hand-written loop are equal). The hand-written baseline here is a different story between forks and "
    "runs: when C2 vectorises its inner loop (a constant 4-byte stride over `ints.asSlice(4)`) it sums 4–8 ints per "
    "instruction (0.18 ns per item, the median of this run); when it does not, it costs what memview costs (the "
    "other fork, and the full-grid row). memview's inner loop goes through `getLong(i, j)`, which re-checks both "
    "indices and reads the strides from the view, so C2 does not vectorise it. What would close it: a bulk "
    "`LongStream`/`sum`-style row accessor (`longs()` already exists for 1-D) that hands C2 a counted loop over one "
    "row's segment slice with the stride as a loop-invariant; measured here, not done.")
EXPLAIN['StructBench.iifRecordView'] = (
    "Issue 5's record reader: 1M `'<iif'` records through `MemoryView.of(bytes).cast(\"<iif\")`, one `get(i)` per "
    "record, summing the three fields. Each item is a tuple — an unmodifiable `List` with two `Long`s and a `Double` "
    "(DESIGN.md's values). The raw baseline builds the same tuple per record (`Arrays.asList` of three boxes, "
    "published to a field so that C2 cannot scalar-replace it); an earlier baseline read the three fields as "
    "primitives and allocated nothing (1.7 ms), which is not the work a tuple-returning call must do, but is the "
    "floor for code that needs no tuple. What would reach that floor: primitive accessors for record fields "
    "(`getLong(i, field)` / `getDouble(i, field)` on a record view) that skip the tuple — a new public API, so not "
    "added without a design decision.")
EXPLAIN['StructBench.iifUnpackFrom'] = (
    "`Struct.unpackFrom(bytes, offset)` per record: the plan reads the `byte[]` directly (no segment per call), "
    "with the same allocations as the record view plus the offset checks of each call; see the record view row.")

EXPLAIN['_engine'] += (
    "\n\nAfter the full run, the four copies of the row walk over merged layouts (copy, two comparisons, hash) became "
    "one (`Copier.Merged.nextRow`). It runs once per row, not per item; re-measured at 04:49Z (1 fork, 3+4 "
    "iterations of 0.5 s, idle machine): `equalsCrossFormat` 1.49 ms (full run 1.47), `hashCodeView` 1.97 ms (1.91), "
    "`toBytesF` 9.02 ms (9.20), `equalsStrided` 2.18 ± 0.66 ms (1.66), `toBytesStrided` 2.34 ± 1.0 ms (1.97) — the "
    "last two are 1-D after merging, where the row walk never runs, so their difference is this short run's noise.")
