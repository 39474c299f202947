#!/usr/bin/env python3
"""Writes docs/PERFORMANCE.md from one bench/run: bench/report.py RESULTS_DIR OUT.md

RESULTS_DIR holds jmh.json (JMH -rf json), machine.json, load.txt and, when they ran, cpython.json and numpy.json
(tools/cpython/bench_cpython.py). Every number in the report comes from those files; the only hand-written text is the
analysis of missed targets in EXPLAIN below (profile evidence gathered while closing the gaps). Plain Python 3, no
dependencies; the tests never run it.
"""
import json
import os
import statistics
import sys

# (section, label, memview benchmark, raw baseline benchmark, target, bytes moved for the bandwidth column)
# target: 'c' = within 1.2x of raw (contiguous ops, 1-D typed loops); 's' = within 1.3x (strided, N-d);
#         'b' = also >= 80% of MemorySegment.copy bandwidth (bulk copy, compare, hex); None = reported only.
MiB4 = 4 << 20
ROWS = [
    ('Bandwidth reference', 'MemorySegment.copy native to native, 4 MiB', 'ExportBench.segmentCopy', None, None, MiB4),
    ('Bandwidth reference', 'MemorySegment.toArray (copy into a new byte[]), 4 MiB', 'ExportBench.segmentToArray', None, None, MiB4),

    ('View creation (ns)', 'of(byte[])', 'ViewCreationBench.ofByteArray', 'ViewCreationBench.ofByteArrayRaw', 'c', None),
    ('View creation (ns)', 'of(int[])', 'ViewCreationBench.ofIntArray', 'ViewCreationBench.ofIntArrayRaw', 'c', None),
    ('View creation (ns)', 'of(direct ByteBuffer)', 'ViewCreationBench.ofByteBuffer', 'ViewCreationBench.ofByteBufferRaw', 'c', None),
    ('View creation (ns)', 'of(Bytes)', 'ViewCreationBench.ofBytes', 'ViewCreationBench.ofBytesRaw', 'c', None),
    ('View creation (ns)', 'of(native MemorySegment)', 'ViewCreationBench.ofNativeSegment', 'ViewCreationBench.ofNativeSegmentRaw', 'c', None),
    ('View creation (ns)', 'slice(1, -1, 1)', 'ViewCreationBench.slice', 'ViewCreationBench.sliceRaw', 'c', None),
    ('View creation (ns)', 'cast("i")', 'ViewCreationBench.cast', 'ViewCreationBench.castRaw', 'c', None),
    ('View creation (ns)', 'cast("i", 128, 128)', 'ViewCreationBench.castShape', 'ViewCreationBench.castRaw', 'c', None),
    ('View creation (ns)', 'select("1:-1, ::2") (parsed subscript)', 'ViewCreationBench.select', 'ViewCreationBench.selectRaw', 's', None),
    ('View creation (ns)', 'select(Slice, Slice)', 'ViewCreationBench.selectSlices', 'ViewCreationBench.selectRaw', 's', None),
    ('View creation (ns)', 'transpose() 2-D', 'ViewCreationBench.transpose', 'ViewCreationBench.selectRaw', 's', None),
    ('View creation (ns)', 'map 1 GiB file, cast("d"), read, release (µs)', 'MapBench.open1GiB', 'MapBench.open1GiBRaw', 'c', None),

    ('Item access, 1 Mi items (µs)', 'getLong(i) 1-D', 'ItemAccessBench.getLong1d', 'ItemAccessBench.getLong1dRaw', 'c', None),
    ('Item access, 1 Mi items (µs)', 'get(i) 1-D, Object', 'ItemAccessBench.getObject1d', 'ItemAccessBench.getObject1dRaw', 'c', None),
    ('Item access, 1 Mi items (µs)', 'getDouble(i) 1-D', 'ItemAccessBench.getDouble1d', 'ItemAccessBench.getDouble1dRaw', 'c', None),
    ('Item access, 1 Mi items (µs)', 'setLong(i, v) 1-D', 'ItemAccessBench.setLong1d', 'ItemAccessBench.setLong1dRaw', 'c', None),
    ('Item access, 1 Mi items (µs)', 'set(i, Object) 1-D', 'ItemAccessBench.setObject1d', 'ItemAccessBench.setObject1dRaw', 'c', None),
    ('Item access, 1 Mi items (µs)', 'getLong(i) strided [::2]', 'ItemAccessBench.getLongStrided', 'ItemAccessBench.getLongStridedRaw', 's', None),
    ('Item access, 1 Mi items (µs)', 'getLong(i, j) 2-D', 'ItemAccessBench.getLong2d', 'ItemAccessBench.getLong2dRaw', 's', None),
    ('Item access, 1 Mi items (µs)', 'getLong(i, j) of select("::2, 1:-1")', 'ItemAccessBench.getLong2dSelected', 'ItemAccessBench.getLong2dSelectedRaw', 's', None),
    ('Item access, 1 Mi items (µs)', 'getLong(i, j) transposed', 'ItemAccessBench.getLongTransposed', 'ItemAccessBench.getLongTransposedRaw', 's', None),
    ('Item access, 1 Mi items (µs)', 'setLong(i, j, v) 2-D', 'ItemAccessBench.setLong2d', 'ItemAccessBench.setLong2dRaw', 's', None),

    ('Export (µs)', 'toBytes() C-contiguous, 4 MiB', 'ExportBench.toBytesC', 'ExportBench.segmentToArray', 'b', MiB4),
    ('Export (µs)', "toBytes('A') F-contiguous, 4 MiB", 'ExportBench.toBytesA', 'ExportBench.segmentToArray', 'b', MiB4),
    ('Export (µs)', "toBytes('F') of a C-contiguous 1024x1024", 'ExportBench.toBytesF', 'ExportBench.toBytesFRaw', 's', MiB4),
    ('Export (µs)', 'toBytes() strided [::2], 4 MiB out', 'ExportBench.toBytesStrided', 'ExportBench.toBytesStridedRaw', 's', MiB4),
    ('Export (µs)', 'hex() contiguous, 1 MiB', 'ExportBench.hex', 'ExportBench.hexRaw', 'b', 1 << 20),
    ('Export (µs)', 'hex() strided, 1 MiB', 'ExportBench.hexStrided', 'ExportBench.hexStridedRaw', 's', 1 << 20),
    ('Export (µs)', 'toList() 1-D, 1 Mi items', 'ExportBench.toList', 'ExportBench.toListRaw', 'c', None),
    ('Export (µs)', 'toList() 2-D 1024x1024', 'ExportBench.toList2d', 'ExportBench.toList2dRaw', 's', None),
    ('Export (µs)', 'writeTo(channel) contiguous, 4 MiB to /dev/null', 'ExportBench.writeTo', 'ExportBench.writeToRaw', 'c', None),
    ('Export (µs)', 'writeTo(channel) strided, 4 MiB to /dev/null', 'ExportBench.writeToStrided', 'ExportBench.writeToStridedRaw', 's', None),

    ('Compare and search, 1 Mi items (µs)', "equals same format 'i', contiguous", 'CompareBench.equalsSameFormat', 'CompareBench.equalsRaw', 'b', MiB4),
    ('Compare and search, 1 Mi items (µs)', "equals cross format 'i' vs 'q'", 'CompareBench.equalsCrossFormat', 'CompareBench.equalsCrossFormatRaw', 'c', None),
    ('Compare and search, 1 Mi items (µs)', "equals 'd' (by value: NaN, -0.0)", 'CompareBench.equalsDouble', 'CompareBench.equalsDoubleRaw', 'c', None),
    ('Compare and search, 1 Mi items (µs)', 'equals strided [::2], native vs heap', 'CompareBench.equalsStrided', 'CompareBench.equalsStridedRaw', 's', None),
    ('Compare and search, 1 Mi items (µs)', 'hashCode (writable: not cached)', 'CompareBench.hashCodeView', 'CompareBench.hashCodeRaw', 'c', None),
    ('Compare and search, 1 Mi items (µs)', 'count(7L)', 'CompareBench.count', 'CompareBench.countRaw', 'c', None),
    ('Compare and search, 1 Mi items (µs)', 'index(x), x last', 'CompareBench.index', 'CompareBench.indexRaw', 'c', None),

    ('struct and records', "pack('<iid') (ns)", 'StructBench.pack', 'StructBench.packRaw', 'c', None),
    ('struct and records', "unpackFrom(byte[], off) (ns)", 'StructBench.unpackFrom', 'StructBench.unpackFromRaw', 'c', None),
    ('struct and records', 'iterUnpack, 65536 records (µs)', 'StructBench.iterUnpack', 'StructBench.iterUnpackRaw', 'c', None),
    ('struct and records', "record view cast('<iid').get(i), 65536 (µs)", 'StructBench.recordGet', 'StructBench.iterUnpackRaw', 'c', None),
    ('struct and records', 'record view toList(), 65536 (µs)', 'StructBench.recordToList', 'StructBench.recordToListRaw', 'c', None),
    ('struct and records', "1M '<iif' records: cast view get(i) (µs)", 'StructBench.iifRecordView', 'StructBench.iifRecordsRaw', 'c', None),
    ('struct and records', "1M '<iif' records: Struct.unpackFrom (µs)", 'StructBench.iifUnpackFrom', 'StructBench.iifRecordsRaw', 'c', None),
    ('struct and records', "1M '<iif' records: fields read by hand, no tuple (reference floor, µs)", 'StructBench.iifFieldsRaw', None, None, None),

    ('Profile-polluted (same call sites after heap, native, mapped memory and 11 formats)', 'getLong(i) 1-D (µs)', 'ItemAccessBench.getLong1dPolluted', 'ItemAccessBench.getLong1dRawPolluted', 'c', None),
    ('Profile-polluted (same call sites after heap, native, mapped memory and 11 formats)', 'get(i) Object 1-D (µs)', 'ItemAccessBench.getObject1dPolluted', 'ItemAccessBench.getObject1dRawPolluted', 'c', None),
    ('Profile-polluted (same call sites after heap, native, mapped memory and 11 formats)', 'getLong(i, j) 2-D (µs)', 'ItemAccessBench.getLong2dPolluted', 'ItemAccessBench.getLong2dRawPolluted', 's', None),
    ('Profile-polluted (same call sites after heap, native, mapped memory and 11 formats)', 'toBytes() C (µs)', 'ExportBench.toBytesCPolluted', 'ExportBench.segmentToArray', 'b', MiB4),
    ('Profile-polluted (same call sites after heap, native, mapped memory and 11 formats)', 'toBytes() strided (µs)', 'ExportBench.toBytesStridedPolluted', 'ExportBench.toBytesStridedRawPolluted', 's', None),
    ('Profile-polluted (same call sites after heap, native, mapped memory and 11 formats)', 'hex() (µs)', 'ExportBench.hexPolluted', 'ExportBench.hexRawPolluted', 'b', 1 << 20),
    ('Profile-polluted (same call sites after heap, native, mapped memory and 11 formats)', 'equals same format (µs)', 'CompareBench.equalsSameFormatPolluted', 'CompareBench.equalsRaw', 'b', MiB4),
    ('Profile-polluted (same call sites after heap, native, mapped memory and 11 formats)', 'equals strided (µs)', 'CompareBench.equalsStridedPolluted', 'CompareBench.equalsStridedRawPolluted', 's', None),
    ('Profile-polluted (same call sites after heap, native, mapped memory and 11 formats)', 'hashCode (µs)', 'CompareBench.hashCodePolluted', 'CompareBench.hashCodeRawPolluted', 'c', None),
    ('Profile-polluted (same call sites after heap, native, mapped memory and 11 formats)', 'count (µs)', 'CompareBench.countPolluted', 'CompareBench.countRawPolluted', 'c', None),
    ('Profile-polluted (same call sites after heap, native, mapped memory and 11 formats)', 'slice (ns)', 'ViewCreationBench.slicePolluted', 'ViewCreationBench.sliceRawPolluted', 'c', None),
    ('Profile-polluted (same call sites after heap, native, mapped memory and 11 formats)', 'cast (ns)', 'ViewCreationBench.castPolluted', 'ViewCreationBench.castRaw', 'c', None),
    ('Profile-polluted (same call sites after heap, native, mapped memory and 11 formats)', 'unpackFrom (ns)', 'StructBench.unpackFromPolluted', 'StructBench.unpackFromRawPolluted', 'c', None),
    ('Profile-polluted (same call sites after heap, native, mapped memory and 11 formats)', 'pack (ns)', 'StructBench.packPolluted', 'StructBench.packRaw', 'c', None),
    ('Profile-polluted (same call sites after heap, native, mapped memory and 11 formats)', 'map 1 GiB (µs)', 'MapBench.open1GiBPolluted', 'MapBench.open1GiBRaw', 'c', None),
]

# NumPy must be beaten on these (the targets); CPython on every row it has.
NUMPY_TARGETS = {'ExportBench.toBytesC', 'ExportBench.toBytesStrided', 'CompareBench.equalsSameFormat',
                 'CompareBench.equalsCrossFormat', 'CompareBench.equalsStrided', 'CompareBench.equalsDouble',
                 'ExportBench.toList', 'ExportBench.toList2d'}

# Why a target is missed and what would close it: hand-written from profiles of this code (see the section text).
EXPLAIN = {}
try:
    from report_notes import EXPLAIN  # noqa: F401  (bench/report_notes.py, next to this file)
except ImportError:
    pass

UNIT_NS = {'ns/op': 1.0, 'us/op': 1e3, 'ms/op': 1e6, 's/op': 1e9}


def load(path):
    if not os.path.exists(path):
        return None
    with open(path) as f:
        return json.load(f)


def jmh_results(data):
    out = {}
    for b in data:
        name = b['benchmark'].replace('io.memview.bench.', '')
        m = b['primaryMetric']
        scale = UNIT_NS[m['scoreUnit']]
        forks = [[x * scale for x in fork] for fork in m['rawData']]
        samples = sorted(x for fork in forks for x in fork)
        fork_medians = [statistics.median(f) for f in forks if f]
        med = statistics.median(samples)
        q = quartiles(samples)
        out[name] = {'median': med, 'q1': q[0], 'q3': q[1], 'min': samples[0], 'max': samples[-1],
                     'forks': fork_medians, 'n': len(samples)}
    return out


def quartiles(xs):
    if len(xs) < 4:
        return xs[0], xs[-1]
    q = statistics.quantiles(xs, n=4)
    return q[0], q[2]


def fmt_time(ns):
    if ns is None:
        return '—'
    if ns < 1e3:
        return f'{ns:.1f} ns'
    if ns < 1e6:
        return f'{ns / 1e3:.1f} µs'
    if ns < 1e9:
        return f'{ns / 1e6:.2f} ms'
    return f'{ns / 1e9:.2f} s'


def spread(r):
    """Half the interquartile range of all samples, and the spread of the fork medians, as % of the median."""
    iqr = (r['q3'] - r['q1']) / 2 / r['median'] * 100
    if len(r['forks']) > 1:
        fk = (max(r['forks']) - min(r['forks'])) / r['median'] * 100
        return f'±{iqr:.0f}% (forks {fk:.0f}%)'
    return f'±{iqr:.0f}%'


def ratio(a, b):
    if a is None or b is None or b == 0:
        return None
    return a / b


def fmt_ratio(x):
    return '—' if x is None else f'{x:.2f}×'


def main():
    res_dir, out_path = sys.argv[1], sys.argv[2]
    jmh = jmh_results(load(os.path.join(res_dir, 'jmh.json')) or [])
    cpy = load(os.path.join(res_dir, 'cpython.json'))
    npy = load(os.path.join(res_dir, 'numpy.json'))
    machine = load(os.path.join(res_dir, 'machine.json')) or {}
    loads = []
    lp = os.path.join(res_dir, 'load.txt')
    if os.path.exists(lp):
        with open(lp) as f:
            for line in f:
                parts = line.split()
                if len(parts) >= 4:
                    loads.append((parts[0], float(parts[1])))

    def py(d, key):
        if not d or key not in d['results']:
            return None
        return d['results'][key]['best'] * 1e9

    copy_bw = None
    if 'ExportBench.segmentCopy' in jmh:
        copy_bw = MiB4 / jmh['ExportBench.segmentCopy']['median']  # bytes per ns = GB/s

    lines = []
    w = lines.append
    w('# Performance')
    w('')
    w('Generated by `bench/run` (`bench/report.py`) from one run; do not edit by hand — rerun `bench/run` instead. '
      'Every number below comes from that run: JMH for memview and its hand-written raw baseline (the same class, '
      'the same data, the same forks), `tools/cpython/bench_cpython.py` for CPython and NumPy.')
    w('')
    w('## How to read it')
    w('')
    w('- **memview** and **raw**: JMH average time per operation, the median of all measured iterations of all '
      'forks. **spread**: half the interquartile range of those iterations, and how far apart the forks\' medians '
      'are, both in % of the median. A spread of more than a few % means the machine was busy (see the load below).')
    w('- **raw** is the same work written by hand against `MemorySegment`/`byte[]` — what memview promises to match. '
      '**×raw** = memview / raw (lower is better; 1.00× is parity).')
    w('- **CPython** (3.13 `memoryview`/`struct`) and **NumPy**: `timeit`, best of 5 runs (2 with `--quick`) of '
      'as many calls as fill 0.2 s. **×CPy** and **×NumPy** = memview / theirs: below 1 means memview is faster. '
      'Python loops (item access) include the interpreter\'s loop, as a Python program pays it.')
    w('- **target**: ✅ met, ❌ missed: within 1.2× of raw for contiguous operations and 1-D typed loops, 1.3× '
      'for strided and N-d; bulk copy, compare and hex at ≥ 80% of the `MemorySegment.copy` bandwidth of this run '
      '(**GB/s** column, bytes of the view per second); ahead of CPython everywhere and of NumPy on `tobytes`, `==` '
      'and `tolist`.')
    w('')
    w('## Machine and run')
    w('')
    w(f'- CPU: {machine.get("cpu", "?")}, {machine.get("cores", "?")} cores; memory '
      f'{int(machine.get("memory_kb", 0)) // 1024 // 1024} GiB; {machine.get("kernel", "?")}')
    w(f'- Java: {machine.get("java", "?")}; JMH options: `{machine.get("jmh_options", "?")}` '
      f'(mode {machine.get("mode", "?")})')
    if cpy:
        w(f'- CPython {cpy["python"]}' + (f'; NumPy: {npy["implementation"]} on CPython {npy["python"]}' if npy else '; NumPy: not found'))
    else:
        w('- CPython: not found (no CPython columns)')
    w(f'- Run: {machine.get("started", "?")} to {machine.get("finished", "?")}')
    if loads:
        vals = [v for _, v in loads]
        w(f'- Load average (1 min) sampled every 10 s during the run: min {min(vals):.2f}, median '
          f'{statistics.median(vals):.2f}, max {max(vals):.2f} on {machine.get("cores", "?")} cores. '
          + ('The machine was shared: treat differences under ~15% as noise.'
             if statistics.median(vals) > 0.5 * float(machine.get('cores', 2) or 2) else
             'The machine was fairly quiet.'))
    if copy_bw:
        w(f'- `MemorySegment.copy` bandwidth in this run: **{copy_bw:.1f} GB/s** (4 MiB native to native; in cache '
          f'on most machines). 80% of it: {0.8 * copy_bw:.1f} GB/s.')
    w('')

    missed = []
    section = None
    for sec, label, mv, raw, target, nbytes in ROWS:
        if sec != section:
            if section is not None:
                w('')
            section = sec
            w(f'## {sec}')
            w('')
            w('| operation | memview | spread | raw | ×raw | GB/s | CPython | ×CPy | NumPy | ×NumPy | target |')
            w('| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |')
        r = jmh.get(mv)
        rr = jmh.get(raw) if raw else None
        t = r['median'] if r else None
        tr = rr['median'] if rr else None
        key = mv.replace('Polluted', '')
        c = py(cpy, key)
        n = py(npy, key)
        xr, xc, xn = ratio(t, tr), ratio(t, c), ratio(t, n)
        bw = nbytes / t if (nbytes and t) else None
        verdicts = []
        if target and xr is not None:
            limit = 1.3 if target == 's' else 1.2
            if xr > limit:
                verdicts.append(f'❌ {xr:.2f}× raw > {limit}×')
        if target == 'b' and bw is not None and copy_bw:
            if bw < 0.8 * copy_bw:
                verdicts.append(f'❌ {bw / copy_bw * 100:.0f}% of copy bandwidth')
        if target and xc is not None and xc >= 1 and 'Polluted' not in mv:
            verdicts.append(f'❌ {xc:.2f}× CPython')
        if target and mv in NUMPY_TARGETS and xn is not None and xn >= 1:
            verdicts.append(f'❌ {xn:.2f}× NumPy')
        if r is None:
            verdicts = ['not measured']
        verdict = '; '.join(verdicts) if verdicts else ('✅' if target else 'reference')
        if verdicts and r is not None:
            missed.append((label, mv, verdict))
        note = ''
        if cpy and key in cpy.get('notes', {}) and c is not None:
            note = f' <sup>[{cpy["notes"][key]}]</sup>'
        w(f'| {label} | {fmt_time(t)} | {spread(r) if r else "—"} | {fmt_time(tr) if raw else "—"} | {fmt_ratio(xr)} | '
          f'{f"{bw:.1f}" if bw else ""} | {fmt_time(c)}{note} | {fmt_ratio(xc)} | {fmt_time(n)} | {fmt_ratio(xn)} | '
          f'{verdict} |')
        section = sec
    w('')
    met = sum(1 for r in ROWS if r[4] and r[2] in jmh) - len([m for m in missed])
    w(f'**{met} of {sum(1 for r in ROWS if r[4] and r[2] in jmh)} rows meet every target that applies to them; '
      f'{len(missed)} miss at least one** (analysed below).')
    w('')
    w('`—`: the implementation has no such operation (CPython\'s memoryview has no transpose, no N-d slicing, no '
      'record items, no F-contiguous views to export in order \'A\'; NumPy has no `hex` or `struct`).')
    w('')
    w('## Missed targets: why, and what would close them')
    w('')
    if not missed:
        w('None in this run.')
    # rows that share one analysis (e.g. every view creation) get it once, under one heading listing them all
    groups = {}
    for label, mv, verdict in missed:
        text = EXPLAIN.get(mv, EXPLAIN.get(mv.replace('Polluted', ''), 'Not analysed yet.'))
        groups.setdefault(text, []).append((label, mv, verdict))
    for text, rows in groups.items():
        if len(rows) == 1:
            label, mv, verdict = rows[0]
            w(f'### {label} (`{mv}`): {verdict}')
        else:
            w('### ' + '; '.join(label for label, _, _ in rows))
            w('')
            for label, mv, verdict in rows:
                w(f'- {label} (`{mv}`): {verdict}')
        w('')
        w(text)
        w('')
    extra = EXPLAIN.get('_engine')
    if extra:
        w('## What was changed in the engine')
        w('')
        w(extra)
        w('')
    command = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'command.md')
    if os.path.exists(command):  # the command's measurements (not JMH): kept by hand in bench/command.md
        with open(command) as f:
            lines.append(f.read().split('\n', 1)[1].rstrip())
    with open(out_path, 'w') as f:
        f.write('\n'.join(lines).rstrip() + '\n')


if __name__ == '__main__':
    main()
