#!/usr/bin/env python3
"""Record the UNPRIVILEGED verifier's answers for the fidelity corpus's socket_filter and
cgroup_skb programs (../testdata/corpus, the two types an unprivileged loader may load): each
case's .bin with its @map lines, loaded as uid nobody through unpriv_oracle.py at log level 1.
Writes corpus-goldens.json {group/name: {accepted, errno, error, processed, log1}}.
Run as root; kernel.unprivileged_bpf_disabled is set to 0 for the run and restored.
"""
import json
import re
import subprocess
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPUS = HERE / '../testdata/corpus'
SYSCTL = Path('/proc/sys/kernel/unprivileged_bpf_disabled')


def first_complaint(log):
    lines = log.split('\n')
    last = max((k for k, ln in enumerate(lines) if re.match(r'^\d+: ', ln)), default=-1)
    for ln in lines[last + 1:]:
        if ln.strip():
            return ln
    return None


old = SYSCTL.read_text().strip()
out = {}
try:
    SYSCTL.write_text('0')
    for s in sorted(CORPUS.glob('*/*.s')):
        text = s.read_text()
        m = re.search(r'^#\s*@type:\s*(\S+)', text, re.M)
        if not m or m.group(1) not in ('socket_filter', 'cgroup_skb'):
            continue
        maps = re.findall(r'^#\s*@map:\s*(\S+)', text, re.M)
        binf = s.with_suffix('.bin')
        args = ['python3', str(HERE / 'unpriv_oracle.py'), str(binf), '--type', m.group(1), '--log-level', '1']
        for mp in maps:
            args += ['--map', mp]
        r = json.loads(subprocess.run(args, capture_output=True, text=True).stdout)
        name = f'{s.parent.name}/{s.stem}'
        out[name] = {'accepted': r['accepted'], 'errno': r['errno'],
                     'error': None if r['accepted'] or not r['log'] else first_complaint(r['log']),
                     'processed': r['insns_processed'], 'log1': r['log']}
finally:
    SYSCTL.write_text(old)
(HERE / 'corpus-goldens.json').write_text(json.dumps(out, indent=1) + '\n')
print(len(out), 'cases;', sum(v['accepted'] for v in out.values()), 'accepted; sysctl back to', old)
