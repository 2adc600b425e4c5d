/** The Packets panel: verdicts, dissection and the before/after diff of a rewritten packet. */
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { openC, openTab, runTraffic, shots } from './panel-helpers.ts';

const REWRITE = readFileSync(new URL('./fixtures/panel-events.c', import.meta.url), 'utf8');

test('the packet list shows verdicts matching the program, dissected', async ({ page }) => {
  await openC(page);
  await runTraffic(page, 300, 'iperf');
  await openTab(page, 'Packets');
  const pane = page.getByRole('region', { name: 'Packets' });
  const list = pane.getByRole('table', { name: 'Packet list' });
  // iperf sends UDP to port 5001: the example drops exactly those
  const first = list.locator('tbody tr').first();
  await expect(first).toContainText('.5001: UDP');
  await expect(first).toContainText('XDP_DROP');
  const detail = pane.getByLabel('Dissection');
  await expect(detail).toContainText('User Datagram Protocol');
  await expect(detail).toContainText('Destination Port: 5001');
  await shots(page, 'panel-packets');
});

test('a rewritten packet shows the changed byte', async ({ page }) => {
  await openC(page, REWRITE);
  await runTraffic(page, 5);
  await openTab(page, 'Packets');
  const pane = page.getByRole('region', { name: 'Packets' });
  await expect(pane.getByRole('table', { name: 'Packet list' }).locator('tbody tr').first()).toContainText('XDP_TX');
  // the program writes 0xee to byte 0 (the first byte of the destination MAC)
  const after = pane.getByLabel('Packet bytes after');
  await expect(after.locator('.changed')).toHaveCount(1);
  await expect(after.locator('.changed')).toHaveText(/^ee/);
  await expect(pane.getByLabel('Packet bytes before').locator('.changed')).toHaveCount(0);
  await shots(page, 'panel-packets-rewrite');
});
