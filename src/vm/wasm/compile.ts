/**
 * The compilation cache's front door: `compileCached` looks a program up (by its raw slots when no
 * loader-resolved ld_imm64 is involved, else by the decoded program with the resolved values) plus
 * the translation options (`optionsKey`: mode, inlined-map layout), and compiles on a miss.
 *
 * Deliberately not here: the cache itself and compilation (engine.ts), running (host.ts).
 * Provenance: our own.
 */
import type { Insn } from '../../isa/insn.ts';
import { decodeProgram, type LdImm64Resolver } from '../decode.ts';
import { compileDecodedAsync, compileMain, mainRoots, programKey, type EngineCache, type WasmProgram } from './engine.ts';
import { optionsKey, type TranslateOptions } from './static.ts';

/**
 * Look up in the cache, compile on a miss. A program without loader-resolved ld_imm64 (src other
 * than 0 and BPF_PSEUDO_FUNC) decodes the same way every time, so it is looked up by its slots
 * directly, without decoding; otherwise by the decoded program (resolved values included).
 */
export function compileCached(insns: readonly Insn[], resolve: LdImm64Resolver | undefined, cache: EngineCache, opts: TranslateOptions = {}):
  { ok: true; program: WasmProgram; cached: boolean } | { ok: false; error: string } {
  const raw = rawKey(insns);
  const ok = optionsKey(opts) + '|';
  const key = raw !== undefined ? ok + 'r' + raw : undefined;
  if (key !== undefined) {
    const hit = cache.get(key);
    if (hit) return { ok: true, program: hit, cached: true };
  }
  const d = decodeProgram(insns, resolve);
  const dkey = key ?? ok + 'd' + programKey(d);
  if (key === undefined) {
    const hit = cache.get(dkey);
    if (hit) return { ok: true, program: hit, cached: true };
  }
  const c = compileMain(d, opts);
  if (!c.ok) return c;
  cache.set(dkey, c.program);
  return { ok: true, program: c.program, cached: false };
}

/** `compileCached` with asynchronous WebAssembly compilation on a miss. */
export async function compileCachedAsync(insns: readonly Insn[], resolve: LdImm64Resolver | undefined, cache: EngineCache, opts: TranslateOptions = {}):
  Promise<{ ok: true; program: WasmProgram; cached: boolean } | { ok: false; error: string }> {
  const raw = rawKey(insns);
  const d = raw === undefined ? decodeProgram(insns, resolve) : undefined;
  const key = optionsKey(opts) + '|' + (raw !== undefined ? 'r' + raw : 'd' + programKey(d!));
  const hit = cache.get(key);
  if (hit) return { ok: true, program: hit, cached: true };
  const dd = d ?? decodeProgram(insns, resolve);
  const c = await compileDecodedAsync(dd, mainRoots(dd), opts);
  if (!c.ok) return c;
  cache.set(key, c.program);
  return { ok: true, program: c.program, cached: false };
}

/** Every field of every slot exactly as decodeProgram reads it; undefined when a resolver would be asked. */
function rawKey(insns: readonly Insn[]): string | undefined {
  const n = insns.length;
  // Common case: well-formed slots pack into two int32 words each; anything else (non-integers,
  // out-of-range fields) keeps every field as a double, so distinct slots never share a key.
  const w = new Int32Array(n * 2);
  let packed = true;
  for (let pc = 0; pc < n; pc++) {
    const i = insns[pc];
    const code = i.code, dst = i.dst, src = i.src, off = i.off, imm = i.imm;
    if ((code & 0xff) === 0x18 && src !== 0 && src !== 4) return undefined;
    if ((code & 0xff) !== code || (dst & 15) !== dst || (src & 15) !== src || (off << 16 >> 16) !== off || (imm | 0) !== imm) {
      packed = false;
      break;
    }
    w[pc * 2] = code | (dst << 8) | (src << 12) | (off << 16);
    w[pc * 2 + 1] = imm;
  }
  if (packed) return 'p' + u16String(new Uint16Array(w.buffer));
  const f = new Float64Array(n * 5);
  for (let pc = 0; pc < n; pc++) {
    const i = insns[pc];
    if ((i.code & 0xff) === 0x18 && i.src !== 0 && i.src !== 4) return undefined;
    f[pc * 5] = i.code; f[pc * 5 + 1] = i.dst; f[pc * 5 + 2] = i.src; f[pc * 5 + 3] = i.off; f[pc * 5 + 4] = i.imm;
  }
  return 'f' + u16String(new Uint16Array(f.buffer));
}

/** A Uint16Array as a string, one char per element (chunked: apply has an argument limit). */
export function u16String(u: Uint16Array): string {
  let s = '';
  for (let k = 0; k < u.length; k += 8192) s += String.fromCharCode.apply(null, u.subarray(k, k + 8192) as unknown as number[]);
  return s;
}
