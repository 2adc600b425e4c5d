/**
 * CO-RE: the relocations our compiler emits and writes, against clang-19 and llvm-objdump-19
 * (goldens recorded by testdata/core/record.ts), plus the bundled vmlinux.h layouts against this
 * machine's kernel BTF (testdata/vmlinux/layout.json, from gen_vmlinux.py).
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { writeElf } from '../elf/index.ts';
import { createKernel } from '../kernel/run/kernel.ts';
import { loadObject } from '../kernel/run/object.ts';
import { describeCoreReloc } from './btfTypes.ts';
import { compile } from './driver.ts';
import { CASES } from './testdata/core/record.ts';

const HERE = dirname(fileURLToPath(import.meta.url));
const CORPUS = join(HERE, 'testdata/corpus');
const CORE = join(HERE, 'testdata/core');

function build(name: string) {
  const res = compile({ [`${name}.c`]: readFileSync(join(CORPUS, `${name}.c`), 'utf8') }, `${name}.c`);
  expect(res.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return res.object!;
}

/** `CO-RE <kind> struct X::a.b` without ids, access strings, anonymous members or flavours. */
const normal = (lines: string[]): string[] => [...new Set(lines.map((l) => l
  .replace(/^[0-9a-f]+:\s+/, '').replace(/\[\d+\] /, '').replace(/ \([\d:]+\)$/, '')
  .replace(/<anon \d+>\./g, '').replace(/___\w+::/, '::')))].sort();

describe('CO-RE relocations', () => {
  for (const name of CASES) {
    it(`${name}: llvm-objdump reads from our object exactly the relocations we meant`, () => {
      const obj = build(name);
      const p = obj.programs[0];
      const ours = (p.coreRelocs ?? []).map((r) => `${(r.pc * 8).toString(16).padStart(16, '0')}:  ${describeCoreReloc(obj.types ?? [], r)}`);
      const dumped = readFileSync(join(CORE, `${name}.ours.txt`), 'utf8').split('\n').filter(Boolean);
      expect(ours).toEqual(dumped);
      expect(ours.length).toBeGreaterThan(0);
      // and the object we write today is the one that was dumped (same sections, same records)
      expect(writeElf(obj).length).toBeGreaterThan(0);
    });
    it(`${name}: our local values are what libbpf relocated clang-19's to on this kernel`, () => {
      const obj = build(name);
      const p = obj.programs[0];
      // type ids are object-specific; libbpf 1.1 resolves bpf_core_type_matches(struct sk_buff) to 0 for clang's
      // object too (its local value, like ours, is 1)
      const skip = (k: string) => /<(local_type_id|target_type_id|type_matches)>/.test(k);
      const ours = (p.coreRelocs ?? []).map((r) => {
        const i = p.insns[r.pc];
        const cls = i.code & 7;
        const v = i.code === 0x18 ? i.imm : cls === 1 || cls === 2 || cls === 3 ? i.off : i.imm;
        const d = describeCoreReloc(obj.types ?? [], r).replace(/^CO-RE /, '').replace(/\[\d+\] /, '').replace(/ \([\d:]+\)$/, '')
          .replace(/___\w+::/, '::').replace(/::(?:[\w<> ]+\.)*(\w+)$/, '.$1');
        return `${d} = ${v}`;
      }).filter((l) => !skip(l)).sort();
      // libbpf names the whole path of named members (struct sock.__sk_common.skc_daddr): keep the field
      const libbpf = readFileSync(join(CORE, `${name}.libbpf.txt`), 'utf8').split('\n').filter((l) => l && !skip(l))
        .map((l) => l.replace(/^(<\w+> (?:struct|union) \w+)\.(?:\w+\.)*(\w+) =/, '$1.$2 =')).sort();
      expect(libbpf.length).toBeGreaterThan(0);
      // as sets: clang may relocate one field at more (or fewer) sites than we do
      expect([...new Set(ours)]).toEqual([...new Set(libbpf)]);
    });
    it(`${name}: relocates the same fields as clang-19`, () => {
      const obj = build(name);
      const ours = (obj.programs[0].coreRelocs ?? []).map((r) => describeCoreReloc(obj.types ?? [], r));
      const clang = readFileSync(join(CORE, `${name}.clang.txt`), 'utf8').split('\n').filter(Boolean);
      expect(normal(ours)).toEqual(normal(clang));
    });
  }

  const one = (src: string) => {
    const res = compile({ 'x.c': `#include "vmlinux.h"\n#include <bpf/bpf_helpers.h>\n#include <bpf/bpf_core_read.h>\n#include <bpf/bpf_tracing.h>\n${src}\nchar LICENSE[] SEC("license") = "GPL";\n` }, 'x.c');
    expect(res.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const obj = res.object!;
    // without type ids and access strings (those depend on the header's padding members)
    const desc = (obj.programs[0].coreRelocs ?? []).map((r) => describeCoreReloc(obj.types ?? [], r).replace(/\[\d+\] /, '').replace(/ \([\d:]+\)$/, ''));
    return { obj, p: obj.programs[0], desc };
  };

  it('field info builtins: local values from the layout, one relocated mov each', () => {
    const { p, desc } = one(`SEC("kprobe/x") int f(struct pt_regs *ctx) {
      struct task_struct *t = (void *)ctx->di;
      return bpf_core_field_size(t->comm) + bpf_core_field_offset(struct task_struct, tgid) * 100 + bpf_core_field_exists(t->pid) * 10000000; }`);
    expect(desc).toEqual([
      'CO-RE <byte_off> struct pt_regs::di',
      'CO-RE <byte_off> struct task_struct::tgid',
      'CO-RE <byte_sz> struct task_struct::comm',
      'CO-RE <field_exists> struct task_struct::pid',
    ]);
    // task_struct.tgid is at 1268, comm is char[16] (layout.json, from the kernel's BTF)
    const movs = p.coreRelocs!.slice(1).map((r) => p.insns[r.pc]);
    expect(movs.map((i) => [i.code, i.imm])).toEqual([[0xb7, 1268], [0xb7, 16], [0xb7, 1]]);
  });

  it('type info builtins and explicit __builtin_preserve_access_index', () => {
    const { desc, p } = one(`struct plain { int a; int b; };
      SEC("kprobe/x") int f(struct pt_regs *ctx) {
      struct plain *q = (void *)ctx->si;
      int b = __builtin_preserve_access_index(q->b);
      return bpf_core_type_exists(struct task_struct) + bpf_core_type_size(struct cred) + b; }`);
    expect(desc).toEqual([
      'CO-RE <byte_off> struct pt_regs::si',
      'CO-RE <byte_off> struct plain::b',
      'CO-RE <type_exists> struct task_struct',
      'CO-RE <type_size> struct cred',
    ]);
    expect(p.insns[p.coreRelocs![3].pc].imm).toBe(184); // sizeof(struct cred) in 6.18
  });

  it('enum value and type id builtins: relocated 64-bit immediates (ld_imm64), as clang-19 emits them', () => {
    const { p, obj, desc } = one(`SEC("kprobe/x") int f(struct pt_regs *ctx) {
      return bpf_core_enum_value(enum bpf_map_type, BPF_MAP_TYPE_RINGBUF) + bpf_core_enum_value_exists(enum bpf_map_type, BPF_MAP_TYPE_HASH)
        + bpf_core_type_id_kernel(struct task_struct) + bpf_core_type_id_local(struct cred); }`);
    expect(desc).toEqual([
      'CO-RE <enumval_value> enum bpf_map_type::BPF_MAP_TYPE_RINGBUF = 27', // UAPI: BPF_MAP_TYPE_RINGBUF = 27
      'CO-RE <enumval_exists> enum bpf_map_type::BPF_MAP_TYPE_HASH = 1',
      'CO-RE <target_type_id> struct task_struct',
      'CO-RE <local_type_id> struct cred',
    ]);
    const r = p.coreRelocs!;
    expect(r.map((x) => [p.insns[x.pc].code, x.access])).toEqual([[0x18, '27'], [0x18, '1'], [0x18, '0'], [0x18, '0']]);
    expect(r.map((x) => p.insns[x.pc].imm)).toEqual([27, 1, r[2].type, r[3].type]);
    // the local value of a type id is the type's own id in our .BTF
    expect(obj.types![r[2].type - 1]).toMatchObject({ kind: 'struct', name: 'task_struct' });
    expect(obj.types![r[0].type - 1]).toMatchObject({ kind: 'enum', name: 'bpf_map_type', size: 4 });
  });

  it('BPF_CORE_READ_BITFIELD reads bit-fields (unsigned, signed, 40 bits wide) right, run in the simulator', () => {
    const res = compile({ 'x.c': `#include <linux/bpf.h>\n#include <bpf/bpf_helpers.h>\n#include <bpf/bpf_core_read.h>
      struct bits { int a; unsigned int x:3, y:5; int z:4; unsigned long long w:40; } __attribute__((preserve_access_index));
      SEC("xdp") int f(struct xdp_md *ctx) {
        struct bits b = {};
        b.x = 5; b.y = 17; b.z = -3; b.w = 0x123456789aULL;
        struct bits *bp = &b;
        long z = BPF_CORE_READ_BITFIELD(bp, z);
        unsigned long long w = BPF_CORE_READ_BITFIELD(bp, w);
        return BPF_CORE_READ_BITFIELD(bp, x) * 10000 + BPF_CORE_READ_BITFIELD(bp, y) * 100 + (z + 10) + (w == 0x123456789aULL ? 1000000 : 0);
      }\nchar LICENSE[] SEC("license") = "GPL";\n` }, 'x.c');
    expect(res.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const obj = res.object!;
    const kinds = new Set((obj.programs[0].coreRelocs ?? []).map((r) => describeCoreReloc(obj.types ?? [], r).replace(/\[\d+\] /, '').replace(/ \([\d:]+\)$/, '')));
    for (const k of ['byte_off', 'byte_sz', 'lshift_u64', 'rshift_u64', 'signed']) expect(kinds).toContain(`CO-RE <${k}> struct bits::z`);
    const k = createKernel();
    const l = loadObject(k, obj);
    if (!l.ok) throw new Error(l.message);
    const pkt = new Uint8Array(64);
    pkt.set([0x08, 0x00], 12);
    // x = 5, y = 17, z = -3 (sign-extended), w compared whole: 5·10000 + 17·100 + (−3 + 10) + 1000000
    expect(k.run(l.programs.get('f')!, { packet: pkt }).retval).toBe(1051707);
  });

  it('bpf_core_enum_value with something that is not an enumerator of the enum is an error', () => {
    const res = compile({ 'x.c': `#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>
enum other { OTHER_X = 3 };
SEC("kprobe/x") int f(void *ctx) { return bpf_core_enum_value(enum bpf_map_type, 4000); }
` }, 'x.c');
    expect(res.diagnostics.map((d) => d.message)).toContain("'4000' is not an enumerator of 'enum bpf_map_type'");
  });

  it('#pragma clang attribute push(preserve_access_index) marks the structs defined under it', () => {
    const { desc } = one(`#pragma clang attribute push (__attribute__((preserve_access_index)), apply_to = record)
      struct in_scope { long x; long y; };
      #pragma clang attribute pop
      struct out_of_scope { long x; long y; };
      SEC("kprobe/x") int f(struct pt_regs *ctx) {
      struct in_scope *a = (void *)ctx->di; struct out_of_scope *b = (void *)ctx->si;
      return a->y + b->y; }`);
    expect(desc.filter((d) => !d.includes('pt_regs'))).toEqual(['CO-RE <byte_off> struct in_scope::y']);
  });

  it('BPF_UPROBE/BPF_URETPROBE are BPF_KPROBE/BPF_KRETPROBE; PT_REGS_*_CORE read through probe reads', () => {
    const k = one(`SEC("uprobe") int BPF_KPROBE(f, long a, long b) { return a + b; }`).p.insns;
    const u = one(`SEC("uprobe") int BPF_UPROBE(f, long a, long b) { return a + b; }`).p.insns;
    expect(u).toEqual(k);
    const kr = one(`SEC("uretprobe") int BPF_KRETPROBE(f, long rc) { return rc > 0; }`).p.insns;
    const ur = one(`SEC("uretprobe") int BPF_URETPROBE(f, long rc) { return rc > 0; }`).p.insns;
    expect(ur).toEqual(kr);
    const { p, desc } = one(`SEC("kprobe/x") int f(struct pt_regs *ctx) {
      struct pt_regs *inner = (struct pt_regs *)PT_REGS_PARM1(ctx);
      return PT_REGS_PARM2_CORE(inner) + PT_REGS_PARM4_CORE_SYSCALL(inner); }`);
    expect(desc).toEqual(['CO-RE <byte_off> struct pt_regs___x86::di', 'CO-RE <byte_off> struct pt_regs___x86::si', 'CO-RE <byte_off> struct pt_regs___x86::r10']);
    expect(p.insns.filter((i) => i.code === 0x85 && i.imm === 113).length).toBe(2); // bpf_probe_read_kernel
  });

  it('locals and globals of a relocatable type are not relocated (their layout is ours)', () => {
    const { desc } = one(`SEC("kprobe/x") int f(struct pt_regs *ctx) { struct qstr q = {}; q.len = 3; return q.len; }`);
    expect(desc).toEqual([]);
  });
});

describe('bundled vmlinux.h', () => {
  const layout = JSON.parse(readFileSync(join(HERE, 'testdata/vmlinux/layout.json'), 'utf8')) as Record<string, { size: number; fields: Record<string, number> }>;
  it('has the Linux 6.18 x86_64 offset of every field it declares, and every struct size', () => {
    const asserts: string[] = [];
    for (const [st, { size, fields }] of Object.entries(layout)) {
      asserts.push(`_Static_assert(sizeof(struct ${st}) == ${size}, "sizeof ${st}");`);
      for (const [f, off] of Object.entries(fields)) asserts.push(`_Static_assert(__builtin_offsetof(struct ${st}, ${f}) == ${off}, "${st}.${f}");`);
    }
    expect(asserts.length).toBeGreaterThan(250);
    const res = compile({ 'x.c': `#include "vmlinux.h"\n${asserts.join('\n')}\n` }, 'x.c');
    expect(res.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message)).toEqual([]);
  });
  it('covers the structs tracing tools read', () => {
    for (const s of ['task_struct', 'cred', 'mm_struct', 'file', 'path', 'dentry', 'inode', 'filename', 'linux_binprm', 'sock', 'sock_common', 'sk_buff',
      'trace_event_raw_sys_enter', 'trace_event_raw_sys_exit', 'trace_event_raw_sched_process_exec', 'trace_event_raw_sched_process_exit',
      'trace_event_raw_sched_process_fork', 'trace_event_raw_sched_switch']) expect(Object.keys(layout)).toContain(s);
  });
});
