// Node side: writes an exported project (a map of relative path to text)
// under a target folder, and nowhere else. Every path is checked before
// anything is written, so a bad map writes nothing; symbolic links met on
// the way are refused too, as they could lead out of the folder.

import { lstatSync, mkdirSync, realpathSync, writeFileSync } from 'node:fs';
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

/** Writes `files` under `targetDir` (created if missing); returns the absolute paths written. */
export function writeProject(targetDir: string, files: ReadonlyMap<string, string>): string[] {
  mkdirSync(targetDir, { recursive: true });
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
    mkdirSync(dirname(full), { recursive: true });
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
