/** The Bytecode panel after a traffic run: per-instruction execution counts, jump targets. */
import { expect, test } from '@playwright/test';
import { openC, openTab, runTraffic, shots } from './panel-helpers.ts';

test('execution counts agree with the verdicts, and a jump target can be followed', async ({ page }) => {
  await openC(page);
  await runTraffic(page, 200, 'mixed');
  const code = page.getByRole('region', { name: 'Bytecode' });
  await expect(code.getByRole('columnheader', { name: 'runs' })).toBeVisible();
  const rows = code.getByRole('table', { name: 'Bytecode' }).locator('tbody tr');
  // every one of the 200 packets runs insn 0 once
  await expect(rows.first().locator('td.exec-count')).toHaveText('200');
  // the map lookup (`r1 = dropped ll`) runs exactly once per dropped packet
  await openTab(page, 'Stats');
  const drops = Number(
    (await page.getByRole('table', { name: 'Verdict counts' }).locator('tr', { hasText: 'XDP_DROP' }).locator('td').nth(1).innerText()).replace(/,/g, ''),
  );
  expect(drops).toBeGreaterThan(0);
  await expect(rows.filter({ hasText: 'dropped ll' }).locator('td.exec-count')).toHaveText(String(drops));
  // the first bounds check jumps: following it selects the target row
  const jump = rows.filter({ hasText: 'goto' }).first();
  const target = Number((await jump.getByRole('button').innerText()).replace('↳', '').trim());
  await jump.getByRole('button').click();
  await expect(rows.nth(target)).toHaveClass(/selected/);
  await shots(page, 'panel-bytecode-counts');
});

test('the counts are exact for every packet of a long run (no estimate), and agree with the verdicts', async ({ page }) => {
  await openC(page);
  await runTraffic(page, 1000, 'mixed');
  const code = page.getByRole('region', { name: 'Bytecode' });
  // counted by the engines over all 1,000 packets (not a replay of the first 256)
  await expect(code.getByRole('columnheader', { name: 'runs' })).toBeVisible();
  await expect(code.getByRole('columnheader', { name: /≈ all/ })).toHaveCount(0);
  const rows = code.getByRole('table', { name: 'Bytecode' }).locator('tbody tr');
  // insn 0 runs once per packet
  await expect(rows.first().locator('td.exec-count')).toHaveText('1,000');
  await expect(code.locator('td.exec-estimate')).toHaveCount(0);
  await openTab(page, 'Stats');
  const drops = Number(
    (await page.getByRole('table', { name: 'Verdict counts' }).locator('tr', { hasText: 'XDP_DROP' }).locator('td').nth(1).innerText()).replace(/,/g, ''),
  );
  expect(drops).toBeGreaterThan(0);
  await expect(rows.filter({ hasText: 'dropped ll' }).locator('td.exec-count')).toHaveText(drops.toLocaleString('en-US'));
  await shots(page, 'panel-bytecode-exact-counts');
});
