#!/usr/bin/env node
// `npm test`: the whole suite — unit tests (vitest), then a production build and the e2e specs in
// real Chromium (Playwright driving Debian's chromium). Fails loudly when Chromium is missing:
// skipping the browser would hide a broken page. Ends with one "N passed, M failed" line.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';

const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
if (!existsSync(chromium)) {
  console.error(`npm test: error: Chromium not found at ${chromium}. Install Debian's package ` +
    `(apt-get update && apt-get install -y chromium) or set CHROMIUM_PATH. The e2e suite does not skip.`);
  process.exit(1);
}

function run(cmd, args) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: process.env });
  return r.status ?? 1;
}

let passed = 0;
let failed = 0;
const count = (file, kind) => {
  try {
    const j = JSON.parse(readFileSync(file, 'utf8'));
    if (kind === 'vitest') {
      passed += j.numPassedTests ?? 0;
      failed += (j.numFailedTests ?? 0);
    } else {
      passed += j.stats?.expected ?? 0;
      failed += (j.stats?.unexpected ?? 0) + (j.stats?.flaky ?? 0);
    }
  } catch {
    /* no report: the exit status below still fails the run */
  }
};

rmSync('test-results/vitest.json', { force: true });
rmSync('test-results/e2e.json', { force: true });
const unit = run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile.json=test-results/vitest.json']);
count('test-results/vitest.json', 'vitest');
const build = run('npx', ['vite', 'build', '--logLevel', 'warn']);
const e2e = build === 0 ? run('npx', ['playwright', 'test']) : 1;
count('test-results/e2e.json', 'playwright');
if (unit !== 0 && failed === 0) failed++;
if (build !== 0) failed++;
if (e2e !== 0 && failed === 0) failed++;
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(unit || build || e2e ? 1 : 0);
