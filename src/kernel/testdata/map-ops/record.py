#!/usr/bin/env python3
"""Replay scenarios.json's user-side map operations in the running kernel (root) with bpf(2) —
BPF_MAP_CREATE, LOOKUP_ELEM, UPDATE_ELEM, DELETE_ELEM, GET_NEXT_KEY, LOOKUP_AND_DELETE_ELEM, the
commands `bpftool map` issues — and write golden.json: per op the errno name (or 0) and the bytes
returned (per-CPU values one per possible CPU). Pinned to CPU 0. Facts only; our own code.

  taskset -c 0 python3 src/kernel/testdata/map-ops/record.py
"""
import ctypes, json, os, struct

DIR = os.path.dirname(os.path.abspath(__file__))
libc = ctypes.CDLL(None, use_errno=True)
NR_BPF = 321  # x86-64
TYPES = {'hash': 1, 'array': 2, 'prog_array': 3, 'percpu_hash': 5, 'percpu_array': 6, 'lru_hash': 9, 'lru_percpu_hash': 10, 'cpumap': 16, 'xskmap': 17,
         'lpm_trie': 11, 'array_of_maps': 12, 'hash_of_maps': 13, 'devmap': 14, 'queue': 22, 'stack': 23, 'ringbuf': 27}
ERRNO = {1: 'EPERM', 2: 'ENOENT', 7: 'E2BIG', 9: 'EBADF', 12: 'ENOMEM', 14: 'EFAULT', 16: 'EBUSY', 17: 'EEXIST',
         19: 'ENODEV', 22: 'EINVAL', 28: 'ENOSPC', 95: 'EOPNOTSUPP', 524: 'ENOTSUPP'}


def bpf(cmd, attr):
    buf = ctypes.create_string_buffer(attr, 128)
    r = libc.syscall(NR_BPF, cmd, buf, 128)
    return r if r >= 0 else -ctypes.get_errno()


def ncpus():
    n = 0
    for part in open('/sys/devices/system/cpu/possible').read().strip().split(','):
        lo, _, hi = part.partition('-')
        n += int(hi or lo) - int(lo) + 1
    return n


def create(spec, inner_fd=0):
    t, k, v, m, *f = spec.split(':')
    attr = struct.pack('<IIIIII', TYPES[t], int(k), int(v), int(m), int(f[0]) if f else 0, inner_fd)
    fd = bpf(0, attr)
    if fd < 0:
        raise SystemExit(f'create {spec}: errno {-fd}')
    return fd, int(k), int(v), t


def main():
    sc = json.load(open(os.path.join(DIR, 'scenarios.json')))['scenarios']
    cpus = ncpus()
    out = {'note': 'recorded by record.py with bpf(2) from the running kernel, on CPU 0; do not edit',
           'kernel': os.uname().release, 'cpus': cpus, 'results': {}}
    for s in sc:
        fds = {}
        inner = 0
        if 'inner' in s:
            inner = create(s['inner'])[0]
            fds['inner'] = inner
        fd, ks, vs, typ = create(s['map'], inner)
        fds['self'] = fd
        percpu = typ.startswith('percpu') or typ.startswith('lru_percpu')
        vbuf = ((vs + 7) // 8 * 8) * cpus if percpu else max(vs, 8)

        def val_bytes(v):
            if isinstance(v, str) and v.startswith('@fd:'):
                return struct.pack('<I', fds[v[4:]])
            if isinstance(v, list):
                return b''.join(bytes.fromhex(x).ljust((vs + 7) // 8 * 8, b'\0') for x in v)
            return bytes.fromhex(v)

        def val_out(raw):
            if percpu:
                st = (vs + 7) // 8 * 8
                return [raw[i * st:i * st + vs].hex() for i in range(cpus)]
            return raw[:vs].hex()

        def elem(cmd, key, value=None, flags=0, want=False):
            kb = ctypes.create_string_buffer(bytes.fromhex(key), max(ks, 1)) if key is not None else None
            vb = ctypes.create_string_buffer(value, max(len(value), 1)) if value is not None else ctypes.create_string_buffer(vbuf)
            vptr = 0 if cmd == 3 else ctypes.addressof(vb)  # DELETE_ELEM: the fields after key must be zero
            attr = struct.pack('<IIQQQ', fd, 0, ctypes.addressof(kb) if kb is not None else 0, vptr, flags)
            r = bpf(cmd, attr)
            res = {'rc': 0 if r >= 0 else ERRNO.get(-r, str(-r))}
            if r >= 0 and want:
                res['value'] = val_out(vb.raw)
            return res

        results = []
        for op in s['ops']:
            o = op[0]
            if o == 'update':
                results.append(elem(2, op[1], val_bytes(op[2]), op[3]))
            elif o == 'push':
                results.append(elem(2, None, val_bytes(op[1]), op[2]))
            elif o == 'lookup':
                results.append(elem(1, op[1], want=True))
            elif o == 'peek':
                results.append(elem(1, None, want=True))
            elif o == 'delete':
                results.append(elem(3, op[1]))
            elif o == 'lookup_and_delete':
                results.append(elem(21, op[1], want=True))
            elif o == 'pop':
                results.append(elem(21, None, want=True))
            elif o == 'next':
                nk = ctypes.create_string_buffer(max(ks, 1))
                kb = ctypes.create_string_buffer(bytes.fromhex(op[1]), max(ks, 1)) if op[1] is not None else None
                r = bpf(4, struct.pack('<IIQQ', fd, 0, ctypes.addressof(kb) if kb is not None else 0, ctypes.addressof(nk)))
                results.append({'rc': 0, 'value': nk.raw[:ks].hex()} if r >= 0 else {'rc': ERRNO.get(-r, str(-r))})
            elif o == 'dump':
                ents, key = [], None
                while True:
                    nk = ctypes.create_string_buffer(max(ks, 1))
                    kb = ctypes.create_string_buffer(bytes.fromhex(key), ks) if key is not None else None
                    r = bpf(4, struct.pack('<IIQQ', fd, 0, ctypes.addressof(kb) if kb is not None else 0, ctypes.addressof(nk)))
                    if r < 0:
                        break
                    key = nk.raw[:ks].hex()
                    v = elem(1, key, want=True)
                    ents.append({'key': key, **({'value': v['value']} if 'value' in v else {'rc': v['rc']})})
                results.append({'rc': 0, 'entries': ents})
            else:
                raise SystemExit(f'unknown op {o}')
        for f in fds.values():
            os.close(f)
        out['results'][s['name']] = results
        print(s['name'], [r['rc'] for r in results])
    with open(os.path.join(DIR, 'golden.json'), 'w') as f:
        json.dump(out, f, indent=1)
        f.write('\n')


main()
