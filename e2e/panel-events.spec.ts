/** The Events panel: bpf_printk lines (trace_pipe) and ring/perf-buffer records of a run, decoded with the program's struct type. */
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { openC, openTab, runTraffic, shots } from './panel-helpers.ts';
import { createWorldResult } from '../src/sim/index.ts';

const SRC = readFileSync(new URL('./fixtures/panel-events.c', import.meta.url), 'utf8');

/** The names of the simulated world's tasks that call execve (every workload, a few seeds), from the world itself. */
const EXEC_COMMS = (() => {
  const out = new Set<string>();
  for (const seed of [0, 1, 2, 3]) {
    for (const e of createWorldResult({ seed, cpus: 2 }).value!) if (e.kind === 'tracepoint' && e.name === 'syscalls/sys_enter_execve') out.add(e.task.comm);
  }
  return [...out];
})();

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
  const table = events.getByRole('table', { name: 'Records of events' });
  // the program sends the same __u32 to the ring buffer: decoded as its type says, one column
  await expect(events.getByLabel('Record type of events')).toHaveText('__u32');
  await expect(table.locator('thead th')).toHaveText(['packet', '__u32']);
  const rec = table.locator('tbody tr').first();
  await expect(rec.locator('td').nth(1)).toHaveText(String(len0));
  // and its raw bytes, little-endian, on demand
  await events.getByLabel('Show raw bytes').check();
  await expect(rec.locator('td').nth(2)).toHaveText(len0.toString(16).padStart(2, '0') + '000000');
  // and it is packet 0's length as the dissector counts it (its hex dump has len0 bytes)
  await openTab(page, 'Packets');
  const detail = page.getByLabel('Packet bytes before');
  const hex = (await detail.innerText()).split('\n').map((l) => l.slice(6, 6 + 49).trim()).join(' ').split(/\s+/).filter(Boolean);
  expect(hex.length).toBe(len0);
  await openTab(page, 'Events');
  await table.scrollIntoViewIfNeeded();
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
  // decoded as the struct the program reserves: struct event { u32 pid; u32 uid; char comm[16]; char filename[128]; }
  await expect(events.getByLabel('Record type of events')).toHaveText('struct event');
  const table = events.getByRole('table', { name: 'Records of events' });
  await expect(table.locator('thead th')).toHaveText(['event', 'pid', 'uid', 'comm', 'filename']);
  const rows = table.locator('tbody tr');
  expect(await rows.count()).toBeGreaterThan(0);
  for (const row of (await rows.all()).slice(0, 10)) {
    const [, pid, uid, comm, filename] = await row.locator('td').allInnerTexts();
    expect(Number(pid)).toBeGreaterThan(0);
    expect(Number.isInteger(Number(uid))).toBe(true);
    // the task that called execve: one of the simulated world's processes (before exec, the forking shell or daemon)
    expect(EXEC_COMMS).toContain(comm);
    // the path it passed, read out of that task's memory
    expect(filename).toMatch(/^\/[\w./-]+$/);
  }
  await table.scrollIntoViewIfNeeded();
  await shots(page, 'panel-events-tracing');
});

test('ring buffer and perf buffer records of 14-ringbuf-vs-perfbuf decode as struct event { seq, cpu }', async ({ page }) => {
  const src = readFileSync(new URL('../examples/14-ringbuf-vs-perfbuf/prog.c', import.meta.url), 'utf8');
  await openC(page, src);
  await runTraffic(page, 300, 'iperf');
  await openTab(page, 'Events');
  const events = page.getByRole('region', { name: 'Events' });
  for (const [map, kind] of [['rb', 'ring buffer'], ['pb', 'perf buffer']]) {
    await expect(events.getByLabel(`Record type of ${map}`)).toHaveText('struct event');
    await expect(events.locator('.records-map', { hasText: kind }).first()).toBeVisible();
    const table = events.getByRole('table', { name: `Records of ${map}` });
    await expect(table.locator('thead th')).toHaveText(['packet', 'seq', 'cpu']);
    const cells = await table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td'), (td) => td.textContent ?? '')));
    expect(cells.length).toBeGreaterThan(10);
    const seqs = cells.map((c) => Number(c[1]));
    // every record has its own ticket (the shared counter's value), and ran on one of the 2 simulated CPUs
    expect(new Set(seqs).size).toBe(seqs.length);
    for (const c of cells) expect(['0', '1']).toContain(c[2]);
    // the ring buffer is one buffer for all CPUs: its records arrive in ticket order
    if (map === 'rb') expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
  }
  await events.getByLabel('Show raw bytes').check();
  await expect(events.getByRole('table', { name: 'Records of rb' }).locator('thead th')).toHaveText(['packet', 'seq', 'cpu', 'bytes']);
  // the decoded fields are the raw bytes read as two little-endian u32s
  const le32 = (n: string) => Array.from({ length: 4 }, (_, i) => ((Number(n) >>> (8 * i)) & 0xff).toString(16).padStart(2, '0')).join('');
  const [, seq, cpu, bytes] = await events.getByRole('table', { name: 'Records of rb' }).locator('tbody tr').first().locator('td').allInnerTexts();
  expect(bytes).toBe(le32(seq) + le32(cpu));
  await events.getByRole('table', { name: 'Records of pb' }).scrollIntoViewIfNeeded();
  await shots(page, 'panel-events-ringbuf-perfbuf');
});
