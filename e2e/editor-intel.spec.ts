/**
 * Editor intelligence from the kernel tables: completing a helper shows its libbpf prototype
 * (bpf_map_lookup_elem is helper 1: `void *bpf_map_lookup_elem(void *map, const void *key)`),
 * `SEC("` completes libbpf section names, and hovering `ctx->data_end` in an XDP program shows
 * the UAPI layout fact (struct xdp_md: data_end at offset 4, 4 bytes) and the access rule.
 */
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { openPlayground, setEditorText, screenshot } from './helpers.ts';

const XDP_05 = readFileSync(new URL('../examples/05-xdp-drop-udp/prog.c', import.meta.url), 'utf8');


const PROG = `SEC("xdp")
int f(struct xdp_md *ctx)
{
	return ctx->data_end;
}
`;

test('C: helper completion with prototypes, SEC() names, and hover on a context field', async ({ page }) => {
  await openPlayground(page);
  await page.getByLabel('Language').selectOption('c');
  await setEditorText(page, PROG);
  const editor = page.locator('.monaco-editor .view-lines');
  // hover: cursor into `data_end` on line 4, then the editor's "show hover" (Ctrl+K Ctrl+I)
  await editor.click();
  await page.keyboard.press('ControlOrMeta+Home');
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Home');
  for (let i = 0; i < 14; i++) await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ControlOrMeta+K');
  await page.keyboard.press('ControlOrMeta+I');
  const hover = page.locator('.monaco-hover:not(.hidden)').filter({ hasText: 'data_end' });
  await expect(hover).toContainText('struct xdp_md, offset 4, size 4');
  await expect(hover).toContainText('read with 4-byte loads, read-only');
  await expect(hover).toContainText('PTR_TO_PACKET_END');
  await screenshot(page, 'intel-hover-ctx');
  await page.keyboard.press('Escape');

  // helper completion inside the function
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await page.keyboard.type('bpf_map_lo');
  await page.keyboard.press('ControlOrMeta+Space');
  const suggest = page.locator('.suggest-widget');
  await expect(suggest).toBeVisible();
  const row = suggest.locator('.monaco-list-row.focused');
  await expect(row).toContainText('bpf_map_lookup_elem');
  // the focused row shows the prototype (libbpf's bpf_helper_defs.h)
  await expect(row).toContainText('void *bpf_map_lookup_elem(void *map, const void *key)');
  await screenshot(page, 'intel-complete-helper');
  await page.keyboard.press('Enter');
  await expect(editor).toContainText('bpf_map_lookup_elem(');

  // SEC(" completes section names
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.type('SEC("kp');
  await page.keyboard.press('ControlOrMeta+Space');
  await expect(suggest.locator('.monaco-list-row').filter({ hasText: 'kprobe/' }).first()).toBeVisible();
  await screenshot(page, 'intel-complete-sec');
});

test('C: `ip->` offers struct iphdr\'s fields (linux/ip.h), and hovering one shows its type and offset', async ({ page }) => {
  await openPlayground(page);
  await page.getByLabel('Language').selectOption('c');
  // example 05 with its protocol check taken out: the user types a read of the IPv4 header there
  const text = XDP_05.replace('\tif (ip->protocol != IPPROTO_UDP)\n\t\treturn XDP_PASS;\n', '\t\n');
  const blank = text.indexOf('\t\n\n\tstruct udphdr');
  expect(blank).toBeGreaterThan(0);
  const line = text.slice(0, blank).split('\n').length; // 1-based line of the blank line
  await setEditorText(page, text);
  const editor = page.locator('.monaco-editor .view-lines');
  await editor.click();
  await page.keyboard.press('ControlOrMeta+Home');
  for (let i = 1; i < line; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('End');
  await page.keyboard.type('__u32 src = ip->');
  const suggest = page.locator('.suggest-widget');
  await expect(suggest).toBeVisible();
  // `->` opens the list by itself: struct iphdr's fields, in layout order (RFC 791)
  await expect(suggest.locator('.monaco-list-row').first()).toContainText('ihl');
  await expect(suggest.locator('.monaco-list-row').first()).toContainText('__u8 : 4 · off 0');
  await page.keyboard.type('sad');
  const row = suggest.locator('.monaco-list-row.focused');
  await expect(row).toContainText('saddr');
  await expect(row).toContainText('__be32 · off 12');
  await screenshot(page, 'intel-complete-struct-field');
  await page.keyboard.press('Enter');
  await expect(editor).toContainText('__u32 src = ip->saddr');
  await page.keyboard.type(';');
  // hover on the field just completed (cursor after it: step back into the word)
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ControlOrMeta+K');
  await page.keyboard.press('ControlOrMeta+I');
  const hover = page.locator('.monaco-hover:not(.hidden)').filter({ hasText: 'saddr' });
  await expect(hover).toContainText('struct iphdr, offset 12, size 4');
  await screenshot(page, 'intel-hover-struct-field');
});

test('assembly: helper names complete after call, and hovering call 5 names the helper', async ({ page }) => {
  await openPlayground(page);
  await setEditorText(page, 'call 5\nexit\n');
  await page.locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('ControlOrMeta+Home');
  await page.keyboard.press('End');
  await page.keyboard.press('ControlOrMeta+K');
  await page.keyboard.press('ControlOrMeta+I');
  await expect(page.locator('.monaco-hover:not(.hidden)').filter({ hasText: 'bpf_ktime_get_ns' })).toContainText('Helper 5');
  await page.keyboard.press('Escape');
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.type('call bpf_ktime');
  await page.keyboard.press('ControlOrMeta+Space');
  await expect(page.locator('.suggest-widget .monaco-list-row').filter({ hasText: /^bpf_ktime_get_ns/ })).toBeVisible();
});
