/**
 * Completion and hover texts, checked against facts taken from outside our tables: libbpf's
 * bpf_helper_defs.h (helper ids and prototypes), the UAPI headers (struct xdp_md / __sk_buff
 * offsets, BPF_MAP_TYPE_RINGBUF = 27, XDP_DROP = 1) and libbpf's section-name documentation.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { completionsAt, hoverAt, programTypeOf, SECTION_NAMES } from './intel.ts';

const C = { language: 'c' as const, progType: null };
const ASM = { language: 'asm' as const, progType: null };

/** The text with `|` removed and the offset where it was. */
function at(src: string): [string, number] {
  const i = src.indexOf('|');
  return [src.slice(0, i) + src.slice(i + 1), i];
}

const XDP_PROG = `#include <bpf/bpf_helpers.h>
SEC("xdp")
int prog(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	return XDP_DROP;
}
`;

describe('program type of a source', () => {
  it('comes from the first program SEC() in C, skipping maps and license', () => {
    expect(programTypeOf('struct {} m SEC(".maps");\nSEC("tc")\nint f() {}', C)).toBe('sched_cls');
    expect(programTypeOf('SEC("kprobe/do_unlinkat") int f() {}', C)).toBe('kprobe');
    expect(programTypeOf('SEC("socket") int f() {}', C)).toBe('socket_filter');
    expect(programTypeOf('int f() {}', C)).toBe('xdp');
    expect(programTypeOf('exit', { language: 'asm', progType: 'tc' })).toBe('sched_cls');
    expect(programTypeOf('exit', ASM)).toBe('xdp');
  });
});

describe('completion', () => {
  it('offers helpers after bpf_, with libbpf prototypes, those this type may call first', () => {
    const [text, off] = at('SEC("xdp") int f(void *c) {\n\tbpf_map_lo|\n}');
    const r = completionsAt(text, off, C)!;
    expect(text.slice(r.from, r.to)).toBe('bpf_map_lo');
    const lookup = r.items.find((i) => i.label === 'bpf_map_lookup_elem')!;
    expect(lookup.detail).toBe('void *bpf_map_lookup_elem(void *map, const void *key)');
    expect(lookup.doc).toContain('**Helper 1**');
    expect(lookup.insertText).toBe('bpf_map_lookup_elem(');
    expect(r.items.length).toBe(211);
    // bpf_skb_load_bytes (26) is for skb programs; XDP has bpf_xdp_load_bytes (189)
    const skb = r.items.find((i) => i.label === 'bpf_skb_load_bytes')!;
    const xdp = r.items.find((i) => i.label === 'bpf_xdp_load_bytes')!;
    expect(skb.detail).toMatch(/^not callable from xdp/);
    expect(skb.doc).toContain('may **not** call it');
    expect(xdp.detail).not.toMatch(/not callable/);
    expect(xdp.sortText < skb.sortText).toBe(true);
  });

  it('offers section names inside SEC("', () => {
    const [text, off] = at('SEC("kp|")\nint f() {}');
    const r = completionsAt(text, off, C)!;
    expect(text.slice(r.from, r.to)).toBe('kp');
    const labels = r.items.map((i) => i.label);
    for (const s of ['xdp', 'tc', 'socket', 'kprobe/', 'kretprobe/', 'tracepoint/', 'raw_tracepoint/', 'fentry/', 'lsm/', 'perf_event']) expect(labels).toContain(s);
    expect(r.items.find((i) => i.label === 'kprobe/')!.detail).toBe('BPF_PROG_TYPE_KPROBE');
    expect(SECTION_NAMES).toContain('tc/ingress');
  });

  it('offers the context fields of the program type after ->', () => {
    const [text, off] = at(XDP_PROG.replace('ctx->data;', 'ctx->|'));
    const r = completionsAt(text, off, C)!;
    expect(r.items.map((i) => i.label)).toEqual(['data', 'data_end', 'data_meta', 'ingress_ifindex', 'rx_queue_index', 'egress_ifindex']);
    expect(r.items[1].detail).toBe('__u32 · off 4');
    const [tc, toff] = at('SEC("tc") int f(struct __sk_buff *skb) { return skb->|; }');
    const fields = completionsAt(tc, toff, C)!.items;
    expect(fields.find((i) => i.label === 'data')!.detail).toBe('__u32 · off 76');
    expect(fields.find((i) => i.label === 'cb')!.detail).toBe('__u32[5] · off 48');
  });

  it('offers the fields of a variable\'s own struct after -> and . (linux/ip.h, RFC 791 offsets)', () => {
    const src = readFileSync(new URL('../../../examples/05-xdp-drop-udp/prog.c', import.meta.url), 'utf8');
    const [text, off] = at(src.replace('if (ip->protocol != IPPROTO_UDP)', 'if (ip->|'));
    const r = completionsAt(text, off, C)!;
    const by = Object.fromEntries(r.items.map((i) => [i.label, i]));
    expect(Object.keys(by)).toEqual(['ihl', 'version', 'tos', 'tot_len', 'id', 'frag_off', 'ttl', 'protocol', 'check', 'saddr', 'daddr', 'addrs']);
    expect(by.saddr.detail).toBe('__be32 · off 12');
    expect(by.ihl.detail).toBe('__u8 : 4 · off 0');
    expect(r.from).toBe(off);
    // ctx is still the context struct, with the per-type access rules
    const [t2, o2] = at(src.replace('ctx->data_end;', 'ctx->|'));
    expect(completionsAt(t2, o2, C)!.items[1].detail).toBe('__u32 · off 4');
    // a struct value and `.`
    const [t3, o3] = at(src.replace('__u32 key = 0;', 'struct ethhdr e2 = *eth; e2.h_|'));
    const r3 = completionsAt(t3, o3, C)!;
    expect(r3.items.map((i) => `${i.label} ${i.detail}`)).toEqual(['h_dest unsigned char[6] · off 0', 'h_source unsigned char[6] · off 6', 'h_proto __be16 · off 12']);
    expect(t3.slice(r3.from, r3.to)).toBe('h_');
    // `.` after something that is not a struct variable offers nothing
    expect(completionsAt(...at('int x = 1.|'), C)).toBeNull();
  });

  it('offers map types and return codes', () => {
    const [text, off] = at('__uint(type, BPF_MAP_TYPE_RI|);');
    const r = completionsAt(text, off, C)!;
    expect(r.items.find((i) => i.label === 'BPF_MAP_TYPE_RINGBUF')!.detail).toBe('map type 27');
    expect(r.items.find((i) => i.label === 'BPF_MAP_TYPE_HASH')!.detail).toBe('map type 1');
    const [t2, o2] = at('SEC("xdp") int f() { return XDP_|; }');
    expect(completionsAt(t2, o2, C)!.items.map((i) => `${i.label}${i.detail}`)).toEqual(['XDP_ABORTED= 0', 'XDP_DROP= 1', 'XDP_PASS= 2', 'XDP_TX= 3', 'XDP_REDIRECT= 4']);
  });

  it('offers helper names after call in assembly, and nothing in comments or plain text', () => {
    const [text, off] = at('\tr1 = 0\n\tcall bpf_ktime|\n\texit');
    const r = completionsAt(text, off, ASM)!;
    expect(r.items.find((i) => i.label === 'bpf_ktime_get_ns')!.insertText).toBe('bpf_ktime_get_ns');
    expect(completionsAt(...at('\t# call bpf_|'), ASM)).toBeNull();
    expect(completionsAt(...at('int x = 1|;'), C)).toBeNull();
    expect(completionsAt(...at('// bpf_map|'), C)).toBeNull();
  });
});

describe('hover', () => {
  it('explains a helper: prototype, what it does, who may call it', () => {
    const [text, off] = at('SEC("xdp") int f() { bpf_map_look|up_elem(&m, &k); }');
    const h = hoverAt(text, off, C)!;
    expect(text.slice(h.from, h.to)).toBe('bpf_map_lookup_elem');
    expect(h.markdown).toContain('void *bpf_map_lookup_elem(void *map, const void *key);');
    expect(h.markdown).toContain('✓ a xdp program may call it');
    const k = hoverAt(...at('SEC("socket") int f() { bpf_xdp_adjust_he|ad(c, 4); }'), C)!;
    expect(k.markdown).toContain('**Helper 44**');
    expect(k.markdown).toContain('may **not** call it');
  });

  it('explains a context field with its offset, size and access rule for this program type', () => {
    const [text, off] = at(XDP_PROG.replace('ctx->data;', 'ctx->da|ta;'));
    const h = hoverAt(text, off, C)!;
    expect(text.slice(h.from, h.to)).toBe('data');
    expect(h.markdown).toContain('offset 0, size 4');
    expect(h.markdown).toContain('read with 4-byte loads, read-only');
    expect(h.markdown).toContain('PTR_TO_PACKET');
    const m = hoverAt(...at('SEC("tc") int f(struct __sk_buff *s) { s->ma|rk = 1; }'), C)!;
    expect(m.markdown).toContain('offset 8, size 4');
    expect(m.markdown).toContain('written with 4-byte stores');
    // a socket filter may not read data directly
    const sf = hoverAt(...at('SEC("socket") int f(struct __sk_buff *s) { return s->da|ta; }'), C)!;
    expect(sf.markdown).toContain('may not read it ("invalid bpf_context access off=76 size=4")');
  });

  it('explains a field of any struct: its type, offset and size (or bit position)', () => {
    const src = readFileSync(new URL('../../../examples/05-xdp-drop-udp/prog.c', import.meta.url), 'utf8');
    const [text, off] = at(src.replace('udp->dest != bpf_htons(5001)', 'udp->de|st != bpf_htons(5001)'));
    const h = hoverAt(text, off, C)!;
    expect(text.slice(h.from, h.to)).toBe('dest');
    expect(h.markdown).toContain('__be16 dest;  /* struct udphdr, offset 2, size 2 */');
    const i = src.indexOf('ip->ihl') + 5;
    expect(hoverAt(src, i, C)!.markdown).toContain('__u8 ihl : 4;  /* struct iphdr, offset 0, bits 0–3 (4-bit field) */');
    // the context field keeps its access-rule answer
    expect(hoverAt(src, src.indexOf('ctx->data;') + 6, C)!.markdown).toContain('read with 4-byte loads, read-only');
  });

  it('explains sections, map types, return codes and `call N` in assembly', () => {
    expect(hoverAt(...at('SEC("kprobe/do_un|linkat")'), C)!.markdown).toContain('BPF\\_PROG\\_TYPE\\_KPROBE');
    expect(hoverAt(...at('__uint(type, BPF_MAP_TYPE_RING|BUF);'), C)!.markdown).toContain('BPF_MAP_TYPE_RINGBUF = 27');
    expect(hoverAt(...at('return XDP_DR|OP;'), C)!.markdown).toContain('XDP_DROP = 1');
    expect(hoverAt(...at('\tcall |5\n'), ASM)!.markdown).toContain('bpf_ktime_get_ns(void)');
    expect(hoverAt(...at('\tr0 = 5|\n'), ASM)).toBeNull();
    expect(hoverAt(...at('int x|;'), C)).toBeNull();
  });

  it('reads an assembly context access by its offset (UAPI: __sk_buff.mark at 8, cb[] at 48, xdp_md 24 bytes)', () => {
    const tc = { language: 'asm' as const, progType: 'tc' };
    const h = hoverAt(...at('\tr2 = *(u32 *)(r1 + |8)\n'), tc)!;
    expect(h.markdown).toContain('If r1 is the context (r1 is, when the program starts): `mark`, a 4-byte access.');
    expect(h.markdown).toContain('offset 8, size 4');
    expect(hoverAt(...at('\t*(u32 *)(r1 + 0x3|8) = r2\n'), tc)!.markdown).toContain('`cb[2]`');
    expect(hoverAt(...at('\tr2 = *(u32 *)(r1 + |24)\n'), ASM)!.markdown).toContain('past the end of `struct xdp_md` (24 bytes)');
    expect(hoverAt(...at('\tr2 = *(u64 *)(r10 - |8)\n'), ASM)).toBeNull();
  });
});
