/**
 * The member-access resolver on snippets: which struct is left of `->` / `.`, and its fields'
 * offsets. Expected offsets are independent facts: the IPv4/UDP/Ethernet header layouts of
 * RFC 791 / RFC 768 / IEEE 802.3 (as linux/ip.h, linux/udp.h, linux/if_ether.h declare them),
 * and task_struct offsets read from this machine's kernel BTF
 * (`bpftool btf dump file /sys/kernel/btf/vmlinux format raw`: pid bits_offset=10112, tgid
 * 10144, real_parent 10240, comm 14016 → bytes 1264, 1268, 1280, 1752; file.f_inode
 * bits_offset=256 → 32, inode.i_ino 512 → 64).
 */
import { describe, expect, it } from 'vitest';
import { accessAt, resolveAccess } from './structIntel.ts';

/** Text with `|` marking the cursor → [text, offset]. */
const at = (s: string): [string, number] => [s.replace('|', ''), s.indexOf('|')];

const NET = `#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/udp.h>
#include <bpf/bpf_helpers.h>
`;

describe('accessAt', () => {
  it('reads the chain left of the cursor', () => {
    expect(accessAt(...at('x = ip->|'))).toMatchObject({ base: 'ip', path: [], op: '->', partial: '' });
    expect(accessAt(...at('x = ip->sa|ddr;'))).toMatchObject({ base: 'ip', op: '->', partial: 'sa', from: 8, to: 13 });
    expect(accessAt(...at('t->real_parent->|'))).toMatchObject({ base: 't', path: [{ op: '->', name: 'real_parent' }], op: '->' });
    expect(accessAt(...at('a[i + 1].b.|'))).toMatchObject({ base: 'a', path: [{ op: '.', name: 'b' }], op: '.' });
    expect(accessAt(...at('x = 1.|'))).toBeNull();
    expect(accessAt(...at('{ .|'))).toBeNull();
    expect(accessAt(...at('plain|'))).toBeNull();
  });
});

describe('resolveAccess', () => {
  it('a local pointer declared with its struct type: struct iphdr (bit-fields, anonymous union)', () => {
    const [text, off] = at(`${NET}SEC("xdp") int f(struct xdp_md *ctx) {
  void *data = (void *)(long)ctx->data;
  struct ethhdr *eth = data;
  struct iphdr *ip = (void *)(eth + 1);
  if (ip->|
  return XDP_PASS;
}`);
    const r = resolveAccess(text, off)!;
    expect(r.info.name).toBe('struct iphdr');
    expect(r.info.size).toBe(20);
    const f = Object.fromEntries(r.info.fields.map((x) => [x.name, x]));
    expect(f.ihl).toMatchObject({ offset: 0, bitOffset: 0, bitWidth: 4 });
    expect(f.version).toMatchObject({ offset: 0, bitOffset: 4, bitWidth: 4 });
    expect([f.tos.offset, f.tot_len.offset, f.id.offset, f.frag_off.offset, f.ttl.offset, f.protocol.offset, f.check.offset]).toEqual([1, 2, 4, 6, 8, 9, 10]);
    expect(f.saddr).toMatchObject({ offset: 12, size: 4, type: '__be32' });
    expect(f.daddr).toMatchObject({ offset: 16, size: 4 });
  });

  it('a parameter, a value with `.`, an array element, and a global', () => {
    const [t1, o1] = at(`${NET}static int g(struct udphdr *u) { return u->|; }`);
    expect(resolveAccess(t1, o1)!.info.fields.map((x) => [x.name, x.offset])).toEqual([['source', 0], ['dest', 2], ['len', 4], ['check', 6]]);
    const [t2, o2] = at(`${NET}int f(void) { struct ethhdr eth = {}; return eth.|; }`);
    expect(resolveAccess(t2, o2)!.info.fields.map((x) => [x.name, x.offset, x.size])).toEqual([['h_dest', 0, 6], ['h_source', 6, 6], ['h_proto', 12, 2]]);
    const [t3, o3] = at(`${NET}struct ethhdr hs[4];\nint f(int i) { return hs[i].h_|; }`);
    expect(resolveAccess(t3, o3)!.info.name).toBe('struct ethhdr');
    // a struct of the source itself
    const [t4, o4] = at('struct event { int pid; char comm[16]; long ts; };\nint f(struct event *e) { return e->|; }');
    expect(resolveAccess(t4, o4)!.info.fields.map((x) => [x.name, x.type, x.offset])).toEqual([['pid', 'int', 0], ['comm', 'char[16]', 4], ['ts', 'long', 24]]);
  });

  it('vmlinux.h: a chain through task_struct pointers, at the kernel BTF offsets', () => {
    const [text, off] = at(`#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
SEC("tp/sched/sched_process_exec") int f(void *ctx) {
  struct task_struct *t = (struct task_struct *)bpf_get_current_task();
  int p = t->real_parent->|
  return 0;
}`);
    const r = resolveAccess(text, off)!;
    expect(r.info.name).toBe('struct task_struct');
    const f = Object.fromEntries(r.info.fields.map((x) => [x.name, x]));
    expect([f.pid.offset, f.tgid.offset, f.real_parent.offset, f.comm.offset]).toEqual([1264, 1268, 1280, 1752]);
    expect(f.real_parent.type).toBe('struct task_struct *');
  });

  it('BPF_PROG parameters (declared by the macro) and a chain into another struct', () => {
    const src = `#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
SEC("lsm/file_open")
int BPF_PROG(check, struct file *file)
{
  return file->f_inode->i_ino != 0;
}`;
    const f = resolveAccess(src, src.indexOf('file->') + 6)!;
    expect(f.info.name).toBe('struct file');
    expect(f.info.fields.find((x) => x.name === 'f_inode')).toMatchObject({ offset: 32, size: 8, type: 'struct inode *' });
    const i = resolveAccess(src, src.indexOf('->i_ino') + 2)!;
    expect(i.info.name).toBe('struct inode');
    expect(i.info.fields.find((x) => x.name === 'i_ino')!.offset).toBe(64);
  });

  it('the last declaration before the cursor in the enclosing function wins; unknown names give null', () => {
    const src = `${NET}int a(void) { struct udphdr *p = 0; return p->|; }\nint b(void) { struct iphdr *p = 0; return p->; }`;
    const [text, off] = at(src);
    expect(resolveAccess(text, off)!.info.name).toBe('struct udphdr');
    expect(resolveAccess(text, text.lastIndexOf('p->') + 3)!.info.name).toBe('struct iphdr');
    expect(resolveAccess(...at(`${NET}int f(void) { return nope->|; }`))).toBeNull();
    // an incomplete struct (no header): nothing to offer
    expect(resolveAccess(...at('int f(struct iphdr *ip) { return ip->|; }'))).toBeNull();
    // a scalar on the left
    expect(resolveAccess(...at('int f(int x) { return x.|; }'))).toBeNull();
  });

  it('survives hostile input', () => {
    expect(resolveAccess(...at('#include <nope.h>\n{{{{ ]]] ->|'))).toBeNull();
    expect(resolveAccess(...at(`${'('.repeat(5000)}a->|`))).toBeNull();
  });
});
