/** `wdkm compile FILE --out MODULE` (internal): the bytecode module (docs/bytecode.md) the VM runs, for the native runner. */
import { parseFlags } from '../options';
import { compileScenario } from '../scenario';
import { type Command, EXIT_ERROR, EXIT_OK } from './types';

export const compileCommand: Command = {
  name: 'compile',
  summary: 'compile a scenario to a bytecode module (.wdkb) for core-c/build/native/wdkm_vm_run',
  usage: 'wdkm compile FILE --out MODULE.wdkb',
  internal: true,
  run(args, io) {
    const flags = parseFlags(args, { values: ['out'] });
    if (!flags.ok) { io.err(`wdkm compile: ${flags.error}\nusage: ${this.usage}`); return EXIT_ERROR; }
    const { positional, values } = flags.value;
    const out = values.get('out');
    if (positional.length !== 1 || out === undefined) { io.err(`wdkm compile: expected FILE and --out MODULE\nusage: ${this.usage}`); return EXIT_ERROR; }
    const scenario = compileScenario('compile', positional[0]!, io);
    if (typeof scenario === 'number') return scenario;
    try {
      io.writeFile(out, scenario.module);
    } catch (e) {
      io.err(`wdkm compile: ${(e as Error).message}`);
      return EXIT_ERROR;
    }
    return EXIT_OK;
  },
};
