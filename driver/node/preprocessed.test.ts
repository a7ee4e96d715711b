/** Issue 15, defect 1: what the export builds is what the playground checked.
    The exported scenario preprocessed by mingw-w64's gcc, as the driver build
    does (its flags, the DDK headers, the compat header), keeps exactly the
    lines of the scenario that the playground's preprocessor keeps; and a
    scenario that depends on a compiler- or target-identifying macro, which
    would make the two differ, is refused. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exportProject } from '../../web/src/export';
import { DiagnosticBag } from '../../web/src/scenario/diagnostics';
import { check } from '../../web/src/scenario/frontend';
import { HEADERS } from '../../web/src/scenario/prelude';
import { preprocess } from '../../web/src/scenario/pp/preprocess';
import { readCoreFiles } from './core-files';
import { writeProject } from './write-project';

const base = mkdtempSync(join(tmpdir(), 'wdkm-pp-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

/** Lines of the scenario that reach the compiler, by the playground. */
function playgroundLines(source: string, file: string): number[] {
  const out = preprocess(source, file, HEADERS, new DiagnosticBag());
  return [...new Set(out.tokens.filter((t) => t.file === file && t.kind !== 'eof').map((t) => t.line))].sort((a, b) => a - b);
}

/** Lines of the scenario that reach the compiler, by gcc -E in the exported project. */
function exportLines(source: string, name: string): number[] {
  const dir = join(base, name);
  writeProject(dir, exportProject({ name, source, coreFiles: readCoreFiles(), entryPoints: [{ name: 'DriverEntry', role: 'DriverEntry' }] }));
  const src = join(dir, 'src', `${name}.c`);
  const r = spawnSync('x86_64-w64-mingw32-gcc', ['-E', '-std=c11', '-I/usr/share/mingw-w64/include/ddk', `-I${join(dir, 'src/wdkm')}`,
    '-include', join(dir, 'src/mingw/wdkm_mingw_compat.h'), src], { encoding: 'utf8', maxBuffer: 64 << 20 });
  expect(r.status, r.stderr).toBe(0);
  const lines = new Set<number>();
  let inFile = false, line = 0;
  for (const text of r.stdout.split('\n')) {
    const marker = /^# (\d+) "([^"]*)"/.exec(text);
    if (marker) { inFile = marker[2] === src; line = Number(marker[1]); continue; }
    if (inFile && text.trim() !== '') lines.add(line);
    line++;
  }
  return [...lines].sort((a, b) => a - b);
}

const CONDITIONAL = `#include <ntddk.h>
#define USE_PRINT 1
#define TWICE(x) ((x) + (x))
NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    UNREFERENCED_PARAMETER(DriverObject);
    UNREFERENCED_PARAMETER(RegistryPath);
#if USE_PRINT && TWICE(2) == 4
    DbgPrint("printing\\n");
#elif defined(NOT_DEFINED)
    KeBugCheckEx(1, 0, 0, 0, 0);
#else
    KeBugCheckEx(2, 0, 0, 0, 0);
#endif
#ifdef NOT_DEFINED
    KeBugCheckEx(3, 0, 0, 0, 0);
#endif
    return STATUS_SUCCESS;
}
`;

describe('the export preprocesses as the playground does', () => {
  const cases: [string, string][] = [['conditional', CONDITIONAL],
    ...readdirSync('examples').filter((f) => f.endsWith('.c')).slice(0, 6).map((f): [string, string] => [f.replace(/\.c$/, '').replace(/-/g, '_'), readFileSync(join('examples', f), 'utf8')])];
  it.each(cases)('%s: the same lines of the scenario reach the compiler', (name, source) => {
    expect(check(source, `${name}.c`).filter((d) => d.severity === 'error')).toEqual([]);
    expect(exportLines(source, name)).toEqual(playgroundLines(source, `${name}.c`));
  }, 60_000);
  it('a scenario that tests __GNUC__ would not: gcc -E keeps a line the playground drops, and check refuses it', () => {
    const source = CONDITIONAL.replace('#ifdef NOT_DEFINED', '#if defined(__GNUC__) || defined(_MSC_VER)');
    expect(exportLines(source, 'gnuc')).not.toEqual(playgroundLines(source, 'gnuc.c'));
    const errors = check(source, 'gnuc.c').filter((d) => d.severity === 'error');
    expect(errors.map((d) => [d.line, d.message.split(':')[0]])).toEqual([[15, "'__GNUC__' identifies the compiler or target"], [15, "'_MSC_VER' identifies the compiler or target"]]);
  }, 60_000);
});
