// Node side: the wdkm core as exportProject takes it, read from the
// repository (core-c/include/wdkm.h and every .c and .h of core-c/src). The
// browser gets the same files through Vite `?raw` imports instead.

import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));

/** wdkm.h and the core sources by bare file name, in name order. */
export function readCoreFiles(root: string = REPO_ROOT): Record<string, string> {
  const files: Record<string, string> = {};
  const include = join(root, 'core-c', 'include');
  const src = join(root, 'core-c', 'src');
  files['wdkm.h'] = readFileSync(join(include, 'wdkm.h'), 'utf8');
  for (const f of readdirSync(src).sort()) {
    if (/\.[ch]$/.test(f)) files[f] = readFileSync(join(src, f), 'utf8');
  }
  return files;
}
