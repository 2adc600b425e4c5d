/**
 * Record the ELF reader/writer corpus goldens from independent tools and this machine's kernel.
 *
 *   npx tsx scripts/record-elf-goldens.ts [FILTER...]
 *
 * For every `src/elf/testdata/<name>.c` (or those whose name contains a FILTER):
 *  1. compile with `clang-19 -O2 -g -target bpf -I/usr/include/x86_64-linux-gnu` (plus
 *     `-fdebug-prefix-map=<testdata>=.` so the paths in the object do not depend on the checkout)
 *     into `<name>.o`, which is committed;
 *  2. record the object's facts as the LLVM and bpftool tools print them, parsed into JSON:
 *     `llvm-readelf-19 -S -s -r -W` (sections, symbols, relocations), `llvm-readelf-19 -x` hex of
 *     `license` and legacy `maps`, `llvm-objdump-19 -dr -l` (functions, instruction bytes,
 *     relocations, DWARF source lines), `bpftool btf dump file` (the `.maps` definitions);
 *  3. with the kernel (`../shared/tools/kernel_oracle.py`): verify every program of the original
 *     and of `writeElf(readElf(original))` (keeping the `; source @ file:line` lines of the
 *     level-2 log), run packet programs on two packets with `--dump-maps`,
 *     and load both files with `bpftool prog loadall`; the written file's sha256 is stored so the
 *     test knows the kernel's verdict applies to what the writer produces now;
 *  4. write `<name>.golden.json`.
 * When bpf() is unavailable the kernel part is skipped (and old kernel results are kept).
 * Provenance: golden format is this project's (see elf.test.ts).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readElf } from '../src/elf/read.ts';
import { writeElf } from '../src/elf/write.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DIR = join(ROOT, 'src/elf/testdata');
const ORACLE = process.env.KERNEL_ORACLE ?? resolve(ROOT, '../shared/tools/kernel_oracle.py');
const RUNNABLE = new Set(['xdp', 'sched_cls', 'socket_filter']);
const SECTION_TYPES: [string, string][] = [['xdp', 'xdp'], ['socket', 'socket_filter'], ['tc', 'sched_cls'], ['classifier', 'sched_cls'],
  ['kprobe/', 'kprobe'], ['kretprobe/', 'kprobe'], ['tracepoint/', 'tracepoint'], ['tp/', 'tracepoint']];

const run = (cmd: string, args: string[], cwd = DIR): string => execFileSync(cmd, args, { cwd, encoding: 'utf8', maxBuffer: 64 << 20 });

function readelfFacts(o: string): unknown {
  const S = run('llvm-readelf-19', ['-S', '-W', o]);
  const sections = [...S.matchAll(/^\s*\[\s*(\d+)\]\s+(\S+)\s+(\S+)\s+[0-9a-f]{16}\s+([0-9a-f]+)\s+([0-9a-f]+)\s+[0-9a-f]+\s+([A-Za-z]*)\s+\d+\s+\d+\s+(\d+)$/gm)]
    .map((m) => ({ index: +m[1], name: m[2], type: m[3], size: parseInt(m[5], 16), flags: m[6], align: +m[7] }));
  const s = run('llvm-readelf-19', ['-s', '-W', o]);
  const symbols = [...s.matchAll(/^\s*(\d+):\s+([0-9a-f]{16})\s+(\d+)\s+(\S+)\s+(\S+)\s+\S+\s+(\S+)\s*(.*)$/gm)]
    .map((m) => ({ index: +m[1], value: parseInt(m[2], 16), size: +m[3], type: m[4], bind: m[5], ndx: m[6], name: m[7].trim() }));
  const r = run('llvm-readelf-19', ['-r', '-W', o]);
  const relocs: Record<string, { offset: number; type: string; symbol: string }[]> = {};
  let cur = '';
  for (const line of r.split('\n')) {
    const h = /^Relocation section '(.*)' at offset/.exec(line);
    if (h) { cur = h[1]; relocs[cur] = []; continue; }
    const m = /^([0-9a-f]{16})\s+[0-9a-f]{16}\s+(R_BPF_\S+)\s+[0-9a-f]{16}\s+(.*)$/.exec(line);
    if (m && cur) relocs[cur].push({ offset: parseInt(m[1], 16), type: m[2], symbol: m[3].trim() });
  }
  const hex: Record<string, string> = {};
  for (const sec of sections.map((x) => x.name).filter((n) => /^(license|maps|\.data|\.rodata)(\.|$)/.test(n))) {
    const x = run('llvm-readelf-19', ['-x', sec, o]);
    hex[sec] = [...x.matchAll(/^0x[0-9a-f]+ ((?:[0-9a-f]{2,8} ?)+)/gm)].map((m) => m[1].replace(/ /g, '')).join('');
  }
  return { sections, symbols, relocs, hex };
}

function objdumpFacts(o: string): unknown {
  const out = run('llvm-objdump-19', ['-dr', '-l', o]);
  const sections: Record<string, { funcs: { name: string; start: number; insns: string[] }[]; relocs: { pc: number; type: string; symbol: string }[]; lines: { pc: number; file: string; line: number }[] }> = {};
  let sec: (typeof sections)[string] | undefined;
  let pendingLine: { file: string; line: number } | undefined;
  for (const line of out.split('\n')) {
    let m = /^Disassembly of section (.*):$/.exec(line);
    if (m) { sec = sections[m[1]] = { funcs: [], relocs: [], lines: [] }; continue; }
    if (!sec) continue;
    m = /^([0-9a-f]{16}) <(.*)>:$/.exec(line);
    if (m) { sec.funcs.push({ name: m[2], start: parseInt(m[1], 16) / 8, insns: [] }); continue; }
    m = /^; (.*):(\d+)$/.exec(line);
    if (m) { pendingLine = { file: m[1], line: +m[2] }; continue; }
    m = /^\s+(\d+):\t((?:[0-9a-f]{2} ){7}[0-9a-f]{2}(?: (?:[0-9a-f]{2} ){7}[0-9a-f]{2})?)\t/.exec(line);
    if (m) {
      const bytes = m[2].replace(/ /g, '');
      const pc = +m[1];
      sec.funcs[sec.funcs.length - 1].insns.push(bytes.slice(0, 16));
      if (bytes.length > 16) sec.funcs[sec.funcs.length - 1].insns.push(bytes.slice(16));
      if (pendingLine) { sec.lines.push({ pc, ...pendingLine }); pendingLine = undefined; }
      continue;
    }
    m = /^\s+([0-9a-f]+):\s+(R_BPF_\S+)\s+(.*)$/.exec(line);
    if (m) sec.relocs.push({ pc: parseInt(m[1], 16) / 8, type: m[2], symbol: m[3].trim() });
  }
  return sections;
}

/**
 * From `bpftool btf dump file` text: map definitions (DATASEC '.maps' → VAR → struct members) and
 * functions (FUNC linkage, FUNC_PROTO parameters).
 */
function btfMapFacts(o: string) {
  const text = run('bpftool', ['btf', 'dump', 'file', o]);
  const types = new Map<number, { kind: string; name: string; attrs: Record<string, string>; members: { name: string; attrs: Record<string, string> }[] }>();
  let last: ReturnType<typeof types.get>;
  const attrs = (s: string): Record<string, string> => Object.fromEntries([...s.matchAll(/(\w+)=(\S+?),?(?=\s|$)/g)].map((m) => [m[1], m[2]]));
  for (const line of text.split('\n')) {
    const m = /^\[(\d+)\] (\w+) '([^']*)'(.*)$/.exec(line);
    if (m) { last = { kind: m[2], name: m[3], attrs: attrs(m[4]), members: [] }; types.set(+m[1], last); continue; }
    const mm = /^\t(?:'([^']*)' )?(.*)$/.exec(line);
    if (mm && last) last.members.push({ name: mm[1] ?? '', attrs: attrs(mm[2]) });
  }
  const strip = (id: number): typeof last => {
    let t = types.get(id);
    while (t && ['TYPEDEF', 'CONST', 'VOLATILE', 'RESTRICT', 'TYPE_TAG'].includes(t.kind)) t = types.get(+t.attrs.type_id);
    return t;
  };
  const size = (id: number): number => {
    const t = strip(id)!;
    if (t.kind === 'PTR') return 8;
    if (t.kind === 'ARRAY') return +t.attrs.nr_elems * size(+t.attrs.type_id);
    return +t.attrs.size;
  };
  interface Def { [k: string]: number | string | Def }
  const def = (name: string, structId: number, depth: number): Def => {
    const d: Def = { name };
    for (const m of strip(structId)!.members) {
      const t = strip(+m.attrs.type_id)!;
      if (m.name === 'values') {
        // __array(values, struct X): an array of pointers to the inner map's template struct
        const target = strip(+strip(+t.attrs.type_id)!.attrs.type_id)!;
        if (target.kind === 'STRUCT' && depth < 2) d.inner = def(target.name, +[...types].find(([, x]) => x === target)![0], depth + 1);
        d.values = 'present';
      } else if (m.name === 'key' || m.name === 'value') d[m.name + '_size'] = size(+t.attrs.type_id);
      else d[m.name] = +strip(+t.attrs.type_id)!.attrs.nr_elems;
    }
    return d;
  };
  const maps: Def[] = [];
  for (const t of types.values()) {
    if (t.kind !== 'DATASEC' || t.name !== '.maps') continue;
    for (const e of t.members) {
      const v = types.get(+e.attrs.type_id)!;
      maps.push(def(v.name, +v.attrs.type_id, 0));
    }
  }
  // functions: linkage and, per parameter, an integer's size or a pointer's target (struct name, size)
  const funcs = [...types.values()].filter((t) => t.kind === 'FUNC').map((f) => ({
    name: f.name,
    linkage: f.attrs.linkage,
    params: types.get(+f.attrs.type_id)!.members.map((m) => {
      const t = strip(+m.attrs.type_id)!;
      if (t.kind !== 'PTR') return { kind: 'scalar', size: size(+m.attrs.type_id) };
      const to = +t.attrs.type_id === 0 ? undefined : strip(+t.attrs.type_id);
      return { kind: 'ptr', to: to && (to.kind === 'STRUCT' || to.kind === 'UNION') ? to.name : '', size: to ? size(+t.attrs.type_id) : 0 };
    }),
  }));
  return { maps, funcs };
}

function oracle(args: string[]): Record<string, unknown> | undefined {
  const r = spawnSync('python3', [ORACLE, ...args], { encoding: 'utf8' });
  try { return JSON.parse(r.stdout); } catch { return undefined; }
}

/** Drop timings; list hash-map entries in key order (the kernel's iteration order varies). */
function clean(x: unknown): unknown {
  if (Array.isArray(x)) return x.map(clean);
  if (x && typeof x === 'object') {
    const o = Object.fromEntries(Object.entries(x).filter(([k]) => !/time|_ns|wall|usec|tag|jited|log$/.test(k)).map(([k, v]) => [k, clean(v)]));
    if (Array.isArray(o.entries)) o.entries = [...o.entries].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
    return o;
  }
  return x;
}

function kernelFacts(o: string, programs: { name: string; section: string }[], packets: string[]): unknown {
  return programs.map((p) => {
    const type = SECTION_TYPES.find(([pre]) => p.section.startsWith(pre))?.[1] ?? 'xdp';
    const v = oracle(['verify', o, '--prog', p.name, '--log-level', '2', '--show-log']);
    // the source annotations the verifier log prints from BTF line_info (`; text @ file:line`)
    const sourceLines = String(v?.log ?? '').split('\n').filter((l) => l.startsWith('; '));
    const verify = v && { accepted: v.accepted, errno_name: v.errno_name, error: v.error, insn_cnt: v.insn_cnt, btf: v.btf, sourceLines };
    const r = RUNNABLE.has(type) ? oracle(['run', o, '--prog', p.name, ...packets.flatMap((x) => ['--packet', x]), '--dump-maps']) : undefined;
    return { name: p.name, type, verify, run: r && clean(r) };
  });
}

function bpftoolLoadall(o: string): { ok: boolean; message?: string } {
  const pin = `/sys/fs/bpf/elf-golden-${process.pid}`;
  const r = spawnSync('bpftool', ['prog', 'loadall', o, pin], { encoding: 'utf8' });
  rmSync(pin, { recursive: true, force: true });
  const lines = (r.stderr || r.stdout).split('\n').filter((l) => l.trim() && !/strict mode|--legacy/.test(l));
  return r.status === 0 ? { ok: true } : { ok: false, message: lines.slice(-3).join(' | ') };
}

const filters = process.argv.slice(2);
const names = readdirSync(DIR).filter((f) => f.endsWith('.c')).map((f) => f.slice(0, -2)).filter((n) => !filters.length || filters.some((f) => n.includes(f))).sort();
const haveKernel = oracle(['verify', join(DIR, 'xdp_pass.o')])?.accepted === true;
const mkpacket = (args: string[]): string => spawnSync('python3', [ORACLE, 'mkpacket', ...args], { encoding: 'utf8' }).stdout.trim();
const packets = haveKernel ? [mkpacket(['--proto', 'udp', '--dport', '5001']), mkpacket(['--proto', 'tcp', '--dport', '80'])] : [];
const tmp = mkdtempSync(join(tmpdir(), 'elf-goldens-'));
for (const name of names) {
  const src = `${name}.c`;
  const obj = `${name}.o`;
  const flags = ['-O2', '-g', '-target', 'bpf', '-I/usr/include/x86_64-linux-gnu', `-fdebug-prefix-map=${DIR}=.`, '-c', src, '-o', obj];
  run('clang-19', flags);
  const bytes = new Uint8Array(readFileSync(join(DIR, obj)));
  const goldenPath = join(DIR, `${name}.golden.json`);
  const old = existsSync(goldenPath) ? JSON.parse(readFileSync(goldenPath, 'utf8')) : {};
  const golden: Record<string, unknown> = {
    source: src,
    compile: ['clang-19', ...flags].join(' '),
    readelf: readelfFacts(obj),
    objdump: objdumpFacts(obj),
    ...(() => {
      const b = btfMapFacts(obj);
      return { btfMaps: b.maps, btfFuncs: b.funcs };
    })(),
    kernel: old.kernel,
  };
  const read = readElf(bytes, obj);
  if (!read.object) {
    console.error(`${name}: our reader failed: ${read.diagnostics.map((d) => d.message).join('; ')}`);
  } else if (haveKernel) {
    const written = writeElf(read.object);
    const wpath = join(tmp, `${name}.rt.o`);
    writeFileSync(wpath, written);
    const progs = read.object.programs.map((p) => ({ name: p.name, section: p.section }));
    golden.kernel = {
      packets,
      original: kernelFacts(join(DIR, obj), progs, packets),
      written: kernelFacts(wpath, progs, packets),
      writtenSha256: createHash('sha256').update(written).digest('hex'),
      bpftool: { original: bpftoolLoadall(join(DIR, obj)), written: bpftoolLoadall(wpath) },
    };
  }
  writeFileSync(goldenPath, JSON.stringify(golden, null, 1) + '\n');
  console.log(`${name}: recorded${haveKernel ? '' : ' (no kernel: kernel results kept)'}`);
}
rmSync(tmp, { recursive: true, force: true });
