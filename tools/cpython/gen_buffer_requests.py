#!/usr/bin/env python3
"""Golden answers of CPython's exporters to every buffer request flag combination.

Run with CPython 3.13 (needs _testbuffer):

    ~/.pyenv/versions/3.13.0/bin/python tools/cpython/gen_buffer_requests.py

writes core/src/test/resources/golden/buffer_requests.json.gz, replayed by io.memview.BufferRequestGoldenTest.

For each exporter (bytes, bytearray, array.array of every typecode, mmap read-only and writable, memoryviews of
contiguous, strided, negative, Fortran, 0-d and PIL layouts) and each of the 256 combinations of the request bits
WRITABLE, FORMAT, ND, 0x10 (strides), 0x20 (C), 0x40 (F), 0x80 (any), 0x100 (indirect), it records

  * "buffer": the raw Py_buffer the exporter fills in for the request, seen through
    _testbuffer.ndarray(obj, getbuf=flags) (format None = NULL, shape/strides None = NULL), or the error;
  * "view": memoryview._from_flags(obj, flags): the reconstructed view's attributes, tolist() and tobytes(), or the
    error.

Values use the encoding of io.memview.testing.PyValues: ints {"i": "..."}, floats {"f": "<ieee bits>"}, bytes
{"b": "<hex>"}.
"""
import array
import gzip
import json
import math
import mmap
import os
import struct
import sys
import tempfile
import warnings

from _testbuffer import ndarray, ND_WRITABLE, ND_FORTRAN, ND_PIL

warnings.simplefilter("ignore", DeprecationWarning)

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "core", "src", "test", "resources", "golden",
                   "buffer_requests.json.gz")

BITS = [0x1, 0x4, 0x8, 0x10, 0x20, 0x40, 0x80, 0x100]


def enc(v):
    if v is None or isinstance(v, (bool, str)):
        return v
    if isinstance(v, int):
        return {"i": str(v)}
    if isinstance(v, float):
        return {"f": struct.pack(">d", v).hex()}
    if isinstance(v, (bytes, bytearray)):
        return {"b": bytes(v).hex()}
    if isinstance(v, (list, tuple)):
        return [enc(x) for x in v]
    raise TypeError(type(v))


def err(e):
    return {"error": [type(e).__name__, str(e)]}


def raw_buffer(obj, flags):
    try:
        nd = ndarray(obj, getbuf=flags)
    except Exception as e:  # noqa: BLE001 - every refusal is data
        return err(e)
    ndim = nd.ndim
    shape = list(nd.shape)
    strides = list(nd.strides)
    subs = list(nd.suboffsets)
    out = {
        "format": nd.format if nd.format != "" else None,
        "itemsize": nd.itemsize,
        "ndim": ndim,
        # _testbuffer shows a NULL array as (); for ndim 0 both are () anyway.
        "shape": shape if (shape or ndim == 0) else None,
        "strides": strides if (strides or ndim == 0) else None,
        "suboffsets": subs if subs else None,
        "readonly": bool(nd.readonly),
        "len": nd.nbytes,
    }
    del nd
    return out


def view_of(obj, flags):
    try:
        m = memoryview._from_flags(obj, flags)
    except Exception as e:  # noqa: BLE001
        return err(e)
    out = {
        "format": m.format,
        "itemsize": m.itemsize,
        "ndim": m.ndim,
        "shape": list(m.shape),
        "strides": list(m.strides),
        "suboffsets": list(m.suboffsets) if m.suboffsets else None,
        "readonly": m.readonly,
        "nbytes": m.nbytes,
        "c": m.c_contiguous,
        "f": m.f_contiguous,
        "contiguous": m.contiguous,
    }
    try:
        out["tolist"] = enc(m.tolist())
    except Exception as e:  # noqa: BLE001
        out["tolist"] = err(e)
    try:
        out["tobytes"] = enc(m.tobytes())
    except Exception as e:  # noqa: BLE001
        out["tobytes"] = err(e)
    m.release()
    return out


ARRAY_VALUES = {
    "b": [-128, -1, 0, 1, 127],
    "B": [0, 1, 128, 255],
    "h": [-32768, -2, 1000, 32767],
    "H": [0, 1000, 65535],
    "i": [-2**31, -5, 7, 2**31 - 1],
    "I": [0, 7, 2**32 - 1],
    "l": [-2**63, -9, 9, 2**63 - 1],
    "L": [0, 9, 2**64 - 1],
    "q": [-2**63, -3, 3, 2**63 - 1],
    "Q": [0, 3, 2**64 - 1],
    "f": [-1.5, 0.0, 0.25, 3.0],
    "d": [-1.5, -0.0, 1e300, math.pi],
}


def exporters(tmpdir):
    """(name, description for the Java side, object, cleanup)."""
    out = []
    data = bytes(range(1, 13))
    out.append(("bytes", {"kind": "bytes", "content": enc(data)}, data))
    out.append(("bytes:empty", {"kind": "bytes", "content": enc(b"")}, b""))
    out.append(("bytearray", {"kind": "bytearray", "content": enc(data)}, bytearray(data)))
    out.append(("bytearray:empty", {"kind": "bytearray", "content": enc(b"")}, bytearray()))
    for tc, values in ARRAY_VALUES.items():
        out.append(("array:" + tc, {"kind": "array", "typecode": tc, "values": enc(values)}, array.array(tc, values)))
    out.append(("array:i:empty", {"kind": "array", "typecode": "i", "values": []}, array.array("i")))
    for tc in "uw":
        out.append(("array:" + tc, {"kind": "array", "typecode": tc, "text": "a\u00e9z"}, array.array(tc, "a\u00e9z")))
    for writable in (False, True):
        path = os.path.join(tmpdir, "map%d" % writable)
        with open(path, "wb") as f:
            f.write(data)
        with open(path, "r+b" if writable else "rb") as f:
            mm = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_WRITE if writable else mmap.ACCESS_READ)
        out.append(("mmap:" + ("w" if writable else "r"), {"kind": "mmap", "writable": writable,
                                                           "content": enc(data)}, mm))
        # MemoryView.map is memoryview(mmap): requests are answered by the view, with memoryview's messages.
        out.append(("memoryview:mmap-" + ("w" if writable else "r"), {"kind": "mapped-view", "writable": writable,
                                                                      "content": enc(data)}, memoryview(mm)))
    for name, m in memoryview_layouts():
        layout = {
            "kind": "memoryview",
            "format": m.format,
            "itemsize": m.itemsize,
            "shape": list(m.shape),
            "strides": list(m.strides),
            "suboffsets": list(m.suboffsets) if m.suboffsets else None,
            "readonly": m.readonly,
            "items": enc(items_c_order(m)),
        }
        out.append(("memoryview:" + name, layout, m))
    return out


def items_c_order(m):
    """The items in C order, read through struct (memoryview.tolist refuses formats like '<i')."""
    if m.ndim == 0:
        return struct.unpack(m.format, m.tobytes())[0]
    raw = m.tobytes()
    flat = [struct.unpack_from(m.format, raw, k * m.itemsize)[0] for k in range(len(raw) // m.itemsize)]
    return flat


def memoryview_layouts():
    base = lambda: bytearray(range(1, 25))  # noqa: E731
    yield "C-1d-B", memoryview(base())
    yield "C-1d-B-readonly", memoryview(bytes(range(1, 25)))
    yield "strided-1d", memoryview(base())[::2]
    yield "negative-1d", memoryview(base())[::-1]
    yield "negative-1d-readonly", memoryview(bytes(range(1, 25)))[::-3]
    yield "empty-strided-1d", memoryview(base())[::2][0:0]
    yield "empty-1d", memoryview(base())[3:3]
    yield "C-2d-i", memoryview(base()).cast("i", [2, 3])
    yield "C-2d-d-readonly", memoryview(bytes(range(1, 49))).cast("d", [3, 2])
    yield "C-3d-h", memoryview(base()).cast("h", [2, 3, 2])
    yield "rows-1x6", memoryview(base()).cast("B", [4, 6])[1:2]
    yield "reversed-rows-2d", memoryview(base()).cast("B", [4, 6])[::-1]
    yield "strided-rows-2d", memoryview(base()).cast("H", [4, 3])[::2]
    yield "0d-i", memoryview(base()[:4]).cast("i", [])
    yield "0d-B-readonly", memoryview(b"\x07").cast("B", [])
    yield "empty-2d", memoryview(base()).cast("B", [4, 6])[2:2]
    yield "fortran-2d-B", memoryview(ndarray(list(range(1, 7)), shape=[2, 3], format="B",
                                             flags=ND_WRITABLE | ND_FORTRAN))
    yield "fortran-2d-h-readonly", memoryview(ndarray(list(range(1, 13)), shape=[3, 4], format="h",
                                                      flags=ND_FORTRAN))
    yield "noncontig-2d", memoryview(ndarray(list(range(1, 25)), shape=[4, 6], format="B",
                                             flags=ND_WRITABLE)[::, ::2])
    yield "le-int-1d", memoryview(ndarray(list(range(1, 7)), shape=[6], format="<i", flags=ND_WRITABLE))
    yield "pil-2d-B", memoryview(ndarray(list(range(1, 7)), shape=[2, 3], format="B",
                                         flags=ND_WRITABLE | ND_PIL))
    yield "pil-1d-B-readonly", memoryview(ndarray(list(range(1, 7)), shape=[6], format="B", flags=ND_PIL))
    yield "pil-2d-i", memoryview(ndarray(list(range(1, 7)), shape=[3, 2], format="i",
                                         flags=ND_WRITABLE | ND_PIL))


def all_flags():
    for mask in range(1 << len(BITS)):
        f = 0
        for k, bit in enumerate(BITS):
            if mask >> k & 1:
                f |= bit
        yield f


def main():
    if sys.version_info[:2] != (3, 13):
        sys.exit("run with CPython 3.13: " + sys.version)
    cases = []
    exps = []
    with tempfile.TemporaryDirectory() as tmpdir:
        exporters_made = exporters(tmpdir)
        for name, desc, obj in exporters_made:
            exps.append({"name": name, "exporter": desc})
            for flags in all_flags():
                cases.append({"exporter": name, "flags": flags, "buffer": raw_buffer(obj, flags),
                              "view": view_of(obj, flags)})
        for name, desc, obj in reversed(exporters_made):
            if isinstance(obj, memoryview):
                obj.release()
        for name, desc, obj in exporters_made:
            if isinstance(obj, mmap.mmap):
                obj.close()
    doc = {
        "generator": "tools/cpython/gen_buffer_requests.py",
        "python": sys.version.split()[0],
        "platform": sys.platform + "/" + sys.byteorder,
        "flag_values": {name: int(member) for name, member in __import__("inspect").BufferFlags.__members__.items()},
        "exporters": exps,
        "cases": cases,
    }
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with gzip.GzipFile(OUT, "wb", mtime=0) as f:
        f.write(json.dumps(doc, indent=None, separators=(",", ":"), sort_keys=False).encode())
    print("%d exporters, %d cases -> %s" % (len(exps), len(cases), os.path.normpath(OUT)))


if __name__ == "__main__":
    main()
