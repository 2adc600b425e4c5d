/** The Stats panel: runs, verdict counts over time, engine figures. */
import { expect, test } from '@playwright/test';
import { openC, openTab, runTraffic, shots } from './panel-helpers.ts';

test('verdict counts add up to the runs and match the map counter', async ({ page }) => {
  await openC(page);
  await runTraffic(page, 5000);
  await openTab(page, 'Stats');
  const pane = page.getByRole('region', { name: 'Stats' });
  await expect(pane.getByLabel('runs')).toHaveText('5,000');
  // verified by our verifier: the JIT's proven mode, with its compile time and ns per run
  await expect(pane.getByLabel('engine', { exact: true })).toHaveText('JIT (WebAssembly, proven mode)');
  await expect(pane.getByLabel('Engine summary')).toHaveText(/^JIT: [\d,.]+ (µs|ms) to compile, [\d,.]+ ns\/packet in the program\. Proven mode/);
  await expect(pane.getByLabel('fast engine compile time')).toHaveText(/^\d+\.\d\d ms$/);
  await expect(pane.getByRole('img', { name: 'Verdict counts over the run' })).toBeVisible();
  const rows = pane.getByRole('table', { name: 'Verdict counts' }).locator('tr');
  const counts: Record<string, number> = {};
  for (const r of await rows.all()) {
    const cells = await r.locator('td').allInnerTexts();
    counts[cells[0].replace('■', '').trim()] = Number(cells[1].replace(/,/g, ''));
  }
  expect((counts.XDP_PASS ?? 0) + (counts.XDP_DROP ?? 0)).toBe(5000);
  expect(Number((await pane.getByLabel('ns per packet').innerText()).replace(/,/g, ''))).toBeGreaterThan(0);
  await shots(page, 'panel-stats');
  // the program counts its drops in a map: the same number
  await openTab(page, 'Maps');
  const cell = page.getByRole('table', { name: 'Map dropped' }).locator('tbody tr').first().locator('td').nth(2);
  await expect(cell).toHaveText(String(counts.XDP_DROP));
});
