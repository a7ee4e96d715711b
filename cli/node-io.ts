/* The CliIO of the real process: stdout, stderr and the file system. */
import { closeSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import type { CliIO } from './commands/types';

function cannotWrite(path: string, e: unknown): Error {
  return new Error(`cannot write '${path}': ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
}

/* Lines are gathered into writes of about this many characters: a syscall
   per line would dominate the time to write a trace of millions of events. */
const CHUNK = 1 << 20;

function writeLines(path: string, lines: Iterable<string>): void {
  let fd: number;
  try {
    fd = openSync(path, 'w');
  } catch (e) {
    throw cannotWrite(path, e);
  }
  try {
    let chunk: string[] = [], size = 0;
    for (const line of lines) {
      chunk.push(line);
      size += line.length + 1;
      if (size >= CHUNK) {
        writeSync(fd, chunk.join('\n') + '\n');
        chunk = [];
        size = 0;
      }
    }
    if (chunk.length) writeSync(fd, chunk.join('\n') + '\n');
  } catch (e) {
    throw cannotWrite(path, e);
  } finally {
    closeSync(fd);
  }
}

export function nodeIO(): CliIO {
  return {
    out: (t) => process.stdout.write(t + '\n'),
    err: (t) => process.stderr.write(t + '\n'),
    readFile: (p) => { try { return readFileSync(p, 'utf8'); } catch { return undefined; } },
    writeFile: (p, data) => {
      try {
        writeFileSync(p, data);
      } catch (e) {
        throw cannotWrite(p, e);
      }
    },
    writeLines,
  };
}
