/**
 * Step for tracing programs: Step on execsnoop (a tracepoint program) runs the world to the next
 * execve and runs the program on it traced — the Trace panel lists its instructions, the register
 * file changes as you step (r1 = the tracepoint record first), the Result panel names the event,
 * and the States panel shows the concrete registers beside the verifier's abstract ones.
 */
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { openC, openTab, runSettings, shots } from './panel-helpers.ts';

const SRC = readFileSync(new URL('../examples/20-execsnoop/prog.c', import.meta.url), 'utf8');

test('Step on a tracepoint program shows its register trace on one execve', async ({ page }) => {
  await openC(page, SRC);
  const bar = await runSettings(page);
  await bar.getByLabel('Workload').selectOption('shell');
  await bar.getByRole('button', { name: 'Step one event' }).click();
  await openTab(page, 'Trace');
  const trace = page.getByRole('region', { name: 'Register trace' });
  const rows = trace.getByRole('table', { name: 'Executed instructions' }).locator('tbody tr:not([aria-hidden])');
  await expect(rows.first()).toBeVisible();
  await expect(rows.first().locator('td').nth(1)).toHaveText('0');
  const regs = trace.getByLabel('Registers');
  const read = async () => Object.fromEntries(await Promise.all(Array.from({ length: 11 }, async (_, r) => [`r${r}`, await regs.getByLabel(`r${r}`, { exact: true }).innerText()])));
  const first = await read();
  // r1 is the context (a kernel address), r10 the frame pointer
  expect(BigInt(first.r1)).toBeGreaterThan(0xffff000000000000n);
  expect(BigInt(first.r10)).toBeGreaterThan(0n);
  const n = Number((await trace.locator('.pane-sub').first().innerText()).match(/of ([\d,]+)/)![1].replace(/,/g, ''));
  expect(n).toBeGreaterThan(10);
  await trace.getByRole('button', { name: 'Last step' }).click();
  await expect(trace.getByLabel('current step')).toHaveText(String(n));
  const last = await read();
  // registers changed along the way (the ring-buffer record pointer, helper results), and the program returned 0
  expect(Object.keys(first).filter((r) => first[r] !== last[r]).length).toBeGreaterThan(1);
  expect(BigInt(last.r0)).toBe(0n);
  // Result: the event the program ran on
  await expect(page.getByRole('region', { name: 'Result' })).toContainText(/tracepoint syscalls\/sys_enter_execve · \S+ pid \d+ · CPU \d/);
  // States: the concrete value beside the verifier's abstract one, at `r6 = r0` after the reserve (r0 = the record or NULL)
  await openTab(page, 'States');
  const states = page.getByRole('region', { name: 'Verifier states' });
  await states.getByRole('table', { name: 'States per instruction' }).locator('tbody tr').nth(3).click();
  await expect(states.getByLabel('States at the selected instruction').getByLabel('Concrete beside abstract').first()).toContainText('⇢');
  await openTab(page, 'Trace');
  await bar.getByRole('button', { name: 'Run settings' }).click(); // fold the settings: more room for the trace
  await trace.getByRole('button', { name: 'First step' }).click();
  await rows.nth(6).click();
  await shots(page, 'run-trace-tracing');
  // a second Step: the next execve, another event
  await bar.getByRole('button', { name: 'Step one event' }).click();
  await expect(page.getByRole('region', { name: 'Result' })).toContainText(/event #\d+: tracepoint syscalls\/sys_enter_execve/);
  await openTab(page, 'Stats');
  // two program runs (the world ran on past other events in between)
  await expect(page.getByRole('table', { name: 'Verdict counts' }).locator('tr', { hasText: 'runs' }).locator('td').nth(1)).toHaveText('2');
});
