/**
 * Record the CO-RE goldens (core.test.ts reads them):
 *
 *   npx tsx src/compiler/testdata/core/record.ts
 *
 * For each corpus program in CASES: `llvm-objdump-19 -dr` of clang-19's object (compiled against
 * this kernel's vmlinux.h from bpftool) → `<name>.clang.txt`, and of OUR object (writeElf) →
 * `<name>.ours.txt`, keeping only the `CO-RE …` relocation lines. clang's tell what must be
 * relocated; llvm-objdump reading ours checks our .BTF/.BTF.ext encoding independently.
 * `<name>.libbpf.txt`: the value libbpf relocated each of clang's CO-RE relocations to on this
 * kernel (`bpftool -d prog loadall`, root needed) — what our local values must already be, since
 * our loader runs programs without relocating them.
 * Needs clang-19, llvm-objdump-19 and bpftool; the tests only read the goldens.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compile } from '../../driver.ts';
import { writeElf } from '../../../elf/index.ts';

export const CASES = ['kprobe_core_ppid', 'kprobe_vfs_open_path', 'kprobe_tcp_connect', 'tp_btf_sched_switch', 'fentry_unlink', 'lsm_file_open', 'ksyscall_openat', 'kprobe_core_enum', 'kprobe_core_bitfield'];

const HERE = dirname(fileURLToPath(import.meta.url));
const CORPUS = join(HERE, '../corpus');

function coreLines(obj: string): string {
  const r = spawnSync('llvm-objdump-19', ['-dr', obj], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return r.stdout.split('\n').filter((l) => l.includes('CO-RE')).map((l) => l.trim()).join('\n') + '\n';
}

/**
 * What libbpf makes of clang's object on this kernel (`bpftool -d prog loadall`): for each CO-RE
 * relocation, `<kind> struct X.field = VALUE` with the value it patched in (the running kernel's).
 */
function libbpfValues(obj: string): string {
  const pin = '/sys/fs/bpf/core_record';
  rmSync(pin, { recursive: true, force: true });
  spawnSync('mkdir', ['-p', pin]);
  const r = spawnSync('bpftool', ['-d', 'prog', 'loadall', obj, pin], { encoding: 'utf8' });
  rmSync(pin, { recursive: true, force: true });
  const desc = new Map<string, string>();
  const out: string[] = [];
  for (const l of ((r.stderr ?? '') + (r.stdout ?? '')).split('\n')) {
    const d = /prog '\w+': relo #(\d+): (<\w+>) \[\d+\] (.*?)(?: \(.*\))?$/.exec(l);
    if (d && !l.includes('matching candidate')) desc.set(d[1], `${d[2]} ${d[3]}`);
    const p = /prog '\w+': relo #(\d+): patched insn #\d+ \(.*\) (?:imm64|imm|off) (-?\d+) -> (-?\d+)/.exec(l);
    if (p && desc.has(p[1])) out.push(`${desc.get(p[1])} = ${p[3]}`);
  }
  return out.join('\n') + '\n';
}

function main(): void {
  const tmp = mkdtempSync(join(tmpdir(), 'core-'));
  try {
    const v = spawnSync('bpftool', ['btf', 'dump', 'file', '/sys/kernel/btf/vmlinux', 'format', 'c'], { encoding: 'utf8', maxBuffer: 1 << 28 });
    if (v.status !== 0) { console.log('bpftool unavailable; goldens left as they are'); return; }
    writeFileSync(join(tmp, 'vmlinux.h'), v.stdout);
    for (const name of CASES) {
      const src = join(CORPUS, `${name}.c`);
      const clangObj = join(tmp, `${name}.clang.o`);
      const cc = spawnSync('clang-19', ['-O2', '-g', '-target', 'bpf', '-D__TARGET_ARCH_x86', `-I${tmp}`, '-I/usr/include/x86_64-linux-gnu', '-c', src, '-o', clangObj], { encoding: 'utf8' });
      if (cc.status !== 0) throw new Error(cc.stderr);
      writeFileSync(join(HERE, `${name}.clang.txt`), coreLines(clangObj));
      writeFileSync(join(HERE, `${name}.libbpf.txt`), libbpfValues(clangObj));
      const res = compile({ [`${name}.c`]: readFileSync(src, 'utf8') }, `${name}.c`);
      if (!res.object) throw new Error(`${name}: ${JSON.stringify(res.diagnostics)}`);
      const ours = join(tmp, `${name}.ours.o`);
      writeFileSync(ours, writeElf(res.object));
      writeFileSync(join(HERE, `${name}.ours.txt`), coreLines(ours));
      console.log(name);
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
