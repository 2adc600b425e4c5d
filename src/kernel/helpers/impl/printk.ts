/**
 * bpf_trace_printk (6), bpf_snprintf (165), bpf_trace_vprintk (177): the kernel's restricted
 * printf. The format is checked as the kernel checks it before printing anything:
 *   - it must be NUL-terminated within its size, printable ASCII or whitespace;
 *   - conversions: %% %c %s %d %i %u %x %X with optional l / ll, optional flags "0+- " and a width
 *     (no precision, no '#'); %p alone or followed by K x (a pointer), %pks / %pus (a string),
 *     %pB (a symbol), %pi4 %pI4 %pi6 %pI6 (an address read through the pointer);
 *   - no more conversions than arguments (3 for trace_printk, data_len/8 ≤ 12 for the others);
 * else -EINVAL. trace_printk returns the length of the formatted message and appends it to
 * trace_pipe as `<comm>-<pid> [<cpu>] <flags> <secs>.<usecs>: bpf_trace_printk: <message>`.
 *
 * Deliberate differences: plain %p / %pK print the raw pointer as %px does (the kernel prints a
 * boot-seeded hash); %pB prints the address in hex (no kallsyms here).
 * Provenance: Documentation/bpf helpers (UAPI bpf.h: bpf_trace_printk, bpf_snprintf), the printk
 * format documentation, and trace_pipe lines recorded from the running kernel; our own code.
 */
import type { HelperFn, VmApi } from '../../../vm/index.ts';
import { EINVAL } from '../../maps/index.ts';
import type { HelperEnv } from './env.ts';

/** BPF_TRACE_PRINTK_SIZE / MAX_BPRINTF_BUF: longest message kept. */
export const PRINTK_BUF = 1024;
export const MAX_TRACE_PRINTK_VARARGS = 3;
export const MAX_BPRINTF_VARARGS = 12;
const MAX_STR = 512;

export type Reader = (addr: bigint, len: number) => Uint8Array | undefined;

const isPrintable = (c: number) => (c >= 0x20 && c < 0x7f) || (c >= 9 && c <= 13);
const isPunct = (c: number) => (c >= 0x21 && c <= 0x2f) || (c >= 0x3a && c <= 0x40) || (c >= 0x5b && c <= 0x60) || (c >= 0x7b && c <= 0x7e);
const isSpace = (c: number) => c === 0x20 || (c >= 9 && c <= 13);

/** Read a NUL-terminated string of at most `max` bytes without faulting ('' when unreadable). */
export function readCString(read: Reader, addr: bigint, max = MAX_STR): string {
  let s = '';
  for (let k = 0; k < max - 1; k++) {
    const b = read(addr + BigInt(k), 1);
    if (!b || b[0] === 0) break;
    s += String.fromCharCode(b[0]);
  }
  return s;
}

function pad(body: string, flags: string, width: number, numeric: boolean): string {
  if (body.length >= width) return body;
  if (flags.includes('-')) return body.padEnd(width);
  if (flags.includes('0') && numeric) {
    const sign = /^[-+ ]/.test(body) ? body[0] : '';
    return sign + body.slice(sign.length).padStart(width - sign.length, '0');
  }
  return body.padStart(width);
}

/**
 * Format `fmt` (bytes up to and including a NUL within `fmtSize`) with `args`: the text, or -EINVAL.
 */
export function bprintf(fmt: Uint8Array, args: readonly bigint[], read: Reader): { ok: true; text: string } | { ok: false; errno: number } {
  const nul = fmt.indexOf(0);
  if (nul < 0) return { ok: false, errno: EINVAL };
  const f = fmt.subarray(0, nul);
  let out = '';
  let spec = 0;
  const bad = { ok: false as const, errno: EINVAL };
  for (let i = 0; i < f.length; i++) {
    const c = f[i];
    if (c >= 0x80 || !isPrintable(c)) return bad;
    if (c !== 0x25) {
      out += String.fromCharCode(c);
      continue;
    }
    if (f[i + 1] === 0x25) {
      out += '%';
      i++;
      continue;
    }
    if (spec >= args.length) return bad;
    const arg = args[spec++];
    i++;
    let flags = '';
    while (i < f.length && ' +-0'.includes(String.fromCharCode(f[i]))) flags += String.fromCharCode(f[i++]);
    let width = 0;
    if (f[i] >= 0x31 && f[i] <= 0x39) {
      while (f[i] >= 0x30 && f[i] <= 0x39) width = width * 10 + (f[i++] - 0x30);
    }
    const ch = String.fromCharCode(f[i] ?? 0);
    if (ch === 'p') {
      const n = f[i + 1];
      if (n === undefined || isSpace(n) || isPunct(n) || n === 0x4b /*K*/ || n === 0x78 /*x*/) {
        if (n === 0x4b || n === 0x78) i++;
        out += pad(BigInt.asUintN(64, arg).toString(16).padStart(16, '0'), flags, width, false);
        continue;
      }
      if (n === 0x42 /*B*/) {
        i++;
        out += pad('0x' + BigInt.asUintN(64, arg).toString(16), flags, width, false);
        continue;
      }
      if ((n === 0x6b /*k*/ || n === 0x75 /*u*/) && f[i + 2] === 0x73 /*s*/) {
        i += 2;
        out += pad(readCString(read, arg), flags, width, false);
        continue;
      }
      if ((n !== 0x69 && n !== 0x49) || (f[i + 2] !== 0x34 && f[i + 2] !== 0x36)) return bad;
      const v6 = f[i + 2] === 0x36;
      const upper = n === 0x49;
      i += 2;
      const bytes = read(arg, v6 ? 16 : 4) ?? new Uint8Array(v6 ? 16 : 4);
      let s: string;
      if (!v6) s = [...bytes].map((b) => (upper ? String(b) : String(b).padStart(3, '0'))).join('.');
      else {
        const groups: string[] = [];
        for (let k = 0; k < 16; k += 2) groups.push(((bytes[k] << 8) | bytes[k + 1]).toString(16).padStart(4, '0'));
        s = upper ? groups.join(':') : groups.join('');
      }
      out += pad(s, flags, width, false);
      continue;
    }
    if (ch === 's') {
      out += pad(readCString(read, arg), flags, width, false);
      continue;
    }
    if (ch === 'c') {
      out += pad(String.fromCharCode(Number(arg & 0xffn)), flags, width, false);
      continue;
    }
    let bits = 32;
    if (f[i] === 0x6c /*l*/) {
      bits = 64;
      i++;
      if (f[i] === 0x6c) i++;
    }
    const conv = String.fromCharCode(f[i] ?? 0);
    let body: string;
    switch (conv) {
      case 'd':
      case 'i': {
        const v = BigInt.asIntN(bits, arg);
        body = (v >= 0n && flags.includes('+') ? '+' : v >= 0n && flags.includes(' ') ? ' ' : '') + v.toString();
        break;
      }
      case 'u':
        body = BigInt.asUintN(bits, arg).toString();
        break;
      case 'x':
        body = BigInt.asUintN(bits, arg).toString(16);
        break;
      case 'X':
        body = BigInt.asUintN(bits, arg).toString(16).toUpperCase();
        break;
      default:
        return bad;
    }
    out += pad(body, flags, width, true);
  }
  return { ok: true, text: out };
}

/** The verifier's complaint about a bad bpf_snprintf format (check_bpf_snprintf_call). */
export const INVALID_FORMAT = 'Invalid format string';

/**
 * The verifier's check of a constant bpf_snprintf format with `numArgs` arguments (data_len / 8):
 * the same rules as the run-time formatting, applied once at load; undefined when accepted, else
 * the kernel's message ("Invalid format string"). Recorded: testdata/printk-formats.
 */
export function checkSnprintfFormat(fmt: Uint8Array, numArgs: number): string | undefined {
  if (numArgs > MAX_BPRINTF_VARARGS) return INVALID_FORMAT;
  const r = bprintf(fmt, new Array<bigint>(numArgs).fill(0n), () => undefined);
  return r.ok ? undefined : INVALID_FORMAT;
}

const neg = (e: number): bigint => BigInt.asUintN(64, BigInt(-e));

/** The trace_pipe line for one bpf_trace_printk message (the message may hold newlines). */
export function tracePipeLine(comm: string, pid: number, cpu: number, ns: bigint, msg: string, flags = 'b..11'): string {
  const secs = ns / 1_000_000_000n;
  const usecs = (ns % 1_000_000_000n) / 1000n;
  return `${comm.slice(0, 16).padStart(16)}-${String(pid).padEnd(7)} [${String(cpu).padStart(3, '0')}] ${flags} ${secs.toString().padStart(5)}.${usecs.toString().padStart(6, '0')}: bpf_trace_printk: ${msg}`;
}

function readFmt(vm: VmApi, addr: bigint, size: bigint): Uint8Array | undefined {
  if (size === 0n || size > 0xffffn) return undefined;
  return vm.readBytes(addr, Number(size));
}

export function printkHelpers(env: HelperEnv): Record<number, HelperFn> {
  const reader = (vm: VmApi): Reader => (a, n) => vm.probeRead(a, n);
  const emit = (text: string) => env.tracePrintk(text.length >= PRINTK_BUF ? text.slice(0, PRINTK_BUF - 1) : text);
  return {
    6: (vm, r1, r2, r3, r4, r5) => {
      const fmt = readFmt(vm, r1, r2);
      if (!fmt) return neg(EINVAL);
      const r = bprintf(fmt, [r3, r4, r5], reader(vm));
      if (!r.ok) return neg(r.errno);
      emit(r.text);
      return BigInt(r.text.length);
    },
    177: (vm, r1, r2, r3, r4) => {
      const fmt = readFmt(vm, r1, r2);
      if (!fmt || r4 % 8n !== 0n || r4 > BigInt(8 * MAX_BPRINTF_VARARGS) || (r4 !== 0n && r3 === 0n)) return neg(EINVAL);
      const args = readArgs(vm, r3, r4);
      const r = bprintf(fmt, args, reader(vm));
      if (!r.ok) return neg(r.errno);
      emit(r.text);
      return BigInt(r.text.length);
    },
    165: (vm, r1, r2, r3, r4, r5) => {
      if (r5 % 8n !== 0n || r5 > BigInt(8 * MAX_BPRINTF_VARARGS) || (r5 !== 0n && r4 === 0n)) return neg(EINVAL);
      const fmt = vm.probeRead(r3, 1) ? readCStringBytes(vm, r3) : undefined;
      if (!fmt) return neg(EINVAL);
      const r = bprintf(fmt, readArgs(vm, r4, r5), reader(vm));
      if (!r.ok) return neg(r.errno);
      const size = Number(r2 > 0xffffffffn ? 0xffffffffn : r2);
      if (size > 0) {
        const bytes = new Uint8Array(Math.min(size, r.text.length + 1));
        for (let k = 0; k < bytes.length - 1; k++) bytes[k] = r.text.charCodeAt(k);
        vm.writeBytes(r1, bytes);
      }
      return BigInt(r.text.length + 1);
    },
  };
}

function readArgs(vm: VmApi, addr: bigint, len: bigint): bigint[] {
  const out: bigint[] = [];
  for (let k = 0n; k < len; k += 8n) out.push(vm.read(addr + k, 8));
  return out;
}

function readCStringBytes(vm: VmApi, addr: bigint): Uint8Array | undefined {
  const bytes: number[] = [];
  for (let k = 0; k < 4096; k++) {
    const b = vm.probeRead(addr + BigInt(k), 1);
    if (!b) return undefined;
    bytes.push(b[0]);
    if (b[0] === 0) return new Uint8Array(bytes);
  }
  return undefined;
}
