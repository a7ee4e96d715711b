/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  root: '.',
  plugins: [react()],
  worker: { format: 'es' },
  build: { outDir: 'dist', target: 'es2022', chunkSizeWarningLimit: 4000 },
  test: {
    include: ['web/**/*.test.ts', 'web/**/*.test.tsx', 'cli/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
  },
});
