// Runs the fixed set of traced scenarios in the native and the WebAssembly
// build and fails unless every trace hash matches (determinism across builds).
import { execFileSync } from 'node:child_process';

const native = execFileSync('core-c/build/native/wdkm_tests', ['--hashes'], { encoding: 'utf8' });
const wasm = execFileSync(process.execPath, ['core-c/build/wasm/wdkm_tests.cjs', '--hashes'], { encoding: 'utf8' });
const a = native.trim().split('\n');
const b = wasm.trim().split('\n');
let failed = 0;
for (let i = 0; i < Math.max(a.length, b.length); i++) {
  if (a[i] !== b[i]) {
    failed++;
    console.log(`  differs:\n    native ${a[i]}\n    wasm   ${b[i]}`);
  }
}
if (a.length < 8) failed++;
console.log(`${a.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
