// npm run bench: the core's benchmarks natively and in WebAssembly under Node,
// side by side in one run; prints the WASM/native ratios and merges the
// entries into bench-results.json ({name, unit, value, wasm, native, ratio}).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const lines = (out) => out.trim().split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l));
const native = lines(execFileSync('core-c/build/native/wdkm_bench', { encoding: 'utf8' }));
const wasm = lines(execFileSync(process.execPath, ['core-c/build/wasm/wdkm_bench.cjs'], { encoding: 'utf8' }));

const entries = native.map((n) => {
  const w = wasm.find((x) => x.name === n.name);
  const ratio = w ? n.value / w.value : null;
  return { name: `core: ${n.name}`, unit: n.unit, value: w ? w.value : n.value, wasm: w?.value ?? null, native: n.value, ratio };
});

console.log('benchmark'.padEnd(42), 'native'.padStart(12), 'wasm'.padStart(12), 'native/wasm'.padStart(12));
for (const e of entries) {
  console.log(e.name.padEnd(42), String(e.native).padStart(12), String(e.wasm).padStart(12), (e.ratio ?? 0).toFixed(2).padStart(12));
}

const file = 'bench-results.json';
const previous = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : [];
const kept = previous.filter((p) => !entries.some((e) => e.name === p.name));
writeFileSync(file, JSON.stringify([...kept, ...entries], null, 2) + '\n');
console.log(`wrote ${file}`);
