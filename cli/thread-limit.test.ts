/**
 * A driver that starts 10,000 short-lived threads gets a failure status from
 * PsCreateSystemThread once the machine's threads are used up, as Windows
 * answers when it runs out, and goes on: never a bug check (the VM used to
 * stop with 0x7E after 4,096 calls, whatever the statuses).
 */
import { expect, it } from 'vitest';
import { runCli } from './memory-io';

const source = `#include <ntddk.h>

static VOID Worker(PVOID Context)
{
    UNREFERENCED_PARAMETER(Context);
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    HANDLE h;
    PVOID object;
    ULONG started = 0, refused = 0;
    NTSTATUS last = STATUS_SUCCESS;
    UNREFERENCED_PARAMETER(DriverObject);
    UNREFERENCED_PARAMETER(RegistryPath);
    for (int i = 0; i < 10000; i++) {
        NTSTATUS status = PsCreateSystemThread(&h, THREAD_ALL_ACCESS, NULL, NULL, NULL, Worker, NULL);
        if (!NT_SUCCESS(status)) {
            refused++;
            last = status;
            continue;
        }
        started++;
        if (NT_SUCCESS(ObReferenceObjectByHandle(h, SYNCHRONIZE, *PsThreadType, KernelMode, &object, NULL))) {
            KeWaitForSingleObject(object, Executive, KernelMode, FALSE, NULL);
            ObDereferenceObject(object);
        }
        ZwClose(h);
    }
    DbgPrint("started %lu, refused %lu with 0x%08lX\\n", started, refused, (ULONG)last);
    return STATUS_SUCCESS;
}
`;

it('10,000 short-lived threads: the ones past the limit are refused with STATUS_INSUFFICIENT_RESOURCES, and the driver completes', async () => {
  const r = await runCli(['run', 's.c', '--json'], { 's.c': source }, () => undefined);
  expect(r.err).toBe('');
  const json = JSON.parse(r.out) as { outcome: string; prints: string[] };
  expect(json.outcome).toBe('completed');
  const m = /^started (\d+), refused (\d+) with 0x([0-9A-F]{8})$/.exec(json.prints[0] ?? '');
  expect(m).not.toBeNull();
  const [started, refused] = [Number(m![1]), Number(m![2])];
  expect(started).toBeGreaterThan(100);
  expect(started + refused).toBe(10000);
  expect(m![3]).toBe('C000009A');
});
