/** The verifier state panel: states per instruction, and concrete values beside abstract ones. */
import { expect, test } from '@playwright/test';
import { openPlayground, setEditorText } from './helpers.ts';
import { openC, openTab, runTraffic, shots } from './panel-helpers.ts';

test('states per instruction, with the concrete registers beside the abstract ones', async ({ page }) => {
  await openPlayground(page);
  await setEditorText(page, 'r1 = 7\nr2 = r1\nr2 += 3\nif r2 > 100 goto +1\nr0 = r2\nexit\n');
  await openTab(page, 'States');
  const pane = page.getByRole('region', { name: 'Verifier states' });
  await expect(pane.getByRole('table', { name: 'States per instruction' })).toBeVisible();
  // after the Run button's traced run, pick insn 4 (r0 = r2): the verifier knew r2 = 10 exactly
  await page.getByRole('button', { name: /^Run program/ }).first().click();
  await expect(page.getByRole('region', { name: 'Result' }).getByLabel('r0 (decimal)')).toHaveText('10');
  await pane.getByRole('table', { name: 'States per instruction' }).locator('tr', { hasText: 'r0 = r2' }).click();
  const at = pane.getByLabel('States at the selected instruction');
  await expect(at).toContainText('R2');
  await expect(at.getByLabel('Concrete beside abstract').first()).toContainText('r2: 10 ⇢ 10');
  await expect(at.locator('.diverge')).toHaveCount(0);
  await shots(page, 'panel-states');
});

test('paths view: example 05 explored as a tree of paths, a click selects the instruction', async ({ page }) => {
  await openC(page);
  await openTab(page, 'States');
  const pane = page.getByRole('region', { name: 'Verifier states' });
  await pane.getByRole('group', { name: 'States view' }).getByRole('button', { name: 'Paths' }).click();
  const tree = pane.getByRole('tree', { name: 'Explored paths' });
  const rows = tree.getByRole('treeitem');
  // the kernel's level-2 log for this bytecode: 46 insns processed, branches at 5, 7, 12, 14, 23, 25;
  // "from 14/12/7/5 to 37: safe"; the other paths end at the exits (38, 40)
  await expect(pane.getByLabel('Paths summary')).toContainText('46 insn visits');
  await expect(rows.first()).toContainText('insns 0–5');
  await expect(rows.first()).toContainText('branches at insn 5');
  await expect(rows.filter({ hasText: 'pruned at insn 37 (equal to an earlier state)' })).toHaveCount(4);
  await expect(rows.filter({ hasText: 'reaches exit' })).toHaveCount(3);
  // clicking a path selects its first instruction in the Bytecode panel
  await rows.filter({ hasText: 'insns 8–12' }).click();
  const bytecode = page.getByRole('region', { name: 'Bytecode' });
  await expect(bytecode.locator('tr.selected')).toHaveCount(1);
  await expect(bytecode.locator('tr.selected td.num')).toHaveText('8');
  await expect(rows.filter({ hasText: 'insns 8–12' })).toHaveAttribute('aria-selected', 'true');
  await page.setViewportSize({ width: 1280, height: 720 });
  await shots(page, 'panel-states-paths');
  // the paths view verifies without the state texts; back on the per-insn view they come back
  await pane.getByRole('group', { name: 'States view' }).getByRole('button', { name: 'Per insn' }).click();
  const table = pane.getByRole('table', { name: 'States per instruction' });
  await expect(table.locator('tr', { hasText: 'r6 = r1' })).toBeVisible();
  // insn 8 stays selected: after the Ethernet header's bounds check the packet pointer has range 14
  await expect(pane.getByLabel('States at the selected instruction')).toContainText('insn 8: r6 = r7');
  await expect(pane.getByLabel('States at the selected instruction')).toContainText('R7=pkt(r=14)');
});

test('paths view: the path the verifier rejected on is the red leaf', async ({ page }) => {
  await openPlayground(page);
  // the taken side of insn 1 reaches exit with r0 never written (kernel: "R0 !read_ok")
  await setEditorText(page, 'r2 = *(u32 *)(r1 + 0)\nif r2 > 10 goto +1\nr0 = 0\nexit\n');
  await openTab(page, 'States');
  const pane = page.getByRole('region', { name: 'Verifier states' });
  await pane.getByRole('group', { name: 'States view' }).getByRole('button', { name: 'Paths' }).click();
  const rows = pane.getByRole('tree', { name: 'Explored paths' }).getByRole('treeitem');
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(2)).toContainText('rejected at insn 3');
  await expect(rows.nth(2)).toHaveClass(/path-rejected/);
  await expect(pane.locator('.path-rejected')).toHaveCount(1);
});

test('paths view after a traffic run: how many runs took each path, the untaken ones greyed', async ({ page }) => {
  await openC(page);
  await openTab(page, 'States');
  const pane = page.getByRole('region', { name: 'Verifier states' });
  await pane.getByRole('group', { name: 'States view' }).getByRole('button', { name: 'Paths' }).click();
  await runTraffic(page, 200, 'mixed');
  // the tree is still there after the run, now with the 200 traced runs laid over it
  const rows = pane.getByRole('tree', { name: 'Explored paths' }).getByRole('treeitem');
  await expect(pane.getByLabel('Runs over the paths')).toContainText('200 traced runs');
  await expect(pane.getByLabel('Runs over the paths')).not.toContainText('left the explored tree');
  const count = async (row: ReturnType<typeof rows.nth>) => {
    const t = await row.getByLabel('Runs that took it').innerText();
    return t === 'no run' ? 0 : Number(t.replace(/[^0-9]/g, ''));
  };
  // every run ends on exactly one leaf (an exit, or a pruned side that continued as its checkpoint)
  const n = await rows.count();
  let leaves = 0;
  for (let i = 0; i < n; i++) {
    const text = await rows.nth(i).innerText();
    if (/reaches exit|pruned at/.test(text)) leaves += await count(rows.nth(i));
  }
  expect(leaves).toBe(200);
  // the root segment is taken by every run; the XDP_DROP exit (insn 40: `return XDP_DROP`) by the dropped packets
  expect(await count(rows.first())).toBe(200);
  await openTab(page, 'Stats');
  const drops = Number((await page.getByRole('table', { name: 'Verdict counts' }).locator('tr', { hasText: 'XDP_DROP' }).locator('td').nth(1).innerText()).replace(/,/g, ''));
  expect(drops).toBeGreaterThan(0);
  await openTab(page, 'States');
  const dropRow = rows.filter({ hasText: /insns .*39–40/ });
  await expect(dropRow).toHaveCount(1);
  expect(await count(dropRow)).toBe(drops);
  // some verifier paths no packet of this scenario took: greyed
  await expect(pane.locator('.path-untaken').first()).toBeVisible();
  await expect(pane.locator('.path-untaken').first().getByLabel('Runs that took it')).toHaveText('no run');
  await page.getByRole('group', { name: 'Run controls' }).getByRole('button', { name: 'Run settings' }).click();
  await shots(page, 'panel-states-paths-runs');
});
