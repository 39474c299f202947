#!/usr/bin/env python3
"""Golden vectors for io.memview.internal.PyFloat (repr(float)) and io.memview.internal.PyTypes.repr (repr(str)).

Run with CPython 3.13:  ~/.pyenv/versions/3.13.0/bin/python tools/cpython/gen_py_repr.py
writes core/src/test/resources/golden/py_repr.json (plain JSON). Deterministic.
"floats": [bits, repr] with bits the IEEE 754 binary64 pattern as a signed 64-bit integer (so that NaN, -0.0 and
every subnormal survive JSON), repr CPython's repr(float). The doubles are the boundaries of the fixed/scientific
switch (1e-5, 1e-4, 1e16 and their neighbours), powers of ten and two, integers near 2**53, short decimal
fractions, specials and random bit patterns.
"strs": [codepoints, repr] with the string as a list of code points (so that lone surrogates and controls survive
JSON encoders) and CPython's repr(str): quote choice, backslash escapes, \\x escapes for controls, non-ASCII kept.
"""
import json
import math
import os
import random
import struct
import sys
import unicodedata

rng = random.Random(20261202)


def bits(x):
    return struct.unpack('<q', struct.pack('<d', x))[0]


floats = set()
special = [0.0, -0.0, math.inf, -math.inf, math.nan, 1.0, -1.0, 0.1, 0.5, 1.5, 2.5, 10.0, 100.0, 123.456,
           1e-4, 1e-5, 9.999e-5, 0.0001234, 0.00001234, 1e15, 1e16, 9999999999999998.0, 1e16 + 2, 1e17, 1.5e16,
           123456789012345680.0, 5e-324, 2.2250738585072014e-308, 1.7976931348623157e308, 2.0 ** 53,
           2.0 ** 53 + 2, 2.0 ** 63, 2.0 ** 64, 1e22, 1e23, 1e-7, 3.14159, 1 / 3, 2 / 3, 100.5, 1000000.0,
           0.30000000000000004, 1e-10, 1.25e-5, 12345.678, 9.5, 99.99]
for x in special:
    floats.add(bits(x))
    floats.add(bits(-x))
for e in range(-30, 31):
    for m in (1.0, 1.5, 2.0, 9.0, 9.99, 1.0000001, 3.3):
        x = m * 10.0 ** e
        floats.add(bits(x))
        floats.add(bits(math.nextafter(x, math.inf)))
        floats.add(bits(math.nextafter(x, -math.inf)))
for e in range(-1074, 1024, 7):
    floats.add(bits(2.0 ** e))
for k in range(1, 64):  # the smallest subnormals, whose shortest repr has one digit (5e-324, 1e-323, ...)
    floats.add(bits(k * 5e-324))
for _ in range(1500):
    floats.add(rng.getrandbits(64) - 2 ** 63)
for _ in range(300):
    floats.add(bits(rng.randint(-10 ** 6, 10 ** 6) / rng.choice([1, 2, 4, 8, 10, 100, 1000, 3])))
rows = []
for b in sorted(floats):
    x = struct.unpack('<d', struct.pack('<q', b))[0]
    rows.append([b, repr(x)])

strs = ['', 'a', 'abc', "it's", 'say "hi"', 'both \' and "', '\\', 'a\\b', '\t', '\n', '\r', '\x00', '\x1f', '\x7f',
        '\x80', '\xe9t\xe9', '\u20ac', '\U0001f600', 'tab\there', 'x\x01y', ' ', '~', '"', "'", 'B:1:a', '()',
        "'\"'", '\x0b\x0c', 'é\'', '\U0001f600"']
# non-printable characters other than controls: NBSP and other spaces, soft hyphen, line/paragraph separators,
# surrogates, private use, noncharacters (unassigned in every Unicode version)
strs += ['\xa0', '\xad', '\u2028', '\u2029', '\u3000', '\u200b', '\ud800', '\udfff', '\ue000', '\ufdd0', '\uffff',
         '\U0010ffff', '\U000f0000', '\x9f', 'a\xa0b', '\ufeff']


def assigned(c):
    # Java's Unicode is newer than this Python's: code points unassigned here may be assigned there, so random
    # strings keep to assigned ones (the noncharacters above are unassigned in every version)
    return unicodedata.category(c) != 'Cn'


for _ in range(200):
    n = rng.randint(0, 6)
    s = ''
    while len(s) < n:
        c = chr(rng.choice([rng.randint(0, 0x7f), rng.randint(0x80, 0x2fff), rng.randint(0x10000, 0x1ffff),
                            ord("'"), ord('"'), ord('\\')]))
        if assigned(c):
            s += c
    strs.append(s)
srows = [[[ord(c) for c in s], repr(s)] for s in strs]

here = os.path.dirname(os.path.abspath(__file__))
out = os.path.join(here, '..', '..', 'core', 'src', 'test', 'resources', 'golden', 'py_repr.json')
with open(out, 'w') as f:
    json.dump({"python": "%d.%d.%d" % sys.version_info[:3], "unicode": unicodedata.unidata_version, "floats": rows, "strs": srows}, f,
              separators=(',', ':'))
    f.write('\n')
print(len(rows), 'floats,', len(srows), 'strs ->', os.path.normpath(out))
