/**
 * A share link carries the whole workspace and where the user was looking, and a fresh browser
 * (a new context: no local storage, no session) restores it exactly: the files, the traffic
 * scenario, seed and packet count, the selected panel, the dock tab and the selected instruction. Checked on
 * the page, and by decoding both links' payloads (raw DEFLATE, Node's zlib) and comparing them.
 */
import { inflateRawSync } from 'node:zlib';
import { expect, test, type Page } from '@playwright/test';
import { openPlayground, setEditorText, screenshot } from './helpers.ts';


async function copyLink(page: Page): Promise<string> {
  await page.getByRole('button', { name: 'Copy link' }).click();
  const dialog = page.getByRole('dialog', { name: 'Share this workspace' });
  const input = dialog.getByRole('textbox', { name: 'Link', exact: true });
  await expect(input).toHaveValue(/#s=/);
  const link = await input.inputValue();
  await page.keyboard.press('Escape');
  return link;
}

const decode = (link: string) => JSON.parse(inflateRawSync(Buffer.from(link.split('#s=')[1], 'base64url')).toString('utf8'));

test('the link restores scenario, seed, panel, dock tab and instruction in a fresh context', async ({ page, browser }) => {
  await openPlayground(page);
  await setEditorText(page, 'r0 = 0\nr0 = r2\nexit\n');
  await page.getByRole('button', { name: /^Run program/ }).click();
  const verifier = page.getByRole('region', { name: 'Verifier' });
  await verifier.getByRole('log', { name: 'Verifier log' }).getByRole('button', { name: '1: (bf) r0 = r2' }).click();
  await page.getByRole('button', { name: 'Run settings' }).click();
  await page.getByLabel('Traffic scenario').selectOption('iperf');
  await page.getByLabel('Seed').fill('1234');
  await page.getByLabel('Packet count').fill('2500');
  await page.getByRole('tab', { name: /Maps/ }).click();
  await page.getByRole('region', { name: 'Bytecode' }).getByRole('heading').first().click();
  const link = await copyLink(page);
  const sent = decode(link);
  expect(sent).toMatchObject({ v: 1, files: [{ name: 'prog.s', text: 'r0 = 0\nr0 = r2\nexit\n' }], scenario: 'iperf', seed: 1234, panel: 'bytecode', dock: 'maps', pc: 1, count: 2500 });

  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await openPlayground(other, link.replace(/^https?:\/\/[^/]+\//, './'));
  const bytecode = other.getByRole('region', { name: 'Bytecode' });
  await expect(bytecode.locator('tr.selected td').first()).toHaveText('1');
  await expect(other.locator('[data-panel="bytecode"]')).toHaveClass(/slot-selected/);
  await expect(other.getByRole('tab', { name: /Maps/ })).toHaveAttribute('aria-selected', 'true');
  await expect(other.getByRole('progressbar', { name: 'Run progress' })).toContainText('seed 1234');
  await expect(other.getByRole('progressbar', { name: 'Run progress' })).toContainText('0 / 2,500');
  await screenshot(other, 'share-restored');
  const again = decode(await copyLink(other));
  expect(again).toEqual(sent);
  await fresh.close();
});

test('a run panel of the dock (Stats) is the panel of a link and of its embed', async ({ page, browser }) => {
  await openPlayground(page);
  await setEditorText(page, 'r0 = 2\nexit\n');
  await page.getByRole('tab', { name: 'Stats' }).click();
  // clicking in the dock selects it, and its Stats tab is the panel
  await expect(page.locator('[data-panel="stats"]')).toHaveClass(/slot-selected/);
  await page.getByRole('button', { name: 'Copy link' }).click();
  const dialog = page.getByRole('dialog', { name: 'Share this workspace' });
  const link = await dialog.getByRole('textbox', { name: 'Link', exact: true }).inputValue();
  const embed = await dialog.getByLabel(/Embed link/).inputValue();
  await page.keyboard.press('Escape');
  expect(decode(link)).toMatchObject({ panel: 'stats', dock: 'stats' });

  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await openPlayground(other, link.replace(/^https?:\/\/[^/]+\//, './'));
  await expect(other.getByRole('tab', { name: 'Stats' })).toHaveAttribute('aria-selected', 'true');
  await expect(other.locator('[data-panel="stats"]')).toHaveClass(/slot-selected/);
  // the embed: the editor and the Stats panel (with its run bar), nothing else
  const slide = await fresh.newPage();
  await openPlayground(slide, embed.replace(/^https?:\/\/[^/]+\//, './'), { embed: true });
  await expect(slide.getByRole('region', { name: 'Stats' })).toBeVisible();
  await expect(slide.getByRole('region', { name: 'Bytecode' })).toHaveCount(0);
  await expect(slide.getByRole('heading', { name: 'eBPF Playground' })).toHaveCount(0);
  await slide.getByRole('group', { name: 'Run controls' }).getByRole('button', { name: 'Run on traffic' }).click();
  await expect(slide.getByRole('region', { name: 'Stats' }).getByLabel('runs')).not.toHaveText('0', { timeout: 30_000 });
  await screenshot(slide, 'share-embed-stats');
  await fresh.close();
});
