#!/usr/bin/env python3
"""Which helpers may an UNPRIVILEGED socket_filter / cgroup_skb program call on this kernel?
Loads `call N; r0 = 0; exit` for every helper id as uid nobody (kernel.unprivileged_bpf_disabled
set to 0 for the probe, then restored) and prints, per program type, the ids the verifier does
not refuse with "program of this type cannot use helper" (or "invalid func"). Output:
helpers-unpriv-6.18.json, read by src/verifier/unpriv.ts. Run as root.
"""
import importlib.util
import json
import os
import struct
from pathlib import Path

HERE = Path(__file__).resolve().parent
ORACLE = Path(os.environ.get('KERNEL_ORACLE', HERE / '../../../../shared/tools/kernel_oracle.py')).resolve()
spec = importlib.util.spec_from_file_location('kernel_oracle', ORACLE)
ko = importlib.util.module_from_spec(spec)
spec.loader.exec_module(ko)

SYSCTL = Path('/proc/sys/kernel/unprivileged_bpf_disabled')
old = SYSCTL.read_text().strip()
r, w = os.pipe()
SYSCTL.write_text('0')
try:
    pid = os.fork()
    if pid == 0:
        os.close(r)
        os.setgroups([])
        os.setgid(65534)
        os.setuid(65534)
        out = {}
        for t in ('socket_filter', 'cgroup_skb'):
            ok = []
            for n in range(1, 212):
                code = struct.pack('<BBhi', 0x85, 0, 0, n) + struct.pack('<BBhi', 0xb7, 0, 0, 0) + struct.pack('<BBhi', 0x95, 0, 0, 0)
                p = ko.NS(code=code, type=t, name='probe', license='GPL', maps=[], btf=None)
                res, fd = ko.prog_load(p, 1)
                if fd >= 0:
                    os.close(fd)
                text = res['log']
                if 'cannot use helper' in text or 'invalid func' in text or res['errno'] == 1:
                    continue
                ok.append(n)
            out[t] = ok
        os.write(w, json.dumps(out).encode())
        os._exit(0)
    os.close(w)
    data = b''
    while True:
        chunk = os.read(r, 65536)
        if not chunk:
            break
        data += chunk
    os.waitpid(pid, 0)
finally:
    SYSCTL.write_text(old)
res = json.loads(data)
res['kernel'] = os.uname().release
(HERE / 'helpers-unpriv-6.18.json').write_text(json.dumps(res, indent=1) + '\n')
print({k: len(v) for k, v in res.items() if k != 'kernel'}, 'sysctl back to', old)
