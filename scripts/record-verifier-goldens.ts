/**
 * Record the verifier fidelity corpus goldens from this machine's kernel.
 *
 *   npx tsx scripts/record-verifier-goldens.ts [FILTER...] [--bin-only] [--jobs N]
 *
 * For every `src/verifier/testdata/corpus/<group>/<name>.s` (or only those whose
 * `<group>/<name>` contains one of the FILTERs): assemble with `llvm-mc-19 -triple bpf -mcpu=v4`,
 * take `.text` with relocations resolved (see `corpus.ts`), write `<name>.bin`, then load it into
 * the real verifier through `../shared/tools/kernel_oracle.py verify` at log level 1 and 2 and
 * write `<name>.golden.json`. Finally the statistics block of `testdata/README.md` (counts per
 * group, distinct error lines) is regenerated from all goldens.
 *
 * When `bpf()` is unavailable (not root, or the oracle cannot load a trivial program) it prints
 * a message and exits 0 without touching any golden. `--bin-only` assembles without the kernel.
 * Deliberately not here: judging our own verifier (that is the verifier's test), editing cases.
 * Provenance: the golden format and error-line rule are the project's (DESIGN.md "verify --json").
 */
import { execFileSync, spawn } from 'node:child_process';
import {
  closeSync, existsSync, mkdtempSync, openSync, readFileSync, readSync, readdirSync, rmSync, statSync, writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderDiagnostic } from '../src/diag/diagnostic.ts';
import {
  LOG_CAP, capLog, capMarkerJoin, extractBytecode, firstComplaint, parseHeader, type CaseHeader, type Golden,
} from '../src/verifier/testdata/corpus.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const TESTDATA = join(ROOT, 'src/verifier/testdata');
const CORPUS = join(TESTDATA, 'corpus');
const ORACLE = process.env.KERNEL_ORACLE ?? resolve(ROOT, '../shared/tools/kernel_oracle.py');
const LLVM_MC = process.env.LLVM_MC ?? 'llvm-mc-19';

interface Case {
  id: string; // group/name
  s: string;
  header: CaseHeader;
}

function listCases(): string[] {
  const out: string[] = [];
  for (const g of readdirSync(CORPUS, { withFileTypes: true })) {
    if (!g.isDirectory()) continue;
    for (const f of readdirSync(join(CORPUS, g.name)).sort()) {
      if (f.endsWith('.s')) out.push(join(CORPUS, g.name, f));
    }
  }
  return out.sort();
}

function assemble(sPath: string, header: CaseHeader, tmp: string): Uint8Array | null {
  const obj = join(tmp, basename(sPath) + '.o');
  try {
    execFileSync(LLVM_MC, ['-triple', 'bpf', '-mcpu=v4', '-filetype=obj', sPath, '-o', obj], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
  } catch (e) {
    process.stderr.write(`${relative(ROOT, sPath)}: error: llvm-mc failed\n${(e as { stderr?: Buffer }).stderr ?? ''}`);
    return null;
  }
  const text = readFileSync(sPath, 'utf8');
  const r = extractBytecode(relative(ROOT, sPath), readFileSync(obj), header.maps.map((m) => m.name));
  for (const d of r.diagnostics) process.stderr.write(renderDiagnostic(d, text) + '\n');
  return r.value;
}

interface OracleOut {
  accepted: boolean;
  errno: number;
  log: string;
  insns_processed: number | null;
  total_states?: number;
  peak_states?: number;
  verification_time_usec?: number;
  /** Added by `oracle`: the text the first complaint is looked for in. */
  complaintText: string;
}

/**
 * Run `kernel_oracle.py verify` with stdout and stderr (the raw log, from --show-log) sent to
 * files: a level-2 log of a 1M-instruction program is hundreds of MB, too big for one JS
 * string, so the JSON's own "log" line is skipped and the log is read capped from the stderr file.
 */
function oracle(bin: string, header: CaseHeader, level: number, tmp: string): Promise<OracleOut | string> {
  const args = [ORACLE, 'verify', bin, '--type', header.type, '--log-level', String(level), '--show-log'];
  for (const m of header.maps) args.push('--map', m.spec);
  const base = join(tmp, `${basename(bin)}.${level}.${process.hrtime.bigint()}`);
  const outFd = openSync(`${base}.json`, 'w');
  const errFd = openSync(`${base}.log`, 'w');
  return new Promise((done) => {
    const p = spawn('python3', args, { stdio: ['ignore', outFd, errFd] });
    const finish = (r: OracleOut | string): void => {
      closeSync(outFd);
      closeSync(errFd);
      rmSync(`${base}.json`, { force: true });
      rmSync(`${base}.log`, { force: true });
      done(r);
    };
    p.on('error', (e) => finish(`cannot run python3: ${e.message}`));
    p.on('close', (status) => {
      const out = jsonWithoutLog(`${base}.json`);
      if (status !== 0 && status !== 1) return finish(`kernel_oracle exited ${status}: ${out.slice(0, 300)}`);
      try {
        const r = JSON.parse(out) as OracleOut;
        const { capped, complaintText } = readLog(`${base}.log`);
        r.log = capped;
        r.complaintText = complaintText;
        finish(r);
      } catch {
        finish(`kernel_oracle printed no JSON: ${out.slice(0, 300)}`);
      }
    });
  });
}

/** The oracle's JSON text without its (possibly huge) `  "log": "…",` line. */
function jsonWithoutLog(path: string): string {
  const fd = openSync(path, 'r');
  const buf = Buffer.alloc(1 << 20);
  const keep: Buffer[] = [];
  let line: Buffer[] = [];
  let skipping = false;
  let atLineStart = true;
  for (let n = readSync(fd, buf); n > 0; n = readSync(fd, buf)) {
    let i = 0;
    while (i < n) {
      const nl = buf.indexOf(10, i);
      const end = nl < 0 || nl >= n ? n : nl + 1;
      const piece = buf.subarray(i, end);
      if (atLineStart) skipping = piece.toString('latin1').startsWith('  "log": ');
      if (!skipping) line.push(Buffer.from(piece));
      atLineStart = end <= n && buf[end - 1] === 10;
      if (atLineStart) {
        keep.push(...line);
        line = [];
      }
      i = end;
    }
  }
  closeSync(fd);
  keep.push(...line);
  return Buffer.concat(keep).toString('utf8');
}

/** Logs up to this size are read whole; bigger ones only by their head and tail. */
const WHOLE_LOG_MAX = 16 << 20;

/**
 * A log file, capped like `capLog` (same marker) without reading a huge file whole, plus the
 * text the first complaint is searched in (the whole log, or for a huge log its last 1 MiB,
 * where the complaint sits: it follows the last instruction line).
 */
function readLog(path: string): { capped: string; complaintText: string } {
  const size = statSync(path).size;
  const fd = openSync(path, 'r');
  const read = (len: number, pos: number): string => {
    const b = Buffer.alloc(len);
    const n = readSync(fd, b, 0, len, pos);
    return b.subarray(0, n).toString('utf8');
  };
  try {
    if (size <= WHOLE_LOG_MAX) {
      const whole = read(size, 0);
      return { capped: capLog(whole), complaintText: whole };
    }
    const half = LOG_CAP / 2;
    const head = read(half, 0);
    const tail = read(half, size - half);
    const h = head.slice(0, head.lastIndexOf('\n') + 1);
    const t = tail.slice(tail.indexOf('\n') + 1);
    const last = read(1 << 20, size - (1 << 20));
    return {
      capped: capMarkerJoin(h, t, size - Buffer.byteLength(h) - Buffer.byteLength(t), size),
      complaintText: last.slice(last.indexOf('\n') + 1),
    };
  } finally {
    closeSync(fd);
  }
}

/** Can this machine load a program at all? Returns null when it can, else the reason. */
async function probe(tmp: string): Promise<string | null> {
  if (!existsSync(ORACLE)) return `kernel oracle not found at ${ORACLE}`;
  const bin = join(tmp, 'probe.bin');
  // r0 = 0; exit
  writeFileSync(bin, Buffer.from('b7000000000000009500000000000000', 'hex'));
  const r = await oracle(bin, { type: 'xdp', maps: [], desc: '' }, 1, tmp);
  if (typeof r === 'string') return r;
  if (r.accepted) return null;
  const who = typeof process.getuid === 'function' && process.getuid() !== 0 ? ', not running as root' : '';
  return `the kernel refused a trivial program (errno ${r.errno}${who})`;
}

async function record(c: Case, bin: string, tmp: string): Promise<Golden | string> {
  const [l1, l2] = await Promise.all([oracle(bin, c.header, 1, tmp), oracle(bin, c.header, 2, tmp)]);
  if (typeof l1 === 'string') return l1;
  if (typeof l2 === 'string') return l2;
  return {
    accepted: l1.accepted,
    errno: l1.errno,
    error: l1.accepted ? null : firstComplaint(l1.complaintText),
    processed: l1.insns_processed,
    total_states: l1.total_states ?? null,
    peak_states: l1.peak_states ?? null,
    verification_time_usec: l1.verification_time_usec ?? null,
    log1: l1.log,
    log2: l2.log,
  };
}

/** Regenerate the statistics block of testdata/README.md from every golden on disk. */
function writeStats(): void {
  const readme = join(TESTDATA, 'README.md');
  if (!existsSync(readme)) return;
  const groups = new Map<string, { acc: number; rej: number }>();
  const errors = new Map<string, number>();
  let total = 0;
  let rejected = 0;
  for (const s of listCases()) {
    const gp = s.replace(/\.s$/, '.golden.json');
    if (!existsSync(gp)) continue;
    const g = JSON.parse(readFileSync(gp, 'utf8')) as Golden;
    const group = basename(dirname(s));
    const e = groups.get(group) ?? { acc: 0, rej: 0 };
    if (g.accepted) e.acc++; else e.rej++;
    groups.set(group, e);
    total++;
    if (!g.accepted) {
      rejected++;
      const line = g.error ?? '(no complaint line)';
      errors.set(line, (errors.get(line) ?? 0) + 1);
    }
  }
  const rows = [...groups].sort(([a], [b]) => a.localeCompare(b))
    .map(([g, { acc, rej }]) => `| ${g} | ${acc} | ${rej} | ${acc + rej} |`);
  const errs = [...errors].sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
    .map(([l, n]) => `| ${n} | \`${l.replace(/\|/g, '\\|').replace(/`/g, "'")}\` |`);
  const block = [
    '<!-- corpus-stats:begin (generated by scripts/record-verifier-goldens.ts; do not edit) -->',
    `${total} cases: ${total - rejected} accepted, ${rejected} rejected ` +
      `(${total ? ((100 * rejected) / total).toFixed(1) : '0'}% rejected), ${errors.size} distinct error lines.`,
    '',
    '| group | accepted | rejected | total |',
    '|---|---:|---:|---:|',
    ...rows,
    '',
    'Distinct first complaint lines (the `error` field), with how many cases give each:',
    '',
    '| cases | error line |',
    '|---:|---|',
    ...errs,
    '<!-- corpus-stats:end -->',
  ].join('\n');
  const text = readFileSync(readme, 'utf8');
  const re = /<!-- corpus-stats:begin[^]*?<!-- corpus-stats:end -->/;
  writeFileSync(readme, re.test(text) ? text.replace(re, block) : `${text.trimEnd()}\n\n${block}\n`);
}

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  const binOnly = argv.includes('--bin-only');
  const ji = argv.indexOf('--jobs');
  const jobs = ji >= 0 ? Math.max(1, Number(argv[ji + 1]) || 1) : 8;
  const filters = argv.filter((a, i) => !a.startsWith('--') && !(ji >= 0 && i === ji + 1));
  const tmp = mkdtempSync(join(tmpdir(), 'vgold-'));
  try {
    if (!binOnly) {
      const why = await probe(tmp);
      if (why) {
        console.log(`record-verifier-goldens: skipped, bpf() is unavailable here (${why}); goldens left as they are.`);
        return 0;
      }
    }
    const cases: Case[] = [];
    let bad = 0;
    for (const s of listCases()) {
      const id = relative(CORPUS, s).replace(/\.s$/, '');
      if (filters.length && !filters.some((f) => id.includes(f))) continue;
      const text = readFileSync(s, 'utf8');
      const h = parseHeader(relative(ROOT, s), text);
      for (const d of h.diagnostics) process.stderr.write(renderDiagnostic(d, text) + '\n');
      if (!h.value) { bad++; continue; }
      cases.push({ id, s, header: h.value });
    }
    const todo: { c: Case; bin: string }[] = [];
    for (const c of cases) {
      const code = assemble(c.s, c.header, tmp);
      if (!code) { bad++; continue; }
      const bin = c.s.replace(/\.s$/, '.bin');
      writeFileSync(bin, code);
      todo.push({ c, bin });
    }
    if (binOnly) {
      console.log(`${todo.length} cases assembled, ${bad} failed`);
      return bad ? 1 : 0;
    }
    let next = 0;
    let acc = 0;
    let rej = 0;
    const worker = async (): Promise<void> => {
      while (next < todo.length) {
        const { c, bin } = todo[next++];
        const g = await record(c, bin, tmp);
        if (typeof g === 'string') {
          process.stderr.write(`${c.id}: error: ${g}\n`);
          bad++;
          continue;
        }
        if (g.accepted) acc++; else rej++;
        writeFileSync(c.s.replace(/\.s$/, '.golden.json'), JSON.stringify(g, null, 2) + '\n');
        console.log(`${c.id}: ${g.accepted ? 'accepted' : 'REJECTED'} processed=${g.processed}${g.error ? ` | ${g.error}` : ''}`);
      }
    };
    await Promise.all(Array.from({ length: Math.min(jobs, todo.length) }, worker));
    writeStats();
    console.log(`${acc + rej} goldens recorded (${acc} accepted, ${rej} rejected), ${bad} failed`);
    return bad ? 1 : 0;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

main().then((code) => process.exit(code), (e) => {
  process.stderr.write(`record-verifier-goldens: internal error: ${(e as Error).stack ?? e}\n`);
  process.exit(2);
});
