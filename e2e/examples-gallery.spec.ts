/**
 * A user opens examples from the gallery with one click: each is C (the assembly track is in the
 * lessons), opens as C with its program type, scenario and seed, and runs on its one test packet.
 * Searching by topic or words narrows the list; the expected matches are worked out here from
 * the examples' header lines (title, description, topics), not from the page's own search code.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { openPlayground, screenshot } from './helpers.ts';

const header = (text: string, key: string) => new RegExp(`^//\\s*@${key}:\\s*(.*)$`, 'm').exec(text)?.[1].trim();
const DIRS = readdirSync('examples').filter((d) => /^\d\d-/.test(d)).sort();
const EXAMPLES = DIRS.map((dir) => {
  const text = readFileSync(`examples/${dir}/prog.c`, 'utf8');
  return { dir, text, title: header(text, 'title')!, prog: header(text, 'prog')!, scenario: header(text, 'scenario'), seed: header(text, 'seed') ?? '0' };
});
// the basics track: a first program, a loop over the stack, reading memory, function calls
const BASICS = EXAMPLES.filter((e) => /^0[1-4]-/.test(e.dir));

test('the basics examples open from the gallery as C and run', async ({ page }) => {
  expect(BASICS.map((e) => e.dir)).toEqual(['01-registers', '02-stack-loop', '03-sum-bytes', '04-function-call']);
  await openPlayground(page);
  const result = page.getByRole('region', { name: 'Result' });
  for (const [i, ex] of BASICS.entries()) {
    await test.step(ex.dir, async () => {
      await page.getByRole('button', { name: 'Examples' }).click();
      const gallery = page.getByRole('dialog', { name: 'Examples' });
      await expect(gallery.getByRole('list', { name: 'Examples' }).getByRole('listitem')).toHaveCount(DIRS.length);
      if (i === 0) await screenshot(page, '15-gallery');
      await gallery.getByRole('button', { name: `Open example: ${ex.title}`, exact: true }).click();
      await expect(gallery).toHaveCount(0);
      await expect(page.getByLabel('Language')).toHaveValue('c');
      await expect(page.getByRole('progressbar', { name: 'Run progress' })).toContainText(`${ex.scenario} · seed ${ex.seed}`);
      // the previous example's result is gone until this one runs
      await expect(result).toContainText('Press Run');
      await page.getByRole('button', { name: /^Run program/ }).click();
      // every basics program passes the default test packet (a short UDP frame)
      await expect(result.getByLabel('return value', { exact: true })).toHaveText('XDP_PASS');
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
  // "payload bytes": only example 03's description has both words
  const payload = EXAMPLES.filter((e) => /\bpayload\b/i.test(e.text.split('#include')[0]) && /\bbytes\b/i.test(e.text.split('#include')[0]));
  expect(payload.map((e) => e.dir)).toEqual(['03-sum-bytes']);
  await search.fill('payload bytes');
  await expect(items).toHaveCount(1);
  await expect(items.first()).toContainText('Reading memory');
  await expect(items.first()).toContainText('scenario: web, 2,000 packets, seed 7');
  // the topic "basics" (the header's @topics), typed
  const basics = EXAMPLES.filter((e) => /@topics:.*\bbasics\b/.test(e.text));
  await search.fill('basics');
  await expect(items).toHaveCount(basics.length);
  await search.fill('no such topic at all');
  await expect(items).toHaveCount(0);
  await expect(gallery).toContainText('No example matches');
  await screenshot(page, '17-gallery-empty');
  await page.keyboard.press('Escape');
  await expect(gallery).toHaveCount(0);
});
