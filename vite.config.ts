/**
 * Vite build for the playground page, plus the vitest settings for unit tests.
 *
 * - `base: './'`: every asset URL is relative, so `dist/` works under any path (GitHub Pages,
 *   a file server sub-directory, `vite preview`).
 * - Workers are bundled as ES modules (`worker.format: 'es'`); both our own worker
 *   (`src/worker/host.ts`) and Monaco's editor worker (imported with `?worker`) end up in
 *   `dist/assets/`. Nothing is fetched from a CDN or the network at run time.
 * - Does not configure the dev server beyond defaults; `npm start` builds and previews.
 */
/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  base: './',
  plugins: [react()],
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
