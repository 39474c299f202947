#!/usr/bin/env python3
"""Golden vectors for io.memview.Slice: slice(start, stop, step).indices(n) and len(range(n)[start:stop:step]);
and CPython's memoryview slicing along dimension 0 ("views"), the case where memview's select must be CPython's.

Run with CPython 3.13:  ~/.pyenv/versions/3.13.0/bin/python tools/cpython/gen_slice_indices.py
writes core/src/test/resources/golden/slice_indices.json (plain JSON). Deterministic.
Rows: [n, start, stop, step, expected] with null for an omitted bound and expected either
[start, stop, step, count] or the ValueError message. Bounds beyond the 64-bit range are clamped by Python to
the index range first (PySlice_Unpack), which is what memview's Slice (a Long) can express, so they are left out.
"""
import json
import os
import random

rng = random.Random(7)
bounds = [None, 0, 1, 2, 3, -1, -2, -3, 5, 8, -8, 2**63 - 1, -2**63]
steps = [None, 1, 2, 3, -1, -2, -3, 0, 2**63 - 1, -2**63]
rows = []
for n in [0, 1, 2, 3, 5, 8, 2**40]:
    for start in bounds:
        for stop in bounds:
            for step in steps:
                if rng.random() > 0.35 and not (n == 0 and step is None):
                    continue
                s = slice(start, stop, step)
                try:
                    a, b, c = s.indices(n)
                    expected = [a, b, c, len(range(a, b, c))]
                except ValueError as e:
                    expected = str(e)
                rows.append([n, start, stop, step, expected])

# CPython's memoryview slicing m[start:stop:step] (dimension 0, any ndim) over bases with positive and negative
# strides: the result's shape, strides and tolist(), empty results included (CPython keeps stride * step for them).
import struct

views = []
bases = [
    ('B', (7,), None), ('h', (5,), None), ('B', (7,), (None, None, -1)), ('i', (6,), (None, None, -2)),
    ('B', (4, 6), None), ('h', (3, 4), (None, None, -1)), ('B', (0,), None), ('q', (2, 3, 2), None),
    ('B', (5, 2), (1, None, None)),
]
for fmt, shape, pre in bases:
    n = 1
    for s in shape:
        n *= s
    raw = bytes((7 * k + 3) % 256 for k in range(n * struct.calcsize(fmt)))
    base = memoryview(raw).cast(fmt, shape) if n else memoryview(raw).cast(fmt)
    if pre is not None:
        base = base[slice(*pre)]
    for _ in range(60):
        start = rng.choice([None, 0, 1, 2, -1, -2, 3, 5, 9, -9])
        stop = rng.choice([None, 0, 1, 2, -1, -2, 3, 5, 9, -9])
        step = rng.choice([None, 1, 2, -1, -2, 3, -3])
        r = base[start:stop:step]
        views.append({"format": fmt, "shape": list(shape), "bytes": raw.hex(), "pre": list(pre) if pre else None,
                      "slice": [start, stop, step], "baseStrides": list(base.strides),
                      "resultShape": list(r.shape), "resultStrides": list(r.strides), "list": r.tolist()})

here = os.path.dirname(os.path.abspath(__file__))
path = os.path.join(here, '..', '..', 'core', 'src', 'test', 'resources', 'golden', 'slice_indices.json')
with open(path, 'w') as f:
    json.dump({"generator": "tools/cpython/gen_slice_indices.py", "rows": rows, "views": views}, f,
              separators=(',', ':'))
print('wrote', os.path.normpath(path), len(rows), 'rows', len(views), 'views')
