/* Decodes the binary trace (docs/trace-format.md) into plain event objects.
   No DOM and no Node APIs: the app's views and the wdkm CLI share it. */
import { KINDS, kindName, PAYLOAD_KINDS, tagText, type TraceKind } from './kinds';

export interface DeadlockEntry {
  thread: number;
  /** The object it waits (or spins) on; 0 when it waits on nothing. */
  object: number;
  /** That object's type (OBJECT_TYPES), 0 when none. */
  type: number;
  /** The object's owner; 0 when none. */
  owner: number;
  line: number;
  col: number;
  /** On the wait-for cycle (not merely waiting behind it). */
  inCycle: boolean;
}

export interface TraceEvent {
  kind: TraceKind;
  /** Virtual time in ns on the event's CPU (not monotonic across CPUs). */
  timeNs: number;
  /** null for 0xFF: no CPU (at unload, in a report). */
  cpu: number | null;
  thread: number;
  object: number;
  /* Raw fields. Exact up to 2^53; the 64-bit values that can be larger
     (addresses, bugcheck parameters) are also given exactly as hex below. */
  a: number;
  b: number;
  line: number;
  col: number;
  /** PRINT: the DbgPrint text, bytes as Latin-1 (as the run's result shows them). */
  text?: string;
  /** BUGCHECK: the four parameters, "0x%016X". */
  params?: string[];
  /** BUGCHECK: the code's name, as the emulator gives it. */
  name?: string;
  deadlock?: DeadlockEntry[];
  /** CHOICE: the thread ids that could have moved. */
  candidates?: number[];
  /** FINDING: the message. */
  message?: string;
  /** FINDING: the other acquisition's line (0: none). */
  otherLine?: number;
  /** RUN_END: scheduling steps taken. */
  steps?: number;
  /** RUN_END: whether DriverEntry returned (its status is `b`). */
  returned?: boolean;
  /** ASSERT: the failed expression. */
  expression?: string;
  /** FINDING (lock address) and OBJECT (guest address): exact, "0x%016X". */
  address?: string;
  /** POOL_ALLOC, POOL_FREE, LEAK: the tag as a debugger shows it. */
  tag?: string;
}

export class TraceFormatError extends Error {}

const MAGIC = [0x57, 0x44, 0x4b, 0x54]; // "WDKT"
export const TRACE_VERSION = 2;
/** Header byte 5, bit 0: the writer dropped events at its size limit (the result's events are kept). */
export const FLAG_TRUNCATED = 0x01;

/** Whether a trace was cut at the writer's size limit. */
export function traceTruncated(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && (bytes[5]! & FLAG_TRUNCATED) !== 0;
}

class Reader {
  pos = 0;
  constructor(private readonly bytes: Uint8Array) {}

  get done(): boolean {
    return this.pos >= this.bytes.length;
  }

  u8(): number {
    if (this.pos >= this.bytes.length) throw new TraceFormatError(`trace ends inside a record at byte ${this.pos}`);
    return this.bytes[this.pos++]!;
  }

  /* LEB128 as a bigint: every field is up to 64 bits. */
  big(): bigint {
    let value = 0n;
    for (let shift = 0n; ; shift += 7n) {
      if (shift > 63n) throw new TraceFormatError(`LEB128 longer than 64 bits at byte ${this.pos}`);
      const byte = this.u8();
      value |= BigInt(byte & 0x7f) << shift;
      if (byte < 0x80) return value;
    }
  }

  /* The common case without BigInt, which is several times slower: exact up
     to 2^53, the nearest double above (as Number() of the bigint would give). */
  num(): number {
    let value = 0, scale = 1;
    for (;;) {
      const byte = this.u8();
      value += (byte & 0x7f) * scale;
      if (byte < 0x80) return value;
      scale *= 128;
      if (scale > 2 ** 63) throw new TraceFormatError(`LEB128 longer than 64 bits at byte ${this.pos}`);
    }
  }

  bytesOf(n: number): Uint8Array {
    if (this.pos + n > this.bytes.length) throw new TraceFormatError(`payload runs past the end of the trace at byte ${this.pos}`);
    const out = this.bytes.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }
}

const hex64 = (v: bigint) => '0x' + v.toString(16).toUpperCase().padStart(16, '0');

function latin1(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return s;
}

function varints(bytes: Uint8Array): bigint[] {
  const r = new Reader(bytes);
  const out: bigint[] = [];
  while (!r.done) out.push(r.big());
  return out;
}

function splitLoc(loc: number): { line: number; col: number } {
  return { line: Math.floor(loc / 1024), col: loc % 1024 };
}

const DEADLOCK_FIELDS = 6;

/* The payload's fields, on a plain object: they go to the columns' `rare`
   map or are spread over the columns' text and candidates by decodeColumns. */
function decodePayload(kind: TraceKind, payload: Uint8Array): Partial<TraceEvent> {
  switch (kind) {
    case 'PRINT': return { text: latin1(payload) };
    case 'FINDING': {
      const r = new Reader(payload);
      const otherLine = splitLoc(r.num()).line;
      return { otherLine, message: latin1(payload.subarray(r.pos)) };
    }
    case 'ASSERT': return { expression: latin1(payload) };
    case 'BUGCHECK': {
      const r = new Reader(payload);
      const params = [r.big(), r.big(), r.big(), r.big()].map(hex64);
      return { params, name: latin1(payload.subarray(r.pos)) };
    }
    case 'RUN_END': {
      const r = new Reader(payload);
      const steps = r.num();
      return { steps, returned: r.num() !== 0 };
    }
    case 'CHOICE': return { candidates: varints(payload).map(Number) };
    case 'DEADLOCK': {
      const [n = 0n, ...rest] = varints(payload);
      if (rest.length !== Number(n) * DEADLOCK_FIELDS) throw new TraceFormatError(`DEADLOCK payload holds ${rest.length} fields for ${n} entries`);
      const deadlock: DeadlockEntry[] = [];
      for (let i = 0; i < rest.length; i += DEADLOCK_FIELDS) {
        const [thread, object, type, owner, loc, inCycle] = rest.slice(i, i + DEADLOCK_FIELDS).map(Number) as [number, number, number, number, number, number];
        deadlock.push({ thread, object, type, owner, ...splitLoc(loc), inCycle: inCycle !== 0 });
      }
      return { deadlock };
    }
    default: return {};
  }
}

/**
 * A decoded trace as columns: one typed array per field, so that the worker
 * decodes once and hands the whole trace to the UI thread by transfer, not
 * by copy (structured-cloning a million event objects takes seconds). The
 * events themselves are made from the columns (`eventAt`, `eventsOf`).
 */
export interface TraceColumns {
  length: number;
  kind: Uint8Array; /* the kind's number (KINDS) */
  time: Float64Array;
  cpu: Uint8Array; /* 0xFF: none */
  thread: Float64Array;
  object: Float64Array;
  a: Float64Array;
  b: Float64Array;
  loc: Float64Array; /* line * 1024 + col */
  /* The strings of PRINT (text), ASSERT (expression), FINDING (message) and
     BUGCHECK (name), one after another; event i's ends at textEnd[i]. */
  text: string;
  textEnd: Uint32Array;
  /* CHOICE's candidates, one after another; event i's end at candEnd[i]. */
  cand: Float64Array;
  candEnd: Uint32Array;
  /* The few fields of few events (BUGCHECK's params, RUN_END, DEADLOCK,
     FINDING's other line, exact addresses), by event index. */
  rare: Map<number, Partial<TraceEvent>>;
}

/* A typed array that grows by doubling while decoding. */
class Column<T extends Float64Array | Uint8Array | Uint32Array> {
  length = 0;
  constructor(public data: T, private readonly make: (n: number) => T) {}
  push(v: number): void {
    if (this.length === this.data.length) {
      const bigger = this.make(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = v;
  }
  finish(): T {
    return this.data.slice(0, this.length) as T;
  }
}
const f64 = (n: number) => new Column(new Float64Array(n), (m) => new Float64Array(m));
const u8 = (n: number) => new Column(new Uint8Array(n), (m) => new Uint8Array(m));
const u32 = (n: number) => new Column(new Uint32Array(n), (m) => new Uint32Array(m));

const TEXT_FIELD: Partial<Record<TraceKind, 'text' | 'expression' | 'message' | 'name'>> = {
  PRINT: 'text', ASSERT: 'expression', FINDING: 'message', BUGCHECK: 'name',
};

/** Decodes the binary trace, once, into columns. */
export function decodeColumns(bytes: Uint8Array): TraceColumns {
  if (bytes.length < 8 || MAGIC.some((m, i) => bytes[i] !== m)) throw new TraceFormatError('not a wdkm trace (no "WDKT" header)');
  if (bytes[4] !== TRACE_VERSION) throw new TraceFormatError(`trace version ${bytes[4]} is not supported (expected ${TRACE_VERSION})`);
  const r = new Reader(bytes);
  r.pos = 8;
  /* a record takes at least 8 bytes: start at a guess of 12 */
  const guess = Math.max(16, Math.ceil((bytes.length - 8) / 12));
  const kind = u8(guess), cpuCol = u8(guess), time = f64(guess), thread = f64(guess), object = f64(guess);
  const a = f64(guess), b = f64(guess), loc = f64(guess), textEnd = u32(guess), candEnd = u32(guess), cand = f64(64);
  const texts: string[] = [];
  let textLength = 0;
  const rare = new Map<number, Partial<TraceEvent>>();
  let t = 0;
  for (let i = 0; !r.done; i++) {
    const code = r.u8();
    const name = kindName(code);
    // An unknown kind cannot be skipped: whether it has a payload is not in the record.
    if (!name) throw new TraceFormatError(`unknown event kind ${code} at byte ${r.pos - 1}`);
    const zz = r.num();
    t += zz % 2 ? -(zz + 1) / 2 : zz / 2;
    kind.push(code);
    time.push(t);
    cpuCol.push(r.u8());
    thread.push(r.num());
    object.push(r.num());
    a.push(r.num());
    const bAt = r.pos;
    b.push(r.num());
    loc.push(r.num());
    if (PAYLOAD_KINDS.has(name)) {
      const { text, expression, message, name: bugName, candidates, ...other } = decodePayload(name, r.bytesOf(r.num()));
      const str = text ?? expression ?? message ?? bugName;
      if (str !== undefined) texts.push(str), (textLength += str.length);
      for (const c of candidates ?? []) cand.push(c);
      if (Object.keys(other).length > 0) rare.set(i, other);
    }
    if (name === 'FINDING' || name === 'OBJECT') {
      // Addresses pass 2^53: read `b` again, exactly.
      const end = r.pos;
      r.pos = bAt;
      rare.set(i, { ...rare.get(i), address: hex64(r.big()) });
      r.pos = end;
    }
    textEnd.push(textLength);
    candEnd.push(cand.length);
  }
  return {
    length: kind.length, kind: kind.finish(), time: time.finish(), cpu: cpuCol.finish(), thread: thread.finish(), object: object.finish(),
    a: a.finish(), b: b.finish(), loc: loc.finish(), text: texts.join(''), textEnd: textEnd.finish(), cand: cand.finish(), candEnd: candEnd.finish(), rare,
  };
}

const CHOICE_CODE = KINDS.indexOf('CHOICE') + 1;
const TEXT_OF: (keyof TraceEvent | undefined)[] = KINDS.map((k) => TEXT_FIELD[k]);
const TAGGED: boolean[] = KINDS.map((k) => k === 'POOL_ALLOC' || k === 'POOL_FREE' || k === 'LEAK');

/** Event i of decoded columns, as the views and the CLI read events; written
    into `into` when given (a reused object: see ./events.ts). */
export function eventAt(c: TraceColumns, i: number, into?: TraceEvent): TraceEvent {
  const code = c.kind[i]!;
  const cpu = c.cpu[i]!;
  const loc = c.loc[i]!;
  const b = c.b[i]!;
  const ev = into ?? ({} as TraceEvent);
  ev.kind = KINDS[code - 1]!;
  ev.timeNs = c.time[i]!;
  ev.cpu = cpu === 0xff ? null : cpu;
  ev.thread = c.thread[i]!;
  ev.object = c.object[i]!;
  ev.a = c.a[i]!;
  ev.b = b;
  ev.line = Math.floor(loc / 1024);
  ev.col = loc % 1024;
  if (code === CHOICE_CODE) {
    const candidates: number[] = [];
    for (let k = i > 0 ? c.candEnd[i - 1]! : 0; k < c.candEnd[i]!; k++) candidates.push(c.cand[k]!);
    ev.candidates = candidates;
    return ev;
  }
  const field = TEXT_OF[code - 1];
  if (field) (ev as unknown as Record<string, string>)[field] = c.text.slice(i > 0 ? c.textEnd[i - 1]! : 0, c.textEnd[i]!);
  if (TAGGED[code - 1]) ev.tag = tagText(b);
  if (c.rare.size > 0) {
    const rare = c.rare.get(i);
    if (rare) Object.assign(ev, rare);
  }
  return ev;
}

/** Whether event i carries more than the raw fields (a reused object must be cleared after it). */
export function hasExtras(c: TraceColumns, i: number): boolean {
  const code = c.kind[i]!;
  return code === CHOICE_CODE || TEXT_OF[code - 1] !== undefined || TAGGED[code - 1]! || c.rare.has(i);
}

/** Events [from, to) of decoded columns, appended to `out`. */
export function eventsOf(c: TraceColumns, from = 0, to = c.length, out: TraceEvent[] = []): TraceEvent[] {
  for (let i = from; i < to; i++) out.push(eventAt(c, i));
  return out;
}

/** The whole trace as events (decodeColumns, then eventsOf). */
export function decodeTrace(bytes: Uint8Array): TraceEvent[] {
  return eventsOf(decodeColumns(bytes));
}
