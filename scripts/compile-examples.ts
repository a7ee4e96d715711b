// Compiles every example to a bytecode module in core-c/build/modules/, the
// seed corpus of the VM fuzz target. Fails if an example does not compile.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { compile } from '../web/src/scenario/index';

const out = 'core-c/build/modules';
mkdirSync(out, { recursive: true });
let failed = 0;
for (const name of readdirSync('examples').filter((f) => f.endsWith('.c')).sort()) {
  const r = compile(readFileSync(`examples/${name}`, 'utf8'), name);
  if (!r.module) {
    failed++;
    console.error(`${name}: does not compile`);
    continue;
  }
  writeFileSync(`${out}/${name.replace(/\.c$/, '.wdkb')}`, r.module);
}
process.exit(failed ? 1 : 0);
