#!/usr/bin/env node
// postinstall: make `npx ebpf-playground` (and node_modules/.bin/ebpf-playground) run this
// checkout's CLI. npm links the bins of dependencies, not the root package's own `bin`, so
// without this link `npx ebpf-playground` would look for a package of that name instead.
import { chmodSync, existsSync, mkdirSync, rmSync, symlinkSync } from 'node:fs';

const target = '../../bin/ebpf-playground.mjs';
const link = 'node_modules/.bin/ebpf-playground';
if (existsSync('bin/ebpf-playground.mjs') && existsSync('node_modules')) {
  mkdirSync('node_modules/.bin', { recursive: true });
  rmSync(link, { force: true });
  symlinkSync(target, link);
  chmodSync('bin/ebpf-playground.mjs', 0o755);
}
