/**
 * Static and offline: a cold load of the built site (what `npm start` serves) is timed with the
 * Performance API and written to `test-results/page-metrics.json`; after one visit, the service
 * worker has precached the build, and the page reloads and runs a program with the network off.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { expect, test } from '@playwright/test';
import { openPlayground, setEditorText } from './helpers.ts';

test('a cold load is interactive in under 2 s (only a 5 s guard when the CPUs are oversubscribed)', async ({ browser }) => {
  test.setTimeout(120_000);
  const runs: Record<string, number>[] = [];
  // one warm-up load (the browser process's own start-up), then 5 measured; each in a fresh context
  for (let i = 0; i < 6; i++) {
    const ctx = await browser.newContext(); // fresh: no HTTP cache, no service worker
    const page = await ctx.newPage();
    await page.goto('./');
    await page.waitForFunction(() => performance.getEntriesByName('ebpf:interactive').length > 0, null, { timeout: 20_000 });
    const m = await page.evaluate(() => {
        const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
        const fcp = performance.getEntriesByName('first-contentful-paint')[0];
        return {
          responseEnd: nav.responseEnd,
          domContentLoaded: nav.domContentLoadedEventEnd,
          loadEvent: nav.loadEventEnd,
          firstContentfulPaint: fcp?.startTime ?? -1,
          appRendered: performance.getEntriesByName('ebpf:app-rendered')[0].startTime,
          interactive: performance.getEntriesByName('ebpf:interactive')[0].startTime,
          transferKiB: performance.getEntriesByType('resource').reduce((n, r) => n + (r as PerformanceResourceTiming).transferSize, nav.transferSize) / 1024,
        };
      });
    if (i > 0) runs.push(m);
    await ctx.close();
  }
  const median = (k: string) => runs.map((r) => r[k]).sort((a, b) => a - b)[Math.floor(runs.length / 2)];
  // The target is 2 s. On a machine whose CPUs are oversubscribed (other jobs running) every figure
  // stretches with the load, so there the test only guards against a gross regression (5 s) and
  // says so; the figure is written either way.
  const cores = availableParallelism();
  const loadPerCore = loadavg()[0] / cores;
  const overloaded = loadPerCore > 4;
  const limit = overloaded ? 5000 : 2000;
  const metrics = {
    what: 'cold load of the production build served by vite preview on 127.0.0.1 (Playwright Chromium, fresh context each run); ms since navigation start',
    interactiveMs: Math.round(median('interactive')),
    firstContentfulPaintMs: Math.round(median('firstContentfulPaint')),
    appRenderedMs: Math.round(median('appRendered')),
    domContentLoadedMs: Math.round(median('domContentLoaded')),
    transferKiB: Math.round(median('transferKiB')),
    targetMs: 2000,
    machine: { cores, loadAverage1m: Math.round(loadavg()[0] * 10) / 10, overloaded, limitAssertedMs: limit },
    runs: runs.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, Math.round(v)]))),
  };
  mkdirSync('test-results', { recursive: true });
  writeFileSync('test-results/page-metrics.json', JSON.stringify(metrics, null, 2) + '\n');
  console.log(
    `cold load: interactive in ${metrics.interactiveMs} ms (median of ${runs.length}; first paint ${metrics.firstContentfulPaintMs} ms, ` +
      `${metrics.transferKiB} KiB; load average ${metrics.machine.loadAverage1m} on ${cores} cores${overloaded ? ': overloaded, asserting < 5 s only' : ''})`,
  );
  expect(metrics.interactiveMs).toBeLessThan(limit);
});

test('after one visit the page reloads and runs offline', async ({ page, context }) => {
  await openPlayground(page);
  // the service worker is installed and controls the page once precaching is done
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) await new Promise((r) => navigator.serviceWorker.addEventListener('controllerchange', r, { once: true }));
  });
  const cached = await page.evaluate(async () => {
    const keys = await caches.keys();
    const c = await caches.open(keys.find((k) => k.startsWith('ebpf-playground-'))!);
    return (await c.keys()).map((r) => new URL(r.url).pathname);
  });
  expect(cached).toContain('/index.html');
  expect(cached.some((p) => /\/assets\/host-.*\.js$/.test(p))).toBe(true);

  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'eBPF Playground' })).toBeVisible();
  await expect(page.locator('.monaco-editor .view-lines')).toBeVisible();
  await setEditorText(page, 'r0 = 40\nr0 += 2\nexit');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByRole('region', { name: 'Result' }).getByLabel('r0 (decimal)')).toHaveText('42');
  // the gallery is bundled: it works offline too
  await page.getByRole('button', { name: 'Examples' }).click();
  await expect(page.getByRole('dialog', { name: 'Examples' }).getByRole('listitem').first()).toBeVisible();
  await context.setOffline(false);
});
