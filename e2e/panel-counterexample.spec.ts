/**
 * Counterexamples (issue #7): the XDP example without its UDP bounds check is rejected; the
 * Verifier panel offers a concrete packet that makes the rejected read go past data_end, and
 * "Replay without the verifier" runs exactly that packet in an unverified kernel.
 * Expectations are hand-checked: udp->dest sits at 14 + 20 + 2 = 36, so the longest packet whose
 * 2-byte read crosses data_end is 37 bytes (1 byte past the end).
 */
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { openC, pasteSource, shots, SHOTS, XDP_C } from './panel-helpers.ts';

const OOB = readFileSync(new URL('../src/worker/testdata/oob.c', import.meta.url), 'utf8');
const BROKEN = XDP_C.replace('\tif ((void *)(udp + 1) > data_end)\n\t\treturn XDP_PASS;\n', '');

test('a rejected packet access gets a counterexample packet and a replay without the verifier', async ({ page }) => {
  expect(BROKEN).not.toBe(XDP_C);
  await page.setViewportSize({ width: 1280, height: 720 });
  await openC(page, BROKEN, 'rejected');
  const verifier = page.getByRole('region', { name: 'Verifier' });
  await expect(verifier.getByRole('status', { name: 'Verdict' })).toContainText('invalid access to packet, off=16 size=2');
  const box = verifier.getByLabel('Counterexample');
  await expect(box).toContainText('Counterexample:', { timeout: 15_000 });
  await expect(box).toContainText('37-byte packet (udp4 → port 5001');
  await expect(box).toContainText('(line 42)');
  await expect(box.getByLabel('What the packet does')).toContainText('read 2 bytes at data+36 of a 37-byte packet: 1 byte past data_end');
  await expect(box.getByLabel('Packet dissection')).toContainText('User Datagram Protocol');
  // the bytes: Ethernet type 0x0800, IPv4 protocol 17, and the first byte of port 5001 (0x13) last
  const hex = await box.getByLabel('Packet bytes').innerText();
  expect(hex.split('\n')[0]).toMatch(/^0000 {2}52 54 00 12 34 56 52 54 00 00 00 02 08 00 45 00$/);
  expect(hex.trim().endsWith('95 2a 13')).toBe(true);

  await box.scrollIntoViewIfNeeded();
  await box.evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await shots(page, 'panel-counterexample-found');
  await box.getByRole('button', { name: 'Replay without the verifier' }).click();
  const replay = box.getByRole('status', { name: 'Replay result' });
  await expect(replay).toContainText('Ran without the verifier: verdict XDP_PASS');
  await expect(replay).toContainText('1 byte past data_end');
  await replay.scrollIntoViewIfNeeded();
  await shots(page, 'panel-counterexample-replay');
  // the whole box, on a tall window
  await page.setViewportSize({ width: 1280, height: 1800 });
  await verifier.locator('.pane-body').evaluate((el) => el.scrollTo(0, 0));
  await verifier.screenshot({ path: `${SHOTS}/panel-counterexample-box.png` });
});

test('a read far past the packet: the replay shows the simulated kernel oops at that instruction', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openC(page, OOB, 'rejected');
  const box = page.getByRole('region', { name: 'Verifier' }).getByLabel('Counterexample');
  await expect(box).toContainText('140-byte packet (udp4 → port 5001', { timeout: 15_000 });
  await expect(box).toContainText('the kernel oopses at insn');
  await box.getByRole('button', { name: 'Replay without the verifier' }).click();
  const replay = box.getByRole('status', { name: 'Replay result' });
  await expect(replay).toContainText('verdict XDP_ABORTED');
  await expect(replay).toContainText('BUG: unable to handle page fault');
  await replay.evaluate((el) => el.scrollIntoView({ block: 'end' }));
  await shots(page, 'panel-counterexample-oops');
});

test('an accepted program and a non-packet rejection offer no counterexample', async ({ page }) => {
  await openC(page, XDP_C, 'accepted');
  const verifier = page.getByRole('region', { name: 'Verifier' });
  await page.waitForTimeout(800);
  await expect(verifier.getByLabel('Counterexample')).toHaveCount(0);
  // a lookup with a key from the packet may return NULL: dropping the NULL check is a map-value complaint, not a packet one
  await pasteSource(page, XDP_C.replace('\tif (count)\n', '').replace('__u32 key = 0;', '__u32 key = ip->ttl;'));
  await expect(verifier.getByRole('status', { name: 'Verdict' })).toContainText("invalid mem access 'map_value_or_null'");
  await page.waitForTimeout(800);
  await expect(verifier.getByLabel('Counterexample')).toHaveCount(0);
});
