/**
 * libbpf's `.kconfig` conventions, shared by the C compiler (which lays out the externs it emits)
 * and the ELF reader (which lays out clang's): how an extern's C type is parsed (bool, tristate,
 * char, integer, char array — anything else is unknown and fails to load) and where each extern
 * sits in the `.kconfig` map: sorted by alignment (descending), then size (ascending), then name,
 * each at the next multiple of its alignment.
 *
 * Does not: read a configuration or fill the map (src/kernel/run/kconfig.ts does).
 * Provenance: libbpf's documented `__kconfig` semantics; the order checked against
 * `bpftool -d prog loadall` ("extern (kcfg) #0: symbol 15, off 0, name CONFIG_BPF_EVENTS" …).
 */
import type { BpfExtern, BtfTypeDesc } from '../isa/object.ts';

/** How libbpf reads a Kconfig value into an extern of type `id` (modifiers already skipped). */
export function kcfgKind(types: readonly BtfTypeDesc[], id: number): { kcfg: NonNullable<BpfExtern['kcfg']>; size: number; align: number; signed?: boolean } {
  const t = types[id - 1];
  if (!t) return { kcfg: 'unknown', size: 0, align: 1 };
  if (t.kind === 'int') {
    if (t.bool) return { kcfg: t.size === 1 ? 'bool' : 'unknown', size: t.size, align: t.size };
    if (t.size === 1) return { kcfg: 'char', size: 1, align: 1, signed: t.signed };
    if (t.size > 8 || (t.size & (t.size - 1))) return { kcfg: 'unknown', size: t.size, align: 1 };
    return { kcfg: 'int', size: t.size, align: t.size, signed: t.signed };
  }
  if (t.kind === 'enum') return { kcfg: t.size === 4 && t.name === 'libbpf_tristate' ? 'tristate' : 'unknown', size: t.size, align: t.size };
  if (t.kind === 'array') {
    const e = kcfgKind(types, t.of);
    return { kcfg: t.len > 0 && e.kcfg === 'char' ? 'char_arr' : 'unknown', size: t.len * e.size, align: e.align };
  }
  return { kcfg: 'unknown', size: 0, align: 1 };
}

/** Set `offset` on each `.kconfig` extern (libbpf's order); returns the map's value size. */
export function layoutKconfig(externs: BpfExtern[]): number {
  const kc = externs.filter((e) => e.section === '.kconfig');
  const sorted = kc.slice().sort((a, b) => b.align - a.align || a.size - b.size || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  let off = 0;
  for (const e of sorted) {
    off = Math.ceil(off / Math.max(1, e.align)) * Math.max(1, e.align);
    e.offset = off;
    off += e.size;
  }
  return off;
}
