"""Hand-written analysis for docs/PERFORMANCE.md, keyed by JMH benchmark name (see bench/report.py).

Written from profiles of this code (JMH, -XX:+PrintCompilation, CompileCommand=PrintInlining, allocation counts by
reading the paths); the numbers they cite are in the tables of the same report.
"""

_VIEW = (
    "A view is a descriptor, the raw baseline one segment object (`MemorySegment.ofArray`/`ofBuffer`/`asSlice`, "
    "5–10 ns, 40–72 B). This session took the creation paths down to what the descriptor itself costs (`Perf:` "
    "commits, B/op from `-prof gc`, which does not depend on load): `MemoryView.of` of Java memory no longer "
    "builds an adapter, a `Buffer` and its request reduction — its layout is the whole segment, in bounds by "
    "construction, while every layout from outside still takes the one bounds check; views with nothing to hand "
    "back keep their exporting object instead of a managed buffer; descriptors share the arrays they never "
    "modify; a 1-D view over its whole segment uses the segment itself as its dense segment; cast destinations "
    "and parsed subscripts are cached; `transpose` builds its arrays directly; `select` makes neither an expanded"
    " key list nor the parent's `Layout`. Allocation per call: `of(byte[])` 608 → 216 B (raw 72), `of(segment)` "
    "536 → 144 B (raw 40), `select(String)` 1015 → 224 B, slice/cast/transpose 208–232 → 144–184 B. What remains "
    "is the descriptor: a `MemoryView` is a 120-byte object (offset, format, itemsize, shape, strides, "
    "suboffsets, flags, and the unpacked fast-path fields — value base, n0/s0/n1/s1, mode, dense segment — that "
    "make an item access one field read and one segment access) plus its shape array, and a partial slice makes "
    "the dense segment (40 B) that lets `getLong(i)` loops compile like array loops. Making that segment lazy "
    "would put a null check on every item access; a smaller descriptor (separate 1-D and N-d classes) would make "
    "the fast-path call sites polymorphic. So a few times the raw segment, and 2.5–10x below CPython's and "
    "NumPy's own view creation, is where this design stays."
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
    'ItemAccessBench.getLongStrided': (
        "A strided view reads through the codec at `valueBase + k * stride` over the whole segment, with Python's "
        "negative-index adjustment and an index check per item; the raw loop has only the segment's own check. The "
        "spread of this row on a busy machine is large; in quieter runs it is within the target."
    ),
    'ExportBench.toList': (
        "Allocation-bound: 1 Mi `Long` objects (values 0–999, mostly outside the `Long` cache) and the arrays behind "
        "the lists, all live until the end, so young collections copy them. CPython's `tolist` allocates an int "
        "object per item too but frees nothing until the list dies; on a 2-core machine shared with other builds the "
        "JVM's GC threads compete for the same cores. Nothing in the library would close it short of not boxing: "
        "`longs()`, `getLong` loops, or `toBytes` are the fast ways out."
    ),
    'CompareBench.equalsStrided': (
        "Strided rows are compared item by item (4-byte loads at stride 8, native against heap memory); the raw "
        "loop is the same. The extra cost is `Mem`'s class test per load on two different kinds of memory."
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
    'ViewCreationBench.slicePolluted': _VIEW,
    'ViewCreationBench.castPolluted': _VIEW,
    'StructBench.unpackFromPolluted': (
        "See `unpackFrom`; the plan dispatches on an `int`, so pollution adds no megamorphic codec call."
    ),
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
})
EXPLAIN['CompareBench.equalsStrided'] = (
    "Strided rows are compared item by item (4-byte loads at stride 8, native against heap memory), like the raw "
    "loop, with `Mem`'s class test per load on two kinds of memory. CPython compares the same way (`unpack` per "
    "item of a native format it knows) and is level with it; NumPy's strided compare is vectorized C. What would "
    "close it: comparing blocks of items into a flag without an early exit per item, so that C2 vectorizes."
)
EXPLAIN['CompareBench.equalsStridedPolluted'] = EXPLAIN['CompareBench.equalsStrided']


EXPLAIN['_engine'] = EXPLAIN['_engine'].replace(
    "- Found on the way:",
    "- **toList builds long rows in chunks of 16384 items**: a single million-element `Object[]` is a humongous G1 "
    "object in the old generation, and filling it with new `Long`s made every store an old-to-young reference; "
    "the 1-D `toList` was 242 ms (2.2x raw, 4x CPython) in the first full run and is 27 ms (0.6x raw, 0.6x "
    "CPython) in this one.\n- Found on the way:")

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

# Analysis after the third session's engine changes (view creation, struct plans, item loops, compare).
EXPLAIN['ViewCreationBench.select'] = (
    "Everything said for view creation, plus the subscript: its text is now parsed once and cached (up to 64 "
    "characters, 512 entries; a failing subscript is never cached), so a loop that selects with the same text "
    "pays a hash lookup, and the selection itself (keys expanded against the shape, NumPy's rules per axis)."
)
EXPLAIN['ItemAccessBench.setLong1d'] = (
    "Every store checks the value against the item's range (`memoryview: invalid value for format 'i'`), as "
    "CPython does. The check now uses the codec's literal width (`Scalar.fits`: `(int) v == v`, `v >>> 16 == 0`, "
    "nothing for `'q'`), which C2 folds when it knows the value's range; it used to compare against bounds loaded"
    " from the view, which stayed in the loop. What remains is that one compare when the value's range is not "
    "known."
)
EXPLAIN['ItemAccessBench.setObject1d'] = (
    "Not an allocation: `-prof gc` shows no bytes per store before or after. The `Long` stayed alive in the JIT's"
    " deoptimisation state at the mode check in `set(long, Object)`, so C2 could not remove the "
    "`Long.valueOf`/`longValue` pair and kept the `LongCache` load and branch in the loop "
    "(`-XX:-EliminateAutoBox` does the same to the hand-written loop: 0.33 → 3.1 ms). `set` now unboxes before "
    "the check. What remains is the type test of the `Object`."
)
EXPLAIN['ItemAccessBench.getLong2dSelected'] = (
    "Issue 5's loop: `grid.select(\"::2, 1:-1\")` (512 × 1022 ints, row stride 8 KiB, offset 4) read with "
    "`getLong(i, j)`. A row of any N-d view whose column stride equals the item size is now read with the codec's"
    " literal scale (`Scalar.getLongAt`), so both bounds checks leave the inner loop and C2 unrolls it like the "
    "hand-written one. The hand-written baseline is bimodal between forks and runs: when C2 vectorises its inner "
    "loop (a constant 4-byte stride over `ints.asSlice(4)`) it sums 4–8 ints per instruction; when it does not, "
    "it costs what memview costs. memview's call still normalises negative indices and tests the fast-path mode "
    "per call, which C2 only partly hoists, so it is not vectorised. What would close it: a row accessor handing "
    "C2 a counted loop over one row's segment (public API: not added without a design decision)."
)
EXPLAIN['ExportBench.toBytesC'] = (
    "`toBytes` must return a new `byte[]`. The copy itself runs at memcpy speed (`MemorySegment.copy` in the "
    "bandwidth table, level with CPython's `dst[:] = src`), but a fresh 4 MiB array is a humongous G1 object in "
    "memory the program has not touched recently, and `MemorySegment.toArray` — the raw baseline, the same "
    "allocation plus copy — costs as much as memview. It is not the zeroing: for a `byte[]` source, "
    "`Arrays.copyOfRange` (which C2 allocates without zeroing) measured the same as `new byte[n]` + copy (691 vs "
    "785 µs at 4 MiB, best of 150). CPython and NumPy get their 4 MiB from `malloc`, which hands back the block "
    "freed by the previous call. What closes it for callers: `copyTo(view)`, `asSegment()` (zero-copy when "
    "C-contiguous) or `writeTo(channel)`, which need no fresh array."
)
EXPLAIN['ExportBench.toBytesStrided'] = (
    "A gather of 4-byte items with stride 8 through the strided copy rows: one load and one store per item, as "
    "the raw baseline (which memview matches). NumPy's strided copy is a C loop specialised per item size into a "
    "recycled `malloc` buffer; the JVM also pays for the fresh 4 MiB result (see `toBytes()` C-contiguous). A "
    "copy row with a literal destination scale was tried and measured no faster."
)
EXPLAIN['ExportBench.hex'] = (
    "hex writes two bytes per input byte, and a Java `String` cannot adopt an existing array: the digits are "
    "written into a `byte[]` and copied into the string. Measured apart (thread CPU time, in one JVM): allocating"
    " the 2 MiB array and making the string cost ~0.53 ms of the total; the SWAR kernel (4 bytes per step) ~0.75 "
    "ns per input byte. An 8-bytes-per-step kernel and a 16-bit table store per byte were within 10% of it. "
    "CPython writes its digits straight into the new `str` (~1.1 ns per byte, no second copy). What would close "
    "it: a JDK string factory that adopts a byte array, or the Vector API (incubating, needs a flag)."
)
EXPLAIN['ExportBench.toList2d'] = (
    "Allocation-bound: memview and the raw baseline allocate the same bytes per call (26,186,081 vs 26,185,520 B,"
    " `-prof gc`): 1 Mi `Long`s, 1024 row lists, the outer list. The remaining difference is `Format.item` per "
    "item (a dispatch on the format) where the raw loop boxes a known type; a boxing loop per integer type for "
    "the last dimension would remove it."
)
EXPLAIN['ExportBench.writeToStrided'] = (
    "Both memview and the raw baseline stage the strided data through a 1 MiB heap buffer and write it in chunks."
    " In a steady in-process harness memview is 1.30x raw: its per-chunk work (`Selection.select`, the `Layout` "
    "objects, the row walk) and `Mem`'s class tests on two kinds of memory in the same row loop. A copy row with "
    "a literal destination scale did not help; what would: one native-to-heap gather loop chosen once per stream."
)
EXPLAIN['CompareBench.hashCodeView'] = (
    "The hash is over item values (so that equal views of different formats hash alike): a serial `31 * h + v` "
    "chain. Along dense rows it now runs with the codec's literal scale, four items per step (the same value). "
    "The remaining time is the chain's latency, which C2 does not vectorise; hashing eight items per step with "
    "precomputed powers of 31 would shorten it. CPython hashes only read-only `'B'`, `'b'` and `'c'` views, over "
    "their raw bytes with SipHash."
)
EXPLAIN['CompareBench.count'] = (
    "`count` now runs one plain loop per integer codec over the dense run (`Compare.countLongs`; the needle "
    "narrowed to the item type once, a needle outside the type answers at once), within the raw target. NumPy's "
    "`count_nonzero(a == x)` is vectorised C over a temporary boolean array; matching it needs the Vector API "
    "(incubating, needs a flag)."
)
EXPLAIN['CompareBench.index'] = (
    "As `count` (`Compare.indexLong`): one plain loop per integer codec over the dense run; NumPy's `argmax(a == "
    "x)` is vectorised C."
)
EXPLAIN['CompareBench.equalsCrossFormat'] = (
    "Dense integer rows are now compared in blocks of 512 items into an OR of XORs, with no exit per item, "
    "checked per block; the raw baseline is a plain loop with an early exit. NumPy's `array_equal` across dtypes "
    "casts with SIMD."
)
EXPLAIN['CompareBench.equalsDouble'] = (
    "Python `==` on doubles (NaN unequal, -0.0 == 0.0) forbids a plain byte compare: dense rows of the same "
    "double codec now compare bits and scan for NaN in one pass per block of 512, and only a block whose bits "
    "differ or that holds a NaN is compared by value. NumPy compares with SIMD."
)
EXPLAIN['CompareBench.equalsSameFormat'] = (
    "One `MemorySegment.mismatch` over both views — the same call as the raw baseline (parity in every run). It "
    "reads 8 MiB (both views) where the reference copy reads 4 and writes 4, and the JDK's vectorised mismatch "
    "runs in chunks with a safepoint poll between them; NumPy's `array_equal` compares with AVX2 in one C loop. "
    "Nothing in the library would close this: it is the JDK's compare."
)
EXPLAIN['MapBench.open1GiB'] = (
    "Mapping and unmapping dominate, and the raw baseline pays the same (1.0–1.1x raw): both map into a shared "
    "`Arena`, and closing a shared arena performs a handshake with every Java thread before the unmap (so that no"
    " thread can still be reading the memory). CPython calls `munmap` directly, with no such guarantee (a buffer "
    "exported from the mmap keeps it open instead). memview keeps the shared arena: a view may be used from any "
    "thread, and access after release must throw, never crash (principle 3). A confined arena would close without"
    " the handshake but tie every view to the mapping thread."
)
EXPLAIN['ExportBench.toBytesA'] = EXPLAIN['ExportBench.toBytesC']
EXPLAIN['ExportBench.toBytesCPolluted'] = EXPLAIN['ExportBench.toBytesC']
EXPLAIN['ExportBench.hexPolluted'] = EXPLAIN['ExportBench.hex']
EXPLAIN['CompareBench.equalsSameFormatPolluted'] = EXPLAIN['CompareBench.equalsSameFormat']
EXPLAIN['_engine'] += (
    "  Third session (`Perf:` commits; B/op from `-prof gc`; times taken at load 14–28 with thread CPU time in "
    "alternating batches, since JMH wall-clock errors were larger than the values — the tables above are the "
    "quiet full run that followed):  - **View creation down to the descriptor** (see the view creation analysis):"
    " `of(byte[])` 608 → 216 B, `select(String)` 1015 → 224 B. - **A compiled plan per struct format** "
    "(`internal.format.Plan`): one codec and byte offset per value, a small `int` switch per value with the `Mem`"
    " accessor and the boxing inlined (before, every format went through one shared virtual call on `Scalar`, "
    "megamorphic in any program using several formats), `byte[]` read and written through array view handles with"
    " no segment per call, `pack` without zero-filling its new array: `pack` 136 → 64 B, `unpackFrom` 152 → 80 B "
    "(the raw baseline's 80). Formats of more than 256 values keep the run loop (`StructPlanLimitTest` covers "
    "both sides). - **Item loops**: `setLong` checks the codec's literal width; `set(i, Long)` unboxes before the"
    " mode check; `getLong(i, j)` along rows uses a literal scale. - **Compare and search**: `count`/`index` one "
    "loop per integer codec over dense runs; value equality in blocks of 512 (integers: OR of XORs; doubles: bits"
    " plus a NaN scan); hash four items per step. - **The `'<iif'` baseline** (`iifRecordsRaw`) now builds the "
    "tuple the memview calls return (a list of three boxes, published so that C2 cannot scalar-replace it); the "
    "tuple-free hand-written reader is kept beside it as a reference floor (`iifFieldsRaw`)."
)
