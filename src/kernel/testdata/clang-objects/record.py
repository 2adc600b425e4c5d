#!/usr/bin/env python3
"""Record the loader corpus goldens from the running kernel (root, Linux with bpf()).

For every X.c here: build X.o with clang-19 (the committed object), load the whole object the way
libbpf does (`bpftool prog loadall`, which creates every map, the per-section global data maps,
fills prog_array / map-in-map initial values and loads every program) — or, for `@loader oracle`
objects libbpf refuses (legacy `maps` section), with kernel_oracle.py — then run each `@run PROG
PACKET` line with BPF_PROG_TEST_RUN on CPU 0 (`bpftool prog run`), in order, against the same maps,
and record retval, data_out, every map's shape and contents (`bpftool map dump`, raw bytes) and
the bpf_trace_printk lines the runs wrote to tracefs. Writes X.golden.json (facts only).

  python3 src/kernel/testdata/clang-objects/record.py [NAME...]
"""
import ctypes, json, mmap, os, re, shutil, struct, subprocess, sys, tempfile

DIR = os.path.dirname(os.path.abspath(__file__))
ORACLE = os.path.join(DIR, '../../../../../shared/tools/kernel_oracle.py')
PIN = '/sys/fs/bpf/ebpf-playground-loader'
CLANG = ['clang-19', '-O2', '-g', '-target', 'bpf', '-I/usr/include/x86_64-linux-gnu',
         f'-fdebug-prefix-map={DIR}=.', '-c']
HEADER = re.compile(r'^\s*(\S+)-(\d+)\s+\[(\d{3})\] (\S{5})\s+(\d+)\.(\d{6}): bpf_trace_printk: (.*)$')


def sh(args, **kw):
    return subprocess.run(args, capture_output=True, text=True, **kw)


def tracefs():
    for line in open('/proc/mounts'):
        f = line.split()
        if f[2] == 'tracefs':
            return f[1], False
    d = '/tmp/ebpf-playground-tracefs'
    os.makedirs(d, exist_ok=True)
    subprocess.check_call(['mount', '-t', 'tracefs', 'nodev', d])
    return d, True


def parse_trace(text):
    out = []
    for l in text.split('\n'):
        if not l or l.startswith('#'):
            continue
        m = HEADER.match(l)
        if m:
            out.append({'cpu': int(m.group(3)), 'flags': m.group(4), 'msg': m.group(7)})
        elif out:
            out[-1]['msg'] += '\n' + l
    return out


def packet(spec):
    kind, *rest = spec.split()
    if kind == 'hex':
        return ''.join(rest)
    args = ['python3', ORACLE, 'mkpacket', '--proto', kind]
    for kv in rest:
        k, v = kv.split('=')
        args += [f'--{k}', v]
    return sh(args).stdout.strip()


def hexs(bs):
    return ''.join(b[2:] for b in bs)


def obj_get(path):
    libc = ctypes.CDLL(None, use_errno=True)
    p = ctypes.create_string_buffer(path.encode())
    attr = ctypes.create_string_buffer(struct.pack('<QII', ctypes.addressof(p), 0, 0), 128)
    fd = libc.syscall(321, 7, attr, 128)  # BPF_OBJ_GET
    if fd < 0:
        raise SystemExit(f'BPF_OBJ_GET {path}: errno {ctypes.get_errno()}')
    return fd


def pop_all(path, vs):
    """Pop a queue / stack empty from user space (BPF_MAP_LOOKUP_AND_DELETE_ELEM, NULL key)."""
    libc = ctypes.CDLL(None, use_errno=True)
    fd = obj_get(path)
    out = []
    try:
        while len(out) < 1000:
            v = ctypes.create_string_buffer(max(vs, 8))
            attr = ctypes.create_string_buffer(struct.pack('<IIQQQ', fd, 0, 0, ctypes.addressof(v), 0), 128)
            if libc.syscall(321, 21, attr, 128) < 0:
                break
            out.append(v.raw[:vs].hex())
    finally:
        os.close(fd)
    return out


def ring(path, size):
    """A ring buffer as user space maps it: consumer and producer positions, then every record
    from the consumer position to the producer's (length, busy/discard bits, bytes)."""
    fd = obj_get(path)
    try:
        cons = mmap.mmap(fd, 4096, mmap.MAP_SHARED, mmap.PROT_READ | mmap.PROT_WRITE, offset=0)
        prod = mmap.mmap(fd, 4096 + 2 * size, mmap.MAP_SHARED, mmap.PROT_READ, offset=4096)
    finally:
        os.close(fd)
    cpos = struct.unpack_from('<Q', cons, 0)[0]
    ppos = struct.unpack_from('<Q', prod, 0)[0]
    recs, pos = [], cpos
    while pos < ppos:
        off = 4096 + pos % size
        hdr = struct.unpack_from('<I', prod, off)[0]
        n = hdr & 0x3fffffff
        recs.append({'len': n, 'busy': bool(hdr & 0x80000000), 'discarded': bool(hdr & 0x40000000),
                     'data': prod[off + 8:off + 8 + n].hex()})
        pos += (n + 8 + 7) // 8 * 8
    return {'consumer_pos': cpos, 'producer_pos': ppos, 'records': recs}


def dump(path):
    info = json.loads(sh(['bpftool', '-j', 'map', 'show', 'pinned', path]).stdout)
    m = {'name': info['name'], 'type': info['type'], 'flags': info.get('flags', 0),
         'key_size': info['bytes_key'], 'value_size': info['bytes_value'], 'max_entries': info['max_entries']}
    if m['type'] in ('queue', 'stack'):
        m['entries'] = None
        m['popped'] = pop_all(path, m['value_size'])
        return m
    if m['type'] == 'ringbuf':
        m['entries'] = None
        m['ring'] = ring(path, m['max_entries'])
        return m
    r = sh(['bpftool', '-j', 'map', 'dump', 'pinned', path])
    if r.returncode != 0:
        m['entries'] = None
        m['dump_error'] = (r.stdout + r.stderr).strip()[:200]
        return m
    ents = []
    for e in json.loads(r.stdout):
        x = {'key': hexs(e.get('key', []))}
        if 'values' in e:
            x['value'] = [hexs(v['value']) for v in sorted(e['values'], key=lambda v: v['cpu'])]
        elif isinstance(e.get('value'), list):
            x['value'] = hexs(e['value'])
        else:  # bpftool prints an error for a slot it cannot look up (empty devmap / xskmap slots)
            x['value'] = None
            x['lookupError'] = True
        ents.append(x)
    if m['type'] in ('prog_array', 'array_of_maps', 'hash_of_maps'):
        for x in ents:  # ids of this boot: only which slots are filled is a fact
            x['value'] = None
    m['entries'] = ents
    return m


def record(name, tfs):
    src = open(os.path.join(DIR, name + '.c')).read()
    subprocess.check_call(CLANG + [name + '.c', '-o', name + '.o'], cwd=DIR)
    runs = [x.split(None, 1) for x in re.findall(r'@run ([^\n]*)', src)]
    oracle = '@loader oracle' in src
    golden = {
        'note': 'recorded by record.py from the running kernel (bpftool/libbpf loader, bpftool prog run on CPU 0); do not edit',
        'kernel': os.uname().release,
        'possibleCpus': open('/sys/devices/system/cpu/possible').read().strip(),
        'compile': ' '.join(CLANG[:-1] + [f'-fdebug-prefix-map=<dir>=.', '-c', name + '.c', '-o', name + '.o']),
        'loader': 'oracle' if oracle else 'bpftool',
        'runs': [], 'maps': [], 'trace': [],
    }
    open(os.path.join(tfs, 'trace'), 'w').close()
    if oracle:
        prog = runs[0][0]
        args = ['taskset', '-c', '0', 'python3', ORACLE, 'run', os.path.join(DIR, name + '.o'), '--prog', prog, '--dump-maps']
        pk = [packet(p) for _, p in runs]
        for p in pk:
            args += ['--packet', p]
        r = sh(args)
        res = json.loads(re.sub(r'([:\[,]\s*)(\d{16,})(?=\s*[,\]}\n])', r'\1"\2"', r.stdout))
        for (pname, _), p, x in zip(runs, pk, res.get('runs', [res])):
            golden['runs'].append({'prog': pname, 'packet': p, 'retval': x['retval'], 'data_out': x.get('data_out', '')})
        golden['oracleDump'] = res.get('maps', [])
    else:
        shutil.rmtree(PIN, ignore_errors=True)
        os.makedirs(PIN)
        r = sh(['bpftool', 'prog', 'loadall', os.path.join(DIR, name + '.o'), PIN + '/progs', 'pinmaps', PIN + '/maps'])
        if r.returncode != 0:
            shutil.rmtree(PIN, ignore_errors=True)
            raise SystemExit(f'{name}: bpftool prog loadall failed: {r.stderr.strip()[-400:]}')
        with tempfile.TemporaryDirectory() as tmp:
            for pname, spec in runs:
                p = packet(spec)
                fin, fout = os.path.join(tmp, 'in'), os.path.join(tmp, 'out')
                open(fin, 'wb').write(bytes.fromhex(p))
                if os.path.exists(fout):
                    os.unlink(fout)
                r = sh(['taskset', '-c', '0', 'bpftool', '-j', 'prog', 'run', 'pinned', f'{PIN}/progs/{pname}',
                        'data_in', fin, 'data_out', fout])
                if r.returncode != 0:
                    raise SystemExit(f'{name}: prog run {pname} failed: {r.stderr.strip()}')
                x = json.loads(r.stdout)
                out = open(fout, 'rb').read().hex() if os.path.exists(fout) else ''
                golden['runs'].append({'prog': pname, 'packet': p, 'retval': x['retval'], 'data_out': out})
        for f in sorted(os.listdir(PIN + '/maps')):
            golden['maps'].append(dump(os.path.join(PIN, 'maps', f)))
        golden['progs'] = sorted(os.listdir(PIN + '/progs'))
        shutil.rmtree(PIN, ignore_errors=True)
    golden['trace'] = parse_trace(open(os.path.join(tfs, 'trace')).read())
    with open(os.path.join(DIR, name + '.golden.json'), 'w') as f:
        json.dump(golden, f, indent=1)
        f.write('\n')
    print(f"{name}: {[x['retval'] for x in golden['runs']]} maps={len(golden['maps'])} trace={len(golden['trace'])}")


def main():
    only = set(sys.argv[1:])
    tfs, mounted = tracefs()
    try:
        for f in sorted(os.listdir(DIR)):
            if f.endswith('.c') and (not only or f[:-2] in only):
                record(f[:-2], tfs)
    finally:
        if mounted:
            subprocess.call(['umount', tfs])


main()
