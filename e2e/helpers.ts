/**
 * Shared steps for the e2e specs: open the page with the editor ready, replace the editor text
 * the way a user would (select all, then type/paste), save a screenshot for review.
 */
import { expect, type Page } from '@playwright/test';

export const SCREENSHOT_DIR = 'e2e/screenshots';

const external = new WeakMap<Page, string[]>();

/** Requests that left our own origin (the page must fetch nothing from the network). */
export function externalRequests(page: Page): string[] {
  return external.get(page) ?? [];
}

/** Open the page (optionally at `path`, e.g. `./?embed#s=…`) and wait until the editor is up. */
export async function openPlayground(page: Page, path = './', opts: { embed?: boolean } = {}): Promise<void> {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  const out: string[] = [];
  external.set(page, out);
  page.on('request', (r) => {
    const url = r.url();
    if (!/^(https?:\/\/127\.0\.0\.1:\d+\/|data:|blob:)/.test(url)) out.push(url);
  });
  await page.goto(path);
  if (!opts.embed) await expect(page.getByRole('heading', { name: 'eBPF Playground' })).toBeVisible();
  // Monaco is lazy-loaded: wait for its text area to be laid out.
  await expect(page.locator('.monaco-editor .view-lines')).toBeVisible();
  expect(errors, 'no uncaught exceptions while loading').toEqual([]);
}

/**
 * Replace everything in the editor with `text` the way a user pastes it: select all, then a
 * paste event carrying the text (typing it key by key would let the editor's auto-indent
 * re-indent every line). Works for programs longer than the editor shows: the check goes to the
 * end (the gutter's last line number is the text's line count, the last line is there) and back
 * to the top (the first line), then leaves the cursor at the end, as a paste does.
 */
export async function setEditorText(page: Page, text: string): Promise<void> {
  await page.locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.evaluate((t) => {
    const target = document.activeElement ?? document.body;
    const data = new DataTransfer();
    data.setData('text/plain', t);
    target.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
  const lines = text.split('\n');
  const lastLine = [...lines].reverse().find((l) => l.trim() !== '');
  await page.keyboard.press('ControlOrMeta+Home');
  await expect(page.locator('.monaco-editor .view-lines')).toContainText(firstLine(text));
  await page.keyboard.press('ControlOrMeta+End');
  await expect.poll(() => lastLineNumber(page)).toBe(lines.length);
  if (lastLine !== undefined) await expect(page.locator('.monaco-editor .view-lines')).toContainText(squash(lastLine));
}

/** The largest line number the editor's gutter shows. */
async function lastLineNumber(page: Page): Promise<number> {
  const nums = await page.locator('.monaco-editor .line-numbers').allInnerTexts();
  return Math.max(0, ...nums.map((n) => Number(n.trim())).filter(Number.isFinite));
}

const squash = (l: string) => l.trim().replace(/\s+/g, ' ').slice(0, 20);

function firstLine(text: string): string {
  return squash(text.split('\n').find((l) => l.trim() !== '') ?? '');
}

/** The text Monaco shows, line by line (non-breaking spaces normalised). */
export async function editorLines(page: Page): Promise<string[]> {
  const lines = page.locator('.monaco-editor .view-line');
  const texts = await lines.allInnerTexts();
  return texts.map((t) => t.replace(/\u00a0/g, ' '));
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${SCREENSHOT_DIR}/${name}.png` });
}

/**
 * The editor's text as shown, lines in screen order (Monaco recycles line elements, so DOM order
 * is not screen order). Only the lines on screen: keep programs in these specs short.
 */
export async function editorText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const lines = Array.from(document.querySelectorAll<HTMLElement>('.monaco-editor .view-line'));
    lines.sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top));
    return lines.map((l) => (l.textContent ?? '').replace(/\u00a0/g, ' ')).join('\n');
  });
}
