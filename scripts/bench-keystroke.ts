/**
 * Keystroke → verdict in the browser, for every example (`tsx scripts/bench-keystroke.ts`, or
 * `benchKeystroke()` from `npm run bench`). Serves `dist/` with `vite preview` (run `vite build`
 * first), opens each example in Chromium (CHROMIUM_PATH, default /usr/bin/chromium), types 8
 * characters of a comment one at a time and reads the page's own Performance API figures
 * (`window.__ebpfPerf`, measured from the edit to the verdict rendered; see src/ui/panes/live.ts).
 * Figures, not pass/fail; the target is < 100 ms.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { chromium, type Page } from '@playwright/test';

export interface KeystrokeRow {
  example: string;
  medianMs: number;
  p95Ms: number;
  maxMs: number;
  workerMedianMs: number;
  keys: number;
}

const PORT = 4183;
const KEYS = 'abcdefgh';

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
}

async function waitServer(url: string, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`vite preview did not answer at ${url}`);
}

async function paste(page: Page, text: string): Promise<void> {
  await page.locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.evaluate((t) => {
    const data = new DataTransfer();
    data.setData('text/plain', t);
    (document.activeElement ?? document.body).dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}

const verdicts = (page: Page) => page.evaluate(() => window.__ebpfPerf?.verdicts ?? 0);

async function untilMore(page: Page, n: number): Promise<void> {
  const end = Date.now() + 15_000;
  while ((await verdicts(page)) <= n) {
    if (Date.now() > end) throw new Error('no verdict within 15 s');
    await page.waitForTimeout(5);
  }
}

export async function benchKeystroke(dir = 'examples'): Promise<KeystrokeRow[]> {
  if (!existsSync('dist/index.html')) throw new Error('dist/ is missing: run `npx vite build` first');
  let server: ChildProcess | undefined;
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  try {
    server = spawn('npx', ['vite', 'preview', '--host', '127.0.0.1', '--port', String(PORT), '--strictPort'], { stdio: 'ignore' });
    const base = `http://127.0.0.1:${PORT}/`;
    await waitServer(base, 30_000);
    const rows: KeystrokeRow[] = [];
    for (const ex of readdirSync(dir).sort()) {
      const file = readdirSync(`${dir}/${ex}`).find((f) => /\.(c|s)$/.test(f));
      if (!file) continue;
      const text = readFileSync(`${dir}/${ex}/${file}`, 'utf8');
      const isC = file.endsWith('.c');
      const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
      await page.goto(base);
      await page.locator('.monaco-editor .view-lines').waitFor();
      await page.getByLabel('Language').selectOption(isC ? 'c' : 'asm');
      const prog = /@prog:\s*(\S+)/.exec(text)?.[1];
      if (!isC && prog) await page.getByLabel('Program type', { exact: true }).selectOption(prog).catch(() => undefined);
      let n = await verdicts(page);
      await paste(page, text);
      await untilMore(page, n);
      await page.waitForTimeout(300); // let the paste's verdict (and JIT warm-up) settle
      await page.keyboard.press('ControlOrMeta+End');
      n = await verdicts(page);
      await page.keyboard.press('Enter');
      await untilMore(page, n);
      await page.keyboard.type(isC ? '//' : '#');
      await page.waitForTimeout(200);
      const before = await page.evaluate(() => window.__ebpfPerf!.keyToVerdict.length);
      for (const ch of KEYS) {
        n = await verdicts(page);
        await page.keyboard.type(ch);
        await untilMore(page, n);
        await page.waitForTimeout(60);
      }
      const got = await page.evaluate((k) => ({ key: window.__ebpfPerf!.keyToVerdict.slice(0, k), worker: window.__ebpfPerf!.workerMs.slice(0, k) }), Math.min(KEYS.length, 500));
      const after = await page.evaluate(() => window.__ebpfPerf!.keyToVerdict.length);
      const k = Math.min(KEYS.length, after - before);
      const times = got.key.slice(0, k);
      rows.push({
        example: ex, keys: times.length, medianMs: quantile(times, 0.5), p95Ms: quantile(times, 0.95), maxMs: Math.max(...times),
        workerMedianMs: quantile(got.worker.slice(0, k), 0.5),
      });
      await page.close();
    }
    return rows;
  } finally {
    await browser.close();
    server?.kill();
  }
}

export function printKeystroke(rows: KeystrokeRow[]): void {
  console.log('  example                          keys  median    p95     max   (worker median)   target < 100 ms');
  for (const r of rows) {
    console.log(
      `  ${r.example.padEnd(32)} ${String(r.keys).padStart(4)} ${r.medianMs.toFixed(1).padStart(7)} ${r.p95Ms.toFixed(1).padStart(7)} ${r.maxMs.toFixed(1).padStart(7)}   (${r.workerMedianMs.toFixed(1)} ms)${r.medianMs < 100 ? '' : '   over target'}`,
    );
  }
  const all = rows.map((r) => r.medianMs);
  if (all.length) console.log(`  median over examples: ${quantile(all, 0.5).toFixed(1)} ms; worst example median ${Math.max(...all).toFixed(1)} ms`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log('== keystroke → verdict in Chromium (Performance API, window.__ebpfPerf)');
  printKeystroke(await benchKeystroke());
}
