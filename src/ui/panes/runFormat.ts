/**
 * Pure formatting for the run panels: little-endian numbers from map hex, log2 histogram bucket
 * labels (as bpftrace / BCC print them), a histogram check, hex dumps with changed bytes marked,
 * and a layered layout for the CFG. No DOM; unit-tested in Node.
 */

const PACKET_KERNEL_TYPES = new Set(['xdp', 'sched_cls', 'sched_act', 'socket_filter', 'cgroup_skb']);

/** Whether a (kernel-named) program type runs on packets rather than kernel events ('' counts as packets). */
export function runsOnPackets(progType: string): boolean {
  return progType === '' || PACKET_KERNEL_TYPES.has(progType);
}

/** The options of the traffic / workload picker: the simulator's names, plus the current value when it is another (an example's 'webserver,shell'). */
export function scenarioOptions(names: readonly string[], current: string | null, fallback: string): { value: string; options: string[] } {
  if (names.length === 0) return { value: current ?? fallback, options: [current ?? fallback] }; // still loading
  const value = current && (names.includes(current) || current.split(',').every((n) => names.includes(n.trim()))) ? current : fallback;
  return { value, options: names.includes(value) ? [...names] : [value, ...names] };
}

/** The unsigned little-endian number in `hex` (lowercase byte pairs, memory order). */
export function leValue(hex: string): bigint {
  let v = 0n;
  for (let i = hex.length - 2; i >= 0; i -= 2) v = (v << 8n) | BigInt(parseInt(hex.slice(i, i + 2), 16));
  return v;
}

/** What a value of `size` bytes reads as: u32/u64 little-endian when that size, else ''. */
export function decodeScalar(hex: string): string {
  const n = hex.length / 2;
  if (n === 1 || n === 2 || n === 4 || n === 8) return leValue(hex).toString();
  return '';
}

/** Bucket k of a log2 histogram holds values in [2^k, 2^(k+1)) (bucket 0: 0..1), as bpftrace prints `[4, 8)`. */
export function log2Label(k: number): string {
  if (k === 0) return '[0, 2)';
  const lo = 2n ** BigInt(k);
  const hi = lo * 2n;
  const short = (x: bigint) => {
    for (const [div, suf] of [[1n << 30n, 'G'], [1n << 20n, 'M'], [1n << 10n, 'K']] as const) if (x >= div && x % div === 0n) return `${x / div}${suf}`;
    return x.toString();
  };
  return `[${short(lo)}, ${short(hi)})`;
}

/**
 * An array map whose values are counters and whose name says so (`hist`, `log2`, `lat`,
 * `slots`) is drawn as a log2 histogram; any other small array of counters as plain bars.
 */
export function histogramKind(m: { name: string; type: string; valueSize: number; keySize: number; maxEntries: number }): 'log2' | 'bars' | null {
  const arrayish = m.type === 'array' || m.type === 'percpu_array';
  if (!arrayish || m.keySize !== 4 || (m.valueSize !== 8 && m.valueSize !== 4) || m.maxEntries < 2 || m.maxEntries > 64) return null;
  return /hist|log2|lat|slot/i.test(m.name) ? 'log2' : 'bars';
}

/** A map value as one number: per-CPU values summed. */
export function valueTotal(v: string | string[]): bigint {
  return Array.isArray(v) ? v.reduce((s, x) => s + leValue(x), 0n) : leValue(v);
}

export interface HexLine {
  offset: number;
  bytes: { hex: string; changed: boolean }[];
  ascii: string;
}

/** 16 bytes a line; a byte is `changed` when `before` has a different byte (or none) there. */
export function hexLines(hex: string, before?: string): HexLine[] {
  const out: HexLine[] = [];
  const n = hex.length / 2;
  for (let off = 0; off < n; off += 16) {
    const bytes: HexLine['bytes'] = [];
    let ascii = '';
    for (let i = off; i < Math.min(n, off + 16); i++) {
      const h = hex.slice(2 * i, 2 * i + 2);
      const b = parseInt(h, 16);
      bytes.push({ hex: h, changed: before !== undefined && before.slice(2 * i, 2 * i + 2) !== h });
      ascii += b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.';
    }
    out.push({ offset: off, bytes, ascii });
  }
  return out;
}

export function hexToBytes(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/**
 * Layers for drawing a CFG top-down: a block's layer is the longest path to it from block 0
 * over forward edges (edges to a block that is not later in the program are back edges, drawn
 * but not used for layering). Unreachable blocks go below their predecessor in pc order.
 */
export function cfgLayers(blocks: { id: number; start: number }[], edges: { from: number; to: number }[]): number[] {
  const layer = new Array<number>(blocks.length).fill(0);
  const fwd = edges.filter((e) => blocks[e.to] && blocks[e.from] && blocks[e.to].start > blocks[e.from].start);
  // blocks are in pc order, so forward edges go from lower to higher index: one pass suffices
  const bySrc = new Map<number, number[]>();
  for (const e of fwd) bySrc.set(e.from, [...(bySrc.get(e.from) ?? []), e.to]);
  const reached = new Array<boolean>(blocks.length).fill(false);
  if (blocks.length) reached[0] = true;
  for (let b = 0; b < blocks.length; b++) {
    if (!reached[b] && b > 0) layer[b] = layer[b - 1] + 1;
    for (const t of bySrc.get(b) ?? []) {
      reached[t] = true;
      layer[t] = Math.max(layer[t], layer[b] + 1);
    }
  }
  return layer;
}

/** Printable ASCII runs of 3 or more characters (comm, file names …), as `strings` finds them. */
export function strings(hex: string): string {
  let cur = '';
  const out: string[] = [];
  for (let i = 0; i + 2 <= hex.length; i += 2) {
    const b = parseInt(hex.slice(i, i + 2), 16);
    if (b >= 0x20 && b < 0x7f) cur += String.fromCharCode(b);
    else {
      if (cur.length >= 3) out.push(cur);
      cur = '';
    }
  }
  if (cur.length >= 3) out.push(cur);
  return out.join(' ');
}

/** The pc a jump in llvm-objdump text goes to (`goto +0x1f`, `gotol -0x3`, `call +2` is not a jump), or undefined. */
export function jumpTarget(pc: number, text: string): number | undefined {
  const m = /\bgotol? ([+-])(0x[0-9a-f]+|\d+)\b/.exec(text);
  if (!m) return undefined;
  const off = Number(m[2]);
  return pc + 1 + (m[1] === '-' ? -off : off);
}
