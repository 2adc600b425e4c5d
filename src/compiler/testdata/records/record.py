#!/usr/bin/env python3
"""Record the BTF layouts clang-19 gives the record types recordTypes.test.ts checks.

For each case (a C file and the types to dump), compile a wrapper that includes the file and
declares one global of each type (so clang emits their BTF), dump the object's BTF with
`bpftool -j btf dump file X format raw`, and write <case>.btf.json: per type, its size and its
members resolved recursively (byte offset, bit-field offset/width, size, kind, array length,
nested members). Needs clang-19, bpftool and /sys/kernel/btf/vmlinux (for vmlinux.h).

    python3 src/compiler/testdata/records/record.py
"""
import json, os, subprocess, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, '../../../..'))
CASES = {
    'execsnoop': ('examples/20-execsnoop/prog.c', ['struct event']),
    'opensnoop': ('examples/21-opensnoop/prog.c', ['struct event']),
    'tcplife': ('examples/22-tcplife/prog.c', ['struct event']),
    'ringbuf-vs-perfbuf': ('examples/14-ringbuf-vs-perfbuf/prog.c', ['struct event']),
    'shell-from-webserver': ('examples/25-shell-from-webserver/prog.c', ['struct alert']),
    'bashreadline': ('examples/28-bashreadline/prog.c', ['struct line']),
    'shapes': ('src/compiler/testdata/records/shapes.c', ['flow_t', 'struct shape', 'struct a', 'struct b']),
}

def resolve(types, tid):
    t = types[tid]
    while t['kind'] in ('TYPEDEF', 'CONST', 'VOLATILE', 'RESTRICT', 'TYPE_TAG'):
        t = types[t['type_id']]
    return t

def size_of(types, t):
    k = t['kind']
    if k in ('INT', 'STRUCT', 'UNION', 'ENUM', 'ENUM64'):
        return t['size']
    if k == 'PTR':
        return 8
    if k == 'ARRAY':
        return t['nr_elems'] * size_of(types, resolve(types, t['type_id']))
    raise ValueError(k)

def describe(types, t):
    k = t['kind']
    out = {'size': size_of(types, t)}
    if k == 'INT':
        out['kind'] = 'int'
        out['signed'] = t.get('encoding') == 'SIGNED'
    elif k == 'PTR':
        out['kind'] = 'ptr'
    elif k == 'ARRAY':
        out['kind'] = 'array'
        out['len'] = t['nr_elems']
        out['elem'] = describe(types, resolve(types, t['type_id']))
    elif k in ('STRUCT', 'UNION'):
        out['kind'] = k.lower()
        ms = []
        for m in t['members']:
            d = describe(types, resolve(types, m['type_id']))
            d['name'] = m['name']
            bits = m['bits_offset']
            if m.get('bitfield_size'):
                unit = d['size'] * 8
                d['offset'] = (bits // unit) * d['size']
                d['bitOffset'] = bits % unit
                d['bitWidth'] = m['bitfield_size']
            else:
                d['offset'] = bits // 8
            ms.append(d)
        out['members'] = ms
    else:
        out['kind'] = k.lower()
    return out

def main():
    tmp = tempfile.mkdtemp()
    vmlinux = subprocess.run(['bpftool', 'btf', 'dump', 'file', '/sys/kernel/btf/vmlinux', 'format', 'c'], check=True, capture_output=True, text=True).stdout
    open(os.path.join(tmp, 'vmlinux.h'), 'w').write(vmlinux)
    for name, (src, tys) in CASES.items():
        w = os.path.join(tmp, name + '.c')
        body = f'#include "{os.path.join(ROOT, src)}"\n' + ''.join(f'{t} __record_probe_{i};\n' for i, t in enumerate(tys))
        open(w, 'w').write(body)
        o = os.path.join(tmp, name + '.o')
        subprocess.run(['clang-19', '-O2', '-g', '-target', 'bpf', '-D__TARGET_ARCH_x86', f'-I{tmp}', '-I/usr/include/x86_64-linux-gnu', '-c', w, '-o', o], check=True)
        d = json.loads(subprocess.run(['bpftool', '-j', 'btf', 'dump', 'file', o, 'format', 'raw'], check=True, capture_output=True, text=True).stdout)
        types = {t['id']: t for t in d['types']}
        out = {}
        for t in d['types']:
            if t['kind'] == 'VAR' and t['name'].startswith('__record_probe_'):
                out[tys[int(t['name'].rsplit('_', 1)[1])]] = describe(types, resolve(types, t['type_id']))
        with open(os.path.join(HERE, name + '.btf.json'), 'w') as f:
            json.dump({'source': src, 'recorded': 'clang-19 -O2 -g -target bpf; bpftool btf dump format raw', 'types': out}, f, indent=1)
            f.write('\n')
        print(name, ', '.join(out))

main()
