/** Entry points from the checked program (issue 15, defect 5): what the
    export's Code Tour names. Blind to code under #if 0 and in comments and
    strings, and linear in the size of the scenario. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { entryPoints } from './entry-points';
import { analyze, checkScenario } from './frontend';

const program = (source: string) => {
  const a = analyze(source, 's.c');
  expect(a.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return a.program!;
};
const named = (source: string) => entryPoints(program(source)).map((e) => `${e.role}:${e.name}`);
const example = (name: string) => readFileSync(`examples/${name}.c`, 'utf8');

describe('entry points from the checked program', () => {
  it('names DriverEntry, the unload routine, start routines and deferred routines, by role', () => {
    expect(named(example('kmutex-counter'))).toEqual(['DriverEntry:DriverEntry', 'SystemThread:Worker']);
    expect(named(example('lock-order-deadlock'))).toEqual([
      'DriverEntry:DriverEntry', 'DriverUnload:DriverUnloadRoutine', 'SystemThread:ThreadA', 'SystemThread:ThreadB']);
    expect(named(example('timer-dpc'))).toEqual(['DriverEntry:DriverEntry', 'SystemThread:Adder', 'Dpc:OnTick']);
    expect(named(example('bugcheck'))).toEqual(['DriverEntry:DriverEntry']);
  });
  it('does not read code under #if 0', () => {
    const source = example('dpc-spin-lock').replace(
      'NTSTATUS DriverEntry', '#if 0\nVOID Ghost(PVOID c) { PsCreateSystemThread(NULL, 0, NULL, NULL, NULL, Ghost, c); }\n#endif\nNTSTATUS DriverEntry');
    expect(source).toContain('Ghost');
    expect(named(source)).toEqual(['DriverEntry:DriverEntry', 'Dpc:DpcRoutine']);
  });
  it('ignores calls in comments and strings', () => {
    const source = example('kmutex-counter').replace('NTSTATUS DriverEntry',
      '/* PsCreateSystemThread(a, b, c, d, e, Ghost, g); */\n' +
      'static VOID Say(VOID) { DbgPrint("KeInitializeDpc(&d, Fake, 0)"); }\n' +
      'NTSTATUS DriverEntry');
    expect(named(source)).toEqual(['DriverEntry:DriverEntry', 'SystemThread:Worker']);
  });
  it('a large scenario with thousands of unclosed calls under #if 0 is checked at once (the text scan was quadratic)', () => {
    const junk = Array.from({ length: 6000 }, (_, i) => `PsCreateSystemThread(a${i}, KeInitializeDpc(`).join('\n');
    const source = example('kmutex-counter') + `\n#if 0\n${junk}\n#endif\n`;
    expect(source.length).toBeGreaterThan(180_000);
    expect(named(source)).toEqual(['DriverEntry:DriverEntry', 'SystemThread:Worker']);
  });
  it('checkScenario gives them with the diagnostics only when there is no error', () => {
    expect(checkScenario(example('kmutex-counter')).entryPoints?.map((e) => e.name)).toEqual(['DriverEntry', 'Worker']);
    const broken = checkScenario(example('kmutex-counter').replace('return STATUS_SUCCESS;', 'return nope;'));
    expect(broken.diagnostics.some((d) => d.severity === 'error')).toBe(true);
    expect(broken.entryPoints).toBeUndefined();
  });
});
