/* Writes events back into the binary trace format (docs/trace-format.md):
   for synthetic traces in tests and benchmarks, never for real runs (the
   core writes those). The inverse of ./decode.ts for what it covers. */
import { FLAG_TRUNCATED, TRACE_VERSION, type TraceEvent } from './decode';
import { kindCode, PAYLOAD_KINDS } from './kinds';

class Writer {
  private buf: Uint8Array;
  length = 0;

  constructor(capacity: number) {
    this.buf = new Uint8Array(capacity);
  }

  byte(b: number): void {
    if (this.length === this.buf.length) {
      const bigger = new Uint8Array(this.buf.length * 2);
      bigger.set(this.buf);
      this.buf = bigger;
    }
    this.buf[this.length++] = b;
  }

  /* unsigned LEB128 of a non-negative integer up to 2^53 */
  leb(v: number): void {
    while (v >= 0x80) {
      this.byte((v % 0x80) | 0x80);
      v = Math.floor(v / 0x80);
    }
    this.byte(v);
  }

  bytes(): Uint8Array {
    return this.buf.slice(0, this.length);
  }
}

function leb(...values: number[]): Uint8Array {
  const w = new Writer(16);
  for (const v of values) w.leb(v);
  return w.bytes();
}

/* A payload as its parts: LEB128 fields already encoded, and Latin-1 text. */
function payloadOf(e: TraceEvent): Uint8Array | string | (Uint8Array | string)[] | null {
  switch (e.kind) {
    case 'PRINT': return e.text ?? '';
    case 'FINDING': return [leb(e.otherLine ? e.otherLine * 1024 : 0), e.message ?? ''];
    case 'ASSERT': return e.expression ?? '';
    case 'CHOICE': return leb(...(e.candidates ?? []));
    case 'BUGCHECK': return [leb(...(e.params ?? ['0', '0', '0', '0']).map((p) => Number(p))), e.name ?? ''];
    case 'RUN_END': return leb(e.steps ?? 0, e.returned ? 1 : 0);
    case 'DEADLOCK': return leb((e.deadlock ?? []).length, ...(e.deadlock ?? []).flatMap((d) => [d.thread, d.object, d.type, d.owner, d.line * 1024 + d.col, d.inCycle ? 1 : 0]));
    default: return null;
  }
}

export function encodeTrace(events: readonly TraceEvent[], options: { truncated?: boolean } = {}): Uint8Array {
  const w = new Writer(events.length * 8 + 64);
  for (const b of [0x57, 0x44, 0x4b, 0x54, TRACE_VERSION, options.truncated ? FLAG_TRUNCATED : 0, 0, 0]) w.byte(b);
  let time = 0;
  for (const e of events) {
    w.byte(kindCode(e.kind));
    const dt = e.timeNs - time;
    time = e.timeNs;
    w.leb(dt >= 0 ? dt * 2 : -dt * 2 - 1);
    w.byte(e.cpu === null ? 0xff : e.cpu);
    for (const v of [e.thread, e.object, e.a, e.b, e.line * 1024 + e.col]) w.leb(v);
    if (!PAYLOAD_KINDS.has(e.kind)) continue;
    const payload = payloadOf(e)!;
    const inner = new Writer(64);
    for (const part of Array.isArray(payload) ? payload : [payload]) {
      if (typeof part === 'string') for (let i = 0; i < part.length; i++) inner.byte(part.charCodeAt(i) & 0xff);
      else for (const b of part) inner.byte(b);
    }
    const bytes = inner.bytes();
    w.leb(bytes.length);
    for (const b of bytes) w.byte(b);
  }
  return w.bytes();
}
