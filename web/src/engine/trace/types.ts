/* The decoded trace as the views see it (docs/trace-format.md is the
   authority). One record per event, in emulator order; `time` is the
   recording CPU's own clock, so it is not monotonic across CPUs. */
export const TRACE_KINDS = [
  'THREAD_CREATE', 'THREAD_START', 'THREAD_EXIT', 'DISPATCH_ON', 'DISPATCH_OFF', 'IRQL', 'WAIT_BEGIN',
  'WAIT_END', 'ACQUIRE', 'RELEASE', 'TRY_FAIL', 'WDKM_ERROR', 'DPC_QUEUED', 'DPC_BEGIN', 'DPC_END', 'PRINT',
  'POOL_ALLOC', 'POOL_FREE', 'BUGCHECK', 'DEADLOCK', 'LEAK', 'SIGNAL', 'WAKE', 'CHOICE', 'FINDING', 'OBJECT',
  'ASSERT', 'RUN_END', 'SPIN_BEGIN', 'SPIN_END', 'UNLOAD',
] as const;

export type TraceKind = (typeof TRACE_KINDS)[number];

/* One thread of a DEADLOCK report. */
export interface DeadlockEntry {
  thread: number;
  object: number;
  owner: number;
  line: number;
  col: number;
}

export interface TraceEvent {
  kind: TraceKind;
  time: number; /* ns of virtual time on the recording CPU */
  cpu: number | null; /* null: no CPU (unload, reports) */
  thread: number; /* 1-based; 0: none */
  object: number; /* object id; pool events: block id */
  a: number;
  b: number;
  line: number; /* 0: unknown */
  col: number;
  text?: string; /* PRINT, FINDING, ASSERT */
  candidates?: number[]; /* CHOICE */
  params?: number[]; /* BUGCHECK */
  deadlock?: DeadlockEntry[]; /* DEADLOCK */
}

/* OBJECT's `a`. */
export const OBJECT_TYPES: Record<number, string> = {
  1: 'KMUTEX', 2: 'KEVENT', 3: 'KSEMAPHORE', 4: 'KTHREAD', 5: 'FAST_MUTEX', 6: 'KGUARDED_MUTEX',
  7: 'KSPIN_LOCK', 8: 'ERESOURCE', 9: 'KDPC',
};

/* RUN_END's `a`. */
export const RUN_OUTCOMES: Record<number, string> = {
  1: 'completed', 2: 'bugcheck', 3: 'deadlock', 4: 'assertion', 5: 'budget', 6: 'replay diverged',
};
