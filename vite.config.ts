/**
 * Vite build for the playground page, plus the vitest settings for unit tests.
 *
 * - `base: './'`: every asset URL is relative, so `dist/` works under any path (GitHub Pages,
 *   a file server sub-directory, `vite preview`).
 * - Workers are bundled as ES modules (`worker.format: 'es'`); both our own worker
 *   (`src/worker/host.ts`) and Monaco's editor worker (imported with `?worker`) end up in
 *   `dist/assets/`. Nothing is fetched from a CDN or the network at run time.
 * - `offlineWorker()`: after the bundle is written, lists every file in `dist/` and writes
 *   `dist/sw.js` (text from `src/worker/serviceWorker.ts`) that precaches them, versioned by a
 *   hash of their contents. The page registers it in production builds (`src/ui/main.tsx`), so
 *   the site keeps working offline once loaded. No plugin dependency.
 * - Does not configure the dev server beyond defaults; `npm start` builds and previews.
 */
/// <reference types="vitest/config" />
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { renderServiceWorker } from './src/worker/serviceWorker.ts';

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? listFiles(join(dir, d.name)) : [join(dir, d.name)],
  );
}

function offlineWorker(): Plugin {
  return {
    name: 'ebpf-playground:offline-worker',
    apply: 'build',
    writeBundle(options) {
      const outDir = options.dir!;
      const files = listFiles(outDir)
        .map((f) => relative(outDir, f).split(sep).join('/'))
        .filter((f) => f !== 'sw.js' && !f.endsWith('.map'))
        .sort();
      const hash = createHash('sha256');
      for (const f of files) hash.update(f).update('\0').update(readFileSync(join(outDir, f))).update('\0');
      const version = hash.digest('hex').slice(0, 16);
      writeFileSync(join(outDir, 'sw.js'), renderServiceWorker({ files, version }));
    },
  };
}

export default defineConfig({
  base: './',
  plugins: [react(), offlineWorker()],
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    // Monaco's core is large by nature; it is lazy-loaded, so silence the size warning for it.
    chunkSizeWarningLimit: 4000,
  },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
});
