/* A CliIO over memory for tests: files in a map, output in arrays. Runs the
   commands in-process, so each test pays for the WebAssembly core once. */
import { main } from './main';
import type { CliIO } from './commands/types';

export interface CliRun {
  code: number;
  out: string;
  err: string;
  written: Map<string, string | Uint8Array>;
}

export function memoryIO(files: Record<string, string> = {}, readDisk?: (path: string) => string | undefined) {
  const out: string[] = [], err: string[] = [];
  const written = new Map<string, string | Uint8Array>();
  const io: CliIO = {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    readFile: (p) => files[p] ?? readDisk?.(p),
    writeFile: (p, data) => { written.set(p, data); },
    writeLines: (p, lines) => { written.set(p, [...lines].map((l) => l + '\n').join('')); },
  };
  return { io, out, err, written };
}

export async function runCli(argv: string[], files: Record<string, string> = {}, readDisk?: (path: string) => string | undefined): Promise<CliRun> {
  const m = memoryIO(files, readDisk);
  const code = await main(argv, m.io);
  return { code, out: m.out.join('\n'), err: m.err.join('\n'), written: m.written };
}
