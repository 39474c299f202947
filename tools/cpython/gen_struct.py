#!/usr/bin/env python3
"""Golden vectors for memview's struct module, recorded from CPython 3.13.

Run from the repository root with CPython 3.13 (the oracle named in DESIGN.md):

    ~/.pyenv/versions/3.13.0/bin/python tools/cpython/gen_struct.py

It writes, deterministically (seeded random, gzip without a timestamp, sorted keys), so that re-running it
regenerates identical files:

  core/src/test/resources/golden/struct.jsonl.gz   one JSON object per line, one case each (StructGoldenTest)
  core/src/test/resources/golden/half.json.gz      binary16 unpack of all 65536 bit patterns and the packing of
                                                   doubles to binary16 (HalfTest)
  core/src/test/resources/golden/native_abi.json   native sizes and alignments of this machine (NativeAbiTest)

Values use the PyValues encoding (core/src/test/java/io/memview/testing/PyValues.java): int {"i": "123"},
float {"f": "<64-bit hex>"}, bytes {"b": "<hex>"}, str a JSON string, None null, bool true/false, tuple/list
an array; plus {"ba": "<hex>"} for a bytearray (the test maps it to io.memview.ByteArray). Python values are
chosen so that each has a Java counterpart per DESIGN.md's value table (int -> Long/BigInteger, float -> Double,
bool -> Boolean, bytes -> Bytes/byte[], bytearray -> ByteArray, str -> String, None -> null, list -> List).

Every case line has "cat" (category), "fmt", the inputs, and either "ok" (the result) or "err"
([python type, message]); pack_into cases also record "after" (the buffer after a successful call).
"""
import gzip
import json
import math
import os
import platform
import random
import struct
import sys

assert sys.version_info[:2] == (3, 13), "run with CPython 3.13: ~/.pyenv/versions/3.13.0/bin/python"

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "core", "src", "test", "resources", "golden")

CODES = "xcbB?hHiIlLqQnNefdspP"
PREFIXES = ["", "@", "=", "<", ">", "!"]
INT_CODES = "bBhHiIlLqQnNP"
FLOAT_CODES = "efd"

rnd = random.Random(20261202)


# ------------------------------------------------------------------------------------------- encoding

def enc(v):
    if v is None or isinstance(v, (bool, str)):
        return v
    if isinstance(v, int):
        return {"i": str(v)}
    if isinstance(v, float):
        return {"f": struct.pack(">d", v).hex()}
    if isinstance(v, bytes):
        return {"b": v.hex()}
    if isinstance(v, bytearray):
        return {"ba": bytes(v).hex()}
    if isinstance(v, (list, tuple)):
        return [enc(x) for x in v]
    raise TypeError("no encoding for %r" % (v,))


def err(e):
    t = type(e)
    name = "struct.error" if t is struct.error else t.__name__
    return [name, str(e)]


def fbits(bits):
    """The double with the 64 IEEE bits `bits` (NaN payloads kept)."""
    return struct.unpack(">d", bits.to_bytes(8, "big"))[0]


CASES = []
SEEN = set()


def add(case):
    key = json.dumps(case, sort_keys=True)
    if key not in SEEN:
        SEEN.add(key)
        CASES.append(case)


# ------------------------------------------------------------------------------------------- calcsize

def calc(fmt):
    case = {"cat": "calcsize", "fmt": fmt}
    try:
        case["ok"] = struct.calcsize(fmt)
    except Exception as e:  # noqa: BLE001 - every failure is recorded
        case["err"] = err(e)
    add(case)
    return case


def gen_calcsize():
    counts = ["", "0", "1", "2", "3", "7", "10", "100", "255", "256", "1000"]
    for p in PREFIXES:
        calc(p)
        for c in CODES:
            for n in counts:
                calc(p + n + c)
    # pairs and their alignment, with counts
    for p in PREFIXES:
        for a in CODES:
            for b in CODES:
                calc(p + a + b)
                calc(p + a + "0" + b)
                calc(p + "3" + a + "2" + b)
    # random sequences of items
    for _ in range(1500):
        p = rnd.choice(PREFIXES)
        items = []
        for _ in range(rnd.randint(1, 6)):
            n = rnd.choice(["", "", "", "0", "1", "2", "3", "5", str(rnd.randint(0, 40))])
            items.append(n + rnd.choice(CODES))
        sep = rnd.choice(["", "", " ", "\t", "\n ", "\x0b", "\x0c", "\r"])
        calc(p + sep.join(items))
    # every ASCII character as a code, under every prefix, and as a prefix
    for p in PREFIXES:
        for ch in range(128):
            calc(p + chr(ch))
            calc(p + "2" + chr(ch))
    for ch in range(128):
        calc(chr(ch) + "i")
    # grammar: whitespace, counts without codes, signs, prefixes out of place, overflow
    for f in ["3", "i3", "<3", "@3", "3 ", " 3", "2 i", "2\ti", " <i", "\t<i", "<<i", "@=i", "i<i", "i@", "ii!",
              "-1i", "+1i", "1-i", "0x10i", "1_0i", "1.5i", "i ", " i", "  i  i  ", "< i", "<\ni", "i\n",
              " \t\n\r\x0b\x0ci", "i \x00", "\x00", "i\x00i", "\x00i",
              "99999999999999999999i", "4611686018427387904i", "2305843009213693952i", "2305843009213693951i",
              "9223372036854775808s", "9223372036854775807s", "9223372036854775807p", "9223372036854775808p",
              "9223372036854775807x", "9223372036854775808x", "9223372036854775806xc", "9223372036854775807xc",
              "9223372036854775807c", "1152921504606846975q", "1152921504606846976q", "<1152921504606846976q",
              "c9223372036854775807x", "c9223372036854775800xi", "9223372036854775807sq", "i9223372036854775807s",
              "4611686018427387903h", "4611686018427387904h", "<4611686018427387904h", "00i", "007i", "0000000000000000000000000000i",
              "1000000000i", "T{i}", "{", "}", "(i)", "#", "Zf", "Zd", "F", "D", "u", "w", "O", "g", "t",
              "ii ii", "iiii", "i i i i", "\x0bi\x0b", "z", "3z", "i z", "@ @", "< <", "!", "=", "<", ">", "@"]:
        calc(f)
    # non-ASCII formats (UnicodeEncodeError)
    for f in ["\u00e9", "i\u00e9", "<i\u00e9\u00e8", "\u20ac", "ii\U0001f600", "\u00e9\U0001f600i", "\u00ff"]:
        calc(f)


# ------------------------------------------------------------------------------------------- pack values

def int_range(code, p):
    size = struct.calcsize(p + code)
    if code == "P":
        return -(1 << 63), (1 << 64) - 1
    if code in "bhilqn":
        return -(1 << (8 * size - 1)), (1 << (8 * size - 1)) - 1
    return 0, (1 << (8 * size)) - 1


FLOAT_SPECIALS = [0.0, -0.0, 1.0, -1.0, 0.5, 1.5, 2.5, math.pi, -math.e, 1e-300, -1e300, 5e-324, -5e-324,
                  2.2250738585072014e-308, 2.225073858507201e-308, 1.7976931348623157e308, -1.7976931348623157e308,
                  math.inf, -math.inf, math.nan, -math.nan,
                  fbits(0x7FF0000000000001), fbits(0x7FF4000000000000), fbits(0xFFF0000000000123),
                  fbits(0x7FF8000000000001), fbits(0x7FFFFFFFFFFFFFFF), fbits(0x7FF8000020000000),
                  fbits(0x7FF0000020000000),
                  # float32 edges
                  3.4028234663852886e38, 3.4028235677973366e38, 3.4028235677973362e38, 3.402823567797336e38,
                  -3.4028235677973366e38, 3.5e38, 1e39, -1e39, 1.401298464324817e-45, 7.006492321624085e-46,
                  7.006492321624087e-46, 1.1754943508222875e-38, 1.1754942106924411e-38, 16777217.0,
                  0.1, 1.0000000596046448, 1.0000001192092896, 1.0000000596046449,
                  # binary16 edges
                  65504.0, 65519.99, 65520.0, -65520.0, 65519.999999999993, 65536.0, 1e5, 6.103515625e-05,
                  6.097555160522461e-05, 5.960464477539063e-08, 2.9802322387695312e-08, 2.98023223876953125e-08,
                  2.9802322387695315e-08, 2.98e-08, 4.5e-08, 8.940696716308594e-08, 1.00048828125, 1.00146484375,
                  1.0009765625, 2049.0, 2051.0, 4097.0, 0.333333333, 1e-10]


def int_values(code, p):
    lo, hi = int_range(code, p)
    vals = [lo - 1, lo, lo + 1, -1, 0, 1, 2, hi - 1, hi, hi + 1, 127, 128, 255, 256, -128, -129, 32767, 32768,
            65535, 65536, -32768, -32769, 2**31 - 1, 2**31, -2**31, -2**31 - 1, 2**32 - 1, 2**32, 2**63 - 1, 2**63,
            -2**63, -2**63 - 1, 2**64 - 1, 2**64, 2**100, -2**100, True, False]
    for _ in range(6):
        vals.append(rnd.randint(lo, hi))
    vals += [1.0, 0.0, -1.5, math.nan, "1", "", None, b"\x01", bytearray(b"\x01"), [1]]
    return vals


def float_values(code, p):
    vals = list(FLOAT_SPECIALS)
    vals += [0, 1, -1, 65504, 65519, 65520, 2**24 + 1, 2**53 + 1, 2**64, 2**127, 2**128, 2**200, 2**1023,
             2**1024, -2**1024, 10**400, True, False]
    for _ in range(12):
        vals.append(fbits(rnd.getrandbits(64)))
    for _ in range(8):
        vals.append(rnd.uniform(-70000, 70000))
    for _ in range(4):
        vals.append(rnd.uniform(-1e-4, 1e-4))
    vals += ["1.0", None, b"\x00", bytearray(2), [1.0]]
    return vals


def bool_values():
    return [True, False, 0, 1, -1, 2, 2**100, 0.0, -0.0, 1.5, math.nan, math.inf, "", "a", "False", b"", b"\x00",
            bytearray(), bytearray(b"\x00"), None, [], [0], [[]], 256, -2**100]


def char_values():
    return [b"a", b"\x00", b"\xff", b"", b"ab", bytearray(b"a"), 97, "a", None, [b"a"], 1.0]


def string_values():
    vals = [b"", b"a", b"ab", b"abc", b"abcdef", b"\x00\xff", b"x" * 254, b"x" * 255, b"x" * 256, b"y" * 300,
            bytearray(b"xyz"), bytearray(), "abc", None, 1, [b"a"], 1.0]
    return vals


def pack_case(fmt, args, cat="pack"):
    case = {"cat": cat, "fmt": fmt, "args": enc(list(args))}
    try:
        case["ok"] = enc(struct.pack(fmt, *args))
    except Exception as e:  # noqa: BLE001
        case["err"] = err(e)
    add(case)
    return case


def gen_pack():
    for p in PREFIXES:
        for c in INT_CODES:
            if c in "nNP" and p not in ("", "@"):
                continue
            for v in int_values(c, p):
                pack_case(p + c, [v])
        for c in FLOAT_CODES:
            for v in float_values(c, p):
                pack_case(p + c, [v])
        for v in bool_values():
            pack_case(p + "?", [v])
        for v in char_values():
            pack_case(p + "c", [v])
        for n in ["", "0", "1", "2", "3", "5", "10", "255", "256", "300"]:
            for c in "sp":
                for v in string_values():
                    pack_case(p + n + c, [v])
    # argument counts
    for fmt in ["", "i", "2i", "x", "3x", "0i", "0s", "s", "ci", "5p", "<hh", "@qq?", "i0q", "3s2p"]:
        for k in range(4):
            args = [b"a" if ch in "csp" else 1 for ch in (fmt.replace("<", "").replace("@", ""))][:k]
            pack_case(fmt, [1] * k)
            pack_case(fmt, args)
    # multi-value formats with random valid values (and their alignment padding)
    for _ in range(2500):
        fmt, args = random_valid(rnd.choice(PREFIXES))
        pack_case(fmt, args)
    # one bad value among good ones: the first failing value decides the message
    for _ in range(400):
        fmt, args = random_valid(rnd.choice(PREFIXES))
        if args:
            i = rnd.randrange(len(args))
            args[i] = rnd.choice([None, "s", 1.5, 2**70, -1, b"toolong", 300, -300, 1e300, [1]])
            pack_case(fmt, args)


def random_value(code, p, n=1):
    if code in INT_CODES:
        lo, hi = int_range(code, p)
        r = rnd.random()
        if r < 0.2:
            return rnd.choice([lo, hi, 0, 1, -1 if lo < 0 else 2])
        if r < 0.25:
            return rnd.choice([True, False])
        return rnd.randint(lo, hi)
    if code in FLOAT_CODES:
        r = rnd.random()
        if r < 0.2:
            return rnd.choice(FLOAT_SPECIALS[:30])
        if r < 0.3:
            return rnd.randint(-1000, 1000)
        if code == "e":
            return rnd.uniform(-65000, 65000) * rnd.choice([1, 1e-3, 1e-6])
        if code == "f":
            return struct.unpack("<f", struct.pack("<I", rnd.getrandbits(32) & 0x7F7FFFFF))[0]
        return fbits(rnd.getrandbits(64))
    if code == "?":
        return rnd.choice([True, False, 0, 1, 7, 0.0, "", "x", None, b"", b"z"])
    if code == "c":
        return bytes([rnd.randrange(256)])
    if code in "sp":
        k = rnd.choice([0, 1, n - 1, n, n + 1, rnd.randint(0, n + 3)])
        b = bytes(rnd.randrange(256) for _ in range(max(0, k)))
        return bytearray(b) if rnd.random() < 0.1 else b
    raise ValueError(code)


def random_format(p):
    codes = "xcbB?hHiIlLqQefdsp" + ("nNP" if p in ("", "@") else "")
    items = []
    for _ in range(rnd.randint(1, 6)):
        c = rnd.choice(codes)
        n = rnd.choice([None, None, None, 0, 1, 2, 3]) if c not in "sp" else rnd.choice([None, 0, 1, 2, 3, 5, 8])
        items.append((c, n))
    sep = rnd.choice(["", "", "", " "])
    return p + sep.join(("" if n is None else str(n)) + c for c, n in items), items


def random_valid(p):
    fmt, items = random_format(p)
    args = []
    for c, n in items:
        count = 1 if n is None else n
        if c == "x":
            continue
        if c in "sp":
            args.append(random_value(c, p, count))
        else:
            for _ in range(count):
                args.append(random_value(c, p))
    return fmt, args


# ------------------------------------------------------------------------------------------- unpack

def unpack_case(fmt, buf):
    case = {"cat": "unpack", "fmt": fmt, "buf": enc(buf)}
    try:
        case["ok"] = enc(struct.unpack(fmt, buf))
    except Exception as e:  # noqa: BLE001
        case["err"] = err(e)
    add(case)


def rand_bytes(n):
    return bytes(rnd.randrange(256) for _ in range(n))


def gen_unpack():
    # every code under every prefix over interesting byte patterns
    for p in PREFIXES:
        for c in CODES:
            try:
                size = struct.calcsize(p + c)
            except struct.error:
                unpack_case(p + c, b"\x00" * 8)
                continue
            pats = [b"\x00" * size, b"\xff" * size, b"\x7f" + b"\xff" * (size - 1), b"\x80" + b"\x00" * (size - 1),
                    b"\xff" * (size - 1) + b"\x7f", b"\x00" * (size - 1) + b"\x80", b"\x01" * size]
            pats += [rand_bytes(size) for _ in range(6)]
            for b in pats:
                unpack_case(p + c, b[:size])
            unpack_case(p + c, b"\x00" * (size + 1))
            if size:
                unpack_case(p + c, b"\x00" * (size - 1))
            unpack_case(p + c, bytearray(b"\x01" * size))
        for n in [0, 1, 3, 5, 300]:
            for c in "sp":
                for first in [0, 1, 2, 4, 5, 0xff]:
                    if n:
                        unpack_case(p + str(n) + c, bytes([first]) + b"abcdefgh" * (n // 8) + b"abcdefgh"[:(n - 1) % 8])
                unpack_case(p + str(n) + c, rand_bytes(n))
    # half floats and float NaN payloads
    for bits in [0x7C00, 0xFC00, 0x7C01, 0x7E00, 0xFE00, 0x7FFF, 0x03FF, 0x0001, 0x8001, 0x3C00, 0x7BFF, 0x8000]:
        unpack_case("<e", bits.to_bytes(2, "little"))
        unpack_case(">e", bits.to_bytes(2, "big"))
    for bits in [0x7F800001, 0x7FC00000, 0xFFC00001, 0x7FA00000, 0x7F800000, 0x00000001, 0x80000000, 0x7F7FFFFF]:
        unpack_case("<f", bits.to_bytes(4, "little"))
        unpack_case(">f", bits.to_bytes(4, "big"))
    for bits in [0x7FF0000000000001, 0x7FF8000000000000, 0xFFF8000000000001, 0x7FF4000000000000, 1, 1 << 63]:
        unpack_case("<d", bits.to_bytes(8, "little"))
        unpack_case(">d", bits.to_bytes(8, "big"))
    # random formats over random bytes
    for _ in range(1500):
        fmt, _items = random_format(rnd.choice(PREFIXES))
        size = struct.calcsize(fmt)
        unpack_case(fmt, rand_bytes(size))
    # wrong sizes and non-buffers
    for fmt in ["", "i", "<i", "2h", "5s", "0s", "x", "<q?"]:
        size = struct.calcsize(fmt)
        for n in {0, 1, size - 1, size + 1, size * 2}:
            if n >= 0:
                unpack_case(fmt, b"\x01" * n)
        for bad in ["abcd", None, 1, [1, 2, 3, 4], 1.5]:
            unpack_case(fmt, bad)


def unpack_from_case(fmt, buf, offset):
    case = {"cat": "unpack_from", "fmt": fmt, "buf": enc(buf), "offset": offset}
    try:
        case["ok"] = enc(struct.unpack_from(fmt, buf, offset))
    except Exception as e:  # noqa: BLE001
        case["err"] = err(e)
    add(case)


def gen_unpack_from():
    fmts = ["", "b", "i", "<i", ">h", "2h", "<q", "5s", "3p", "x", "0i", "ci", "<dc", "@?Q", "3x"]
    for fmt in fmts:
        size = struct.calcsize(fmt)
        for n in [0, 1, 3, 4, 8, 9, 16]:
            buf = bytes(range(n))
            for off in sorted({0, 1, 2, n - size, n - size + 1, n - 1, n, n + 1, -1, -size, -size - 1, -n, -n - 1,
                               -n + 1, -100, 100, -2**62, 2**62, -2**63, 2**63 - 1}):
                unpack_from_case(fmt, buf, off)
            unpack_from_case(fmt, bytearray(buf), max(0, n - size))
    for _ in range(400):
        fmt, _items = random_format(rnd.choice(PREFIXES))
        size = struct.calcsize(fmt)
        n = size + rnd.randint(0, 12)
        unpack_from_case(fmt, rand_bytes(n), rnd.randint(-n - 2, n + 2))
    for bad in ["abcd", None, 7]:
        unpack_from_case("b", bad, 0)


def iter_case(fmt, buf):
    case = {"cat": "iter_unpack", "fmt": fmt, "buf": enc(buf)}
    try:
        case["ok"] = enc(list(struct.iter_unpack(fmt, buf)))
    except Exception as e:  # noqa: BLE001
        case["err"] = err(e)
    add(case)


def gen_iter_unpack():
    for fmt in ["", "x", "0i", "0s", "b", "B", "<h", ">i", "2h", "3s", "<qd", "ci", "@?e", "<e", "3x", "p"]:
        size = struct.calcsize(fmt)
        for n in [0, 1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 33]:
            iter_case(fmt, rand_bytes(n))
        iter_case(fmt, bytearray(rand_bytes(size * 3)))
    for _ in range(300):
        fmt, _items = random_format(rnd.choice(PREFIXES))
        size = struct.calcsize(fmt)
        if size:
            iter_case(fmt, rand_bytes(size * rnd.randint(0, 5) + rnd.choice([0, 0, 0, 1])))
    for bad in ["abcd", None, 5]:
        iter_case("b", bad)


def pack_into_case(fmt, buf, offset, args):
    before = bytes(buf) if isinstance(buf, (bytes, bytearray)) else None
    case = {"cat": "pack_into", "fmt": fmt, "buf": enc(buf), "offset": offset, "args": enc(list(args))}
    try:
        struct.pack_into(fmt, buf, offset, *args)
        case["ok"] = None
        case["after"] = enc(bytes(buf))
    except Exception as e:  # noqa: BLE001
        case["err"] = err(e)
    if before is not None and isinstance(buf, bytearray):
        buf[:] = before
    add(case)


def gen_pack_into():
    fmts = [("", []), ("b", [-5]), ("i", [0x01020304]), ("<i", [-2]), (">h", [258]), ("2h", [1, -1]),
            ("<q", [2**62]), ("5s", [b"abc"]), ("3p", [b"hello"]), ("x", []), ("0i", []), ("ci", [b"z", 7]),
            ("<dc", [1.5, b"q"]), ("@?Q", [True, 2**64 - 1]), ("<e", [1.5])]
    for fmt, args in fmts:
        size = struct.calcsize(fmt)
        for n in [0, 1, 3, 4, 8, 9, 16]:
            buf = bytearray(b"\xaa" * n)
            for off in sorted({0, 1, 2, n - size, n - size + 1, n - 1, n, n + 1, -1, -size, -size - 1, -n, -n - 1,
                               -n + 1, -100, 100, -2**62, 2**62, -2**63, 2**63 - 1}):
                pack_into_case(fmt, buf, off, args)
            pack_into_case(fmt, bytes(n), 0, args)
            pack_into_case(fmt, "x" * n, 0, args)
        pack_into_case(fmt, None, 0, args)
        buf = bytearray(size + 4)
        pack_into_case(fmt, buf, 2, args + [1])
        if args:
            pack_into_case(fmt, buf, 2, args[:-1])
            pack_into_case(fmt, buf, 2, args[:-1] + [None])
    for _ in range(600):
        fmt, args = random_valid(rnd.choice(PREFIXES))
        size = struct.calcsize(fmt)
        n = size + rnd.randint(0, 10)
        buf = bytearray(rand_bytes(n))
        if rnd.random() < 0.15 and args:
            args[rnd.randrange(len(args))] = rnd.choice([None, "s", 2**70, 1e300])
        pack_into_case(fmt, buf, rnd.randint(-n - 2, n + 2), args)


def apply_view(base, ops):
    m = memoryview(base)
    for op in ops:
        if op[0] == "select":
            m = eval("m[" + op[1] + "]", {"m": m})
        elif op[0] == "cast":
            m = m.cast(op[1], op[2]) if len(op) > 2 else m.cast(op[1])
        elif op[0] == "toreadonly":
            m = m.toreadonly()
    return m


VIEW_OPS = [[], [["select", "::2"]], [["select", "1:9"]], [["select", "::-1"]], [["select", "2:10"], ["select", "::1"]],
            [["cast", "B", [3, 4]]], [["cast", "B", [3, 4]], ["select", "::2"]], [["cast", "B", [3, 4]], ["select", "1:"]],
            [["cast", "i"]], [["cast", "i"], ["select", "1:"]], [["cast", "h", [2, 3]]], [["toreadonly"]],
            [["select", "4:4"]], [["cast", "B", [3, 4]], ["select", "::-1"]], [["select", "::3"]], [["cast", "B"], ["select", "::-2"]]]


def gen_views():
    """Buffers that are memoryviews: slices, casts, N-d and read-only views (MemoryView in Java)."""
    data = bytes(range(1, 13))
    for ops in VIEW_OPS:
        for kind in ("bytes", "bytearray"):
            base = data if kind == "bytes" else bytearray(data)
            view = {"base": enc(base), "ops": ops}
            for fmt in ["<i", ">h", "B", "<q", "0s", "3s"]:
                for op in ("unpack", "unpack_from", "iter_unpack", "pack_into"):
                    for off in ([0] if op in ("unpack", "iter_unpack") else [0, 1, -2, 5]):
                        base = data if kind == "bytes" else bytearray(data)
                        m = apply_view(base, ops)
                        case = {"cat": "view_" + op, "fmt": fmt, "view": view}
                        if op != "unpack" and op != "iter_unpack":
                            case["offset"] = off
                        try:
                            if op == "unpack":
                                case["ok"] = enc(struct.unpack(fmt, m))
                            elif op == "unpack_from":
                                case["ok"] = enc(struct.unpack_from(fmt, m, off))
                            elif op == "iter_unpack":
                                case["ok"] = enc(list(struct.iter_unpack(fmt, m)))
                            else:
                                args = [b"xyz"] if "s" in fmt else [3]
                                case["args"] = enc(args)
                                struct.pack_into(fmt, m, off, *args)
                                case["ok"] = None
                                case["after"] = enc(bytes(base))
                        except Exception as e:  # noqa: BLE001
                            case["err"] = err(e)
                        add(case)


def gen_struct_objects():
    for fmt in ["", "i", "<ih", "@", " i\t", "i\n", "\x0bi\x0c", "3s", "\ri", "5x", "!2h3s0i",
                "0s", "9223372036854775807s"]:
        case = {"cat": "struct", "fmt": fmt}
        s = struct.Struct(fmt)
        case["ok"] = {"size": s.size, "format": s.format, "repr": repr(s)}
        add(case)


# ------------------------------------------------------------------------------------------- half floats

def half_data():
    unpack = []
    for h in range(65536):
        d = struct.unpack("<e", h.to_bytes(2, "little"))[0]
        unpack.append(struct.pack(">d", d).hex())
    doubles = []
    for h in range(0x7C00):  # every finite positive half, its neighbours' midpoints and nearby doubles
        d = struct.unpack("<e", h.to_bytes(2, "little"))[0]
        nxt = struct.unpack("<e", (h + 1).to_bytes(2, "little"))[0] if h < 0x7BFF else 65536.0
        mid = (d + nxt) / 2
        doubles += [d, -d, mid, -mid, math.nextafter(mid, 0), math.nextafter(mid, math.inf)]
    doubles += FLOAT_SPECIALS + [65520.0, math.nextafter(65520.0, 0), 65536.0, 1e300, 2.0**-25,
                                 math.nextafter(2.0**-25, 1), math.nextafter(2.0**-25, 0), 2.0**-26, 3 * 2.0**-25]
    for _ in range(20000):
        doubles.append(math.ldexp(rnd.random() * 2 - 1, rnd.randint(-30, 17)))
    for _ in range(2000):
        doubles.append(fbits(rnd.getrandbits(64)))
    pack = []
    seen = set()
    for d in doubles:
        k = struct.pack(">d", d)
        if k in seen:
            continue
        seen.add(k)
        try:
            pack.append([k.hex(), struct.pack(">e", d).hex()])
        except OverflowError as e:
            pack.append([k.hex(), None, str(e)])
    return {"python": platform.python_version(), "unpack": unpack, "pack": pack}


def native_abi():
    out = {"python": platform.python_version(), "machine": platform.machine(), "system": platform.system(),
           "byteorder": sys.byteorder, "codes": {}}
    for c in "cbB?hHiIlLqQnNefdP":
        size = struct.calcsize("@" + c)
        out["codes"][c] = {"size": size, "align": struct.calcsize("c" + c) - size}
    return out


def write_gz(path, text):
    with open(path, "wb") as raw:
        with gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as g:
            g.write(text.encode("ascii"))


def main():
    gen_calcsize()
    gen_pack()
    gen_unpack()
    gen_unpack_from()
    gen_iter_unpack()
    gen_pack_into()
    gen_views()
    gen_struct_objects()
    os.makedirs(OUT, exist_ok=True)
    header = {"cat": "header", "python": platform.python_version(), "machine": platform.machine(),
              "system": platform.system(), "byteorder": sys.byteorder, "cases": len(CASES)}
    lines = [json.dumps(header, sort_keys=True, separators=(",", ":"))]
    lines += [json.dumps(c, sort_keys=True, separators=(",", ":")) for c in CASES]
    write_gz(os.path.join(OUT, "struct.jsonl.gz"), "\n".join(lines) + "\n")
    write_gz(os.path.join(OUT, "half.json.gz"), json.dumps(half_data(), sort_keys=True, separators=(",", ":")))
    with open(os.path.join(OUT, "native_abi.json"), "w") as f:
        f.write(json.dumps(native_abi(), sort_keys=True, indent=1) + "\n")
    counts = {}
    for c in CASES:
        counts[c["cat"]] = counts.get(c["cat"], 0) + 1
    print("struct cases:", len(CASES), counts)


if __name__ == "__main__":
    main()
