/**
 * The text the Linux 6.18 verifier log prints for a scalar register (print_verifier_state /
 * print_reg_state / print_scalar_ranges), e.g. `scalar(smin=smin32=0,smax=umax=smax32=umax32=255,var_off=(0x0; 0xff))`.
 *
 * Rules (observed in real 6.18 logs, see testdata/scalar-goldens.json):
 *  - a precise scalar is prefixed with `P`;
 *  - a known constant prints as its value alone: signed decimal when it fits an s16
 *    ([-32768, 32767]), else hex of the u64 (`0xe803`, `0xffffffffffff0000`);
 *  - otherwise `scalar(` + the non-default attributes in this order: id (with `+N`/`-N` for a
 *    register linked to another by a constant), smin, smax, umin, umax, smin32, smax32, umin32,
 *    umax32 (each omitted at its type's extreme), then var_off unless fully unknown;
 *  - a bound takes along every later bound of the same kind (min or max) with the same value:
 *    `smin=umin=smin32=umin32=3`; a negative signed value never merges with an unsigned one;
 *  - signed numbers in the s16 range and unsigned ones up to 65535 print in decimal, others in
 *    hex; the 32-bit signed
 *    bounds in hex are their u32 bit pattern (0x80000000), the 64-bit ones their u64 pattern.
 *
 * Deliberately not here: pointer registers, stack slots, the `R1=` prefix, the write marks.
 * Provenance: the public log format as seen in kernel selftests' expected messages and in
 * logs of this machine's kernel; no kernel source was copied.
 */

import type { Scalar } from './bounds.ts';
import { S32_MAX, S32_MIN, S64_MAX, S64_MIN } from './bounds.ts';
import { U32_MAX, U64_MAX, tnumIsConst, tnumIsUnknown, tnumStr, u32, u64 } from './tnum.ts';

const isSnumDecimal = (v: bigint): boolean => v >= -32768n && v <= 32767n;

/** A signed number as the log prints it. */
export function fmtSnum(v: bigint): string {
  return isSnumDecimal(v) ? v.toString() : '0x' + u64(v).toString(16);
}

/** An unsigned number as the log prints it. */
export function fmtUnum(v: bigint): string {
  return v <= 65535n ? v.toString() : '0x' + v.toString(16);
}

export interface FormatScalarOptions {
  /** Precision mark (prints `P` first). */
  precise?: boolean;
  /** The register's id, 0/undefined for none. */
  id?: number;
  /** For a scalar linked to `id` by a constant (BPF_ADD_CONST): the constant, printed as %+d. */
  linkOff?: number;
}

interface Entry {
  name: string;
  val: bigint;
  omit: boolean;
  signed: boolean;
}

/** The comma-separated bounds part, as print_scalar_ranges prints it. */
export function formatRanges(s: Scalar): string[] {
  const s32v = (v: bigint): bigint => (isSnumDecimal(v) ? v : u32(v));
  const e: Entry[] = [
    { name: 'smin', val: s.smin, omit: s.smin === S64_MIN, signed: true },
    { name: 'smax', val: s.smax, omit: s.smax === S64_MAX, signed: true },
    { name: 'umin', val: s.umin, omit: s.umin === 0n, signed: false },
    { name: 'umax', val: s.umax, omit: s.umax === U64_MAX, signed: false },
    { name: 'smin32', val: s32v(s.s32_min), omit: s.s32_min === S32_MIN, signed: true },
    { name: 'smax32', val: s32v(s.s32_max), omit: s.s32_max === S32_MAX, signed: true },
    { name: 'umin32', val: s.u32_min, omit: s.u32_min === 0n, signed: false },
    { name: 'umax32', val: s.u32_max, omit: s.u32_max === U32_MAX, signed: false },
  ];
  const out: string[] = [];
  for (let i = 0; i < e.length; i++) {
    const a = e[i];
    if (a.omit) continue;
    const neg = a.signed && a.val < 0n;
    let text = a.name + '=';
    for (let j = i + 2; j < e.length; j += 2) {
      const b = e[j];
      // Compare as u64 bit patterns (a negative s64 equals its u64 twin in C).
      if (b.omit || u64(b.val) !== u64(a.val)) continue;
      if ((b.signed && b.val < 0n) !== neg) continue;
      b.omit = true;
      text += b.name + '=';
    }
    text += a.signed ? fmtSnum(a.val) : fmtUnum(a.val);
    out.push(text);
  }
  return out;
}

/** The scalar as print_verifier_state prints it after `R<n>=`. */
export function formatScalar(s: Scalar, opts: FormatScalarOptions = {}): string {
  const p = opts.precise ? 'P' : '';
  if (tnumIsConst(s.var_off)) return p + fmtSnum(BigInt.asIntN(64, s.var_off.value));
  const parts: string[] = [];
  if (opts.id) {
    let id = `id=${opts.id}`;
    if (opts.linkOff !== undefined) id += (opts.linkOff >= 0 ? '+' : '') + String(opts.linkOff);
    parts.push(id);
  }
  parts.push(...formatRanges(s));
  if (!tnumIsUnknown(s.var_off)) parts.push('var_off=' + tnumStr(s.var_off));
  return `${p}scalar(${parts.join(',')})`;
}
