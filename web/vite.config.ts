/**
 * The web UI's build: Preact components (JSX through Vite's own oxc transform, no plugin), bundled into dist/web/,
 * which `pacte serve` serves at `/`. Everything is bundled: the page asks nothing of any other host.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: here,
  base: './',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 1000,
  },
  server: { proxy: { '/api': process.env['PACTE_API'] ?? 'http://127.0.0.1:8080' } },
});
