#!/usr/bin/env python3
"""Record what the running Linux 6.18 kernel's verifier says about whole clang-19 objects, loaded
as libbpf loads them (`bpftool -d prog load OBJ PIN`: maps created, map-in-map inner maps and
global data set up, BTF func_info/line_info given; -d prints the verifier's log). Written as
  objects.golden.json  {NAME: {object, accepted, error, stats}} where `stats` is the log's
                       `processed N insns ... mark_read 0` line and `error`, on a rejection, the
                       first complaint line (after the last `N: (..)` insn line).
Only single-program objects (one verifier log each). The .c here are compiled first with
  clang-19 -O2 -g -target bpf -I/usr/include/x86_64-linux-gnu -c NAME.c -o NAME.o
Run as root: python3 record.py
"""
import json
import os
import re
import subprocess
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
OBJECTS = [
    'src/kernel/testdata/clang-objects/callbacks.o',
    'src/kernel/testdata/clang-objects/callbacks_errors.o',
    'src/kernel/testdata/clang-objects/map_in_map.o',
    'src/kernel/testdata/clang-objects/hash_of_maps.o',
    'src/kernel/testdata/clang-objects/global_func.o',
    'src/elf/testdata/xdp_global_func.o',
    'src/elf/testdata/xdp_global_ptrs.o',
    'src/verifier/testdata-objects/global_bad_ctx.o',
    'src/verifier/testdata-objects/global_mem_ok.o',
    'src/verifier/testdata-objects/rodata_knobs.o',
]
PIN = '/sys/fs/bpf/ebpf-playground-record'
for c in sorted(HERE.glob('*.c')):
    subprocess.run(['clang-19', '-O2', '-g', '-target', 'bpf', '-I/usr/include/x86_64-linux-gnu', '-c', c.name, '-o', c.stem + '.o'], cwd=HERE, check=True)
out = {}
kernel = os.uname().release
for rel in OBJECTS:
    os.makedirs(PIN, exist_ok=True)
    p = subprocess.run(['bpftool', '-d', 'prog', 'load', str(ROOT / rel), f'{PIN}/p'], capture_output=True, text=True)
    subprocess.run(['rm', '-f', f'{PIN}/p'])
    log = [ln for ln in (p.stdout + p.stderr).split('\n') if not ln.startswith('libbpf:')]
    stats = [k for k, ln in enumerate(log) if re.match(r'^processed \d+ insns', ln)]
    assert len(stats) == 1, f'{rel}: expected one verifier log, got {len(stats)}'
    k = stats[0]
    accepted = p.returncode == 0
    error = None
    if not accepted:
        # the complaint: the first line after the last `N: (..) insn` line (as verify --json's error)
        last = max(j for j in range(k) if re.match(r'^\d+: ', log[j]))
        error = next(ln for ln in log[last + 1:k] if ln.strip())
    out[Path(rel).name] = {'object': rel, 'accepted': accepted, 'error': error, 'stats': log[k]}
    print(rel, accepted, error, log[k])
(HERE / 'objects.golden.json').write_text(json.dumps({'kernel': kernel, 'recorder': 'bpftool -d prog load (libbpf)', 'objects': out}, indent=1) + '\n')
