#!/usr/bin/env python3
"""Record the Linux 6.18 verifier's logs with source-line comments (BTF line_info) for the programs
here: each NAME.c is compiled with clang-19 -g -O2, loaded with kernel_oracle.py (as libbpf would:
.text subprograms appended, maps created, BTF + func_info + line_info given) at log level 1 and 2,
and written as
  NAME.bin          the linked bytecode the kernel verified, map fds turned back into map indexes
                    (ld_imm64 src=1 imm=k: the k-th map of NAME.golden.json `maps`)
  NAME.golden.json  accepted, errno, error (first complaint line), processed, lineInfo (the
                    line_info records given to the kernel, decoded: insn, file, line, col, text),
                    maps, log1, log2
The ex*.c files are copies of examples/*/prog.c.
Run as root: python3 record.py [NAME...]
"""
import importlib.util
import json
import os
import re
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ORACLE = Path(os.environ.get('KERNEL_ORACLE', HERE / '../../../../shared/tools/kernel_oracle.py')).resolve()
spec = importlib.util.spec_from_file_location('kernel_oracle', ORACLE)
ko = importlib.util.module_from_spec(spec)
spec.loader.exec_module(ko)

MAP_TYPE_NAMES = {v: k for k, v in ko.MAP_TYPES.items()} if isinstance(getattr(ko, 'MAP_TYPES', None), dict) else {}


def first_complaint(log):
    lines = [ln for ln in log.split('\n')]
    last = max((k for k, ln in enumerate(lines) if re.match(r'^\d+: ', ln)), default=-1)
    for ln in lines[last + 1:]:
        if ln.strip():
            return ln
    return None


names = sys.argv[1:] or sorted(p.stem for p in HERE.glob('*.c'))
for name in names:
    src = HERE / f'{name}.c'
    obj = Path('/tmp') / f'linfo-{name}.o'
    subprocess.run(['clang-19', '-target', 'bpf', '-O2', '-mcpu=v4', '-g', '-I/usr/include/x86_64-linux-gnu', '-I' + str(HERE / '../../../examples/include'),
                    '-c', str(src), '-o', str(obj)], check=True)
    args = ko.NS(file=str(obj), section=None, prog=None, type=None, map=[], no_btf=False)
    res = {}
    for lvl in (1, 2):
        p = ko.load_input(args)
        r, fd = ko.prog_load(p, lvl)
        if fd >= 0:
            os.close(fd)
        res[lvl] = r
    code = bytearray(p.code)
    fds = [m.fd for m in p.maps]
    for i in range(len(code) // 8):
        if code[i * 8] == 0x18 and code[i * 8 + 1] >> 4 in (1, 2):
            code[i * 8 + 4:i * 8 + 8] = fds.index(ko.get_imm(code, i)).to_bytes(4, 'little')
    (HERE / f'{name}.bin').write_bytes(bytes(code))
    r1 = res[1]
    btf = ko.Btf(p.btf)
    linfo = []
    for rec in p.line_info[1]:
        insn, fo, lo, lc = ko.struct.unpack_from('<IIII', rec)
        linfo.append({'insn': insn, 'file': btf.name(fo), 'line': lc >> 10, 'col': lc & 0x3ff, 'text': btf.name(lo)})
    maps = [f'{m.name}:{m.type}:{m.key_size}:{m.value_size}:{m.max_entries}' for m in p.maps]
    g = {'type': p.type, 'accepted': r1['accepted'], 'errno': r1['errno'],
         'error': None if r1['accepted'] else first_complaint(r1['log']),
         'processed': r1['insns_processed'], 'lineInfo': linfo, 'btf': r1['btf'], 'maps': maps, 'log1': r1['log'], 'log2': res[2]['log']}
    (HERE / f'{name}.golden.json').write_text(json.dumps(g, indent=1) + '\n')
    print(name, g['accepted'], g['error'], g['processed'], maps)
