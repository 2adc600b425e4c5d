/**
 * Records the assembler's goldens in src/asm/testdata/ with LLVM 19 and the running kernel as the
 * oracles (never with our own code):
 *
 *   llvm-mc19.txt               one LLVM-syntax line per record, TAB, the bytes
 *                               `llvm-mc-19 -triple bpf -mcpu=v4 -show-encoding` gives for it
 *   llvm-mc19-programs.txt      multi-line programs with labels (`=== name`, lines, `--- HEX`),
 *                               bytes from `llvm-mc-19 -filetype=obj` + `llvm-objcopy-19 -O binary`
 *   llvm-objdump19.txt          `llvm-objdump-19 -d` of the golden lines' object, unchanged
 *                               (the test assembles its text and compares with its byte column)
 *   llvm-objdump19-sweep.txt    every text llvm-objdump-19 prints for any opcode byte, with the
 *                               bytes llvm-mc-19 assembles that text to
 *   conformance-llvm-mc19.txt   each bpf_conformance program translated to LLVM syntax by the small
 *                               translator below and assembled by llvm-mc-19: `file TAB HEX`
 *   kernel-*.log / kernel-*.hex verifier logs (log level 2) of LLVM-assembled programs, from
 *                               ../shared/tools/kernel_oracle.py (needs root; skipped otherwise)
 *
 * Run: npx tsx scripts/record-asm-goldens.ts    (needs llvm-mc-19, llvm-objcopy-19, llvm-objdump-19)
 */

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const OUT = join(import.meta.dirname, '../src/asm/testdata');
const CONF = '/work/shared/conformance/tests';
const ORACLE = join(import.meta.dirname, '../../shared/tools/kernel_oracle.py');
const tmp = mkdtempSync(join(tmpdir(), 'asm-goldens-'));

// ---------------------------------------------------------------- the golden lines ----
function goldenLines(): string[] {
  const L: string[] = [];
  const aluOps = ['+=', '-=', '*=', '/=', '|=', '&=', '<<=', '>>=', '%=', '^=', 's>>=', 's/=', 's%='];
  const imms = ['0', '1', '-1', '0x7fffffff', '-2147483648', '0xffffffff', '4294967295', '0x10', '-0x10', '1234567'];
  aluOps.forEach((o, k) => {
    L.push(`r${k % 10} ${o} r${(k + 3) % 11}`, `w${(k + 1) % 10} ${o} w${(k + 5) % 11}`);
    L.push(`r${(k + 2) % 10} ${o} ${imms[k % imms.length]}`, `w${(k + 4) % 10} ${o} ${imms[(k + 3) % imms.length]}`);
  });
  for (const v of imms) L.push(`r3 = ${v}`, `w7 = ${v}`);
  L.push('r0 = r1', 'w0 = w1', 'r10 = r9', 'r1 = -r1', 'w2 = -w2', 'r9=-r9');
  L.push('r1 = (s8)r2', 'r3 = (s16)r4', 'r5 = (s32)r6', 'w1 = (s8)w2', 'w3 = (s16)w4');
  for (const n of [16, 32, 64]) L.push(`r${n / 16} = be${n} r${n / 16}`, `r${n / 8} = le${n} r${n / 8}`, `r${n / 16 + 6} = bswap${n} r${n / 16 + 6}`);
  const lls = ['0x1234', '0', '-1', '0xffffffffffffffff', '0x8000000000000000', '-9223372036854775808', '0x100000000', '4660', '0xdeadbeefcafebabe', '18446744073709551615'];
  lls.forEach((v, k) => L.push(`r${k % 11} = ${v} ll`));
  const sizes = ['u8', 'u16', 'u32', 'u64'];
  const offs = ['0', '4', '0x4', '32767', '0x7fff'];
  sizes.forEach((s, k) => {
    for (const [j, o] of offs.entries()) L.push(`r${(j + k) % 11} = *(${s} *)(r${(j + 2 * k) % 11} + ${o})`);
    L.push(`r0 = *(${s} *)(r10 - 8)`, `r1 = *(${s} *)(r1 - 32768)`, `r2 = *(${s} *)(r3 - 0x10)`);
    L.push(`*(${s} *)(r10 - 8) = r1`, `*(${s} *)(r1 + 2) = r9`, `*(${s} *)(r2 - 0x100) = r0`);
    L.push(`*(${s} *)(r10 - 8) = 5`, `*(${s} *)(r1 + 0) = -1`, `*(${s} *)(r3 + 1000) = 0x7fffffff`, `*(${s} *)(r4 - 4) = -2147483648`);
  });
  for (const s of ['u8', 'u16', 'u32']) L.push(`w1 = *(${s} *)(r2 + 6)`, `*(${s} *)(r1 + 6) = w2`);
  for (const s of ['s8', 's16', 's32']) L.push(`r0 = *(${s} *)(r1 + 2)`, `r7 = *(${s} *)(r10 - 0x20)`);
  const cmps = ['==', '!=', '>', '>=', '<', '<=', '&', 's>', 's>=', 's<', 's<='];
  const jimm = ['0', '5', '-1', '0xffffffff', '0x80000000', '100', '-100', '0x7fffffff', '1', '2', '3'];
  const joff = ['+0', '+1', '-1', '+32767', '-32768', '+0x10', '-0x10', '+5', '-3', '+2', '+100'];
  cmps.forEach((c, k) => {
    L.push(`if r${k % 11} ${c} r${(k + 1) % 11} goto ${joff[k]}`, `if w${k % 11} ${c} w${(k + 2) % 11} goto ${joff[(k + 1) % 11]}`);
    L.push(`if r${(k + 3) % 11} ${c} ${jimm[k]} goto ${joff[(k + 2) % 11]}`, `if w${(k + 4) % 11} ${c} ${jimm[(k + 5) % 11]} goto ${joff[(k + 3) % 11]}`);
  });
  L.push('goto +0', 'goto +1', 'goto -1', 'goto +32767', 'goto -32768', 'goto +0x5', 'goto -0x20');
  L.push('gotol +0', 'gotol +3', 'gotol -1', 'gotol +0x7fff', 'gotol -0x8000', 'may_goto +3', 'may_goto -2');
  L.push('call 1', 'call 0', 'call 12', 'call 0x70', 'call 211', 'call -1', 'call 2147483647', 'callx r1', 'callx r5', 'exit');
  L.push('lock *(u64 *)(r1 + 0) += r2', 'lock *(u32 *)(r10 - 4) += w3', 'lock *(u64 *)(r3 - 8) |= r4', 'lock *(u32 *)(r3 + 8) |= w4');
  L.push('lock *(u64 *)(r5 + 16) &= r6', 'lock *(u32 *)(r5 + 0) &= w6', 'lock *(u64 *)(r7 + 0x10) ^= r8', 'lock *(u32 *)(r7 - 0x10) ^= w8');
  L.push('lock *(u32 *)(r1 + 0) += r2');
  for (const f of ['add', 'and', 'or', 'xor']) {
    L.push(`r2 = atomic_fetch_${f}((u64 *)(r1 + 0), r2)`, `w3 = atomic_fetch_${f}((u32 *)(r10 - 8), w3)`);
  }
  L.push('r2 = xchg_64(r1 + 0, r2)', 'w5 = xchg32_32(r6 - 4, w5)', 'r0 = cmpxchg_64(r1 + 8, r0, r2)', 'w0 = cmpxchg32_32(r10 - 4, w0, w9)');
  L.push('r0 = *(u8 *)skb[12]', 'r0 = *(u16 *)skb[0x10]', 'r0 = *(u32 *)skb[0]', 'r0 = *(u8 *)skb[r1]', 'r0 = *(u16 *)skb[r7]', 'r0 = *(u32 *)skb[r9]');
  L.push('r1 = addr_space_cast(r2, 0, 1)', 'r3 = addr_space_cast(r4, 1, 0)');
  // objdump-style spellings (hex offsets and immediates)
  L.push('r0 = *(u32 *)(r1 + 0x4)', 'r2 += -0x4', '*(u32 *)(r10 - 0x4) = 0x0', 'if r1 == 0x0 goto +0x7', 'w0 = 0x2', 'call 0x1', 'r1 = 0x0 ll');
  return [...new Set(L)];
}

function sh(cmd: string, args: string[], input?: string): string {
  try {
    return execFileSync(cmd, args, { input, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'], maxBuffer: 1 << 26 });
  } catch (e) {
    const x = e as { stderr?: string; stdout?: string };
    throw Object.assign(new Error(`${cmd} failed: ${String(x.stderr ?? '').slice(0, 2000)}`), { stdout: x.stdout });
  }
}
const MC = ['-triple', 'bpf', '-mcpu=v4'];

function objBytes(src: string): string {
  const s = join(tmp, 'p.s');
  writeFileSync(s, src);
  sh('llvm-mc-19', [...MC, '-filetype=obj', s, '-o', join(tmp, 'p.o')]);
  sh('llvm-objcopy-19', ['-O', 'binary', '--only-section=.text', join(tmp, 'p.o'), join(tmp, 'p.bin')]);
  return Buffer.from(readFileSync(join(tmp, 'p.bin'))).toString('hex');
}

function recordLines(): string[] {
  const lines = goldenLines();
  const out = sh('llvm-mc-19', [...MC, '-show-encoding'], lines.join('\n') + '\n');
  const encs = [...out.matchAll(/# encoding: \[([^\]]*)\]/g)].map((m) => m[1].split(',').map((b) => b.trim().replace(/^0x/, '').padStart(2, '0')).join(''));
  if (encs.length !== lines.length) throw new Error(`llvm-mc gave ${encs.length} encodings for ${lines.length} lines`);
  const rows = lines.map((l, k) => `${l}\t${encs[k]}`);
  writeFileSync(join(OUT, 'llvm-mc19.txt'), `# ${lines.length} LLVM-syntax lines and the bytes llvm-mc-19 -triple bpf -mcpu=v4 -show-encoding gives.\n# Recorded by scripts/record-asm-goldens.ts. Format: line TAB hex.\n` + rows.join('\n') + '\n');
  // objdump of the same lines (the `r1 = 0x0 ll` spelling carries no relocation here)
  writeFileSync(join(tmp, 'all.s'), lines.join('\n') + '\n');
  sh('llvm-mc-19', [...MC, '-filetype=obj', join(tmp, 'all.s'), '-o', join(tmp, 'all.o')]);
  writeFileSync(join(OUT, 'llvm-objdump19.txt'), sh('llvm-objdump-19', ['-d', '--mcpu=v4', join(tmp, 'all.o')]).replace(/^.*file format.*$/m, 'golden.o:\tfile format elf64-bpf'));
  return lines;
}

/**
 * Every opcode byte with varied fields, printed by llvm-objdump-19 and re-assembled by llvm-mc-19:
 * `llvm-objdump19-sweep.txt` holds each distinct printed text (minus objdump's `<sym>` suffix,
 * which llvm-mc does not take) with llvm-mc's bytes for it. Texts llvm-mc rejects are left out.
 */
function recordSweep(): void {
  const fields: Array<[number, number, number, number]> = [
    [1, 2, 0, 0], [3, 4, 1, 7], [10, 9, 8, 16], [0, 1, 16, 32], [5, 6, 32, 64], [2, 3, -8, -1], [7, 0, 0x7fff, 0x41],
    [4, 10, 0, 0xa1], [6, 5, -0x8000, 0xe1], [0, 2, 4, 0xf1], [9, 1, 0, 0x51], [8, 7, 2, 0x7fffffff], [1, 1, -1, -0x80000000],
  ];
  const buf: number[] = [];
  for (let code = 0; code < 256; code++) {
    for (const [dst, src, off, imm] of fields) {
      const b = Buffer.alloc(8);
      b.writeUInt8(code, 0);
      b.writeUInt8((src << 4) | dst, 1);
      b.writeInt16LE(off, 2);
      b.writeInt32LE(imm, 4);
      buf.push(...b);
      if (code === 0x18) buf.push(0, 0, 0, 0, 0x78, 0x56, 0x34, 0x12);
    }
  }
  writeFileSync(join(tmp, 'e.s'), 'exit\n');
  sh('llvm-mc-19', [...MC, '-filetype=obj', join(tmp, 'e.s'), '-o', join(tmp, 'e.o')]);
  writeFileSync(join(tmp, 'sweep.bin'), Buffer.from(buf));
  sh('llvm-objcopy-19', ['--update-section', `.text=${join(tmp, 'sweep.bin')}`, join(tmp, 'e.o'), join(tmp, 'sweep.o')]);
  const texts = new Set<string>();
  for (const m of sh('llvm-objdump-19', ['-d', '--mcpu=v4', join(tmp, 'sweep.o')]).matchAll(/^\s*\d+:\t[0-9a-f ]+\t(.*)$/gm)) {
    const t = m[1].replace(/\s*<[^<>]*>\s*$/, '').trim();
    if (t && t !== '<unknown>' && !t.startsWith('ld_pseudo')) texts.add(t);
  }
  const rows: string[] = [];
  for (const t of texts) {
    let out: string;
    try {
      out = sh('llvm-mc-19', [...MC, '-show-encoding'], t + '\n');
    } catch {
      continue;
    }
    const enc = /# encoding: \[([^\]]*)\]/.exec(out);
    if (enc && !enc[1].includes('A')) rows.push(`${t}\t${enc[1].split(',').map((x) => x.trim().replace(/^0x/, '').padStart(2, '0')).join('')}`);
  }
  writeFileSync(join(OUT, 'llvm-objdump19-sweep.txt'), `# ${rows.length} texts llvm-objdump-19 printed for every opcode byte with varied fields, and llvm-mc-19's bytes for each.\n# Recorded by scripts/record-asm-goldens.ts. Format: text TAB hex.\n` + rows.join('\n') + '\n');
}

const PROGRAMS: Record<string, string> = {
  labels: `f:\n\tr0 = 0\nLBB0_1:\n\tr0 += 1\n\tif r0 < 10 goto LBB0_1\n\tif w0 s> 5 goto .Ltmp2\n\tgoto LBB0_1\n.Ltmp2:\n\tgotol LBB0_1\n\tmay_goto .Ltmp2\n\texit\n`,
  'local-call': `prog:\n\tr1 = 5\n\tcall sub\n\tr0 += 1\n\texit\nsub:\n\tr0 = r1\n\tr0 *= 3\n\texit\n`,
  'wide-targets': `\tr1 = 1 ll\nL1:\n\tr2 = 0x1234567890 ll\n\tif r1 == r2 goto L1\n\tgoto L2\n\tr3 = -1 ll\nL2:\n\texit\n`,
  'clang-style': `\t.text\n\t.globl\tprog\n\t.p2align\t3\n\t.type\tprog,@function\nprog:\n# %bb.0:\n\tr6 = r1\n\t*(u32 *)(r10 - 4) = 0\n\tr2 = r10\n\tr2 += -4\n\tw0 = 1\n\tif r6 == 0 goto LBB0_3\n# %bb.1:\n\tr2 = 1\n\tlock *(u64 *)(r6 + 0) += r2\n\tw0 = 2\nLBB0_3:\n\texit\n.Lfunc_end0:\n\t.size\tprog, .Lfunc_end0-prog\n`,
};

function recordPrograms(): void {
  const out = ['# Multi-line LLVM programs and the bytes of llvm-mc-19 -filetype=obj (.text), recorded by scripts/record-asm-goldens.ts.'];
  for (const [name, src] of Object.entries(PROGRAMS)) out.push(`=== ${name}`, src.trimEnd(), `--- ${objBytes(src)}`);
  writeFileSync(join(OUT, 'llvm-mc19-programs.txt'), out.join('\n') + '\n');
}

// ------------------------------------------------- bpf_conformance -> LLVM translator ----
/** Deliberately naive and separate from src/asm: a mechanical rewrite, llvm-mc does the encoding. */
function ubpfToLlvm(asm: string): string {
  const out: string[] = [];
  let exitLabelled = false;
  const lines = asm.split('\n').map((l) => l.replace(/#.*/, '').trim()).filter(Boolean);
  const R = (x: string, w = false): string => (w ? 'w' : 'r') + x.replace('%r', '').replace(/^r/, '');
  const M = (m: string): string => {
    const g = /^\[%?r(\d+)(?:([+-])(\S+))?\]$/.exec(m)!;
    return `(r${g[1]} ${g[2] ?? '+'} ${g[3] ?? '0'})`;
  };
  const SZ: Record<string, string> = { b: 'u8', h: 'u16', w: 'u32', dw: 'u64' };
  const ALU: Record<string, string> = { add: '+=', sub: '-=', mul: '*=', div: '/=', or: '|=', and: '&=', lsh: '<<=', rsh: '>>=', mod: '%=', xor: '^=', mov: '=', arsh: 's>>=', sdiv: 's/=', smod: 's%=' };
  const JCC: Record<string, string> = { jeq: '==', jgt: '>', jge: '>=', jset: '&', jne: '!=', jsgt: 's>', jsge: 's>=', jlt: '<', jle: '<=', jslt: 's<', jsle: 's<=' };
  const tgt = (t: string): string => (t === 'exit' ? '__exit' : /^[+-]/.test(t) ? t : t);
  for (const line of lines) {
    if (/^[\w.]+:$/.test(line)) {
      out.push(line);
      continue;
    }
    const [m, ...rest] = line.split(/\s+/);
    const a = rest.map((x) => x.replace(/,$/, ''));
    let g: RegExpExecArray | null;
    if (m === 'exit') {
      if (!exitLabelled) out.push('__exit:');
      exitLabelled = true;
      out.push('exit');
    } else if ((g = /^(add|sub|mul|div|or|and|lsh|rsh|mod|xor|mov|arsh|sdiv|smod)(32)?$/.exec(m))) {
      const w = !!g[2];
      out.push(`${R(a[0], w)} ${ALU[g[1]]} ${/r/.test(a[1]) ? R(a[1], w) : a[1]}`);
    } else if ((g = /^neg(32)?$/.exec(m))) out.push(`${R(a[0], !!g[1])} = -${R(a[0], !!g[1])}`);
    else if ((g = /^movsx(8|16|32)(64|32)$/.exec(m))) out.push(`${R(a[0], g[2] === '32')} = (s${g[1]})${R(a[1], g[2] === '32')}`);
    else if ((g = /^(be|le|bswap|swap)(16|32|64)$/.exec(m))) out.push(`${R(a[0])} = ${g[1] === 'swap' ? 'bswap' : g[1]}${g[2]} ${R(a[0])}`);
    else if (m === 'lddw') out.push(`${R(a[0])} = ${a[1]} ll`);
    else if ((g = /^ldx(s)?(b|h|w|dw)$/.exec(m))) out.push(`${R(a[0])} = *(${g[1] ? 's' + SZ[g[2]].slice(1) : SZ[g[2]]} *)${M(a[1])}`);
    else if ((g = /^stx(b|h|w|dw)$/.exec(m))) out.push(`*(${SZ[g[1]]} *)${M(a[0])} = ${R(a[1])}`);
    else if ((g = /^st(b|h|w|dw)$/.exec(m))) out.push(`*(${SZ[g[1]]} *)${M(a[0])} = ${a[1]}`);
    else if (m === 'lock') {
      const fetch = a[0] === 'fetch';
      const [opn, mem, src] = fetch ? a.slice(1) : a;
      const g2 = /^(add|or|and|xor|xchg|cmpxchg)(32)?$/.exec(opn)!;
      const w = !!g2[2];
      const sz = w ? 'u32' : 'u64';
      const mm = M(mem);
      if (g2[1] === 'xchg') out.push(`${R(src, w)} = ${w ? 'xchg32_32' : 'xchg_64'}${mm.replace(/\)$/, `, ${R(src, w)})`)}`);
      else if (g2[1] === 'cmpxchg') out.push(`${R('0', w)} = ${w ? 'cmpxchg32_32' : 'cmpxchg_64'}${mm.replace(/\)$/, `, ${R('0', w)}, ${R(src, w)})`)}`);
      else if (fetch) out.push(`${R(src, w)} = atomic_fetch_${g2[1]}((${sz} *)${mm}, ${R(src, w)})`);
      else out.push(`lock *(${sz} *)${mm} ${{ add: '+=', or: '|=', and: '&=', xor: '^=' }[g2[1]]} ${R(src, w)}`);
    } else if ((g = /^(j\w+?)(32)?$/.exec(m)) && JCC[g[1]]) {
      const w = !!g[2];
      out.push(`if ${R(a[0], w)} ${JCC[g[1]]} ${/r/.test(a[1]) ? R(a[1], w) : a[1]} goto ${tgt(a[2])}`);
    } else if (m === 'ja') out.push(`goto ${tgt(a[0])}`);
    else if (m === 'ja32') out.push(`gotol ${tgt(a[0])}`);
    else if (m === 'call') out.push(a[0] === 'local' ? `call ${a[1]}` : /r/.test(a[0]) ? `callx ${R(a[0])}` : `call ${a[0]}`);
    else throw new Error(`translator: unknown ${line}`);
  }
  if (!exitLabelled) out.push('__exit:');
  return out.join('\n') + '\n';
}

function asmSection(text: string): string {
  const out: string[] = [];
  let on = false;
  for (const raw of text.split('\n')) {
    const l = raw.replace(/#.*/, '');
    if (l.includes('--')) on = l.includes('asm');
    else if (on) out.push(l);
  }
  return out.join('\n');
}

function recordConformance(): void {
  const rows = ['# bpf_conformance programs translated to LLVM syntax (scripts/record-asm-goldens.ts) and assembled by llvm-mc-19: file TAB hex'];
  for (const f of readdirSync(CONF).filter((x) => x.endsWith('.data')).sort()) {
    rows.push(`${f}\t${objBytes(ubpfToLlvm(asmSection(readFileSync(join(CONF, f), 'utf8'))))}`);
  }
  writeFileSync(join(OUT, 'conformance-llvm-mc19.txt'), rows.join('\n') + '\n');
}

// --------------------------------------------------------------- kernel verifier logs ----
const KERNEL_PROGS: Record<string, { type: string; maps: string[]; src: string }> = {
  forms: { type: 'xdp', maps: ['counts:array:4:8:4'], src: readFileSync(join(OUT, 'kernel-forms.s'), 'utf8') },
  skb: { type: 'socket_filter', maps: [], src: readFileSync(join(OUT, 'kernel-skb.s'), 'utf8') },
};

function recordKernel(): void {
  if (!existsSync(ORACLE)) return console.log('kernel oracle not found; kernel logs not recorded');
  for (const [name, p] of Object.entries(KERNEL_PROGS)) {
    const s = join(tmp, `${name}.s`);
    writeFileSync(s, p.src);
    sh('llvm-mc-19', [...MC, '-filetype=obj', s, '-o', join(tmp, `${name}.o`)]);
    const relocs = sh('llvm-objdump-19', ['-r', join(tmp, `${name}.o`)]);
    sh('llvm-objcopy-19', ['-O', 'binary', '--only-section=.text', join(tmp, `${name}.o`), join(tmp, `${name}.bin`)]);
    const bin = Buffer.from(readFileSync(join(tmp, `${name}.bin`)));
    // as libbpf does: an R_BPF_64_64 map relocation makes the ld_imm64 src=BPF_PSEUDO_MAP_FD, imm = map index
    for (const m of relocs.matchAll(/^([0-9a-f]{16})\s+R_BPF_64_64\s+(\S+)/gm)) {
      const at = parseInt(m[1], 16);
      bin[at + 1] = (bin[at + 1] & 0x0f) | 0x10;
      bin.writeInt32LE(p.maps.findIndex((x) => x.startsWith(m[2] + ':')), at + 4);
    }
    writeFileSync(join(tmp, `${name}.bin`), bin);
    let res: string;
    try {
      res = sh('python3', [ORACLE, 'verify', join(tmp, `${name}.bin`), '--type', p.type, ...p.maps.flatMap((m) => ['--map', m]), '--log-level', '2']);
    } catch (e) {
      res = String((e as { stdout?: string }).stdout ?? '');
    }
    const j = JSON.parse(res) as { accepted?: boolean; log?: string };
    if (!j.log) return console.log(`kernel oracle gave no log for ${name}: ${res.slice(0, 200)}`);
    writeFileSync(join(OUT, `kernel-${name}.log`), j.log);
    writeFileSync(join(OUT, `kernel-${name}.hex`), `# bytes loaded (llvm-mc-19 output, map ld_imm64 patched as libbpf does); accepted=${j.accepted}\n` + bin.toString('hex').replace(/(.{16})/g, '$1\n'));
  }
}

const lines = recordLines();
recordSweep();
recordPrograms();
recordConformance();
recordKernel();
console.log(`recorded ${lines.length} golden lines, ${Object.keys(PROGRAMS).length} programs, conformance, kernel logs in ${OUT}`);
