#!/usr/bin/env python3
"""Golden outcomes of CPython's export and release rules, step by step.

Run with CPython 3.13:

    ~/.pyenv/versions/3.13.0/bin/python tools/cpython/gen_release.py

writes core/src/test/resources/golden/release.json, replayed by io.memview.ReleaseGoldenTest.

Each script is a list of steps in a small language that this file and the Java test both interpret, so the Java
test replays exactly what CPython did. The scripts follow the release/export parts of test_buffer.py and
test_memoryview.py (bytearray and array resize refusal, release with exports, operations on released views, nested
views, context managers, PEP 688 exporters whose __release_buffer__ must run exactly once, deallocation).

Steps (VAR names a value; every step records its result or error):

    VAR = bytearray HEX             bytearray(bytes.fromhex(HEX))
    VAR = bytes HEX                 bytes.fromhex(HEX)
    VAR = array TC INT...           array.array(TC, [INT...])
    VAR = exporter HEX              a PEP 688 exporter over bytearray(HEX) that counts __buffer__/__release_buffer__
    VAR = memoryview SRC            memoryview(SRC)
    VAR = fromflags SRC FLAGS       memoryview._from_flags(SRC, FLAGS)
    VAR = slice M START STOP STEP   M[START:STOP:STEP] ('_' for an absent bound)
    VAR = cast M FMT [DIM...]       M.cast(FMT) / M.cast(FMT, [DIM...])
    VAR = toreadonly M              M.toreadonly()
    VAR = buffer M FLAGS            M.__buffer__(FLAGS): an export of M
    VAR = reexport SRC              _testbuffer.ndarray(SRC, getbuf=PyBUF_FULL_RO): a consumer that holds a buffer
                                    of SRC and exports it as its own
    VAR = redirect SRC              the same with ND_REDIRECT: its exports are requests to SRC's exporter
    unexport VAR                    del VAR: the re-exporter hands its buffer back
    releasebuffer M B               M.__release_buffer__(B)
    release M                       M.release()
    exit M                          M.__exit__(None, None, None): the end of a with block
    get M ATTR                      an attribute or argument-less method (nbytes, tobytes, tolist, hex, len, ...)
    item M I                        M[I]
    setitem M I V                   M[I] = V
    objis M VAR                     M.obj is VAR
    repr M                          repr(M), its address replaced by 0x...
    eq M N                          M == N
    hash M                          hash(M) (the value is not recorded, only success or the error)
    resize VAR OP [ARG]             a size change of a bytearray/array: append V, extend HEX, clear, grow N, shrink N,
                                    setslice-same, setslice-grow, delete
    content VAR                     bytes(VAR)
    counts EX                       [__buffer__ calls, __release_buffer__ calls] of an exporter
    drop M                          del M; gc.collect(): the view becomes unreachable
"""
import array
import gc
import json
import os
import re
import sys
import warnings

from _testbuffer import ndarray, ND_REDIRECT, PyBUF_FULL_RO

warnings.simplefilter("ignore", DeprecationWarning)

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "core", "src", "test", "resources", "golden",
                   "release.json")


def enc(v):
    if v is None or isinstance(v, (bool, str)):
        return v
    if isinstance(v, int):
        return {"i": str(v)}
    if isinstance(v, float):
        import struct
        return {"f": struct.pack(">d", v).hex()}
    if isinstance(v, (bytes, bytearray)):
        return {"b": bytes(v).hex()}
    if isinstance(v, (list, tuple)):
        return [enc(x) for x in v]
    raise TypeError(type(v))


class Exporter:
    """A PEP 688 exporter over a bytearray that counts the calls made to it."""

    def __init__(self, data):
        self.data = data
        self.gets = 0
        self.releases = 0

    def __buffer__(self, flags):
        self.gets += 1
        return memoryview(self.data)

    def __release_buffer__(self, view):
        self.releases += 1
        view.release()


def bound(s):
    return None if s == "_" else int(s)


def run(lines):
    env = {}
    steps = []
    for line in lines:
        rec = {"step": line}
        try:
            out = execute(env, line)
            if out is not None:
                rec["result"] = out
        except Exception as e:  # noqa: BLE001 - every failure is data
            rec["error"] = [type(e).__name__, str(e)]
        steps.append(rec)
    env.clear()
    gc.collect()
    return steps


def execute(env, line):
    t = line.split()
    if len(t) >= 3 and t[1] == "=":
        env[t[0]] = make(env, t[2], t[3:])
        return None
    op, a = t[0], t[1:]
    if op == "releasebuffer":
        env[a[0]].__release_buffer__(env[a[1]])
    elif op == "release":
        env[a[0]].release()
    elif op == "exit":
        env[a[0]].__exit__(None, None, None)
    elif op == "get":
        m = env[a[0]]
        if a[1] == "len":
            return enc(len(m))
        v = getattr(m, a[1])
        if callable(v):
            v = v()
        return enc(v)
    elif op == "item":
        return enc(env[a[0]][int(a[1])])
    elif op == "setitem":
        env[a[0]][int(a[1])] = int(a[2])
    elif op == "objis":
        return env[a[0]].obj is env[a[1]]
    elif op == "repr":
        return re.sub(r"0x[0-9a-f]+", "0x...", repr(env[a[0]]))
    elif op == "eq":
        return env[a[0]] == env[a[1]]
    elif op == "hash":
        hash(env[a[0]])
        return "int"
    elif op == "resize":
        resize(env[a[0]], a[1], a[2:])
    elif op == "content":
        return enc(bytes(env[a[0]]))
    elif op == "counts":
        e = env[a[0]]
        return enc([e.gets, e.releases])
    elif op == "unexport":
        del env[a[0]]
    elif op == "drop":
        del env[a[0]]
        gc.collect()
    else:
        raise AssertionError("unknown step " + line)
    return None


def make(env, kind, a):
    if kind == "bytearray":
        return bytearray(bytes.fromhex(a[0]) if a else b"")
    if kind == "bytes":
        return bytes.fromhex(a[0]) if a else b""
    if kind == "array":
        return array.array(a[0], [int(x) for x in a[1:]])
    if kind == "exporter":
        return Exporter(bytearray(bytes.fromhex(a[0])))
    if kind == "memoryview":
        return memoryview(env[a[0]])
    if kind == "fromflags":
        return memoryview._from_flags(env[a[0]], int(a[1]))
    if kind == "slice":
        return env[a[0]][bound(a[1]):bound(a[2]):bound(a[3])]
    if kind == "cast":
        return env[a[0]].cast(a[1], [int(x) for x in a[2:]]) if len(a) > 2 else env[a[0]].cast(a[1])
    if kind == "toreadonly":
        return env[a[0]].toreadonly()
    if kind == "buffer":
        return env[a[0]].__buffer__(int(a[1]))
    if kind == "reexport":
        return ndarray(env[a[0]], getbuf=PyBUF_FULL_RO)
    if kind == "redirect":
        return ndarray(env[a[0]], getbuf=PyBUF_FULL_RO, flags=ND_REDIRECT)
    raise AssertionError("unknown kind " + kind)


def resize(obj, op, a):
    """The size changes memview's ByteArray and TypedArray have, done the way CPython does each."""
    n = len(obj)
    is_array = isinstance(obj, array.array)
    zero = array.array(obj.typecode, [0]) if is_array else b"\x00"
    if op == "append":
        obj.append(int(a[0]))
    elif op == "extend":
        obj.extend([int(x) for x in a] if is_array else bytes.fromhex(a[0] if a else ""))
    elif op == "clear":
        obj.clear()
    elif op == "grow":  # resize(len + N)
        obj.extend(zero * int(a[0]))
    elif op == "shrink":  # resize(len - N)
        if is_array:
            for _ in range(int(a[0])):
                obj.pop()
        else:
            del obj[n - int(a[0]):]
    elif op == "setslice-same":  # ByteArray.setSlice(0, 1, one byte)
        obj[0:1] = zero
    elif op == "setslice-grow":  # ByteArray.setSlice(0, 1, two bytes)
        obj[0:1] = zero * 2
    elif op == "delete":  # ByteArray.deleteSlice(0, 1)
        del obj[0]
    else:
        raise AssertionError(op)


RESIZES_BYTEARRAY = ["resize ba append 100", "resize ba extend 6566", "resize ba clear", "resize ba grow 2",
                     "resize ba shrink 1", "resize ba setslice-grow", "resize ba delete"]
RESIZES_ARRAY = ["resize a append 7", "resize a extend 8 9", "resize a clear", "resize a grow 2",
                 "resize a shrink 1"]
RELEASED_OPS = ["get m nbytes", "get m readonly", "get m itemsize", "get m format", "get m ndim", "get m shape",
                "get m strides", "get m suboffsets", "get m c_contiguous", "get m f_contiguous",
                "get m contiguous", "get m obj", "get m len", "item m 0", "setitem m 0 1", "x = slice m 0 1 _",
                "get m tolist", "get m tobytes", "get m hex", "x = cast m B", "x = toreadonly m",
                "x = memoryview m", "x = buffer m 284", "x = fromflags m 0", "repr m", "eq m m", "eq m other",
                "release m", "exit m"]

SCRIPTS = {
    "bytearray refuses every size change while a view is live": (
        ["ba = bytearray 616263", "m = memoryview ba"] + RESIZES_BYTEARRAY
        + ["resize ba setslice-same", "content ba", "release m"] + RESIZES_BYTEARRAY + ["content ba"]),
    "array refuses every size change while a view is live": (
        ["a = array h 1000 2000 3000", "m = memoryview a"] + RESIZES_ARRAY
        + ["setitem m 0 5", "content a", "release m"] + RESIZES_ARRAY + ["content a"]),
    "size changes that change nothing are allowed while exported": [
        "ba = bytearray", "m = memoryview ba", "resize ba clear", "resize ba grow 0", "resize ba shrink 0",
        "resize ba extend", "resize ba append 1", "a = array h", "n = memoryview a", "resize a clear", "resize a grow 0",
        "resize a shrink 0", "resize a extend", "resize a append 1", "release m", "release n", "resize ba append 1",
        "resize a append 1", "content ba", "content a"],
    "a slice keeps the export alive after its parent is released": [
        "ba = bytearray 616263", "m = memoryview ba", "s = slice m 1 _ _", "release m", "resize ba append 1",
        "get s tobytes", "release s", "resize ba append 1", "content ba"],
    "release with exports": [
        "ba = bytearray 616263", "m = memoryview ba", "b1 = buffer m 284", "release m", "get m tobytes",
        "b2 = buffer m 0", "release m", "exit m", "objis b1 m", "get b2 format", "get b2 itemsize",
        "releasebuffer m b1", "release m", "releasebuffer m b2", "release m", "repr m", "release m",
        "resize ba append 1"],
    "an export from a read-only view": [
        "b = bytes 616263", "m = memoryview b", "w = buffer m 1", "r = buffer m 0", "release m",
        "releasebuffer m r", "release m"],
    "operations on a released view": (
        ["ba = bytearray 616263", "other = bytearray 616263", "m = memoryview ba", "release m"] + RELEASED_OPS
        + ["resize ba append 1"]),
    "operations on a released 2-d view": (
        ["ba = bytearray 000102030405", "other = bytearray 00", "m0 = memoryview ba", "m = cast m0 B 2 3",
         "release m0", "release m"] + RELEASED_OPS),
    "hash survives release only when cached": [
        "b = bytes 616263", "m = memoryview b", "n = memoryview b", "hash m", "release m", "hash m",
        "release n", "hash n", "ba = bytearray 61", "w = memoryview ba", "hash w"],
    "released views compare by identity": [
        "ba = bytearray 616263", "m = memoryview ba", "n = memoryview ba", "eq m n", "release m", "eq m n",
        "eq m m", "eq n m", "release n", "eq n m"],
    "repr before and after release": [
        "ba = bytearray 616263", "m = memoryview ba", "repr m", "release m", "repr m"],
    "nested views share one export (test_memoryview nested views)": [
        "ba = bytearray 616263", "m1 = memoryview ba", "m2 = slice m1 1 _ _", "m3 = memoryview m1",
        "m4 = cast m1 c", "m5 = toreadonly m1", "objis m2 ba", "objis m3 ba", "objis m4 ba", "objis m5 ba",
        "release m1", "get m2 tobytes", "get m5 readonly", "resize ba append 1", "release m2", "release m3",
        "release m4", "resize ba append 1", "release m5", "resize ba append 1", "content ba"],
    "with block: exit releases, a sub-view outlives it": [
        "ba = bytearray 616263", "cm = memoryview ba", "sub = slice cm 0 1 _", "exit cm", "get cm tobytes",
        "get sub tobytes", "resize ba append 1", "release sub", "resize ba append 1"],
    "with block: an export alive at exit raises, the view stays usable": [
        "ba = bytearray 616263", "cm = memoryview ba", "b = buffer cm 284", "exit cm", "get cm tobytes",
        "releasebuffer cm b", "exit cm", "exit cm", "get cm tobytes"],
    "nested with blocks release each their own view": [
        "ba = bytearray 616263", "m1 = memoryview ba", "m2 = memoryview m1", "exit m2", "get m1 tobytes",
        "resize ba append 1", "exit m1", "resize ba append 1"],
    "views of a view of a released view": [
        "b = bytes 616263", "p = memoryview b", "c = memoryview p", "release p", "get c tobytes",
        "x = memoryview p", "d = slice c 0 2 _", "release c", "get d tobytes"],
    "fromflags of a view ignores the flags": [
        "ba = bytearray 00010203040506070809", "m0 = memoryview ba", "m = slice m0 0 _ 2", "f = fromflags m 0",
        "get f strides", "get f format", "get f c_contiguous", "release f", "release m", "release m0",
        "resize ba append 1"],
    "PEP 688 exporter: __release_buffer__ runs once, after the last view": [
        "ex = exporter 616263", "m = memoryview ex", "counts ex", "s = slice m 1 _ _", "c = cast m B",
        "n = memoryview m", "r = toreadonly m", "counts ex", "release m", "counts ex", "get s tobytes",
        "release s", "release c", "release n", "counts ex", "release r", "counts ex", "release r",
        "release m", "counts ex"],
    "PEP 688 exporter: each memoryview is one request": [
        "ex = exporter 616263", "m = memoryview ex", "n = memoryview ex", "counts ex", "release n",
        "counts ex", "release m", "counts ex"],
    "a re-exporter keeps the view it holds from being released (test_buffer memoryview_release)": [
        "a = bytearray 010203", "m = memoryview a", "nd = reexport m", "release m", "objis nd m",
        "v = memoryview nd", "objis v nd", "get v tolist", "release v", "release m", "unexport nd", "release m",
        "resize a append 1"],
    "redirecting re-exporters ask the original view (test_buffer memoryview_release)": [
        "a = bytearray 010203", "m = memoryview a", "nd1 = redirect m", "nd2 = redirect nd1", "objis nd2 m",
        "objis nd1 m", "release m", "v = memoryview nd2", "objis v m", "release m", "release v", "unexport nd1",
        "release m", "unexport nd2", "release m", "resize a append 1"],
    "a re-exporter of a derived view (test_buffer memoryview_release, chained views)": [
        "a = bytearray 010203", "m1 = memoryview a", "m2 = memoryview m1", "nd = reexport m2", "release m1",
        "release m2", "resize a append 1", "unexport nd", "release m2", "resize a append 1"],
    "redirecting re-exporters of a derived view": [
        "a = bytearray 010203", "m1 = memoryview a", "m2 = memoryview m1", "nd1 = redirect m2",
        "nd2 = redirect nd1", "objis nd2 m2", "release m1", "release m2", "unexport nd1", "unexport nd2",
        "release m2", "resize a append 1"],
    "views of views of re-exporters in nested with blocks (catch22)": [
        "x = bytearray 313233", "m1 = memoryview x", "c = memoryview m1", "exit c", "item m1 0",
        "y = reexport m1", "m2 = memoryview y", "z = reexport m2", "m3 = memoryview z", "c3 = memoryview m3",
        "exit c3", "c2 = memoryview m2", "exit c2", "c1 = memoryview m1", "exit c1", "item m1 0", "item m2 1",
        "item m3 2", "exit m3", "unexport z", "exit m2", "unexport y", "exit m1", "resize x append 1"],
    "redirect chain over a 3-d view": [
        "b = bytearray 000102030405060708090a0b", "mb = memoryview b", "x = cast mb B 2 2 3", "y = redirect x",
        "z = redirect y", "objis z x", "m = memoryview z", "c = memoryview m", "exit c", "s = slice m 0 1 _",
        "get s tolist", "release s", "exit m", "release x", "unexport y", "unexport z", "release x", "release mb",
        "resize b append 1"],
    "a dropped view releases its export": [
        "ba = bytearray 616263", "m = memoryview ba", "s = slice m 0 1 _", "resize ba append 1", "drop m",
        "resize ba append 1", "drop s", "resize ba append 1", "content ba"],
    "a dropped view of an exporter releases it once": [
        "ex = exporter 616263", "m = memoryview ex", "s = slice m 0 1 _", "drop m", "counts ex", "drop s",
        "counts ex"],
}


def main():
    if sys.version_info[:2] != (3, 13):
        sys.exit("run with CPython 3.13: " + sys.version)
    scripts = [{"name": name, "steps": run(lines)} for name, lines in SCRIPTS.items()]
    doc = {"generator": "tools/cpython/gen_release.py", "python": sys.version.split()[0], "scripts": scripts}
    with open(OUT, "w") as f:
        json.dump(doc, f, indent=1)
        f.write("\n")
    print("%d scripts, %d steps -> %s" % (len(scripts), sum(len(s["steps"]) for s in scripts),
                                           os.path.normpath(OUT)))


if __name__ == "__main__":
    main()
