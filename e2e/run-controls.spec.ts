/** Run controls: pause / resume / step / reset, the oops without the verifier, the unprivileged switch. */
import { expect, test } from '@playwright/test';
import { openC, openTab, runSettings, shots } from './panel-helpers.ts';

const OOB = `#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

SEC("xdp")
int oob(struct xdp_md *ctx)
{
	unsigned char *data = (void *)(long)ctx->data;
	return data[100000] ? XDP_PASS : XDP_DROP;
}

char LICENSE[] SEC("license") = "GPL";
`;

test('pause, resume, step and reset', async ({ page }) => {
  await openC(page);
  const bar = await runSettings(page);
  await bar.getByLabel('Packet count').fill('200000');
  await bar.getByRole('button', { name: 'Run on traffic' }).click();
  const progress = bar.getByRole('progressbar', { name: 'Run progress' });
  await expect.poll(async () => Number(await progress.getAttribute('aria-valuenow'))).toBeGreaterThan(0);
  await bar.getByRole('button', { name: 'Pause the traffic run' }).click();
  await expect(bar.getByRole('button', { name: 'Resume the traffic run' })).toBeVisible();
  // the batch already in the worker still lands; after that nothing moves
  await page.waitForTimeout(800);
  const paused = Number(await progress.getAttribute('aria-valuenow'));
  expect(paused).toBeLessThan(100);
  await page.waitForTimeout(600);
  expect(Number(await progress.getAttribute('aria-valuenow'))).toBe(paused);
  await bar.getByRole('button', { name: 'Resume the traffic run' }).click();
  await expect(progress).toHaveAttribute('aria-valuenow', '100', { timeout: 120_000 });
  await expect(bar.getByLabel('Packets run')).toContainText('200,000 / 200,000');

  await bar.getByRole('button', { name: 'Reset the traffic run' }).click();
  await expect(progress).toHaveAttribute('aria-valuenow', '0');
  await bar.getByRole('button', { name: 'Step one packet' }).click();
  await expect(bar.getByLabel('Packets run')).toContainText('1 / 200,000');
  await bar.getByRole('button', { name: 'Step one packet' }).click();
  await expect(bar.getByLabel('Packets run')).toContainText('2 / 200,000');
  await openTab(page, 'Packets');
  await expect(page.getByRole('table', { name: 'Packet list' }).locator('tbody tr')).toHaveCount(2);
});

test('without the verifier, a rejected program runs and oopses', async ({ page }) => {
  await openC(page, OOB, 'rejected');
  const bar = await runSettings(page);
  await bar.getByRole('button', { name: 'Run on traffic' }).click();
  const status = bar.getByRole('status', { name: 'Run status' });
  await expect(status).toContainText('verifier rejected the program, so nothing ran');
  await bar.getByLabel('Run without the verifier').check();
  await bar.getByRole('button', { name: 'Run on traffic' }).click();
  await expect(status).toContainText('Kernel oops on packet 0');
  await expect(status).toContainText('BUG: unable to handle page fault for address');
  await shots(page, 'run-oops');
  await bar.getByLabel('Run without the verifier').uncheck();
});

test('the program type can be overridden, and the unprivileged switch re-verifies', async ({ page }) => {
  await openC(page);
  const bar = await runSettings(page);
  await expect(bar.getByLabel('Packets run')).toContainText('· xdp ·');
  // as a socket filter, the XDP context accesses are invalid: the live verdict changes
  await bar.getByLabel('Run as program type').selectOption('socket');
  const verdict = page.getByRole('status', { name: 'Verdict' });
  await expect(verdict).toContainText('rejected');
  await expect(page.getByRole('region', { name: 'Verifier' })).toContainText('as socket_filter');
  await bar.getByLabel('Run as program type').selectOption('');
  await expect(verdict).toContainText('accepted');
  const before = await page.evaluate(() => window.__ebpfPerf!.verdicts);
  await bar.getByLabel('Unprivileged loader').check();
  await expect.poll(() => page.evaluate(() => window.__ebpfPerf!.verdicts)).toBeGreaterThan(before);
  await bar.getByLabel('Unprivileged loader').uncheck();
});

test('the traffic list is the simulator’s (botnet too), and an example’s header sets the run', async ({ page }) => {
  await openC(page);
  const openExample = async (title: RegExp) => {
    await page.getByRole('button', { name: 'Examples' }).click();
    await page.getByRole('dialog', { name: 'Examples' }).getByRole('button', { name: title }).first().click();
  };
  const bar = await runSettings(page);
  const traffic = bar.getByLabel('Traffic scenario');
  await expect(traffic.locator('option')).toHaveText(['web', 'iperf', 'synflood', 'portscan', 'mixed', 'botnet']);
  // 12: @scenario botnet, @count 10000
  await openExample(/^Open example: .*SYN/);
  await expect(traffic).toHaveValue('botnet');
  await expect(bar.getByLabel('Packet count')).toHaveValue('10000');
  // 14: @poll-every 512, @perf-pages 1 — and a run shows what the reader lost
  await openExample(/^Open example: Ring buffer against perf buffer/);
  await expect(bar.getByLabel('Reader polls every (packets)')).toHaveValue('512');
  await expect(bar.getByLabel('Perf buffer pages per CPU')).toHaveValue('1');
  await bar.getByRole('button', { name: 'Run on traffic' }).click();
  await expect(bar.getByRole('progressbar', { name: 'Run progress' })).toHaveAttribute('aria-valuenow', '100', { timeout: 60_000 });
  await openTab(page, 'Events');
  await expect(page.getByLabel('Reader', { exact: true })).toContainText(/polls every 512 packets, 1 perf page per CPU · pb: lost [\d,]+ samples/);
  await shots(page, 'run-controls-reader');
  // 21: @scenario webserver,shell, @duration 5s; the reader settings are gone
  await openExample(/^Open example: opensnoop/);
  await expect(bar.getByLabel('Workload')).toHaveValue('webserver,shell');
  await expect(bar.getByLabel('Duration (seconds of simulated time)')).toHaveValue('5');
});
