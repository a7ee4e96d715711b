// Runs the core test suite compiled to WebAssembly under Node. Emscripten
// loses main's exit code once fibers have switched (toolchain-notes), so the
// verdict is read from the suite's closing "N passed, M failed" line.
import { spawnSync } from 'node:child_process';

const run = spawnSync(process.execPath, ['core-c/build/wasm/wdkm_tests.cjs', ...process.argv.slice(2)], {
  encoding: 'utf8',
});
process.stdout.write(run.stdout);
process.stderr.write(run.stderr);
const last = run.stdout.trim().split('\n').pop() ?? '';
const m = /^(\d+) passed, (\d+) failed$/.exec(last);
if (!m || Number(m[2]) !== 0 || Number(m[1]) === 0 || run.status !== 0) {
  console.error(`wasm suite failed (exit ${run.status}, last line: ${JSON.stringify(last)})`);
  process.exit(1);
}
