/** The CLI's dispatcher, separate from process I/O so tests can drive it. */
import { COMMANDS } from './commands';
import { type CliIO, EXIT_ERROR, EXIT_OK } from './commands/types';
import { TraceFormatError } from '../web/src/trace/decode';

export function help(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'wdkm: the wdk-mutex playground from the command line',
    '',
    'usage: wdkm COMMAND [ARGS]',
    '',
    'commands:',
    ...COMMANDS.filter((c) => !c.internal).map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'options:',
    '  --help, -h  show this help',
  ].join('\n');
}

export async function main(argv: string[], io: CliIO): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined) { io.err(help()); return EXIT_ERROR; }
  if (first === '--help' || first === '-h' || first === 'help') { io.out(help()); return EXIT_OK; }
  const cmd = COMMANDS.find((c) => c.name === first);
  if (!cmd) {
    io.err(`wdkm: unknown ${first.startsWith('-') ? 'option' : 'command'} '${first}'\n\n${help()}`);
    return EXIT_ERROR;
  }
  if (rest.includes('--help') || rest.includes('-h')) { io.out(`usage: ${cmd.usage}\n${cmd.summary}`); return EXIT_OK; }
  try {
    return await cmd.run(rest, io);
  } catch (e) {
    // The usual cause: core-c/build holds a core built from older sources.
    if (!(e instanceof TraceFormatError)) throw e;
    io.err(`wdkm ${first}: the WebAssembly core wrote a trace this front end cannot read (${e.message}). ` +
      'The core in core-c/build is probably older than the sources: run `npm run build:core`.');
    return EXIT_ERROR;
  }
}
