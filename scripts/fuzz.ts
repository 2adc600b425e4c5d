/**
 * `npm run fuzz [-- N]`: the long version of the suite's fixed-seed fuzz checks, N random programs
 * (default 200,000) from a seeded generator:
 * - the interpreter never throws a JS exception and never runs past its budget;
 * - every valid instruction survives disassemble -> assemble (llvm and kernel dialects) unchanged.
 * Prints a summary and the first failing program in hex; exit 1 on any failure.
 */
import { assemble } from '../src/asm/index.ts';
import { disassemble } from '../src/isa/disasm.ts';
import { encodeInsns, type Insn } from '../src/isa/insn.ts';
import { toHex } from '../src/isa/hex.ts';
import { OPCODE_TABLE } from '../src/isa/table.ts';
import { validateInsns } from '../src/isa/validate.ts';
import { runProgram } from '../src/vm/index.ts';

const N = Number(process.argv[2] ?? 200_000);
let seed = Number(process.env.FUZZ_SEED ?? 0x5eed);
const rand = (n: number) => {
  seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
  return (seed >>> 8) % n;
};
const IMMS = [0, 1, -1, 8, 16, 32, 64, 0x100, 0x110, 0xe1, 0xf1, 0x01, 0x41, 0x51, 0xa1, 0x80000000 | 0, 5];

/** Half the slots are random bytes; half start from a form of the opcode table (mostly valid). */
function randomProgram(n: number): Insn[] {
  const p: Insn[] = [];
  for (let k = 0; k < n; k++) {
    let off = rand(3) === 0 ? rand(65536) - 32768 : rand(2) === 0 ? -rand(520) : rand(n) - (n >> 1);
    let imm = rand(2) ? IMMS[rand(IMMS.length)] : (rand(0x7fffffff) - 0x3fffffff) | 0;
    let code = rand(256);
    let src = rand(3) ? rand(11) : rand(16);
    if (rand(2)) {
      const f = OPCODE_TABLE[rand(OPCODE_TABLE.length)];
      code = f.code;
      if ((code & 7) === 5 || (code & 7) === 6) off = rand(n + 1) - k; // stay inside the program
      if (f.match?.field === 'off') off = f.match.value;
      if (f.match?.field === 'imm') imm = f.match.value;
      if (f.match?.field === 'src') src = f.match.value;
    }
    p.push({ code, dst: rand(3) ? rand(11) : rand(16), src, off, imm });
  }
  p.push({ code: 0x95, dst: 0, src: 0, off: 0, imm: 0 });
  return p;
}

let ran = 0;
let roundTrips = 0;
const failures: string[] = [];
const t0 = performance.now();
for (let k = 0; k < N && failures.length < 5; k++) {
  const prog = randomProgram(1 + rand(12));
  try {
    const r = runProgram(prog, { budget: 10_000, mem: new Uint8Array(16) });
    if (r.steps > 10_000) failures.push(`over budget: ${toHex(encodeInsns(prog))}`);
    ran++;
  } catch (e) {
    failures.push(`VM threw ${(e as Error).message}: ${toHex(encodeInsns(prog))}`);
  }
  if (validateInsns(prog).length === 0) {
    for (const dialect of ['llvm', 'kernel'] as const) {
      // callx is not in the kernel ISA; local calls print as `call 0xN` in llvm text (ambiguous)
      if (prog.some((i) => i.code === 0x8d || (i.code === 0x85 && i.src !== 0))) continue;
      // LLVM's text for legacy LD_IND has no place for imm (`r0 = *(u16 *)skb[r5]`)
      if (dialect === 'llvm' && prog.some((i) => (i.code & 0xe7) === 0x40 && i.imm !== 0)) continue;
      const text = disassemble(prog, { dialect })
        .map((l) => l.text)
        .join('\n');
      const back = assemble(text, { dialect });
      const want = toHex(encodeInsns(prog));
      const got = toHex(encodeInsns(back.insns));
      if (back.diagnostics.some((d) => d.severity === 'error') || got !== want) {
        // ld_imm64 pseudo values and jumps outside the program cannot be written as text
        if (back.diagnostics.some((d) => /out of range|label|not a/.test(d.message))) continue;
        failures.push(`${dialect} round trip: ${want}\n${text}\n-> ${got} ${back.diagnostics.map((d) => d.message).join('; ')}`);
      } else roundTrips++;
    }
  }
}
const ms = performance.now() - t0;
console.log(`fuzz: ${ran} programs run, ${roundTrips} text round trips, ${failures.length} failures, ${ms.toFixed(0)} ms (seed ${process.env.FUZZ_SEED ?? 0x5eed})`);
for (const f of failures) console.log('FAIL ' + f);
process.exit(failures.length ? 1 : 0);
