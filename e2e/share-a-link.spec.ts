/**
 * A user shares their workspace: writes a program that reads its mem input, runs it, steps to an
 * instruction, selects the Bytecode panel, and copies the link. Someone else opens the link in a
 * fresh browser (a new context: no storage, no cache) and sees exactly that: the text, the mem
 * input, the result, the same trace step, the same panel selected. Their own autosaved work is
 * not overwritten until they edit. Expected values are worked out by hand in the comments.
 */
import { deflateRawSync } from 'node:zlib';
import { expect, test, type Page } from '@playwright/test';
import { editorText, externalRequests, openPlayground, screenshot, setEditorText } from './helpers.ts';

// r0 = mem[0] + mem[1] = 0x10 + 0x20 = 48; r2 = 3 (the mem length). 5 instructions executed:
// pc0 r0 = *(u8 *)(r1 + 0), pc1 r3 = *(u8 *)(r1 + 1), pc2 r0 += r3, pc3 r0 += 0, pc4 exit.
const PROGRAM = `# shared: add the first two input bytes
        r0 = *(u8 *)(r1 + 0)
        r3 = *(u8 *)(r1 + 1)
        r0 += r3
        r0 += 0
        exit`;

async function makeLink(page: Page): Promise<{ link: string; embed: string }> {
  await page.getByRole('button', { name: 'Copy link' }).click();
  const dialog = page.getByRole('dialog', { name: 'Share this workspace' });
  await expect(dialog.getByRole('status')).toHaveText(/copied|Copy the link/);
  const link = await dialog.getByLabel('Link', { exact: true }).inputValue();
  const embed = await dialog.getByLabel(/Embed link/).inputValue();
  await screenshot(page, '10-share-dialog');
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  return { link, embed };
}

test('a shared link opens the same workspace in a fresh browser', async ({ page, browser, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openPlayground(page);
  await setEditorText(page, PROGRAM);
  await page.getByLabel('mem (hex)').fill('10 20 30');
  await page.getByRole('button', { name: /^Run program/ }).click();
  const result = page.getByRole('region', { name: 'Result' });
  await expect(result.getByLabel('r0 (decimal)')).toHaveText('48');
  // step 3 = pc 2 (`r0 += r3`)
  const trace = page.getByRole('region', { name: 'Register trace' });
  await trace.getByRole('button', { name: 'Step forward' }).click();
  await trace.getByRole('button', { name: 'Step forward' }).click();
  await expect(trace.getByLabel('current pc')).toHaveText('2');
  await page.getByRole('table', { name: 'Bytecode' }).click();
  await expect(page.locator('.slot-selected')).toHaveAttribute('data-panel', 'bytecode');

  const { link, embed } = await makeLink(page);
  expect(link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#s=[A-Za-z0-9_-]+$/);
  expect(embed).toBe(link.replace('/#s=', '/?embed#s='));
  // the clipboard got the same link
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);

  // Someone else, with work of their own already autosaved.
  const other = await browser.newContext();
  const them = await other.newPage();
  await openPlayground(them);
  await setEditorText(them, 'r0 = 77 # my own work\nexit');
  await them.goto(link);
  await them.reload(); // a fresh load of the link, not just a hash change
  await expect(them.getByRole('status', { name: 'Opened from a link' })).toBeVisible();
  await expect.poll(() => editorText(them)).toBe(PROGRAM);
  await expect(them.getByLabel('mem (hex)')).toHaveValue('10 20 30');
  const theirResult = them.getByRole('region', { name: 'Result' });
  await expect(theirResult.getByLabel('r0 (decimal)')).toHaveText('48');
  const theirTrace = them.getByRole('region', { name: 'Register trace' });
  await expect(theirTrace.getByLabel('current step')).toHaveText('3');
  await expect(theirTrace.getByLabel('current pc')).toHaveText('2');
  await expect(them.locator('.slot-selected')).toHaveAttribute('data-panel', 'bytecode');
  await screenshot(them, '11-opened-link');

  // their own work is still saved: "Back to my work" brings it back
  const saved = await them.evaluate(() => localStorage.getItem('ebpf-playground:workspace'));
  expect(saved).toContain('my own work');
  await them.getByRole('button', { name: 'Back to my work' }).click();
  await expect(them.locator('.monaco-editor .view-lines')).toContainText('my own work');
  expect(new URL(them.url()).hash).toBe('');

  // editing a linked workspace makes it theirs: saved, and the link leaves the address bar
  await them.goto(link);
  await them.reload();
  await expect(theirResult.getByLabel('r0 (decimal)')).toHaveText('48');
  await them.getByLabel('mem (hex)').fill('01 02 03');
  await expect(them.getByRole('status', { name: 'Opened from a link' })).toHaveCount(0);
  expect(new URL(them.url()).hash).toBe('');
  await them.reload();
  await expect(them.locator('.monaco-editor .view-lines')).toContainText('add the first two input bytes');
  await expect(them.getByLabel('mem (hex)')).toHaveValue('01 02 03');
  expect(externalRequests(them)).toEqual([]);
  await other.close();
});

test('an embed link shows the editor and one panel, without the page chrome', async ({ page, browser }) => {
  await openPlayground(page);
  await setEditorText(page, 'r0 = 6\nr0 *= 7\nexit');
  await page.getByRole('button', { name: /^Run program/ }).click();
  await page.getByRole('region', { name: 'Result' }).click();
  const { embed } = await makeLink(page);

  const ctx = await browser.newContext({ viewport: { width: 1024, height: 600 } });
  const slide = await ctx.newPage();
  await openPlayground(slide, embed, { embed: true });
  await expect(slide.getByRole('heading', { name: 'eBPF Playground' })).toHaveCount(0);
  await expect(slide.getByRole('banner')).toHaveCount(0);
  await expect(slide.getByRole('status', { name: 'Opened from a link' })).toHaveCount(0);
  await expect(slide.getByRole('region', { name: 'Assembly editor' })).toBeVisible();
  // exactly one panel: the one selected when the link was made (Result)
  await expect(slide.getByRole('region', { name: 'Result' })).toBeVisible();
  await expect(slide.getByRole('region', { name: 'Register trace' })).toHaveCount(0);
  await expect(slide.getByRole('region', { name: 'Bytecode' })).toHaveCount(0);
  await expect(slide.getByRole('region', { name: 'Result' }).getByLabel('r0 (decimal)')).toHaveText('42');
  await screenshot(slide, '12-embed-result');

  // ?embed=trace picks the panel; the embed has its own Run button
  await slide.goto(embed.replace('?embed#', '?embed=trace#'));
  await slide.reload();
  const trace = slide.getByRole('region', { name: 'Register trace' });
  await expect(trace).toBeVisible();
  await expect(slide.getByRole('region', { name: 'Result' })).toHaveCount(0);
  await expect(trace.getByLabel('current pc')).toHaveText('0');
  await setEditorText(slide, 'r0 = 1\nr0 += 2\nr0 += 3\nexit');
  await slide.getByRole('button', { name: /^Run program/ }).click();
  // the run's trace replaces the shown one when it arrives: a click on "Last step" before that
  // lands on the old trace, so click until the new trace's last step shows
  await expect(async () => {
    await trace.getByRole('button', { name: 'Last step' }).click();
    await expect(trace.getByLabel('current step')).toHaveText('4', { timeout: 1000 });
  }).toPass({ timeout: 15_000 });
  await expect(trace.getByLabel('r0', { exact: true })).toHaveText('0x0000000000000006');
  await screenshot(slide, '13-embed-trace');
  await ctx.close();
});

test('a link with several files shows a tab per file', async ({ page }) => {
  // a link as another tool (or a later version of this page) could write it: two files, the second active
  const snapshot = {
    v: 1,
    files: [
      { name: 'main.s', text: 'r0 = 1\nexit' },
      { name: 'other.s', text: 'r0 = 2\nr0 *= 21\nexit' },
    ],
    active: 1,
    language: 'asm',
    progType: null,
    scenario: null,
    seed: 0,
    mem: '',
    panel: 'result',
    step: 0,
  };
  const payload = deflateRawSync(Buffer.from(JSON.stringify(snapshot))).toString('base64url');
  await openPlayground(page, `./#s=${payload}`);
  const tabs = page.getByRole('tablist', { name: 'Files' }).getByRole('tab');
  await expect(tabs).toHaveText(['main.s', 'other.s']);
  await expect(tabs.nth(1)).toHaveAttribute('aria-selected', 'true');
  const result = page.getByRole('region', { name: 'Result' });
  await expect(result.getByLabel('r0 (decimal)')).toHaveText('42');
  await expect.poll(() => editorText(page)).toBe('r0 = 2\nr0 *= 21\nexit');
  await screenshot(page, '24-two-files');
  await tabs.nth(0).click();
  await expect.poll(() => editorText(page)).toBe('r0 = 1\nexit');
  await page.keyboard.press('Control+Enter');
  await expect(result.getByLabel('r0 (decimal)')).toHaveText('1');
  // undo never carries one file's text into another
  await page.locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('Control+Z');
  await expect.poll(() => editorText(page)).toBe('r0 = 1\nexit');
});
