/**
 * A user types a line the assembler cannot read: the Result pane lists it as `line:col: message`
 * (position counted by hand: line 2, column 9 — where `bogus` starts; llvm-mc 19 reports the
 * same 2:9), the editor underlines it with a Monaco error marker, and nothing runs.
 */
import { expect, test } from '@playwright/test';
import { openPlayground, screenshot, setEditorText } from './helpers.ts';

test('bad assembly shows its line:col in the result and as an editor marker', async ({ page }) => {
  await openPlayground(page);
  await setEditorText(page, 'r0 = 1\n        bogus r0, 1\nexit\n');
  await page.getByRole('button', { name: /^Run program/ }).click();

  const result = page.getByRole('region', { name: 'Result' });
  const diags = result.getByRole('list', { name: 'Diagnostics' });
  await expect(diags.locator('li.diag-error').first()).toContainText(/^2:9: error: \S/);
  await expect(result.getByText(/Not run: \d+ errors? in the program/)).toBeVisible();
  await expect(result.getByLabel('r0 (hex)')).toHaveCount(0);

  // the editor shows an error squiggle (a Monaco marker)
  await expect(page.locator('.monaco-editor .squiggly-error').first()).toBeAttached();
  // no trace, no bytecode
  await expect(page.getByRole('region', { name: 'Register trace' }).getByText('Nothing ran')).toBeVisible();
  await screenshot(page, '04-error');

  // clicking the position puts the caret there: typing lands right before `bogus`
  await diags.getByRole('button', { name: 'Go to line 2, column 9' }).click();
  await page.keyboard.type('x');
  await expect(page.locator('.monaco-editor .view-line').nth(1)).toHaveText(/^\s{8}xbogus\sr0,\s1$/);

  // fixing it clears the marker on the next run
  await setEditorText(page, 'r0 = 1\nexit\n');
  await page.keyboard.press('Control+Enter');
  await expect(result.getByLabel('r0 (decimal)')).toHaveText('1');
  await expect(page.locator('.monaco-editor .squiggly-error')).toHaveCount(0);
});
