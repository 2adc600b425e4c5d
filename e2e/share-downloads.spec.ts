/**
 * Downloads from the share dialog: the program as a BPF ELF object (magic \x7fELF, 64-bit,
 * little-endian, ET_REL, EM_BPF = 247 — the .o bpftool loads; unit tests compare its code with
 * llvm-objdump), the verifier log as text, and after a traffic run the packets as a pcap
 * (libpcap magic a1b2c3d4; tshark reads it when installed).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { openPlayground, screenshot } from './helpers.ts';


async function download(page: Page, name: RegExp): Promise<{ file: string; bytes: Buffer }> {
  await page.getByRole('button', { name: 'Copy link' }).click();
  const dialog = page.getByRole('dialog', { name: 'Share this workspace' });
  const wait = page.waitForEvent('download');
  await dialog.getByRole('region', { name: 'Download' }).getByRole('button', { name }).click();
  const d = await wait;
  const path = await d.path();
  const bytes = readFileSync(path);
  await page.keyboard.press('Escape');
  return { file: d.suggestedFilename(), bytes };
}

const hasTshark = (() => {
  try {
    execFileSync('tshark', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

test('download the .o, the verifier log and the packets of a traffic run', async ({ page }) => {
  await openPlayground(page);
  await page.getByRole('button', { name: 'Examples' }).click();
  await page.getByRole('button', { name: 'Open example: XDP: drop UDP to port 5001' }).click();

  const obj = await download(page, /Object file/);
  expect(obj.file).toBe('prog.o');
  expect([...obj.bytes.subarray(0, 6)]).toEqual([0x7f, 0x45, 0x4c, 0x46, 2, 1]);
  expect(obj.bytes.readUInt16LE(16)).toBe(1); // ET_REL
  expect(obj.bytes.readUInt16LE(18)).toBe(247); // EM_BPF
  expect(obj.bytes.includes(Buffer.from('drop_udp_5001\0'))).toBe(true);

  await page.getByRole('button', { name: /^Run program/ }).click();
  await expect(page.getByRole('region', { name: 'Verifier' }).getByRole('status', { name: 'Verdict' })).toContainText('accepted');
  const log = await download(page, /Verifier log/);
  expect(log.file).toBe('prog-verifier.txt');
  const text = log.bytes.toString('utf8');
  expect(text.split('\n')[0]).toBe('# prog.c, program type xdp: accepted');
  expect(text).toMatch(/^processed \d+ insns \(limit 1000000\)/m);

  await page.getByRole('button', { name: 'Run on traffic' }).click();
  await expect(page.getByRole('progressbar', { name: 'Run progress' })).toHaveAttribute('aria-valuenow', '100', { timeout: 60_000 });
  await page.getByRole('button', { name: 'Copy link' }).click();
  await screenshot(page, 'share-downloads');
  await page.keyboard.press('Escape');
  const pcap = await download(page, /Packets/);
  expect(pcap.file).toBe('prog-mixed-seed0.pcap');
  // 10,000 packets of the default scenario: the header plus one record per packet
  let n = 0;
  for (let at = 24; at < pcap.bytes.length; at += 16 + pcap.bytes.readUInt32LE(at + 8)) n++;
  expect(n).toBe(10_000);
  expect(pcap.bytes.readUInt32LE(0)).toBe(0xa1b2c3d4);
  expect(pcap.bytes.readUInt32LE(20)).toBe(1); // LINKTYPE_ETHERNET
  const first = pcap.bytes.readUInt32LE(24 + 8); // caplen of the first record
  expect(first).toBeGreaterThanOrEqual(42); // at least Ethernet + IPv4 + UDP headers
  if (hasTshark) {
    const tmp = `/tmp/uia-e2e-${Date.now()}.pcap`;
    (await import('node:fs')).writeFileSync(tmp, pcap.bytes);
    const lines = execFileSync('tshark', ['-r', tmp, '-T', 'fields', '-e', 'eth.type'], { encoding: 'utf8' }).trim().split('\n');
    expect(lines.length).toBe(10_000);
    expect(lines.every((l) => /^0x[0-9a-f]{4}/.test(l))).toBe(true);
  }
});
