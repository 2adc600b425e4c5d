/**
 * Record the `__kconfig` goldens (kconfig.test.ts reads them):
 *
 *   npx tsx src/compiler/testdata/kconfig/record.ts
 *
 * For each corpus program in CASES: clang-19's object (`<name>.clang.o`, kept so the tests can
 * read and run it) and, from the tools reading clang's object and ours: the undefined symbols
 * with their binding and the code relocations against them (`llvm-readelf-19 -rs`), the extern
 * VARs / FUNCs and the `.kconfig` / `.ksyms` DATASECs (`bpftool btf dump file`, type ids
 * dropped), and the externs libbpf collects (`bpftool -d prog loadall`: "extern (kcfg) #i: …,
 * off N, name X", "extern (ksym) #i: …") → `<name>.clang.txt` and `<name>.ours.txt`.
 * Needs root, clang-19, llvm-readelf-19 and bpftool; the tests only read the goldens.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compile } from '../../driver.ts';
import { writeElf } from '../../../elf/index.ts';

export const CASES = ['xdp_kconfig', 'kprobe_ksym_kfunc'];

const HERE = dirname(fileURLToPath(import.meta.url));
const CORPUS = join(HERE, '../corpus');

const run = (cmd: string, args: string[]): string => {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')}: ${r.stderr}`);
  return (r.stdout ?? '') + (r.stderr ?? '');
};

/** The extern view of an object, tool by tool. */
export function externView(obj: string): string {
  const out: string[] = ['# llvm-readelf-19 -rs: undefined symbols, relocations against them'];
  const rs = run('llvm-readelf-19', ['-rs', obj]).split('\n');
  const und = rs.filter((l) => / UND [A-Za-z_]/.test(l)).map((l) => l.trim().split(/\s+/)).map((f) => `${f[4]} ${f[3]} ${f[7]}`);
  out.push(...und);
  const names = new Set(und.map((l) => l.split(' ')[2]));
  let sec = '';
  // which symbols are relocated, once each (clang may load an extern's address once and reuse it)
  const rels = new Set<string>();
  for (const l of rs) {
    const m = /^Relocation section '\.rel([^']*)'/.exec(l);
    if (m) { sec = m[1]; continue; }
    const f = l.trim().split(/\s+/);
    if (f.length >= 5 && names.has(f[4]) && !sec.startsWith('.debug') && !sec.startsWith('.BTF')) rels.add(`${sec} ${f[2]} ${f[4]}`);
  }
  out.push(...[...rels].sort());
  out.push('# bpftool btf dump file: extern VARs and FUNCs, DATASEC .kconfig / .ksyms');
  let inSec = false;
  for (const l of run('bpftool', ['btf', 'dump', 'file', obj]).split('\n')) {
    if (/^\[\d+\] /.test(l)) inSec = /DATASEC '\.(kconfig|ksyms)'/.test(l);
    if (/(VAR|FUNC) '.*linkage=extern/.test(l)) out.push(l.replace(/^\[\d+\] /, '').replace(/type_id=\d+,? /, ''));
    else if (inSec && l.trim()) out.push(l.trim().replace(/^\[\d+\] /, '').replace(/type_id=\d+ /, ''));
  }
  out.push('# bpftool -d prog loadall: libbpf places the externs');
  const pin = `/sys/fs/bpf/kconfig_record`;
  rmSync(pin, { recursive: true, force: true });
  run('mkdir', ['-p', pin]);
  try {
    const log = run('bpftool', ['-d', 'prog', 'loadall', obj, pin]);
    out.push(...log.split('\n').filter((l) => /extern \((kcfg|ksym)\) #\d+:/.test(l)).map((l) => l.replace(/^libbpf: /, '').replace(/symbol \d+, /, '')));
  } finally {
    rmSync(pin, { recursive: true, force: true });
  }
  return out.join('\n') + '\n';
}

function main(): void {
  const tmp = mkdtempSync(join(tmpdir(), 'kconfig-'));
  try {
    writeFileSync(join(tmp, 'vmlinux.h'), run('bpftool', ['btf', 'dump', 'file', '/sys/kernel/btf/vmlinux', 'format', 'c']));
    for (const name of CASES) {
      const src = join(CORPUS, `${name}.c`);
      const clangObj = join(tmp, `${name}.clang.o`);
      run('clang-19', ['-O2', '-g', '-target', 'bpf', '-D__TARGET_ARCH_x86', `-I${tmp}`, '-I/usr/include/x86_64-linux-gnu', '-c', src, '-o', clangObj]);
      run('llvm-strip-19', ['-g', clangObj]);
      copyFileSync(clangObj, join(HERE, `${name}.clang.o`));
      writeFileSync(join(HERE, `${name}.clang.txt`), externView(clangObj));
      const res = compile({ [`${name}.c`]: readFileSync(src, 'utf8') }, `${name}.c`);
      if (!res.object) throw new Error(`${name}: ${JSON.stringify(res.diagnostics)}`);
      const ours = join(tmp, `${name}.ours.o`);
      writeFileSync(ours, writeElf(res.object));
      writeFileSync(join(HERE, `${name}.ours.txt`), externView(ours));
      console.log(name);
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
