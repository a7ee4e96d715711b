// Node side: exports projects to disk and builds them with their own
// Makefile, as a user would (`make`), for the build tests.
//
// The wdkm core is the same in every export (same files, same flags), and
// compiling it is nine tenths of a build, because every file parses the DDK
// headers. So buildAll builds the first project completely and gives the
// others its core objects (seedCoreObjects), after checking that everything
// those objects were made from is byte for byte the same; make then compiles
// only each project's own sources and links. Each project still links with
// its own Makefile, and the first proves the whole build.

import { execFile } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, readFileSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { exportProject, type ExportInput } from '../../web/src/export';
import { writeProject } from './write-project';

const run = promisify(execFile);

export interface Built {
  name: string;
  dir: string;
  sys: string;
  seconds: number;
  bytes: number;
}

/** Exports `input` into `dir`; returns the driver name the export chose. */
export function exportTo(dir: string, input: ExportInput): { name: string; files: Map<string, string> } {
  const files = exportProject(input);
  writeProject(dir, files);
  const makefile = files.get('Makefile')!;
  return { name: /^NAME\s*:= (\w+)$/m.exec(makefile)![1], files };
}

/** Runs make in `dir`; resolves with its output, rejects with it on failure. */
export async function make(dir: string, args: string[] = []): Promise<{ stdout: string; stderr: string; seconds: number }> {
  const start = performance.now();
  const { stdout, stderr } = await run('make', ['-j', String(availableParallelism()), ...args], {
    cwd: dir,
    maxBuffer: 16 * 1024 * 1024,
  });
  return { stdout, stderr, seconds: (performance.now() - start) / 1000 };
}

/**
 * What a core object is made from: the core, the mingw additions and the
 * Makefile's rules, whose only project-specific part is the driver's name.
 */
function coreInputs(files: ReadonlyMap<string, string>): string {
  const makefile = files.get('Makefile') ?? '';
  const name = /^NAME\s*:= (\w+)$/m.exec(makefile)?.[1] ?? '';
  const shared = [...files]
    .filter(([path]) => path.startsWith('src/wdkm/') || path.startsWith('src/mingw/'))
    .sort(([a], [b]) => a.localeCompare(b));
  const generic = makefile.replace(/^#.*$/gm, '').replace(new RegExp(`\\b${name}\\b`, 'g'), '<name>');
  return JSON.stringify([shared, generic]);
}

/**
 * Copies the core objects, the precompiled header and the extra import library of a built project
 * into another whose core inputs are identical; throws when they are not.
 */
export function seedCoreObjects(from: { dir: string; files: Map<string, string> }, to: { dir: string; files: Map<string, string> }): void {
  if (coreInputs(from.files) !== coreInputs(to.files)) {
    throw new Error(`${to.dir}: its core inputs differ from ${from.dir}'s; build it in full`);
  }
  cpSync(join(from.dir, 'build', 'obj', 'src', 'wdkm'), join(to.dir, 'build', 'obj', 'src', 'wdkm'), { recursive: true });
  cpSync(join(from.dir, 'build', 'pch'), join(to.dir, 'build', 'pch'), { recursive: true });
  copyFileSync(join(from.dir, 'build', 'libntoskrnl_extra.a'), join(to.dir, 'build', 'libntoskrnl_extra.a'));
}

/** Builds exported projects: the first in full, the rest seeded and in parallel. */
export async function buildAll(projects: { name: string; dir: string; files: Map<string, string> }[]): Promise<Built[]> {
  const result = (p: { name: string; dir: string }, seconds: number): Built => {
    const sys = join(p.dir, 'build', `${p.name}.sys`);
    if (!existsSync(sys)) throw new Error(`make in ${p.dir} produced no ${sys}`);
    return { name: p.name, dir: p.dir, sys, seconds, bytes: statSync(sys).size };
  };
  const [first, ...rest] = projects;
  const built = [result(first, (await make(first.dir)).seconds)];
  for (const p of rest) seedCoreObjects(first, p);
  const others = await Promise.all(rest.map(async (p) => result(p, (await make(p.dir)).seconds)));
  return [...built, ...others];
}

export function readBytes(path: string): Uint8Array {
  return new Uint8Array(readFileSync(path));
}
