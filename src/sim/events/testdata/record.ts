/**
 * Records the kernel facts the event generator's tests compare against, from THIS machine's
 * running Linux 6.18 kernel:
 *   formats/<group>__<event>.format   verbatim copies of tracefs `events/<group>/<event>/format`
 *   btf-offsets.tsv                   byte offsets of the struct members src/sim/host/kobjects.ts
 *                                     lays out, resolved from /sys/kernel/btf/vmlinux with
 *                                     `bpftool btf dump ... format raw` (anonymous unions flattened)
 * Run: `npx tsx src/sim/events/testdata/record.ts [TRACEFS]` as root (tracefs is looked for at
 * /sys/kernel/tracing, /sys/kernel/debug/tracing and /tmp/tfs; missing pieces are reported and
 * skipped). Not part of the test run. Provenance: our own script; the data is the kernel's.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RECORDED_EVENTS } from '../formats.ts';
import { KSTRUCT_MEMBERS } from '../../host/kobjects.ts';
import { KERNEL_FUNCTIONS, LSM_HOOKS } from '../catalog.ts';

const here = dirname(fileURLToPath(import.meta.url));

function findTracefs(): string | undefined {
  const cands = [process.argv[2], '/sys/kernel/tracing', '/sys/kernel/debug/tracing', '/tmp/tfs'];
  return cands.find((c) => c !== undefined && existsSync(join(c, 'events/syscalls/sys_enter_openat/format')));
}

const tfs = findTracefs();
if (!tfs) console.error('no tracefs with syscalls events found: formats not recorded');
else {
  for (const ev of RECORDED_EVENTS) {
    const [group, name] = ev.split(':');
    const src = join(tfs, 'events', group, name, 'format');
    if (!existsSync(src)) { console.error(`missing ${src}`); continue; }
    writeFileSync(join(here, 'formats', `${group}__${name}.format`), readFileSync(src));
  }
  console.log(`recorded ${RECORDED_EVENTS.length} formats from ${tfs}`);
}

interface BtfType { kind: string; name: string; size: number; members: { name: string; type: number; bits: number }[]; ref: number }

function loadBtf(): Map<number, BtfType> {
  const raw = execFileSync('bpftool', ['btf', 'dump', 'file', '/sys/kernel/btf/vmlinux', 'format', 'raw'], { maxBuffer: 1 << 30 }).toString();
  const types = new Map<number, BtfType>();
  let cur: BtfType | undefined;
  for (const line of raw.split('\n')) {
    const h = /^\[(\d+)\] (\w+) '([^']*)'(.*)$/.exec(line);
    if (h) {
      const size = /size=(\d+)/.exec(h[4]);
      const ref = /(?:ret_)?type_id=(\d+)/.exec(h[4]);
      cur = { kind: h[2], name: h[3], size: size ? Number(size[1]) : 0, members: [], ref: ref ? Number(ref[1]) : 0 };
      types.set(Number(h[1]), cur);
      continue;
    }
    const m = /^\t'([^']*)' type_id=(\d+)(?: bits_offset=(\d+))?/.exec(line);
    if (m && cur) cur.members.push({ name: m[1], type: Number(m[2]), bits: Number(m[3] ?? 0) });
  }
  return types;
}

/** name → byte offset for every member reachable through anonymous struct/union members. */
function flatten(types: Map<number, BtfType>, id: number, base: number, out: Map<string, number>): void {
  const t = types.get(id);
  if (!t) return;
  for (const m of t.members) {
    const off = base + m.bits / 8;
    if (m.name === '(anon)') flatten(types, m.type, off, out);
    else if (!out.has(m.name)) out.set(m.name, off);
  }
}

try {
  const types = loadBtf();
  const lines = ['# struct\tmember\tbyte_offset\tstruct_size (from /sys/kernel/btf/vmlinux)'];
  for (const [struct, members] of Object.entries(KSTRUCT_MEMBERS)) {
    const id = [...types.entries()].find(([, t]) => t.kind === 'STRUCT' && t.name === struct)?.[0];
    if (id === undefined) { console.error(`no struct ${struct} in BTF`); continue; }
    const flat = new Map<string, number>();
    flatten(types, id, 0, flat);
    for (const m of Object.keys(members).filter((k) => k !== '__size')) {
      const off = flat.get(m);
      lines.push(`${struct}\t${m}\t${off ?? 'missing'}\t${types.get(id)!.size}`);
    }
  }
  writeFileSync(join(here, 'btf-offsets.tsv'), lines.join('\n') + '\n');
  console.log(`recorded ${lines.length - 1} struct member offsets`);

  // function prototypes: the catalog's kprobe functions and the BPF LSM hooks (bpf_lsm_<hook>)
  const render = (id: number, depth = 0): string => {
    if (id === 0) return 'void';
    const t = types.get(id);
    if (!t || depth > 8) return '?';
    switch (t.kind) {
      case 'PTR': return `${render(t.ref, depth + 1)} *`;
      case 'CONST': return `const ${render(t.ref, depth + 1)}`;
      case 'VOLATILE': return `volatile ${render(t.ref, depth + 1)}`;
      case 'STRUCT': return `struct ${t.name}`;
      case 'UNION': return `union ${t.name}`;
      case 'ENUM': return `enum ${t.name}`;
      default: return t.name;
    }
  };
  const byName = new Map<string, BtfType>();
  for (const t of types.values()) if (t.kind === 'FUNC' && !byName.has(t.name)) byName.set(t.name, t);
  const fl = ['# function\treturn\tparameters (type name; …) from /sys/kernel/btf/vmlinux'];
  for (const f of [...KERNEL_FUNCTIONS.map((k) => k.name), ...LSM_HOOKS.map((h) => `bpf_lsm_${h.name}`)]) {
    const fn = byName.get(f);
    const proto = fn && types.get(fn.ref);
    if (!proto) { fl.push(`${f}\tmissing\t`); continue; }
    fl.push(`${f}\t${render(proto.ref)}\t${proto.members.map((m) => `${render(m.type)} ${m.name}`).join('; ')}`);
  }
  writeFileSync(join(here, 'btf-funcs.tsv'), fl.join('\n') + '\n');
  console.log(`recorded ${fl.length - 1} function prototypes`);
} catch (e) {
  console.error(`BTF not recorded: ${(e as Error).message.split('\n')[0]}`);
}
