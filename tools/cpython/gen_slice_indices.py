#!/usr/bin/env python3
"""Golden vectors for io.memview.Slice: slice(start, stop, step).indices(n) and len(range(n)[start:stop:step]).

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
here = os.path.dirname(os.path.abspath(__file__))
path = os.path.join(here, '..', '..', 'core', 'src', 'test', 'resources', 'golden', 'slice_indices.json')
with open(path, 'w') as f:
    json.dump({"generator": "tools/cpython/gen_slice_indices.py", "rows": rows}, f, separators=(',', ':'))
print('wrote', os.path.normpath(path), len(rows), 'rows')
