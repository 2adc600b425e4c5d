#!/usr/bin/env python3
"""Generate the UAPI part of our bundled <linux/bpf.h> that basic.ts does not write by hand, from this
machine's kernel BTF (the kernel keeps every UAPI type its BPF code uses):

    python3 src/compiler/testdata/uapi/gen_uapi_bpf.py [/sys/kernel/btf/vmlinux]

Emits, for each struct in STRUCTS, its complete definition (every member in order, anonymous
unions/structs inline, bit-fields with their widths), and for each enum holding one of ENUM_SEEDS
every enumerator with its value — leaving out any name basic.ts already defines (its #defines,
enumerators and struct tags). Writes:
  src/compiler/include/uapiBpf.ts            the C text (a TS string export)
  src/compiler/testdata/uapi/layout.json      {struct: {size, fields: {name: byte offset}}} (test facts)
Facts only (names, values, offsets, sizes) come from the kernel; the text is generated here.
"""
import json, os, re, subprocess, sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, '..', '..', '..', '..'))

STRUCTS = ['bpf_sock', 'bpf_tcp_sock', 'bpf_sock_tuple', 'bpf_xdp_sock', 'bpf_sock_addr', 'bpf_sock_ops',
           'bpf_fib_lookup', 'bpf_tunnel_key', 'bpf_xfrm_state', 'bpf_redir_neigh', 'bpf_flow_keys', 'sk_msg_md',
           'sk_reuseport_md', 'bpf_sysctl', 'bpf_sockopt', 'bpf_cgroup_dev_ctx', 'bpf_pidns_info', 'bpf_sk_lookup',
           'bpf_timer', 'bpf_dynptr', 'bpf_perf_event_value', 'bpf_stack_build_id', 'bpf_lpm_trie_key_hdr',
           'bpf_lpm_trie_key_u8', 'bpf_list_head', 'bpf_list_node', 'bpf_rb_root', 'bpf_rb_node', 'bpf_refcount',
           'bpf_iter_num', 'bpf_devmap_val', 'bpf_cpumap_val']
ENUM_SEEDS = ['BPF_MAP_CREATE', 'BPF_PROG_TYPE_UNSPEC', 'BPF_CGROUP_INET_INGRESS', 'BPF_LINK_TYPE_UNSPEC',
              'BPF_SOCK_OPS_VOID', 'BPF_SOCK_OPS_RTO_CB_FLAG', 'BPF_TCP_ESTABLISHED', 'BPF_FIB_LOOKUP_DIRECT',
              'BPF_FIB_LKUP_RET_SUCCESS', 'BPF_F_ADJ_ROOM_FIXED_GSO', 'BPF_F_TUNINFO_IPV6', 'BPF_F_ZERO_CSUM_TX',
              'BPF_F_BROADCAST', 'BPF_SK_STORAGE_GET_F_CREATE', 'BPF_LOCAL_STORAGE_GET_F_CREATE',
              'BPF_CSUM_LEVEL_QUERY', 'BPF_MTU_CHK_SEGS', 'BPF_MTU_CHK_RET_SUCCESS', 'BPF_SK_LOOKUP_F_REPLACE',
              'BPF_F_SYSCTL_BASE_NAME', 'BPF_RB_AVAIL_DATA', 'BPF_RINGBUF_BUSY_BIT', 'BPF_F_TIMER_ABS',
              'BPF_DEVCG_ACC_MKNOD', 'BPF_DEVCG_DEV_BLOCK', 'BPF_LOAD_HDR_OPT_TCP_SYN',
              'BPF_WRITE_HDR_TCP_CURRENT_MSS', 'BPF_FLOW_DISSECTOR_F_PARSE_1ST_FRAG', 'BPF_STACK_BUILD_ID_EMPTY',
              'BPF_HDR_START_MAC', 'BPF_LWT_ENCAP_SEG6', 'BPF_F_BPRM_SECUREEXEC', 'BPF_F_CTXLEN_MASK',
              'BPF_F_NO_TUNNEL_KEY', 'SK_DROP', 'BPF_OK', 'BPF_F_NEIGH', 'BPF_F_GET_BRANCH_RECORDS_SIZE',
              'BPF_SKB_TSTAMP_UNSPEC', 'BPF_F_RECOMPUTE_CSUM', 'BPF_F_INGRESS', 'BPF_F_USER_STACK',
              'BPF_F_INDEX_MASK', 'BPF_F_USER_BUILD_ID', 'BPF_F_HDR_FIELD_MASK', 'BPF_F_SEQ_NUMBER',
              'BPF_F_SKIP_FIELD_MASK', 'BPF_RB_NO_WAKEUP', 'BPF_F_CURRENT_NETNS', 'BPF_SOCK_OPS_RTT_CB_FLAG',
              'TCX_NEXT', 'BPF_F_BEFORE', 'BPF_F_KPROBE_MULTI_RETURN', 'BPF_F_UPROBE_MULTI_RETURN']
KEEP = {'__u8', '__u16', '__u32', '__u64', '__s8', '__s16', '__s32', '__s64', '__be16', '__be32', '__wsum', '__sum16'}
INTS = {'long unsigned int': 'unsigned long', 'long int': 'long', 'short unsigned int': 'unsigned short',
        'short int': 'short', 'long long unsigned int': 'unsigned long long', 'long long int': 'long long'}


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else '/sys/kernel/btf/vmlinux'
    types = json.loads(subprocess.check_output(['bpftool', '-j', 'btf', 'dump', 'file', path]))['types']
    by_id = {t['id']: t for t in types}
    named = {}
    for t in types:
        if t['kind'] in ('STRUCT', 'UNION') and t['name'] != '(anon)':
            named.setdefault(t['name'], t)
    basic = open(os.path.join(ROOT, 'src/compiler/include/basic.ts')).read()
    bpf_h = basic[basic.index('export const LINUX_BPF_H'):]
    bpf_h = bpf_h[:bpf_h.index('`;')]
    have = set(re.findall(r'#define\s+(\w+)', bpf_h)) | set(re.findall(r'\b([A-Z][A-Z0-9_]+)\b', bpf_h))
    have_tags = set(re.findall(r'struct\s+(\w+)\s*\{', bpf_h))

    def strip(tid):
        t = by_id[tid] if tid else {'kind': 'VOID'}
        while t['kind'] in ('CONST', 'VOLATILE', 'RESTRICT', 'TYPE_TAG'):
            t = by_id[t['type_id']] if t['type_id'] else {'kind': 'VOID'}
        return t

    def cdecl(tid, name, ind):
        t = by_id[tid] if tid else {'kind': 'VOID'}
        k = t['kind']
        sp = f' {name}' if name else ''
        if k == 'VOID':
            return f'void{sp}'
        if k in ('CONST', 'VOLATILE', 'RESTRICT', 'TYPE_TAG'):
            return cdecl(t['type_id'], name, ind)
        if k == 'TYPEDEF':
            return f"{t['name']}{sp}" if t['name'] in KEEP else cdecl(t['type_id'], name, ind)
        if k == 'INT':
            return f"{INTS.get(t['name'], t['name'])}{sp}"
        if k in ('ENUM', 'ENUM64'):
            return f"{'__u32' if t['size'] == 4 else '__u64' if t['size'] == 8 else '__u16' if t['size'] == 2 else '__u8'}{sp}"
        if k in ('STRUCT', 'UNION'):
            if t['name'] == '(anon)':
                return body(t, ind) + sp
            return f"{k.lower()} {t['name']}{sp}"
        if k == 'FWD':
            return f"{'union' if t.get('fwd_kind') == 'union' else 'struct'} {t['name']}{sp}"
        if k == 'PTR':
            to = strip(t['type_id'])
            if to['kind'] == 'FUNC_PROTO':
                return f'void *{name}'
            return cdecl(t['type_id'], '*' + name, ind)
        if k == 'ARRAY':
            return cdecl(t['type_id'], f"{name}[{t['nr_elems']}]", ind)
        raise ValueError(f'{k} for {name}')

    def body(t, ind):
        kw = 'union' if t['kind'] == 'UNION' else 'struct'
        lines = []
        for m in t['members']:
            nm = '' if m['name'] == '(anon)' else m['name']
            w = m.get('bitfield_size', 0)
            d = cdecl(m['type_id'], nm, ind + '  ')
            lines.append(f"{ind}  {d}{' : ' + str(w) if w else ''};")
        return f'{kw} {{\n' + '\n'.join(lines) + f'\n{ind}}}'

    out = []
    layout = {}
    for first in ENUM_SEEDS:
        t = next((t for t in types if t['kind'] in ('ENUM', 'ENUM64') and any(v['name'] == first for v in t.get('values', []))), None)
        if t is None:
            print('no enum holds', first, file=sys.stderr)
            continue
        vals = [v for v in t['values'] if v['name'] not in have]
        if not vals:
            continue
        for v in vals:
            have.add(v['name'])
        tag = '' if t['name'] == '(anon)' or t['name'] in have_tags else t['name'] + ' '
        have_tags.add(t['name'])

        def lit(v):
            x = v['val']
            if x < 0:
                return str(x)
            return f'{x}ULL' if x > 0x7fffffff else str(x)
        out.append(f'enum {tag}{{\n' + ',\n'.join(f"  {v['name']} = {lit(v)}" for v in vals) + ',\n};\n')
    for name in STRUCTS:
        if name in have_tags:
            continue
        t = named[name]
        kw = 'union' if t['kind'] == 'UNION' else 'struct'
        out.append(f'{kw} {name} ' + body(t, '')[len(kw) + 1:] + ';\n')
        facts = {}

        def walk(t, base):
            for m in t['members']:
                if m.get('bitfield_size'):
                    continue
                mt = strip(m['type_id'])
                off = base + m['bits_offset'] // 8
                if m['name'] == '(anon)' and mt['kind'] in ('STRUCT', 'UNION'):
                    walk(mt, off)
                elif m['name'] != '(anon)':
                    facts.setdefault(m['name'], off)
        walk(t, 0)
        layout[name] = {'size': t['size'], 'fields': facts}

    ts = os.path.join(ROOT, 'src/compiler/include/uapiBpf.ts')
    with open(ts, 'w') as fh:
        fh.write('/**\n * GENERATED by src/compiler/testdata/uapi/gen_uapi_bpf.py from a Linux 6.18 x86_64 kernel\'s BTF\n'
                 ' * (/sys/kernel/btf/vmlinux): the <linux/bpf.h> UAPI enums and context/helper structs that basic.ts\n'
                 ' * does not write by hand (sock_ops, sk_msg, sock_addr, fib lookup, tunnel keys, flow keys, …), each\n'
                 ' * enumerator with its value and each struct member in order. Facts only. Do not edit: re-run the script.\n */\n')
        fh.write('export const LINUX_BPF_UAPI = `' + '\n'.join(out).replace('\\', '\\\\').replace('`', '\\`') + '`;\n')
    with open(os.path.join(HERE, 'layout.json'), 'w') as fh:
        json.dump(layout, fh, indent=1)
        fh.write('\n')
    print(f'{len(out)} definitions')


if __name__ == '__main__':
    main()
