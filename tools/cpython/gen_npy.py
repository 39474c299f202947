"""Writes the .npy corpus for NpyTest with NumPy, plus the values NumPy holds in each file.

Run with a CPython that has NumPy 2.x (the repository uses ~/.pyenv/versions/3.11.7/bin/python):

    python tools/cpython/gen_npy.py

Output: core/src/test/resources/npy/*.npy and core/src/test/resources/npy/expected.json, with one entry per file:
  file, descr (NumPy's header descr, repr), format (the struct format memview must report: the mapping documented in
  io.memview.npy.Npy, written down here by hand), shape, fortran_order, version, itemsize, identical (whether
  numpy.save of the same array gives this very file, so that memview's write-back must be byte-identical), values
  and numpy_str (str() of the loaded array, which `memview inspect` imitates).

Values use the encoding of io.memview.testing.PyValues. Each item is read from the file's raw bytes with NumPy at
the item's offset, so the expectation does not depend on memview: a structured item is the flat list of its leaf
values in field order (nested records flattened, sub-arrays expanded in C order, padding skipped), a one-value item
is that value, and 'S'/'V' values are the full bytes, NULs included.
"""
import json
import os
import struct
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, '..', '..', 'core', 'src', 'test', 'resources', 'npy')
NATIVE = '<' if sys.byteorder == 'little' else '>'


def enc(v):
    if isinstance(v, bool):
        return v
    if isinstance(v, int):
        return {"i": str(v)}
    if isinstance(v, float):
        return {"f": "%016x" % struct.unpack('<Q', struct.pack('<d', v))[0]}
    if isinstance(v, bytes):
        return {"b": v.hex()}
    if isinstance(v, list):
        return [enc(x) for x in v]
    raise TypeError(type(v))


def leaves(dt, raw, off, out):
    """Appends the leaf values of one item of dtype dt found at raw[off:]."""
    if dt.subdtype is not None:
        base, shape = dt.subdtype
        for k in range(int(np.prod(shape))):
            leaves(base, raw, off + k * base.itemsize, out)
    elif dt.names is not None:
        for name in dt.names:
            fdt, foff = dt.fields[name][:2]
            leaves(fdt, raw, off + foff, out)
    elif dt.kind in 'SV':
        out.append(bytes(raw[off:off + dt.itemsize]))
    else:
        v = np.frombuffer(raw, dtype=dt, count=1, offset=off)[0].item()
        out.append(float(v) if dt.kind == 'f' else v)


def item_value(dt, raw, off):
    out = []
    leaves(dt, raw, off, out)
    return out[0] if len(out) == 1 else out


def values(a):
    c = np.ascontiguousarray(a)
    raw = c.tobytes()
    flat = [item_value(a.dtype, raw, k * a.dtype.itemsize) for k in range(c.size)]
    if a.ndim == 0:
        return flat[0]

    def nest(dim, start):
        if dim == a.ndim:
            return flat[start]
        step = int(np.prod(a.shape[dim + 1:]))
        return [nest(dim + 1, start + k * step) for k in range(a.shape[dim])]
    return nest(0, 0)


CASES = []


def case(name, array, fmt, version=None):
    CASES.append((name, array, fmt, version))


rng = np.random.default_rng(20261202)
n = lambda c: c if c != NATIVE else ''  # the bare code in the machine's byte order

# every simple dtype, both byte orders
ints = [('i1', 'b'), ('u1', 'B'), ('i2', 'h'), ('u2', 'H'), ('i4', 'i'), ('u4', 'I'), ('i8', 'q'), ('u8', 'Q')]
for code, sc in ints:
    info = np.iinfo(code)
    vals = [info.min, info.max, 0, 1, -1 if info.min < 0 else 2, 123]
    for bo in ('<', '>') if code[1] != '1' else ('|',):
        a = np.array(vals, dtype=bo + code if bo != '|' else code)
        fmt = sc if bo == '|' else n(bo) + sc
        case(f"{code}_{ {'<': 'le', '>': 'be', '|': 'na'}[bo]}", a, fmt)
floats = [0.0, -0.0, 1.5, -2.25, float('inf'), float('-inf'), float('nan'), 1e-5, 65504.0, 3.141592653589793]
for code, sc in [('f2', 'e'), ('f4', 'f'), ('f8', 'd')]:
    for bo in ('<', '>'):
        with np.errstate(over='ignore'):
            a = np.array(floats, dtype=bo + code)
        case(f"{code}_{'le' if bo == '<' else 'be'}", a, n(bo) + sc)
case("f2_subnormal", np.array([2.0 ** -24, 2.0 ** -14, 6e-8, -5.96e-8], dtype='<f2'), n('<') + 'e')
case("b1", np.array([True, False, True, True]), '?')
case("s10", np.array([b'', b'abc', b'0123456789', b'a\x00b'], dtype='S10'), '10s')
case("v4", np.frombuffer(bytes(range(12)), dtype='V4').copy(), '4s')

# shapes and orders
grid = np.arange(12.0).reshape(3, 4)
case("grid_c", grid, 'd')
case("grid_f", np.asfortranarray(grid), 'd')
case("grid_t", grid.T, 'd')                      # numpy.save writes it Fortran-ordered
case("grid_slice", grid[1:, ::2], 'd')           # non-contiguous: numpy.save writes it in C order
cube = np.arange(24, dtype='>i4').reshape(2, 3, 4)
case("cube_be_c", cube, '>i')
case("cube_be_f", np.asfortranarray(cube), '>i')
case("u1_f", np.asfortranarray(np.arange(6, dtype='u1').reshape(2, 3)), 'B')
case("i2_f_3d", np.asfortranarray(rng.integers(-1000, 1000, size=(2, 3, 2)).astype('<i2')), n('<') + 'h')
case("scalar_f8", np.array(3.5), 'd')
case("scalar_be_i8", np.array(-7, dtype='>i8'), '>q')
case("scalar_struct", np.array((1, 2.5), dtype=[('x', '<i4'), ('y', '<f8')]), '<id')
case("empty_f8", np.zeros((0,)), 'd')
case("empty_2_0_3", np.zeros((2, 0, 3), dtype='<i4'), n('<') + 'i')
case("empty_struct", np.zeros((0, 2), dtype=[('a', 'u1'), ('b', '>f4')]), '>Bf')
case("random_f4", rng.standard_normal((5, 7)).astype('<f4'), n('<') + 'f')

# structured
xy = np.array([(1, 2.5), (-3, -0.125), (2147483647, 1e300)], dtype=[('x', '<i4'), ('y', '<f8')])
case("struct_xy", xy, '<id')
case("struct_xy_be", xy.astype([('x', '>i4'), ('y', '>f8')]), '>id')
case("struct_mixed", np.array([(True, 7, b'hi', 1.0), (False, 255, b'world', -0.5)],
                              dtype=[('flag', '?'), ('n', 'u1'), ('name', 'S5'), ('v', '<f2')]), '<?B5se')
case("struct_nested", np.array([((1, 2), 3.0), ((4, 5), 6.0)],
                               dtype=[('p', [('a', '<i2'), ('b', '<u2')]), ('w', '<f4')]), '<hHf')
case("struct_subarray", np.array([([1.0, 2.0, 3.0], 7), ([4.0, 5.0, 6.0], 8)],
                                 dtype=[('v', '<f4', (3,)), ('k', '<i8')]), '<3fq')
aligned = np.zeros(2, dtype=np.dtype([('a', 'u1'), ('b', '<i4')], align=True))  # zeros: no stray pad bytes
aligned['a'], aligned['b'] = [1, 3], [2, 4]
case("struct_aligned", aligned, '<B3xi')
case("struct_2d_f", np.asfortranarray(np.array([[(1, 2.0), (3, 4.0)], [(5, 6.0), (7, 8.0)]],
                                               dtype=[('x', '<i4'), ('y', '<f8')])), '<id')
case("struct_one_field", np.array([5, 6], dtype=[('only', '<i4')]), '<i')

# header versions
case("v2_f8", grid, 'd', (2, 0))
case("v3_f8", grid, 'd', (3, 0))
case("v3_unicode_names", np.array([(1, 2)], dtype=[('größe', '<i4'), ('値', '<i4')]), '<ii')
big_header = np.zeros(2, dtype=[('field%d' % k, 'u1') for k in range(5000)])
case("v2_big_header", big_header, '<' + 'B' * 5000)

# NumPy-style summaries (printed past 1000 items)
case("summary_i8", np.arange(2000, dtype='<i8').reshape(40, 50), n('<') + 'q')
case("summary_f8", np.arange(3000, dtype='<f8') / 7, 'd')

# the README sample also lives in samples/ (made by tools/cpython/gen_npy.py too)


def main():
    os.makedirs(OUT, exist_ok=True)
    for f in os.listdir(OUT):
        if f.endswith('.npy'):
            os.remove(os.path.join(OUT, f))
    entries = []
    for name, a, fmt, version in CASES:
        path = os.path.join(OUT, name + '.npy')
        with open(path, 'wb') as fp:
            np.lib.format.write_array(fp, a, version=version, allow_pickle=False)
        with open(path, 'rb') as fp:
            ver = np.lib.format.read_magic(fp)
            shape, fortran, dtype = np.lib._format_impl._read_array_header(fp, ver, max_header_size=10 ** 6)
            header = fp.tell()
        # identical: what numpy.save picks by itself gives this file
        import io
        buf = io.BytesIO()
        np.lib.format.write_array(buf, a, allow_pickle=False)
        identical = buf.getvalue() == open(path, 'rb').read()
        entries.append({
            "file": name + '.npy',
            "descr": repr(np.lib.format.dtype_to_descr(a.dtype)),
            "format": fmt,
            "itemsize": a.dtype.itemsize,
            "shape": list(a.shape),
            "fortran_order": bool(fortran),
            "version": list(ver),
            "data_offset": header,
            "identical": identical,
            "values": enc(values(a)),
            "numpy_str": str(np.load(path, max_header_size=10 ** 6)),
        })
    with open(os.path.join(OUT, 'expected.json'), 'w') as fp:
        json.dump({"numpy": np.__version__, "python": sys.version.split()[0], "cases": entries}, fp, indent=1)
        fp.write('\n')
    # samples for the README: a small grid NumPy writes
    samples = os.path.join(HERE, '..', '..', 'samples')
    os.makedirs(samples, exist_ok=True)
    np.save(os.path.join(samples, 'grid.npy'), np.arange(20, dtype='<f8').reshape(4, 5) / 4)
    np.save(os.path.join(samples, 'points.npy'),
            np.array([(1, 0.5, -2.0), (2, 1.5, 3.25), (3, -1.0, 0.0)],
                     dtype=[('id', '<i4'), ('x', '<f8'), ('y', '<f8')]))
    with open(os.path.join(samples, 'points.raw'), 'wb') as fp:  # the same records, raw, for `memview struct`
        for rec in [(1, 0.5, -2.0), (2, 1.5, 3.25), (3, -1.0, 0.0)]:
            fp.write(struct.pack('<idd', *rec))
    print(f"{len(entries)} files in {os.path.normpath(OUT)}")


if __name__ == '__main__':
    main()
