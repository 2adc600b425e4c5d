/**
 * Step: one packet on the reference interpreter with its register trace — the Trace panel lists
 * the executed instructions, the Result panel shows that packet's verdict, and the verdict agrees
 * with the packet's bytes (UDP to port 5001 is dropped, anything else passes).
 */
import { expect, test } from '@playwright/test';
import { openC, openTab, runSettings, shots } from './panel-helpers.ts';

test('Step runs one packet traced and the trace panels show it', async ({ page }) => {
  await openC(page);
  const bar = await runSettings(page);
  await bar.getByLabel('Traffic scenario').selectOption('iperf');
  await bar.getByLabel('Packet count').fill('1000');
  for (let i = 0; i < 3; i++) await bar.getByRole('button', { name: 'Step one packet' }).click();
  await expect(bar.getByLabel('Packets run')).toContainText('3 / 1,000');
  await openTab(page, 'Trace');
  const rows = page.getByRole('table', { name: 'Executed instructions' }).locator('tbody tr:not([aria-hidden])');
  await expect(rows.first()).toBeVisible();
  // the first executed instruction is pc 0
  await expect(rows.first().locator('td').nth(1)).toHaveText('0');
  // the States panel puts that packet's concrete registers beside the verifier's abstract ones
  await openTab(page, 'States');
  const states = page.getByRole('region', { name: 'Verifier states' });
  await states.getByRole('table', { name: 'States per instruction' }).locator('tr', { hasText: 'if r1 > r8 goto' }).first().click();
  const at = states.getByLabel('States at the selected instruction');
  const concrete = at.getByLabel('Concrete beside abstract').first();
  await expect(concrete).toContainText(/r8: pkt_end\(\) ⇢ 0x[0-9a-f]+/);
  await expect(at.locator('.diverge')).toHaveCount(0);
  // r7 = data, r8 = data_end of that very packet: their difference is its length, as Result says
  const text = await concrete.innerText();
  const reg = (r: string) => BigInt(new RegExp(`${r}: [^⇢]*⇢ (0x[0-9a-f]+)`).exec(text)![1]);
  const len = Number(/\((\d+) bytes/.exec(await page.getByRole('region', { name: 'Result' }).innerText())![1]);
  expect(Number(reg('r8') - reg('r7'))).toBe(len);
  await shots(page, 'run-step-states');
  await openTab(page, 'Packets');
  const verdict = await page.getByRole('region', { name: 'Packets' }).getByText(/XDP_(DROP|PASS)/).last().innerText();
  expect(verdict).toMatch(/XDP_(DROP|PASS)/);
  await openTab(page, 'Stats');
  await expect(page.getByRole('region', { name: 'Stats' }).getByLabel('runs')).toHaveText('3');
  await shots(page, 'run-step');
});
