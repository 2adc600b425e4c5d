/**
 * One-line text forms of events: `eventJSON` (stable JSON: bigints as decimal strings, byte
 * arrays as lowercase hex) for golden files, hashing and the CLI's `--json`; `eventLine` a
 * trace_pipe-like human line for display.
 *
 * Deliberately not here: parsing them back. Provenance: our own code.
 */
import type { SimEvent } from './types.ts';

function hex(b: Uint8Array): string {
  let s = '';
  for (const x of b) s += x.toString(16).padStart(2, '0');
  return s;
}

/** Stable JSON of an event (key order as built; bigint → string, Uint8Array → hex). */
export function eventJSON(e: SimEvent): string {
  return JSON.stringify(e, (_k, v) => (typeof v === 'bigint' ? v.toString() : v instanceof Uint8Array ? hex(v) : v));
}

/** `<comm>-<pid> [cpu] ts: kind:name args` */
export function eventLine(e: SimEvent): string {
  const ts = `${Math.floor(e.ts / 1e9)}.${String(Math.floor((e.ts % 1e9) / 1e3)).padStart(6, '0')}`;
  const head = `${e.task.comm}-${e.task.pid} [${String(e.cpu).padStart(3, '0')}] ${ts}: ${e.kind}:${e.name}`;
  const strs = e.strings ? ' ' + Object.entries(e.strings).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(' ') : '';
  switch (e.kind) {
    case 'tracepoint':
      return head + ' ' + Object.entries(e.fields).map(([k, v]) => `${k}=${typeof v === 'bigint' ? '0x' + v.toString(16) : v instanceof Uint8Array ? hex(v) : v}`).join(' ') + strs;
    case 'lsm':
      return `${head} (${e.args.map((a) => '0x' + a.toString(16)).join(', ')}) verdict=${e.verdict}${strs}`;
    case 'perf_event':
      return `${head} ${e.user ? 'user' : 'kernel'} ip=0x${e.regs.ip.toString(16)}`;
    default:
      return `${head} (${e.args.map((a) => '0x' + a.toString(16)).join(', ')})${e.ret !== undefined ? ` = 0x${e.ret.toString(16)}` : ''}${strs}`;
  }
}
