#!/usr/bin/env python3
"""Golden vectors for select / get / N-d assignment over PIL-style views (suboffsets), where NumPy has no say.

    ~/.pyenv/versions/3.13.0/bin/python tools/cpython/gen_pil_select.py

writes core/src/test/resources/golden/pil_select.json.gz. Deterministic.

Each base is a logical N-d array A (a nested list of random values) laid out in one byte buffer the PEP 3118 way
with suboffsets: a dimension with suboffsets[d] >= 0 holds, at each of its positions, an 8-byte native-order pointer
(a byte offset into the buffer, as memview's Buffer documents), followed and then moved by suboffsets[d] bytes
(CPython's ADJUST_PTR). Rows are scattered in random order, strides may be negative or have gaps. The generator
reads its own layout back with an ADJUST_PTR emulation and checks it gives A.

Expected results come from Python's own list indexing on A, which is NumPy's basic indexing for ints, slices and
``...``: the selected values and shape; out-of-range ints refused with NumPy's message. One refusal is inherent in
the PEP 3118 model and documented by memview: an int index on an indirect dimension after a kept (sliced) one would
need a different pointer for every kept position, which no single (offset, strides, suboffsets) descriptor holds
("memoryview: a sub-view cannot drop an indirect (suboffset) dimension after a kept one"); and a start moved by a
negative stride after an indirect dimension would need a negative suboffset, which PEP 3118 reads as "no pointer".
Assignments: ``A[sub] = B`` on the nested lists, B a C-contiguous source of the selected shape.
"""
import gzip
import json
import os
import random
import struct
import sys

SEED = 688
N_BASES = 400
FORMATS = ['B', 'h', 'i', 'q', 'd']
PTR = struct.Struct('<q')  # x86-64 / aarch64: native order is little-endian
assert sys.byteorder == 'little'


def enc(v):
    if isinstance(v, list):
        return [enc(x) for x in v]
    if isinstance(v, float):
        return {"f": struct.pack('>d', v).hex()}
    return {"i": str(v)}


def rand_value(rng, fmt):
    if fmt == 'd':
        return rng.randint(-4000, 4000) / 8
    size = struct.calcsize(fmt)
    if fmt == 'B':
        return rng.randrange(256)
    return rng.randint(-(1 << (8 * size - 1)), (1 << (8 * size - 1)) - 1)


def rand_array(rng, fmt, shape):
    if not shape:
        return rand_value(rng, fmt)
    return [rand_array(rng, fmt, shape[1:]) for _ in range(shape[0])]


class Heap:
    def __init__(self, rng):
        self.buf = bytearray()
        self.rng = rng

    def alloc(self, n):
        self.buf += bytes(self.rng.getrandbits(8) for _ in range(self.rng.choice([0, 0, 3, 8])))  # junk between
        at = len(self.buf)
        self.buf += bytes(self.rng.getrandbits(8) for _ in range(n))
        return at


def layout(rng, fmt, shape, indirect):
    """Lays A out; returns (buffer, offset, strides, suboffsets, writer) where writer(A) fills the values."""
    ndim = len(shape)
    size = struct.calcsize(fmt)
    heap = Heap(rng)
    strides = [0] * ndim
    subs = [-1] * ndim
    # region size of dims d.. (what one position of dim d-1 covers when dim d-1 is direct)
    region = [0] * (ndim + 1)
    region[ndim] = size
    for d in range(ndim - 1, -1, -1):
        slot = 8 if indirect[d] else region[d + 1]
        step = slot + rng.choice([0, 0, 0, size, 8])
        strides[d] = step if rng.random() < 0.7 else -step
        region[d] = step * (shape[d] - 1) + slot if shape[d] > 0 else slot
        if indirect[d]:
            subs[d] = rng.choice([0, 0, 8, 16])

    def place(d, start, sub_a):
        """Places sub-array sub_a (dims d..) so that reading from address `start` (the position of dim d's first
        element, i.e. where index 0 of dim d begins once the region's lowest address is accounted for) gives sub_a."""
        if d == ndim:
            struct.pack_into('<' + fmt if fmt != 'B' else 'B', heap.buf, start, sub_a)
            return
        for i in range(shape[d]):
            p = start + i * strides[d]
            if indirect[d]:
                target = alloc_region(d + 1)
                PTR.pack_into(heap.buf, p, target - subs[d])
                place(d + 1, target, sub_a[i])
            else:
                place(d + 1, p, sub_a[i])

    def alloc_region(d):
        """Allocates the region of dims d.. and returns the address of its element [0, ..., 0] (dim d)."""
        if d == ndim:
            return heap.alloc(size)
        low = 0
        p = 0
        for e in range(d, ndim):
            if shape[e] > 0 and strides[e] < 0:
                p += strides[e] * (shape[e] - 1)
            low = min(low, p)
            if indirect[e]:
                break
        at = heap.alloc(region[d] + 8)
        return at - low

    return heap, strides, subs, alloc_region, place


def read(buf, fmt, shape, strides, subs, offset):
    """CPython's ADJUST_PTR walk: the nested list a consumer of this layout reads."""
    def walk(d, p):
        if d == len(shape):
            return struct.unpack_from('<' + fmt if fmt != 'B' else 'B', buf, p)[0]
        out = []
        for i in range(shape[d]):
            q = p + i * strides[d]
            if subs[d] >= 0:
                q = PTR.unpack_from(buf, q)[0] + subs[d]
            out.append(walk(d + 1, q))
        return out
    return walk(0, offset)


def random_sub(rng, shape):
    keys, texts = [], []
    for d, n in enumerate(shape):
        if rng.random() < 0.25 and d == len(shape) - 1:
            break
        r = rng.random()
        if r < 0.4:
            v = rng.randint(-n, n - 1) if rng.random() < 0.92 else rng.choice([n, -n - 1])
            keys.append(v)
            texts.append(str(v))
        else:
            a = rng.choice([None, 0, 1, -1, 2, -2])
            b = rng.choice([None, 0, 1, -1, 2, 3, -2])
            c = rng.choice([None, 1, 2, -1, -2])
            keys.append(slice(a, b, c))
            texts.append(('' if a is None else str(a)) + ':' + ('' if b is None else str(b))
                         + ('' if c is None else ':' + str(c)))
    if rng.random() < 0.2:
        at = rng.randint(0, len(keys))
        keys.insert(at, Ellipsis)
        texts.insert(at, '...')
    return keys, ', '.join(texts) if texts else '()'


def expand(keys, ndim):
    named = sum(1 for k in keys if k is not Ellipsis)
    out = []
    for k in keys:
        if k is Ellipsis:
            out += [slice(None)] * (ndim - named)
        else:
            out.append(k)
    return out + [slice(None)] * (ndim - len(out))


def apply(a, keys):
    if not keys:
        return a
    k = keys[0]
    if isinstance(k, int):
        return apply(a[k], keys[1:])
    return [apply(x, keys[1:]) for x in a[k]]


def assign(a, keys, src):
    k = keys[0]
    if len(keys) == 1:
        if isinstance(k, int):
            a[k] = src
        else:
            idx = range(len(a))[k]
            for j, i in enumerate(idx):
                a[i] = src[j]
        return
    if isinstance(k, int):
        assign(a[k], keys[1:], src)
    else:
        for j, i in enumerate(range(len(a))[k]):
            assign(a[i], keys[1:], src[j])


def shape_of(keys, shape):
    return [len(range(n)[k]) for k, n in zip(keys, shape) if isinstance(k, slice)]


def flatten(v):
    if isinstance(v, list):
        return [y for x in v for y in flatten(x)]
    return [v]


def main():
    rng = random.Random(SEED)
    bases = []
    total = 0
    for _ in range(N_BASES):
        fmt = rng.choice(FORMATS)
        ndim = rng.choice([1, 2, 2, 3, 3])
        shape = [rng.randint(1, 4) for _ in range(ndim)]
        indirect = [rng.random() < 0.5 for _ in range(ndim)]
        if not any(indirect):
            indirect[rng.randrange(ndim)] = True
        a = rand_array(rng, fmt, shape)
        heap, strides, subs, alloc_region, place = layout(rng, fmt, shape, indirect)
        offset = alloc_region(0)
        place(0, offset, a)
        buf = bytes(heap.buf)
        assert read(buf, fmt, shape, strides, subs, offset) == a
        base = {"format": fmt, "bytes": buf.hex(), "offset": offset, "shape": shape, "strides": strides,
                "suboffsets": subs, "list": enc(a), "selects": [], "assigns": []}
        for _ in range(8):
            keys, text = random_sub(rng, shape)
            full = expand(keys, ndim)
            case = {"sub": text}
            bad = next(((d, k) for d, k in enumerate(full) if isinstance(k, int) and not -shape[d] <= k < shape[d]),
                       None)
            kept = False
            refused = False
            for d, k in enumerate(full):
                if isinstance(k, slice):
                    kept = True
                elif indirect[d] and kept:
                    refused = True
            # The other refusal the model forces: a start shift after a pointer can only go into the suboffset of
            # the indirect dimension before it (CPython's init_slice rule for dimensions > 0), and a shift by a
            # negative stride can make that suboffset negative, which PEP 3118 reads as "no pointer".
            negative = False
            if not refused and bad is None:
                sub = list(subs)
                for d, k in enumerate(full):
                    start = k % shape[d] if isinstance(k, int) else k.indices(shape[d])[0]
                    shift = start * strides[d]
                    n = d - 1
                    while n >= 0 and sub[n] < 0:
                        n -= 1
                    if shift and n >= 0:
                        sub[n] += shift
                    if isinstance(k, int) and indirect[d]:
                        sub[d] = -1  # followed now: later shifts go to the offset
                negative = any(isinstance(k, slice) and subs[d] >= 0 and sub[d] < 0 for d, k in enumerate(full))
            if bad is not None:
                d, k = bad
                case["error"] = {"type": "IndexError",
                                 "message": "index %d is out of bounds for axis %d with size %d" % (k, d, shape[d])}
            elif refused:
                case["error"] = {"type": "NotImplementedError", "message":
                                 "memoryview: a sub-view cannot drop an indirect (suboffset) dimension after a kept one"}
            elif negative:
                case["error"] = {"type": "NotImplementedError", "message": "memoryview: this sub-view would need a "
                                 "negative suboffset (a negative stride after an indirect dimension)"}
                case["list"] = enc(apply(a, full))  # what it would hold
            else:
                case["shape"] = shape_of(full, shape)
                case["list"] = enc(apply(a, full))
                # an assignment into the same sub-view
                src = rand_array(rng, fmt, case["shape"])
                after = json.loads(json.dumps(a))
                assign(after, full, src)
                flat = flatten(src)
                case["srcBytes"] = struct.pack('<%d%s' % (len(flat), fmt), *flat).hex()  # C order
                case["after"] = enc(after)
            base["selects"].append(case)
            total += 1
        bases.append(base)
    out = {"generator": "tools/cpython/gen_pil_select.py", "python": sys.version.split()[0], "seed": SEED,
           "cases": total, "bases": bases}
    here = os.path.dirname(os.path.abspath(__file__))
    path = os.path.join(here, '..', '..', 'core', 'src', 'test', 'resources', 'golden', 'pil_select.json.gz')
    data = json.dumps(out, separators=(',', ':')).encode()
    with gzip.GzipFile(path, 'wb', mtime=0) as f:
        f.write(data)
    print('wrote', os.path.normpath(path), len(bases), 'bases', total, 'selects', len(data), 'bytes raw')


if __name__ == '__main__':
    main()
