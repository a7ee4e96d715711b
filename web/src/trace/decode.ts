/* Decodes the binary trace (docs/trace-format.md) into plain event objects.
   No DOM and no Node APIs: the app's views and the wdkm CLI share it. */
import { kindName, PAYLOAD_KINDS, tagText, type TraceKind } from './kinds';

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

function decodePayload(ev: TraceEvent, payload: Uint8Array): void {
  switch (ev.kind) {
    case 'PRINT': ev.text = latin1(payload); break;
    case 'FINDING': {
      const r = new Reader(payload);
      ev.otherLine = splitLoc(r.num()).line;
      ev.message = latin1(payload.subarray(r.pos));
      break;
    }
    case 'ASSERT': ev.expression = latin1(payload); break;
    case 'BUGCHECK': {
      const r = new Reader(payload);
      ev.params = [r.big(), r.big(), r.big(), r.big()].map(hex64);
      ev.name = latin1(payload.subarray(r.pos));
      break;
    }
    case 'RUN_END': {
      const r = new Reader(payload);
      ev.steps = r.num();
      ev.returned = r.num() !== 0;
      break;
    }
    case 'CHOICE': ev.candidates = varints(payload).map(Number); break;
    case 'DEADLOCK': {
      const [n = 0n, ...rest] = varints(payload);
      if (rest.length !== Number(n) * DEADLOCK_FIELDS) throw new TraceFormatError(`DEADLOCK payload holds ${rest.length} fields for ${n} entries`);
      ev.deadlock = [];
      for (let i = 0; i < rest.length; i += DEADLOCK_FIELDS) {
        const [thread, object, type, owner, loc, inCycle] = rest.slice(i, i + DEADLOCK_FIELDS).map(Number) as [number, number, number, number, number, number];
        ev.deadlock.push({ thread, object, type, owner, ...splitLoc(loc), inCycle: inCycle !== 0 });
      }
      break;
    }
    default: break;
  }
}

export function decodeTrace(bytes: Uint8Array): TraceEvent[] {
  if (bytes.length < 8 || MAGIC.some((m, i) => bytes[i] !== m)) throw new TraceFormatError('not a wdkm trace (no "WDKT" header)');
  if (bytes[4] !== TRACE_VERSION) throw new TraceFormatError(`trace version ${bytes[4]} is not supported (expected ${TRACE_VERSION})`);
  const r = new Reader(bytes);
  r.pos = 8;
  const events: TraceEvent[] = [];
  let time = 0;
  while (!r.done) {
    const code = r.u8();
    const kind = kindName(code);
    // An unknown kind cannot be skipped: whether it has a payload is not in the record.
    if (!kind) throw new TraceFormatError(`unknown event kind ${code} at byte ${r.pos - 1}`);
    const zz = r.num();
    time += zz % 2 ? -(zz + 1) / 2 : zz / 2;
    const cpu = r.u8();
    const thread = r.num(), object = r.num(), a = r.num();
    const bAt = r.pos, b = r.num();
    const loc = r.num();
    const ev: TraceEvent = { kind, timeNs: time, cpu: cpu === 0xff ? null : cpu, thread, object, a, b, line: Math.floor(loc / 1024), col: loc % 1024 };
    if (PAYLOAD_KINDS.has(kind)) decodePayload(ev, r.bytesOf(r.num()));
    if (kind === 'FINDING' || kind === 'OBJECT') {
      // Addresses pass 2^53: read `b` again, exactly.
      const end = r.pos;
      r.pos = bAt;
      ev.address = hex64(r.big());
      r.pos = end;
    }
    if (kind === 'POOL_ALLOC' || kind === 'POOL_FREE' || kind === 'LEAK') ev.tag = tagText(ev.b);
    events.push(ev);
  }
  return events;
}
