/** `wdkm export FILE --out DIR [--name NAME]`: the scenario as a driver project (docs/export.md). */
import { basename } from 'node:path';
import { formatDiagnostic } from '../../web/src/scenario/diagnostics';
import { checkScenario } from '../../web/src/scenario/frontend';
import { ExportError, exportProject } from '../../web/src/export';
import { readCoreFiles } from '../../driver/node/core-files';
import { writeProject } from '../../driver/node/write-project';
import { MAX_SOURCE_CHARS } from '../../web/src/settings';
import { tooLarge } from '../scenario';
import { type Command, EXIT_ERROR, EXIT_OK } from './types';

function take(args: string[], flag: string): string | undefined | null {
  const i = args.indexOf(flag);
  if (i < 0) return undefined;
  const value = args[i + 1];
  args.splice(i, 2);
  return value === undefined || value.startsWith('--') ? null : value;
}

export const exportCommand: Command = {
  name: 'export',
  summary: 'export a scenario as a Windows driver project (Visual Studio + WDK, or make with mingw-w64)',
  usage: 'wdkm export FILE --out DIR [--name NAME]',
  run(argv, io) {
    const args = [...argv];
    const out = take(args, '--out');
    const name = take(args, '--name');
    const bad = args.find((a) => a.startsWith('-'));
    if (bad) { io.err(`wdkm export: unknown option '${bad}'\nusage: ${this.usage}`); return EXIT_ERROR; }
    if (out === null || name === null) { io.err(`wdkm export: an option is missing its value\nusage: ${this.usage}`); return EXIT_ERROR; }
    if (!out) { io.err(`wdkm export: --out DIR is required\nusage: ${this.usage}`); return EXIT_ERROR; }
    if (args.length !== 1) { io.err(`wdkm export: expected one FILE\nusage: ${this.usage}`); return EXIT_ERROR; }
    const file = args[0];
    const source = io.readFile(file);
    if (source === undefined) { io.err(`wdkm export: cannot read '${file}': no such file`); return EXIT_ERROR; }
    // What ships is what runs: a scenario that does not compile is not exported.
    if (source.length > MAX_SOURCE_CHARS) return tooLarge('export', file, source, io);
    const { diagnostics, entryPoints } = checkScenario(source, file);
    const errors = diagnostics.filter((d) => d.severity === 'error');
    if (errors.length > 0 || !entryPoints) {
      for (const d of errors) io.err(formatDiagnostic(d));
      return EXIT_ERROR;
    }
    try {
      const files = exportProject({
        name: name ?? basename(file).replace(/\.c$/, ''), source, coreFiles: readCoreFiles(), entryPoints,
      });
      const written = writeProject(out, files);
      io.out(`wrote ${written.length} files to ${out}; build with: make -C ${out} (mingw-w64) or open the .sln in Visual Studio`);
      return EXIT_OK;
    } catch (e) {
      if (e instanceof ExportError || e instanceof Error) { io.err(`wdkm export: ${e.message}`); return EXIT_ERROR; }
      throw e;
    }
  },
};
