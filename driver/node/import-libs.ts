// Node side: what a driver may import. mingw-w64's import libraries for the
// kernel (libntoskrnl.a for ntoskrnl.exe, libhal.a for HAL.dll) list the
// exports known to mingw-w64; driver/later-exports.json adds the few newer
// ones the core uses. Symbols are listed with the toolchain's own nm: each
// import is an `__imp_<name>` symbol of the library.

import { execFileSync } from 'node:child_process';
import laterExports from '../later-exports.json';
import type { ImportAllowList } from '../pe/pe-check';

export const MINGW_LIB_DIR = '/usr/x86_64-w64-mingw32/lib';
export const NM = 'x86_64-w64-mingw32-nm';

/** The names an import library imports (its `__imp_` symbols), sorted. */
export function importLibraryNames(libPath: string): string[] {
  const out = execFileSync(NM, ['--defined-only', '--format=posix', libPath], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const names = new Set<string>();
  for (const line of out.split('\n')) {
    const m = /^__imp_(\S+) [A-Za-z] /.exec(line);
    if (m) names.add(m[1]);
  }
  return [...names].sort();
}

/** The import allow list for drivers: mingw-w64's libraries plus later-exports.json. */
export function driverImportAllowList(libDir: string = MINGW_LIB_DIR): ImportAllowList {
  const ntoskrnl = new Set(importLibraryNames(`${libDir}/libntoskrnl.a`));
  const hal = new Set(importLibraryNames(`${libDir}/libhal.a`));
  const allowed = new Map([
    ['ntoskrnl.exe', ntoskrnl],
    ['hal.dll', hal],
  ]);
  for (const e of laterExports.exports) allowed.get(e.dll.toLowerCase())?.add(e.name);
  return allowed;
}

/** The address nm gives a defined symbol of an image, as an RVA. */
export function nmSymbolRva(imagePath: string, symbol: string, imageBase: bigint): number | undefined {
  const out = execFileSync(NM, ['--defined-only', '--format=posix', imagePath], { encoding: 'utf8' });
  for (const line of out.split('\n')) {
    const [name, , value] = line.split(' ');
    if (name === symbol && value) return Number(BigInt(`0x${value}`) - imageBase);
  }
  return undefined;
}

/**
 * The imports of an image as binutils' objdump reads them, "dll!name" sorted
 * (DLL names lower case): an independent reading to hold pe-parse.ts to.
 */
export function objdumpImports(imagePath: string): string[] {
  const out = execFileSync('x86_64-w64-mingw32-objdump', ['-p', imagePath], { encoding: 'utf8' });
  const imports: string[] = [];
  let dll = '';
  for (const line of out.split('\n')) {
    const name = /^\tDLL Name: (.+)$/.exec(line);
    if (name) dll = name[1].toLowerCase();
    const entry = /^\t[0-9a-f]+\t +\d+ +(\S+)$/.exec(line);
    if (entry && dll) imports.push(`${dll}!${entry[1]}`);
  }
  return imports.sort();
}
