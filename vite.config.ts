/// <reference types="vitest/config" />
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/* The production page's Content-Security-Policy: only what the app needs.
   Scripts and workers from the site itself, WebAssembly compilation, Monaco's
   injected styles, its bundled font. Dev mode (with its inline preamble) has none. */
const CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self' data:",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

function contentSecurityPolicy(): Plugin {
  return {
    name: 'wdkm-csp',
    apply: 'build',
    transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CSP }, injectTo: 'head-prepend' }],
  };
}

export default defineConfig({
  root: '.',
  plugins: [react(), contentSecurityPolicy()],
  worker: { format: 'es' },
  build: {
    outDir: 'dist', target: 'es2022', chunkSizeWarningLimit: 4000,
    /* the playground, and the embeddable player (docs/lessons.md) as a page of its own */
    rollupOptions: { input: { main: 'index.html', embed: 'embed.html' } },
  },
  test: {
    include: ['web/**/*.test.ts', 'driver/**/*.test.ts', 'web/**/*.test.tsx', 'cli/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
  },
});
