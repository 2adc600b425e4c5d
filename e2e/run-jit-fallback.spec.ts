/**
 * The automatic JIT → interpreter fallback: an LSM program that reads kernel memory through BTF
 * pointers (`file->f_inode->i_ino`: two BPF_PROBE_MEM loads, which the WebAssembly JIT does not
 * compile) runs on the reference interpreter even with the engine on "auto". The Stats panel must
 * say so (naming the interpreter and why), and the run's outcome must be the same as an
 * interpreter-only run: the program's counter equals the number of times it ran (every opened
 * file has an inode), in both runs.
 */
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { openC, openTab, runSettings, runTraffic, shots } from './panel-helpers.ts';

const PROBE = readFileSync(new URL('./fixtures/probe-mem-lsm.c', import.meta.url), 'utf8');

/** The runs counted in the Stats panel's verdict table, and the program's `opens` counter in the Maps panel. */
async function outcome(page: Page): Promise<{ runs: number; opens: number }> {
  await openTab(page, 'Stats');
  const cell = page.getByRole('table', { name: 'Verdict counts' }).locator('tr').filter({ has: page.getByRole('cell', { name: '■ runs', exact: true }) }).locator('td').nth(1);
  const runs = Number((await cell.innerText()).replace(/,/g, ''));
  await openTab(page, 'Maps');
  const row = page.getByRole('region', { name: 'Maps' }).getByRole('table', { name: 'Map opens' }).locator('tbody tr').first();
  await expect(row.locator('td').first()).toHaveText('00000000');
  const opens = Number(await row.locator('td').nth(2).innerText());
  return { runs, opens };
}

test('a program the JIT cannot compile runs on the interpreter, says so, and gives the same outcome', async ({ page }) => {
  await openC(page, PROBE);
  // engine "auto" (the JIT for bulk runs)
  const bar = await runSettings(page);
  await expect(bar.getByLabel('Engine')).toHaveValue('fast');
  await runTraffic(page, 100_000, 'malicious');
  await openTab(page, 'Stats');
  const stats = page.getByRole('region', { name: 'Stats' });
  await expect(stats.getByLabel('engine', { exact: true })).toHaveText('reference interpreter (JIT fallback)');
  const summary = stats.getByLabel('Engine summary');
  await expect(summary).toContainText('The JIT could not compile this program');
  await expect(summary).toContainText('BPF_PROBE_MEM');
  await expect(summary).toContainText('reference interpreter');
  // no JIT figures are claimed for a run the JIT did not do
  await expect(stats.getByLabel('fast engine ns per run')).toHaveText('–');
  await shots(page, 'run-jit-fallback');
  const auto = await outcome(page);
  expect(auto.runs).toBeGreaterThan(0);
  expect(auto.opens).toBe(auto.runs);

  // the same run on the interpreter by choice: same outcome, and no fallback is reported
  await (await runSettings(page)).getByRole('button', { name: 'Reset the traffic run' }).click();
  await (await runSettings(page)).getByLabel('Engine').selectOption('ref');
  await runTraffic(page, 100_000, 'malicious');
  await openTab(page, 'Stats');
  await expect(stats.getByLabel('engine', { exact: true })).toHaveText('reference interpreter');
  await expect(stats.getByLabel('Engine summary')).not.toContainText('could not compile');
  expect(await outcome(page)).toEqual(auto);
});
