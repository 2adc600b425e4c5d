/**
 * The `extern` variables of a clang object, as libbpf collects them: undefined global or weak
 * symbols (STT_NOTYPE) whose BTF VAR sits in a DATASEC named `.kconfig` or `.ksyms`. Their C types
 * become a small BTF-style type table (ints, enums, arrays of them — what a `__kconfig` value can
 * be) and `.kconfig` ones get libbpf's layout (kconfig.ts), so a program's relocation against one
 * becomes a `data` relocation on `.kconfig` at its offset.
 *
 * Does not: describe other C types (a `__ksym` typed with a struct is recorded with type 0), or
 * decide whether the loader can resolve the value (src/kernel/run/kconfig.ts does).
 * Provenance: libbpf's documented extern conventions; BTF layouts from Documentation/bpf/btf.rst.
 */
import type { BpfExtern, BtfTypeDesc } from '../isa/object.ts';
import { BTF_KIND, strip, type Btf } from './btf.ts';
import { SHN_UNDEF, STB_WEAK, STT_NOTYPE, type ElfFile } from './elfio.ts';
import { kcfgKind, layoutKconfig } from './kconfig.ts';

export function readExterns(elf: ElfFile, btf: Btf | undefined): { externs: BpfExtern[]; types: BtfTypeDesc[] } {
  const types: BtfTypeDesc[] = [];
  const externs: BpfExtern[] = [];
  if (!btf) return { externs, types };
  const memo = new Map<number, number>();
  const desc = (id0: number, depth = 0): number => {
    const t = strip(btf, id0);
    if (!t || t.id === 0 || depth > 8) return 0;
    const hit = memo.get(t.id);
    if (hit !== undefined) return hit;
    let d: BtfTypeDesc | undefined;
    if (t.kind === BTF_KIND.INT) {
      const enc = ((t.extra ?? 0) >>> 24) & 0xf;
      d = { kind: 'int', name: t.name, size: t.sizeOrType, signed: (enc & 1) !== 0, ...(enc & 4 ? { bool: true } : {}) };
    } else if (t.kind === BTF_KIND.ENUM) {
      d = { kind: 'enum', name: t.name, size: t.sizeOrType, signed: false, values: t.members.map((m) => ({ name: m.name, value: m.offset })) };
    } else if (t.kind === BTF_KIND.ARRAY && t.array) {
      const of = desc(t.array.type, depth + 1);
      if (of) d = { kind: 'array', of, len: t.array.nelems };
    }
    if (!d) return 0;
    types.push(d);
    memo.set(t.id, types.length);
    return types.length;
  };
  for (const y of elf.symbols) {
    if (y.shndx !== SHN_UNDEF || y.type !== STT_NOTYPE || !y.name) continue;
    for (const ds of btf.types) {
      if (ds.kind !== BTF_KIND.DATASEC || (ds.name !== '.kconfig' && ds.name !== '.ksyms')) continue;
      const v = ds.members.map((m) => btf.types[m.type]).find((t) => (t?.kind === BTF_KIND.VAR || t?.kind === BTF_KIND.FUNC) && t.name === y.name);
      if (!v) continue;
      const fn = v.kind === BTF_KIND.FUNC;
      const type = desc(v.sizeOrType);
      const e: BpfExtern = { name: y.name, section: ds.name, weak: y.bind === STB_WEAK, type, size: 0, align: 1, ...(fn ? { func: true } : {}) };
      if (ds.name === '.kconfig') {
        const k = kcfgKind(types, type);
        Object.assign(e, { size: k.size, align: k.align, kcfg: k.kcfg }, k.signed !== undefined ? { signed: k.signed } : {});
      }
      externs.push(e);
      break;
    }
  }
  layoutKconfig(externs);
  return { externs, types };
}
