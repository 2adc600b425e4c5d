/**
 * A user checks what a real kernel would say about loading a program. Verdicts are Linux facts:
 * in XDP only r1 (the context) and r10 are set at entry, so `r0 = r2` is rejected with
 * "R2 !read_ok"; `r0 = 2; exit` is accepted after 2 processed instructions; the C example drops
 * a UDP datagram to port 5001, and XDP_DROP is 1.
 */
import { expect, test } from '@playwright/test';
import { openPlayground, screenshot, setEditorText } from './helpers.ts';

test('the verifier rejects reading an uninitialised register and points at the insn', async ({ page }) => {
  await openPlayground(page);
  await setEditorText(page, 'r0 = 0\nr0 = r2\nexit\n');
  await page.getByRole('button', { name: /^Run program/ }).click();

  const verifier = page.getByRole('region', { name: 'Verifier' });
  const verdict = verifier.getByRole('status', { name: 'Verdict' });
  await expect(verdict).toContainText('rejected');
  await expect(verdict).toContainText('R2 !read_ok');
  const log = verifier.getByRole('log', { name: 'Verifier log' });
  await expect(log.locator('.vlog-error')).toHaveText('R2 !read_ok');
  // the raw run still happens (the page teaches the ISA either way)
  await expect(page.getByRole('region', { name: 'Result' }).getByLabel('r0 (decimal)')).toHaveText('0');

  // clicking the failing instruction line selects pc 1 in the Bytecode panel
  await log.getByRole('button', { name: '1: (bf) r0 = r2' }).click();
  const bytecode = page.getByRole('region', { name: 'Bytecode' });
  await expect(bytecode.locator('tr.selected td').first()).toHaveText('1');
  await expect(bytecode.locator('tr.selected .insn')).toHaveText('r0 = r2');
  await screenshot(page, '30-verifier-rejects');
});

test('an accepted program shows accepted and the processed count; the type and level apply', async ({ page }) => {
  await openPlayground(page);
  await setEditorText(page, 'r0 = 2\nexit\n');
  await page.getByRole('button', { name: /^Run program/ }).click();
  const verifier = page.getByRole('region', { name: 'Verifier' });
  await expect(verifier.getByRole('status', { name: 'Verdict' })).toContainText('accepted');
  await expect(verifier.getByRole('status', { name: 'Verdict' })).toContainText('processed 2 insns');
  await expect(verifier.getByRole('log')).toContainText('processed 2 insns (limit 1000000)');
  await expect(verifier).toContainText('as xdp');

  await page.getByLabel('Program type').selectOption('socket');
  await page.getByRole('button', { name: /^Run program/ }).click();
  await expect(verifier).toContainText('as socket_filter');
  await verifier.getByLabel('Verifier log level').selectOption('2');
  await expect(verifier.getByRole('log')).toContainText('Live regs before insn:');
  await screenshot(page, '31-verifier-accepts');
});

test('a C program compiles, verifies and runs to XDP_DROP', async ({ page }) => {
  await openPlayground(page);
  await page.getByRole('button', { name: 'Examples' }).click();
  await page.getByRole('button', { name: 'Open example: XDP: drop UDP to port 5001' }).click();
  await expect(page.getByRole('region', { name: 'C editor' })).toBeVisible();
  await expect(page.getByLabel('Language')).toHaveValue('c');
  await page.getByRole('button', { name: /^Run program/ }).click();

  const result = page.getByRole('region', { name: 'Result' });
  await expect(result.getByLabel('return value', { exact: true })).toHaveText('XDP_DROP');
  await expect(result.getByLabel('return value (decimal)')).toHaveText('1');
  const verifier = page.getByRole('region', { name: 'Verifier' });
  await expect(verifier.getByRole('status', { name: 'Verdict' })).toContainText('accepted');
  await expect(verifier).toContainText('as xdp');
  // each slot shows the C line it came from
  const bytecode = page.getByRole('region', { name: 'Bytecode' });
  await expect(bytecode.locator('td.src-line').first()).toContainText('int drop_udp_5001(struct xdp_md *ctx)');
  await expect(page.locator('.monaco-editor .view-lines')).toContainText('#include <linux/bpf.h>');
  await screenshot(page, '32-c-xdp-drop');
});
