// Node side: writes an exported project (a map of relative path to text)
// under a target folder, and nowhere else. Every path is checked before
// anything is written, so a bad map writes nothing; symbolic links met on
// the way are refused too, as they could lead out of the folder.

import { lstatSync, mkdirSync, realpathSync, statSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';

/**
 * Why `path` may not be written under a project folder, or null when it may:
 * it must be relative, use forward slashes, and stay inside the folder.
 */
export function unsafeReason(path: string): string | null {
  if (path.length === 0) return 'empty path';
  if (path.includes('\0')) return 'NUL in path';
  if (path.includes('\\')) return 'backslash in path (paths use /)';
  if (path.startsWith('/') || isAbsolute(path) || /^[A-Za-z]:/.test(path)) return 'absolute path';
  if (path.split('/').some((part) => part === '' || part === '.' || part === '..')) {
    return 'empty, "." or ".." path segment';
  }
  return null;
}

/**
 * Creates a folder and its missing parents one at a time. Node's recursive
 * mkdir loops forever on some paths that cannot be created (such as under
 * /proc/self); a single mkdir fails at once with the reason.
 */
export function makeDirs(dir: string): void {
  const full = resolve(dir);
  const missing: string[] = [];
  for (let p = full; ; p = dirname(p)) {
    let st;
    try {
      st = statSync(p, { throwIfNoEntry: false });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOTDIR') throw new Error(`cannot create folder '${dir}': ${(e as Error).message}`);
    }
    if (st) {
      if (!st.isDirectory()) throw new Error(`cannot create folder '${dir}': '${p}' is not a folder`);
      break;
    }
    missing.push(p);
    if (dirname(p) === p) break;
  }
  for (const p of missing.reverse()) {
    try {
      mkdirSync(p);
    } catch (e) {
      throw new Error(`cannot create folder '${dir}': ${(e as NodeJS.ErrnoException).code ?? (e as Error).message} at '${p}'`);
    }
  }
}

/** Writes `files` under `targetDir` (created if missing); returns the absolute paths written. */
export function writeProject(targetDir: string, files: ReadonlyMap<string, string>): string[] {
  makeDirs(targetDir);
  const root = realpathSync(targetDir);
  const planned: [string, string][] = [];
  for (const [path, text] of files) {
    const reason = unsafeReason(path);
    if (reason !== null) throw new Error(`refusing to write "${path}": ${reason}`);
    const full = resolve(root, path);
    const rel = relative(root, full);
    if (rel.startsWith('..') || isAbsolute(rel) || rel.split(sep).includes('..')) {
      throw new Error(`refusing to write "${path}": outside ${root}`);
    }
    planned.push([full, text]);
  }
  for (const [full, text] of planned) {
    makeDirs(dirname(full));
    // A folder already inside the target may be a symlink pointing out of it.
    const parent = realpathSync(dirname(full));
    if (parent !== root && !parent.startsWith(root + sep)) {
      throw new Error(`refusing to write "${full}": its folder resolves outside ${root}`);
    }
    if (lstatSync(full, { throwIfNoEntry: false })?.isSymbolicLink()) {
      throw new Error(`refusing to write "${full}": it is a symbolic link`);
    }
    writeFileSync(full, text);
  }
  return planned.map(([full]) => full);
}
