/** The address -> name mapping of a data race's memory, on the compiled program's data layout. */
import { describe, expect, it } from 'vitest';
import { compile } from '../scenario/compile';
import { GLOBALS_VA, globalAt, raceMessage, raceVariable } from './memory-names';
import type { ExploreRace } from '../engine/core-types';

const SRC = `#include <ntddk.h>
typedef struct _STATS { LONG Hits; LONG Value; UCHAR Tags[4]; } STATS;
static LONG Plain;
static STATS Counter;
static LONG Buf[8];
static STATS Many[2];
NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    UNREFERENCED_PARAMETER(DriverObject);
    UNREFERENCED_PARAMETER(RegistryPath);
    Plain = Counter.Value + Buf[3] + Many[1].Tags[2];
    return STATUS_SUCCESS;
}
`;
const names = compile(SRC).names!;
const at = (name: string, extra = 0) => {
  const g = names.data!.find((s) => s.name === name)!;
  return `0x${(GLOBALS_VA + BigInt(g.offset + extra)).toString(16).toUpperCase()}`;
};

describe('naming a race address', () => {
  it('names a global, a field, an array element and a field of an element', () => {
    expect(globalAt(at('Plain'), names)).toBe('Plain');
    expect(globalAt(at('Counter', 4), names)).toBe('Counter.Value');
    expect(globalAt(at('Counter', 9), names)).toBe('Counter.Tags[1]');
    expect(globalAt(at('Buf', 12), names)).toBe('Buf[3]');
    expect(globalAt(at('Many', 12 + 8 + 2), names)).toBe('Many[1].Tags[2]');
  });
  it('names nothing outside the globals or without a layout', () => {
    expect(globalAt('0xFFFFA88000000000', names)).toBeUndefined();
    expect(globalAt(at('Plain'), null)).toBeUndefined();
    expect(globalAt('not hex', names)).toBeUndefined();
  });
  it('words a race with the name before the hex, and keeps the core words when nothing names it', () => {
    const race: ExploreRace = { lines: [8, 7], address: at('Plain'), bytes: 4, kinds: ['write', 'read'],
      message: `data race: the write at line 8 and the read at line 7 touch the same 4 bytes (${at('Plain')}) from different threads, and nothing orders them` };
    expect(raceMessage(race)).toBe(race.message);
    const variable = raceVariable(race, names);
    expect(raceMessage({ ...race, variable })).toBe(
      `data race: the write to Plain at line 8 and the read of Plain at line 7 touch the same 4 bytes (${at('Plain')}) from different threads, and nothing orders them`);
    const pool = { ...race, address: '0xFFFFA88000000010', pool: { line: 5, offset: 0 } };
    expect(raceMessage({ ...pool, variable: raceVariable(pool, names) })).toMatch(/^data race: the write at line 8 and the read at line 7 touch the same 4 bytes of pool allocated at line 5 \(0xFFFFA88000000010\) from different threads/);
  });
});

it("the globals' address is the VM's (VM_GLOBALS_BASE, core-c/vm/vmp.h)", async () => {
  const { readFileSync } = await import('node:fs');
  const m = /#define\s+VM_GLOBALS_BASE\s+(0x[0-9A-Fa-f]+)ull/.exec(readFileSync('core-c/vm/vmp.h', 'utf8'));
  expect(m).not.toBeNull();
  expect(BigInt(m![1]!)).toBe(GLOBALS_VA);
});
