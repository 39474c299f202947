#!/usr/bin/env python3
"""Times the operations of memview's JMH suite (bench/) in CPython and NumPy, on the same data.

    bench_cpython.py --out cpython.json [--quick]            # CPython's memoryview and struct (run with 3.13)
    bench_cpython.py --out numpy.json --numpy [--quick]      # NumPy (run with a CPython that has it, e.g. 3.11)

Each operation is timed with timeit: the number of calls per run from Timer.autorange (at least 0.2 s, 0.05 s with
--quick), then the best and the median of several runs (5, 2 with --quick), in seconds per call. The keys are the
names of the memview benchmarks (ItemAccessBench.getLong1d, ...), so that docs/PERFORMANCE.md can put the numbers side
by side. A key is missing when the interpreter has no such operation (CPython's memoryview has no transpose, no 2-D
slicing, no record items): the table then says so. The data are the benchmarks' own: N = 2**20 items of 'i' holding
i * 7 % 1000, a 1024 x 1024 grid of them, 'd' items i * 0.5, 65536 records '<iid'.
"""
import argparse
import json
import os
import platform
import statistics
import struct
import sys
import tempfile
import timeit
from array import array

N = 1 << 20
SIDE = 1 << 10
HEX_BYTES = 1 << 20
RECORDS = 1 << 16


def ints(n):
    return array('i', [(i * 7) % 1000 for i in range(n)])


def loop_get(m):
    """The item loops, the same for a memoryview and a NumPy array (as a Python program writes them)."""
    s = 0
    for i in range(len(m)):
        s += m[i]
    return s


def loop_set(m):
    for i in range(len(m)):
        m[i] = i & 1023


def loop_get2(m):
    s = 0
    for i in range(SIDE):
        for j in range(SIDE):
            s += m[i, j]
    return s


def loop_set2(m):
    for i in range(SIDE):
        for j in range(SIDE):
            m[i, j] = j & 1023


def cpython_cases(tmp):
    import ctypes
    import mmap
    a = ints(N)
    b = ints(N)
    a[N - 1] = b[N - 1] = 123456
    wide = ints(2 * N)
    wide2 = bytearray(wide.tobytes())
    mv = memoryview(a)
    mvb_ = memoryview(b)
    mvq = memoryview(array('q', a))
    mvd = memoryview(array('d', [i * 0.5 for i in range(N)]))
    mvd2 = memoryview(array('d', [i * 0.5 for i in range(N)]))
    strided = memoryview(wide)[::2]
    strided2 = memoryview(wide2).cast('i')[::2]
    grid = memoryview(ints(N)).cast('B').cast('i', (SIDE, SIDE))
    mv_set = memoryview(ints(N))  # the write loops get arrays of their own
    grid_set = memoryview(ints(N)).cast('B').cast('i', (SIDE, SIDE))
    ba = bytearray(1 << 16)
    byts = bytes(1 << 16)
    intarr = array('i', bytes(1 << 16))
    cbuf = (ctypes.c_char * (1 << 16))()
    small = memoryview(bytearray(1 << 16))
    small_i = small.cast('i')
    small_grid = small.cast('i', (128, 128))
    hexview = memoryview(a).cast('B')[:HEX_BYTES]
    hexstrided = memoryview(wide).cast('B')[:2 * HEX_BYTES:2]
    ro = bytes(a.tobytes())
    src = memoryview(bytearray(a.tobytes()))
    dst = memoryview(bytearray(4 * N))
    sink = open(os.devnull, 'wb', buffering=0)
    st = struct.Struct('<iid')
    recbuf = bytearray(RECORDS * 16)
    for i in range(RECORDS):
        st.pack_into(recbuf, i * 16, i, -i, i * 0.25)
    npy = os.path.join(tmp, 'big.bin')
    with open(npy, 'wb') as f:
        f.truncate((1 << 30) + 128)

    def iter_sum():
        s = 0
        for t in st.iter_unpack(recbuf):
            s += t[0]
        return s

    iif = struct.Struct('<iif')
    iifbuf = b''.join(iif.pack(i, -i, i * 0.5) for i in range(1 << 20))

    def iif_iter():
        s = 0.0
        for t in iif.iter_unpack(iifbuf):
            s += t[0] + t[1] + t[2]
        return s

    def record_get():
        s = 0
        for i in range(RECORDS):
            s += st.unpack_from(recbuf, i * 16)[0]
        return s

    def open_map():
        with open(npy, 'rb') as f:
            mm = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
            with memoryview(mm) as m, m[128:] as data, data.cast('d') as d:
                x = d[1000]
            mm.close()
        return x

    def write_strided():
        sink.write(strided.tobytes())

    def copy():
        dst[:] = src

    return {
        'ViewCreationBench.ofByteArray': lambda: memoryview(ba),
        'ViewCreationBench.ofIntArray': lambda: memoryview(intarr),
        'ViewCreationBench.ofBytes': lambda: memoryview(byts),
        'ViewCreationBench.ofNativeSegment': lambda: memoryview(cbuf),
        'ViewCreationBench.slice': lambda: small_i[1:-1],
        'ViewCreationBench.cast': lambda: small.cast('i'),
        'ViewCreationBench.castShape': lambda: small.cast('i', (128, 128)),
        'ItemAccessBench.getLong1d': lambda: loop_get(mv),
        'ItemAccessBench.getObject1d': lambda: loop_get(mv),
        'ItemAccessBench.getDouble1d': lambda: loop_get(mvd),
        'ItemAccessBench.setLong1d': lambda: loop_set(mv_set),
        'ItemAccessBench.setObject1d': lambda: loop_set(mv_set),
        'ItemAccessBench.getLongStrided': lambda: loop_get(strided),
        'ItemAccessBench.getLong2d': lambda: loop_get2(grid),
        'ItemAccessBench.setLong2d': lambda: loop_set2(grid_set),
        'ExportBench.segmentCopy': copy,
        'ExportBench.toBytesC': lambda: mv.tobytes(),
        'ExportBench.toBytesF': lambda: grid.tobytes('F'),
        'ExportBench.toBytesStrided': lambda: strided.tobytes(),
        'ExportBench.hex': lambda: hexview.hex(),
        'ExportBench.hexStrided': lambda: hexstrided.hex(),
        'ExportBench.toList': lambda: mv.tolist(),
        'ExportBench.toList2d': lambda: grid.tolist(),
        'ExportBench.writeTo': lambda: sink.write(mv),
        'ExportBench.writeToStrided': write_strided,
        'CompareBench.equalsSameFormat': lambda: mv == mvb_,
        'CompareBench.equalsStrided': lambda: strided == strided2,
        'CompareBench.equalsCrossFormat': lambda: mv == mvq,
        'CompareBench.equalsDouble': lambda: mvd == mvd2,
        'CompareBench.hashCodeView': lambda: hash(memoryview(ro)),
        'CompareBench.count': lambda: mv.tolist().count(7),
        'CompareBench.index': lambda: mv.tolist().index(123456),
        'StructBench.pack': lambda: st.pack(12345, -7, 2.5),
        'StructBench.unpackFrom': lambda: st.unpack_from(recbuf, 1600),
        'StructBench.iterUnpack': iter_sum,
        'StructBench.recordGet': record_get,
        'StructBench.recordToList': lambda: list(st.iter_unpack(recbuf)),
        'StructBench.iifRecordView': iif_iter,
        'MapBench.open1GiB': open_map,
    }


NOTES_CPYTHON = {
    'ViewCreationBench.ofNativeSegment': 'memoryview of a ctypes array',
    'CompareBench.hashCodeView': "hash(memoryview(bytes)): CPython hashes only read-only 'B' views",
    'CompareBench.count': 'no memoryview.count before 3.14: mv.tolist().count(x)',
    'CompareBench.index': 'no memoryview.index before 3.14: mv.tolist().index(x)',
    'StructBench.recordGet': 'no record items: struct.unpack_from per record',
    'StructBench.recordToList': 'list(struct.iter_unpack(buf))',
    'StructBench.iifRecordView': "struct.iter_unpack('<iif'), summing the fields",
    'MapBench.open1GiB': 'mmap + memoryview slice + cast',
    'ExportBench.writeToStrided': 'file.write(mv[::2].tobytes())',
    'ExportBench.segmentCopy': 'dst[:] = src (memoryview slice assignment)',
}


def numpy_cases(tmp):
    import numpy as np
    a = np.frombuffer(ints(N).tobytes(), dtype=np.int32).copy()
    b = a.copy()
    a[N - 1] = b[N - 1] = 123456
    wide = np.frombuffer(ints(2 * N).tobytes(), dtype=np.int32).copy()
    wide2 = wide.copy()
    aq = a.astype(np.int64)
    ad = np.arange(N, dtype=np.float64) * 0.5
    ad2 = ad.copy()
    strided = wide[::2]
    strided2 = wide2[::2]
    grid = np.frombuffer(ints(N).tobytes(), dtype=np.int32).copy().reshape(SIDE, SIDE)
    fgrid = grid.T
    a_set = a.copy()  # the write loops get arrays of their own
    grid_set = grid.copy()
    ba = bytearray(1 << 16)
    byts = bytes(1 << 16)
    intarr = array('i', bytes(1 << 16))
    small = np.zeros(1 << 16, dtype=np.uint8)
    small_i = small.view(np.int32)
    small_grid = small_i.reshape(128, 128)
    dst = np.empty_like(a)
    sink = open(os.devnull, 'wb', buffering=0)
    rec = np.zeros(RECORDS, dtype=[('a', '<i4'), ('b', '<i4'), ('c', '<f8')])
    rec['a'] = np.arange(RECORDS)
    rec['b'] = -np.arange(RECORDS)
    rec['c'] = np.arange(RECORDS) * 0.25
    npy = os.path.join(tmp, 'big.npy')
    big = np.lib.format.open_memmap(npy, mode='w+', dtype=np.float64, shape=((1 << 30) // 8,))
    del big

    def record_get():
        s = 0
        for i in range(RECORDS):
            s += rec[i][0]
        return s

    def open_npy():
        m = np.load(npy, mmap_mode='r')
        x = m[1000]
        del m
        return x

    return {
        'ViewCreationBench.ofByteArray': lambda: np.frombuffer(ba, dtype=np.uint8),
        'ViewCreationBench.ofIntArray': lambda: np.frombuffer(intarr, dtype=np.int32),
        'ViewCreationBench.ofBytes': lambda: np.frombuffer(byts, dtype=np.uint8),
        'ViewCreationBench.slice': lambda: small_i[1:-1],
        'ViewCreationBench.cast': lambda: small.view(np.int32),
        'ViewCreationBench.castShape': lambda: small.view(np.int32).reshape(128, 128),
        'ViewCreationBench.select': lambda: small_grid[1:-1, ::2],
        'ViewCreationBench.transpose': lambda: small_grid.T,
        'ItemAccessBench.getLong1d': lambda: loop_get(a),
        'ItemAccessBench.getObject1d': lambda: loop_get(a),
        'ItemAccessBench.getDouble1d': lambda: loop_get(ad),
        'ItemAccessBench.setLong1d': lambda: loop_set(a_set),
        'ItemAccessBench.setObject1d': lambda: loop_set(a_set),
        'ItemAccessBench.getLongStrided': lambda: loop_get(strided),
        'ItemAccessBench.getLong2d': lambda: loop_get2(grid),
        'ItemAccessBench.getLongTransposed': lambda: loop_get2(fgrid),
        'ItemAccessBench.setLong2d': lambda: loop_set2(grid_set),
        'ExportBench.segmentCopy': lambda: np.copyto(dst, a),
        'ExportBench.toBytesC': lambda: a.tobytes(),
        'ExportBench.toBytesF': lambda: grid.tobytes('F'),
        'ExportBench.toBytesA': lambda: fgrid.tobytes('A'),
        'ExportBench.toBytesStrided': lambda: strided.tobytes(),
        'ExportBench.toList': lambda: a.tolist(),
        'ExportBench.toList2d': lambda: grid.tolist(),
        'ExportBench.writeTo': lambda: sink.write(a),
        'ExportBench.writeToStrided': lambda: strided.tofile(sink),
        'CompareBench.equalsSameFormat': lambda: np.array_equal(a, b),
        'CompareBench.equalsStrided': lambda: np.array_equal(strided, strided2),
        'CompareBench.equalsCrossFormat': lambda: np.array_equal(a, aq),
        'CompareBench.equalsDouble': lambda: np.array_equal(ad, ad2),
        'CompareBench.count': lambda: np.count_nonzero(a == 7),
        'CompareBench.index': lambda: int(np.argmax(a == 123456)),
        'StructBench.recordGet': record_get,
        'StructBench.recordToList': lambda: rec.tolist(),
        'MapBench.open1GiB': open_npy,
    }


NOTES_NUMPY = {
    'CompareBench.equalsSameFormat': 'np.array_equal',
    'CompareBench.count': 'np.count_nonzero(a == x)',
    'CompareBench.index': 'np.argmax(a == x)',
    'StructBench.recordGet': "structured array, rec[i][0]",
    'StructBench.recordToList': 'structured array .tolist()',
    'MapBench.open1GiB': 'np.load(mmap_mode="r") of a real 1 GiB .npy',
    'ExportBench.writeToStrided': 'a[::2].tofile(f)',
    'ExportBench.segmentCopy': 'np.copyto',
}


def measure(fn, quick):
    t = timeit.Timer(fn)
    target = 0.05 if quick else 0.2
    number = 1
    while True:
        took = t.timeit(number)
        if took >= target:
            break
        number = max(number * 2, int(number * target / max(took, 1e-9) * 1.1))
    runs = [x / number for x in t.repeat(repeat=2 if quick else 5, number=number)]
    return {'best': min(runs), 'median': statistics.median(runs), 'runs': runs, 'number': number}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--out', required=True)
    ap.add_argument('--numpy', action='store_true')
    ap.add_argument('--quick', action='store_true')
    ap.add_argument('--only', help='substring of the keys to run')
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        if args.numpy:
            import numpy
            cases, notes, what = numpy_cases(tmp), NOTES_NUMPY, 'numpy ' + numpy.__version__
        else:
            cases, notes, what = cpython_cases(tmp), NOTES_CPYTHON, 'cpython'
        results = {}
        for key, fn in cases.items():
            if args.only and args.only not in key:
                continue
            results[key] = measure(fn, args.quick)
            r = results[key]
            print(f'{key:45s} {r["best"] * 1e6:12.3f} us', file=sys.stderr)
    out = {'implementation': what, 'python': platform.python_version(), 'quick': args.quick,
           'results': results, 'notes': notes}
    with open(args.out, 'w') as f:
        json.dump(out, f, indent=1, sort_keys=True)


if __name__ == '__main__':
    main()
