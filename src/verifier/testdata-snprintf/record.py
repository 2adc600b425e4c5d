#!/usr/bin/env python3
"""Record the Linux 6.18 verifier's answers for bpf_snprintf format checks: snprintf_checks.c is
compiled with clang-19 -g -O2; each program is loaded with kernel_oracle.py (--prog NAME: maps and
.rodata/.data maps created as libbpf does, .rodata frozen with BPF_F_RDONLY_PROG) at log level 1,
and written as
  NAME.bin          the linked bytecode, map fds turned back into map indexes (ld_imm64 src=1/2
                    imm=k: the k-th map of NAME.golden.json `maps`)
  NAME.golden.json  accepted, errno, error (first complaint line), processed, maps (name, type,
                    sizes, flags, frozen, data: the initial contents of global-data maps, hex), log1
Run as root: python3 record.py
"""
import importlib.util
import json
import os
import re
import subprocess
from pathlib import Path

HERE = Path(__file__).resolve().parent
ORACLE = Path(os.environ.get('KERNEL_ORACLE', HERE / '../../../../shared/tools/kernel_oracle.py')).resolve()
spec = importlib.util.spec_from_file_location('kernel_oracle', ORACLE)
ko = importlib.util.module_from_spec(spec)
spec.loader.exec_module(ko)


def first_complaint(log):
    lines = log.split('\n')
    last = max((k for k, ln in enumerate(lines) if re.match(r'^\d+: ', ln)), default=-1)
    return next((ln for ln in lines[last + 1:] if ln.strip()), None)


obj = Path('/tmp/snprintf_checks.o')
subprocess.run(['clang-19', '-target', 'bpf', '-O2', '-g', '-I/usr/include/x86_64-linux-gnu',
                '-c', str(HERE / 'snprintf_checks.c'), '-o', str(obj)], check=True)
elf = ko.Elf(obj.read_bytes())
names = re.findall(r'^SEC\("xdp"\) int (\w+)', (HERE / 'snprintf_checks.c').read_text(), re.M)
for name in names:
    args = ko.NS(file=str(obj), section=None, prog=name, type=None, map=[], no_btf=False)
    p = ko.load_input(args)
    r, fd = ko.prog_load(p, 1)
    if fd >= 0:
        os.close(fd)
    code = bytearray(p.code)
    fds = [m.fd for m in p.maps]
    for i in range(len(code) // 8):
        if code[i * 8] == 0x18 and code[i * 8 + 1] >> 4 in (1, 2):
            code[i * 8 + 4:i * 8 + 8] = fds.index(ko.get_imm(code, i)).to_bytes(4, 'little')
    (HERE / f'{name}.bin').write_bytes(bytes(code))
    maps = []
    for m in p.maps:
        d = {'name': m.name, 'type': m.type, 'keySize': m.key_size, 'valueSize': m.value_size,
             'maxEntries': m.max_entries, 'flags': m.flags}
        sec = elf.section(m.name)
        if sec is not None and m.name.startswith(('.rodata', '.data', '.bss')):
            d['data'] = bytes(elf.body(sec)).hex() if m.name != '.bss' else '00' * m.value_size
            d['frozen'] = m.name.startswith('.rodata')
        maps.append(d)
    g = {'type': p.type, 'accepted': r['accepted'], 'errno': r['errno'],
         'error': None if r['accepted'] else first_complaint(r['log']),
         'processed': r['insns_processed'], 'maps': maps, 'log1': r['log']}
    (HERE / f'{name}.golden.json').write_text(json.dumps(g, indent=1) + '\n')
    print(name, g['accepted'], g['error'], g['processed'], [m['name'] for m in maps])
