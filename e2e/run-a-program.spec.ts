/**
 * A user writes a small loop, runs it with the Run button and with Ctrl+Enter, reads r0, and
 * steps through the register trace. Expected values are computed by hand in the comments.
 */
import { expect, test } from '@playwright/test';
import { externalRequests, openPlayground, screenshot, setEditorText } from './helpers.ts';

// r0 = (3 + 2 + 1) * 7 = 42. Executed: pc0 pc1 (pc2 pc3 pc4)×3 pc5 pc6 = 13 instructions.
const PROGRAM = `# sum 3 + 2 + 1, then times 7
        r0 = 0
        r1 = 3
loop:
        r0 += r1
        r1 -= 1
        if r1 != 0 goto loop
        r0 *= 7
        exit
`;

test('run a program with the button and with Ctrl+Enter, then step through its trace', async ({ page }) => {
  await openPlayground(page);
  // the starter example is there on first visit
  await expect(page.locator('.monaco-editor .view-lines')).toContainText('Sum 1 + 2 + ... + 10');
  await screenshot(page, '01-start');
  // the ebpf-asm language colours keywords, registers and comments differently
  const token = (text: RegExp) => page.locator('.monaco-editor .view-line span span', { hasText: text }).first();
  const [kw, reg, comment] = await Promise.all([
    token(/^exit$/).getAttribute('class'),
    token(/^r10$/).getAttribute('class'),
    token(/^#\sSum\s1/).getAttribute('class'),
  ]);
  expect(new Set([kw, reg, comment]).size).toBe(3);

  await setEditorText(page, PROGRAM);
  await page.getByRole('button', { name: /^Run program/ }).click();

  const result = page.getByRole('region', { name: 'Result' });
  await expect(result.getByLabel('r0 (hex)')).toHaveText('0x2a');
  await expect(result.getByLabel('r0 (decimal)')).toHaveText('42');
  await expect(result.getByLabel('instructions executed')).toHaveText('13');
  await expect(result.getByText('exit', { exact: true })).toBeVisible();

  // Bytecode: 7 slots; slot 2 is `r0 += r1` = 0f 10 00 00 00 00 00 00 (code 0x0f, src 1, dst 0).
  const bytecode = page.getByRole('table', { name: 'Bytecode' });
  await expect(bytecode.locator('tbody tr')).toHaveCount(7);
  await expect(bytecode.locator('tbody tr').nth(2)).toContainText('0f 10 00 00 00 00 00 00');
  await expect(bytecode.locator('tbody tr').nth(2)).toContainText('r0 += r1');

  // Trace: starts at step 1 (pc 0); 13 rows.
  const trace = page.getByRole('region', { name: 'Register trace' });
  const steps = trace.getByRole('table', { name: 'Executed instructions' });
  await expect(steps.locator('tbody tr:not([aria-hidden])')).toHaveCount(13);
  await expect(trace.getByLabel('current step')).toHaveText('1');
  await expect(trace.getByLabel('current pc')).toHaveText('0');

  // Step forward: step 2 is pc 1, `r1 = 3`.
  await trace.getByRole('button', { name: 'Step forward' }).click();
  await expect(trace.getByLabel('current pc')).toHaveText('1');
  await expect(trace.getByLabel('r1', { exact: true })).toHaveText('0x0000000000000003');
  await expect(trace.getByLabel('r0', { exact: true })).toHaveText('0x0000000000000000');

  // Keyboard → twice: step 4 is pc 3, `r1 -= 1` → r1 = 2; r0 = 3 from step 3.
  await page.getByRole('heading', { name: 'Register trace' }).click();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(trace.getByLabel('current step')).toHaveText('4');
  await expect(trace.getByLabel('current pc')).toHaveText('3');
  await expect(trace.getByLabel('r1', { exact: true })).toHaveText('0x0000000000000002');
  await expect(trace.getByLabel('r0', { exact: true })).toHaveText('0x0000000000000003');
  // the editor highlights the source line of pc 3 (`r1 -= 1`, line 6)
  await expect(page.locator('.monaco-editor .ebpf-step-line')).toHaveCount(1);

  // Step back (button, then ←): step 2, pc 1, r1 = 3 and r0 = 0 again.
  await trace.getByRole('button', { name: 'Step back' }).click();
  await page.keyboard.press('ArrowLeft');
  await expect(trace.getByLabel('current pc')).toHaveText('1');
  await expect(trace.getByLabel('r1', { exact: true })).toHaveText('0x0000000000000003');
  await expect(trace.getByLabel('r0', { exact: true })).toHaveText('0x0000000000000000');

  // Last step is the exit at pc 6, after r0 = 42.
  await trace.getByRole('button', { name: 'Last step' }).click();
  await expect(trace.getByLabel('current step')).toHaveText('13');
  await expect(trace.getByLabel('current pc')).toHaveText('6');
  await expect(trace.getByLabel('r0', { exact: true })).toHaveText('0x000000000000002a');
  await screenshot(page, '02-ran-and-stepped');

  // Ctrl+Enter inside the editor: start the loop at 4 → (4+3+2+1)*7 = 70 in 16 instructions.
  await setEditorText(page, PROGRAM.replace('r1 = 3', 'r1 = 4'));
  await page.keyboard.press('Control+Enter');
  await expect(result.getByLabel('r0 (decimal)')).toHaveText('70');
  await expect(result.getByLabel('r0 (hex)')).toHaveText('0x46');
  await expect(result.getByLabel('instructions executed')).toHaveText('16');
  await screenshot(page, '03-ctrl-enter');

  // the page follows the system colour scheme
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(page.locator('.monaco-editor').first()).toHaveClass(/vs-dark/);
  await screenshot(page, '06-dark');

  // everything (page, Monaco, its worker, our worker) came from our own server
  expect(externalRequests(page)).toEqual([]);
});

test('what was typed survives a reload', async ({ page }) => {
  await openPlayground(page);
  await setEditorText(page, 'r0 = 5\nexit\n');
  await page.reload();
  await expect(page.locator('.monaco-editor .view-lines')).toContainText('r0 = 5');
  await expect(page.locator('.monaco-editor .view-lines')).not.toContainText('Sum 1 + 2');
});
