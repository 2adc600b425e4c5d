/**
 * The context-access conversion: which loads become 64-bit loads of the packet pointers, and that
 * nothing else changes (hand-written programs; the converted programs' behaviour is checked
 * against the kernel by goldens.test.ts: xdp_ctx_len, xdp_ctx_spill, subprog_call, tc_*).
 */
import { describe, expect, it } from 'vitest';
import { assemble } from '../../asm/index.ts';
import { pointerFieldsFor } from './context.ts';
import { LD_ABS_HELPER_BASE, rewriteCtxAccess } from './ctxRewrite.ts';

const asm = (s: string) => {
  const a = assemble(s, { file: 't.s' });
  if (a.diagnostics.length) throw new Error(a.diagnostics[0].message);
  return a.insns;
};
const XDP = pointerFieldsFor('xdp');
const SKB = pointerFieldsFor('sched_cls');

describe('rewriteCtxAccess', () => {
  it('turns the u32 data/data_end/data_meta loads of ctx into u64 loads of the shadow slots', () => {
    const r = rewriteCtxAccess(asm('r2 = *(u32 *)(r1 + 0)\nr3 = *(u32 *)(r1 + 4)\nr4 = *(u32 *)(r1 + 8)\nr5 = *(u32 *)(r1 + 12)\nexit\n'), XDP);
    expect(r.rewritten).toEqual([0, 1, 2]);
    expect(r.insns.slice(0, 4).map((i) => [i.code, i.off])).toEqual([[0x79, 32], [0x79, 40], [0x79, 48], [0x61, 12]]);
  });
  it('follows copies and stack spills, not other registers or modified pointers', () => {
    const r = rewriteCtxAccess(asm(`r6 = r1
*(u64 *)(r10 - 8) = r6
r7 = *(u64 *)(r10 - 8)
r2 = *(u32 *)(r7 + 0)
r8 = r2
r3 = *(u32 *)(r8 + 0)
r1 += 0
r4 = *(u32 *)(r1 + 4)
r9 = *(u32 *)(r6 + 4)
exit
`), XDP);
    expect(r.rewritten).toEqual([3, 8]);
  });
  it('a helper call clobbers r1-r5 but keeps r6-r9; the context reaches a subprogram through r1', () => {
    const r = rewriteCtxAccess(asm(`r6 = r1
call 5
r2 = *(u32 *)(r1 + 0)
r3 = *(u32 *)(r6 + 0)
r1 = r6
call sub
exit
sub:
r0 = *(u32 *)(r1 + 4)
exit
`), XDP);
    expect(r.rewritten).toEqual([3, 7]);
  });
  it('joins branches: a register that may hold ctx on one path is converted', () => {
    const r = rewriteCtxAccess(asm(`r2 = r10
if r0 == 0 goto l
r2 = r1
l:
r3 = *(u32 *)(r2 + 76)
exit
`), SKB);
    expect(r.rewritten).toEqual([3]);
    expect(r.insns[3]).toMatchObject({ code: 0x79, off: 192 });
  });
  it('rewrites LD_ABS / LD_IND to private helper calls, numbered from the base', () => {
    const r = rewriteCtxAccess(asm('r6 = r1\nr0 = *(u8 *)skb[23]\nr0 = *(u16 *)skb[r7 + 2]\nexit\n'), SKB, { ldAbs: true, ldAbsBase: 5 });
    expect(r.ldAbs).toEqual([{ pc: 1, size: 1, imm: 23 }, { pc: 2, size: 2, imm: 2, ind: 7 }]);
    expect(r.insns[1]).toMatchObject({ code: 0x85, src: 0, imm: LD_ABS_HELPER_BASE + 5 });
    expect(r.insns[2]).toMatchObject({ code: 0x85, imm: LD_ABS_HELPER_BASE + 6 });
  });
  it('leaves programs of types without pointer fields, and the input array, untouched', () => {
    const insns = asm('r2 = *(u32 *)(r1 + 0)\nexit\n');
    const r = rewriteCtxAccess(insns, pointerFieldsFor('kprobe'));
    expect(r.rewritten).toEqual([]);
    const x = rewriteCtxAccess(insns, XDP);
    expect(x.rewritten).toEqual([0]);
    expect(insns[0].code).toBe(0x61);
  });
});
