/** The checker refuses what the VM's loader and verifier refuse (issue 15,
    defect 4), naming the limit; just inside each limit the VM accepts and
    runs the module. The limits match the C sources. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lazyLoaders } from '../../engine/pipeline';
import { compile } from '../compile';
import { check } from '../frontend';
import { VM_LIMITS } from './limits';

const entry = (body: string, before = '') => `#include <ntddk.h>\n${before}NTSTATUS DriverEntry(PDRIVER_OBJECT d, PUNICODE_STRING r)\n{\n` +
  `    UNREFERENCED_PARAMETER(d); UNREFERENCED_PARAMETER(r);\n${body}\n    return STATUS_SUCCESS;\n}\n`;
const params = (n: number) => entry(`    F(${Array(n).fill('1').join(', ')});`,
  `static int F(${Array.from({ length: n }, (_, i) => `int a${i}`).join(', ')}) { return a0; }\n`);
const array = (bytes: number) => entry(`    CHAR big[${bytes}];\n    big[0] = 1;\n    DbgPrint("%d\\n", big[0]);`);
const locals = (n: number) => entry(Array.from({ length: n }, (_, i) => `    CHAR b${i}[1024]; b${i}[0] = 0;`).join('\n'));
const prints = (n: number) => entry(`    DbgPrint("${'%d'.repeat(n)}"${', 1'.repeat(n)});`);
const deep = (n: number) => entry(`    int v = 1;\n    int w = ${'(v+'.repeat(n)}v${')'.repeat(n)};\n    DbgPrint("%d\\n", w);`);

async function runs(source: string) {
  const r = compile(source, 's.c');
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return (await lazyLoaders.loadCore()).run(r.module!, { cpus: 1, policy: 'timed', seed: 1, budget: 100_000 }).outcome;
}

describe('the VM limits, named at check time', () => {
  it.each([
    ['33 parameters', params(33), /'F' has 33 parameters; the VM takes at most 32/],
    ['a local array of 32 KB', array(32768), /frame may hold at most 32,768 bytes/],
    ['40 locals of 1 KB', locals(40), /take 40,9\d\d bytes; a function's frame may hold at most 32,768 bytes/],
    ['a DbgPrint with 24 values', prints(24), /passes 25 arguments; a call to a kernel routine takes at most 24/],
    ['an expression 80 deep', deep(80), /needs more than 64 operand stack slots/],
  ])('refuses %s (was: "No problems", then "malformed module" at load)', (_, source, message) => {
    const diags = check(source, 's.c').filter((d) => d.severity === 'error');
    expect(diags).toHaveLength(1);
    expect(diags[0]!.message).toMatch(message);
    expect(compile(source, 's.c').module).toBeUndefined();
  });
  it.each([
    ['32 parameters', params(32)], ['a 32,000-byte array', array(32000)], ['31 locals of 1 KB', locals(31)],
    ['a DbgPrint with 23 values', prints(23)], ['an expression 40 deep', deep(40)],
    // Found by this test: the loader wanted 8 bytes for every parameter, so a
    // function of two ints and no locals was "malformed".
    ['two int parameters and no locals', params(2)],
  ])('accepts %s, and the VM runs it', async (_, source) => {
    expect(await runs(source)).toBe('completed');
  });
  it('are the limits in core-c/vm', () => {
    const vmp = readFileSync('core-c/vm/vmp.h', 'utf8'), loader = readFileSync('core-c/vm/loader.c', 'utf8');
    const verify = readFileSync('core-c/vm/verify.c', 'utf8');
    const define = (name: string) => Number(new RegExp(`#define ${name} \\(?(\\d+)u?(?: \\* (\\d+))?`).exec(vmp)!.slice(1).filter(Boolean).reduce((a, b) => String(Number(a) * Number(b))));
    expect(loader).toContain(`ParamCount > ${VM_LIMITS.maxParams} `);
    expect(loader).toContain('FrameSize > VM_GUEST_STACK / 4');
    expect(define('VM_GUEST_STACK') / 4).toBe(VM_LIMITS.maxFrameBytes);
    expect(verify).toContain(`im->ParamCount + n > ${VM_LIMITS.maxNativeArgs})`);
    expect(verify).toContain('next > VM_MAX_STACK - 8');
    expect(define('VM_MAX_STACK') - 8).toBe(VM_LIMITS.maxOperandStack);
  });
});
