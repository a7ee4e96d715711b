/**
 * The prelude is the C headers' text (surface.test.ts holds it fresh); here,
 * the scenario front end must accept every name those headers declare.
 */
import { describe, expect, it } from 'vitest';
import { analyze } from '../frontend';
import { CONSTANT_NAMES, TYPE_NAMES } from '../api/surface';

describe('the prelude compiles as a scenario sees it', () => {
  it('declares every typedef name and constant of the headers', () => {
    const types = TYPE_NAMES.filter((n) => n !== 'VOID');
    const src = `#include <wdkm.h>\n${[
      ...types.map((n, i) => `static ULONG64 t${i} = sizeof(${n} *);`),
      ...CONSTANT_NAMES.map((n, i) => `static ULONG64 c${i} = sizeof(${n});`),
    ].join('\n')}\n`;
    const names = [...types, ...CONSTANT_NAMES];
    const errors = analyze(src).diagnostics.filter((d) => !d.message.includes('DriverEntry'));
    expect(names.length).toBeGreaterThan(200);
    expect(errors.map((d) => `${names[d.line - 2]}: ${d.message}`)).toEqual([]);
  });

  it('refuses what only a C build has', () => {
    const errors = analyze('#include <ntddk.h>\nstatic ULONG x = sizeof(KMUTEX) + EMU_OBJECT(1);\n').diagnostics;
    expect(errors.some((d) => /EMU_OBJECT/.test(d.message))).toBe(true);
  });
});
