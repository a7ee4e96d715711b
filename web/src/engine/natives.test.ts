// The VM binds every routine the headers declare, with the header's
// parameter count: a scenario that references each one loads (the loader
// refuses a missing native or a different count before anything runs).
import { beforeAll, describe, expect, it } from 'vitest';
import type { Core } from './core-types';
import { loadCore } from './core';
import { writeModule } from '../scenario/bytecode/writer';
import { compile } from '../scenario/index';
import { PROTOTYPES } from '../scenario/api/surface';

let core: Core;
beforeAll(async () => { core = await loadCore(); });

const settings = { cpus: 1, policy: 'timed', seed: 1, budget: 100_000 } as const;

/** A scenario whose never-called routine calls `names`, each with zero arguments. */
function referencing(names: readonly string[]): string {
  const calls = PROTOTYPES.filter((p) => names.includes(p.name)).map((p) => {
    const args = p.params.map((q) => (q.type === 'LARGE_INTEGER' ? 'li' : '0')); // a union goes by value
    if (p.variadic) args.push('0');
    return `    ${p.name}(${args.join(', ')});`;
  });
  return '#include <wdkm.h>\nVOID NeverCalled(VOID)\n{\n    LARGE_INTEGER li;\n    li.QuadPart = 0;\n' + calls.join('\n') + '\n}\n' +
    'NTSTATUS DriverEntry(PDRIVER_OBJECT D, PUNICODE_STRING R)\n{\n    UNREFERENCED_PARAMETER(D); UNREFERENCED_PARAMETER(R);\n    return STATUS_SUCCESS;\n}\n';
}

function load(names: readonly string[]) {
  const c = compile(referencing(names), 'natives.c');
  expect(c.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message)).toEqual([]);
  return core.run(c.module!, settings);
}

describe('the VM binds the headers', () => {
  it('provides every routine of wdkm.h, ntddk.h and ntdef.h with its declared parameters', () => {
    const names = PROTOTYPES.map((p) => p.name);
    expect(names.length).toBeGreaterThan(120);
    expect(load(names).outcome).toBe('completed');
  });

  it('refuses a module that imports a routine with another parameter count', () => {
    const data = compile(referencing(['KeSetEvent']), 'natives.c').moduleData!;
    const imp = data.imports.find((i) => i.name === 'KeSetEvent')!;
    expect(core.run(writeModule(data), settings).outcome).toBe('completed');
    imp.params = imp.params.slice(0, 2);
    expect(() => core.run(writeModule(data), settings)).toThrow(/wrong parameter count for\W+KeSetEvent/);
  });
});
