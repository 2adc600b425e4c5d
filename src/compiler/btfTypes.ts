/**
 * C types → the BTF-style type table a BpfObject carries for its CO-RE relocations
 * (`BpfObject.types`, ids 1-based, 0 = void).
 *
 * A relocation names its root type; libbpf walks that type's members by name and kind in the
 * running kernel's BTF, so the table holds the root and everything reachable from it: members,
 * pointees (structs by identity, so `task_struct *real_parent` inside `task_struct` is one type),
 * array elements. Incomplete structs become forward declarations; function types `void`.
 * Enums are BTF enums (name, size, enumerators), as CO-RE enum relocations and libbpf's
 * `enum libbpf_tristate` kconfig externs need them.
 * Does not: typedefs, const/volatile (our C types keep none of them; libbpf's field
 * matching skips typedefs and modifiers anyway), bit-field encodings other than member bitSize.
 * Provenance: BTF kinds and their meaning from Documentation/bpf/btf.rst.
 */
import type { BtfTypeDesc } from '../isa/object.ts';
import type { Type } from './types.ts';

export class TypeTable {
  readonly types: BtfTypeDesc[] = [];
  private readonly ids = new Map<Type, number>();
  private readonly byKey = new Map<string, number>();

  /** The id of `t` (0 for void and functions), adding it and what it reaches. */
  id(t: Type): number {
    switch (t.kind) {
      case 'void': case 'func': return 0;
      case 'int': {
        if (t.enumOf) {
          const e = t.enumOf;
          const values = e.values.map((v) => ({ name: v.name, value: Number(BigInt.asIntN(32, v.value)) }));
          return this.keyed(`enum:${e.tag}:${t.size}:${values.map((v) => `${v.name}=${v.value}`).join(',')}`, () => ({ kind: 'enum', name: e.tag, size: t.size, signed: t.signed, values }));
        }
        const name = t.bool ? '_Bool' : defaultName(t.size, t.signed);
        return this.keyed(`int:${name}:${t.size}:${t.signed}`, () => ({ kind: 'int', name, size: t.size, signed: t.signed, ...(t.bool ? { bool: true } : {}) }));
      }
      case 'ptr': {
        const to = this.id(t.to);
        return this.keyed(`ptr:${to}`, () => ({ kind: 'ptr', to }));
      }
      case 'array': {
        const of = this.id(t.of);
        const len = t.len ?? 0;
        return this.keyed(`arr:${of}:${len}`, () => ({ kind: 'array', of, len }));
      }
      case 'struct': {
        const hit = this.ids.get(t);
        if (hit !== undefined) return hit;
        if (!t.complete) {
          const name = t.tag ?? '';
          return this.keyed(`fwd:${name}:${t.union}`, () => ({ kind: 'fwd', name, union: t.union }));
        }
        const desc: BtfTypeDesc = { kind: t.union ? 'union' : 'struct', name: t.tag ?? '', size: t.size, members: [] };
        this.types.push(desc);
        const id = this.types.length;
        this.ids.set(t, id);
        desc.members = t.members.map((m) => ({
          name: m.name ?? '',
          type: this.id(m.type),
          bitOffset: m.offset * 8 + (m.bitOffset ?? 0),
          ...(m.bitWidth !== undefined ? { bitSize: m.bitWidth } : {}),
        }));
        return id;
      }
    }
  }

  private keyed(key: string, make: () => BtfTypeDesc): number {
    const hit = this.byKey.get(key);
    if (hit !== undefined) return hit;
    this.types.push(make());
    const id = this.types.length;
    this.byKey.set(key, id);
    return id;
  }
}

function defaultName(size: number, signed: boolean): string {
  const base = size === 1 ? 'char' : size === 2 ? 'short' : size === 4 ? 'int' : 'long';
  return signed ? base : `unsigned ${base}`;
}

const KIND_NAMES = ['byte_off', 'byte_sz', 'field_exists', 'signed', 'lshift_u64', 'rshift_u64', 'local_type_id',
  'target_type_id', 'type_exists', 'type_size', 'enumval_exists', 'enumval_value', 'type_matches'];

/**
 * A CO-RE relocation as `llvm-objdump -dr` prints it: `CO-RE <byte_off> [5] struct task_struct::real_parent (0:33)`
 * (anonymous members print as `<anon N>`; type-based kinds name just the type).
 */
export function describeCoreReloc(types: readonly BtfTypeDesc[], r: { type: number; access: string; kind: number }): string {
  const t = types[r.type - 1];
  const name = !t ? 'void' : t.kind === 'struct' || t.kind === 'union' ? `${t.kind} ${t.name}` : t.kind === 'fwd' ? `struct ${t.name}` : t.kind === 'enum' ? `enum ${t.name}` : t.kind === 'int' ? t.name : t.kind;
  const kind = `<${KIND_NAMES[r.kind] ?? r.kind}>`;
  if ((r.kind === 10 || r.kind === 11) && t?.kind === 'enum') {
    const v = t.values[Number(r.access)];
    return `CO-RE ${kind} [${r.type}] ${name}::${v?.name ?? r.access} = ${v?.value ?? '?'}`;
  }
  if (r.kind > 5) return `CO-RE ${kind} [${r.type}] ${name}`;
  const idx = r.access.split(':').map(Number);
  const parts: string[] = [];
  let cur: BtfTypeDesc | undefined = t;
  for (const i of idx.slice(1)) {
    if (cur?.kind === 'struct' || cur?.kind === 'union') {
      const m: { name: string; type: number } | undefined = cur.members[i];
      parts.push(m?.name ? m.name : `<anon ${i}>`);
      cur = m ? types[m.type - 1] : undefined;
    } else if (cur?.kind === 'array') {
      parts[parts.length - 1] = `${parts[parts.length - 1] ?? ''}[${i}]`;
      cur = types[cur.of - 1];
    } else break;
  }
  return `CO-RE ${kind} [${r.type}] ${name}::${parts.join('.')} (${r.access})`;
}
