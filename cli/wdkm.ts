/** `npx tsx cli/wdkm.ts COMMAND ...` (or `npm run wdkm -- COMMAND ...`). */
import { readFileSync } from 'node:fs';
import { main } from './main';

const code = main(process.argv.slice(2), {
  out: (t) => process.stdout.write(t + '\n'),
  err: (t) => process.stderr.write(t + '\n'),
  readFile: (p) => { try { return readFileSync(p, 'utf8'); } catch { return undefined; } },
});
process.exitCode = code;
