/**
 * One source for the API surface: the prelude is the C headers' text, every
 * routine they declare has its notes in routines.ts (and nothing else does),
 * and docs/kernel-api.md is what the table says.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GENERATED_DOC, GENERATED_PRELUDE, HEADER_FILES, renderApiDoc, renderPreludeModule } from './generate';
import { MACROS, ROUTINES } from './routines';
import { API, CONSTANT_NAMES, PROTOTYPES, prototypesOf, scenarioView, SURFACE_HEADERS, TYPE_NAMES } from './surface';

const read = (p: string) => readFileSync(p, 'utf8');
const fix = 'run `npm run gen:surface` and commit the result';

describe('the headers are the source', () => {
  it(`${GENERATED_PRELUDE} is the headers' text (${fix})`, () => {
    expect(read(GENERATED_PRELUDE)).toBe(renderPreludeModule(read));
  });

  it(`${GENERATED_DOC} is what the table and the headers say (${fix})`, () => {
    expect(read(GENERATED_DOC)).toBe(renderApiDoc(API, SURFACE_HEADERS));
  });

  it('a C build and a scenario see the same kernel and wdkm routines', () => {
    for (const h of HEADER_FILES.filter((f) => f.name === 'ntddk.h' || f.name === 'wdkm.h')) {
      const c = prototypesOf(h.name as 'ntddk.h', read(h.path), false).map((p) => p.signature);
      const scenario = prototypesOf(h.name as 'ntddk.h', read(h.path), true).map((p) => p.signature);
      expect(scenario).toEqual(c);
    }
  });

  it('keeps the scenario lines and drops the C build\'s', () => {
    const text = 'a\n#ifdef __WDKM_SCENARIO__\nb\n#else\nc\n#endif\n#ifndef __WDKM_SCENARIO__\nd\n#endif\ne';
    expect(scenarioView(text)).toBe('a\nb\ne');
    expect(scenarioView(text, false)).toBe('a\nc\nd\ne');
  });
});

describe('the table of routines', () => {
  it('reads every prototype of the headers', () => {
    expect(PROTOTYPES.length).toBeGreaterThan(120);
    const wait = PROTOTYPES.find((p) => p.name === 'KeWaitForMultipleObjects')!;
    expect(wait.header).toBe('ntddk.h');
    expect(wait.params.map((p) => p.type)).toEqual(['ULONG', 'PVOID *', 'WAIT_TYPE', 'KWAIT_REASON', 'KPROCESSOR_MODE', 'BOOLEAN', 'PLARGE_INTEGER', 'PKWAIT_BLOCK']);
    expect(PROTOTYPES.find((p) => p.name === 'DbgPrint')).toMatchObject({ variadic: true, params: [{ type: 'PCSTR', name: 'Format' }] });
    expect(PROTOTYPES.find((p) => p.name === 'KeGetCurrentIrql')!.params).toEqual([]);
    expect(PROTOTYPES.find((p) => p.name === 'WdkmGrtInit')!.header).toBe('wdkm.h');
  });

  it('has notes for every routine a header declares', () => {
    expect(PROTOTYPES.map((p) => p.name).filter((n) => !(n in ROUTINES))).toEqual([]);
  });

  it('has no notes for a routine no header declares', () => {
    const declared = new Set(PROTOTYPES.map((p) => p.name));
    expect(Object.keys(ROUTINES).filter((n) => !declared.has(n))).toEqual([]);
  });

  it('documents each macro that a header defines', () => {
    const all = HEADER_FILES.map((h) => read(h.path)).join('\n');
    for (const name of Object.keys(MACROS)) expect(all, name).toMatch(new RegExp(`#define ${name}\\b`));
  });

  it('gives every entry an IRQL and a description, once', () => {
    for (const e of API) {
      expect(e.irql.length, e.name).toBeGreaterThan(0);
      expect(e.doc.length, e.name).toBeGreaterThan(10);
    }
    expect(new Set(API.map((e) => e.name)).size).toBe(API.length);
  });

  it('names the headers\' types and constants', () => {
    for (const t of ['KIRQL', 'PKIRQL', 'KMUTEX', 'PRKMUTEX', 'LARGE_INTEGER', 'WDKM_KMUTEX', 'KSTART_ROUTINE', 'ULONG', 'POOL_FLAGS']) expect(TYPE_NAMES).toContain(t);
    for (const c of ['DISPATCH_LEVEL', 'STATUS_TIMEOUT', 'Executive', 'SynchronizationEvent', 'WDKM_OK', 'WDKM_TAG_KMUTEX', 'NULL', 'POOL_FLAG_NON_PAGED']) expect(CONSTANT_NAMES).toContain(c);
    expect(TYPE_NAMES).not.toContain('EMU_OBJECT');
    expect(CONSTANT_NAMES).not.toContain('EMU_OBJECT');
  });
});
