/**
 * Kernel verifier-log dialect. The main check is against the running kernel: testdata/kernel-forms.s
 * was assembled by llvm-mc-19 and loaded into Linux 6.18 with log level 2 by
 * scripts/record-asm-goldens.ts (via ../shared/tools/kernel_oracle.py); assembling the kernel's log
 * must give back exactly the bytes that were loaded (kernel-forms.hex).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeInsns } from '../isa/insn.ts';
import { assemble } from './index.ts';

const dir = join(import.meta.dirname, 'testdata');
const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const loaded = readFileSync(join(dir, 'kernel-forms.hex'), 'utf8').split('\n').filter((l) => l && !l.startsWith('#')).join('');
const log = readFileSync(join(dir, 'kernel-forms.log'), 'utf8');

describe('a Linux 6.18 level-2 verifier log', () => {
  it('assembles back to the loaded program (map pointer -> map reloc from the register state)', () => {
    const r = assemble(log, { file: 'kernel-forms.log' });
    expect(r.dialect).toBe('kernel');
    expect(r.diagnostics).toEqual([]);
    expect(hex(encodeInsns(r.insns))).toBe(loaded);
    expect(r.relocs.map((x) => [x.pc, x.symbol, x.kind])).toEqual([[14, 'counts', 'map']]);
  });
  it('from the walked lines alone (no liveness listing), reports the slots the verifier never printed', () => {
    // The verifier proved the fall-through at 85 dead and never walked it (71 and 73 are ld_imm64 second slots).
    const walked = log.split('\n').filter((l) => /^\d+: \(/.test(l)).join('\n');
    const r = assemble(walked);
    expect(r.diagnostics.map((d) => d.message)).toEqual([85].map((n) => `the log does not show instruction ${n} (the verifier did not print it), so the program cannot be rebuilt`));
    const got = hex(encodeInsns(r.insns));
    for (let pc = 0; pc < loaded.length / 16; pc++) {
      if (pc !== 85) expect(got.slice(pc * 16, pc * 16 + 16), `slot ${pc}`).toBe(loaded.slice(pc * 16, pc * 16 + 16));
    }
  });
  it('maps each slot to its log line', () => {
    const r = assemble(log);
    const line = (pc: number): string => {
      const s = r.spans[pc]!;
      return log.slice(s.start, s.end);
    };
    expect(line(31)).toBe('r0 = atomic64_cmpxchg((u64 *)(r7 +0), r0, r2)');
    expect(line(15)).toBe(line(14)); // second slot of the ld_imm64
  });
});

describe('a socket filter log: packet loads, acquire/release, may_goto, SCC-numbered liveness lines', () => {
  it('assembles back to the loaded program', () => {
    const skbLog = readFileSync(join(dir, 'kernel-skb.log'), 'utf8');
    const want = readFileSync(join(dir, 'kernel-skb.hex'), 'utf8').split('\n').filter((l) => l && !l.startsWith('#')).join('');
    const r = assemble(skbLog);
    expect(r.dialect).toBe('kernel');
    expect(r.diagnostics).toEqual([]);
    expect(hex(encodeInsns(r.insns))).toBe(want);
    // only the liveness listing (whose loop lines carry an SCC number) gives the same program
    const live = skbLog.split('\n').filter((l) => /^ {2}/.test(l)).join('\n');
    expect(hex(encodeInsns(assemble(live, { dialect: 'kernel' }).insns))).toBe(want);
  });
});

describe('real verifier log snippets', () => {
  // From https://github.com/parttimenerd/ebpf-verifier-errors/issues/2 (a rejected program; the
  // whole walked path 0..12 is printed). Expected bytes: the same instructions written in LLVM
  // syntax and encoded by llvm-mc-19 -show-encoding (with the map ld_imm64 given src=1, imm=0).
  const snippet = `libbpf: prog 'enterOpenat2': -- BEGIN PROG LOAD LOG --
0: R1=ctx() R10=fp0
;  @ <stdin>:15
0: (b7) r1 = 0                        ; R1_w=0
;  @ <stdin>:16
1: (7b) *(u64 *)(r10 -8) = r1         ; R1_w=0 R10=fp0 fp-8_w=0
2: (7b) *(u64 *)(r10 -16) = r1        ; R1_w=0 R10=fp0 fp-16_w=0
3: (bf) r6 = r10                      ; R6_w=fp0 R10=fp0
4: (07) r6 += -16                     ; R6_w=fp-16
;  @ <stdin>:17
5: (bf) r1 = r6                       ; R1_w=fp-16 R6_w=fp-16
6: (b7) r2 = 16                       ; R2_w=16
7: (85) call bpf_get_current_comm#16          ; R0_w=scalar() fp-8_w=mmmmmmmm fp-16_w=mmmmmmmm
;  @ <stdin>:18
8: (18) r1 = 0xffff95b5c6d05800       ; R1_w=map_ptr(map=map,ks=16,vs=4)
10: (bf) r2 = r6                      ; R2_w=fp-16 R6_w=fp-16
11: (85) call bpf_map_lookup_elem#1   ; R0=map_value_or_null(id=1,map=map,ks=16,vs=4)
;  @ <stdin>:19
12: (61) r1 = *(u32 *)(r0 +0)
R0 invalid mem access 'map_value_or_null'
processed 12 insns (limit 1000000) max_states_per_insn 0 total_`;
  it('parttimenerd/ebpf-verifier-errors#2', () => {
    const r = assemble(snippet, { file: 'issue2.log' });
    expect(r.dialect).toBe('kernel');
    expect(r.diagnostics).toEqual([]);
    expect(hex(encodeInsns(r.insns))).toBe(
      'b701000000000000' + '7b1af8ff00000000' + '7b1af0ff00000000' + 'bfa6000000000000' + '07060000f0ffffff' + 'bf61000000000000' +
        'b702000010000000' + '8500000010000000' + '1811000000000000' + '0000000000000000' + 'bf62000000000000' + '8500000001000000' + '6101000000000000',
    );
    expect(r.relocs.map((x) => [x.pc, x.symbol])).toEqual([[8, 'map']]);
  });
  // From https://github.com/google/ghost-userspace/issues/31 (an older kernel: register state on its
  // own indented line, source lines as `;` comments). Expected bytes: llvm-mc-19 of the same
  // instructions in LLVM syntax.
  it('google/ghost-userspace#31 (older log layout)', () => {
    const r = assemble(`libbpf: -- BEGIN DUMP LOG ---
libbpf:
; switch (msg->type) {
0: (69) r2 = *(u16 *)(r1 +40)
; switch (msg->type) {
1: (65) if r2 s> 0x45 goto pc+7
 R1=ctx(id=0,off=0,imm=0) R2_w=invP(id=0,umax_value=69,var_off=(0x0; 0x7f)) R10=fp0
2: (65) if r2 s> 0x42 goto pc+13
 R1=ctx(id=0,off=0,imm=0) R2_w=invP(id=0,umax_value=66,var_off=(0x0; 0x7f)) R10=fp0
3: (15) if r2 == 0x40 goto pc+24`);
    expect(r.dialect).toBe('kernel');
    expect(r.diagnostics).toEqual([]);
    expect(hex(encodeInsns(r.insns))).toBe('6912280000000000650207004500000065020d00420000001502180040000000');
  });
  // From https://github.com/loxilb-io/loxilb/issues/953 (lines 1203..1205 of a long log, renumbered
  // as a standalone snippet without pc prefixes): the `(xx)` prefix alone marks the dialect.
  it('loxilb-io/loxilb#953 without pc prefixes', () => {
    const r = assemble(`(18) r1 = 0xffff9387c04f2000    ; R1_w=map_ptr(map=bd_stats_map,ks=4,vs=16)
(85) call bpf_map_lookup_elem#1         ; R0_w=map_value_or_null(id=17,map=bd_stats_map,ks=4,vs=16)
(71) r2 = *(u8 *)(r8 +282)      ; R2_w=scalar(smin=smin32=0,smax=umax=smax32=umax32=255,var_off=(0x0; 0xff))
(15) if r0 == 0x0 goto pc+7     ; R0_w=map_value(map=bd_stats_map,ks=4,vs=16)`);
    expect(r.dialect).toBe('kernel');
    expect(r.diagnostics).toEqual([]);
    // llvm-mc-19: r2 = *(u8 *)(r8 + 282) -> 71 82 1a 01 ..., if r0 == 0 goto +7 -> 15 00 07 00 ...
    expect(hex(encodeInsns(r.insns))).toBe('1811000000000000' + '0000000000000000' + '8500000001000000' + '71821a0100000000' + '1500070000000000');
    expect(r.relocs.map((x) => x.symbol)).toEqual(['bd_stats_map']);
  });
});

describe('kernel-only spellings (kernel/bpf/disasm.c formats)', () => {
  const one = (line: string): string => {
    const r = assemble(line, { dialect: 'kernel' });
    expect(r.diagnostics, line).toEqual([]);
    return hex(encodeInsns(r.insns));
  };
  it('jumps and calls', () => {
    expect(one('goto pc-3')).toBe('0500fdff00000000');
    expect(one('gotol pc+70000')).toBe('0600000070110100');
    expect(one('call pc+705')).toBe('85100000c1020000');
    expect(one('call unknown#195')).toBe('85000000c3000000');
    expect(one('call bpf_obj_new_impl#54321')).toBe('8520000031d40000'); // a kfunc: src=2
    expect(one('if w1 s> 0xffffffff goto pc+2')).toBe('66010200ffffffff');
    expect(one('may_goto pc+4')).toBe('e500040000000000');
  });
  it('ld_imm64: hex value, (18) prefix, bpftool map forms', () => {
    expect(one('r0 = 0x1234')).toBe('1800000034120000' + '0000000000000000');
    expect(one('r0 = 4660')).toBe('b700000034120000');
    expect(one('(18) r0 = 4660')).toBe('1800000034120000' + '0000000000000000');
    expect(one('r1 = map[id:5]')).toBe('1811000005000000' + '0000000000000000');
    expect(one('r1 = map[id:5][0]+16')).toBe('1821000005000000' + '0000000010000000');
    expect(one('r1 = map[idx:2]+8')).toBe('1861000002000000' + '0000000008000000');
    expect(one('r2 = subprog[+7]')).toBe('1842000007000000' + '0000000000000000');
  });
  it('ld_imm64 of a map value: the register state names the map and the offset', () => {
    const r = assemble('0: (18) r1 = 0xffffc9000013e008       ; R1_w=map_value(map=.rodata,ks=4,vs=16,off=8)');
    expect(r.diagnostics).toEqual([]);
    expect(hex(encodeInsns(r.insns))).toBe('1821000000000000' + '0000000008000000');
    expect(r.relocs.map((x) => [x.pc, x.symbol, x.kind])).toEqual([[0, '.rodata', 'map']]);
  });
  it('packet loads, acquire/release, 32-bit atomics written with r', () => {
    expect(one('r0 = *(u16 *)skb[r7 + 4]')).toBe('4870000004000000');
    expect(one('r0 = load_acquire((u64 *)(r1 +8))')).toBe('db10080000010000');
    expect(one('store_release((u32 *)(r1 -4), r2)')).toBe('c321fcff10010000');
    expect(one('r0 = atomic_cmpxchg((u32 *)(r7 +4), r0, r1)')).toBe('c3170400f1000000');
  });
  it('rejects an opcode prefix that disagrees with the text', () => {
    const r = assemble('(bf) r1 = 5', { dialect: 'kernel' });
    expect(r.diagnostics.map((d) => d.message)).toEqual(['the log prints opcode (bf) but this text encodes (b7)']);
  });
  it('reports instructions the log does not show', () => {
    const r = assemble('0: (b7) r0 = 0\n3: (95) exit\n', { file: 'gap.log' });
    expect(r.diagnostics.map((d) => d.message)).toEqual(['the log does not show instructions 1 .. 2 (the verifier did not print them), so the program cannot be rebuilt']);
  });
});
