/**
 * Record the kernel runtime goldens (src/kernel/testdata/run/*.golden.json) from the running
 * kernel: for every `X.s` there, assemble it with our assembler (map references by name become
 * `ld_imm64 src=1 imm=N`, N the map's position in the `# @map` list, the oracle's convention),
 * write `X.bin`, run it with `kernel_oracle.py run` pinned to CPU 0 (so per-CPU slots and
 * bpf_get_smp_processor_id are deterministic), dump the maps, and capture the trace_pipe lines
 * the run produced from tracefs (mounted under /tmp when it is not mounted already).
 *
 * Headers of an X.s file:
 *   # @type xdp | sched_cls | socket_filter
 *   # @map NAME:TYPE:KEY:VALUE:MAX[:FLAGS]      (repeatable, in fd order)
 *   # @packet udp|tcp|icmp [dport=N] [payload=HEX] | hex HEX   (repeatable; runs in order)
 *   # @ctx HEX                                  (raw_tracepoint: ctx_in, instead of packets)
 *
 * Usage (root, Linux with bpf()): npx tsx scripts/record-runtime-goldens.ts [NAME...]
 * The tests (src/kernel/run/goldens.test.ts) read the goldens and need no kernel.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { assemble } from '../src/asm/index.ts';
import { encodeInsns } from '../src/isa/insn.ts';
import { parseRunHeader } from '../src/kernel/run/goldenFormat.ts';

const DIR = join(import.meta.dirname, '../src/kernel/testdata/run');
const ORACLE = join(import.meta.dirname, '../../shared/tools/kernel_oracle.py');
const only = new Set(process.argv.slice(2));

/** A tracefs mount: an existing one, or one mounted here (and unmounted at the end). */
function tracefs(): { dir: string; mountedHere: boolean } {
  const mounts = readFileSync('/proc/mounts', 'utf8').split('\n').map((l) => l.split(' '));
  const m = mounts.find((f) => f[2] === 'tracefs');
  if (m) return { dir: m[1], mountedHere: false };
  const dir = '/tmp/ebpf-playground-tracefs';
  mkdirSync(dir, { recursive: true });
  execFileSync('mount', ['-t', 'tracefs', 'nodev', dir]);
  return { dir, mountedHere: true };
}

function mkpacket(spec: string): string {
  const [kind, ...rest] = spec.split(/\s+/);
  if (kind === 'hex') return rest.join('');
  const args = ['mkpacket', '--proto', kind];
  for (const kv of rest) {
    const [k, v] = kv.split('=');
    args.push(`--${k}`, v);
  }
  return execFileSync('python3', [ORACLE, ...args], { encoding: 'utf8' }).trim();
}

const HEADER = /^\s*(\S+)-(\d+)\s+\[(\d{3})\] (\S{5})\s+(\d+)\.(\d{6}): bpf_trace_printk: (.*)$/;

function parseTrace(text: string): Array<{ cpu: number; flags: string; msg: string }> {
  const out: Array<{ cpu: number; flags: string; msg: string; lines: string[] }> = [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  for (const l of lines) {
    if (l.startsWith('#')) continue;
    const m = HEADER.exec(l);
    if (m) out.push({ cpu: Number(m[3]), flags: m[4], msg: '', lines: [m[7]] });
    else if (out.length) out[out.length - 1].lines.push(l);
  }
  return out.map((e) => ({ cpu: e.cpu, flags: e.flags, msg: e.lines.join('\n') }));
}

const mount = tracefs();
const tfs = mount.dir;
const files = readdirSync(DIR).filter((f) => f.endsWith('.s')).sort();
let n = 0;
let rejected = 0;
for (const f of files) {
  const name = f.slice(0, -2);
  if (only.size && !only.has(name)) continue;
  const text = readFileSync(join(DIR, f), 'utf8');
  const h = parseRunHeader(text);
  if (!h.ok) throw new Error(`${f}: ${h.message}`);
  const a = assemble(text, { file: f });
  if (a.diagnostics.some((d) => d.severity === 'error')) throw new Error(`${f}: ${a.diagnostics[0].message}`);
  const names = h.value.maps.map((m) => m.split(':')[0]);
  const insns = a.insns.map((i) => ({ ...i }));
  for (const r of a.relocs) {
    if (r.kind !== 'map') continue;
    const idx = names.indexOf(r.symbol);
    if (idx < 0) throw new Error(`${f}: map ${r.symbol} has no @map header`);
    insns[r.pc].imm = idx;
  }
  const bin = join(DIR, `${name}.bin`);
  writeFileSync(bin, encodeInsns(insns));
  const packets = h.value.packets.map(mkpacket);
  const args = [ORACLE, 'run', bin, '--type', h.value.type, '--dump-maps'];
  for (const m of h.value.maps) args.push('--map', m);
  for (const p of packets) args.push('--packet', p);
  if (h.value.ctx) args.push('--ctx', h.value.ctx);
  writeFileSync(join(tfs, 'trace'), '');
  const r = spawnSync('taskset', ['-c', '0', 'python3', ...args], { encoding: 'utf8' });
  if (r.status === 2 || !r.stdout) throw new Error(`${f}: oracle failed: ${r.stderr}`);
  // Integers past 2^53 (negative errnos read as u64) would lose digits in JSON.parse: keep them as strings.
  const res = JSON.parse(r.stdout.replace(/([:\[,]\s*)(\d{16,})(?=\s*[,\]}\n])/g, '$1"$2"'));
  if (res.failed_at === 'verifier') {
    process.stdout.write(`${name}: REJECTED by the kernel: ${res.error ?? ''}\n`);
    rejected++;
    continue;
  }
  const runs = (res.runs ?? (res.failed_at ? [] : [res])).map((x: Record<string, unknown>) => ({
    retval: x.retval, retval_name: x.retval_name, data_out: x.data_out,
  }));
  const trace = parseTrace(readFileSync(join(tfs, 'trace'), 'utf8'));
  const cpus = readFileSync('/sys/devices/system/cpu/possible', 'utf8').trim();
  const golden = {
    note: 'recorded by scripts/record-runtime-goldens.ts from the running kernel (kernel_oracle.py run, taskset -c 0); do not edit',
    kernel: execFileSync('uname', ['-r'], { encoding: 'utf8' }).trim(),
    possibleCpus: cpus,
    type: h.value.type,
    maps: h.value.maps,
    packets,
    ...(h.value.ctx ? { ctx: h.value.ctx } : {}),
    runs,
    ...(res.failed_at ? { failed: { at: res.failed_at, errno: res.errno_name } } : {}),
    dump: res.maps ?? [],
    trace,
  };
  writeFileSync(join(DIR, `${name}.golden.json`), JSON.stringify(golden, null, 2) + '\n');
  n++;
  process.stdout.write(`${name}: ${runs.map((x: { retval: number }) => x.retval).join(',')}${res.failed_at ? ` failed ${res.errno_name}` : ''} trace=${trace.length}\n`);
}
if (mount.mountedHere) execFileSync('umount', [tfs]);
console.log(`${n} goldens recorded${rejected ? `, ${rejected} programs rejected` : ''}`);
if (rejected) process.exitCode = 1;
