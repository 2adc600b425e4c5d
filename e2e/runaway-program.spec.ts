/**
 * A user runs an infinite loop: the VM stops it at the instruction budget (1 000 000), the
 * Result pane says so with the oops text, and the page keeps working (stepping, editing,
 * running again).
 */
import { expect, test } from '@playwright/test';
import { openPlayground, screenshot, setEditorText } from './helpers.ts';

test('an infinite loop ends on the budget and the page stays responsive', async ({ page }) => {
  await openPlayground(page);
  await setEditorText(page, 'loop:\n        r0 += 1\n        goto loop\n');
  await page.getByRole('button', { name: /^Run program/ }).click();

  const result = page.getByRole('region', { name: 'Result' });
  await expect(result.getByText('budget exhausted')).toBeVisible({ timeout: 30_000 });
  await expect(result.getByLabel('kernel oops')).toBeVisible();
  await expect(result.getByLabel('kernel oops')).not.toBeEmpty();
  // 1 000 000 instructions executed (the default budget), shown with separators
  await expect(result.getByLabel('instructions executed')).toHaveText('1,000,000');
  const trace = page.getByRole('region', { name: 'Register trace' });
  await expect(trace.getByText(/keeps the first 10,000 of 1,000,000/)).toBeVisible();
  await screenshot(page, '05-runaway');

  // still responsive: stepping works, and a new program runs
  await trace.getByRole('button', { name: 'Step forward' }).click();
  await expect(trace.getByLabel('current pc')).toHaveText('1');
  await expect(trace.getByLabel('r0', { exact: true })).toHaveText('0x0000000000000001');
  await trace.getByRole('button', { name: 'Last step' }).click();
  await expect(trace.getByLabel('current step')).toHaveText('10000');
  await setEditorText(page, 'r0 = 9\nexit\n');
  await page.keyboard.press('Control+Enter');
  await expect(result.getByLabel('r0 (decimal)')).toHaveText('9');
});
