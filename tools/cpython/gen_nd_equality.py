#!/usr/bin/env python3
"""Golden vectors for == between N-d strided views of any struct format, as CPython 3.13 answers it.

    ~/.pyenv/versions/3.13.0/bin/python tools/cpython/gen_nd_equality.py

writes core/src/test/resources/golden/nd_equality.json.gz. Deterministic.

CPython's memoryview cannot cast to '<i' or '2h', but its == compares views of every struct format (unpacking the
items with struct) and every layout. Each case is two _testbuffer ndarrays -- a flat buffer of packed items viewed
through shape, strides (C or Fortran order, gaps, negative strides, zeros in the shape) and a byte offset -- and
CPython's answer to memoryview(a) == memoryview(b). Pairs hold the same logical values in different layouts, with one
item changed, in another format (integers that fit both, floats exact in both), with NaN (never equal) or -0.0
(equal to 0.0), or differ in shape.
"""
import gzip
import json
import math
import os
import random
import struct
import sys

from _testbuffer import ndarray

SEED = 3119
N_CASES = 3000
FORMATS = ['B', 'b', 'h', 'i', 'q', 'Q', 'd', 'f', 'e', '?', 'c', '<i', '>h', '>d', '!f', '2h', '<iB', '3s', '=q?x',
           '<2d', '@iif']
# formats whose items are single integers, so that small values mean the same in all of them
INT_FORMATS = ['B', 'b', 'h', 'i', 'q', 'Q', '<i', '>h']
FLOAT_FORMATS = ['d', 'f', 'e', '>d', '!f']


def value(rng, code, small=False):
    if code in 'bhiq':
        bits = {'b': 8, 'h': 16, 'i': 32, 'q': 64}[code]
        return rng.randint(0, 100) if small else rng.randint(-(1 << (bits - 1)), (1 << (bits - 1)) - 1)
    if code in 'BHIQ':
        bits = {'B': 8, 'H': 16, 'I': 32, 'Q': 64}[code]
        return rng.randint(0, 100) if small else rng.randrange(1 << bits)
    if code in 'fde':
        r = rng.random()
        if r < 0.05:
            return math.nan
        if r < 0.1:
            return -0.0
        return rng.randint(-64, 64) / 4  # exact in half, float and double
    if code == '?':
        return rng.random() < 0.5
    if code == 'c':
        return bytes([rng.randrange(256)])
    raise ValueError(code)


def codes(fmt):
    """The value codes of a format, in order ('2h' -> 'hh', '3s' -> 's')."""
    out = []
    f = fmt.lstrip('@<>!=')
    i = 0
    while i < len(f):
        j = i
        while f[j].isdigit():
            j += 1
        n = int(f[i:j]) if j > i else 1
        c = f[j]
        i = j + 1
        if c == 'x':
            continue
        out += [c] if c in 'sp' else [c] * n
    return out, (int(f[:-1]) if f.endswith('s') and f[:-1].isdigit() else 1)


def item(rng, fmt, small=False):
    cs, slen = codes(fmt)
    vals = []
    for c in cs:
        if c == 's':
            vals.append(bytes(rng.randrange(256) for _ in range(slen)))
        else:
            vals.append(value(rng, c, small))
    return vals[0] if len(vals) == 1 else tuple(vals)


def layout(rng, itemsize, shape):
    ndim = len(shape)
    order = rng.choice('CF')
    strides = [0] * ndim
    span = itemsize
    for d in (range(ndim - 1, -1, -1) if order == 'C' else range(ndim)):
        strides[d] = span + itemsize * rng.choice([0, 0, 1])
        span = strides[d] * max(1, shape[d])
    for d in range(ndim):
        if rng.random() < 0.3:
            strides[d] = -strides[d]
    lo, hi = 0, itemsize
    for d in range(ndim):
        if shape[d] > 0:
            s = (shape[d] - 1) * strides[d]
            lo += min(0, s)
            hi += max(0, s)
    offset = -lo + itemsize * rng.randint(0, 1)
    nitems = (offset + hi) // itemsize + rng.randint(0, 1)
    return strides, offset, nitems


def indices(shape):
    if not shape:
        yield ()
        return
    for i in range(shape[0]):
        for rest in indices(shape[1:]):
            yield (i,) + rest


def build(rng, fmt, shape, values):
    """An ndarray with a random layout holding values (a dict index -> item); the JSON description of its memory."""
    size = struct.calcsize(fmt)
    strides, offset, nitems = layout(rng, size, shape)
    flat = [item(rng, fmt) for _ in range(nitems)]
    for idx, v in values.items():
        p = offset + sum(i * s for i, s in zip(idx, strides))
        flat[p // size] = v
    nd = ndarray(flat, shape=shape, strides=strides, offset=offset, format=fmt)
    raw = b''.join(struct.pack(fmt, *(v if isinstance(v, tuple) else (v,))) for v in flat)
    return nd, {"format": fmt, "bytes": raw.hex(), "shape": shape, "strides": strides, "offset": offset}


def main():
    rng = random.Random(SEED)
    cases = []
    kinds = {}
    while len(cases) < N_CASES:
        kind = rng.choice(['same', 'same', 'changed', 'format', 'shape'])
        ndim = rng.choice([1, 1, 2, 2, 3])
        shape = [0 if rng.random() < 0.05 else rng.randint(1, 4) for _ in range(ndim)]
        if kind == 'format':
            fmt_a, fmt_b = rng.choice([(rng.choice(INT_FORMATS), rng.choice(INT_FORMATS)),
                                       (rng.choice(FLOAT_FORMATS), rng.choice(FLOAT_FORMATS))])
            small = True
        else:
            fmt_a = fmt_b = rng.choice(FORMATS)
            small = False
        vals = {idx: item(rng, fmt_a, small) for idx in indices(shape)}
        vals_b = dict(vals)
        shape_b = list(shape)
        if kind == 'changed' and vals:
            k = rng.choice(list(vals))
            vals_b[k] = item(rng, fmt_b)
        if kind == 'shape':
            if rng.random() < 0.5 and ndim > 1:
                shape_b = shape[::-1]
            else:
                shape_b = shape[:-1] + [shape[-1] + 1]
            vals_b = {idx: item(rng, fmt_b) for idx in indices(shape_b)}
        try:
            nd_a, a = build(rng, fmt_a, shape, vals)
            nd_b, b = build(rng, fmt_b, shape_b, vals_b)
        except (ValueError, struct.error):
            continue  # e.g. a value that does not fit a narrower format
        ma, mb = memoryview(nd_a), memoryview(nd_b)
        cases.append({"kind": kind, "a": a, "b": b, "equal": ma == mb, "reverse": mb == ma})
        kinds[(kind, ma == mb)] = kinds.get((kind, ma == mb), 0) + 1
    out = {"generator": "tools/cpython/gen_nd_equality.py", "python": sys.version.split()[0], "seed": SEED,
           "cases": cases}
    here = os.path.dirname(os.path.abspath(__file__))
    path = os.path.join(here, '..', '..', 'core', 'src', 'test', 'resources', 'golden', 'nd_equality.json.gz')
    data = json.dumps(out, separators=(',', ':')).encode()
    with gzip.GzipFile(path, 'wb', mtime=0) as f:
        f.write(data)
    print('wrote', os.path.normpath(path), len(cases), 'cases', sorted(kinds.items()), len(data), 'bytes raw')


if __name__ == '__main__':
    main()
