/**
 * A user opens every example from the gallery with one click and runs it: the mem input is the
 * example's `# @mem:` header and r0 is its `# @expect-r0:` header (values worked out by hand when
 * each example was written). Searching by topic narrows the list.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { openPlayground, screenshot } from './helpers.ts';

const header = (text: string, key: string) => new RegExp(`^#\\s*@${key}:\\s*(.*)$`, 'm').exec(text)?.[1].trim();
const DIRS = readdirSync('examples').filter((d) => /^\d\d-/.test(d));
// the assembly examples run raw to an r0; the C ones (prog.c) run in the kernel, checked in
// verify-a-program.spec.ts
const EXAMPLES = DIRS.filter((d) => existsSync(`examples/${d}/prog.s`))
  .sort()
  .map((dir) => {
    const text = readFileSync(`examples/${dir}/prog.s`, 'utf8');
    return { dir, title: header(text, 'title')!, mem: header(text, 'mem') ?? '', r0: header(text, 'expect-r0')! };
  });

test('every example opens from the gallery and runs to its expected r0', async ({ page }) => {
  expect(EXAMPLES.length).toBeGreaterThanOrEqual(4);
  await openPlayground(page);
  const result = page.getByRole('region', { name: 'Result' });
  for (const [i, ex] of EXAMPLES.entries()) {
    await test.step(ex.dir, async () => {
      await page.getByRole('button', { name: 'Examples' }).click();
      const gallery = page.getByRole('dialog', { name: 'Examples' });
      await expect(gallery.getByRole('list', { name: 'Examples' }).getByRole('listitem')).toHaveCount(DIRS.length);
      if (i === 0) await screenshot(page, '15-gallery');
      await gallery.getByRole('button', { name: `Open example: ${ex.title}` }).click();
      await expect(gallery).toHaveCount(0);
      await expect(page.getByLabel('mem (hex)')).toHaveValue(ex.mem);
      // the previous example's result is gone until this one runs
      await expect(result).toContainText('Press Run');
      await page.getByRole('button', { name: /^Run program/ }).click();
      await expect(result.getByLabel('r0 (decimal)')).toHaveText(BigInt.asUintN(64, BigInt(ex.r0)).toString());
      await expect(result.getByText('exit', { exact: true })).toBeVisible();
    });
  }
  await screenshot(page, '16-example-ran');
});

test('the gallery filters by topic as you type', async ({ page }) => {
  await openPlayground(page);
  await page.locator('body').click({ position: { x: 5, y: 700 } });
  await page.keyboard.press('e'); // the shortcut opens it too
  const gallery = page.getByRole('dialog', { name: 'Examples' });
  const items = gallery.getByRole('list', { name: 'Examples' }).getByRole('listitem');
  const search = gallery.getByRole('searchbox', { name: 'Search examples' });
  await expect(search).toBeFocused();
  const memTopics = EXAMPLES.filter((e) => e.dir.includes('sum-bytes'));
  await search.fill('sum bytes');
  await expect(items).toHaveCount(memTopics.length);
  await expect(items.first()).toContainText('mem: 01 02 03 04 ff');
  await search.fill('no such topic at all');
  await expect(items).toHaveCount(0);
  await expect(gallery).toContainText('No example matches');
  await screenshot(page, '17-gallery-empty');
  await page.keyboard.press('Escape');
  await expect(gallery).toHaveCount(0);
});
