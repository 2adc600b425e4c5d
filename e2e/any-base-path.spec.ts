/**
 * The built site works from any static host under any base path: `dist/` served by a plain file
 * server (written here, no Vite) under `/some/deep/base/`. The page loads, the compute worker and
 * Monaco's worker load, a program runs, the gallery opens, the offline worker registers with that
 * path as its scope, and no request escapes the base path.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { expect, test } from '@playwright/test';
import { openPlayground, setEditorText } from './helpers.ts';

const BASE = '/some/deep/base/';
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.ttf': 'font/ttf',
};

let server: Server;
let origin = '';

test.beforeAll(async () => {
  server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (!path.startsWith(BASE)) {
      res.writeHead(404).end('outside the base path');
      return;
    }
    let file = normalize(join('dist', path.slice(BASE.length)));
    if (!file.startsWith('dist')) {
      res.writeHead(403).end();
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', vary: 'Accept-Encoding' });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

test.afterAll(async () => {
  await new Promise((r) => server.close(r));
});

test('the build runs from a plain static server under a sub-path', async ({ page }) => {
  const paths: string[] = [];
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (u.protocol.startsWith('http')) paths.push(u.pathname);
  });
  await openPlayground(page, `${origin}${BASE}`);
  await setEditorText(page, 'r0 = 20\nr0 += 22\nexit');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByRole('region', { name: 'Result' }).getByLabel('r0 (decimal)')).toHaveText('42');
  await page.getByRole('button', { name: 'Examples' }).click();
  await expect(page.getByRole('dialog', { name: 'Examples' }).getByRole('listitem').first()).toBeVisible();
  const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
  expect(scope).toBe(`${origin}${BASE}`);
  expect(paths.length).toBeGreaterThan(3);
  expect(paths.filter((p) => !p.startsWith(BASE))).toEqual([]);
});
