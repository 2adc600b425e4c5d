/**
 * Playwright for the e2e specs in `e2e/`, run against the built site (`dist/`) served by
 * `vite preview` on 127.0.0.1:4173. The test script builds first (`vite build && playwright test`).
 *
 * The browser is the system's Debian Chromium (no Playwright browser download): its path comes
 * from CHROMIUM_PATH, default /usr/bin/chromium. A missing browser is an error that fails the
 * run loudly — e2e tests must never be skipped silently.
 */
import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';

const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(executablePath)) {
  throw new Error(
    `e2e: Chromium not found at ${executablePath}. Install it (Debian: apt-get install chromium) ` +
      `or set CHROMIUM_PATH to a Chromium/Chrome executable.`,
  );
}

const PORT = Number(process.env.E2E_PORT ?? 4173);

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  // list for people; json for scripts/test.mjs's closing "N passed, M failed" line
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}/`,
    viewport: { width: 1280, height: 720 },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    },
  },
  webServer: {
    command: `npx vite preview --host 127.0.0.1 --port ${PORT} --strictPort`,
    url: `http://127.0.0.1:${PORT}/`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
