/**
 * Record `maps_btf.clang.o`: clang-19's object for maps_btf.c (debug info stripped), which
 * mapBtf.test.ts compares our `.maps` BTF with.
 *
 *   npx tsx src/compiler/testdata/maps/record.ts
 *
 * Needs clang-19 and llvm-strip-19; the test only reads the object.
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));

function main(): void {
  const out = join(HERE, 'maps_btf.clang.o');
  for (const [cmd, args] of [
    ['clang-19', ['-O2', '-g', '-target', 'bpf', '-I/usr/include/x86_64-linux-gnu', '-c', join(HERE, 'maps_btf.c'), '-o', out]],
    ['llvm-strip-19', ['-g', out]],
  ] as const) {
    const r = spawnSync(cmd, [...args], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${cmd}: ${r.stderr}`);
  }
  console.log(out);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
