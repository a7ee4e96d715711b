// Compiles every scenario of a folder (default examples/) to bytecode modules
// (default core-c/build/modules/: the VM fuzz target's seed corpus). Fails if
// one does not compile.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { compile } from '../web/src/scenario/index';

const [from = 'examples', out = 'core-c/build/modules'] = process.argv.slice(2);
mkdirSync(out, { recursive: true });
let failed = 0;
for (const name of readdirSync(from).filter((f) => f.endsWith('.c')).sort()) {
  const r = compile(readFileSync(`${from}/${name}`, 'utf8'), name);
  if (!r.module) {
    failed++;
    console.error(`${name}: does not compile`);
    continue;
  }
  writeFileSync(`${out}/${name.replace(/\.c$/, '.wdkb')}`, r.module);
}
process.exit(failed ? 1 : 0);
