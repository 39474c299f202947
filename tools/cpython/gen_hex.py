#!/usr/bin/env python3
"""Golden vectors for io.memview.internal.Hex: CPython's bytes.hex(sep, bytes_per_sep) (_Py_strhex_impl).

Run with CPython 3.13:  ~/.pyenv/versions/3.13.0/bin/python tools/cpython/gen_hex.py
writes core/src/test/resources/golden/hex.json (plain JSON). Deterministic.
"cases": [bytes as hex without separator, sep (null for none), bytes_per_sep, expected] for lengths 0..40 (every tail
length of the 4-byte fast loop), separators grouped from the right (positive) and from the left (negative), groups
larger than the data, and every byte value.
"seps": [sep, expected message] for the separators bytes.hex refuses.
"""
import json
import os
import random

rng = random.Random(1202)
cases = []
for n in list(range(0, 41)) + [64, 100, 257]:
    for _ in range(6):
        data = bytes(rng.getrandbits(8) for _ in range(n))
        sep = rng.choice([None, ':', '-', ' ', '_'])
        per = rng.choice([1, 2, 3, 4, 5, 7, 8, -1, -2, -3, -4, -5, -7, 0, n, -n, n + 1, -(n + 1), 1000, -1000])
        expected = data.hex() if sep is None else data.hex(sep, per)
        cases.append([data.hex(), sep, per, expected])
every = bytes(range(256))
for sep, per in [(None, 1), (':', 1), ('-', 2), ('.', -3), ('|', 5), ('|', -5)]:
    cases.append([every.hex(), sep, per, every.hex() if sep is None else every.hex(sep, per)])

seps = []
for sep in ['', '::', '\xe9', '\u20ac', '\U0001f600', 'ab']:
    try:
        b'ab'.hex(sep)
        seps.append([sep, None])
    except ValueError as e:
        seps.append([sep, str(e)])

here = os.path.dirname(os.path.abspath(__file__))
out = os.path.join(here, '..', '..', 'core', 'src', 'test', 'resources', 'golden', 'hex.json')
with open(out, 'w') as f:
    json.dump({"cases": cases, "seps": seps}, f, separators=(',', ':'))
    f.write('\n')
print(len(cases), 'cases,', len(seps), 'seps ->', os.path.normpath(out))
