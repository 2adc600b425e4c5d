/**
 * Links made to hurt: huge, not base64url, not DEFLATE, a compression bomb, the wrong schema,
 * markup in names, deeply nested JSON. Each one shows the error banner and nothing else: the
 * user's autosaved work stays in the editor and in storage, nothing runs, no script from the
 * link executes, no dialog opens, no uncaught exception.
 */
import { deflateRawSync } from 'node:zlib';
import { expect, test } from '@playwright/test';
import { editorText, openPlayground, screenshot, setEditorText } from './helpers.ts';

const forge = (json: string | Buffer) => Buffer.from(deflateRawSync(typeof json === 'string' ? Buffer.from(json) : json)).toString('base64url');
const valid = {
  v: 1,
  files: [{ name: 'prog.s', text: 'r0 = 1\nexit\n' }],
  active: 0,
  language: 'asm',
  progType: null,
  scenario: null,
  seed: 0,
  mem: '',
  panel: 'trace',
  step: 0,
};

const HOSTILE: [string, string, RegExp][] = [
  ['huge', 'A'.repeat(300_000), /too long \(300,000 characters/],
  ['malformed base64', 'eyJ2IjoxfQ$$<script>', /damaged: character '\$' at position 11 is not base64url/],
  ['bad deflate', Buffer.alloc(48, 0xff).toString('base64url'), /compressed data is not valid/],
  ['compression bomb', forge(Buffer.alloc(16 * 1024 * 1024, 0x20)), /expands to more than 1024 KiB/],
  ['wrong schema version', forge(JSON.stringify({ ...valid, v: 99 })), /schema version 99; this page reads version 1/],
  ['unknown field', forge(JSON.stringify({ ...valid, run: 'alert(1)' })), /unknown field 'run'/],
  [
    'script in a file name',
    forge(JSON.stringify({ ...valid, files: [{ name: '<img src=x onerror="window.__pwned=1">', text: 'exit' }] })),
    /'<img src=x onerror="wind…' is not an acceptable file name/,
  ],
  ['script in the program type', forge(JSON.stringify({ ...valid, progType: '</script><script>window.__pwned=1</script>' })), /'progType'/],
  ['deeply nested JSON', forge('['.repeat(50_000) + ']'.repeat(50_000)), /nested deeper than a workspace can be/],
  ['not JSON', forge('{"v":1, files: [ oops'), /not valid JSON/],
];

test('hostile links show an error banner and nothing else', async ({ page }) => {
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));

  await openPlayground(page);
  const MINE = '# my own work\n        r0 = 77\n        exit';
  await setEditorText(page, MINE);
  const saved = await page.evaluate(() => localStorage.getItem('ebpf-playground:workspace'));
  expect(saved).toContain('my own work');

  for (const [name, payload, message] of HOSTILE) {
    await test.step(name, async () => {
      await page.goto('about:blank');
      await openPlayground(page, `./#s=${payload}`);
      const banner = page.getByRole('alert', { name: 'Link error' });
      await expect(banner).toBeVisible();
      await expect(banner).toContainText('This link could not be opened.');
      await expect(banner).toContainText(message);
      await expect(banner).toContainText('your own work is unchanged');
      // nothing else: the user's work is in the editor, nothing ran, nothing was saved over it
      await expect.poll(() => editorText(page)).toBe(MINE);
      await expect(page.getByRole('region', { name: 'Result' })).toContainText('Press Run');
      await expect(page.getByRole('status', { name: 'Opened from a link' })).toHaveCount(0);
      expect(await page.evaluate(() => localStorage.getItem('ebpf-playground:workspace'))).toBe(saved);
      expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
      expect(await page.locator('img[src="x"], script:not([src]):not([type])').count()).toBe(0);
      if (name === 'script in a file name') await screenshot(page, '14-hostile-link');
    });
  }
  expect(dialogs).toEqual([]);
  expect(errors).toEqual([]);

  // Dismiss removes the banner and the bad fragment; the page works as before.
  await page.getByRole('button', { name: 'Dismiss' }).click();
  await expect(page.getByRole('alert', { name: 'Link error' })).toHaveCount(0);
  expect(new URL(page.url()).hash).toBe('');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByRole('region', { name: 'Result' }).getByLabel('r0 (decimal)')).toHaveText('77');
});

test('markup inside a program from a link stays text', async ({ page }) => {
  // a valid link whose program comment holds markup: it opens, and the markup is shown, not run
  const text = '# <img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>\nr0 = 3\nexit';
  await openPlayground(page, `./#s=${forge(JSON.stringify({ ...valid, files: [{ name: 'prog.s', text }] }))}`);
  await expect(page.getByRole('region', { name: 'Result' }).getByLabel('r0 (decimal)')).toHaveText('3');
  await expect(page.locator('.monaco-editor .view-lines')).toContainText('<script>window.__pwned=2</script>');
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
});
