/**
 * Record the C compiler corpus goldens from clang-19 and this machine's kernel.
 *
 *   npx tsx scripts/record-compiler-goldens.ts [FILTER...]
 *
 * For every `src/compiler/testdata/corpus/<name>.c` and `corpus-beyond/<name>.c` (or those whose
 * name contains a FILTER):
 *  1. compile with `clang-19 -O2 -g -target bpf -I/usr/include/x86_64-linux-gnu` (libbpf's headers
 *     from /usr/include/bpf) and with ours (bundled headers);
 *  2. load both into the kernel through ../shared/tools/kernel_oracle.py — clang's `.o` as an ELF,
 *     ours as raw bytecode with map relocations patched to the N-th `--map` (see corpus.ts); also
 *     load our ELF object (src/elf writeElf) with `bpftool prog loadall`, which applies libbpf's
 *     CO-RE relocations; `@type: tracing|lsm` (fentry, fexit, tp_btf, lsm) are loaded with bpftool
 *     only, as they need an attach_btf_id the oracle does not set (so are sockops, sk_msg, sk_skb,
 *     cgroup_sock(_addr) and sk_lookup, types the oracle does not know). vmlinux.h for clang is this
 *     kernel's BTF dump (bpftool btf dump … format c);
 *  3. for packet program types, run both on the same packets (`@packet:` lines; `mkpacket`) and
 *     dump the maps afterwards;
 *  4. write `<name>.golden.json`: the kernel's verdict on ours, our bytes, both instruction counts,
 *     both runs' results.
 * Then, for every `src/compiler/testdata/diag/<name>.c` (programs with one mistake), store clang's
 * first diagnostic line in `<name>.clang.txt` (diag.test.ts compares ours with it).
 * Finally prints our instruction count over clang's per case and overall.
 * When `bpf()` is unavailable it says so and exits 0 without touching any golden.
 * Provenance: golden format is this project's (corpus.ts).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderDiagnostic } from '../src/diag/diagnostic.ts';
import { compile, sourceText } from '../src/compiler/driver.ts';
import { HEADERS } from '../src/compiler/include/index.ts';
import { readElf, writeElf } from '../src/elf/index.ts';
import { hex, linkForOracle, parseHeader, type Golden, type RunResult } from '../src/compiler/testdata/corpus.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CORPUS = join(ROOT, 'src/compiler/testdata/corpus');
/** Programs of types / helpers the simulator does not model yet: compiler goldens only (corpus.ts). */
const BEYOND = join(ROOT, 'src/compiler/testdata/corpus-beyond');
const ORACLE = process.env.KERNEL_ORACLE ?? resolve(ROOT, '../shared/tools/kernel_oracle.py');
const CLANG = process.env.CLANG ?? 'clang-19';
const RUNNABLE = new Set(['xdp', 'sched_cls', 'socket_filter', 'cgroup_skb']);
/** Types kernel_oracle.py cannot load (they need attach_btf_id): loaded with bpftool (libbpf). */
const BPFTOOL_ONLY = new Set(['tracing', 'lsm', 'sockops', 'sk_msg', 'sk_skb', 'cgroup_sock_addr', 'cgroup_sock', 'sk_lookup']);

/**
 * `bpftool prog loadall FILE` (libbpf: BTF, CO-RE relocation, attach_btf_id from SEC()); the
 * verdict and, on failure, libbpf's reason line.
 */
function bpftoolLoad(file: string, tag: string): { accepted: boolean; error: string | null } {
  const pin = `/sys/fs/bpf/ccorpus_${tag}`;
  rmSync(pin, { recursive: true, force: true });
  spawnSync('mkdir', ['-p', pin]);
  const r = spawnSync('bpftool', ['prog', 'loadall', file, pin], { encoding: 'utf8' });
  rmSync(pin, { recursive: true, force: true });
  if (r.status === 0) return { accepted: true, error: null };
  const lines = ((r.stderr ?? '') + (r.stdout ?? '')).split('\n');
  const why = lines.find((l) => /BPF program load failed|failed to (open|load)|relo|error/i.test(l) && !/strict mode/.test(l));
  return { accepted: false, error: (why ?? lines.filter(Boolean).slice(-1)[0] ?? 'bpftool failed').replace(/^libbpf: /, '') };
}

interface OracleOut { [k: string]: unknown }

/**
 * Load FILE with `bpftool prog loadall` (libbpf: `.kconfig` externs resolved from this kernel's
 * config, which kernel_oracle.py cannot do), run program PROG once per packet with
 * `bpftool prog run`, and dump the object's maps `names` afterwards (keys and values as hex).
 */
function bpftoolRun(file: string, prog: string, packets: string[], names: string[], tag: string): { runs: RunResult[]; maps: Record<string, string[]> } {
  const pin = `/sys/fs/bpf/ccorpus_run_${tag}`;
  rmSync(pin, { recursive: true, force: true });
  rmSync(`${pin}_maps`, { recursive: true, force: true });
  spawnSync('mkdir', ['-p', pin, `${pin}_maps`]);
  try {
    const l = spawnSync('bpftool', ['prog', 'loadall', file, pin, 'pinmaps', `${pin}_maps`], { encoding: 'utf8' });
    if (l.status !== 0) return { runs: [{ retval: null, dataOut: null, error: (l.stderr ?? '').slice(-500) }], maps: {} };
    const runs: RunResult[] = packets.map((p, i) => {
      const din = join(tmpdir(), `ccorpus_${tag}_${i}.in`), dout = join(tmpdir(), `ccorpus_${tag}_${i}.out`);
      writeFileSync(din, Buffer.from(p, 'hex'));
      const r = spawnSync('bpftool', ['prog', 'run', 'pinned', `${pin}/${prog}`, 'data_in', din, 'data_out', dout], { encoding: 'utf8' });
      const m = /Return value: (\d+)/.exec((r.stdout ?? '') + (r.stderr ?? ''));
      const out = m ? readFileSync(dout).toString('hex') : null;
      rmSync(din, { force: true }); rmSync(dout, { force: true });
      return m ? { retval: Number(m[1]), dataOut: out } : { retval: null, dataOut: null, error: (r.stderr ?? '').slice(0, 300) };
    });
    const maps: Record<string, string[]> = {};
    const hexOf = (a: unknown): string => (Array.isArray(a) ? a.map((x) => String(x).replace(/^0x/, '')).join('') : JSON.stringify(a));
    for (const n of names) {
      const d = spawnSync('bpftool', ['-j', 'map', 'dump', 'pinned', `${pin}_maps/${n}`], { encoding: 'utf8' });
      let entries: { key: unknown; value?: unknown; values?: { value: unknown }[] }[] = [];
      try { entries = JSON.parse(d.stdout ?? '[]'); } catch { entries = []; }
      maps[n] = entries.map((e) => JSON.stringify({ key: hexOf(e.key), value: e.values ? e.values.map((v) => hexOf(v.value)) : hexOf(e.value) })).sort();
    }
    return { runs, maps };
  } finally {
    rmSync(pin, { recursive: true, force: true });
    rmSync(`${pin}_maps`, { recursive: true, force: true });
  }
}

function oracle(args: string[]): { status: number; json?: OracleOut; text: string } {
  const r = spawnSync('python3', [ORACLE, ...args], { encoding: 'utf8' });
  // Keep 64-bit integers exact: quote long numbers before JSON.parse turns them into doubles.
  const text = ((r.stdout ?? '') + (r.stderr ?? '')).replace(/([:[,]\s*)(-?\d{16,})(?=\s*[,\]}])/g, '$1"$2"');
  let json: OracleOut | undefined;
  try { json = JSON.parse(text); } catch { json = undefined; }
  return { status: r.status ?? 2, json, text };
}

function packetHex(spec: string): string {
  const [kind, arg] = spec.split(/\s+/);
  if (kind === 'hex') return arg;
  const args = ['mkpacket', '--proto', kind];
  if (arg) args.push('--dport', arg);
  const r = oracle(args);
  const out = r.text.trim();
  if (!/^[0-9a-f]+$/i.test(out)) throw new Error(`mkpacket ${spec}: ${out}`);
  return out;
}

function mapsOf(j: OracleOut | undefined): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const maps = (j?.maps ?? []) as { name: string; entries?: unknown[] }[];
  for (const m of maps) {
    if (m.name.startsWith('.')) continue;
    // Per-CPU values: which CPU ran the test is not deterministic, the sum is.
    out[m.name] = (m.entries ?? []).map((e) => {
      const x = e as { key: unknown; value: unknown };
      const v = x.value as { sum?: unknown } | undefined;
      return JSON.stringify(v && typeof v === 'object' && 'sum' in v ? { key: x.key, sum: v.sum } : e);
    }).sort();
  }
  return out;
}

function runAll(file: string, extra: string[], packets: string[]): { runs: RunResult[]; maps: Record<string, string[]> } {
  if (!packets.length) return { runs: [], maps: {} };
  const args = ['run', file, ...extra, '--dump-maps'];
  for (const p of packets) args.push('--packet', p);
  const r = oracle(args);
  // One JSON object per packet is printed when several are given; the last has the maps.
  const objs = r.text.split(/\n(?=\{)/).map((s) => { try { return JSON.parse(s) as OracleOut; } catch { return undefined; } }).filter(Boolean) as OracleOut[];
  const list = objs.length === 1 && Array.isArray(objs[0].runs) ? (objs[0].runs as OracleOut[]) : objs;
  if (!list.length) return { runs: [{ retval: null, dataOut: null, error: r.text.slice(0, 500) }], maps: {} };
  const runs = list.map((o) => ({ retval: (o.retval as number) ?? null, dataOut: (o.data_out as string) ?? null, ...(o.error ? { error: String(o.error) } : {}) }));
  const last = objs[objs.length - 1];
  return { runs, maps: mapsOf(last) };
}

/** testdata/diag/<name>.c: clang-19's first diagnostic line → <name>.clang.txt. */
function recordDiagnostics(filters: string[]): void {
  const dir = join(ROOT, 'src/compiler/testdata/diag');
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.c')).sort()) {
    if (filters.length && !filters.some((x) => f.includes(x))) continue;
    const r = spawnSync(CLANG, ['-O2', '-g', '-target', 'bpf', '-I/usr/include/x86_64-linux-gnu', '-c', f, '-o', '/dev/null'], { cwd: dir, encoding: 'utf8' });
    const first = (r.stderr ?? '').split('\n').find((l) => /: (fatal error|error|warning): /.test(l));
    writeFileSync(join(dir, f.replace(/\.c$/, '.clang.txt')), (first ?? 'accepted') + '\n');
    console.log(`diag ${f.padEnd(24)} ${first ?? 'accepted'}`);
  }
}

function main(): void {
  const filters = process.argv.slice(2);
  const probe = oracle(['mkpacket']);
  if (probe.status !== 0) {
    console.log(`kernel oracle unavailable (${probe.text.trim().slice(0, 200)}); goldens left as they are`);
    return;
  }
  const tmp = mkdtempSync(join(tmpdir(), 'ccorpus-'));
  const ratios: number[] = [];
  // clang compiles `#include "vmlinux.h"` programs against this kernel's own BTF dump.
  const vmlinux = spawnSync('bpftool', ['btf', 'dump', 'file', '/sys/kernel/btf/vmlinux', 'format', 'c'], { encoding: 'utf8', maxBuffer: 1 << 28 });
  writeFileSync(join(tmp, 'vmlinux.h'), vmlinux.stdout ?? '');
  // libbpf-tools' helper headers, as we bundle them (clang sees the same text)
  for (const h of ['maps.bpf.h', 'bits.bpf.h']) writeFileSync(join(tmp, h), HEADERS[h]);
  try {
    const files = [CORPUS, BEYOND].flatMap((dir) => readdirSync(dir).filter((f) => f.endsWith('.c')).sort().map((f) => ({ dir, f })))
      .filter(({ f }) => !filters.length || filters.some((x) => f.includes(x)));
    for (const { dir, f } of files) {
      const name = f.slice(0, -2);
      const path = join(dir, f);
      const text = readFileSync(path, 'utf8');
      const header = parseHeader(text);
      const sources = { [f]: text };
      const res = compile(sources, f);
      for (const d of res.diagnostics) console.log(renderDiagnostic(d, d.span ? sourceText(sources, d.span.file) : undefined));
      if (!res.object || !res.object.programs.length) { console.log(`${name}: our compile failed`); continue; }
      const obj = res.object;
      const prog = obj.programs[0];
      const type = header.type || prog.section.split('/')[0];
      const { bytes, mapSpecs } = linkForOracle(obj, 0);
      const bin = join(tmp, `${name}.bin`);
      writeFileSync(bin, bytes);
      const oursElf = join(tmp, `${name}.ours.o`);
      writeFileSync(oursElf, writeElf(obj));
      const elf = bpftoolLoad(oursElf, 'ours');
      // Callbacks (ld_imm64 of a function) need BTF func_info, and initialised global data (a
      // const .rodata table) its bytes, which only the ELF path loads: load our ELF object then.
      const viaElf = prog.relocations.some((r) => r.kind === 'call' && prog.insns[r.pc].code === 0x18)
        || obj.globals.some((g) => g.name !== '.bss' && g.bytes.some((b) => b !== 0));
      // externs (`__kconfig`, `__ksym`): only libbpf resolves them (fills the .kconfig map, finds
      // kfuncs), so both objects load and run with bpftool
      const kconfig = !!obj.externs?.length;
      const ours = BPFTOOL_ONLY.has(type) || kconfig
        ? { json: { accepted: elf.accepted, error: elf.error } as OracleOut, text: '' }
        : viaElf ? oracle(['verify', oursElf, '--type', type, '--prog', prog.name])
        : oracle(['verify', bin, '--type', type, ...mapSpecs.flatMap((m) => ['--map', m])]);
      const o = join(tmp, `${name}.o`);
      const cc = spawnSync(CLANG, ['-O2', '-g', '-target', 'bpf', '-D__TARGET_ARCH_x86', `-I${tmp}`, '-I/usr/include/x86_64-linux-gnu', '-c', path, '-o', o], { encoding: 'utf8' });
      if (cc.status !== 0) { console.log(`${name}: clang failed:\n${cc.stderr}`); continue; }
      const viaBpftool = (): { json: OracleOut; text: string } => {
        const b = bpftoolLoad(o, 'clang');
        return { json: { accepted: b.accepted, error: b.error }, text: '' };
      };
      let theirs: { json?: OracleOut; text: string } = BPFTOOL_ONLY.has(type) || kconfig ? viaBpftool() : oracle(['verify', o, '--type', type, '--prog', prog.name]);
      // The oracle's own limits (kconfig externs, perf event arrays sized by libbpf) are not the
      // kernel's verdict: fall back to libbpf for clang's object then.
      if (!theirs.json?.accepted && /^kernel_oracle:/.test(String(theirs.json?.error ?? theirs.text))) theirs = viaBpftool();
      const clangObj = readElf(new Uint8Array(readFileSync(o)), o);
      const clangInsns = (theirs.json?.insn_cnt as number) || (clangObj.object?.programs.find((p) => p.name === prog.name)?.insns.length ?? 0);
      // This kernel refuses some types before verifying anything (e.g. no BPF trampolines for
      // fentry/fexit/lsm): when clang's object fails the same way, record that, not a verdict.
      const refused = (e: unknown): boolean => /Operation not permitted|EPERM|not supported/i.test(String(e ?? ''));
      const unavailable = BPFTOOL_ONLY.has(type) && !theirs.json?.accepted && refused(theirs.json?.error) && refused(ours.json?.error)
        ? `this kernel refuses ${type} programs before verification: ${theirs.json?.error}` : undefined;
      const packets = RUNNABLE.has(type) ? header.packets.map(packetHex) : [];
      const mapNames = obj.maps.map((m) => m.name);
      const ourRuns = !ours.json?.accepted ? { runs: [], maps: {} }
        : kconfig ? bpftoolRun(oursElf, prog.name, packets, mapNames, 'ours')
        : viaElf ? runAll(oursElf, ['--type', type, '--prog', prog.name], packets)
        : runAll(bin, ['--type', type, ...mapSpecs.flatMap((m) => ['--map', m])], packets);
      const clangRuns = !theirs.json?.accepted ? { runs: [], maps: {} } : kconfig ? bpftoolRun(o, prog.name, packets, mapNames, 'clang') : theirs.json?.accepted ? runAll(o, ['--type', type, '--prog', prog.name], packets) : { runs: [], maps: {} };
      const golden: Golden = {
        source: f, program: prog.name, type, packets, ...(unavailable ? { unavailable } : {}),
        ours: {
          accepted: !!ours.json?.accepted, error: (ours.json?.error as string) ?? (ours.json ? null : ours.text.slice(0, 500)),
          insnCount: prog.insns.length, bytesHex: hex(bytes), mapSpecs, runs: ourRuns.runs, maps: ourRuns.maps, elf,
        },
        clang: {
          accepted: !!theirs.json?.accepted, error: (theirs.json?.error as string) ?? (theirs.json ? null : theirs.text.slice(0, 500)),
          insnCount: clangInsns, runs: clangRuns.runs, maps: clangRuns.maps,
        },
      };
      writeFileSync(join(dir, `${name}.golden.json`), JSON.stringify(golden, null, 1) + '\n');
      const same = JSON.stringify(ourRuns) === JSON.stringify(clangRuns);
      const ratio = golden.clang.insnCount ? golden.ours.insnCount / golden.clang.insnCount : NaN;
      if (!Number.isNaN(ratio)) ratios.push(ratio);
      console.log(`${name.padEnd(28)} ours ${unavailable ? 'UNAVAILABLE' : golden.ours.accepted ? 'accepted' : 'REJECTED: ' + golden.ours.error} elf ${elf.accepted ? 'loads' : 'FAILS: ' + elf.error} ` +
        `${golden.ours.insnCount}/${golden.clang.insnCount} insns (x${ratio.toFixed(2)}) runs ${packets.length ? (same ? 'match' : 'DIFFER') : '-'}`);
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  recordDiagnostics(filters);
  if (ratios.length) {
    const geo = Math.exp(ratios.reduce((a, b) => a + Math.log(b), 0) / ratios.length);
    console.log(`instruction count ours/clang: geometric mean x${geo.toFixed(2)} over ${ratios.length} programs`);
  }
}

main();
