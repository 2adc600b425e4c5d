/** The CFG panel: basic blocks as SVG, the failing path highlighted on a rejection. */
import { expect, test } from '@playwright/test';
import { openC, openTab, pasteSource, shots } from './panel-helpers.ts';

const BRANCHY = `#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

SEC("xdp")
int branchy(struct xdp_md *ctx)
{
	unsigned char *data = (void *)(long)ctx->data;
	unsigned char *end = (void *)(long)ctx->data_end;
	if (data + 1 > end)
		return XDP_PASS;
	if (data[0] == 1)
		return XDP_DROP;
	return data[5];
}

char LICENSE[] SEC("license") = "GPL";
`;

test('blocks and edges are drawn; the rejected path is red', async ({ page }) => {
  await openC(page);
  await openTab(page, 'CFG');
  const pane = page.getByRole('region', { name: 'CFG' });
  await expect(pane.getByRole('img', { name: 'Control-flow graph' })).toBeVisible();
  await expect(pane).toContainText('11 blocks');
  await expect(pane.locator('.cfg-block.on-path')).toHaveCount(0);
  // data[5] is read after checking only 1 byte: the verifier rejects that read
  await pasteSource(page, BRANCHY);
  await expect(page.getByRole('status', { name: 'Verdict' })).toContainText('rejected');
  await expect(pane.locator('.cfg-block.error-block')).toHaveCount(1);
  const onPath = await pane.locator('.cfg-block.on-path').count();
  expect(onPath).toBeGreaterThanOrEqual(2);
  // the entry block is on the path; the XDP_DROP block is not (the failing path skips it)
  await expect(pane.locator('.cfg-block[data-block="0"]')).toHaveClass(/on-path/);
  await shots(page, 'panel-cfg-rejected');
  // clicking a block selects its first instruction in the Bytecode panel
  await pane.locator('.cfg-block[data-block="1"]').click();
  await expect(page.getByRole('region', { name: 'Bytecode' }).locator('tr.selected')).toHaveCount(1);
});
