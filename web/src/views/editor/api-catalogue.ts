/* The API catalogue behind completion and hover: every function of wdkm.h
   and ntddk.h (./api-wdkm.ts, ./api-kernel.ts), the function-like macros a
   scenario uses, and the names of the types and constants of the headers. */
import { KERNEL_API } from './api-kernel';
import type { ApiEntry } from './api-types';
import { WDKM_API } from './api-wdkm';

const MACROS: ApiEntry[] = [
  { name: 'ASSERT', header: 'ntddk.h', kind: 'macro', signature: 'ASSERT(exp)', irql: 'any', doc: 'Ends the run as "assertion failed" with the expression and line when exp is false.' },
  { name: 'NT_ASSERT', header: 'ntddk.h', kind: 'macro', signature: 'NT_ASSERT(exp)', irql: 'any', doc: 'The same as ASSERT.' },
  { name: 'NT_SUCCESS', header: 'ntdef.h', kind: 'macro', signature: 'NT_SUCCESS(Status)', irql: 'any', doc: 'TRUE when an NTSTATUS is a success or informational value (>= 0).' },
  { name: 'UNREFERENCED_PARAMETER', header: 'ntdef.h', kind: 'macro', signature: 'UNREFERENCED_PARAMETER(P)', irql: 'any', doc: 'Marks a parameter as deliberately unused.' },
  { name: 'KeWaitForMutexObject', header: 'ntddk.h', kind: 'macro', signature: 'KeWaitForMutexObject(Mutex, WaitReason, WaitMode, Alertable, Timeout)', irql: '<= APC_LEVEL', doc: 'KeWaitForSingleObject under another name.' },
  { name: 'PsGetCurrentThread', header: 'ntddk.h', kind: 'macro', signature: 'PETHREAD PsGetCurrentThread()', irql: 'any', doc: 'The current thread (KeGetCurrentThread).' },
  { name: 'WDKM_TYPE', header: 'wdkm.h', kind: 'macro', signature: 'const WDKM_TYPE_INFO *WDKM_TYPE(T)', irql: 'any', doc: 'Names the type T (spelling and size) for the Grt\'s checked downcast: WDKM_TYPE(ULONG) and WDKM_TYPE(LONG) differ.' },
  { name: 'InitializeObjectAttributes', header: 'ntdef.h', kind: 'macro', signature: 'InitializeObjectAttributes(p, n, a, r, s)', irql: 'any', doc: 'Fills in an OBJECT_ATTRIBUTES.' },
  { name: 'RtlCopyMemory', header: 'ntdef.h', kind: 'macro', signature: 'RtlCopyMemory(Destination, Source, Length)', irql: 'any', doc: 'Copies Length bytes (memcpy); the ranges must not overlap.' },
  { name: 'RtlMoveMemory', header: 'ntdef.h', kind: 'macro', signature: 'RtlMoveMemory(Destination, Source, Length)', irql: 'any', doc: 'Copies Length bytes, overlapping allowed (memmove).' },
  { name: 'RtlZeroMemory', header: 'ntdef.h', kind: 'macro', signature: 'RtlZeroMemory(Destination, Length)', irql: 'any', doc: 'Fills Length bytes with zero.' },
  { name: 'RtlFillMemory', header: 'ntdef.h', kind: 'macro', signature: 'RtlFillMemory(Destination, Length, Fill)', irql: 'any', doc: 'Fills Length bytes with Fill.' },
];

export const API: ApiEntry[] = [...WDKM_API, ...KERNEL_API, ...MACROS];

const byName = new Map(API.map((e) => [e.name, e]));

export function lookupApi(name: string): ApiEntry | undefined {
  return byName.get(name);
}

export const TYPE_NAMES = [
  'VOID', 'PVOID', 'CHAR', 'UCHAR', 'SHORT', 'USHORT', 'LONG', 'ULONG', 'INT', 'UINT', 'LONG64', 'ULONG64',
  'LONGLONG', 'ULONGLONG', 'ULONG_PTR', 'LONG_PTR', 'SIZE_T', 'BOOLEAN', 'NTSTATUS', 'PCSTR', 'PSTR', 'HANDLE',
  'PHANDLE', 'KIRQL', 'PKIRQL', 'ACCESS_MASK', 'LARGE_INTEGER', 'PLARGE_INTEGER', 'KMUTEX', 'PKMUTEX', 'KEVENT',
  'PKEVENT', 'KSEMAPHORE', 'FAST_MUTEX', 'PFAST_MUTEX', 'KGUARDED_MUTEX', 'ERESOURCE', 'KDPC', 'PKDPC',
  'KSPIN_LOCK', 'PKTHREAD', 'PETHREAD', 'DRIVER_OBJECT', 'PDRIVER_OBJECT', 'PUNICODE_STRING', 'KSTART_ROUTINE',
  'KDEFERRED_ROUTINE', 'DRIVER_INITIALIZE', 'DRIVER_UNLOAD', 'WDKM_STATUS', 'WDKM_KMUTEX', 'WDKM_FAST_MUTEX',
  'WDKM_SPIN_LOCK', 'WDKM_GUARDED_MUTEX', 'WDKM_RESOURCE', 'WDKM_TYPE_INFO', 'EVENT_TYPE', 'KWAIT_REASON',
  'KPROCESSOR_MODE', 'POOL_FLAGS',
];

export const CONSTANT_NAMES = [
  'NULL', 'TRUE', 'FALSE', 'PASSIVE_LEVEL', 'APC_LEVEL', 'DISPATCH_LEVEL', 'HIGH_LEVEL', 'KernelMode', 'UserMode',
  'Executive', 'WaitAll', 'WaitAny', 'NotificationEvent', 'SynchronizationEvent', 'THREAD_ALL_ACCESS',
  'IO_NO_INCREMENT', 'EVENT_INCREMENT', 'POOL_FLAG_NON_PAGED', 'POOL_FLAG_PAGED', 'POOL_FLAG_UNINITIALIZED',
  'STATUS_SUCCESS', 'STATUS_UNSUCCESSFUL', 'STATUS_TIMEOUT', 'STATUS_INSUFFICIENT_RESOURCES',
  'STATUS_INVALID_PARAMETER', 'STATUS_NO_MEMORY', 'STATUS_ASSERTION_FAILURE', 'MAXLONG',
  'WDKM_OK', 'WDKM_IRQL_TOO_HIGH', 'WDKM_IRQL_NOT_APC_LEVEL', 'WDKM_POOL_ALLOC_FAILED', 'WDKM_GRT_ALREADY_EXISTS',
  'WDKM_GRT_IS_NULL', 'WDKM_GRT_IS_EMPTY', 'WDKM_KEY_NOT_FOUND', 'WDKM_KEY_EXISTS', 'WDKM_DOWNCAST_ERROR',
  'WDKM_NOT_ACQUIRED', 'WDKM_INVALID_PARAMETER', 'WDKM_TAG_KMUTEX', 'WDKM_TAG_FAST_MUTEX',
];

/* Markdown for a hover or a completion's documentation. */
export function describeApi(entry: ApiEntry): string {
  return [
    '```wdkm-c',
    entry.signature,
    '```',
    `**IRQL:** ${entry.irql} · *${entry.header}*`,
    '',
    entry.doc,
  ].join('\n');
}
