/**
 * What a loader (libbpf) does with a compiled object before its programs are verified and run:
 * the maps it creates — the object's map definitions (a map-in-map's inner map template first,
 * named `<outer>.inner` as libbpf names it), then one single-entry array per non-empty global data
 * section holding the section's initial bytes (`.rodata*` read-only for programs: BPF_F_RDONLY_PROG;
 * all of them BPF_F_MMAPABLE, as libbpf creates them) — the programs' ld_imm64 slots patched to the
 * kernel's pseudo forms, and, for a whole object (`loadObject`), every program loaded and the
 * `__array(values, …)` initial values stored (prog_array slots, map-in-map inner maps), which
 * libbpf does after loading the programs. One place for the CLI's run/verify/disasm, the page's C
 * pipeline and the loader goldens (testdata/clang-objects).
 *
 * `__kconfig` externs get libbpf's `.kconfig` map (read-only for programs, named `.kconfig` as the
 * programs' data relocations name it), filled from the simulated configuration (kconfig.ts); an
 * extern libbpf cannot resolve fails the load with libbpf's message. `__ksym` externs (kernel
 * variables, kfuncs) fail the load with a clear error: the simulation has no kernel BTF to find
 * them in.
 *
 * Global sections are maps one to one: an object read with `readElf(…, { sections: 'separate' })`
 * gets one map per `.data.*` / `.rodata.*` section (`.rodata.str1.1`, `.data.counters`) as libbpf
 * makes them; a merged object gets one `.data` / `.rodata` / `.bss` each.
 *
 * Does not: create maps by itself for the verifier (it only needs their shapes), CO-RE, pinning,
 * freezing (.rodata stays writable from user space here), libbpf's object-name prefix of global
 * map names (`prog.rodata` is `.rodata` here, `.rodata.str1.1` the same in both).
 * Provenance: libbpf's documented behaviour (bpf_object__load: maps, then programs, then
 * map-in-map / prog_array slots), checked against `bpftool prog loadall` by the loader goldens.
 */
import type { Insn } from '../../isa/insn.ts';
import type { BpfObject, BpfProgram } from '../../isa/object.ts';
import { BPF_F_MMAPABLE, BPF_F_RDONLY_PROG } from '../maps/types.ts';
import type { MapSpec } from '../maps/map.ts';
import { mapTypeName } from '../maps/types.ts';
import { progTypeForSection } from '../progtypes/progTypes.ts';
import { kconfigData, MAX_KCONFIG_BYTES } from './kconfig.ts';
import type { Kernel, LoadedProgram } from './kernel.ts';

/** A map the loader creates for an object, with its initial value for global data. */
export interface ObjectMap {
  spec: MapSpec & { type: number | 'array' };
  /** Kernel type name, as the verifier takes it. */
  typeName: string;
  /** Global data: the section's bytes, the value of key 0. */
  init?: Uint8Array;
  /** A map-in-map's inner map template (libbpf creates it only to create the outer map). */
  template?: boolean;
}

const BPF_MAP_TYPE_ARRAY_OF_MAPS = 12, BPF_MAP_TYPE_HASH_OF_MAPS = 13;

/** The object's maps in the order the loader creates them (and the verifier indexes them). */
export function objectMaps(obj: BpfObject): ObjectMap[] {
  const out: ObjectMap[] = [];
  for (const m of obj.maps) {
    const spec: MapSpec & { type: number } = { name: m.name, type: m.typeId, keySize: m.keySize, valueSize: m.valueSize, maxEntries: m.maxEntries, flags: m.flags };
    if ((m.typeId === BPF_MAP_TYPE_ARRAY_OF_MAPS || m.typeId === BPF_MAP_TYPE_HASH_OF_MAPS) && m.inner) {
      const i = m.inner;
      const name = `${m.name}.inner`;
      out.push({ spec: { name, type: i.typeId, keySize: i.keySize, valueSize: i.valueSize, maxEntries: i.maxEntries, flags: i.flags }, typeName: mapTypeName(i.typeId) ?? i.type, template: true });
      out.push({ spec: { ...spec, inner: name }, typeName: mapTypeName(m.typeId) ?? m.type });
      continue;
    }
    out.push({ spec, typeName: mapTypeName(m.typeId) ?? m.type });
  }
  for (const g of obj.globals) {
    if (g.bytes.length === 0) continue;
    const flags = BPF_F_MMAPABLE | (g.name.startsWith('.rodata') ? BPF_F_RDONLY_PROG : 0);
    out.push({ spec: { name: g.name, type: 'array', keySize: 4, valueSize: g.bytes.length, maxEntries: 1, flags }, typeName: 'array', init: g.bytes });
  }
  // `__kconfig` externs: libbpf's read-only `.kconfig` map, filled from the kernel's configuration
  // (zeros when that fails: createObjectMaps reports the error)
  const kc = (obj.externs ?? []).filter((e) => e.section === '.kconfig');
  if (kc.length) {
    const data = kconfigData(kc);
    const size = kc.reduce((n, e) => Math.max(n, (e.offset ?? 0) + e.size), 0);
    const init = data.ok ? data.bytes : new Uint8Array(Math.min(size, MAX_KCONFIG_BYTES));
    out.push({ spec: { name: '.kconfig', type: 'array', keySize: 4, valueSize: Math.max(1, init.length), maxEntries: 1, flags: BPF_F_MMAPABLE | BPF_F_RDONLY_PROG }, typeName: 'array', init });
  }
  return out;
}

/** Why libbpf would refuse to load `obj` before creating anything (an unresolvable extern), or undefined. */
export function objectLoadError(obj: BpfObject): string | undefined {
  const kc = (obj.externs ?? []).filter((e) => e.section === '.kconfig');
  const data = kc.length ? kconfigData(kc) : undefined;
  if (data && !data.ok) return data.message;
  const ksym = (obj.externs ?? []).find((e) => e.section === '.ksyms');
  if (ksym) return `extern '${ksym.name}' (__ksym): kernel symbols and kfuncs are not supported in the simulation`;
  return undefined;
}

/**
 * Create the object's maps in `kernel`, skipping names already defined (a `--map` of the same name
 * overrides the object's), and close the inner map templates again once the outer maps exist, as
 * libbpf does. Returns an error message, or undefined.
 */
export function createObjectMaps(kernel: Kernel, obj: BpfObject | undefined): string | undefined {
  const templates: string[] = [];
  const refused = obj && objectLoadError(obj);
  if (refused) return refused;
  for (const m of obj ? objectMaps(obj) : []) {
    if (kernel.map(m.spec.name)) continue;
    // libbpf sizes a PERF_EVENT_ARRAY without max_entries to the number of possible CPUs
    const spec = m.typeName === 'perf_event_array' && !m.spec.maxEntries ? { ...m.spec, maxEntries: kernel.cpus } : m.spec;
    const c = kernel.createMap(spec);
    if (!c.ok) return `${m.init ? 'global data' : 'map'} '${m.spec.name}': ${c.message}`;
    if (m.init && c.map.userUpdate(new Uint8Array(4), m.init) !== 0) return `global data '${m.spec.name}': cannot set its initial value`;
    if (m.template) templates.push(m.spec.name);
  }
  // libbpf closes an inner map template once its outer map exists (the outer map keeps it)
  for (const t of templates) kernel.closeMap(t);
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
    // a __ksym: the kernel's forms before libbpf fills in the BTF id — kfunc calls src 2
    // (BPF_PSEUDO_KFUNC_CALL), addresses src 3 (BPF_PSEUDO_BTF_ID); nothing for our runtime to resolve
    if (x.extern !== undefined && x.symbol !== '.kconfig') {
      insns[x.pc] = { ...insns[x.pc], src: x.kind === 'call' ? 2 : 3, imm: 0 };
      continue;
    }
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

export interface LoadObjectOptions {
  /** A program's type (kernel or CLI name) when not its section's (the CLI's --type for the program it runs). */
  typeOf?: (p: BpfProgram) => string | undefined;
  /** Programs src/verifier accepted: loaded with `verified: true` (the fast engine's proven mode). */
  verified?: (p: BpfProgram) => boolean;
}

export type LoadObjectResult =
  | { ok: true; programs: Map<string, LoadedProgram> }
  | { ok: false; message: string };

/**
 * Load a whole object as `bpftool prog loadall` (libbpf) does, without the verifier (callers that ran
 * it say which programs passed, `opts.verified`): create its
 * maps, load every program (type from its section name), then store the `__array(values, …)`
 * initial values — prog_array slots get the named programs, map-in-map slots the named maps.
 * Programs are keyed by function name. The first failure is the error (libbpf stops there too).
 */
export function loadObject(kernel: Kernel, obj: BpfObject, opts: LoadObjectOptions = {}): LoadObjectResult {
  const made = createObjectMaps(kernel, obj);
  if (made) return { ok: false, message: made };
  const programs = new Map<string, LoadedProgram>();
  for (const p of obj.programs) {
    const type = opts.typeOf?.(p) ?? progTypeForSection(p.section)?.type;
    if (!type) return { ok: false, message: `program '${p.name}': no program type for section '${p.section}'` };
    const { insns, relocs } = linkProgram(p);
    const l = kernel.load(insns, { type, relocs, name: p.name, verified: opts.verified?.(p) === true });
    if (!l.ok) return { ok: false, message: `program '${p.name}': ${l.message}` };
    programs.set(p.name, l.prog);
  }
  const u32 = (v: number): Uint8Array => new Uint8Array(new Uint32Array([v]).buffer);
  for (const m of obj.maps) {
    if (!m.init?.length) continue;
    const map = kernel.map(m.name);
    if (!map) return { ok: false, message: `map '${m.name}' was not created` };
    for (const { index, symbol } of m.init) {
      const target = map.type === 'prog_array' ? programs.get(symbol) : kernel.map(symbol);
      const fd = target && kernel.fdOf(target);
      if (fd === undefined) return { ok: false, message: `map '${m.name}' slot ${index}: '${symbol}' is not a ${map.type === 'prog_array' ? 'program' : 'map'} of the object` };
      const key = new Uint8Array(map.keySize);
      key.set(u32(index).subarray(0, Math.min(4, map.keySize)));
      const rc = map.userUpdate(key, u32(fd));
      if (rc !== 0) return { ok: false, message: `map '${m.name}' slot ${index}: storing '${symbol}' failed (errno ${-rc})` };
    }
  }
  return { ok: true, programs };
}
