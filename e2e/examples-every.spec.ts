/**
 * Every example in examples/ (read at test time, so new ones are covered; all are C) opens from
 * the gallery in one click, verifies (the verdict appears as soon as it opens — verify as you
 * type; every example must be accepted), runs, and shows its outcome:
 *  - with a `@scenario`: the scenario and seed are in the workspace, and a traffic/event run
 *    goes to 100% (the run summary); for the basics examples (01–04) the Stats panel's verdict
 *    counts are the 6.18 kernel's over the same packets (src/cli/testdata/examples/NN.json:
 *    clang-19's build, BPF_PROG_TEST_RUN on every packet of the scenario);
 *  - without one: Run, and the test run's return value is shown.
 * The gallery's chips filter by program type and topic.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { openPlayground, screenshot } from './helpers.ts';

const header = (text: string, key: string) => new RegExp(`^(?:#|//)\\s*@${key}:\\s*(.*)$`, 'm').exec(text)?.[1].trim();
const EXAMPLES = readdirSync('examples')
  .filter((d) => /^\d\d-/.test(d))
  .sort()
  .map((dir) => {
    const file = 'prog.c';
    const text = readFileSync(`examples/${dir}/${file}`, 'utf8');
    const golden = `src/cli/testdata/examples/${dir}.json`;
    const kernelRetvals = existsSync(golden) ? (JSON.parse(readFileSync(golden, 'utf8')) as { retvals: number[] }).retvals : null;
    return { dir, file, title: header(text, 'title')!, scenario: header(text, 'scenario'), seed: header(text, 'seed'), kernelRetvals };
  });

const XDP = ['XDP_ABORTED', 'XDP_DROP', 'XDP_PASS', 'XDP_TX', 'XDP_REDIRECT'];

async function openFromGallery(page: Page, title: string): Promise<void> {
  await page.getByRole('button', { name: 'Examples' }).click();
  const gallery = page.getByRole('dialog', { name: 'Examples' });
  await gallery.getByRole('button', { name: `Open example: ${title}`, exact: true }).click();
  await expect(gallery).toHaveCount(0);
}

for (const ex of EXAMPLES) {
  test(`example ${ex.dir} opens, verifies, runs and shows its outcome`, async ({ page }) => {
    test.setTimeout(120_000);
    await openPlayground(page);
    await openFromGallery(page, ex.title);
    await expect(page.getByLabel('Language')).toHaveValue('c');
    const verdict = page.getByRole('region', { name: 'Verifier' }).getByRole('status', { name: 'Verdict' });
    // every example is a real program the kernel accepts
    await expect(verdict).toContainText(/accepted/, { timeout: 30_000 });
    const result = page.getByRole('region', { name: 'Result' });
    if (ex.scenario) {
      const progress = page.getByRole('progressbar', { name: 'Run progress' });
      await expect(progress).toContainText(`seed ${ex.seed ?? 0}`);
      await page.getByRole('button', { name: 'Run on traffic' }).click();
      await expect(progress).toHaveAttribute('aria-valuenow', '100', { timeout: 90_000 });
      if (ex.kernelRetvals) {
        // the verdicts over the whole scenario are the kernel's, packet for packet in total
        const want: Record<string, number> = {};
        for (const r of ex.kernelRetvals) want[XDP[r]] = (want[XDP[r]] ?? 0) + 1;
        await page.getByRole('tablist', { name: 'Run panels' }).getByRole('tab', { name: 'Stats' }).click();
        const rows = page.getByRole('region', { name: 'Stats' }).getByRole('table', { name: 'Verdict counts' }).locator('tr');
        await expect(rows).toHaveCount(Object.keys(want).length);
        const got: Record<string, number> = {};
        for (const r of await rows.all()) {
          const cells = await r.locator('td').allInnerTexts();
          got[cells[0].replace('■', '').trim()] = Number(cells[1].replace(/,/g, ''));
        }
        expect(got).toEqual(want);
      }
    } else {
      await page.getByRole('button', { name: /^Run program/ }).click();
      await expect(result.getByLabel('return value', { exact: true })).not.toBeEmpty();
    }
    await screenshot(page, `example-${ex.dir}`);
  });
}

test('the gallery filters by program type and topic chips', async ({ page }) => {
  await openPlayground(page);
  await page.getByRole('button', { name: 'Examples' }).click();
  const gallery = page.getByRole('dialog', { name: 'Examples' });
  const items = gallery.getByRole('list', { name: 'Examples' }).getByRole('listitem');
  await expect(items).toHaveCount(EXAMPLES.length);
  const xdp = EXAMPLES.filter((e) => header(readFileSync(`examples/${e.dir}/${e.file}`, 'utf8'), 'prog') === 'xdp');
  await gallery.getByRole('group', { name: 'Program type' }).getByRole('button', { name: /^xdp \d+$/ }).click();
  await expect(items).toHaveCount(xdp.length);
  await screenshot(page, 'gallery-xdp');
  const withMaps = xdp.filter((e) => /@topics:.*\bmaps\b/.test(readFileSync(`examples/${e.dir}/${e.file}`, 'utf8')));
  await gallery.getByRole('group', { name: 'Topic' }).getByRole('button', { name: /^maps \d+$/ }).click();
  await expect(items).toHaveCount(withMaps.length);
  // pressing a chip again clears it
  await gallery.getByRole('group', { name: 'Program type' }).getByRole('button', { name: /^xdp \d+$/ }).click();
  await gallery.getByRole('group', { name: 'Topic' }).getByRole('button', { name: /^maps \d+$/ }).click();
  await expect(items).toHaveCount(EXAMPLES.length);
});
