/* Every bug check the emulated kernel raises, explained once for the app and
   the CLI: one plain sentence (with the parameters' values where they say
   something), the four parameters named as Microsoft's bug-check reference
   names them, and the address of that reference page. Driver Verifier's 0xC4
   and BAD_POOL_CALLER's 0xC2 are explained per subcode (parameter 1). The
   codes are core-c/emu/bugcheck.c's; the parameters follow
   docs/emulator.md's bug-check rules. */
import { irqlName } from './names';

type P = readonly bigint[];

interface Entry {
  name: string;
  /** The four parameters' names; '' where Microsoft documents none. */
  params: readonly [string, string, string, string];
  say: (p: P) => string;
}

const irql = (v: bigint | undefined) => `${irqlName(Number(v ?? 0n))} (IRQL ${v ?? 0n})`;
const hex = (v: bigint | undefined) => `0x${(v ?? 0n).toString(16).toUpperCase()}`;
const access = (v: bigint | undefined) => (v === 1n ? 'written' : v === 2n || v === 8n ? 'executed' : 'read');
const NONE = ['', '', '', ''] as const;
/* An exception code is a 32-bit NTSTATUS that the stop screen shows
   sign-extended (0xFFFFFFFFC0000005); a sentence names it as 0xC0000005. */
const status = (v: bigint | undefined) => (v ?? 0n) & 0xffffffffn;

const CODES: Record<number, Entry> = {
  0x01: {
    name: 'APC_INDEX_MISMATCH',
    params: ['Address of the system function or worker routine', 'Thread\'s APC state index', 'Thread\'s combined APC-disable count', '0: a system call, 1: a worker routine'],
    say: () => 'A routine returned with kernel APCs disabled a different number of times than they were enabled: a KeEnterCriticalRegion or KeEnterGuardedRegion without its Leave.',
  },
  0x09: {
    name: 'IRQL_NOT_GREATER_OR_EQUAL',
    params: ['Requested IRQL', 'Current IRQL', '', 'Address of the caller'],
    say: (p) => `The IRQL was to be raised to ${irql(p[0])}, below the current ${irql(p[1])}: raising can only go up.`,
  },
  0x0a: {
    name: 'IRQL_NOT_LESS_OR_EQUAL',
    params: ['Memory referenced', 'IRQL at the time of the reference', 'Access: bit 0 write, bit 3 execute', 'Address of the instruction that referenced memory'],
    say: (p) => `Memory at ${hex(p[0])} that is pageable or invalid was ${access(p[2])} at ${irql(p[1])}; above APC_LEVEL only resident memory may be touched.`,
  },
  0x0c: {
    name: 'MAXIMUM_WAIT_OBJECTS_EXCEEDED',
    params: NONE,
    say: () => 'KeWaitForMultipleObjects was given more objects than THREAD_WAIT_OBJECTS without a wait block array of its own.',
  },
  0x0f: {
    name: 'SPIN_LOCK_ALREADY_OWNED',
    params: ['Address of the spin lock', '', '', ''],
    say: () => 'A spin lock was acquired by the processor that already holds it: spin locks are not recursive.',
  },
  0x10: {
    name: 'SPIN_LOCK_NOT_OWNED',
    params: ['Address of the spin lock', '', '', ''],
    say: () => 'A spin lock was released that this processor does not hold.',
  },
  0x17: {
    name: 'CID_HANDLE_DELETION',
    params: NONE,
    say: () => 'A thread or process handle was deleted twice.',
  },
  0x18: {
    name: 'REFERENCE_BY_POINTER',
    params: ['Object type of the object', 'Object whose reference count is wrong', 'Reserved', 'Reserved'],
    say: () => 'An object\'s reference count went below zero: ObDereferenceObject was called once more than a reference was taken.',
  },
  0x1e: {
    name: 'KMODE_EXCEPTION_NOT_HANDLED',
    params: ['Exception code that was not handled', 'Address where the exception occurred', 'Exception parameter 0', 'Exception parameter 1'],
    say: (p) => `A kernel-mode exception (code ${hex(status(p[0]))}) was raised and nothing handled it.`,
  },
  0x20: {
    name: 'KERNEL_APC_PENDING_DURING_EXIT',
    params: ['Address of the APC found pending', 'Thread\'s APC-disable count', 'Current IRQL', 'Reserved'],
    say: () => 'A thread ended with kernel APCs still disabled: a critical or guarded region was left open, or a lock that disables APCs is still held.',
  },
  0x3b: {
    name: 'SYSTEM_SERVICE_EXCEPTION',
    params: ['Exception code', 'Address of the instruction that caused it', 'Address of the context record', '0'],
    say: (p) => `An exception (code ${hex(status(p[0]))}) was raised while a system service ran and nothing handled it.`,
  },
  0x50: {
    name: 'PAGE_FAULT_IN_NONPAGED_AREA',
    params: ['Memory referenced', '0: read, 1: write, 2 or 8: execute', 'Address of the instruction that referenced memory', 'Type of page fault'],
    say: (p) => `An invalid address ${hex(p[0])} was ${access(p[1])}: a bad pointer, or pool used after it was freed.`,
  },
  0x7e: {
    name: 'SYSTEM_THREAD_EXCEPTION_NOT_HANDLED',
    params: ['Exception code that was not handled', 'Address where the exception occurred', 'Address of the exception record', 'Address of the context record'],
    say: (p) => status(p[0]) === 0xc0000005n
      ? 'A system thread touched memory it may not (STATUS_ACCESS_VIOLATION, 0xC0000005), for example through a NULL or freed pointer, and nothing handled it.'
      : `A system thread raised an exception (code ${hex(status(p[0]))}) and nothing handled it.`,
  },
  0x7f: {
    name: 'UNEXPECTED_KERNEL_MODE_TRAP',
    params: ['Trap number', 'Reserved', 'Reserved', 'Reserved'],
    say: (p) => p[0] === 0n ? 'The processor trapped on an integer division by zero in kernel mode.' : `The processor raised trap ${hex(p[0])} in kernel mode and the kernel could not recover.`,
  },
  0xb8: {
    name: 'ATTEMPTED_SWITCH_FROM_DPC',
    params: ['Original thread', 'New thread', 'Stack address of the original thread', 'Reserved'],
    say: () => 'A DPC routine tried to wait or otherwise give up the processor; code at DISPATCH_LEVEL must never block.',
  },
  0xbe: {
    name: 'ATTEMPTED_WRITE_TO_READONLY_MEMORY',
    params: ['Virtual address of the attempted write', 'Page table entry contents', 'Reserved', 'Reserved'],
    say: (p) => `The driver wrote to read-only memory at ${hex(p[0])} (a string literal or a const object).`,
  },
  0xc2: {
    name: 'BAD_POOL_CALLER',
    params: ['Type of violation', 'Depends on parameter 1', 'Depends on parameter 1', 'Depends on parameter 1'],
    say: (p) => `The pool was used wrongly (violation ${hex(p[0])}).`,
  },
  0xc4: {
    name: 'DRIVER_VERIFIER_DETECTED_VIOLATION',
    params: ['Type of violation', 'Depends on parameter 1', 'Depends on parameter 1', 'Depends on parameter 1'],
    say: (p) => `Driver Verifier caught a violation (${hex(p[0])}).`,
  },
  0xc8: {
    name: 'IRQL_UNEXPECTED_VALUE',
    params: ['(current IRQL << 16) | (expected IRQL << 8) | unique value', 'APC kernel routine, or 0', 'APC, or 0', 'APC normal routine, or 0'],
    say: (p) => {
      const v = p[0] ?? 0n;
      return `A routine returned at ${irql((v >> 16n) & 0xffn)} where ${irql((v >> 8n) & 0xffn)} was expected: an IRQL raise or a spin lock was not undone.`;
    },
  },
  0xce: {
    name: 'DRIVER_UNLOADED_WITHOUT_CANCELLING_PENDING_OPERATIONS',
    params: ['Memory referenced', '0: read, 1: write', 'Address of the instruction that referenced memory', 'Reserved'],
    say: () => 'Code or data of the driver was used after it unloaded: a thread, DPC or timer was still pending when DriverUnload returned.',
  },
  0xd1: {
    name: 'DRIVER_IRQL_NOT_LESS_OR_EQUAL',
    params: ['Memory referenced', 'IRQL at the time of the reference', '0: read, 1: write, 2 or 8: execute', 'Address of the instruction that referenced memory'],
    say: (p) => `The driver ${access(p[2]) === 'read' ? 'read' : access(p[2]) === 'written' ? 'wrote' : 'executed'} pageable or invalid memory at ${hex(p[0])} at ${irql(p[1])}; at DISPATCH_LEVEL and above only nonpaged memory may be touched.`,
  },
  0xd5: {
    name: 'DRIVER_PAGE_FAULT_IN_FREED_SPECIAL_POOL',
    params: ['Memory referenced', '0: read, 1: write', 'Address of the instruction that referenced memory', 'Reserved'],
    say: (p) => `Pool at ${hex(p[0])} was ${access(p[1])} after it had been freed.`,
  },
  0xe2: {
    name: 'MANUALLY_INITIATED_CRASH',
    params: NONE,
    say: () => 'The machine was stopped on purpose.',
  },
  0xe3: {
    name: 'RESOURCE_NOT_OWNED',
    params: ['Address of the resource', 'Address of the thread', 'Address of the owner table', 'Reserved'],
    say: () => 'An ERESOURCE was released by a thread that does not own it.',
  },
  0x4000008a: {
    name: 'THREAD_TERMINATE_HELD_MUTEX',
    params: ['Address of the thread', 'Address of the mutex', 'Reserved', 'Reserved'],
    say: () => 'A thread ended while it still owned a KMUTEX: every KeWaitForSingleObject on a mutex needs its KeReleaseMutex before the thread returns.',
  },
};

/* Driver Verifier's subcodes (parameter 1 of 0xC4): names of parameters 2-4 and the sentence. */
const VERIFIER: Record<number, { params: readonly [string, string, string]; say: (p: P) => string }> = {
  0x00: { params: ['Current IRQL', 'Pool type', 'Size of the request'], say: () => 'Pool was allocated with a size of zero bytes.' },
  0x01: { params: ['Current IRQL', 'Pool type', 'Size of the request'], say: (p) => `Paged pool was allocated at ${irql(p[1])}; paged memory needs IRQL ≤ APC_LEVEL.` },
  0x02: { params: ['Current IRQL', 'Pool type', 'Size of the request'], say: (p) => `Nonpaged pool was allocated at ${irql(p[1])}, above DISPATCH_LEVEL.` },
  0x10: { params: ['Address being freed', 'Reserved', 'Reserved'], say: (p) => `${hex(p[1])} was freed, but no pool allocation returned it.` },
  0x13: { params: ['Reserved', 'Pool header address', 'Pool header contents'], say: () => 'Pool was freed twice.' },
  0x15: { params: ['Timer address', 'Start of the pool block', 'Size of the pool block'], say: () => 'Pool was freed while it still held a KTIMER that was set; call KeCancelTimer first.' },
  0x30: { params: ['Current IRQL', 'Requested IRQL', '0'], say: (p) => `KeRaiseIrql was asked for ${irql(p[2])}, below the current ${irql(p[1])}; use KeLowerIrql to go down.` },
  0x31: { params: ['Current IRQL', 'Requested IRQL', '0: new IRQL bad, 1: invalid inside a DPC'], say: (p) => `KeLowerIrql was asked for ${irql(p[2])}, above the current ${irql(p[1])}; use KeRaiseIrql to go up.` },
  0x32: { params: ['Current IRQL', 'Spin lock address', '0'], say: (p) => `A spin lock was released at ${irql(p[1])}, not at DISPATCH_LEVEL: it was not held, or released twice.` },
  0x33: { params: ['Current IRQL', 'Fast mutex address', '0'], say: (p) => `A FAST_MUTEX was acquired at ${irql(p[1])}; ExAcquireFastMutex needs IRQL ≤ APC_LEVEL.` },
  0x34: { params: ['Current IRQL', 'Fast mutex address', '0'], say: (p) => `A FAST_MUTEX was released at ${irql(p[1])}; ExReleaseFastMutex runs at APC_LEVEL, where the acquire left the thread.` },
  0x36: { params: ['Current IRQL', 'Spin lock address', '0'], say: (p) => `An in-stack queued spin lock was released at ${irql(p[1])}, not at DISPATCH_LEVEL.` },
  0x38: { params: ['Current IRQL', 'Thread\'s APC-disable count', 'Resource address'], say: () => 'An ERESOURCE was released with normal kernel APCs enabled; hold it inside KeEnterCriticalRegion.' },
  0x39: { params: ['Current IRQL', 'Thread\'s APC-disable count', 'Fast mutex address'], say: (p) => `ExAcquireFastMutexUnsafe was called at ${irql(p[1])} outside a critical region.` },
  0x3a: { params: ['Current IRQL', 'Thread\'s APC-disable count', 'Fast mutex address'], say: (p) => `ExReleaseFastMutexUnsafe was called at ${irql(p[1])} outside a critical region.` },
  0x3e: { params: ['0', '0', '0'], say: () => 'KeLeaveCriticalRegion was called by a thread that is not in a critical region.' },
  0x40: { params: ['Current IRQL', 'Spin lock address', '0'], say: (p) => `KeAcquireSpinLockAtDpcLevel was called at ${irql(p[1])}; it needs DISPATCH_LEVEL.` },
  0x41: { params: ['Current IRQL', 'Spin lock address', '0'], say: (p) => `KeReleaseSpinLockFromDpcLevel was called at ${irql(p[1])}; it needs DISPATCH_LEVEL.` },
  0x42: { params: ['Current IRQL', 'Spin lock address', '0'], say: (p) => `KeAcquireSpinLock was called at ${irql(p[1])}, above DISPATCH_LEVEL.` },
  0x80: { params: ['Current IRQL', 'Event address', '0'], say: (p) => `KeSetEvent was called at ${irql(p[1])}, above DISPATCH_LEVEL.` },
  0xd0: { params: ['Resource address', 'Reserved', 'Reserved'], say: () => 'An ERESOURCE was initialised a second time while still in use.' },
  0xd1: { params: ['Resource address', 'Reserved', 'Reserved'], say: () => 'An ERESOURCE that was never initialised was deleted.' },
  0xd2: { params: ['Resource address', 'Start of the pool block', 'Size of the pool block'], say: () => 'Pool was freed while it still held a live ERESOURCE; call ExDeleteResourceLite first.' },
  0xe1: { params: ['Object address', 'Reserved', 'Reserved'], say: () => 'A synchronization object was placed in pageable or invalid memory; kernel objects must be in nonpaged memory.' },
  0x11a: { params: ['Current IRQL', 'Reserved', 'Reserved'], say: (p) => `KeEnterCriticalRegion was called at ${irql(p[1])}, above APC_LEVEL.` },
  0x11b: { params: ['Current IRQL', 'Reserved', 'Reserved'], say: (p) => `KeLeaveCriticalRegion was called at ${irql(p[1])}, above APC_LEVEL.` },
  0xc5: { params: ['Address of the routine', 'Current APC-disable count', 'APC-disable count before the call'], say: () => 'DriverEntry or the unload routine returned with kernel APCs still disabled: a KMUTEX still owned, or a critical or guarded region not left.' },
  0x120: { params: ['Address of the IRQL value', 'Object waited on', 'Timeout address'], say: () => 'A thread waited above DISPATCH_LEVEL, where no wait is allowed.' },
  0x121: { params: ['Address of the IRQL value', 'Object waited on', 'Timeout address'], say: () => 'A thread waited at DISPATCH_LEVEL without a timeout; at DISPATCH_LEVEL only a zero timeout is allowed.' },
  0x122: { params: ['Address of the IRQL value', 'Object waited on', 'Timeout address'], say: () => 'A thread waited at DISPATCH_LEVEL with a non-zero timeout; at DISPATCH_LEVEL only a zero timeout is allowed.' },
  0x1002: { params: ['Address of the object', 'Reserved', 'Reserved'], say: (p) => `An object at ${hex(p[1])} was used without being initialised (or after it was freed).` },
  0x20005: { params: ['Current IRQL', 'Reserved', 'Reserved'], say: (p) => `PsCreateSystemThread or PsTerminateSystemThread was called at ${irql(p[1])}; both need PASSIVE_LEVEL.` },
};

const POOL_CALLER: Record<number, { params: readonly [string, string, string]; say: (p: P) => string }> = {
  0x9b: {
    params: ['Pool type', 'Size of the request', 'Reserved'],
    say: () => 'ExAllocatePoolWithTag was given a tag of zero; every allocation needs a tag of one to four characters.',
  },
  0x0a: {
    params: ['Address of the pool block', 'Tag the block was allocated with', 'Tag used to free it'],
    say: (p) => `ExFreePoolWithTag was given tag ${tagWord(p[3])}, but the block was allocated with tag ${tagWord(p[2])}.`,
  },
};

function tagWord(v: bigint | undefined): string {
  const n = Number((v ?? 0n) & 0xffffffffn);
  let s = '';
  for (let i = 0; i < 4; i++) {
    const c = (n >>> (8 * i)) & 0xff;
    s += c >= 0x20 && c < 0x7f ? String.fromCharCode(c) : '.';
  }
  return `'${s}'`;
}

export interface BugcheckExplained {
  code: string;
  /** The code's symbolic name; for a code this table does not know, the words "unknown bug check". */
  name: string;
  known: boolean;
  sentence: string;
  params: { name: string; value: string }[];
  /** Microsoft's reference page for the code; null for an unknown code. */
  url: string | null;
}

const PAGE = 'https://learn.microsoft.com/windows-hardware/drivers/debugger/';

/** The reference page of a bug check, as Microsoft names its pages. */
export function bugcheckUrl(code: number, name: string): string {
  return `${PAGE}bug-check-0x${code.toString(16)}--${name.toLowerCase().replace(/_/g, '-')}`;
}

const toBig = (s: string | undefined) => {
  try { return BigInt(s ?? '0'); } catch { return 0n; }
};

/** A bug check in words: `code` and `params` as the result carries them ("0x000000C4", "0x%016X"). */
export function explainBugcheck(code: string, params: readonly string[]): BugcheckExplained {
  const n = Number(toBig(code) & 0xffffffffn);
  const p = [0, 1, 2, 3].map((i) => toBig(params[i]));
  const values = [0, 1, 2, 3].map((i) => params[i] ?? '0x0000000000000000');
  const entry = CODES[n];
  if (!entry) {
    return {
      code, name: 'unknown bug check', known: false,
      sentence: `The scenario stopped the machine with bug check code ${code}, which is not one Windows defines here; KeBugCheckEx passes any code on.`,
      params: values.map((value, i) => ({ name: `Parameter ${i + 1}`, value })), url: null,
    };
  }
  let names: readonly string[] = entry.params;
  let sentence = entry.say(p);
  const sub = n === 0xc4 ? VERIFIER[Number(p[0])] : n === 0xc2 ? POOL_CALLER[Number(p[0])] : undefined;
  if (sub) {
    names = [entry.params[0], ...sub.params];
    sentence = sub.say(p);
  }
  return {
    code, name: entry.name, known: true, sentence,
    params: values.map((value, i) => ({ name: names[i] || 'Not used', value })),
    url: bugcheckUrl(n, entry.name),
  };
}

/** The codes this table explains, for its test against the emulator's list. */
export const EXPLAINED_CODES: readonly number[] = Object.keys(CODES).map(Number);
export const EXPLAINED_VERIFIER_SUBCODES: readonly number[] = Object.keys(VERIFIER).map(Number);
