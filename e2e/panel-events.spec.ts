/** The Events panel: bpf_printk lines (trace_pipe) and ring-buffer records of a traffic run. */
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { openC, openTab, runTraffic, shots } from './panel-helpers.ts';

const SRC = readFileSync(new URL('./fixtures/panel-events.c', import.meta.url), 'utf8');

test('trace_pipe lines and ring-buffer records agree with the packets they came from', async ({ page }) => {
  await openC(page, SRC);
  await runTraffic(page, 20);
  await openTab(page, 'Events');
  const events = page.getByRole('region', { name: 'Events' });
  await expect(events).toContainText('20 trace_pipe lines · 20 buffer records');
  const lines = (await events.getByLabel('trace_pipe').innerText()).split('\n');
  expect(lines).toHaveLength(20);
  // the kernel's trace_pipe format: "<comm>-<pid> [cpu] flags timestamp: bpf_trace_printk: msg"
  expect(lines[0]).toMatch(/^\s*\S+-\d+\s+\[\d{3}\] \S{5}\s+\d+\.\d{6}: bpf_trace_printk: len \d+$/);
  const len0 = Number(/len (\d+)$/.exec(lines[0])![1]);
  const rec = events.getByRole('table', { name: 'Buffer records' }).locator('tbody tr').first();
  // the program sends the same u32 to the ring buffer: little-endian bytes, then the decoded word
  await expect(rec.locator('td').nth(3)).toHaveText(len0.toString(16).padStart(2, '0') + '000000');
  await expect(rec.locator('td').nth(4)).toHaveText(String(len0));
  // and it is packet 0's length as the dissector counts it (its hex dump has len0 bytes)
  await openTab(page, 'Packets');
  const detail = page.getByLabel('Packet bytes before');
  const hex = (await detail.innerText()).split('\n').map((l) => l.slice(6, 6 + 49).trim()).join(' ').split(/\s+/).filter(Boolean);
  expect(hex.length).toBe(len0);
  await openTab(page, 'Events');
  await shots(page, 'panel-events');
});

test('a tracing program runs on the event generator: execsnoop records every execve', async ({ page }) => {
  const src = readFileSync(new URL('../examples/20-execsnoop/prog.c', import.meta.url), 'utf8');
  await openC(page, src);
  const bar = page.getByRole('group', { name: 'Run controls' });
  await expect(bar.getByRole('button', { name: 'Run on traffic' })).toContainText('Run events');
  await bar.getByRole('button', { name: 'Run on traffic' }).click();
  await expect(bar.getByRole('progressbar', { name: 'Run progress' })).toHaveAttribute('aria-valuenow', '100', { timeout: 60_000 });
  await expect(bar.getByLabel('Packets run')).toContainText('tracepoint → syscalls/sys_enter_execve');
  await openTab(page, 'Stats');
  const runs = Number((await page.getByRole('table', { name: 'Verdict counts' }).locator('tr', { hasText: 'runs' }).locator('td').nth(1).innerText()).replace(/,/g, ''));
  expect(runs).toBeGreaterThan(0);
  await openTab(page, 'Events');
  const events = page.getByRole('region', { name: 'Events' });
  // one ring-buffer record per execve the program saw
  await expect(events).toContainText(`${runs.toLocaleString('en-US')} buffer records`);
  await shots(page, 'panel-events-tracing');
});
