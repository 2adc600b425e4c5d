/**
 * What a loader hands the verifier for a program of an object, as libbpf hands it to the kernel:
 * the object's maps (each `--map` of the same name overriding the object's; a PERF_EVENT_ARRAY
 * without max_entries sized to the CPUs; `.rodata` and libbpf's `.kconfig` filled and frozen, so constant strings such as
 * bpf_snprintf formats can be read) and its global functions with their BTF parameters. One place
 * for the CLI (`verify`, `run`), the page's worker and the simulators.
 *
 * Does not: link instructions or create maps (src/kernel/run/object.ts). Provenance: our own code.
 */
import type { BpfObject, BpfProgram } from '../isa/object.ts';
import { objectMaps } from '../kernel/run/object.ts';
import type { GlobalFuncInfo, VerifyMap } from './types.ts';

/** The maps the verifier sees for `obj`: `cli` first (they override), then the object's in creation order. */
export function objectVerifyMaps(obj: BpfObject | undefined, opts: { cli?: readonly VerifyMap[]; cpus?: number } = {}): VerifyMap[] {
  const maps: VerifyMap[] = [...(opts.cli ?? [])];
  for (const m of obj ? objectMaps(obj) : []) {
    if (maps.some((x) => x.name === m.spec.name)) continue;
    const perfCpus = m.typeName === 'perf_event_array' && !m.spec.maxEntries && opts.cpus !== undefined;
    const frozen = m.init !== undefined && (m.spec.name.startsWith('.rodata') || m.spec.name === '.kconfig') ? { data: m.init, frozen: true } : {};
    maps.push({ ...m.spec, type: m.typeName, ...(perfCpus ? { maxEntries: opts.cpus! } : {}), ...frozen });
  }
  return maps;
}

/** The global (non-static) functions among a program's subprograms, with their BTF parameters. */
export function globalFuncsOf(prog: BpfProgram | undefined): GlobalFuncInfo[] | undefined {
  const g = (prog?.subprograms ?? []).filter((x) => x.global).map((x) => ({ pc: x.pc, name: x.name, params: x.global!.params }));
  return g.length ? g : undefined;
}
