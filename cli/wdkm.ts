/** `npx tsx cli/wdkm.ts COMMAND ...` (or `npm run wdkm -- COMMAND ...`). */
import { main } from './main';
import { nodeIO } from './node-io';

/* A reader that stops early (`wdkm run F | head`) closes the pipe: that ends
   the output, as it does for any Unix tool, and is not a crash to report. */
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
    process.exit(process.exitCode ?? 0);
  });
}

process.exitCode = await main(process.argv.slice(2), nodeIO());
