/**
 * Counterexamples (issue #7): the XDP example without its UDP bounds check is rejected; the
 * Verifier panel offers a concrete packet that makes the rejected read go past data_end, and
 * "Replay without the verifier" runs exactly that packet in an unverified kernel.
 * Expectations are hand-checked: udp->dest sits at 14 + 20 + 2 = 36, so the longest packet whose
 * 2-byte read crosses data_end is 37 bytes (1 byte past the end). Beyond truncation: a header field
 * (IPv4 IHL 15 puts tcp->dest at 14 + 60 + 2 = 76) and a kprobe's context (di = 64 indexes slot 64
 * of a 64-slot map value); Replay loads the run's step trace into the Trace pane at the rejected pc.
 */
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { openC, pasteSource, shots, SHOTS, XDP_C } from './panel-helpers.ts';

const OOB = readFileSync(new URL('../src/worker/testdata/oob.c', import.meta.url), 'utf8');
const IHL = readFileSync(new URL('../src/worker/testdata/cex-ihl.c', import.meta.url), 'utf8');
const KPROBE = readFileSync(new URL('../src/worker/testdata/cex-kprobe.c', import.meta.url), 'utf8');
const PROBE = readFileSync(new URL('../src/worker/testdata/cex-probe.c', import.meta.url), 'utf8');
const LESSON9 = readFileSync(new URL('../lessons/09-packet-bounds/prog.c', import.meta.url), 'utf8');
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
  await expect(box.getByLabel('What the input does')).toContainText('read 2 bytes at data+36 of a 37-byte packet: 1 byte past data_end');
  await expect(box.getByLabel('Packet dissection')).toContainText('User Datagram Protocol');
  // the bytes: Ethernet type 0x0800, IPv4 protocol 17, and the first byte of port 5001 (0x13) last
  const hex = await box.getByLabel('Packet bytes').innerText();
  expect(hex.split('\n')[0]).toMatch(/^0000 {2}52 54 00 12 34 56 52 54 00 00 00 02 08 00 45 00$/);
  expect(hex.trim().endsWith('95 2a 13')).toBe(true);

  await shots(page, 'panel-counterexample-found');
  await box.getByRole('button', { name: 'Replay without the verifier' }).click();
  const replay = box.getByRole('status', { name: 'Replay result' });
  await expect(replay).toContainText('Ran without the verifier: verdict XDP_PASS');
  await expect(replay).toContainText('1 byte past data_end');
  // the box scrolls on its own (the verdict and the log stay put)
  await box.evaluate((el) => (el.scrollTop = el.scrollHeight));
  await shots(page, 'panel-counterexample-replay');
  // the whole box, on a tall window
  await page.setViewportSize({ width: 1280, height: 1800 });
  await verifier.getByRole('button', { name: 'More room' }).click();
  await box.evaluate((el) => el.scrollTo(0, 0));
  await verifier.screenshot({ path: `${SHOTS}/panel-counterexample-box.png` });
});

test('a read far past the packet: the replay shows the simulated kernel oops at that instruction', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openC(page, OOB, 'rejected');
  const box = page.getByRole('region', { name: 'Verifier' }).getByLabel('Counterexample');
  await expect(box).toContainText('140-byte packet (udp4 → port 5001', { timeout: 15_000 });
  await expect(box).toContainText('read 1 byte at data+100000 of a 140-byte packet: 99861 bytes past data_end — the kernel oopses there');
  await box.getByRole('button', { name: 'Replay without the verifier' }).click();
  const replay = box.getByRole('status', { name: 'Replay result' });
  await expect(replay).toContainText('verdict none (the kernel oopsed)');
  await expect(replay).toContainText('BUG: unable to handle page fault');
  await box.evaluate((el) => (el.scrollTop = el.scrollHeight));
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

test('a header-field counterexample: IHL 15 moves the TCP header; Replay puts the run in the Trace pane at the rejected pc', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openC(page, IHL, 'rejected');
  const verifier = page.getByRole('region', { name: 'Verifier' });
  await expect(verifier.getByRole('status', { name: 'Verdict' })).toContainText('invalid access to packet, off=16 size=2');
  const box = verifier.getByLabel('Counterexample');
  await expect(box).toContainText('Counterexample:', { timeout: 20_000 });
  await expect(box.getByLabel('Fields changed')).toContainText('ip.hdr_len: 20 bytes (5) → 60 bytes (15)');
  await expect(box.getByLabel('What the input does')).toContainText(/read 2 bytes at data\+76 of a \d+-byte packet: \d+ bytes? past data_end/);
  await expect(box.getByLabel('Packet dissection')).toContainText('Internet Protocol Version 4');
  const pc = Number(/insn (\d+) \(line 23\)/.exec(await box.locator('summary').innerText())![1]);
  // the rejected instruction is the last of the verifier's log: `pc: (69) r1 = *(u16 *)(r7 +2)`
  await expect(verifier.getByRole('log', { name: 'Verifier log' })).toContainText(`${pc}: (69) `);
  await shots(page, 'panel-counterexample-ihl');
  await box.getByRole('button', { name: 'Replay without the verifier' }).click();
  const replay = box.getByRole('status', { name: 'Replay result' });
  await expect(replay).toContainText('Ran without the verifier');
  await expect(replay).toContainText(`in the Trace pane, at step`);
  // the Trace tab is chosen and shows the replay at the rejected instruction
  await expect(page.getByRole('tab', { name: 'Trace' })).toHaveAttribute('aria-selected', 'true');
  const trace = page.getByRole('region', { name: 'Register trace' });
  await expect(trace.getByLabel('current pc')).toHaveText(String(pc));
  await expect(trace.locator('tr.current')).toContainText('= *(u16 *)(r7 + 0x2)');
  // the packet pointer r7 at that step: data + 14 + 60
  await expect(trace.getByLabel('Registers')).toBeVisible();
  await shots(page, 'panel-counterexample-ihl-trace');
  // stepping back walks the run: the step before is the pointer arithmetic
  await page.getByRole('button', { name: 'Step back' }).click();
  await expect(trace.getByLabel('current pc')).toHaveText(String(pc - 1));
});

test('a tracing program: a kprobe context (di = 64) overruns the map value; the replay ends in the oops in the Trace pane', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openC(page, KPROBE, 'rejected');
  const verifier = page.getByRole('region', { name: 'Verifier' });
  await expect(verifier.getByRole('status', { name: 'Verdict' })).toContainText('invalid access to map value, value_size=512 off=512 size=8');
  const box = verifier.getByLabel('Counterexample');
  await expect(box).toContainText('Counterexample: this context (pt_regs, di changed)', { timeout: 20_000 });
  await expect(box.getByLabel('Fields changed')).toContainText('di: 0x0 → 0x40');
  await expect(box.getByLabel('What the input does')).toContainText('read 8 bytes at value+512 of a 512-byte map value: 8 bytes past the end of the value — the kernel oopses there');
  await expect(box.getByLabel('Context fields')).toContainText('di = 0x40 (64)');
  const pc = Number(/insn (\d+) \(line 27\)/.exec(await box.locator('summary').innerText())![1]);
  await box.getByRole('button', { name: 'Replay without the verifier' }).click();
  await expect(box.getByRole('status', { name: 'Replay result' })).toContainText('BUG: unable to handle page fault');
  const trace = page.getByRole('region', { name: 'Register trace' });
  await expect(trace.getByLabel('current pc')).toHaveText(String(pc));
  await expect(trace.getByLabel('Run ended in an oops')).toContainText(`oops at pc ${pc}`);
  await shots(page, 'panel-counterexample-kprobe-trace');
});

test('the box folds to its title line, and the log keeps its room', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openC(page, BROKEN, 'rejected');
  const verifier = page.getByRole('region', { name: 'Verifier' });
  const box = verifier.getByLabel('Counterexample');
  await expect(box).toContainText('Counterexample:', { timeout: 15_000 });
  // a roomier pane (the default one at 1280×720 has the box capped at about its title line)
  await verifier.getByRole('button', { name: 'More room' }).click();
  const log = verifier.getByRole('log', { name: 'Verifier log' });
  const body = verifier.locator('.verifier-body');
  await expect.poll(async () => (await body.boundingBox())!.height).toBeGreaterThan(250);
  const [lh, bh] = [(await log.boundingBox())!.height, (await body.boundingBox())!.height];
  expect(lh / bh).toBeGreaterThanOrEqual(0.6);
  await box.locator('summary').click({ position: { x: 4, y: 6 } });
  await expect(box).not.toHaveAttribute('open', '');
  await expect(box.getByRole('button', { name: 'Replay without the verifier' })).toBeHidden();
  const folded = (await log.boundingBox())!.height;
  expect(folded).toBeGreaterThan(lh);
  await shots(page, 'panel-counterexample-folded');
});

test('lesson 9’s start program (eth->h_proto unchecked): no frame is shorter than its Ethernet header, and the box says why', async ({ page }) => {
  await openC(page, LESSON9, 'rejected');
  const verifier = page.getByRole('region', { name: 'Verifier' });
  await expect(verifier.getByRole('status', { name: 'Verdict' })).toContainText('invalid access to packet, off=12 size=2');
  const box = verifier.getByLabel('Counterexample');
  await expect(box).toContainText('bytes 12..13 lie in every frame (at least the 14-byte Ethernet header)', { timeout: 15_000 });
  await expect(verifier.getByRole('log', { name: 'Verifier log' }).locator('.vlog-error')).toBeInViewport();
  await shots(page, 'panel-counterexample-lesson9');
});

test('a probe-read value is part of the event: the task’s prio read as a value >= 64 overruns the 64-slot table', async ({ page }) => {
  await openC(page, PROBE, 'rejected');
  const box = page.getByRole('region', { name: 'Verifier' }).getByLabel('Counterexample');
  await expect(box).toContainText('Counterexample: this context (pt_regs, a probe-read value changed)', { timeout: 20_000 });
  await expect(box.getByLabel('Fields changed')).toContainText('probe read of kernel memory at 0xffff888104a8006c (current task + 0x6c): 0x0 → 0xffffffff');
  await expect(box.getByLabel('What the input does')).toContainText('read 8 bytes at value+1016 of a 512-byte map value: 512 bytes past the end of the value — the kernel oopses there');
  await box.getByRole('button', { name: 'Replay without the verifier' }).click();
  await expect(box.getByRole('status', { name: 'Replay result' })).toContainText('BUG: unable to handle page fault');
  await expect(page.getByRole('region', { name: 'Register trace' }).getByLabel('Run ended in an oops')).toBeVisible();
});
