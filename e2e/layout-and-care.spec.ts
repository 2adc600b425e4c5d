/**
 * The page's care: panel dividers drag and are remembered; `?` lists the shortcuts; presentation
 * mode enlarges type; the mem input rejects bad hex with its column; the page fits a 1024×768
 * projector.
 */
import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { openPlayground, screenshot, setEditorText } from './helpers.ts';
import { openC } from './panel-helpers.ts';

const OOB_C = readFileSync(new URL('../src/worker/testdata/oob.c', import.meta.url), 'utf8');

/** Whole lines the verifier log shows (its box's height over one line's). */
async function logLines(page: import('@playwright/test').Page): Promise<number> {
  const log = page.getByRole('region', { name: 'Verifier' }).getByRole('log', { name: 'Verifier log' });
  return log.evaluate((el) => {
    const line = (el.querySelector('.vlog-line') as HTMLElement).getBoundingClientRect().height;
    const pad = parseFloat(getComputedStyle(el).paddingTop) + parseFloat(getComputedStyle(el).paddingBottom);
    return Math.floor((el.clientHeight - pad) / line);
  });
}

test('at 1280×720 the default split shows a rejected program\'s verifier log (8+ lines) and keeps the editor and run panels usable', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  // a rejected C program (the counterexample line under the verdict takes room too) and a rejected assembly one
  await openC(page, OOB_C, 'rejected');
  // once the counterexample is found, its box (two lines here) sits between the verdict and the log
  await expect(page.getByRole('region', { name: 'Verifier' }).getByLabel('Counterexample')).toContainText('Counterexample:', { timeout: 20_000 });
  expect(await logLines(page)).toBeGreaterThanOrEqual(8);
  const region = (name: string) => page.getByRole('region', { name });
  await expect(region('Verifier').getByRole('log', { name: 'Verifier log' })).toContainText('invalid access to packet, off=100000 size=1');
  // the complaint is in view, inside the log's box
  const log = (await region('Verifier').getByRole('log', { name: 'Verifier log' }).boundingBox())!;
  const err = (await region('Verifier').locator('.vlog-error').boundingBox())!;
  expect(err.y).toBeGreaterThanOrEqual(log.y);
  expect(err.y + err.height).toBeLessThanOrEqual(log.y + log.height + 1);
  await screenshot(page, 'layout-1280x720-rejected');
  await page.getByLabel('Language').selectOption('assembly');
  await setEditorText(page, 'r0 = 0\nr0 = r2\nexit');
  await expect(region('Verifier').getByRole('status', { name: 'Verdict' })).toContainText('rejected');
  expect(await logLines(page)).toBeGreaterThanOrEqual(8);
  // the rest stays usable: the result's r0 block, the editor, the bytecode and the run panel
  await page.keyboard.press('Control+Enter');
  const r0 = region('Result').getByLabel('r0 (decimal)');
  await expect(r0).toBeVisible();
  const rb = (await r0.boundingBox())!, res = (await region('Result').boundingBox())!;
  expect(rb.y + rb.height).toBeLessThanOrEqual(res.y + res.height);
  for (const [name, min] of [['Assembly editor', 300], ['Bytecode', 200], ['Result', 100]] as const) {
    expect((await region(name).boundingBox())!.height, name).toBeGreaterThan(min);
  }
  expect((await page.locator('#dock-panel').boundingBox())!.height).toBeGreaterThan(170);
});

test('dragging a divider resizes the panes and is remembered', async ({ page }) => {
  await openPlayground(page);
  const divider = page.getByRole('separator', { name: 'Resize the left and right columns' });
  const editor = page.getByRole('region', { name: 'Assembly editor' });
  const before = (await editor.boundingBox())!.width;
  const box = (await divider.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x - 200, box.y + box.height / 2, { steps: 5 });
  await page.mouse.up();
  const after = (await editor.boundingBox())!.width;
  expect(before - after).toBeGreaterThan(180);
  expect(before - after).toBeLessThan(220);
  // keyboard: focus and →, 2% of the width per press
  await divider.focus();
  const now = Number(await divider.getAttribute('aria-valuenow'));
  await page.keyboard.press('ArrowRight');
  await expect(divider).toHaveAttribute('aria-valuenow', String(now + 2));
  await page.reload();
  await expect(page.locator('.monaco-editor .view-lines')).toBeVisible();
  const reloaded = (await page.getByRole('region', { name: 'Assembly editor' }).boundingBox())!.width;
  expect(Math.abs(reloaded - (after + 0.02 * 1260))).toBeLessThan(12);
  // double-click resets
  await divider.dblclick();
  await expect.poll(async () => Math.round((await editor.boundingBox())!.width)).toBe(Math.round(before));
});

test('? shows the keyboard shortcuts; p turns on presentation mode', async ({ page }) => {
  await openPlayground(page);
  await page.getByRole('heading', { name: 'Register trace' }).click();
  await page.keyboard.press('Shift+?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toBeVisible();
  await expect(help.getByRole('table', { name: 'Keyboard shortcuts' })).toContainText('Run the program');
  await screenshot(page, '18-shortcuts');
  await page.keyboard.press('Escape');
  await expect(help).toHaveCount(0);

  const fontSize = () => page.locator('.monaco-editor .view-line').first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  expect(await fontSize()).toBe(14);
  await page.keyboard.press('p');
  await expect(page.locator('html')).toHaveAttribute('data-present', '');
  await expect(page.getByRole('button', { name: 'Presentation mode' })).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(fontSize).toBe(20);
  await page.keyboard.press('Control+Enter');
  await expect(page.getByRole('region', { name: 'Result' }).getByLabel('r0 (decimal)')).toHaveText('55');
  await screenshot(page, '19-presentation');
  await page.emulateMedia({ colorScheme: 'dark' });
  await screenshot(page, '20-presentation-dark');
  await page.getByRole('button', { name: 'Presentation mode' }).click();
  await expect(page.locator('html')).not.toHaveAttribute('data-present', '');
  await expect.poll(fontSize).toBe(14);
});

test('the mem input rejects bad hex with its column and the program does not run', async ({ page }) => {
  await openPlayground(page);
  await setEditorText(page, 'r0 = r2\nexit');
  const mem = page.getByLabel('mem (hex)');
  await mem.fill('01 02 zz');
  // 'z' is the 7th character of "01 02 zz"
  await expect(page.getByRole('alert').filter({ hasText: 'col 7' })).toHaveText("col 7: invalid character 'z' in hex data");
  await expect(mem).toHaveAttribute('aria-invalid', 'true');
  await page.getByRole('button', { name: /^Run program/ }).click();
  const result = page.getByRole('region', { name: 'Result' });
  await expect(result.getByRole('list', { name: 'Diagnostics' })).toContainText("1:7: error: mem: invalid character 'z' in hex data");
  await expect(result.getByLabel('r0 (hex)')).toHaveCount(0);
  await expect(result).toContainText('Not run: 1 error in the mem input.');
  // the position belongs to the mem input, not to the program: no marker in the editor
  await expect(page.locator('.monaco-editor .squiggly-error')).toHaveCount(0);
  await screenshot(page, '21-bad-mem');
  // clicking the position puts the caret on the bad character
  await result.getByRole('button', { name: 'Go to column 7 of the mem input' }).click();
  await expect(mem).toBeFocused();
  expect(await mem.evaluate((el: HTMLInputElement) => [el.selectionStart, el.selectionEnd])).toEqual([6, 7]);
  // half-typed input is still the user's work: it survives a reload …
  await page.reload();
  await expect(mem).toHaveValue('01 02 zz');
  await expect(page.locator('.monaco-editor .view-lines')).toContainText('r0 = r2');
  // … but cannot go into a link, and the share dialog says why
  await page.getByRole('button', { name: 'Copy link' }).click();
  await expect(page.getByRole('dialog', { name: 'Share this workspace' }).getByRole('alert')).toHaveText(
    "This workspace cannot be shared as a link: 'mem' may hold only hex digits and separators.",
  );
  await page.keyboard.press('Escape');
  await mem.fill('01 02 03');
  await expect(page.getByText('r2 = 3 bytes')).toBeVisible();
  await page.getByRole('button', { name: /^Run program/ }).click();
  await expect(result.getByLabel('r0 (decimal)')).toHaveText('3');
});

test('the page fits a 1024×768 projector', async ({ page }) => {
  await page.setViewportSize({ width: 1024, height: 768 });
  await openPlayground(page);
  await page.keyboard.press('Control+Enter');
  await expect(page.getByRole('region', { name: 'Result' }).getByLabel('r0 (decimal)')).toHaveText('55');
  for (const name of ['Examples', 'Copy link', 'Presentation mode', 'Keyboard shortcuts', /^Run program/, 'Last step']) {
    const box = (await page.getByRole('button', { name }).boundingBox())!;
    expect(box.x + box.width, String(name)).toBeLessThanOrEqual(1024);
    if (name !== 'Last step') expect(box.y + box.height).toBeLessThanOrEqual(60);
  }
  // no horizontal scrolling, every pane on screen
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1024);
  for (const name of ['Assembly editor', 'Bytecode', 'Result', 'Register trace']) {
    const box = (await page.getByRole('region', { name }).boundingBox())!;
    expect(box.y + box.height, name).toBeLessThanOrEqual(768);
    expect(box.height, name).toBeGreaterThan(100);
  }
  await screenshot(page, '22-projector-1024x768');
  await page.keyboard.press('p');
  await screenshot(page, '23-projector-presentation');
});

test('the run bar is one line until its settings are opened (1280×720, and 1024×768 presenting)', async ({ page }) => {
  await openPlayground(page);
  const bar = page.getByRole('group', { name: 'Run controls' });
  const panel = page.locator('#dock-panel');
  const toggle = bar.getByRole('button', { name: 'Run settings' });
  const oneLine = async () => {
    const tops = await Promise.all(
      [bar.getByRole('button', { name: 'Run on traffic' }), bar.getByRole('button', { name: 'Step one packet' }), bar.getByRole('progressbar', { name: 'Run progress' }), toggle].map(
        async (l) => (await l.boundingBox())!,
      ),
    );
    const mid = tops.map((b) => b.y + b.height / 2);
    expect(Math.max(...mid) - Math.min(...mid)).toBeLessThan(4);
  };
  for (const [w, h, present] of [[1280, 720, false], [1024, 768, true]] as const) {
    await page.setViewportSize({ width: w, height: h });
    if (present) await page.locator('body').press('p');
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await oneLine();
    expect((await bar.boundingBox())!.height, `${w}: closed run bar`).toBeLessThanOrEqual(44);
    // the default split gives the verifier half of the column below the result (state/ui.ts DEFAULT_SIZES)
    expect((await panel.boundingBox())!.height, `${w}: dock panel`).toBeGreaterThan(present ? 190 : 170);
    // open: every setting on screen, the panel below still usable
    await toggle.click();
    for (const name of ['Run as program type', 'Traffic scenario', 'Seed', 'Packet count', 'Engine', 'Run without the verifier', 'Unprivileged loader']) {
      const b = (await bar.getByLabel(name).boundingBox())!;
      expect(b.x + b.width, name).toBeLessThanOrEqual(w);
      expect(b.y + b.height, name).toBeLessThanOrEqual(h);
    }
    expect((await bar.boundingBox())!.height, `${w}: open run bar`).toBeLessThanOrEqual(present ? 130 : 100);
    expect((await panel.boundingBox())!.height, `${w}: dock panel with settings open`).toBeGreaterThan(present ? 110 : 120); // the settings are open only while they are being changed
    await screenshot(page, `dock-runbar-${w}x${h}${present ? '-present' : ''}`);
    await toggle.click();
  }
});
