// Command line: exports a scenario (or the kernel self-test) as a driver
// project folder.
//
//   npx tsx driver/node/export-cli.ts <scenario.c> <out-dir> [--name N] [--label L]
//   npx tsx driver/node/export-cli.ts --selftest <out-dir>

import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { exportProject } from '../../web/src/export';
import { checkedInput } from './checked-input';
import { readCoreFiles } from './core-files';
import { selftestInput } from './selftest-input';
import { writeProject } from './write-project';

function option(args: string[], flag: string): string | undefined {
  const i = args.indexOf(flag);
  if (i < 0) return undefined;
  const value = args[i + 1];
  args.splice(i, 2);
  return value;
}

function main(argv: string[]): number {
  const args = [...argv];
  const selftest = args.includes('--selftest');
  if (selftest) args.splice(args.indexOf('--selftest'), 1);
  const name = option(args, '--name');
  const label = option(args, '--label');
  const coreFiles = readCoreFiles();
  let files: Map<string, string>;
  let outDir: string | undefined;
  if (selftest && args.length === 1) {
    outDir = args[0];
    files = exportProject(selftestInput(coreFiles));
  } else if (!selftest && args.length === 2) {
    const [scenario, out] = args;
    outDir = out;
    const source = readFileSync(scenario, 'utf8');
    files = exportProject(checkedInput({ name: name ?? basename(scenario).replace(/\.c$/, ''), label, source, coreFiles }, basename(scenario)));
  } else {
    process.stderr.write('usage: export-cli <scenario.c> <out-dir> [--name N] [--label L]\n       export-cli --selftest <out-dir>\n');
    return 2;
  }
  const written = writeProject(outDir, files);
  process.stdout.write(`wrote ${written.length} files to ${outDir}; build with: make -C ${outDir}\n`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
