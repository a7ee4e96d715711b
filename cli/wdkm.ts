/** `npx tsx cli/wdkm.ts COMMAND ...` (or `npm run wdkm -- COMMAND ...`). */
import { readFileSync, writeFileSync } from 'node:fs';
import { main } from './main';

const code = await main(process.argv.slice(2), {
  out: (t) => process.stdout.write(t + '\n'),
  err: (t) => process.stderr.write(t + '\n'),
  readFile: (p) => { try { return readFileSync(p, 'utf8'); } catch { return undefined; } },
  writeFile: (p, data) => {
    try {
      writeFileSync(p, data);
    } catch (e) {
      throw new Error(`cannot write '${p}': ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
  },
});
process.exitCode = code;
