#!/usr/bin/env python3
"""Record what the running Linux 6.18 kernel's verifier says about every program of the
multi-program clang-19 objects here (libbpf-tools-style tracing, xdp-tutorial parsing, tc rewrites,
loops, bpf-to-bpf calls, and deliberate mistakes), one load per program through
../../../../../shared/tools/kernel_oracle.py (maps created, .rodata frozen, BTF func/line info given).
The *.ours.o are the same sources compiled by our own compiler (`ebpf-playground compile X.c -o
X.ours.o`, 2026-11-22), kept as they were: their code shapes (spills, linked scalars) differ from clang's.
Written as progs.golden.json {OBJ: {PROG: {type, accepted, error, stats, log1}}} where `error` is the
kernel's first complaint line, `stats` the `processed N insns ...` line and `log1` the level-1 log
with map addresses and the verification time masked.
The .c here are compiled first with
  clang-19 -O2 -g -target bpf -D__TARGET_ARCH_x86 -I/usr/include/x86_64-linux-gnu -I INC -c X.c -o X.o
where INC holds `bpftool btf dump file /sys/kernel/btf/vmlinux format c` as vmlinux.h, then
`llvm-strip-19 --strip-debug` (the DWARF goes; .BTF and .BTF.ext with the line info stay).
Run as root: python3 record.py
"""
import json
import os
import re
import subprocess
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ORACLE = HERE.parents[4] / 'shared/tools/kernel_oracle.py'
EXTRA = {'misc.c': ['-mllvm', '-bpf-stack-size=1024'],  # stack_too_big: let clang emit the 600-byte frame
         'batch2.c': ['-mcpu=v4']}  # ldsx, sdiv/smod, bswap
MAPS = {'lt_exec.o': ['--map', 'events:perf_event_array:4:4:4']}  # the oracle needs max_entries
TYPES = [('xdp', 'xdp'), ('tc', 'sched_cls'), ('socket', 'socket_filter'), ('kprobe', 'kprobe'), ('kretprobe', 'kprobe'),
         ('uprobe', 'kprobe'), ('tracepoint', 'tracepoint'), ('raw_tracepoint', 'raw_tracepoint'), ('perf_event', 'perf_event'),
         ('cgroup_skb', 'cgroup_skb')]


def mask(log):
    log = re.sub(r'0xffff888[0-9a-f]{9}', 'ADDR', log)
    return re.sub(r'verification time \d+ usec', 'verification time N usec', log)


def programs(obj):
    out = subprocess.run(['llvm-readelf-19', '-S', '-s', '--wide', str(obj)], capture_output=True, text=True, check=True).stdout
    secs = {m.group(1): m.group(2) for m in re.finditer(r'\[\s*(\d+)\]\s+(\S+)\s+PROGBITS\s+\S+\s+\S+\s+\S+\s+\S+\s+(\S+)', out) if 'X' in m.group(3)}
    res = []
    for m in re.finditer(r'^\s*\d+:\s+\S+\s+\d+\s+FUNC\s+GLOBAL\s+\S+\s+(\d+)\s+(\S+)$', out, re.M):
        sec = secs.get(m.group(1))
        if sec and sec != '.text':
            res.append((m.group(2), next(t for p, t in TYPES if sec.split('/')[0] == p)))
    return res


with tempfile.TemporaryDirectory() as inc:
    with open(f'{inc}/vmlinux.h', 'w') as f:
        subprocess.run(['bpftool', 'btf', 'dump', 'file', '/sys/kernel/btf/vmlinux', 'format', 'c'], stdout=f, check=True)
    for c in sorted(HERE.glob('*.c')):
        subprocess.run(['clang-19', '-O2', '-g', '-target', 'bpf', '-D__TARGET_ARCH_x86', '-I/usr/include/x86_64-linux-gnu', f'-I{inc}',
                        *EXTRA.get(c.name, []), '-c', c.name, '-o', c.stem + '.o'], cwd=HERE, check=True)
        # DWARF of vmlinux.h makes the objects ~650 KB; .BTF/.BTF.ext (line info for the log) stay
        subprocess.run(['llvm-strip-19', '--strip-debug', c.stem + '.o'], cwd=HERE, check=True)
out = {}
for obj in sorted(HERE.glob('*.o')):
    progs = {}
    for prog, typ in programs(obj):
        p = subprocess.run(['python3', str(ORACLE), 'verify', str(obj), '--prog', prog, '--type', typ, '--log-level', '1', *MAPS.get(obj.name, [])],
                           capture_output=True, text=True)
        k = json.loads(p.stdout)
        log = k['log']
        err = k.get('error')
        err = err[0] if isinstance(err, list) and err else err
        stats = next(ln for ln in log.split('\n') if ln.startswith('processed '))
        progs[prog] = {'type': typ, 'accepted': k['accepted'], 'error': err if not k['accepted'] else None, 'stats': stats, 'log1': mask(log)}
        print(obj.name, prog, k['accepted'], err, stats)
    out[obj.name] = progs
(HERE / 'progs.golden.json').write_text(json.dumps({'kernel': os.uname().release, 'recorder': 'kernel_oracle.py verify --prog P --log-level 1', 'objects': out}, indent=1) + '\n')
