#!/usr/bin/env python3
"""Generate the kernel-struct part of our bundled vmlinux.h from this machine's kernel BTF.

    python3 src/compiler/testdata/vmlinux/gen_vmlinux.py [/sys/kernel/btf/vmlinux]

Reads the BTF through `bpftool -j btf dump file …`, and for each struct in SPEC below writes a C
definition holding only the listed fields, each at the kernel's byte offset (explicit `char
__padN[]` fill between them, the kernel's total size), marked `preserve_access_index` so every
access becomes a CO-RE relocation. Fields inside anonymous unions/structs are flattened to the
byte offset they have in the kernel. A bit-field is placed at the kernel's bit offset (padding to
its storage unit, then an unnamed bit-field up to its first bit); layout.json lists those under
`bitfields` as [bit offset, width]. Writes:
  src/compiler/include/vmlinuxKernel.ts   the C text (a TS string export)
  src/compiler/testdata/vmlinux/layout.json   {struct: {size, fields: {name: offset}}} (test facts)
Facts only (names, offsets, sizes) come from the kernel; the text is generated here.
"""
import json, subprocess, sys, os

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, '..', '..', '..', '..'))

# struct -> fields (in offset order); 'union' marks a UNION in the kernel.
SPEC = [
    ('trace_entry', ['type', 'flags', 'preempt_count', 'pid']),
    ('kernfs_node', []),
    ('cred', ['uid', 'gid', 'suid', 'sgid', 'euid', 'egid', 'fsuid', 'fsgid', 'securebits']),
    ('qstr', None),  # written by hand below
    ('path', ['mnt', 'dentry']),
    ('vfsmount', ['mnt_root', 'mnt_sb', 'mnt_flags']),
    ('super_block', ['s_dev', 's_blocksize_bits', 's_blocksize', 's_maxbytes', 's_type', 's_magic', 's_root', 's_id']),
    ('inode', ['i_mode', 'i_opflags', 'i_uid', 'i_gid', 'i_flags', 'i_sb', 'i_ino', 'i_nlink', 'i_rdev', 'i_size',
               'i_atime_sec', 'i_mtime_sec', 'i_ctime_sec', 'i_atime_nsec', 'i_mtime_nsec', 'i_ctime_nsec', 'i_blocks']),
    ('dentry', ['d_flags', 'd_parent', 'd_name', 'd_inode', 'd_sb']),
    ('file', ['f_mode', 'f_inode', 'f_flags', 'f_cred', 'f_path', 'f_pos']),
    ('filename', ['name', 'uptr', 'aname']),
    ('mm_struct', ['mmap_base', 'task_size', 'pgd', 'map_count', 'hiwater_rss', 'hiwater_vm', 'total_vm', 'locked_vm',
                   'data_vm', 'exec_vm', 'stack_vm', 'start_code', 'end_code', 'start_data', 'end_data', 'start_brk',
                   'brk', 'start_stack', 'arg_start', 'arg_end', 'env_start', 'env_end', 'owner', 'exe_file']),
    ('nsproxy', ['uts_ns', 'ipc_ns', 'mnt_ns', 'pid_ns_for_children', 'net_ns', 'cgroup_ns']),
    ('signal_struct', ['nr_threads', 'group_exit_code', 'flags', 'leader', 'tty', 'utime', 'stime']),
    ('task_struct', ['__state', 'flags', 'on_cpu', 'wake_cpu', 'on_rq', 'prio', 'static_prio', 'normal_prio', 'rt_priority',
                     'policy', 'nr_cpus_allowed', 'mm', 'active_mm', 'exit_state', 'exit_code', 'exit_signal',
                     'pdeath_signal', 'jobctl', 'personality', 'in_execve', 'in_iowait', 'atomic_flags', 'pid', 'tgid', 'real_parent', 'parent',
                     'group_leader', 'utime', 'stime', 'gtime', 'nvcsw', 'nivcsw', 'start_time', 'start_boottime',
                     'min_flt', 'maj_flt', 'real_cred', 'cred', 'comm', 'fs', 'files', 'nsproxy', 'signal',
                     'cgroups', 'loginuid', 'sessionid', 'self_exec_id']),
    ('linux_binprm', ['mm', 'p', 'executable', 'interpreter', 'file', 'cred', 'argc', 'envc', 'filename', 'interp', 'buf']),
    ('sock_common', ['skc_daddr', 'skc_rcv_saddr', 'skc_hash', 'skc_dport', 'skc_num', 'skc_family', 'skc_state',
                     'skc_bound_dev_if', 'skc_v6_daddr', 'skc_v6_rcv_saddr', 'skc_cookie']),
    ('sock', ['__sk_common', 'sk_rcvbuf', 'sk_socket', 'sk_wmem_queued', 'sk_priority', 'sk_mark', 'sk_uid', 'sk_protocol',
              'sk_type', 'sk_sndbuf', 'sk_shutdown', 'sk_ack_backlog', 'sk_max_ack_backlog', 'sk_ino']),
    ('inet_sock', ['sk', 'inet_saddr', 'uc_ttl', 'inet_sport', 'tos']),
    ('socket', ['state', 'type', 'flags', 'file', 'sk']),
    ('net_device', ['mtu', 'flags', 'ifindex', 'name', 'type', 'addr_len']),
    ('sk_buff', ['next', 'prev', 'dev', 'sk', 'tstamp', 'cb', 'len', 'data_len', 'mac_len', 'hdr_len', 'queue_mapping',
                 'pkt_type', 'ip_summed', 'tc_index', 'priority', 'skb_iif', 'hash', 'vlan_proto', 'vlan_tci', 'mark', 'protocol',
                 'transport_header', 'network_header', 'mac_header', 'tail', 'end', 'head', 'data', 'truesize']),
    ('trace_event_raw_sys_enter', ['ent', 'id', 'args', '__data']),
    ('trace_event_raw_sys_exit', ['ent', 'id', 'ret', '__data']),
    ('trace_event_raw_sched_process_exec', ['ent', '__data_loc_filename', 'pid', 'old_pid', '__data']),
    ('trace_event_raw_sched_process_template', ['ent', '__data_loc_comm', 'pid', 'prio', '__data']),
    ('trace_event_raw_sched_process_exit', ['ent', 'comm', 'pid', 'prio', 'group_dead', '__data']),
    ('trace_event_raw_sched_process_fork', ['ent', '__data_loc_parent_comm', 'parent_pid', '__data_loc_child_comm', 'child_pid', '__data']),
    ('trace_event_raw_sched_switch', ['ent', 'prev_comm', 'prev_pid', 'prev_prio', 'prev_state', 'next_comm', 'next_pid', 'next_prio', '__data']),
    ('trace_event_raw_sched_wakeup_template', ['ent', 'comm', 'pid', 'prio', 'target_cpu', '__data']),
    ('trace_event_raw_signal_generate', ['ent', 'sig', 'errno', 'code', 'comm', 'pid', 'group', 'result', '__data']),
    ('trace_event_raw_block_rq', ['ent', 'dev', 'sector', 'nr_sector', 'bytes', 'ioprio', 'rwbs', 'comm', '__data_loc_cmd', '__data']),
    ('trace_event_raw_block_rq_completion', ['ent', 'dev', 'sector', 'nr_sector', 'error', 'ioprio', 'rwbs', '__data_loc_cmd', '__data']),
    ('ns_common', ['inum']),
    ('mnt_namespace', ['ns']),
    ('kernfs_node', ['name', 'id']),
    ('cgroup', ['level', 'kn']),
    ('css_set', ['dfl_cgrp']),
    ('oom_control', ['zonelist', 'nodemask', 'memcg', 'gfp_mask', 'order', 'totalpages', 'chosen', 'chosen_points']),
    ('gendisk', ['major', 'first_minor', 'minors', 'disk_name', 'part0', 'queue', 'flags']),
    ('block_device', ['bd_start_sect', 'bd_nr_sectors', 'bd_disk', 'bd_queue', 'bd_dev']),
    ('request_queue', ['queuedata', 'queue_flags', 'disk', 'id', 'nr_requests']),
    ('request', ['q', 'cmd_flags', 'rq_flags', 'tag', 'internal_tag', 'timeout', '__data_len', '__sector', 'bio', 'part',
                 'alloc_time_ns', 'start_time_ns', 'io_start_time_ns']),
    ('bvec_iter', ['bi_sector', 'bi_size', 'bi_idx', 'bi_bvec_done']),
    ('bio', ['bi_next', 'bi_bdev', 'bi_opf', 'bi_flags', 'bi_ioprio', 'bi_status', 'bi_iter', 'issue_time_ns', 'bi_vcnt']),
    ('inet_connection_sock', ['icsk_inet', 'icsk_rto', 'icsk_retransmits', 'icsk_backoff']),
    ('bpf_iter_meta', ['seq', 'session_id', 'seq_num']),
    ('bpf_iter__task', ['meta', 'task']),
    ('bpf_iter__task_file', ['meta', 'task', 'fd', 'file']),
    ('bpf_iter__bpf_map_elem', ['meta', 'map', 'key', 'value']),
    ('bpf_iter__tcp', ['meta', 'sk_common', 'uid']),
    ('bpf_iter__task_vma', ['meta', 'task', 'vma']),
    ('tcp_sock', ['inet_conn', 'rcv_nxt', 'snd_nxt', 'snd_una', 'mss_cache', 'snd_cwnd', 'snd_ssthresh', 'srtt_us', 'mdev_us',
                  'packets_out', 'retrans_out', 'total_retrans', 'bytes_received', 'bytes_acked', 'segs_in', 'segs_out']),
]
# whole enums (every enumerator, the kernel's values), named by one of their enumerators
ENUMS = ['TCP_ESTABLISHED', 'SOCK_STREAM']
SPEC = [s for s in SPEC if s[1]]

KEEP_TYPEDEFS = {'u8', 'u16', 'u32', 'u64', 's8', 's16', 's32', 's64', '__u8', '__u16', '__u32', '__u64', '__s8', '__s16',
                 '__s32', '__s64', '__be16', '__be32', '__wsum', 'pid_t', 'uid_t', 'gid_t', 'umode_t', 'loff_t', 'size_t',
                 'kuid_t', 'kgid_t', 'dev_t', 'time64_t', 'fmode_t', 'bool', 'ktime_t', 'sk_buff_data_t', 'blkcnt_t'}
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

    def cdecl(tid, name):
        """C declaration of `name` with BTF type tid."""
        t = by_id[tid] if tid else {'kind': 'VOID'}
        k = t['kind']
        if k == 'VOID':
            return f'void {name}'
        if k in ('CONST', 'VOLATILE', 'RESTRICT', 'TYPE_TAG'):
            return cdecl(t['type_id'], name)
        if k == 'TYPEDEF':
            if t['name'] in KEEP_TYPEDEFS:
                return f"{t['name']} {name}"
            return cdecl(t['type_id'], name)
        if k == 'INT':
            return f"{INTS.get(t['name'], t['name'])} {name}"
        if k in ('ENUM', 'ENUM64'):
            return f"{'int' if t['size'] == 4 else 'long'} {name}"
        if k in ('STRUCT', 'UNION'):
            if t['name'] == '(anon)':
                return f"char {name}[{t['size']}]" if not name.startswith('*') else f'void {name}'
            return f"{k.lower()} {t['name']} {name}"
        if k == 'FWD':
            return f"struct {t['name']} {name}"
        if k == 'PTR':
            to = by_id.get(t['type_id'])
            if to and to['kind'] == 'FUNC_PROTO':
                return f'void *{name}'
            return cdecl(t['type_id'], '*' + name)
        if k == 'ARRAY':
            return cdecl(t['type_id'], f"{name}[{t['nr_elems']}]")
        raise ValueError(f'{k} for {name}')

    def flat(t, base):
        for m in t['members']:
            off = base + m['bits_offset'] // 8
            mt = by_id[m['type_id']]
            if m['name'] == '(anon)' and mt['kind'] in ('STRUCT', 'UNION'):
                yield from flat(mt, off)
            else:
                yield m, off, base * 8 + m['bits_offset']

    out = []
    layout = {}
    for name, fields in SPEC:
        t = named[name]
        members = {}
        for m, off, bit in flat(t, 0):
            members.setdefault(m['name'], (m, off, bit))
        lines = []
        cur = 0
        pad = 0
        facts = {}
        bitfacts = {}
        curbit = 0  # bit position after the last bit-field (0: none pending)
        missing = [f for f in fields if f not in members]
        assert not missing, (name, missing)
        for f in sorted(fields, key=lambda f: members[f][2]):
            m, off, bit = members[f]
            width = m.get('bitfield_size', 0)
            if width:
                # a bit-field: pad to its storage unit, then an unnamed bit-field up to its first bit
                unit = sizeof(by_id, m['type_id'])
                start = bit // (unit * 8) * unit
                if curbit <= start * 8:
                    if start > cur:
                        lines.append(f'  char __pad{pad}[{start - cur}];')
                        pad += 1
                    curbit = start * 8
                decl = cdecl(m['type_id'], '')
                if bit > curbit:
                    lines.append(f'  {decl.strip()} : {bit - curbit};')
                lines.append(f'  {decl.strip()} {f} : {width};')
                curbit = bit + width
                cur = start + unit
                bitfacts[f] = [bit, width]
                continue
            curbit = 0
            assert m['bits_offset'] % 8 == 0, (name, f)
            assert off >= cur, (name, f, off, cur)
            if off > cur:
                lines.append(f'  char __pad{pad}[{off - cur}];')
                pad += 1
            decl = cdecl(m['type_id'], f)
            lines.append(f'  {decl};')
            size = sizeof(by_id, m['type_id'])
            cur = off + size
            facts[f] = off
        if t['size'] > cur:
            lines.append(f'  char __pad{pad}[{t["size"] - cur}];')
        kw = 'union' if t['kind'] == 'UNION' else 'struct'
        # a kernel struct whose size is not a multiple of its widest field is __packed (bvec_iter)
        widest = max([alignof(by_id, members[f][0]['type_id']) for f in fields] + [1])
        packed = ' __attribute__((packed))' if t['size'] % widest else ''
        out.append(f'{kw} {name} {{\n' + '\n'.join(lines) + f'\n}}{packed} __attribute__((preserve_access_index));\n')
        layout[name] = {'size': t['size'], 'fields': facts, **({'bitfields': bitfacts} if bitfacts else {})}

    for first in ENUMS:
        t = next(t for t in types if t['kind'] == 'ENUM' and any(v['name'] == first for v in t.get('values', [])))
        vals = ',\n'.join(f"  {v['name']} = {v['val']}" for v in t['values'])
        tag = '' if t['name'] == '(anon)' else t['name'] + ' '
        out.append(f'enum {tag}{{\n{vals},\n}};\n')

    ts = os.path.join(ROOT, 'src/compiler/include/vmlinuxKernel.ts')
    with open(ts, 'w') as fh:
        fh.write('/**\n * GENERATED by src/compiler/testdata/vmlinux/gen_vmlinux.py from a Linux 6.18 x86_64 kernel\'s BTF\n'
                 ' * (/sys/kernel/btf/vmlinux): kernel structs with only the fields BPF tools commonly read, each at the\n'
                 ' * kernel\'s byte offset (padding in between, the kernel\'s size), all `preserve_access_index` so\n'
                 ' * reads become CO-RE relocations. Facts (names, offsets, sizes) only. Do not edit: re-run the script.\n */\n')
        fh.write('export const VMLINUX_KERNEL_STRUCTS = `' + '\n'.join(out).replace('\\', '\\\\').replace('`', '\\`') + '`;\n')
    with open(os.path.join(HERE, 'layout.json'), 'w') as fh:
        json.dump(layout, fh, indent=1)
        fh.write('\n')
    print(f'{len(SPEC)} structs')


def alignof(by_id, tid):
    t = by_id[tid]
    k = t['kind']
    if k in ('CONST', 'VOLATILE', 'RESTRICT', 'TYPE_TAG', 'TYPEDEF', 'ARRAY'):
        return alignof(by_id, t['type_id'])
    if k == 'PTR':
        return 8
    if k in ('STRUCT', 'UNION'):
        return max([alignof(by_id, m['type_id']) for m in t['members']] + [1])
    return min(8, t.get('size', 1))


def sizeof(by_id, tid):
    t = by_id[tid]
    k = t['kind']
    if k in ('CONST', 'VOLATILE', 'RESTRICT', 'TYPE_TAG', 'TYPEDEF'):
        return sizeof(by_id, t['type_id'])
    if k == 'PTR':
        return 8
    if k == 'ARRAY':
        return t['nr_elems'] * sizeof(by_id, t['type_id'])
    return t['size']


if __name__ == '__main__':
    main()
