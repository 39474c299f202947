#!/usr/bin/env python3
"""Golden vectors for io.memview.MemoryView, recorded from CPython's memoryview over _testbuffer.ndarray.

Run with CPython 3.13 (it needs the _testbuffer module, which the test suite ships):

    ~/.pyenv/versions/3.13.0/bin/python tools/cpython/gen_memoryview.py \
        core/src/test/resources/golden/memoryview.json.gz

The output is deterministic (seeded). MemoryViewGoldenTest replays it without Python.

Layout of the file (values use the PyValues encoding: ints {"i": "12"}, floats {"f": "<ieee bits hex>"},
bytes {"b": "<hex>"}, str, bool, null, lists):

  {"python": "...", "arrays": [ARRAY, ...], "cases": [CASE, ...]}

  ARRAY = {"items": [...], "shape": [...], "strides": [...] | null, "offset": n, "format": "...", "flags": n}
          the arguments of _testbuffer.ndarray(items, shape=, strides=, offset=, format=, flags=)
  CASE  = {"cat": category, "a": array index, "view": [STEP, ...], ...op fields..., "x": EXPECTED}
  STEP  = ["slice", start, stop, step] (null = omitted) | ["cast", fmt] | ["cast", fmt, shape] | ["ro"]
          applied in order to memoryview(ndarray) before the operation
  EXPECTED = {"ok": result} | {"err": [python exception type, message]}
          and, where CPython raises NotImplementedError (or refuses a cast's destination format) and memview goes
          beyond CPython, "beyond": the NumPy-like result memview is expected to give instead.

count/index do not exist in CPython 3.13: the generator computes them with 3.14's algorithm
(Objects/memoryobject.c, memoryview_count_impl / memoryview_index_impl) from 3.13's iter()/item access, which 3.14
uses itself; errors follow 3.14 (released -> ValueError, 0-dim -> TypeError, N-d -> NotImplementedError).
"""

import gzip
import json
import math
import random
import struct
import sys

from _testbuffer import (ndarray, ND_WRITABLE, ND_FORTRAN, ND_PIL, PyBUF_SIMPLE, PyBUF_WRITABLE, PyBUF_FORMAT,
                         PyBUF_ND, PyBUF_STRIDES, PyBUF_C_CONTIGUOUS, PyBUF_F_CONTIGUOUS, PyBUF_ANY_CONTIGUOUS,
                         PyBUF_INDIRECT, PyBUF_FULL, PyBUF_FULL_RO, PyBUF_RECORDS, PyBUF_RECORDS_RO,
                         PyBUF_STRIDED, PyBUF_STRIDED_RO, PyBUF_CONTIG, PyBUF_CONTIG_RO)

NATIVE = 'cbBhHiIlLqQnNfde?P'
NON_NATIVE = ['<i', '>h', '=q', '<d', '>f', '!H', '<b', '=B']
RANGES = {
    'b': (-128, 127), 'B': (0, 255), 'h': (-2**15, 2**15 - 1), 'H': (0, 2**16 - 1),
    'i': (-2**31, 2**31 - 1), 'I': (0, 2**32 - 1), 'l': (-2**63, 2**63 - 1), 'L': (0, 2**64 - 1),
    'q': (-2**63, 2**63 - 1), 'Q': (0, 2**64 - 1), 'n': (-2**63, 2**63 - 1), 'N': (0, 2**64 - 1),
    'P': (0, 2**64 - 1),
}
GETBUF_FLAGS = [PyBUF_SIMPLE, PyBUF_WRITABLE, PyBUF_FORMAT, PyBUF_ND, PyBUF_STRIDES, PyBUF_C_CONTIGUOUS,
                PyBUF_F_CONTIGUOUS, PyBUF_ANY_CONTIGUOUS, PyBUF_INDIRECT, PyBUF_FULL, PyBUF_FULL_RO, PyBUF_RECORDS,
                PyBUF_RECORDS_RO, PyBUF_STRIDED, PyBUF_STRIDED_RO, PyBUF_CONTIG, PyBUF_CONTIG_RO,
                PyBUF_SIMPLE | PyBUF_FORMAT, PyBUF_WRITABLE | PyBUF_FORMAT, PyBUF_ND | PyBUF_FORMAT,
                PyBUF_C_CONTIGUOUS | PyBUF_FORMAT, PyBUF_F_CONTIGUOUS | PyBUF_FORMAT | PyBUF_WRITABLE,
                PyBUF_INDIRECT | PyBUF_C_CONTIGUOUS, PyBUF_INDIRECT | PyBUF_ANY_CONTIGUOUS]

R = random.Random(20261202)


def enc(v):
    if v is None or isinstance(v, (bool, str)):
        return v
    if isinstance(v, int):
        return {"i": str(v)}
    if isinstance(v, float):
        return {"f": struct.pack('>d', v).hex()}
    if isinstance(v, (bytes, bytearray)):
        return {"b": bytes(v).hex()}
    if isinstance(v, (list, tuple)):
        return [enc(x) for x in v]
    raise TypeError(type(v))


def err(e):
    name = type(e).__name__
    if isinstance(e, struct.error):
        name = 'struct.error'
    return {"err": [name, str(e)]}


def run(f):
    try:
        return {"ok": f()}
    except Exception as e:  # noqa: BLE001 - every exception is recorded
        return err(e)


def code_of(fmt):
    return fmt[1:] if fmt.startswith('@') else fmt


# ------------------------------------------------------------------------------------------------ values

def rand_value(fmt):
    c = code_of(fmt)
    if len(c) > 1:  # a non-native format like '<i'
        c = c[-1]
    if c in RANGES:
        lo, hi = RANGES[c]
        k = R.random()
        if k < 0.15:
            return R.choice([lo, hi, 0, 1])
        if k < 0.5:
            return R.randint(max(lo, -100), min(hi, 100))
        return R.randint(lo, hi)
    if c in 'fd':
        k = R.random()
        if k < 0.05:
            return float('nan')
        if k < 0.1:
            return R.choice([float('inf'), float('-inf'), -0.0, 0.0])
        if k < 0.5:
            return float(R.randint(-100, 100))
        v = R.uniform(-1e6, 1e6)
        return struct.unpack('f', struct.pack('f', v))[0] if c == 'f' else v
    if c == 'e':
        k = R.random()
        if k < 0.05:
            return float('nan')
        if k < 0.1:
            return R.choice([float('inf'), -0.0, 65504.0])
        return struct.unpack('e', struct.pack('e', R.uniform(-1000, 1000)))[0]
    if c == '?':
        return R.random() < 0.5
    if c == 'c':
        return bytes([R.randint(0, 255)])
    raise ValueError(fmt)


def bad_values(fmt):
    """Values that a memoryview item assignment refuses, or accepts surprisingly (for '?')."""
    c = code_of(fmt)
    out = []
    if c in RANGES:
        lo, hi = RANGES[c]
        out += [hi + 1, lo - 1, 2**64, -2**63 - 1, 1.5, 'a', None, b'x', [1]]
    elif c in 'fde':
        out += ['a', None, b'x', 2**1024, 1e39, 3.4028235677973366e+38, 1e-50, True]
        if c == 'e':
            out += [65520.0, 65519.99, 1e-8]
    elif c == '?':
        out += [0, 5, 2.5, 0.0, 'a', '', None, b'', b'x', [], [0]]
    elif c == 'c':
        out += [b'', b'ab', 97, 'a', None, [b'a']]
    return out


# ------------------------------------------------------------------------------------------------ arrays

def layout(shape, isz, kind):
    """(strides or None, offset, nitems) for a layout kind: 'C', 'F' (flags) or 'R' random strides."""
    ndim = len(shape)
    if kind in ('C', 'F') or ndim == 0:
        n = 1
        for s in shape:
            n *= s
        return None, 0, max(n, 1)
    strides = [0] * ndim
    span = 1
    order = list(range(ndim))
    if R.random() < 0.5:
        order.reverse()
    for d in reversed(order):
        gap = R.choice([0, 0, 1, 2])
        strides[d] = span + gap
        span = strides[d] * max(1, shape[d])
    for d in range(ndim):
        if R.random() < 0.35:
            strides[d] = -strides[d]
        if R.random() < 0.04:
            strides[d] = 0
    imin = imax = 0
    for d in range(ndim):
        if shape[d] == 0:
            continue
        x = (shape[d] - 1) * strides[d]
        if x < 0:
            imin += x
        else:
            imax += x
    offset = -imin + R.choice([0, 0, 1, 2])
    nitems = offset + imax + 1 + R.choice([0, 0, 1, 3])
    return [s * isz for s in strides], offset * isz, nitems


def make_array(fmt=None, shape=None, kind=None, flags=None, values=None):
    if fmt is None:
        if R.random() < 0.06:
            fmt = R.choice(NON_NATIVE)
        else:
            fmt = R.choice(NATIVE)
            if R.random() < 0.3:
                fmt = '@' + fmt
    isz = struct.calcsize(fmt)
    if shape is None:
        ndim = R.choices([0, 1, 2, 3, 4], [8, 40, 30, 18, 4])[0]
        shape = [R.choice([0, 1, 2, 3, 3, 4, 5]) if R.random() < 0.92 else 0 for _ in range(ndim)]
        if ndim == 1 and R.random() < 0.3:
            shape[0] = R.randint(5, 12)
    if kind is None:
        kind = R.choice('CCFRRR')
    if flags is None:
        flags = ND_WRITABLE if R.random() < 0.75 else 0
        if kind == 'F':
            flags |= ND_FORTRAN
        if len(shape) > 0 and R.random() < 0.15:
            flags |= ND_PIL
    strides, offset, nitems = layout(shape, isz, kind)
    items = [rand_value(fmt) for _ in range(nitems)]
    if values is not None:
        # place logical values (nested lists) at their positions
        place(items, values, shape, strides or default_strides(shape, isz, flags & ND_FORTRAN), offset, isz)
    if len(shape) == 0:
        nd = ndarray(items[0], shape=[], format=fmt, flags=flags)
        items = items[:1]
    else:
        nd = ndarray(items, shape=shape, strides=strides or [], offset=offset, format=fmt, flags=flags)
    desc = {"items": enc(items), "shape": shape, "strides": strides, "offset": offset, "format": fmt,
            "flags": flags}
    return nd, desc


def default_strides(shape, isz, fortran):
    ndim = len(shape)
    s = [0] * ndim
    if ndim == 0:
        return s
    if fortran:
        s[0] = isz
        for i in range(1, ndim):
            s[i] = s[i - 1] * shape[i - 1]
    else:
        s[-1] = isz
        for i in range(ndim - 2, -1, -1):
            s[i] = s[i + 1] * shape[i + 1]
    return s


def place(items, values, shape, strides, offset, isz):
    if len(shape) == 0:
        items[offset // isz] = values
        return

    def rec(v, d, pos):
        if d == len(shape):
            items[pos // isz] = v
            return
        for i in range(shape[d]):
            rec(v[i], d + 1, pos + i * strides[d])
    rec(values, 0, offset)


# ------------------------------------------------------------------------------------------------ recording

ARRAYS = []
CASES = []


def add_array(desc):
    ARRAYS.append(desc)
    return len(ARRAYS) - 1


def apply(mv, steps):
    for s in steps:
        if s[0] == 'slice':
            mv = mv[slice(s[1], s[2], s[3])]
        elif s[0] == 'cast':
            mv = mv.cast(s[1]) if len(s) == 2 else mv.cast(s[1], s[2])
        elif s[0] == 'ro':
            mv = mv.toreadonly()
    return mv


def attrs(m):
    d = {"nbytes": m.nbytes, "readonly": m.readonly, "itemsize": m.itemsize, "format": m.format, "ndim": m.ndim,
         "shape": list(m.shape), "strides": list(m.strides), "suboffsets": list(m.suboffsets),
         "c": m.c_contiguous, "f": m.f_contiguous, "contig": m.contiguous}
    d["len"] = run(lambda: len(m))
    return d


def content(m):
    """What a result view holds: its tolist (or the beyond value for formats CPython cannot read) and its bytes."""
    out = {"hex": m.tobytes().hex()}
    try:
        out["list"] = enc(m.tolist())
    except NotImplementedError as e:
        out["listErr"] = ["NotImplementedError", str(e)]
    return out


def nd_tolist(nd, steps):
    """The values of a view through ndarray.tolist (struct-based), for formats memoryview refuses."""
    return enc(ndarray(apply(memoryview(nd), steps), getbuf=PyBUF_FULL_RO).tolist())


def case(cat, a, steps, **kw):
    c = {"cat": cat, "a": a}
    if steps:
        c["view"] = steps
    c.update(kw)
    CASES.append(c)
    return c


def fresh(desc):
    items = decode(desc["items"])
    if desc["shape"] == []:
        return ndarray(items[0], shape=[], format=desc["format"], flags=desc["flags"])
    return ndarray(items, shape=desc["shape"], strides=desc["strides"] or [], offset=desc["offset"],
                   format=desc["format"], flags=desc["flags"])


def decode(v):
    if isinstance(v, list):
        return [decode(x) for x in v]
    if isinstance(v, dict):
        (k, s), = v.items()
        if k == 'i':
            return int(s)
        if k == 'f':
            return struct.unpack('>d', bytes.fromhex(s))[0]
        if k == 'b':
            return bytes.fromhex(s)
    return v


def rand_slice(n):
    def bound():
        k = R.random()
        if k < 0.25:
            return None
        if k < 0.8:
            return R.randint(-n - 2, n + 2)
        return R.choice([-10**6, 10**6, -2**63, 2**63 - 1])
    step = R.choice([None, 1, 1, 2, 3, -1, -1, -2, -3, 5, 0] if R.random() < 0.3 else [None, 1, 2, -1, -2])
    return [bound(), bound(), step]


def sublist(lst, index):
    for i in index:
        lst = lst[i]
    return lst


def gen_array_cases(nd, desc, a, steps):
    if not steps:
        # the ndarray itself, as rebuilt by NdArray: same layout
        case("ndarray", a, [], x={"ok": {"strides": list(nd.strides), "suboffsets": list(nd.suboffsets),
                                         "offset": nd.offset, "shape": list(nd.shape), "readonly": nd.readonly}})
    mv = apply(memoryview(nd), steps)
    fmt = mv.format
    native = len(code_of(fmt)) == 1
    ndim = mv.ndim
    shape = mv.shape
    # attributes
    case("attrs", a, steps, x={"ok": attrs(mv)})
    # obj: every view of the ndarray reports it
    case("obj", a, steps, x=run(lambda: [mv.obj is nd, memoryview(mv).obj is nd]))
    # == against bytes, both ways (bytes.__eq__ gives NotImplemented, so memoryview's answers)
    if R.random() < 0.5:
        raw = mv.tobytes() if R.random() < 0.7 else bytes(R.randint(0, 255) for _ in range(R.randint(0, 4)))
        case("eqbytes", a, steps, data=enc(raw), x=run(lambda: [mv == raw, raw == mv, mv != raw]))
    # tolist
    r = run(lambda: enc(mv.tolist()))
    if "err" in r and not native:
        r["beyond"] = nd_tolist(nd, steps)
    case("tolist", a, steps, x=r)
    # tobytes
    for order in ('C', 'F', 'A') + ((R.choice('cfaX'),) if R.random() < 0.2 else ()):
        case("tobytes", a, steps, order=order, x=run(lambda: mv.tobytes(order).hex()))
    # hex
    case("hex", a, steps, x=run(lambda: mv.hex()))
    for _ in range(3):
        sep = R.choice([':', '-', ' ', '_', '.']) if R.random() < 0.9 else R.choice(['', '::', '\u00e9', '\x7f'])
        bps = R.choice([1, 2, 3, -1, -2, -3, 4, -4, 0, 7, -100])
        if R.random() < 0.3:
            case("hex", a, steps, sep=sep, x=run(lambda: mv.hex(sep)))
        else:
            case("hex", a, steps, sep=sep, bps=bps, x=run(lambda: mv.hex(sep, bps)))
    # item get
    tl = None
    try:
        tl = ndarray(apply(memoryview(nd), steps), getbuf=PyBUF_FULL_RO).tolist()
    except Exception:  # noqa: BLE001
        pass
    for _ in range(6):
        if ndim == 0:
            idx = R.choice([[], [0], [0, 0]])
            key = tuple(idx)
        else:
            k = R.randint(max(0, ndim - 1), ndim + 1) if R.random() < 0.7 else R.randint(0, ndim + 1)
            idx = [R.randint(-s - 1, s) if s > 0 else R.randint(-1, 1) for s in (list(shape) + [3, 3])[:k]]
            key = tuple(idx)
        as_int = len(idx) == 1 and R.random() < 0.5
        r = run(lambda: enc(mv[idx[0] if as_int else key]))
        if "err" in r and r["err"][0] == "NotImplementedError" and tl is not None:
            r["beyond"] = beyond_get(tl, shape, idx)
        case("get", a, steps, index=idx, int=as_int, x=r)
    # item set (each on a fresh array)
    for _ in range(6):
        nd2 = fresh(desc)
        m2 = apply(memoryview(nd2), steps)
        if ndim == 0:
            idx = R.choice([[], [], [0]])
        else:
            k = ndim if R.random() < 0.8 else R.randint(0, ndim + 1)
            idx = [R.randint(-s - 1, s) if s > 0 else 0 for s in (list(shape) + [3, 3])[:k]]
        if not native:
            value = 1
        elif R.random() < 0.55:
            value = rand_value(fmt)
        else:
            value = R.choice(bad_values(fmt))
        def do_set():
            m2[tuple(idx)] = value
            return m2.tobytes().hex()
        r = run(do_set)
        if "err" in r and r["err"][0] == "NotImplementedError":
            r["beyond"] = None  # memview goes further here: only that it does not raise CPython's error
        case("set", a, steps, index=idx, value=enc(value), x=r)
    # slices
    for _ in range(3):
        s = rand_slice(shape[0] if ndim else 3)
        def do_slice():
            v = mv[slice(*s)]
            d = attrs(v)
            d.update(content(v) if native else {"hex": v.tobytes().hex()})
            return d
        case("slice", a, steps, slice=s, x=run(do_slice))
    # slice assignment
    if ndim >= 0:
        for _ in range(2):
            gen_setslice(desc, a, steps, mv)
    # casts
    for _ in range(3):
        gen_cast(a, steps, mv)
    # count / index (3.14 semantics)
    for _ in range(2):
        gen_count_index(a, steps, mv, tl)


def beyond_get(tl, shape, idx):
    """memview's answer where CPython raises NotImplementedError: NumPy's sub-view, or an IndexError."""
    if len(idx) > len(shape):
        return {"err": "TypeError"}
    for d, i in enumerate(idx):
        n = shape[d]
        if not (-n <= i < n):
            return {"err": "IndexError"}
    return {"ok": enc(sublist(tl, [i if i >= 0 else i + shape[d] for d, i in enumerate(idx)]))}


def gen_setslice(desc, a, steps, mv):
    ndim = mv.ndim
    n = mv.shape[0] if ndim else 3
    s = rand_slice(n)
    kind = R.choice(['self', 'self', 'array', 'array', 'bytes']) if R.random() < 0.95 else 'none'
    if kind == 'none':
        # not an exporter: TypeError from PyObject_GetBuffer, before the slice is looked at
        nd2 = fresh(desc)
        m2 = apply(memoryview(nd2), steps)
        s = rand_slice(n)

        def do_none():
            m2[slice(*s)] = None
            return m2.tobytes().hex()
        r = run(do_none)
        if "err" in r and r["err"][0] == "NotImplementedError":
            r["beyond"] = None
        case("setslice", a, steps, slice=s, rvalue={"kind": "none"}, x=r)
        return
    nd2 = fresh(desc)
    m2 = apply(memoryview(nd2), steps)
    try:
        target_len = len(range(*slice(*s).indices(n))) if ndim else 1
    except ValueError:
        target_len = 1
    rv = None
    spec = None
    if kind == 'self' and ndim >= 1:
        s2 = rand_slice(n)
        if R.random() < 0.7:
            # a source slice of the same length, overlapping
            st = R.randint(0, max(0, n - target_len))
            s2 = [st, st + target_len, 1] if R.random() < 0.5 else [st + target_len - 1 if target_len else 0,
                                                                       (st - 1) if st > 0 else None, -1]
        try:
            rv = m2[slice(*s2)]
        except Exception:  # noqa: BLE001
            rv = None
        spec = {"kind": "self", "slice": s2}
    elif kind == 'array' or (kind == 'self' and ndim == 0):
        f2 = mv.format if R.random() < 0.7 else R.choice(NATIVE + 'B')
        if R.random() < 0.2 and len(code_of(f2)) == 1:
            f2 = '@' + code_of(f2) if not f2.startswith('@') else code_of(f2)
        length = target_len if R.random() < 0.8 else max(0, target_len + R.choice([-1, 1]))
        shp = [length] if R.random() < 0.9 else [1, length]
        if length == 0 and R.random() < 0.5:
            shp = [0]
        if shp[-1] == 0 and len(shp) == 1:
            # ndarray needs at least one item: make it with 1 and slice it empty
            ndr, rd = make_array(fmt=f2, shape=[1], kind='C', flags=0)
            b = add_array(rd)
            rv = memoryview(ndr)[0:0]
            spec = {"kind": "array", "a": b, "view": [["slice", 0, 0, None]]}
        else:
            ndr, rd = make_array(fmt=f2, shape=shp, kind=R.choice('CR'), flags=0)
            b = add_array(rd)
            rv = memoryview(ndr)
            spec = {"kind": "array", "a": b}
    else:
        data = bytes(R.randint(0, 255) for _ in range(target_len * mv.itemsize if R.random() < 0.5 else target_len))
        rv = data
        spec = {"kind": "bytes", "data": enc(data)}

    def do():
        m2[slice(*s)] = rv
        return m2.tobytes().hex()
    r = run(do)
    if rv is None:
        return
    if "err" in r and r["err"][0] == "NotImplementedError":
        r["beyond"] = None
    case("setslice", a, steps, slice=s, rvalue=spec, x=r)


CAST_FORMATS = list(NATIVE) + ['@' + c for c in NATIVE] + ['<i', '>h', '=B', '!b', 'ii', '2B', '', '@', 'x', 's',
                                                              '3s', 'p', 'w', 'u', '@@B', 'B ', ' B', 'Z']


def gen_cast(a, steps, mv):
    k = R.random()
    fmt = R.choice(CAST_FORMATS) if k < 0.3 else R.choice('Bbc') if k < 0.6 else R.choice(NATIVE)
    nbytes = mv.nbytes
    if R.random() < 0.4:
        shape = None
    else:
        try:
            isz = struct.calcsize(code_of(fmt)) if fmt and fmt != '@' else 1
        except struct.error:
            isz = 1
        n = nbytes // isz if isz else 0
        choice = R.random()
        if choice < 0.15:
            shape = []
        elif choice < 0.55 and n > 0:
            shape = factor(n)
        elif choice < 0.65:
            shape = [n, 0] if R.random() < 0.5 else [-1, n]
        elif choice < 0.75:
            shape = [2**62, 4]
        elif choice < 0.8:
            shape = [1] * 65
        else:
            shape = [max(1, n + R.choice([-1, 1, 2]))]

    def do():
        v = mv.cast(fmt) if shape is None else mv.cast(fmt, shape)
        d = attrs(v)
        d.update(content(v))
        return d
    r = run(do)
    if "err" in r and r["err"][1].startswith("memoryview: destination format must be"):
        r["beyond"] = None
    c = case("cast", a, steps, format=fmt, x=r)
    if shape is not None:
        c["shape"] = shape


def factor(n):
    out = []
    k = R.randint(1, 3)
    for _ in range(k - 1):
        divs = [d for d in range(1, n + 1) if n % d == 0]
        d = R.choice(divs)
        out.append(d)
        n //= d
    out.append(n)
    return out


def count_314(mv, value):
    it = iter(mv)  # 3.14 iterates: same checks as iter() in 3.13
    c = 0
    for item in it:
        if item is value or item == value:
            c += 1
    return c


def index_314(mv, value, start, stop):
    if mv.ndim == 0:
        raise TypeError("invalid lookup on 0-dim memory")
    if mv.ndim != 1:
        raise NotImplementedError("multi-dimensional lookup is not implemented")
    n = mv.shape[0]
    if start < 0:
        start = max(start + n, 0)
    if stop < 0:
        stop = max(stop + n, 0)
    stop = min(stop, n)
    for i in range(start, stop):
        item = mv[i]
        if item is value or item == value:
            return i
    raise ValueError("memoryview.index(x): x not found")


def gen_count_index(a, steps, mv, tl):
    fmt = mv.format
    if len(code_of(fmt)) != 1:
        return
    if mv.ndim == 1 and mv.shape[0] > 0 and tl is not None and R.random() < 0.7:
        value = R.choice(tl)
        if isinstance(value, (int, float)) and not isinstance(value, bool) and R.random() < 0.3:
            value = float(value) if isinstance(value, int) else value
    else:
        value = rand_value(fmt)
    r = run(lambda: count_314(mv, value))
    if "err" in r and r["err"][0] == "NotImplementedError":
        r["beyond"] = None
    case("count", a, steps, value=enc(value), x=r)
    start = R.choice([0, 0, 1, -1, -3, 2, 10**6, -10**6])
    stop = R.choice([2**63 - 1, 2**63 - 1, 3, -1, 0, -10**6])
    r = run(lambda: index_314(mv, value, start, stop))
    if "err" in r and r["err"][0] == "NotImplementedError":
        r["beyond"] = None
    case("index", a, steps, value=enc(value), start=start, stop=stop, x=r)


# ------------------------------------------------------------------------------------------------ value sweep

SWEEP_VALUES = [0, 1, -1, 127, 128, -128, -129, 255, 256, 2**15 - 1, 2**15, -2**15 - 1, 2**16, 2**31 - 1, 2**31,
                -2**31 - 1, 2**32, 2**63 - 1, 2**63, -2**63, -2**63 - 1, 2**64 - 1, 2**64, 2**1024,
                0.0, -0.0, 0.5, -1.5, 1e39, -1e39, 65504.0, 65519.99, 65520.0, 1e-8, 1e-50, float('inf'),
                float('-inf'), float('nan'), 3.4028235677973366e+38, True, False, None, 'a', '', b'', b'a', b'ab',
                [], [1]]


def gen_value_sweep():
    """Every native format (with and without '@') times every value: memoryview item assignment (section 6.3)."""
    for c in NATIVE:
        for fmt in (c, '@' + c):
            first = rand_value(fmt)
            nd0, desc = make_array(fmt=fmt, shape=[2], kind='C', flags=ND_WRITABLE)
            a = add_array(desc)
            for v in SWEEP_VALUES:
                m = memoryview(fresh(desc))

                def do():
                    m[1] = v
                    return m.tobytes().hex()
                case("set", a, [], index=[1], value=enc(v), x=run(do))


# ------------------------------------------------------------------------------------------------ comparisons

def relayout(values, shape, fmt, kind=None, flags=None):
    nd, desc = make_array(fmt=fmt, shape=shape, kind=kind, flags=flags, values=values)
    return nd, desc


def gen_bool_bytes_compare(n):
    """'?' views of bytes other than 0 and 1: C compares the raw _Bool bytes (reference section 4.11)."""
    for _ in range(n):
        k = R.randint(1, 4)
        vals = [R.choice([0, 1, 2, 255]) for _ in range(k)]
        vals2 = [v if R.random() < 0.6 else R.choice([0, 1, 2]) for v in vals]
        nd1, d1 = make_array(fmt='B', shape=[k], kind='C', flags=0, values=vals)
        nd2, d2 = make_array(fmt='B', shape=[k], kind='C', flags=0, values=vals2)
        a, b = add_array(d1), add_array(d2)
        fa = R.choice(['?', '@?'])
        fb = R.choice(['?', '@?', 'B', 'b'])
        ma = memoryview(nd1).cast(fa)
        mb = memoryview(nd2).cast(fb)
        case("eq", a, [["cast", fa]], other={"a": b, "view": [["cast", fb]]},
             x=run(lambda: [ma == mb, ma != mb, mb == ma]))


def gen_compare(n):
    gen_bool_bytes_compare(200)
    for _ in range(n):
        nd, desc = make_array()
        fmt = desc["format"]
        if len(code_of(fmt)) != 1 and R.random() < 0.5:
            continue
        a = add_array(desc)
        shape = desc["shape"]
        try:
            values = ndarray(memoryview(nd), getbuf=PyBUF_FULL_RO).tolist()
        except Exception:  # noqa: BLE001
            continue
        k = R.random()
        c = code_of(fmt)
        fmt2 = fmt
        if k < 0.35:
            # same values, another layout and maybe an equivalent format
            if c in RANGES or c in 'fde?c':
                fmt2 = R.choice(compatible(c, values))
            nd2, d2 = relayout(values, shape, fmt2)
        elif k < 0.55:
            # one item changed
            nd2, d2 = relayout(perturb(values, fmt), shape, fmt)
        elif k < 0.7:
            # another shape
            shp2 = list(shape)
            if shp2 and R.random() < 0.6:
                shp2[R.randrange(len(shp2))] = R.choice([0, 1, 2, 3])
            else:
                shp2 = shp2 + [1] if R.random() < 0.5 else shp2[:-1]
            nd2, d2 = make_array(fmt=fmt, shape=shp2)
        else:
            # random other array of the same shape
            nd2, d2 = make_array(shape=shape)
        b = add_array(d2)
        steps_a = []
        steps_b = []
        if shape and d2["shape"] and R.random() < 0.2:
            steps_a = steps_b = [["slice", None, None, -1]]
        ma = apply(memoryview(nd), steps_a)
        mb = apply(memoryview(nd2), steps_b)
        r = run(lambda: [ma == mb, ma != mb, mb == ma])
        case("eq", a, steps_a, other={"a": b, "view": steps_b}, x=r)
        # a view against itself (NaN makes CPython say False; memview says True, Java's contract)
        if R.random() < 0.1:
            case("eqself", a, steps_a, x=run(lambda: [ma == ma, ma != ma]))


def compatible(c, values):
    flat = flatten(values)
    out = [c, '@' + c]
    if all(isinstance(v, int) and not isinstance(v, bool) for v in flat):
        for f, (lo, hi) in RANGES.items():
            if f != 'P' and all(lo <= v <= hi for v in flat):
                out.append(f)
        if all(abs(v) < 2**24 for v in flat):
            out += ['d', 'f']
    if all(isinstance(v, bool) for v in flat):
        out += ['B', 'b', 'q', '?', '@?']
    if all(isinstance(v, int) and not isinstance(v, bool) and v in (0, 1) for v in flat):
        out += ['?']
    if all(isinstance(v, int) and not isinstance(v, bool) and abs(v) <= 2048 for v in flat):
        out += ['e']
    if all(isinstance(v, float) for v in flat):
        out += ['d', 'f', '<d', '>d']
        if all(v == int(v) and abs(v) < 100 for v in flat if not math.isnan(v) and not math.isinf(v)):
            pass
    return out


def flatten(v):
    if isinstance(v, list):
        out = []
        for x in v:
            out += flatten(x)
        return out
    return [v]


def perturb(values, fmt):
    if not isinstance(values, list):
        return rand_value(fmt)
    flat_positions = []

    def rec(v, path):
        if isinstance(v, list):
            for i, x in enumerate(v):
                rec(x, path + [i])
        else:
            flat_positions.append(path)
    rec(values, [])
    import copy
    out = copy.deepcopy(values)
    if flat_positions:
        p = R.choice(flat_positions)
        t = out
        for i in p[:-1]:
            t = t[i]
        t[p[-1]] = rand_value(fmt)
    return out


# ------------------------------------------------------------------------------------------------ release, getbuf

RELEASED_OPS = ["nbytes", "readonly", "itemsize", "format", "ndim", "shape", "strides", "suboffsets", "c", "f",
                "contig", "len", "tolist", "tobytes", "hex", "get", "set", "slice", "cast", "toreadonly", "count",
                "index", "release", "eqself", "eqother", "getbuf", "memoryview"]


def released_op(m, op):
    if op in ("nbytes", "readonly", "itemsize", "format", "ndim"):
        return getattr(m, op)
    if op in ("shape", "strides", "suboffsets"):
        return list(getattr(m, op))
    if op == "c":
        return m.c_contiguous
    if op == "f":
        return m.f_contiguous
    if op == "contig":
        return m.contiguous
    if op == "len":
        return len(m)
    if op == "tolist":
        return enc(m.tolist())
    if op == "tobytes":
        return m.tobytes().hex()
    if op == "hex":
        return m.hex()
    if op == "get":
        return enc(m[0])
    if op == "set":
        m[0] = 1
        return None
    if op == "slice":
        m[0:1]
        return None
    if op == "cast":
        m.cast('B')
        return None
    if op == "toreadonly":
        m.toreadonly()
        return None
    if op == "count":
        return count_314_released(m)
    if op == "index":
        return index_314_released(m)
    if op == "release":
        m.release()
        return None
    if op == "eqself":
        return m == m
    if op == "eqother":
        return m == memoryview(b'\x01')
    if op == "getbuf":
        ndarray(m, getbuf=PyBUF_FULL_RO)
        return None
    if op == "memoryview":
        memoryview(m)
        return None
    raise ValueError(op)


def count_314_released(m):
    m.tobytes()  # CHECK_RELEASED, as 3.14's count does first
    return 0


def index_314_released(m):
    m.tobytes()
    return 0


def gen_release(n):
    for _ in range(n):
        nd, desc = make_array(fmt=R.choice(NATIVE), shape=[R.randint(1, 4)], kind='C', flags=ND_WRITABLE)
        a = add_array(desc)
        # 1. every operation of a released view
        mv = memoryview(nd)
        mv.release()
        seq = []
        for op in RELEASED_OPS:
            seq.append([op, run(lambda: released_op(mv, op))])
        case("release", a, [], seq="released", ops=seq)
        # 2. exports refuse release
        mv = memoryview(nd)
        k = R.randint(1, 3)
        exports = [ndarray(mv, getbuf=PyBUF_FULL_RO) for _ in range(k)]
        seq = [["release", run(lambda: mv.release())]]
        del exports[-1]
        seq.append(["release", run(lambda: mv.release())])
        exports.clear()
        seq.append(["release", run(lambda: mv.release())])
        seq.append(["tobytes", run(lambda: mv.tobytes().hex())])
        case("release", a, [], seq="exports", k=k, ops=seq)
        # 3. derived views survive the release of their parent
        mv = memoryview(nd)
        sub = mv[::-1]
        ro = mv.toreadonly()
        mv.release()
        seq = [["sub.tobytes", run(lambda: sub.tobytes().hex())], ["ro.tolist", run(lambda: enc(ro.tolist()))],
               ["mv.tobytes", run(lambda: mv.tobytes().hex())], ["sub.release", run(lambda: sub.release())],
               ["ro.readonly", run(lambda: ro.readonly)]]
        case("release", a, [], seq="derived", ops=seq)


def buf_attrs(n):
    return {"format": n.format, "itemsize": n.itemsize, "ndim": n.ndim, "shape": list(n.shape),
            "strides": list(n.strides), "suboffsets": list(n.suboffsets), "readonly": n.readonly}


def gen_getbuf(n):
    for _ in range(n):
        nd, desc = make_array()
        a = add_array(desc)
        steps = []
        if desc["shape"] and R.random() < 0.3:
            steps = [["slice", None, None, R.choice([2, -1])]]
        for _ in range(3):
            flags = R.choice(GETBUF_FLAGS)
            mv = apply(memoryview(nd), steps)
            case("getbuf", a, steps, flags=flags, x=run(lambda: buf_attrs(ndarray(mv, getbuf=flags))))
            if not steps:
                def from_flags():
                    m = memoryview._from_flags(nd, flags)
                    d = attrs(m)
                    d["hex"] = m.tobytes().hex()
                    return d
                case("fromflags", a, [], flags=flags, x=run(from_flags))


# ------------------------------------------------------------------------------------------------ main

def main():
    out = sys.argv[1] if len(sys.argv) > 1 else 'memoryview.json.gz'
    for _ in range(640):
        nd, desc = make_array()
        a = add_array(desc)
        gen_array_cases(nd, desc, a, [])
        # a derived view of the same array now and then
        if desc["shape"] and R.random() < 0.25:
            s = rand_slice(desc["shape"][0])
            try:
                memoryview(nd)[slice(*s)]
                gen_array_cases(nd, desc, a, [["slice"] + s])
            except Exception:  # noqa: BLE001
                pass
        if R.random() < 0.1:
            gen_array_cases(nd, desc, a, [["ro"]])
        if desc["shape"] and R.random() < 0.1:
            # a contiguous slice of dimension 0, cast to bytes and reshaped
            n0 = desc["shape"][0]
            st = R.randint(0, n0)
            steps = [["slice", st, n0, 1], ["cast", R.choice("Bbc")]]
            try:
                v = apply(memoryview(nd), steps)
                if v.nbytes > 0 and R.random() < 0.5:
                    steps.append(["cast", "B", factor(v.nbytes)])
                    apply(memoryview(nd), steps)
                gen_array_cases(nd, desc, a, steps)
            except Exception:  # noqa: BLE001
                pass
        # a cast view of the same array now and then (C-contiguous, non-empty sources only)
        m = memoryview(nd)
        if m.c_contiguous and m.nbytes > 0 and R.random() < 0.2:
            if R.random() < 0.5:
                step = ["cast", R.choice(["B", "b", "c", "@B"])]
            else:
                tf = R.choice([c for c in NATIVE if c != '?'])
                tsize = struct.calcsize(tf)
                if code_of(m.format) in 'Bbc' and m.nbytes % tsize == 0:
                    step = ["cast", tf, factor(m.nbytes // tsize)]
                else:
                    step = ["cast", "B", factor(m.nbytes)]
            try:
                apply(m, [step])
                gen_array_cases(nd, desc, a, [step])
            except Exception:  # noqa: BLE001
                pass
    for _ in range(40):
        # larger arrays for the bulk paths (contiguous copies, mismatch-based ==, hex)
        shape = [R.randint(100, 400)] if R.random() < 0.6 else [R.randint(8, 20), R.randint(8, 20)]
        nd, desc = make_array(shape=shape)
        a = add_array(desc)
        gen_array_cases(nd, desc, a, [])
    gen_value_sweep()
    gen_compare(3500)
    gen_release(150)
    gen_getbuf(800)
    doc = {"python": sys.version, "generator": "tools/cpython/gen_memoryview.py", "arrays": ARRAYS, "cases": CASES}
    data = json.dumps(doc, separators=(',', ':')).encode()
    with open(out, 'wb') as raw, gzip.GzipFile(filename='', fileobj=raw, mode='wb', mtime=0) as f:
        f.write(data)  # byte-for-byte reproducible: no name, no time in the gzip header
    counts = {}
    for c in CASES:
        counts[c["cat"]] = counts.get(c["cat"], 0) + (len(c["ops"]) if c["cat"] == "release" else 1)
    print(len(ARRAYS), "arrays,", sum(counts.values()), "cases:", counts, file=sys.stderr)


if __name__ == '__main__':
    main()
