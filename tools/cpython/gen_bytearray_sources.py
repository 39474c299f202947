#!/usr/bin/env python3
"""Golden outcomes of bytearray.extend(src) and bytearray[0:1] = src for every kind of source.

Run with CPython 3.13 (needs _testbuffer):

    ~/.pyenv/versions/3.13.0/bin/python tools/cpython/gen_bytearray_sources.py

writes core/src/test/resources/golden/bytearray_sources.json, replayed by io.memview.ByteArraySourcesGoldenTest
(ByteArray.extend and ByteArray.setSlice). extend takes a buffer only through a PyBUF_SIMPLE request (so a
non-C-contiguous view is refused) while slice assignment copies any buffer; both take iterables of ints.
"""
import array
import json
import os
import sys
import warnings

from _testbuffer import ndarray, ND_FORTRAN

warnings.simplefilter("ignore", DeprecationWarning)

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "core", "src", "test", "resources", "golden",
                   "bytearray_sources.json")

SOURCES = {
    "bytes": lambda: b"pq",
    "bytes-empty": lambda: b"",
    "bytearray": lambda: bytearray(b"pq"),
    "memoryview": lambda: memoryview(b"pq"),
    "memoryview-strided": lambda: memoryview(b"pqrs")[::2],
    "memoryview-reversed": lambda: memoryview(b"pqrs")[::-1],
    "memoryview-2d": lambda: memoryview(b"pqrs").cast("B", [2, 2]),
    "memoryview-fortran": lambda: memoryview(ndarray(list(b"pqrs"), shape=[2, 2], format="B", flags=ND_FORTRAN)),
    "memoryview-h": lambda: memoryview(array.array("h", [1, 2])),
    "array-h": lambda: array.array("h", [1, 2]),
    "list": lambda: [1, 2, 255],
    "list-empty": lambda: [],
    "list-256": lambda: [1, 256],
    "list-negative": lambda: [1, -1],
    "none": lambda: None,
}


def outcome(fn):
    ba = bytearray(b"xyz")
    try:
        fn(ba)
        return {"result": ba.hex()}
    except Exception as e:  # noqa: BLE001
        return {"error": [type(e).__name__, str(e)], "after": ba.hex()}


def main():
    if sys.version_info[:2] != (3, 13):
        sys.exit("run with CPython 3.13: " + sys.version)
    cases = []
    for name, make in SOURCES.items():
        cases.append({"source": name, "op": "extend", **outcome(lambda ba: ba.extend(make()))})
        cases.append({"source": name, "op": "setslice", **outcome(lambda ba: ba.__setitem__(slice(0, 1), make()))})
    with open(OUT, "w") as f:
        json.dump({"generator": "tools/cpython/gen_bytearray_sources.py", "python": sys.version.split()[0],
                   "cases": cases}, f, indent=1)
        f.write("\n")
    print("%d cases -> %s" % (len(cases), os.path.normpath(OUT)))


if __name__ == "__main__":
    main()
