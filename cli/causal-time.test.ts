/** Virtual time is causal under every policy (docs/emulator.md): small scenarios
    through `wdkm run --json` and `wdkm trace`, with the outcome Windows gives. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from './memory-io';

const POLICIES = ['timed', 'rr', 'random', 'pct'] as const;
const SEEDS = [1, 2, 3];

const driver = (globals: string, body: string) => `#include <ntddk.h>
${globals}
NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    UNREFERENCED_PARAMETER(DriverObject);
    UNREFERENCED_PARAMETER(RegistryPath);
${body}
    return STATUS_SUCCESS;
}
`;

const JOIN = `static VOID Join(HANDLE h)
{
    PVOID o;
    ObReferenceObjectByHandle(h, SYNCHRONIZE, *PsThreadType, KernelMode, &o, NULL);
    KeWaitForSingleObject(o, Executive, KernelMode, FALSE, NULL);
    ObDereferenceObject(o);
    ZwClose(h);
}`;

const STALLS = driver(`static VOID Worker(PVOID Context) { UNREFERENCED_PARAMETER(Context); KeStallExecutionProcessor(100); }
${JOIN}`, `    HANDLE h[3];
    ULONGLONG t0 = KeQueryInterruptTime();
    for (int i = 0; i < 3; i++)
        PsCreateSystemThread(&h[i], THREAD_ALL_ACCESS, NULL, NULL, NULL, Worker, NULL);
    for (int i = 0; i < 3; i++)
        Join(h[i]);
    DbgPrint("elapsed = %lu us\\n", (ULONG)((KeQueryInterruptTime() - t0) / 10));`);

/* A 100 us wait on the worker's thread object (or on an event it sets) while the worker works for 1 ms. */
const lateWait = (onEvent: boolean) => driver(`static KEVENT Done;
static VOID Worker(PVOID Context)
{
    UNREFERENCED_PARAMETER(Context);
    KeStallExecutionProcessor(1000);
    KeSetEvent(&Done, IO_NO_INCREMENT, FALSE);
}
${JOIN}`, `    HANDLE h;
    PVOID o;
    LARGE_INTEGER timeout;
    timeout.QuadPart = -1000;
    KeInitializeEvent(&Done, NotificationEvent, FALSE);
    PsCreateSystemThread(&h, THREAD_ALL_ACCESS, NULL, NULL, NULL, Worker, NULL);
    ObReferenceObjectByHandle(h, SYNCHRONIZE, *PsThreadType, KernelMode, &o, NULL);
    NTSTATUS s = KeWaitForSingleObject(${onEvent ? '&Done' : 'o'}, Executive, KernelMode, FALSE, &timeout);
    DbgPrint("wait = 0x%08lx\\n", s);
    ObDereferenceObject(o);
    Join(h);`);

const OPPOSITE = driver(`static KMUTEX A, B;
static VOID Take(PKMUTEX First, PKMUTEX Second)
{
    KeWaitForSingleObject(First, Executive, KernelMode, FALSE, NULL);
    KeStallExecutionProcessor(50);
    KeWaitForSingleObject(Second, Executive, KernelMode, FALSE, NULL);
    KeReleaseMutex(Second, FALSE);
    KeReleaseMutex(First, FALSE);
}
static VOID One(PVOID Context) { UNREFERENCED_PARAMETER(Context); Take(&A, &B); }
static VOID Two(PVOID Context) { UNREFERENCED_PARAMETER(Context); Take(&B, &A); }
${JOIN}`, `    HANDLE h1, h2;
    KeInitializeMutex(&A, 0);
    KeInitializeMutex(&B, 0);
    PsCreateSystemThread(&h1, THREAD_ALL_ACCESS, NULL, NULL, NULL, One, NULL);
    PsCreateSystemThread(&h2, THREAD_ALL_ACCESS, NULL, NULL, NULL, Two, NULL);
    Join(h1);
    Join(h2);`);

const FILES = { 'stalls.c': STALLS, 'late-thread.c': lateWait(false), 'late-event.c': lateWait(true), 'opposite.c': OPPOSITE };

async function run(file: keyof typeof FILES, policy: string, cpus: number, seed: number) {
  const r = await runCli(['run', file, '--json', '--policy', policy, '--cpus', String(cpus), '--seed', String(seed)], FILES);
  expect(r.err).toBe('');
  return JSON.parse(r.out) as { outcome: string; prints: string[] };
}

const each = (cpus: number[]) => POLICIES.flatMap((p) => cpus.flatMap((c) => SEEDS.map((s) => [p, c, s] as const)));

describe('virtual time is causal under every policy', () => {
  it.each(each([1, 2, 3, 4]))('three threads stalling 100 us: %s, %i CPUs, seed %i', async (policy, cpus, seed) => {
    const r = await run('stalls.c', policy, cpus, seed);
    const us = Number(/^elapsed = (\d+) us$/.exec(r.prints[0] ?? '')?.[1]);
    // 100 us each plus 5 us per thread created: all at once on 3 or 4 CPUs, two rounds on 2, three on 1
    const rounds = cpus >= 3 ? 1 : 4 - cpus;
    expect(us).toBeGreaterThanOrEqual(100 * rounds);
    expect(us).toBeLessThan(100 * rounds + 40);
  });

  it.each(each([2, 4]))('a 100 us wait on a thread that runs 1 ms times out (WAIT-3, THR-3): %s, %i CPUs, seed %i', async (policy, cpus, seed) => {
    expect((await run('late-thread.c', policy, cpus, seed)).prints).toEqual(['wait = 0x00000102']);
  });

  it.each(each([2, 4]))('a 100 us wait on an event set after 1 ms times out: %s, %i CPUs, seed %i', async (policy, cpus, seed) => {
    expect((await run('late-event.c', policy, cpus, seed)).prints).toEqual(['wait = 0x00000102']);
  });

  it.each(POLICIES)('on one CPU the timed policy times out too; %s', async (policy) => {
    if (policy === 'timed') for (const f of ['late-thread.c', 'late-event.c'] as const) expect((await run(f, policy, 1, 1)).prints).toEqual(['wait = 0x00000102']);
    else expect((await run('late-event.c', policy, 1, 1)).outcome).toBe('completed');
  });

  it.each(each([2, 4]))('two KMUTEXes in opposite order with work between deadlock: %s, %i CPUs, seed %i', async (policy, cpus, seed) => {
    expect((await run('opposite.c', policy, cpus, seed)).outcome).toBe('deadlock');
  });

  it.each(each([1, 2, 4]))('the trace is in time order: %s, %i CPUs, seed %i', async (policy, cpus, seed) => {
    for (const file of ['examples/kmutex-counter.c', 'examples/event-handshake.c', 'examples/dpc-spin-lock.c']) {
      const r = await runCli(['trace', file, '--format', 'jsonl', '--out', '-', '--policy', policy, '--cpus', String(cpus), '--seed', String(seed)],
        {}, (p) => readFileSync(p, 'utf8'));
      const times = r.out.trimEnd().split('\n').map((l) => (JSON.parse(l) as { timeNs: number }).timeNs);
      expect(times.length).toBeGreaterThan(10);
      expect(times.findIndex((t, i) => i > 0 && t < times[i - 1]!), file).toBe(-1);
    }
  });

  it('PCT changes priorities within a short run: seeds give different lost-update totals on one CPU', async () => {
    const totals = new Set<string>();
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const r = await runCli(['run', 'examples/lost-update.c', '--json', '--policy', 'pct', '--cpus', '1', '--seed', String(seed)], {}, (p) => readFileSync(p, 'utf8'));
      totals.add((JSON.parse(r.out) as { prints: string[] }).prints[0]!);
    }
    expect(totals.size).toBeGreaterThan(1);
  });
});
