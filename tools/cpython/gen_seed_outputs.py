#!/usr/bin/env python3
"""Runs each tutorial port in tools/cpython/seeds/ with CPython 3.13 and commits its output as the expected output
of the Java port: core/src/test/resources/golden/seeds/<name>.txt.

    ~/.pyenv/versions/3.13.0/bin/python tools/cpython/gen_seed_outputs.py
"""
import glob
import os
import subprocess
import sys

here = os.path.dirname(os.path.abspath(__file__))
out_dir = os.path.join(here, '..', '..', 'core', 'src', 'test', 'resources', 'golden', 'seeds')
os.makedirs(out_dir, exist_ok=True)
for script in sorted(glob.glob(os.path.join(here, 'seeds', '*.py'))):
    name = os.path.splitext(os.path.basename(script))[0]
    out = subprocess.run([sys.executable, script], check=True, capture_output=True, text=True).stdout
    with open(os.path.join(out_dir, name + '.txt'), 'w') as f:
        f.write(out)
    print(name, len(out.splitlines()), 'lines')
