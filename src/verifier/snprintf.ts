/**
 * bpf_snprintf's format at verify time (Linux 6.18): the fmt argument (ARG_PTR_TO_CONST_STR) must
 * point at a constant offset into a frozen read-only map (BPF_F_RDONLY_PROG, as libbpf makes
 * .rodata), the string must end with a NUL inside the map value, and once all arguments are
 * checked the format is judged against the number of u64 arguments (data_len / 8) by the same
 * rules as the run-time formatting (src/kernel/helpers/impl checkSnprintfFormat).
 * Messages, with the kernel's stray quote: "R3 does not point to a readonly map'", "R3 is not a
 * constant address'", "string is not zero-terminated", "Invalid format string"
 * (testdata-snprintf/, recorded from 6.18).
 *
 * Does not: map types without direct value access (only arrays reach here: a read-only map with
 * known contents is an array in this playground); the silent -EINVAL of a data_len that is not a
 * multiple of 8 prints the kernel's nothing-but-a-reason as a complaint line of its own (below).
 * Provenance: behaviour observed on 6.18 and the helper's documented contract; own code.
 */
import { checkSnprintfFormat } from '../kernel/helpers/impl/printk.ts';
import { type Env, fail, frame } from './env.ts';
import { BPF_F_RDONLY_PROG } from '../kernel/maps/types.ts';
import type { MapInfo } from './types.ts';


/** bpf_map_is_rdonly: read-only for programs and frozen (its contents are known). */
function rdonlyMap(m: MapInfo | undefined): m is MapInfo & { data: Uint8Array } {
  return m !== undefined && ((m.flags ?? 0) & BPF_F_RDONLY_PROG) !== 0 && m.frozen === true && m.data !== undefined;
}

/** The string's offset in the map value (reg off + constant var_off). */
function strOffset(env: Env, regno: number): number {
  const r = frame(env).regs[regno];
  return r.off + Number(BigInt.asIntN(64, r.s.var_off.value));
}

/** check_reg_const_str for ARG_PTR_TO_CONST_STR (the type check, map_value, is done already). */
export function checkConstStr(env: Env, regno: number): void {
  const r = frame(env).regs[regno];
  const m = r.map;
  if (m && ((m.flags ?? 0) & BPF_F_RDONLY_PROG) !== 0 && m.frozen !== false && m.data === undefined) {
    // a caller that did not pass the map's contents: say so rather than guess
    fail(`R${regno} points into map '${m.name}', whose frozen contents were not given to the verifier (VerifyMap.data): the constant string cannot be checked`);
  }
  if (!rdonlyMap(m)) fail(`R${regno} does not point to a readonly map'`);
  if (r.s.var_off.mask !== 0n) fail(`R${regno} is not a constant address'`);
  const map = m;
  const off = strOffset(env, regno);
  if (off < 0 || off >= map.valueSize) {
    fail(`invalid access to map value, value_size=${map.valueSize} off=${off} size=${map.valueSize - off}\nR${regno} min value is outside of the allowed memory range`);
  }
  if (!map.data.subarray(off, map.valueSize).includes(0)) fail('string is not zero-terminated');
}

/** check_bpf_snprintf_call: the format against the number of arguments, after the argument checks. */
export function checkSnprintfCall(env: Env): void {
  const regs = frame(env).regs;
  const map = regs[3].map;
  if (!rdonlyMap(map)) return; // checkConstStr refused it already
  const dataLen = regs[5].s.var_off.value;
  // the kernel returns -EINVAL here without a message
  if (dataLen % 8n !== 0n) fail('bpf_snprintf: data_len is not a multiple of 8 (the kernel refuses with EINVAL and no message)');
  const off = strOffset(env, 3);
  const fmt = map.data.subarray(off, map.valueSize);
  const nul = fmt.indexOf(0);
  const msg = checkSnprintfFormat(fmt.subarray(0, nul < 0 ? fmt.length : nul + 1), Number(dataLen / 8n));
  if (msg !== undefined) fail(msg);
}
