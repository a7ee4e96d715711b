/* The vocabulary of the binary trace (docs/trace-format.md, written by
   core-c/emu/trace.c): event kinds by number, kernel object types, run
   outcomes. Numbers are the format; names are for people and tools. */

export const KINDS = [
  'THREAD_CREATE', 'THREAD_START', 'THREAD_EXIT', 'DISPATCH_ON', 'DISPATCH_OFF', 'IRQL',
  'WAIT_BEGIN', 'WAIT_END', 'ACQUIRE', 'RELEASE', 'TRY_FAIL', 'WDKM_ERROR',
  'DPC_QUEUED', 'DPC_BEGIN', 'DPC_END', 'PRINT', 'POOL_ALLOC', 'POOL_FREE',
  'BUGCHECK', 'DEADLOCK', 'LEAK', 'SIGNAL', 'WAKE', 'CHOICE', 'FINDING', 'OBJECT',
  'ASSERT', 'RUN_END', 'SPIN_BEGIN', 'SPIN_END', 'UNLOAD', 'REPLAY_DIVERGED',
] as const;

export type TraceKind = (typeof KINDS)[number];

/** The kind's number in the format (1-based, as EMU_EVENT). */
export function kindCode(kind: TraceKind): number {
  return KINDS.indexOf(kind) + 1;
}

export function kindName(code: number): TraceKind | undefined {
  return KINDS[code - 1];
}

/* Only these kinds carry a length-prefixed payload; the writer never omits it for them. */
export const PAYLOAD_KINDS: ReadonlySet<TraceKind> = new Set(['PRINT', 'BUGCHECK', 'DEADLOCK', 'CHOICE', 'FINDING', 'ASSERT', 'RUN_END']);

/** OBJECT's `a`: the kernel object type. */
export const OBJECT_TYPES: Record<number, string> = {
  1: 'KMUTEX', 2: 'KEVENT', 3: 'KSEMAPHORE', 4: 'KTHREAD', 5: 'FAST_MUTEX',
  6: 'KGUARDED_MUTEX', 7: 'KSPIN_LOCK', 8: 'ERESOURCE', 9: 'KDPC', 10: 'timer', 11: 'KTIMER',
};

/** RUN_END's `a` (EMU_OUTCOME; 6 is retired: a diverged replay now runs on and says so with REPLAY_DIVERGED). */
export const OUTCOME_NAMES = ['completed', 'bugcheck', 'deadlock', 'assertion', 'budget'] as const;
export type Outcome = (typeof OUTCOME_NAMES)[number];
export const OUTCOMES: Readonly<Record<number, Outcome>> = Object.fromEntries(OUTCOME_NAMES.map((o, i) => [i + 1, o]));

/** DISPATCH_OFF's `a`. */
export const DISPATCH_OFF_REASONS: Record<number, string> = { 0: 'waits', 1: 'preempted', 2: 'exited', 3: 'spinning' };

/* A pool tag as a debugger shows it: the bytes in memory order, so 'Fred'
   (stored little-endian) reads "derF", as in the run result's leaks. */
export function tagText(tag: number): string {
  let s = '';
  for (let i = 0; i < 4; i++) {
    const c = Math.floor(tag / 2 ** (8 * i)) & 0xff;
    s += c >= 0x20 && c < 0x7f ? String.fromCharCode(c) : ' ';
  }
  return s;
}

/** FINDING's `a` (a Driver Verifier 0xC4 subcode): the one table of their names (a run's and the explorer's findings). */
export const FINDING_NAMES: Record<number, string> = {
  0x1000: 'SELF_DEADLOCK', 0x1001: 'LOCK_HIERARCHY_VIOLATION', 0x1003: 'OUT_OF_ORDER_RELEASE',
  0x1004: 'RELEASE_BY_ANOTHER_THREAD', 0x1005: 'LOCK_INITIALIZED_TWICE', 0x1007: 'RELEASE_OF_UNHELD_LOCK',
  0x1008: 'ACQUIRE_WITH_WRONG_ROUTINE', 0x1009: 'RELEASE_WITH_WRONG_ROUTINE',
  0x100a: 'THREAD_EXIT_HOLDING_LOCK', 0x100b: 'HELD_LOCK_FREED',
};

export function findingName(code: number): string {
  return FINDING_NAMES[code] ?? 'DEADLOCK_DETECTION';
}

/** WDKM_ERROR's `a`: WDKM_STATUS in the order of core-c/include/wdkm.h. */
export const WDKM_STATUS_NAMES = [
  'WDKM_OK', 'WDKM_IRQL_TOO_HIGH', 'WDKM_IRQL_NOT_APC_LEVEL', 'WDKM_POOL_ALLOC_FAILED',
  'WDKM_GRT_ALREADY_EXISTS', 'WDKM_GRT_IS_NULL', 'WDKM_GRT_IS_EMPTY', 'WDKM_KEY_NOT_FOUND',
  'WDKM_KEY_EXISTS', 'WDKM_DOWNCAST_ERROR', 'WDKM_NOT_ACQUIRED', 'WDKM_INVALID_PARAMETER',
];

export const hex32 = (n: number) => '0x' + (n >>> 0).toString(16).toUpperCase().padStart(8, '0');
