// The WebAssembly core through its engine API: every scenario memory access
// is checked (the bug check Windows would show, at the right line), runaway
// loops end at the budget, schedules replay, and malformed modules are refused.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Core, RunSettings } from './core-types';
import { loadCore, ModuleRejected } from './core';
import { compile } from '../scenario/index';
import { resultReply } from './fixtures.test-data';
import { parseReply } from './protocol';

let core: Core;
beforeAll(async () => { core = await loadCore(); });

const defaults: RunSettings = { cpus: 2, policy: 'timed', seed: 1, budget: 200_000 };
function run(body: string, settings: Partial<RunSettings> = {}, globals = '') {
  const source = `#include <ntddk.h>\n#include <wdkm.h>\n${globals}\nNTSTATUS DriverEntry(PDRIVER_OBJECT D, PUNICODE_STRING R)\n{\n` +
    `    UNREFERENCED_PARAMETER(D); UNREFERENCED_PARAMETER(R);\n${body}\n    return STATUS_SUCCESS;\n}\n`;
  const c = compile(source, 'scenario.c');
  expect(c.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return core.run(c.module!, { ...defaults, ...settings });
}

describe('checked memory', () => {
  it('a NULL dereference at PASSIVE_LEVEL is an unhandled access violation at its line', () => {
    const r = run('    PULONG p = NULL;\n    *p = 1;');
    expect(r.outcome).toBe('bugcheck');
    expect(r.bugcheck).toMatchObject({ code: '0x0000007E', name: 'SYSTEM_THREAD_EXCEPTION_NOT_HANDLED', line: 8 });
    expect(r.bugcheck!.params[0]).toBe('0xFFFFFFFFC0000005');
  });

  it('reading past a pool block is a page fault in non-paged area', () => {
    const r = run('    PUCHAR p = ExAllocatePool2(POOL_FLAG_NON_PAGED, 16, \'tseT\');\n    DbgPrint("%d", p[16]);');
    expect(r.bugcheck).toMatchObject({ code: '0x00000050', name: 'PAGE_FAULT_IN_NONPAGED_AREA', line: 8 });
  });

  it('a use after free is caught as special pool would', () => {
    const r = run('    PULONG p = ExAllocatePool2(POOL_FLAG_NON_PAGED, 8, \'tseT\');\n    ExFreePoolWithTag(p, \'tseT\');\n    *p = 2;');
    expect(r.bugcheck).toMatchObject({ code: '0x000000D5', line: 9 });
  });

  it('a wild pointer at DISPATCH_LEVEL is DRIVER_IRQL_NOT_LESS_OR_EQUAL', () => {
    const r = run('    KIRQL old;\n    KeRaiseIrql(DISPATCH_LEVEL, &old);\n    *(PULONG)(ULONG_PTR)0x1234 = 5;');
    expect(r.bugcheck).toMatchObject({ code: '0x000000D1', line: 9 });
  });

  it('writing a string literal is a write to read-only memory', () => {
    const r = run('    PCHAR s = (PCHAR)"text";\n    s[0] = \'T\';');
    expect(r.bugcheck).toMatchObject({ code: '0x000000BE', line: 8 });
  });

  it('division by zero is a kernel-mode exception', () => {
    const r = run('    volatile LONG zero = 0;\n    DbgPrint("%d", 5 / zero);');
    expect(r.bugcheck).toMatchObject({ code: '0x0000001E' });
    expect(r.bugcheck!.params[0]).toBe('0xFFFFFFFFC0000094');
  });

  it('unbounded recursion is a kernel stack overflow', () => {
    const r = run('    DbgPrint("%d", Down(1));', {}, 'static LONG Down(LONG n) { return Down(n + 1) + 1; }');
    expect(r.bugcheck).toMatchObject({ code: '0x0000007F', name: 'UNEXPECTED_KERNEL_MODE_TRAP', line: 3 }); // the recursive call in Down
  });
});

describe('runs', () => {
  it('a runaway loop ends at its budget', () => {
    const r = run('    for (;;) { }', { budget: 50_000 });
    expect(r.outcome).toBe('budget');
    expect(r.steps).toBeGreaterThanOrEqual(50_000);
  });

  it('an unlocked counter loses updates, and its recorded schedule replays it exactly', () => {
    const globals = 'static LONG Count;\nstatic VOID Add(PVOID C) { UNREFERENCED_PARAMETER(C); for (int i = 0; i < 200; i++) Count++; }';
    const body = '    HANDLE h[2]; PVOID t;\n    for (int i = 0; i < 2; i++) PsCreateSystemThread(&h[i], THREAD_ALL_ACCESS, NULL, NULL, NULL, Add, NULL);\n' +
      '    for (int i = 0; i < 2; i++) { ObReferenceObjectByHandle(h[i], SYNCHRONIZE, *PsThreadType, KernelMode, &t, NULL);\n' +
      '        KeWaitForSingleObject(t, Executive, KernelMode, FALSE, NULL); ObDereferenceObject(t); ZwClose(h[i]); }\n' +
      '    DbgPrint("count %d\\n", Count);';
    const first = run(body, { policy: 'random', seed: 3 }, globals);
    expect(first.outcome).toBe('completed');
    expect(Number(/count (\d+)/.exec(first.prints[0])![1])).toBeLessThan(400);
    const again = run(body, { policy: 'rr', seed: 1, schedule: first.choices }, globals);
    expect(again.prints).toEqual(first.prints);
    expect(Buffer.from(again.trace).equals(Buffer.from(first.trace))).toBe(true);
    expect(again.replay).toBeNull();

    // A schedule that no longer fits (edited code, other CPUs, a stale link) is
    // a normal result: the run goes on by its policy and says from which choice,
    // and the worker's reply validates (it used to kill the worker).
    const stale = [...first.choices.slice(0, 4), 77, ...first.choices.slice(5)];
    const diverged = run(body, { policy: 'rr', seed: 1, schedule: stale }, globals);
    expect(diverged.outcome).toBe('completed');
    expect(diverged.replay).toEqual({ divergedAt: 4 });
    expect(diverged.choices.slice(0, 4)).toEqual(first.choices.slice(0, 4));
    expect(parseReply(resultReply(1, 1, diverged)).ok).toBe(true);
  });

  it('a wait that nobody can end is a deadlock whose object has no owner, and the reply validates', () => {
    const r = run('    KEVENT e;\n    KeInitializeEvent(&e, NotificationEvent, FALSE);\n    KeWaitForSingleObject(&e, Executive, KernelMode, FALSE, NULL);');
    expect(r.outcome).toBe('deadlock');
    expect(r.deadlock!.threads[0]).toMatchObject({ thread: 'thread 1', waitingOn: expect.stringMatching(/^KEVENT #\d+$/), ownedBy: null, line: 9 });
    expect(parseReply(resultReply(1, 1, r)).ok).toBe(true);
  });

  it('refuses a malformed module with a message', () => {
    expect(() => core.run(new Uint8Array([0x57, 0x44, 0x4b, 0x4d, 9, 0]), defaults)).toThrow(ModuleRejected);
  });
});
