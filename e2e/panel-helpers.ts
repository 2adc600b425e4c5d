/**
 * Shared steps for the panel and run specs (e2e/panel-*, e2e/run-*): open the XDP C example as
 * the workspace, wait for the live verdict, run it on traffic, pick a dock tab, screenshot in
 * both themes.
 */
import { readFileSync } from 'node:fs';
import { expect, type Page } from '@playwright/test';
import { openPlayground } from './helpers.ts';

export const XDP_C = readFileSync(new URL('../examples/05-xdp-drop-udp/prog.c', import.meta.url), 'utf8');
export const SHOTS = process.env.SHOTS_DIR ?? 'e2e/screenshots';

/** Open the page with `source` as a C file; returns once the live verdict for it is shown. */
export async function openC(page: Page, source = XDP_C, verdict: 'accepted' | 'rejected' = 'accepted'): Promise<void> {
  await openPlayground(page);
  await page.getByLabel('Language').selectOption('c');
  await pasteSource(page, source);
  await expect(page.getByRole('region', { name: 'Verifier' }).getByRole('status', { name: 'Verdict' })).toContainText(verdict);
}

/** Replace the editor text by a paste (long programs too: no check that line 1 is on screen). */
export async function pasteSource(page: Page, text: string): Promise<void> {
  await page.locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.evaluate((t) => {
    const target = document.activeElement ?? document.body;
    const data = new DataTransfer();
    data.setData('text/plain', t);
    target.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}

/** Run on `count` packets of `scenario` (or events of a workload); waits for the progress bar to reach 100%. */
export async function runTraffic(page: Page, count: number, scenario = 'mixed', timeout = 60_000): Promise<void> {
  const bar = await runSettings(page);
  // packet programs pick a traffic scenario, tracing programs a workload
  const picker = bar.getByLabel('Traffic scenario').or(bar.getByLabel('Workload'));
  await picker.selectOption(scenario);
  await bar.getByLabel('Packet count').fill(String(count));
  await bar.getByRole('button', { name: 'Run on traffic' }).click();
  await expect(bar.getByRole('progressbar', { name: 'Run progress' })).toHaveAttribute('aria-valuenow', '100', { timeout });
}

/** The run bar with its settings row open. */
export async function runSettings(page: Page) {
  const bar = page.getByRole('group', { name: 'Run controls' });
  const toggle = bar.getByRole('button', { name: 'Run settings' });
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  return bar;
}

export async function openTab(page: Page, name: string): Promise<void> {
  await page.getByRole('tablist', { name: 'Run panels' }).getByRole('tab', { name }).click();
}

/** Screenshots in light and dark theme (theme button cycles system → light → dark). */
export async function shots(page: Page, name: string): Promise<void> {
  await page.evaluate(() => {
    document.documentElement.dataset.theme = 'light';
  });
  await setTheme(page, 'light');
  await page.screenshot({ path: `${SHOTS}/${name}-light.png` });
  await setTheme(page, 'dark');
  await page.screenshot({ path: `${SHOTS}/${name}-dark.png` });
  await setTheme(page, 'light');
}

async function setTheme(page: Page, theme: 'light' | 'dark'): Promise<void> {
  for (let i = 0; i < 3; i++) {
    const btn = page.getByRole('button', { name: /^Theme: / });
    const label = (await btn.getAttribute('aria-label')) ?? '';
    if (label.startsWith(`Theme: ${theme}`)) return;
    await btn.click();
  }
}
