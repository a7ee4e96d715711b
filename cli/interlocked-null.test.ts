/**
 * An interlocked routine on a NULL target faults like any other access
 * (found by the module fuzzer: the emulator read address 0 natively and,
 * in WebAssembly, silently went on). It is 0x7E with an access violation,
 * at the line of the call.
 */
import { expect, it } from 'vitest';
import { driverEntry } from '../web/src/trace/runs.test-data';
import { runCli } from './memory-io';

for (const call of ['InterlockedIncrement(p)', 'InterlockedDecrement(p)', 'InterlockedExchange(p, 1)',
  'InterlockedCompareExchange(p, 1, 0)', 'InterlockedExchangeAdd(p, 2)']) {
  it(`${call} on NULL is bug check 0x7E (access violation) at its line`, async () => {
    const src = driverEntry(`    LONG *p = NULL;\n    ${call};\n`);
    const r = await runCli(['run', 's.c', '--json'], { 's.c': src }, () => undefined);
    expect(r.err).toBe('');
    const json = JSON.parse(r.out) as { outcome: string; bugcheck: { code: string; params: string[]; line: number } };
    expect(json.outcome).toBe('bugcheck');
    expect(json.bugcheck.code).toBe('0x0000007E');
    expect(json.bugcheck.params[0]).toBe('0xFFFFFFFFC0000005');
    const line = src.split('\n').findIndex((l) => l.includes(call)) + 1;
    expect(json.bugcheck.line).toBe(line);
  });
}
