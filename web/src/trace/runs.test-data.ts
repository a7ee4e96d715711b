/* Real runs for the trace tests: examples/ and inline scenarios compiled by
   the front end and run on the WebAssembly core (core.ts), loaded once. */
import { readFileSync } from 'node:fs';
import type { RunResult, RunSettings } from '../engine/core-types';
import { runSource as run } from '../engine/pipeline';
import { DEFAULT_SETTINGS } from '../settings';

export async function runSource(source: string, settings: Partial<RunSettings> = {}, file = 'scenario.c'): Promise<RunResult> {
  const r = await run(source, { ...DEFAULT_SETTINGS, ...settings }, { file });
  if (r.kind === 'compileFailed') throw new Error(r.diagnostics.map((d) => `${d.line}:${d.col}: ${d.message}`).join('\n'));
  return r.result;
}

export function exampleSource(name: string): string {
  return readFileSync(new URL(`../../../examples/${name}.c`, import.meta.url), 'utf8');
}

export function runExample(name: string, settings: Partial<RunSettings> = {}): Promise<RunResult> {
  return runSource(exampleSource(name), settings, `${name}.c`);
}

/** A scenario whose DriverEntry body is `body`, with <ntddk.h> and <wdkm.h>. */
export function driverEntry(body: string, prelude = ''): string {
  return `#include <ntddk.h>\n#include <wdkm.h>\n${prelude}\nNTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)\n{\n`
    + `    UNREFERENCED_PARAMETER(DriverObject);\n    UNREFERENCED_PARAMETER(RegistryPath);\n${body}\n}\n`;
}
