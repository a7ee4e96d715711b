/** `wdkm check FILE`: the scenario's diagnostics, gcc style; exit 2 when there is an error. */
import { check } from '../../web/src/scenario/frontend';
import { formatDiagnostic } from '../../web/src/scenario/diagnostics';
import { MAX_SOURCE_CHARS } from '../../web/src/settings';
import { tooLarge } from '../scenario';
import { type Command, EXIT_ERROR, EXIT_OK } from './types';

export const checkCommand: Command = {
  name: 'check',
  summary: 'check a scenario and print its diagnostics (FILE:LINE:COL: error: MESSAGE)',
  usage: 'wdkm check FILE',
  run(args, io) {
    const flag = args.find((a) => a.startsWith('-'));
    if (flag) { io.err(`wdkm check: unknown option '${flag}'\nusage: ${this.usage}`); return EXIT_ERROR; }
    if (args.length !== 1) { io.err(`wdkm check: expected one FILE\nusage: ${this.usage}`); return EXIT_ERROR; }
    const file = args[0];
    const source = io.readFile(file);
    if (source === undefined) { io.err(`wdkm check: cannot read '${file}': no such file`); return EXIT_ERROR; }
    if (source.length > MAX_SOURCE_CHARS) return tooLarge('check', file, source, io);
    const diags = check(source, file);
    for (const d of diags) io.out(formatDiagnostic(d));
    return diags.some((d) => d.severity === 'error') ? EXIT_ERROR : EXIT_OK;
  },
};
