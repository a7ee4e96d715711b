/* The built app (dist/) served by `vite preview` for the benchmarks that
   drive Chromium. vite itself, not through npx, so that stopping it stops
   the server; ready once it answers, not after a guessed delay. */
import { spawn } from 'node:child_process';

export interface Preview { url: string; stop: () => void }

export async function startPreview(port: number): Promise<Preview> {
  const url = `http://127.0.0.1:${port}/`;
  const server = spawn(process.execPath, ['node_modules/vite/bin/vite.js', 'preview', '--port', String(port), '--strictPort', '--host', '127.0.0.1'], { stdio: 'ignore' });
  const stop = () => { server.kill(); };
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(url)).ok) return { url, stop };
    } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  stop();
  throw new Error(`vite preview did not answer at ${url}`);
}
