#!/usr/bin/env python3
"""Golden vectors for views of any struct format: byte orders and records (beyond CPython's memoryview).

Run with CPython 3.13 (it has _testbuffer):

    ~/.pyenv/versions/3.13.0/bin/python tools/cpython/gen_records.py

writes core/src/test/resources/golden/records.json.gz. Deterministic (seeded).

Each case is a format (random records and byte orders such as '<i', '>d', '!H', '<iif', '2h', '4s', '=q?x', and
CPython's native single characters with and without '@') over random bytes. Expected, computed without memview:

* ``items``: the item values, by ``struct.iter_unpack`` (a single-value format's item is the value, a multi-value
  format's item the tuple), and their count; for native single characters memoryview's own ``tolist()`` must agree;
* ``shape`` / ``nested``: a 2-D reshape ``cast(fmt, shape)`` and its nested list (C order);
* ``sets``: ``m[i] = value`` -> the whole buffer after: ``struct.pack`` of the value for the value bytes, the pad
  bytes (``x`` and native alignment) kept as they were (memview's documented rule: it never writes pad bytes); for
  native single characters, CPython's memoryview assignment itself;
* ``counts``: ``count(value)`` and ``index(value)``, ``index(value, start, stop)`` with Python's ``==``
  (NaN differs from everything, 0.0 == -0.0, True == 1);
* ``equals``: ``memoryview(A) == memoryview(B)`` as CPython 3.13 answers it for views with these formats (built with
  _testbuffer's ndarray, because CPython's cast refuses such formats but its comparison unpacks any struct format),
  where B is a byte variant of A (identical, a flipped bit, pad bytes changed, -0.0 for 0.0, ...) or the same values
  in another format (byte order swapped, native);
* ``errors``: formats memview must refuse with CPython's cast message, lengths that are not a multiple of the
  itemsize, values out of range for native formats (CPython's memoryview messages).

Values use the PyValues encoding of core/src/test/java/io/memview/testing/PyValues.java.
"""

import gzip
import json
import math
import os
import random
import struct
import sys

from _testbuffer import ndarray, ND_WRITABLE

SEED = 3118
N_RANDOM = 1400

NATIVE = 'bBhHiIlLqQnNfde?cP'
STD_CODES = 'bBhHiIlLqQ?efdc'
FIXED = ['<i', '>d', '!H', '<iif', '2h', '4s', '=q?x', '>Q', '<e', '!f', '=?', '<3s', '@iif', 'iif', 'xi', 'bi',
         '<hxxi', '>2d', '=c3x', '5p', '<q', '>b', '2x0s']


def enc(v):
    if v is None:
        return None
    if isinstance(v, bool):
        return v
    if isinstance(v, int):
        return {"i": str(v)}
    if isinstance(v, float):
        return {"f": struct.pack('>d', v).hex()}
    if isinstance(v, bytes):
        return {"b": v.hex()}
    if isinstance(v, (list, tuple)):
        return [enc(x) for x in v]
    raise TypeError(type(v))


def item_of(values):
    return values[0] if len(values) == 1 else values


def random_format(rng):
    r = rng.random()
    if r < 0.15:
        return rng.choice(['', '@']) + rng.choice(NATIVE)
    prefix = rng.choice(['', '@', '=', '<', '>', '!'])
    native = prefix in ('', '@')
    codes = STD_CODES + ('nNP' if native else '')
    parts = []
    for _ in range(rng.randint(1, 4)):
        c = rng.choice(codes + 'sspx')
        if c in 'sp':
            n = rng.randint(1, 5)
            parts.append((n, c))
        elif c == 'x':
            parts.append((rng.randint(1, 3), c))
        else:
            parts.append((rng.choice([1, 1, 1, 2, 3]), c))
    if all(c == 'x' for _, c in parts):
        parts.append((1, 'i'))
    text = prefix
    for n, c in parts:
        if rng.random() < 0.1:
            text += ' '
        if n == 1 and c not in 'sp' and rng.random() < 0.8:
            text += c
        else:
            text += str(n) + c
    return text


# ------------------------------------------------------------------------------------ layout of a format's item

NATIVE_ALIGN = {c: struct.calcsize(c) for c in 'bBhHiIlLqQnNfde?cP'}


def value_mask(fmt):
    """A bytearray of the item's size: 1 where a value lives, 0 for pad bytes ('x' and native alignment).

    Worked out from struct's documented rules (native mode aligns each item to its C alignment, standard modes never
    align), independently of memview; checked against struct.calcsize."""
    f = fmt.replace(' ', '')
    native = not f or f[0] not in '<>!='
    if f and f[0] in '@<>!=':
        f = f[1:]
    mask = []
    i = 0
    while i < len(f):
        j = i
        while f[j].isdigit():
            j += 1
        n = int(f[i:j]) if j > i else 1
        c = f[j]
        i = j + 1
        size = struct.calcsize(('' if native else '<') + c) if c not in 'spx' else 1
        if native and c not in 'spx':
            while len(mask) % NATIVE_ALIGN[c]:
                mask.append(0)
        if c == 'x':
            mask += [0] * n
        elif c in 'sp':
            mask += [1] * n
        else:
            mask += [1] * (size * n)
    assert len(mask) == struct.calcsize(fmt), (fmt, len(mask), struct.calcsize(fmt))
    return mask


# ------------------------------------------------------------------------------------------------- equality

def py_eq(a, b):
    return a == b


def cpython_view(fmt, data):
    """A CPython memoryview with format fmt over a copy of data (cast refuses such formats; _testbuffer does not)."""
    size = struct.calcsize(fmt)
    n = len(data) // size
    zero = item_of(struct.unpack(fmt, bytes(size)))
    nd = ndarray([zero] * n, shape=[n], format=fmt, flags=ND_WRITABLE)
    m = memoryview(nd)
    m.cast('B')[:] = data
    return m


def swapped(fmt):
    """The same fields in another byte order (None when the format has native-only codes)."""
    f = fmt.replace(' ', '')
    body = f[1:] if f and f[0] in '@<>!=' else f
    if any(c in body for c in 'nNP'):
        return None
    if f and f[0] in '>!':
        return '<' + body
    return '>' + body


def variants(rng, fmt, data):
    """(description, format of B, bytes of B) pairs to compare with A."""
    size = struct.calcsize(fmt)
    n = len(data) // size
    mask = value_mask(fmt)
    out = [('identical', fmt, bytes(data))]
    flipped = bytearray(data)
    p = rng.randrange(len(data))
    flipped[p] ^= 1 << rng.randrange(8)
    out.append(('bit %d of byte %d flipped' % (0, p), fmt, bytes(flipped)))
    if 0 in mask:
        padded = bytearray(data)
        for k in range(n):
            for q, m in enumerate(mask):
                if not m:
                    padded[k * size + q] = rng.getrandbits(8)
        out.append(('pad bytes changed', fmt, bytes(padded)))
    other = swapped(fmt)
    if other is not None and struct.calcsize(other) == size:
        try:
            packed = b''.join(struct.pack(other, *struct.unpack_from(fmt, data, k * size)) for k in range(n))
            out.append(('same values in ' + other, other, packed))
        except (struct.error, OverflowError):
            pass
    stripped = fmt.lstrip('@<>!=').replace(' ', '')
    if len(stripped) == 1 and stripped in NATIVE and fmt != stripped and struct.calcsize(stripped) == size:
        out.append(('native ' + stripped, stripped, bytes(data)))
    # -0.0 versus 0.0 where there is a float field
    vals = [list(struct.unpack_from(fmt, data, k * size)) for k in range(n)]
    zeros = [[0.0 if isinstance(v, float) else v for v in row] for row in vals]
    if any(isinstance(v, float) for row in vals for v in row):
        a = b''.join(struct.pack(fmt, *row) for row in zeros)
        b = b''.join(struct.pack(fmt, *[-0.0 if isinstance(v, float) else v for v in row]) for row in zeros)
        out.append(('0.0 against -0.0 (A replaced)', fmt, b, a))
    return out


# ------------------------------------------------------------------------------------------------------ cases

def make_case(rng, fmt):
    size = struct.calcsize(fmt)
    n = rng.choice([1, 2, 3, 4, 5, 6, 8, 12])
    data = bytearray(rng.getrandbits(8) for _ in range(size * n))
    stripped = fmt[1:] if fmt.startswith('@') else fmt
    native = len(stripped) == 1 and stripped in NATIVE
    if '?' in fmt and rng.random() < 0.7:
        # mostly canonical booleans; sometimes 2..255, which read as True
        for k in range(len(data)):
            if rng.random() < 0.8:
                data[k] &= 1
    items = [item_of(t) for t in struct.iter_unpack(fmt, bytes(data))]
    case = {"format": fmt, "bytes": bytes(data).hex(), "itemsize": size, "count": n, "items": enc(items),
            "native": native}
    if native:
        m = memoryview(bytes(data)).cast(fmt)
        got = m.tolist()
        assert len(got) == n
        for a, b in zip(got, items):
            assert (a != a and b != b) or (a == b and type(a) is type(b)), (fmt, a, b)
    # reshape
    shapes = [(a, n // a) for a in range(2, n) if n % a == 0]
    if shapes:
        shp = rng.choice(shapes)
        case["shape"] = list(shp)
        case["nested"] = enc([items[r * shp[1]:(r + 1) * shp[1]] for r in range(shp[0])])
    # assignments
    sets = []
    mask = value_mask(fmt)
    for _ in range(2):
        i = rng.randrange(n)
        src = bytes(rng.getrandbits(8) for _ in range(size))
        value = item_of(struct.unpack(fmt, src))
        after = bytearray(data)
        if native:
            m = memoryview(after).cast(fmt)
            try:
                m[i] = value
            except (ValueError, TypeError) as e:
                sets.append({"index": i, "value": enc(value), "error": {"type": type(e).__name__,
                                                                       "message": str(e)}})
                continue
        else:
            packed = struct.pack(fmt, *(value if isinstance(value, tuple) else (value,)))
            for q in range(size):
                if mask[q]:
                    after[i * size + q] = packed[q]
        sets.append({"index": i - n if rng.random() < 0.3 else i, "value": enc(value), "after": bytes(after).hex()})
    if native and stripped in 'bBhHiIlLqQnN':
        bits = struct.calcsize(stripped) * 8
        bad = (1 << bits) if stripped.isupper() else -(1 << (bits - 1)) - 1
        m = memoryview(bytearray(data)).cast(fmt)
        try:
            m[0] = bad
            raise AssertionError('accepted ' + str(bad))
        except ValueError as e:
            sets.append({"index": 0, "value": enc(bad), "error": {"type": "ValueError", "message": str(e)}})
    case["sets"] = sets
    # count and index
    counts = []
    # fresh objects, as memoryview.count/index unpack fresh items: a NaN is never identical to another, so an item
    # holding one equals nothing (Python's == on tuples would otherwise take the identity shortcut)
    probes = [item_of(struct.unpack_from(fmt, data, size * rng.randrange(n))), item_of(struct.unpack_from(fmt, data, 0))]
    absent = item_of(struct.unpack(fmt, bytes(rng.getrandbits(8) for _ in range(size))))
    probes.append(absent)
    for v in probes:
        c = sum(1 for it in items if py_eq(it, v))
        first = next((k for k, it in enumerate(items) if py_eq(it, v)), None)
        start, stop = rng.randint(-n - 1, n), rng.randint(-n - 1, n + 1)
        s0 = max(start + n, 0) if start < 0 else start
        s1 = min(max(stop + n, 0) if stop < 0 else stop, n)
        ranged = next((k for k in range(s0, s1) if py_eq(items[k], v)), None)
        counts.append({"value": enc(v), "count": c, "index": first, "start": start, "stop": stop,
                       "rangedIndex": ranged})
    case["counts"] = counts
    # equality, as CPython compares views with these formats
    eqs = []
    for v in variants(rng, fmt, data):
        desc, fmt_b, bytes_b = v[0], v[1], v[2]
        bytes_a = v[3] if len(v) > 3 else bytes(data)
        ma = cpython_view(fmt, bytes_a)
        mb = cpython_view(fmt_b, bytes_b)
        eqs.append({"what": desc, "a": bytes_a.hex(), "format": fmt_b, "b": bytes_b.hex(), "equal": ma == mb,
                    "reverse": mb == ma})
    case["equals"] = eqs
    # a length that is not a multiple of the itemsize
    if size > 1:
        case["badLength"] = {"bytes": bytes(data[:-1]).hex(), "error": {
            "type": "TypeError", "message": "memoryview: length is not a multiple of itemsize"}}
        if native:
            try:
                memoryview(bytes(data[:-1])).cast(fmt)
                raise AssertionError('accepted')
            except TypeError as e:
                assert str(e) == case["badLength"]["error"]["message"], e
    return case


REFUSED = ['x', '3x', '<', '>', '', 'z', '<w', 'w', 'T{<i:a:}', '0s', '<0s', '0s0p', 'i:', '@@i', '<i>i', '3',
           'O', 'Z', '?0']


def refused_cases():
    out = []
    msg = "memoryview: destination format must be a native single character format prefixed with an optional '@'"
    for fmt in REFUSED:
        try:
            memoryview(bytes(8)).cast(fmt)
            raise AssertionError('CPython accepted ' + fmt)
        except ValueError as e:
            assert str(e) == msg, (fmt, e)
        out.append({"format": fmt, "error": {"type": "ValueError", "message": msg}})
    return out


def main():
    rng = random.Random(SEED)
    formats = FIXED + [c for c in NATIVE] + ['@' + c for c in NATIVE]
    formats += [random_format(rng) for _ in range(N_RANDOM)]
    cases = [make_case(rng, f) for f in formats]
    nsub = sum(1 + len(c["sets"]) + len(c["counts"]) + len(c["equals"]) + ("shape" in c) + ("badLength" in c)
               for c in cases)
    out = {"generator": "tools/cpython/gen_records.py", "python": sys.version.split()[0], "seed": SEED,
           "cases": cases, "refused": refused_cases(), "checks": nsub}
    here = os.path.dirname(os.path.abspath(__file__))
    path = os.path.join(here, '..', '..', 'core', 'src', 'test', 'resources', 'golden', 'records.json.gz')
    data = json.dumps(out, separators=(',', ':')).encode()
    with gzip.GzipFile(path, 'wb', mtime=0) as f:
        f.write(data)
    print('wrote', os.path.normpath(path), len(cases), 'formats,', nsub, 'checks,', len(data), 'bytes raw')


if __name__ == '__main__':
    main()
