/**
 * Printing register and verifier states exactly as the Linux 6.18 verifier log does
 * (`R1=ctx()`, `R0=map_value_or_null(id=1,map=arr,ks=4,vs=8)`, `R3=pkt(off=20,r=20)`,
 * `fp-8=0000????`, ` frame1:` prefixes, `refs=1`).
 *
 * Does: reg_type_str, print_reg_state and print_verifier_state equivalents, over our types.
 * Does not: the scalar attribute list (domains/scalar.ts formatScalar owns it), the log buffer
 * mechanics (log.ts).
 * Provenance: formats read off real 6.18 logs recorded by kernel_oracle.py (testdata/corpus
 * goldens); the order of attributes follows the kernel's printer as described publicly. Own code.
 */
import { fmtSnum, fmtUnum, formatScalar, scalarIsConst, scalarConstValue } from './domains/scalar.ts';
import { type Frame, type Reg, type StackSlot, type VState, BTF_RCU, BTF_TRUSTED, BTF_UNTRUSTED, baseId, isAddConst } from './types.ts';

export function snum(n: bigint | number): string {
  return fmtSnum(BigInt(n));
}

export function unum(n: bigint | number): string {
  return fmtUnum(BigInt.asUintN(64, BigInt(n)));
}

const BASE_NAME: Record<string, string> = {
  scalar: 'scalar', ctx: 'ctx', map_ptr: 'map_ptr', map_key: 'map_key', map_value: 'map_value', fp: 'fp',
  pkt: 'pkt', pkt_meta: 'pkt_meta', pkt_end: 'pkt_end', mem: 'mem', sock: 'sock', sock_common: 'sock_common',
  tcp_sock: 'tcp_sock', func: 'func', not_init: '?', ptr_: 'ptr_',
};

/** The kernel's reg_type_str: prefixes (rdonly_, ringbuf_) + base + `_or_null`. */
export function regTypeStr(r: Reg): string {
  let pre = '';
  if (r.rdonly) pre += 'rdonly_';
  if (r.ringbuf) pre += 'ringbuf_';
  if (r.btfFlags & BTF_RCU) pre += 'rcu_';
  if (r.btfFlags & BTF_UNTRUSTED) pre += 'untrusted_';
  if (r.btfFlags & BTF_TRUSTED) pre += 'trusted_';
  if (r.type === 'ptr_') return pre + 'ptr_' + (r.maybeNull ? 'or_null_' : '');
  return pre + BASE_NAME[r.type] + (r.maybeNull ? '_or_null' : '');
}

/** Inner attributes of a non-constant scalar part ("smin=...,var_off=(...)"), '' when none. */
function scalarAttrs(r: Reg): string {
  const t = formatScalar(r.s);
  if (!t.startsWith('scalar(')) return '';
  return t.slice('scalar('.length, -1);
}

/** One register's text after `R%d=`. */
export function formatReg(r: Reg, curFrameno: number): string {
  if (r.type === 'scalar') {
    const opts: { precise?: boolean; id?: number; linkOff?: number } = {};
    if (r.precise) opts.precise = true;
    if (r.id) opts.id = baseId(r.id);
    if (isAddConst(r.id)) opts.linkOff = r.off;
    return formatScalar(r.s, opts);
  }
  const constVar = scalarIsConst(r.s);
  if (r.type === 'fp' && constVar) {
    return 'fp' + (r.frameno !== curFrameno ? `[${r.frameno}]` : '') + snum(BigInt(r.off) + (scalarConstValue(r.s) ?? 0n));
  }
  const a: string[] = [];
  if (r.id) a.push(`id=${r.id}`);
  if (r.refObjId) a.push(`ref_obj_id=${r.refObjId}`);
  if ((r.type === 'map_ptr' || r.type === 'map_value' || r.type === 'map_key') && r.map) {
    if (r.map.name) a.push(`map=${r.map.name}`);
    a.push(`ks=${r.map.keySize},vs=${r.map.valueSize}`);
  }
  if (r.off) a.push(`off=${snum(r.off)}`);
  if (r.type === 'pkt' || r.type === 'pkt_meta') a.push(`r=${unum(r.range)}`);
  if (r.type === 'mem') a.push(`sz=${unum(r.memSize)}`);
  if (constVar) {
    const v = scalarConstValue(r.s) ?? 0n;
    if (v !== 0n) a.push(`imm=${snum(v)}`);
  } else {
    const s = scalarAttrs(r);
    if (s) a.push(s);
  }
  const name = regTypeStr(r) + (r.type === 'fp' && r.frameno !== curFrameno ? `[${r.frameno}]` : '') + (r.type === 'ptr_' && r.btf ? r.btf.name : '');
  return `${name}(${a.join(',')})`;
}

function slotIsInvalid(s: StackSlot): boolean {
  return s.bytes.every((b) => b === '?');
}

export function isSpilledSlot(s: StackSlot): boolean {
  return s.bytes[7] === 'r' && s.spilled !== undefined;
}

/** The text of one stack slot after `fp-N=`. */
export function formatSlot(s: StackSlot, curFrameno: number): string {
  if (isSpilledSlot(s)) {
    let k = 0;
    while (k < 8 && s.bytes[k] !== 'r') k++;
    return s.bytes.slice(0, k).join('') + formatReg(s.spilled!, curFrameno);
  }
  return s.bytes.join('');
}

/**
 * print_verifier_state for one frame: ` R1=ctx() R10=fp0 fp-8=0000????` (each item starts with a
 * space), with ` frameN:` first for non-main frames. `all` prints every live item, else only the
 * scratched ones. Returns '' when nothing is printed.
 */
export function formatFrame(f: Frame, st: VState, all: boolean, withRefs: boolean): string {
  let out = '';
  if (f.frameno) out += ` frame${f.frameno}:`;
  for (let i = 0; i < f.regs.length; i++) {
    const r = f.regs[i];
    if (r.type === 'not_init') continue;
    if (!all && !(st.scratchedRegs & (1 << i))) continue;
    out += ` R${i}=${formatReg(r, f.frameno)}`;
  }
  for (let k = 0; k < f.stack.length; k++) {
    const s = f.stack[k];
    if (!s || slotIsInvalid(s)) continue;
    if (!all && !st.scratchedSlots.has(k)) continue;
    if (s.bytes[0] === 'd') {
      // print_verifier_state: skip to the dynptr's first slot and print it once.
      k++;
      const d = f.stack[k]?.dynptr;
      const a: string[] = [];
      if (d?.id) a.push(`id=${d.id}`);
      if (d?.refObjId) a.push(`ref_id=${d.refObjId}`);
      if (d?.id) a.push(`dynptr_id=${d.id}`);
      out += ` fp${-8 * (k + 1)}=dynptr_${d?.type ?? 'invalid'}(${a.join(',')})`;
      continue;
    }
    out += ` fp${-8 * (k + 1)}=${formatSlot(s, f.frameno)}`;
  }
  if (withRefs && st.refs.length) out += ` refs=${st.refs.map((r) => r.id).join(',')}`;
  if (f.inCallback) out += ' cb';
  return out;
}

/** The whole current frame's state (what follows `N:` in the log), newline-terminated. */
export function formatState(st: VState, all: boolean): string {
  const f = st.frames[st.curframe];
  return formatFrame(f, st, all, true) + '\n';
}

/** Text of a state for the UI: every frame, every live register and slot. */
export function stateForUi(st: VState): string {
  return st.frames.map((f) => formatFrame(f, st, true, f === st.frames[st.curframe]).trim()).join(' | ');
}

export function markClean(st: VState): void {
  st.scratchedRegs = 0;
  st.scratchedSlots.clear();
}
