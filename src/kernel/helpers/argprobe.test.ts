// Later-argument kinds checked against the running 6.18 verifier
// (testdata/arg-probe-6.18.txt, recorded with testdata/argprobeSpec.ts | probe_args.py):
// each row gives the registers set before the call (C ctx, M<n> map of type n, P stack pointer,
// 8 / 0 constants, Z scalar 0 at the probed argument) and the kernel's first complaint.
// From the recorded set-up alone we predict the complaint with our argument kinds: the first
// argument whose kind refuses its register, or a constant 0 given to an ARG_CONST_SIZE. The
// kernel's text must match exactly.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { helperProtoFor, type HelperProto } from './protos.ts';
import { EXPECTED_TYPES, hasFlag, type ArgKind } from './kinds.ts';
import { mapHelperCompatible } from '../maps/types.ts';
import type { ProgTypeName } from '../progtypes/ids.ts';

type Reg = { kind: 'ctx' } | { kind: 'map'; type: number } | { kind: 'fp' } | { kind: 'const'; value: number };

function reg(tok: string): Reg {
  if (tok === 'C') return { kind: 'ctx' };
  if (tok.startsWith('M')) return { kind: 'map', type: Number(tok.slice(1)) };
  if (tok === 'P') return { kind: 'fp' };
  return { kind: 'const', value: tok === '8' ? 8 : 0 };
}

const SCALAR_KINDS = ['ARG_ANYTHING', 'ARG_CONST_SIZE', 'ARG_CONST_SIZE_OR_ZERO', 'ARG_CONST_ALLOC_SIZE_OR_ZERO', 'ARG_DONTCARE'];
const STACK_OK = ['ARG_PTR_TO_MAP_KEY', 'ARG_PTR_TO_MAP_VALUE', 'ARG_PTR_TO_MEM', 'ARG_PTR_TO_STACK', 'ARG_PTR_TO_DYNPTR'];

/** Does an argument of kind *k* accept register *r*? (Type check only, as the kernel does first.) */
function accepts(k: ArgKind, r: Reg, helper: number): boolean {
  if (SCALAR_KINDS.includes(k.base)) return r.kind === 'const';
  if (r.kind === 'const') return r.value === 0 && hasFlag(k, 'PTR_MAYBE_NULL');
  if (r.kind === 'ctx') return k.base === 'ARG_PTR_TO_CTX';
  if (r.kind === 'map') return k.base === 'ARG_CONST_MAP_PTR' && mapHelperCompatible(r.type, helper);
  return STACK_OK.includes(k.base);
}

function predict(args: readonly ArgKind[], regs: readonly Reg[], helper: number): string {
  for (let i = 0; i < regs.length; i++) {
    const r = regs[i];
    if (args[i].base === 'ARG_CONST_SIZE' && r.kind === 'const' && r.value === 0) return `R${i + 1} invalid zero-sized read: u64=[0,0]`;
    if (!accepts(args[i], regs[i], helper)) {
      const t = regs[i].kind === 'const' ? 'scalar' : regs[i].kind;
      return `R${i + 1} type=${t} expected=${EXPECTED_TYPES[args[i].base] ?? '?'}`;
    }
  }
  return 'ok';
}

const ROWS = readFileSync(new URL('../testdata/arg-probe-6.18.txt', import.meta.url), 'utf8')
  .split('\n').filter((l) => l !== '' && !l.startsWith('#'))
  .map((l) => {
    const [id, type, setup, ...rest] = l.split(' ');
    return { id: Number(id), type: type as ProgTypeName, setup: setup === '-' ? [] : setup.split(','), msg: rest.join(' ') };
  });

/** The verifier log's spelling of R0 after a call returning *p.ret*, as a pattern. */
function retPattern(p: HelperProto): RegExp {
  const k = p.ret;
  const orNull = hasFlag(k, 'PTR_MAYBE_NULL') ? '_or_null' : '';
  switch (k.base) {
    case 'RET_INTEGER': return /^scalar\(/;
    case 'RET_VOID': return /^\?$/;
    case 'RET_PTR_TO_MAP_VALUE': return new RegExp(`^map_value${orNull}\\(`);
    case 'RET_PTR_TO_SOCKET': return new RegExp(`^sock${orNull}\\(`);
    case 'RET_PTR_TO_SOCK_COMMON': return new RegExp(`^sock_common${orNull}\\(`);
    case 'RET_PTR_TO_TCP_SOCK': return new RegExp(`^tcp_sock${orNull}\\(`);
    case 'RET_PTR_TO_MEM': return hasFlag(k, 'MEM_RINGBUF') ? new RegExp(`^ringbuf_mem${orNull}\\(`) : new RegExp(`^mem${orNull}\\(`);
    case 'RET_PTR_TO_BTF_ID': return new RegExp(`^${hasFlag(k, 'PTR_TRUSTED') ? 'trusted_' : ''}ptr_${orNull ? 'or_null_' : ''}${p.retBtf ?? ''}`);
    default: return /^$/;
  }
}

describe('return kinds (kernel probe: R0 right after the call)', () => {
  const rets = ROWS.filter((r) => r.msg.startsWith('ret '));
  it('R0 has the type our return kind says; references and sizes as flagged', () => {
    expect(rets.length).toBeGreaterThan(100);
    const wrong: string[] = [];
    for (const r of rets) {
      const p = helperProtoFor(r.id, r.type)!;
      const r0 = r.msg.slice(4);
      if (!retPattern(p).test(r0)) wrong.push(`${p.name}: kernel R0=${r0}, ours ${p.ret.text}`);
      if (/ref_obj_id=/.test(r0) !== p.acquires) wrong.push(`${p.name}: kernel R0=${r0}, acquires=${p.acquires}`);
      // Scalars: the verifier narrows some results (buffer-size and CPU-number helpers).
      if (p.ret.base === 'RET_INTEGER') {
        const size = p.args.findIndex((a) => a.base === 'ARG_CONST_SIZE_OR_ZERO' || a.base === 'ARG_CONST_SIZE');
        const want = p.retRefine === 'size' ? `scalar(smin=smin32=-4095,smax=smax32=${r.setup[size]})`
          : p.retRefine === 'cpu' ? /^scalar\(smin=smin32=0,smax=umax=smax32=umax32=\d+,/ : 'scalar()';
        if (typeof want === 'string' ? r0 !== want : !want.test(r0)) wrong.push(`${p.name}: kernel R0=${r0}, refine=${p.retRefine}`);
      }
      if (p.retSizeArg !== undefined && !r0.includes(`sz=${r.setup[p.retSizeArg - 1]}`)) wrong.push(`${p.name}: kernel R0=${r0}, size from arg ${p.retSizeArg}`);
    }
    expect(wrong).toEqual([]);
  });
});

describe('later argument kinds (kernel probe)', () => {
  it('the kernel\'s complaint about the probed argument is the one our kinds predict', () => {
    expect(ROWS.length).toBeGreaterThanOrEqual(45);
    const wrong: string[] = [];
    for (const r of ROWS.filter((x) => !x.msg.startsWith('ret '))) {
      const p = helperProtoFor(r.id, r.type);
      if (p === undefined) { wrong.push(`${r.id} not callable from ${r.type}`); continue; }
      const want = predict(p.args, r.setup.map(reg), r.id);
      // A helper that hands out a reference passes its checks and then trips over the leak.
      const kernel = p.acquires && r.msg.startsWith('Unreleased reference') ? 'ok' : r.msg;
      if (want !== kernel) wrong.push(`${p.name} [${r.setup.join(',')}]: kernel "${r.msg}", ours "${want}"`);
    }
    expect(wrong).toEqual([]);
  });
});
