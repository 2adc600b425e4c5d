/**
 * What a loader (libbpf) does with a compiled object before one of its programs is verified and
 * run: the maps it creates — the object's map definitions, then one single-entry array per
 * non-empty global data section (`.data`, `.rodata`, `.bss`) holding the section's initial bytes —
 * and the program's ld_imm64 slots patched to the kernel's pseudo forms. One place for the CLI's
 * run/verify/disasm and the page's C pipeline.
 *
 * Does not: create maps by itself for the verifier (it only needs their shapes), CO-RE, map-in-map
 * initial values, one map per `.rodata.*` subsection (BpfObject merges them).
 */
import type { Insn } from '../../isa/insn.ts';
import type { BpfObject, BpfProgram } from '../../isa/object.ts';
import type { MapSpec } from '../maps/map.ts';
import { mapTypeName } from '../maps/types.ts';
import type { Kernel } from './kernel.ts';

/** A map the loader creates for an object, with its initial value for global data. */
export interface ObjectMap {
  spec: MapSpec & { type: number | 'array' };
  /** Kernel type name, as the verifier takes it. */
  typeName: string;
  /** Global data: the section's bytes, the value of key 0. */
  init?: Uint8Array;
}

/** The object's maps in the order the loader creates them (and the verifier indexes them). */
export function objectMaps(obj: BpfObject): ObjectMap[] {
  const out: ObjectMap[] = obj.maps.map((m) => ({
    spec: { name: m.name, type: m.typeId, keySize: m.keySize, valueSize: m.valueSize, maxEntries: m.maxEntries, flags: m.flags },
    typeName: mapTypeName(m.typeId) ?? m.type,
  }));
  for (const g of obj.globals) {
    if (g.bytes.length === 0) continue;
    out.push({ spec: { name: g.name, type: 'array', keySize: 4, valueSize: g.bytes.length, maxEntries: 1 }, typeName: 'array', init: g.bytes });
  }
  return out;
}

/**
 * Create the object's maps in `kernel`, skipping names already defined (a `--map` of the same name
 * overrides the object's). Returns an error message, or undefined.
 */
export function createObjectMaps(kernel: Kernel, obj: BpfObject | undefined): string | undefined {
  for (const m of obj ? objectMaps(obj) : []) {
    if (kernel.map(m.spec.name)) continue;
    const c = kernel.createMap(m.spec);
    if (!c.ok) return `${m.init ? 'global data' : 'map'} '${m.spec.name}': ${c.message}`;
    if (m.init && c.map.userUpdate(new Uint8Array(4), m.init) !== 0) return `global data '${m.spec.name}': cannot set its initial value`;
  }
  return undefined;
}

export interface LinkedProgram {
  /** Slots as the kernel loader leaves them for our runtime: maps src 1 (BPF_PSEUDO_MAP_FD), globals
   *  src 2 (BPF_PSEUDO_MAP_VALUE) with the variable's offset in the second slot; imm 0 — the runtime
   *  resolves each by `relocs`' symbol. */
  insns: Insn[];
  /** Map relocations by name (globals named by their section), and bpf-to-bpf calls. */
  relocs: Array<{ pc: number; symbol: string; kind: 'map' | 'call' }>;
}

/** Patch a program's relocated slots to the kernel's pseudo ld_imm64 forms. */
export function linkProgram(prog: BpfProgram): LinkedProgram {
  const insns = prog.insns.slice();
  const relocs: LinkedProgram['relocs'] = [];
  for (const x of prog.relocations) {
    if (x.kind === 'map') insns[x.pc] = { ...insns[x.pc], src: 1, imm: 0 };
    if (x.kind === 'data') {
      insns[x.pc] = { ...insns[x.pc], src: 2, imm: 0 };
      insns[x.pc + 1] = { ...insns[x.pc + 1], imm: x.addend };
    }
    relocs.push({ pc: x.pc, symbol: x.symbol, kind: x.kind === 'call' ? 'call' : 'map' });
  }
  return { insns, relocs };
}

/**
 * The same slots with each map reference's imm set to the map's index in `mapNames` (the form the
 * verifier and kernel_oracle's raw bytecode take). Unknown names return the first one missing.
 */
export function indexMapRefs(
  insns: readonly Insn[],
  relocs: LinkedProgram['relocs'],
  mapNames: readonly string[],
): { ok: true; insns: Insn[] } | { ok: false; missing: string; pc: number } {
  const out = insns.slice();
  for (const r of relocs) {
    if (r.kind !== 'map') continue;
    const k = mapNames.indexOf(r.symbol);
    if (k < 0) return { ok: false, missing: r.symbol, pc: r.pc };
    const src = out[r.pc].src === 2 ? 2 : 1;
    out[r.pc] = { ...out[r.pc], src, imm: k };
    if (src === 1 && out[r.pc + 1]) out[r.pc + 1] = { ...out[r.pc + 1], imm: 0 };
  }
  return { ok: true, insns: out };
}
