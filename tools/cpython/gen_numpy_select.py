#!/usr/bin/env python3
"""Golden vectors for MemoryView.select / transpose / permute / N-d assignment, computed by NumPy.

Run with the local CPython 3.11 that has NumPy:

    ~/.pyenv/versions/3.11.7/bin/python tools/cpython/gen_numpy_select.py

writes core/src/test/resources/golden/numpy_select.json.gz. Deterministic (seeded).

Each *base* is a NumPy ndarray over a bytearray described exactly as a memview Buffer: format, item bytes (the
whole buffer, hex), byte offset of item [0,...,0], shape and strides in bytes (C or Fortran order, with gaps,
negative strides, zeros in the shape, ndim 0-4). For each base:

* ``selects``: a random subscript in Python syntax (ints, negative ints, slices with every step sign, ``...``,
  ``()``, too many indices, out-of-range ints, step 0, huge slice bounds), the same keys in structured form for the
  typed ``select(Object...)``, and NumPy's answer: shape, strides, byte offset of the result relative to the start
  of the base's buffer, ``tolist()``; or NumPy's refusal converted to memview's documented exception kind and
  message.  NumPy returns a scalar for a full integer index; memview returns a 0-dim view, so the generator indexes
  with an ``...`` appended (which makes NumPy return a 0-dim view too) whenever the subscript has none.
* ``permutes``: ``np.transpose(a)`` (axes null) or ``np.transpose(a, axes)`` with valid and invalid axes.
* ``assigns``: ``a[sub] = src`` where ``src`` has exactly the shape of ``a[sub]``: a separate random strided array
  (``src``), or an overlapping view of the same buffer (``src_on_target``: a subscript applied to ``a[sub]``, such as
  ``::-1``; ``src_from_base``: a different subscript of ``a`` with the same shape). Expected: the whole buffer after.

Values use the PyValues encoding of core/src/test/java/io/memview/testing/PyValues.java.
"""

import gzip
import json
import os
import random
import struct
import sys

import numpy as np

SEED = 20261202
N_BASES = 900
SELECTS_PER_BASE = 8
PERMUTES_PER_BASE = 2
ASSIGNS_PER_BASE = 3

# struct format -> NumPy dtype (same bytes, same values)
DTYPES = {
    'B': np.dtype('u1'), 'b': np.dtype('i1'), 'h': np.dtype('i2'), 'H': np.dtype('u2'),
    'i': np.dtype('i4'), 'I': np.dtype('u4'), 'q': np.dtype('i8'), 'Q': np.dtype('u8'),
    'f': np.dtype('f4'), 'd': np.dtype('f8'), 'e': np.dtype('f2'), '?': np.dtype('?'),
    '<i': np.dtype('<i4'), '>h': np.dtype('>i2'), '>d': np.dtype('>f8'), '<Q': np.dtype('<u8'),
    '<hh': np.dtype([('a', '<i2'), ('b', '<i2')]),
    '<iB': np.dtype([('a', '<i4'), ('b', 'u1')]),
}
FORMATS = list(DTYPES)
assert all(DTYPES[f].itemsize == struct.calcsize(f) for f in FORMATS)


def enc(v):
    """PyValues encoding."""
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


def fill(rng, fmt, nbytes):
    """Random buffer contents; floats are finite (NumPy and Java agree on every finite value)."""
    dt = DTYPES[fmt]
    size = dt.itemsize
    count = (nbytes + size - 1) // size
    if fmt in ('f', 'd', 'e', '>d'):
        vals = [rng.choice([0.0, -0.0, 1.5, -2.25, 1e-3, 65504.0]) if rng.random() < 0.2
                else rng.uniform(-1000, 1000) for _ in range(count)]
        raw = np.array(vals, dtype=dt).tobytes()
    elif fmt == '?':
        raw = bytes(rng.randint(0, 1) for _ in range(count))
    else:
        raw = bytes(rng.getrandbits(8) for _ in range(count * size))
    return bytearray(raw[:nbytes])


def random_layout(rng, itemsize, ndim, max_dim=4):
    shape = []
    for _ in range(ndim):
        shape.append(0 if rng.random() < 0.06 else rng.randint(1, max_dim))
    order = rng.choice('CF')
    strides = [0] * ndim
    span = itemsize
    dims = range(ndim - 1, -1, -1) if order == 'C' else range(ndim)
    for d in dims:
        gap = rng.choice([0, 0, 0, 1, 2])
        strides[d] = span + gap * itemsize
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
    offset = -lo + itemsize * rng.randint(0, 2)
    nbytes = offset + hi + itemsize * rng.randint(0, 2)
    return shape, strides, offset, nbytes


def make_array(buf, fmt, shape, strides, offset):
    return np.ndarray(tuple(shape), DTYPES[fmt], buffer=buf, offset=offset, strides=tuple(strides))


def base_address(buf):
    return np.frombuffer(buf, np.uint8).__array_interface__['data'][0]


# ------------------------------------------------------------------------------------------------ subscripts

def rand_int_text(rng, v):
    t = str(v)
    r = rng.random()
    if v >= 10 and r < 0.05:
        t = t[0] + '_' + t[1:]
    elif v >= 0 and r < 0.08:
        t = '+' + t
    return t


def random_key(rng, n):
    """One key for a dimension of n items: (structured, text)."""
    r = rng.random()
    if r < 0.4:
        if rng.random() < 0.85:
            v = rng.randint(-n, n - 1) if n > 0 else rng.randint(-2, 1)
        else:
            v = rng.choice([n, n + 1, -n - 1, -n - 3, 7, -9, 2**63 - 1, -(2**63), 2**63, 10**30, -(10**30)])
        return v, rand_int_text(rng, v)
    parts = []
    vals = []
    for which in range(3):
        if rng.random() < 0.35:
            vals.append(None)
        elif which == 2:
            vals.append(rng.choice([1, 1, 2, 3, -1, -1, -2, -3, 0 if rng.random() < 0.3 else 1])
                        if rng.random() < 0.97 else rng.choice([10**20, -(10**20), 2**63 - 1, -(2**63)]))
        else:
            if rng.random() < 0.04:
                vals.append(rng.choice([10**20, -(10**20), 2**63, -(2**63) - 1]))
            else:
                vals.append(rng.randint(-n - 3, n + 3))
    for v in vals:
        parts.append('' if v is None else rand_int_text(rng, v))
    form = rng.random()
    if vals[2] is None and form < 0.5:
        text = parts[0] + ':' + parts[1]
    else:
        text = parts[0] + ':' + parts[1] + ':' + parts[2]
    if rng.random() < 0.15:
        text = text.replace(':', ' : ')
    return slice(*vals), text


def random_subscript(rng, shape):
    ndim = len(shape)
    r = rng.random()
    if r < 0.05:
        return (), rng.choice(['()', '( )', ' () '])
    named = rng.randint(0, ndim)
    if rng.random() < 0.1:
        named = ndim + rng.randint(1, 2)
    keys = []
    texts = []
    for d in range(named):
        n = shape[d] if d < ndim else 3
        k, t = random_key(rng, n)
        keys.append(k)
        texts.append(t)
    if rng.random() < 0.3 or named == 0:
        at = rng.randint(0, len(keys))
        keys.insert(at, Ellipsis)
        texts.insert(at, '...')
        if rng.random() < 0.03:
            keys.insert(0, Ellipsis)
            texts.insert(0, '...')
    sep = rng.choice([', ', ',', ' , ', ',  '])
    text = sep.join(texts)
    if len(keys) == 1 and rng.random() < 0.3:
        text += ','
    elif len(keys) > 1 and rng.random() < 0.1:
        text += ','
    if rng.random() < 0.2 and not any(isinstance(k, slice) for k in keys):
        text = '(' + text + ')'  # Python allows parentheses only around a tuple without slices
    if rng.random() < 0.1:
        text = ' ' + text + ' '
    return tuple(keys), text


class _K:
    def __getitem__(self, k):
        return k


def parse_python(text):
    k = eval('_K()[' + text + ']', {'_K': _K})
    return k if isinstance(k, tuple) else (k,)


def keys_json(keys):
    out = []
    typed = True
    for k in keys:
        if k is Ellipsis:
            out.append('...')
        elif isinstance(k, slice):
            b = [k.start, k.stop, k.step]
            if any(x is not None and not (-2**63 <= x < 2**63) for x in b):
                typed = False
                b = [None if x is None else str(x) for x in b]
            out.append({"slice": b})
        else:
            if not (-2**63 <= k < 2**63):
                k = {"big": str(k)}  # a BigInteger key in the typed form
            out.append(k)
    return out, typed


def convert_index_error(e, ndim, keys):
    """NumPy's refusal -> memview's documented (kind, message)."""
    msg = str(e)
    if ndim == 0 and keys not in ((), (Ellipsis,)):
        # CPython's memoryview has this case (a 0-dim view takes only m[()] and m[...]) and memview keeps its
        # message (TypeError)
        return 'TypeError', 'invalid indexing of 0-dim memory'
    if msg.startswith('too many indices for array: array is '):
        return 'TypeError', msg.replace('for array: array is', 'for memoryview: memoryview is')
    if msg.startswith('index ') and 'is out of bounds for axis' in msg:
        return 'IndexError', msg
    if msg == "an index can only have a single ellipsis ('...')":
        return 'TypeError', msg
    if msg == 'slice step cannot be zero':
        return 'ValueError', msg
    if msg.startswith('only integers, slices') or msg == 'Python int too large to convert to C long':
        # an int index beyond the index range: CPython's memoryview has the case
        return 'IndexError', "cannot fit 'int' into an index-sized integer"
    raise AssertionError('unmapped NumPy error: %r' % msg)


def layout_of(res, addr0):
    return {
        "shape": list(res.shape),
        "strides": list(res.strides),
        "offset": res.__array_interface__['data'][0] - addr0,
    }


def as_view(a, keys):
    """a[keys] as an ndarray view, never a scalar."""
    if any(k is Ellipsis for k in keys):
        return a[keys]
    return a[keys + (Ellipsis,)]


def do_select(a, buf, keys):
    addr0 = base_address(buf)
    try:
        res = as_view(a, keys)
    except (IndexError, ValueError, OverflowError) as e:
        kind, msg = convert_index_error(e, a.ndim, keys)
        return {"error": {"type": kind, "message": msg}}
    if a.ndim == 0 and any(k is not Ellipsis for k in keys):
        raise AssertionError('NumPy accepted a named index on a 0-d array')
    out = layout_of(res, addr0)
    assert np.shares_memory(res, a) or res.size == 0
    out["list"] = enc(res.tolist())
    return out


def random_axes(rng, ndim):
    r = rng.random()
    if r < 0.3:
        return None
    axes = list(range(ndim))
    rng.shuffle(axes)
    axes = [x - ndim if rng.random() < 0.2 else x for x in axes]
    r = rng.random()
    if r < 0.06 and ndim > 0:
        axes[rng.randrange(ndim)] = rng.choice([ndim, ndim + 2, -ndim - 1])
    elif r < 0.12 and ndim > 1:
        axes[0] = axes[1]
    elif r < 0.18:
        axes = axes[:-1] if ndim > 0 and rng.random() < 0.5 else axes + [0]
    return axes


def do_permute(a, buf, axes):
    addr0 = base_address(buf)
    try:
        res = np.transpose(a) if axes is None else np.transpose(a, axes)
    except (ValueError, IndexError) as e:
        msg = str(e)
        if msg == "axes don't match array":
            msg = "axes don't match memoryview: %d axes for %d dimensions" % (len(axes), a.ndim)
        elif msg.startswith('axis ') and 'out of bounds for array of dimension' in msg:
            msg = msg.replace('for array of', 'for memoryview of')
        elif msg != 'repeated axis in transpose':
            raise AssertionError('unmapped NumPy error: %r' % msg)
        return {"error": {"type": "ValueError", "message": msg}}
    out = layout_of(res, addr0)
    out["list"] = enc(res.tolist())
    return out


def do_assign(rng, fmt, buf, shape, strides, offset):
    a = make_array(buf, fmt, shape, strides, offset)
    for _ in range(20):
        keys, text = random_subscript(rng, shape)
        if any(isinstance(k, slice) and k.step == 0 for k in keys):
            continue
        try:
            target = as_view(a, keys)
        except (IndexError, ValueError, OverflowError):
            continue
        break
    else:
        return None
    kj, typed = keys_json(keys)
    case = {"sub": text, "keys": kj, "typed": typed}
    kind = rng.random()
    work = bytearray(buf)
    a = make_array(work, fmt, shape, strides, offset)
    target = as_view(a, keys)
    if kind < 0.2 and target.ndim >= 1:
        # overlapping: the target reversed along some dimension
        parts = [rng.choice([':', '::-1']) for _ in range(target.ndim)]
        parts[rng.randrange(target.ndim)] = '::-1'
        on = ', '.join(parts)
        src = eval('t[' + on + ']', {'t': target})
        case["src_on_target"] = on
    elif kind < 0.35:
        # overlapping: another subscript of the base with the same shape
        found = None
        for _ in range(40):
            k2, t2 = random_subscript(rng, shape)
            try:
                s2 = as_view(a, k2)
            except (IndexError, ValueError, OverflowError):
                continue
            if s2.shape == target.shape:
                found = (k2, t2, s2)
                break
        if found is None:
            return None
        k2j, typed2 = keys_json(found[0])
        case["src_from_base"] = {"sub": found[1], "keys": k2j}
        case["typed"] = typed and typed2
        src = found[2]
    else:
        sshape = list(target.shape)
        # same shape as the target, a random layout of its own
        sstr, soff, snb = random_layout_for(rng, DTYPES[fmt].itemsize, sshape)
        sbuf = fill(rng, fmt, snb)
        src = make_array(sbuf, fmt, sshape, sstr, soff)
        case["src"] = {"bytes": bytes(sbuf).hex(), "offset": soff, "shape": sshape, "strides": sstr}
    target[...] = src
    case["after"] = bytes(work).hex()
    return case


def random_layout_for(rng, itemsize, shape):
    ndim = len(shape)
    order = rng.choice('CF')
    strides = [0] * ndim
    span = itemsize
    dims = range(ndim - 1, -1, -1) if order == 'C' else range(ndim)
    for d in dims:
        gap = rng.choice([0, 0, 1])
        strides[d] = span + gap * itemsize
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
    return strides, offset, offset + hi


def main():
    rng = random.Random(SEED)
    bases = []
    counts = {"selects": 0, "permutes": 0, "assigns": 0}
    for b in range(N_BASES):
        fmt = FORMATS[b % len(FORMATS)] if b < len(FORMATS) * 4 else rng.choice(FORMATS)
        itemsize = DTYPES[fmt].itemsize
        ndim = rng.choice([0, 1, 1, 2, 2, 2, 3, 3, 4])
        shape, strides, offset, nbytes = random_layout(rng, itemsize, ndim)
        buf = fill(rng, fmt, nbytes)
        a = make_array(buf, fmt, shape, strides, offset)
        base = {"format": fmt, "bytes": bytes(buf).hex(), "offset": offset, "shape": shape, "strides": strides,
                "list": enc(a.tolist()), "selects": [], "permutes": [], "assigns": []}
        for _ in range(SELECTS_PER_BASE):
            keys, text = random_subscript(rng, shape)
            assert parse_python(text) == keys, (text, keys)
            kj, typed = keys_json(keys)
            case = {"sub": text, "keys": kj, "typed": typed}
            case.update(do_select(a, buf, keys))
            base["selects"].append(case)
        for _ in range(PERMUTES_PER_BASE):
            axes = random_axes(rng, ndim)
            case = {"axes": axes}
            case.update(do_permute(a, buf, axes))
            base["permutes"].append(case)
        for _ in range(ASSIGNS_PER_BASE):
            case = do_assign(rng, fmt, buf, shape, strides, offset)
            if case is not None:
                base["assigns"].append(case)
        for k in counts:
            counts[k] += len(base[k])
        bases.append(base)
    out = {
        "generator": "tools/cpython/gen_numpy_select.py",
        "python": sys.version.split()[0],
        "numpy": np.__version__,
        "seed": SEED,
        "counts": counts,
        "bases": bases,
    }
    here = os.path.dirname(os.path.abspath(__file__))
    path = os.path.join(here, '..', '..', 'core', 'src', 'test', 'resources', 'golden', 'numpy_select.json.gz')
    os.makedirs(os.path.dirname(path), exist_ok=True)
    data = json.dumps(out, separators=(',', ':')).encode()
    with gzip.GzipFile(path, 'wb', mtime=0) as f:
        f.write(data)
    print('wrote', os.path.normpath(path), counts, 'total', sum(counts.values()), len(data), 'bytes raw')


if __name__ == '__main__':
    main()
