/**
 * Records the LLVM 19 disassembly goldens for src/isa (run: `npx tsx scripts/record-isa-goldens.ts`).
 *
 * Assembles a list of instruction forms (every opcode form of src/isa/table.ts that LLVM 19 can
 * express, with varied registers, immediates and offsets) with `llvm-mc-19 -mcpu=v4`, then writes
 * what `llvm-objdump-19 -d` prints for each instruction:
 *   src/isa/testdata/objdump-llvm19.txt          with --mcpu=v4 (LLVM's alu32 spelling)
 *   src/isa/testdata/objdump-llvm19-noalu32.txt  without --mcpu
 * one line per instruction: the instruction's hex bytes, a tab, objdump's text verbatim.
 *
 * With root on a Linux 6.18 machine it also records, through ../shared/tools/kernel_oracle.py
 * (the real verifier, BPF_PROG_LOAD at log level 2):
 *   src/isa/testdata/verifier-6.18-disasm.txt   `hex<TAB>(xx) text`: how the verifier log prints
 *       each instruction (taken from the log's "Live regs before insn" listing, which prints every
 *       instruction before the walk; some encodings there are invalid on purpose: the log prints
 *       reserved fields' values without checking them);
 *   src/isa/testdata/verifier-6.18-errors.txt   `program hex<TAB>kernel's complaint`: crafted
 *       invalid encodings and the line the verifier rejects them with.
 * `--kernel-only` / `--llvm-only` record just one half.
 *
 * Forms with no LLVM assembly syntax (ld_imm64 pseudo sources, ld_ind with imm) are fed as
 * `.byte` lines, still through llvm-mc. Needs llvm-mc-19 and llvm-objdump-19 on PATH; exits 1
 * with a message otherwise. Does not touch any other file.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { encodeInsns, insn, ldImm64, type Insn } from '../src/isa/insn.ts';
import { OPCODE_TABLE, type OpForm } from '../src/isa/table.ts';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const outDir = join(here, '..', 'src', 'isa', 'testdata');

function forms(): string[] {
  const L: string[] = [];
  const aluOps = ['+=', '-=', '*=', '/=', '|=', '&=', '<<=', '>>=', '%=', '^=', 's>>=', '='];
  const imms = ['0', '1', '-1', '42', '-100', '0x7fffffff', '-0x80000000', '0x1234', '255', '-32768'];
  let k = 0;
  for (const op of aluOps) {
    for (const w of ['r', 'w']) {
      const shift = op === '<<=' || op === '>>=' || op === 's>>=';
      const div = op === '/=' || op === '%=';
      const picks = shift ? ['0', '1', w === 'r' ? '63' : '31', '7'] : imms.slice(k % 4, (k % 4) + 4);
      k++;
      for (const imm of picks) {
        if (div && imm === '0') continue;
        L.push(`${w}${(k % 9) + 1} ${op} ${imm}`);
      }
      L.push(`${w}${k % 10} ${op} ${w}${(k + 3) % 11}`);
    }
  }
  for (const op of ['s/=', 's%=']) {
    for (const w of ['r', 'w']) L.push(`${w}1 ${op} ${w}2`, `${w}3 ${op} -3`, `${w}4 ${op} 0x10`, `${w}5 ${op} ${w}10`);
  }
  L.push('r1 = -r1', 'w2 = -w2', 'r0 = -r0', 'w9 = -w9');
  L.push('r1 = (s8)r2', 'r3 = (s16)r4', 'r5 = (s32)r6', 'w1 = (s8)w2', 'w7 = (s16)w8', 'r0 = (s32)r10');
  L.push('r1 = addr_space_cast(r2, 0, 1)', 'r3 = addr_space_cast(r4, 1, 0)');
  for (const e of ['le', 'be', 'bswap']) for (const n of [16, 32, 64]) L.push(`r${n % 10} = ${e}${n} r${n % 10}`);
  L.push('r1 = 0 ll', 'r0 = 0x1234 ll', 'r2 = -1 ll', 'r3 = 0x7fffffffffffffff ll', 'r4 = 0x8000000000000000 ll',
    'r5 = 0xffffffff ll', 'r6 = 0x100000000 ll', 'r9 = -0x123456789 ll', 'r10 = 0xdeadbeefcafe ll');
  const conds = ['==', '>', '>=', '&', '!=', 's>', 's>=', '<', '<=', 's<', 's<='];
  const offs = ['+0', '+1', '-1', '+5', '-3', '+32767', '-32768', '+100'];
  let j = 0;
  for (const c of conds) {
    for (const w of ['r', 'w']) {
      const o1 = offs[j % offs.length];
      const o2 = offs[(j + 3) % offs.length];
      const imm = imms[j % imms.length];
      L.push(`if ${w}${j % 10} ${c} ${imm} goto ${o1}`);
      L.push(`if ${w}${(j + 1) % 10} ${c} ${w}${(j + 5) % 11} goto ${o2}`);
      j++;
    }
  }
  L.push('goto +0', 'goto -1', 'goto +32767', 'goto -32768', 'gotol +1000', 'gotol -5', 'may_goto +3', 'may_goto -2');
  L.push('call 1', 'call 0x7fffffff', 'call 211', 'call -1', 'callx r2', 'callx r8', 'exit');
  for (const [u, s] of [['u8', 's8'], ['u16', 's16'], ['u32', 's32'], ['u64', '']]) {
    L.push(`r0 = *(${u} *)(r1 + 0)`, `r2 = *(${u} *)(r10 - 8)`, `r3 = *(${u} *)(r4 + 32767)`, `r5 = *(${u} *)(r6 - 32768)`);
    if (s) L.push(`r1 = *(${s} *)(r2 + 4)`, `r0 = *(${s} *)(r10 - 16)`);
    L.push(`*(${u} *)(r1 + 4) = 5`, `*(${u} *)(r10 - 8) = -1`, `*(${u} *)(r2 + 0) = 0x7fffffff`);
    L.push(`*(${u} *)(r10 - 4) = r1`, `*(${u} *)(r3 + 100) = r9`);
  }
  for (const u of ['u8', 'u16', 'u32']) L.push(`r0 = *(${u} *)skb[4]`, `r0 = *(${u} *)skb[-4]`, `r0 = *(${u} *)skb[r1]`);
  for (const op of ['+=', '|=', '&=', '^=']) {
    L.push(`lock *(u32 *)(r1 + 0) ${op} w2`, `lock *(u64 *)(r10 - 8) ${op} r3`);
  }
  for (const op of ['add', 'or', 'and', 'xor']) {
    L.push(`w2 = atomic_fetch_${op}((u32 *)(r1 + 4), w2)`, `r3 = atomic_fetch_${op}((u64 *)(r10 - 8), r3)`);
  }
  L.push('w2 = xchg32_32(r1 + 0, w2)', 'r3 = xchg_64(r10 - 16, r3)');
  L.push('w0 = cmpxchg32_32(r1 + 8, w0, w2)', 'r0 = cmpxchg_64(r10 - 8, r0, r5)');
  // No assembly syntax in LLVM 19: raw encodings.
  L.push('.byte 0x18, 0x11, 0, 0, 0xf0, 0xff, 0xff, 0xff, 0, 0, 0, 0, 1, 0, 0, 0');
  for (let src = 2; src <= 6; src++) L.push(`.byte 0x18, 0x${src}3, 0, 0, ${src}, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0`);
  L.push('.byte 0x50, 0x10, 0, 0, 0x10, 0, 0, 0', '.byte 0x85, 0x10, 0, 0, 0xfe, 0xff, 0xff, 0xff',
    '.byte 0x85, 0x20, 0x01, 0, 0x39, 0x30, 0, 0');
  return L;
}

function have(tool: string): boolean {
  try {
    execFileSync(tool, ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function main(): void {
  const args = process.argv.slice(2);
  if (!args.includes('--llvm-only')) recordKernelGoldens(outDir);
  if (args.includes('--kernel-only')) return;
  if (!have('llvm-mc-19') || !have('llvm-objdump-19')) {
    process.stderr.write('record-isa-goldens: llvm-mc-19 and llvm-objdump-19 are needed; goldens left unchanged\n');
    process.exit(1);
  }
  const lines = forms();
  const dir = mkdtempSync(join(tmpdir(), 'isa-goldens-'));
  try {
    const src = join(dir, 'forms.s');
    const obj = join(dir, 'forms.o');
    writeFileSync(src, `.text\n${lines.join('\n')}\n`);
    execFileSync('llvm-mc-19', ['-triple', 'bpfel', '-mcpu=v4', '-filetype=obj', src, '-o', obj]);
    for (const [file, extra] of [['objdump-llvm19.txt', ['--mcpu=v4']], ['objdump-llvm19-noalu32.txt', []]] as const) {
      const dump = execFileSync('llvm-objdump-19', ['-d', ...extra, obj], { encoding: 'utf8' });
      const out: string[] = [];
      for (const l of dump.split('\n')) {
        const m = /^\s*\d+:\t([0-9a-f ]+?)\t(.*)$/.exec(l);
        if (m) out.push(`${m[1]}\t${m[2]}`);
      }
      const header = [
        `# llvm-objdump-19 -d ${extra.join(' ')} of llvm-mc-19 -mcpu=v4 output; written by scripts/record-isa-goldens.ts.`,
        '# Each line: instruction bytes (hex), a tab, objdump text verbatim.',
      ];
      writeFileSync(join(outDir, file), `${header.join('\n')}\n${out.join('\n')}\n`);
      process.stdout.write(`${file}: ${out.length} instructions\n`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------
// Kernel goldens (Linux 6.18 verifier through kernel_oracle.py)

const ORACLE = join(here, '..', '..', 'shared', 'tools', 'kernel_oracle.py');
const hexOf = (insns: readonly Insn[]): string => Array.from(encodeInsns(insns), (b) => b.toString(16).padStart(2, '0')).join(' ');

interface OracleResult { accepted: boolean; error: string[] | null; log: string }

function oracle(dir: string, prog: readonly Insn[]): OracleResult | undefined {
  const file = join(dir, 'p.hex');
  writeFileSync(file, `${hexOf(prog)}\n`);
  try {
    const out = execFileSync('python3', [ORACLE, 'verify', file, '--log-level', '2', '--type', 'socket_filter'],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    return JSON.parse(out) as OracleResult;
  } catch (e) {
    const out = (e as { stdout?: string }).stdout;
    if (out && out.trim().startsWith('{')) return JSON.parse(out) as OracleResult;
    return undefined;
  }
}

/** pc -> `(xx) text` from the log's "Live regs before insn" listing. */
function liveListing(log: string): Map<number, string> {
  const m = new Map<number, string>();
  for (const l of log.split('\n')) {
    // `[scc]  pc: liveness (xx) text`: instructions inside a loop carry their SCC number first.
    const r = /^\s*(?:\d+\s+)?(\d+): [0-9.]{10} (\([0-9a-f]{2}\) .*)$/.exec(l);
    if (r) m.set(Number(r[1]), r[2]);
  }
  return m;
}

const REGS_W = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
const IMMS = [0, 1, -1, 42, -100, 0x7fffffff, -0x80000000, 0x1234, 255, -32768, 65536];
const OFFS = [0, 4, -8, 32767, -32768, 100, -1];

/** A few instances of a straight-line form, with varied fields (validity not required: printing only). */
function instances(f: OpForm, k: number): Insn[] {
  const out: Insn[] = [];
  for (let v = 0; v < 3; v++) {
    const n = k * 3 + v;
    const dst = f.dst === 'zero' ? 0 : REGS_W[n % 10];
    const src = f.match?.field === 'src' ? f.match.value : f.src === 'zero' ? 0 : (n * 7 + 3) % 11;
    const off = f.match?.field === 'off' ? f.match.value : f.off === 'zero' ? 0 : OFFS[n % OFFS.length];
    const imm = f.match?.field === 'imm' ? f.match.value : f.imm === 'zero' ? 0 : IMMS[n % IMMS.length];
    out.push(insn(f.code, dst, src, off, imm));
  }
  return out;
}

function disasmPrograms(): Insn[][] {
  const progs: Insn[][] = [];
  const straight: Insn[] = [];
  OPCODE_TABLE.forEach((f, k) => {
    if (!f.linux || ['jcond', 'ja', 'gotol', 'may_goto', 'call', 'exit', 'ld_imm64'].includes(f.kind)) return;
    straight.push(...instances(f, k));
  });
  // Encodings no form matches, but which pass the load-time checks (printed without validation).
  straight.push(insn(0x3f, 1, 2, 2), insn(0xbf, 1, 2, 4), insn(0xdc, 1, 0, 0, 8), insn(0xd7, 3, 0, 0, 48),
    insn(0x07, 1, 5, 0, 3), insn(0xdb, 1, 2, 0, 0x77), insn(0x62, 1, 2, 4, 5), insn(0x30, 3, 4, 2, 1));
  for (let i = 0; i < straight.length; i += 60) progs.push([...straight.slice(i, i + 60), insn(0x95)]);
  // Conditional jumps: off 0..2 stays inside [r0 = 0, J, J', r0 = 0, exit]; J' jumps back to J.
  const conds = OPCODE_TABLE.filter((f) => f.kind === 'jcond');
  conds.forEach((f, k) => {
    const imm = f.imm === 'zero' ? 0 : IMMS[k % IMMS.length];
    const a = insn(f.code, k % 10, f.src === 'zero' ? 0 : (k + 4) % 11, k % 3, imm);
    const b = insn(f.code, (k + 5) % 10, f.src === 'zero' ? 0 : (k + 1) % 11, -2, f.imm === 'zero' ? 0 : IMMS[(k + 5) % IMMS.length]);
    progs.push([insn(0xb7), a, b, insn(0xb7), insn(0x95)]);
  });
  progs.push([insn(0xb7), insn(0x05, 0, 0, 0), insn(0x06, 0, 0, 0, 1), insn(0x95), insn(0x05, 0, 0, -2)]);
  progs.push([insn(0xb7), insn(0xe5, 0, 0, 1), insn(0x05, 0, 0, -3), insn(0x95)]);
  progs.push([insn(0xb7), insn(0x15, 0, 0, 1, 0), insn(0x06, 0, 0, 0, -3), insn(0x95)]);
  // Calls: helpers (printing does not need them to be allowed), a bpf-to-bpf call, exit.
  progs.push([...[1, 2, 5, 6, 12, 14, 25, 51, 113, 130, 181, 209, 211, 212, 5000, -1].map((id) => insn(0x85, 0, 0, 0, id)), insn(0x95)]);
  progs.push([insn(0xb7), insn(0x85, 0, 1, 0, 1), insn(0x95), insn(0xb7), insn(0x95)]);
  // ld_imm64 constants.
  const consts = [0n, 1n, 0x1234n, -1n, 0x7fffffffffffffffn, -0x8000000000000000n, 0xffffffffn, 0x100000000n, 0xdeadbeefcafen];
  progs.push([...consts.flatMap((v, k) => ldImm64(k % 10, v)), insn(0x95)]);
  // BPF_PSEUDO_FUNC (src 4): imm is the subprogram's offset, printed raw.
  progs.push([...ldImm64(1, 3n, 4), insn(0xb7), insn(0x95), insn(0xb7), insn(0x95)]);
  return progs;
}

/** Invalid encodings: each program's first problem is the crafted one. */
function errorPrograms(): Insn[][] {
  const X = insn(0x95);
  const I = (code: number, dst = 0, src = 0, off = 0, imm = 0): Insn => ({ code, dst, src, off, imm });
  const single = [
    I(0), I(1), I(0xff), I(0xff, 15, 15, -1, -1), I(0x7f, 15, 15, -1, -1), I(0x39, 0, 1), I(0x8d, 2), I(0xdf, 1, 0, 0, 16),
    I(0x8f, 1), I(0x99, 1, 2), I(0xf5), I(0xe6), I(0xed), I(0x0d), I(0x8c, 1), I(0xe4, 1), I(0xf7, 1), I(0x38, 0, 0, 0, 4),
    I(0x07, 1, 3, 0, 1), I(0x0c, 1, 2, 5), I(0x3f, 1, 2, 2), I(0x0f, 1, 2, 1), I(0x27, 1, 0, 1, 3), I(0xbc, 1, 2, 32),
    I(0xbf, 1, 2, 4), I(0xbf, 1, 2, 0, 7), I(0xb7, 1, 0, 3, 7), I(0xb4, 1, 2, 0, 7), I(0xbf, 1, 2, 1, 2), I(0x87, 1, 0, 0, 1),
    I(0x84, 1, 2), I(0xdc, 1, 0, 0, 8), I(0xd4, 1, 0, 1, 16), I(0xd7, 1, 2, 0, 16), I(0x37, 1, 0, 0, 0), I(0x94, 1, 0, 1, 0),
    I(0x67, 1, 0, 0, 64), I(0xc4, 1, 0, 0, -1), I(0x74, 1, 0, 0, 32), I(0x0f, 1, 11), I(0xb7, 12, 0, 0, 1), I(0xb7, 10, 0, 0, 1),
    I(0x0f, 10, 1), I(0x79, 10, 1), I(0x79, 1, 13), I(0xdb, 0, 11, 0, 0x100), I(0xdb, 10, 1, 0, 0x100),
    I(0x61, 1, 2, 0, 3), I(0x62, 1, 2, 0, 3), I(0x63, 1, 2, 0, 3), I(0x62, 11, 0, 0, 3), I(0xdb, 1, 2, 0, 0x77), I(0xd3, 1, 2, 0, 0),
    I(0xcb, 1, 2, 0, 0xf1), I(0xc3, 1, 2, 0, 0x110 | 1), I(0x15, 1, 2, 0, 0), I(0x1d, 1, 2, 0, 9), I(0x1d, 1, 12, 0, 0),
    I(0x15, 11, 0, 0, 0), I(0x05, 0, 0, 0, 1), I(0x05, 1, 0, 0, 0), I(0x06, 0, 0, 1, 0), I(0x06, 0, 3, 0, 0), I(0xe5, 0, 0, 0, 5),
    I(0xe5, 0, 1, 0, 0), I(0xe5, 1, 0, 0, 0), I(0x85, 0, 0, 1, 1), I(0x85, 1, 0, 0, 1), I(0x85, 0, 3, 0, 1), I(0x85, 0, 0, 0, 212),
    I(0x85, 0, 0, 0, -1), I(0x20, 1, 0, 0, 4), I(0x20, 0, 1, 0, 4), I(0x28, 0, 0, 2, 4),
  ];
  const progs: Insn[][] = single.map((i) => [insn(0xb7), i, X]);
  progs.push([insn(0xb7), I(0x18), X]);
  progs.push([insn(0xb7), I(0x18)]);
  // exit with reserved fields must be last (else what follows is unreachable).
  for (const e of [I(0x95, 1), I(0x95, 0, 1), I(0x95, 0, 0, 0, 1)]) progs.push([insn(0xb7), e]);
  // ld_ind reads r6 (the skb) before its own src register: set r6 first.
  progs.push([insn(0xbf, 6, 1), insn(0xb7), I(0x40, 0, 11, 0, 4), X]);
  // A fetch atomic on the stack writing its result to r10.
  progs.push([insn(0xb7), insn(0x7b, 10, 0, -8), I(0xdb, 10, 10, -8, 1), X]);
  progs.push([insn(0xb7), I(0x18, 0, 0, 1, 1), I(0, 0, 0, 0, 1), X]);
  progs.push([insn(0xb7), I(0x18, 0, 0, 0, 1), I(0, 0, 0, 1, 1), X]);
  progs.push([insn(0xb7), I(0x18, 0, 0, 0, 1), I(0, 1, 0, 0, 1), X]);
  progs.push([insn(0xb7), I(0x18, 0, 0, 0, 1), I(0, 0, 1, 0, 1), X]);
  progs.push([insn(0xb7), I(0x18, 1, 7), I(0), X]);
  progs.push([insn(0xb7), I(0x18, 10, 0, 0, 5), I(0), X]);
  progs.push([insn(0xb7), I(0x18, 12, 0, 0, 5), I(0), X]);
  return progs;
}

function recordKernelGoldens(dir: string): void {
  const tmp = mkdtempSync(join(tmpdir(), 'isa-kernel-'));
  try {
    const probe = oracle(tmp, [insn(0xb7), insn(0x95)]);
    if (!probe || !probe.accepted || !/^6\.18\./.test(execFileSync('uname', ['-r'], { encoding: 'utf8' }))) {
      process.stderr.write('record-isa-goldens: no Linux 6.18 verifier reachable (root + kernel_oracle.py); kernel goldens left unchanged\n');
      return;
    }
    const seen = new Set<string>();
    const disasm: string[] = [];
    for (const prog of disasmPrograms()) {
      const r = oracle(tmp, prog);
      if (!r) throw new Error(`oracle failed on ${hexOf(prog)}`);
      const listing = liveListing(r.log);
      if (listing.size === 0) throw new Error(`no listing for ${hexOf(prog)}: ${r.error?.join(' | ')}`);
      for (let pc = 0; pc < prog.length; pc++) {
        const wide = prog[pc].code === 0x18;
        const hex = hexOf(prog.slice(pc, pc + (wide ? 2 : 1)));
        const text = listing.get(pc);
        if (text && !seen.has(hex)) {
          seen.add(hex);
          disasm.push(`${hex}\t${text}`);
        }
        if (wide) pc++;
      }
    }
    const errors: string[] = [];
    for (const prog of errorPrograms()) {
      const r = oracle(tmp, prog);
      if (!r) throw new Error(`oracle failed on ${hexOf(prog)}`);
      const err = r.accepted ? 'ACCEPTED' : (r.error ?? []).filter((l) => !/^func#\d+ @\d+$/.test(l)).at(-1) ?? '?';
      errors.push(`${hexOf(prog)}\t${err}`);
    }
    const head = (what: string): string =>
      `# ${what}, recorded from the Linux ${execFileSync('uname', ['-r'], { encoding: 'utf8' }).trim()} verifier (kernel_oracle.py, log level 2) by scripts/record-isa-goldens.ts.\n`;
    writeFileSync(join(dir, 'verifier-6.18-disasm.txt'), `${head('Instruction text of the verifier log ("Live regs before insn" listing): hex<TAB>text')}${disasm.join('\n')}\n`);
    writeFileSync(join(dir, 'verifier-6.18-errors.txt'), `${head("Crafted invalid programs and the verifier's complaint: program hex<TAB>last log line before the summary")}${errors.join('\n')}\n`);
    process.stdout.write(`verifier-6.18-disasm.txt: ${disasm.length} instructions\nverifier-6.18-errors.txt: ${errors.length} programs\n`);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

main();
