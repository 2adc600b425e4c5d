/** The verifier state panel: states per instruction, and concrete values beside abstract ones. */
import { expect, test } from '@playwright/test';
import { openPlayground, setEditorText } from './helpers.ts';
import { openTab, shots } from './panel-helpers.ts';

test('states per instruction, with the concrete registers beside the abstract ones', async ({ page }) => {
  await openPlayground(page);
  await setEditorText(page, 'r1 = 7\nr2 = r1\nr2 += 3\nif r2 > 100 goto +1\nr0 = r2\nexit\n');
  await openTab(page, 'States');
  const pane = page.getByRole('region', { name: 'Verifier states' });
  await expect(pane.getByRole('table', { name: 'States per instruction' })).toBeVisible();
  // after the Run button's traced run, pick insn 4 (r0 = r2): the verifier knew r2 = 10 exactly
  await page.getByRole('button', { name: /^Run program/ }).first().click();
  await expect(page.getByRole('region', { name: 'Result' }).getByLabel('r0 (decimal)')).toHaveText('10');
  await pane.getByRole('table', { name: 'States per instruction' }).locator('tr', { hasText: 'r0 = r2' }).click();
  const at = pane.getByLabel('States at the selected instruction');
  await expect(at).toContainText('R2');
  await expect(at.getByLabel('Concrete beside abstract').first()).toContainText('r2: 10 ⇢ 10');
  await expect(at.locator('.diverge')).toHaveCount(0);
  await shots(page, 'panel-states');
});
