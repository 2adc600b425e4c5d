/** The Maps panel: live map contents during a traffic run, and editing an entry from user space. */
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { openC, openTab, runTraffic, shots } from './panel-helpers.ts';

test('the maps panel shows the drop counter, and an entry can be edited', async ({ page }) => {
  await openC(page);
  await runTraffic(page, 2000);
  await openTab(page, 'Maps');
  const maps = page.getByRole('region', { name: 'Maps' });
  const table = maps.getByRole('table', { name: 'Map dropped' });
  await expect(table).toBeVisible();
  const row = table.locator('tbody tr').first();
  await expect(row.locator('td').first()).toHaveText('00000000');
  const asNumber = Number(await row.locator('td').nth(2).innerText());
  expect(asNumber).toBeGreaterThan(0);
  await shots(page, 'panel-maps');
  // set the counter to 42 from "user space"
  await maps.getByLabel('dropped key (hex)').fill('00000000');
  await maps.getByLabel('dropped value (hex)').fill('2a00000000000000');
  await maps.getByRole('button', { name: 'update' }).click();
  await expect(row.locator('td').nth(1)).toHaveText('2a00000000000000');
  await expect(row.locator('td').nth(2)).toHaveText('42');
});

test('entries of a hash map can be added and deleted, and a log2 histogram is drawn', async ({ page }) => {
  await openC(page, readFileSync(new URL('../examples/23-runqlat/prog.c', import.meta.url), 'utf8'));
  await runTraffic(page, 2000, 'shell');
  await openTab(page, 'Maps');
  const maps = page.getByRole('region', { name: 'Maps' });
  // runqlat's histogram (an array named hist): drawn as bars with log2 bucket labels
  await expect(maps.getByRole('img', { name: 'hist as a histogram' })).toBeVisible();
  await expect(maps.getByRole('img', { name: 'hist as a histogram' })).toContainText('[2, 4)');
  const start = maps.getByRole('table', { name: 'Map start' });
  const before = await start.locator('tbody tr').count();
  await maps.getByLabel('start key (hex)').fill('efbeadde');
  await maps.getByLabel('start value (hex)').fill('0100000000000000');
  await maps.getByRole('form', { name: 'Update start' }).getByRole('button', { name: 'update' }).click();
  await expect(start.locator('tbody tr', { hasText: 'efbeadde' })).toHaveCount(1);
  await expect(start.locator('tbody tr')).toHaveCount(before + 1);
  await start.getByRole('button', { name: 'Delete key efbeadde from start' }).click();
  await expect(start.locator('tbody tr', { hasText: 'efbeadde' })).toHaveCount(0);
  await expect(start.locator('tbody tr')).toHaveCount(before);
  await shots(page, 'panel-maps-histogram');
});
