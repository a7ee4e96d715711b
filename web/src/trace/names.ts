/* How threads, objects and pool tags are named on screen, in the CLI and in
   exports: the engine's number ("KMUTEX #2", "Thread 3") joined with what the
   code calls it ("KMUTEX #2 · First", "Thread 2 · ThreadA"). The code's names
   come from the front end (`web/src/scenario/names.ts`: the variable passed at
   each call, the start routines, the unload routine) and are matched to the
   trace by the line and column of the call that created each object and thread. */
import type { TraceEvent } from './decode';
import { asList, type Events } from './events';
import { OBJECT_TYPES, tagText } from './kinds';

export const threadName = (id: number): string => (id === 0 ? 'no thread' : `Thread ${id}`);

export const objectTypeName = (type: number): string => OBJECT_TYPES[type] ?? 'object';

export const objectName = (type: number, id: number): string => `${objectTypeName(type)} #${id}`;

/* A pool tag as a debugger shows it ('WdKm'), without padding. */
export const tagName = (tag: number): string => tagText(tag).trimEnd();

export const IRQL_NAMES: Record<number, string> = { 0: 'PASSIVE_LEVEL', 1: 'APC_LEVEL', 2: 'DISPATCH_LEVEL' };
export const irqlName = (irql: number): string => IRQL_NAMES[irql] ?? `DIRQL ${irql}`;

/** What the front end knows (structurally `SourceNames` of web/src/scenario/names.ts). */
export interface CodeNames {
  calls: { line: number; col: number; object?: string; routine?: string }[];
  unload?: string;
}

/** Names for one run: every view and export asks this, never formats ids itself. */
export interface Namer {
  /** "Thread 2 · ThreadA" (or "Thread 2" when the code gives no name). */
  thread(id: number): string;
  /** "KMUTEX #2 · First". */
  object(id: number): string;
  /** For prose: "Thread 2 (ThreadA)", "KMUTEX #2 (First)". */
  threadWords(id: number): string;
  objectWords(id: number): string;
  /** The code's own name alone: "ThreadA", "First"; undefined when it has none. */
  threadRoutine(id: number): string | undefined;
  objectVariable(id: number): string | undefined;
  /** The routine a KDPC runs ("DpcRoutine"), from KeInitializeDpc. */
  dpcRoutine(id: number): string | undefined;
  /** The type of an object ("KMUTEX"), from its OBJECT record. */
  objectType(id: number): string;
}

export const SEP = ' · ';

/* Thread 1 runs DriverEntry; the thread created after UNLOAD runs the unload
   routine; every other thread its start routine at the PsCreateSystemThread
   call that created it. An object is named by the variable passed where it
   was created, or else where it was first used (a lazily created object). */
export function makeNamer(events: Events, code?: CodeNames | null): Namer {
  return namerOf(nameTables(events, code));
}

/** What a Namer knows, as plain data: made where the trace is decoded (the
    worker) and handed to the UI thread with it. */
export interface NameTables {
  types: Map<number, number>;
  routines: Map<number, string>;
  variables: Map<number, string>;
  dpcs: Map<number, string>;
  threadOf: Map<number, number>; /* a KTHREAD object's thread */
}

export function nameTables(trace: Events, code?: CodeNames | null): NameTables {
  const events = asList(trace);
  const types = new Map<number, number>();
  const routines = new Map<number, string>();
  const variables = new Map<number, string>();
  const dpcs = new Map<number, string>();
  const threadOf = new Map<number, number>();
  const site = new Map<string, { object?: string; routine?: string }>();
  for (const c of code?.calls ?? []) if (!site.has(`${c.line}:${c.col}`)) site.set(`${c.line}:${c.col}`, c);
  const at = (e: TraceEvent) => (e.line > 0 ? site.get(`${e.line}:${e.col}`) : undefined);
  let unloading = false;
  for (let i = 0; i < events.length; i++) {
    const e = events.peek(i);
    switch (e.kind) {
      case 'OBJECT': {
        types.set(e.object, e.a);
        const v = at(e)?.object;
        if (v && e.a !== 4) variables.set(e.object, v);
        const r = at(e)?.routine;
        if (r && e.a === 9) dpcs.set(e.object, r);
        break;
      }
      case 'UNLOAD': unloading = true; break;
      case 'THREAD_CREATE': {
        threadOf.set(e.object, e.thread);
        if (routines.has(e.thread)) break;
        const r = e.thread === 1 ? 'DriverEntry' : unloading ? (code?.unload ?? 'DriverUnload') : at(e)?.routine;
        if (r) routines.set(e.thread, r);
        break;
      }
      case 'ACQUIRE': case 'RELEASE': case 'WAIT_BEGIN': case 'TRY_FAIL': case 'SIGNAL': case 'SPIN_BEGIN': case 'DPC_QUEUED':
        if (e.object > 0 && !variables.has(e.object)) {
          const v = at(e)?.object;
          if (v) variables.set(e.object, v);
        }
        break;
      default: break;
    }
  }
  return { types, routines, variables, dpcs, threadOf };
}

/** Names for the objects every schedule numbers alike: those made while only
    DriverEntry has run, before any choice between threads, another thread or a
    DPC. After that the ids depend on the schedule, so a name read from one
    run would be a guess for another (`wdkm explore`'s findings, docs/explorer.md). */
export function stableNamer(trace: Events, code?: CodeNames | null): Namer {
  const events = asList(trace);
  let n = 0;
  for (; n < events.length; n++) {
    const e = events.peek(n);
    if (e.thread > 1 || e.kind === 'DPC_QUEUED' || (e.kind === 'CHOICE' && (e.candidates?.length ?? 0) > 1)) break;
  }
  return namerOf(nameTables(events.limit(n), code));
}

export function namerOf({ types, routines, variables, dpcs, threadOf }: NameTables): Namer {
  const typeOf = (id: number) => objectTypeName(types.get(id) ?? 0);
  const base = (id: number) => `${typeOf(id)} #${id}`;
  const thread = (id: number) => (routines.has(id) ? `${threadName(id)}${SEP}${routines.get(id)}` : threadName(id));
  const threadWords = (id: number) => (routines.has(id) ? `${threadName(id)} (${routines.get(id)})` : threadName(id));
  /* a thread object (waited on to join a thread) is named by its thread */
  const threadObject = (id: number, words: (t: number) => string) => (threadOf.has(id) ? `${base(id)} (${words(threadOf.get(id)!)})` : undefined);
  return {
    thread,
    object: (id) => threadObject(id, thread) ?? (variables.has(id) ? `${base(id)}${SEP}${variables.get(id)}` : base(id)),
    threadWords,
    objectWords: (id) => threadObject(id, threadWords) ?? (variables.has(id) ? `${base(id)} (${variables.get(id)})` : base(id)),
    threadRoutine: (id) => routines.get(id),
    objectVariable: (id) => variables.get(id),
    dpcRoutine: (id) => dpcs.get(id),
    objectType: typeOf,
  };
}

const TYPE_WORDS = Object.values(OBJECT_TYPES).join('|');
/* "thread 2", "KMUTEX #3", and a bare "#3" after a space ("but elsewhere #2 was held") */
const MENTION = new RegExp(`(?:\\b([Tt]hread) (\\d+)|\\b(${TYPE_WORDS}|object) #(\\d+)|(?<=\\s)#(\\d+))\\b`, 'g');

/* The engine's reports ("KMUTEX #2 is acquired while holding KMUTEX #3",
   "thread 2") with each thread and object named as the code names it. */
export function nameText(text: string, names: Namer, words = false): string {
  return text.replace(MENTION, (whole, _t: string | undefined, tid: string | undefined, _o: string | undefined, oid: string | undefined, bare: string | undefined) => {
    if (tid !== undefined) return words ? names.threadWords(Number(tid)) : names.thread(Number(tid));
    const id = Number(oid ?? bare);
    const v = names.objectVariable(id);
    if (!v) return whole;
    if (bare !== undefined) return words ? `${whole} (${v})` : `${whole}${SEP}${v}`;
    return words ? names.objectWords(id) : names.object(id);
  });
}

/** What the code calls a deadlock row's thread and objects ("Thread 2 · ThreadA",
    "KMUTEX #3 · Second"): the `name` of each row of `run --json` and `explore --json`. */
export interface DeadlockRowNames { thread: string; waitingOn: string | null; ownedBy: string | null }
export function deadlockRowNames(row: { thread: string; waitingOn: string | null; ownedBy: string | null }, names: Namer): DeadlockRowNames {
  return {
    thread: nameText(row.thread, names),
    waitingOn: row.waitingOn === null ? null : nameText(row.waitingOn, names),
    ownedBy: row.ownedBy === null ? null : nameText(row.ownedBy, names),
  };
}
