/* Writes events back into the binary trace format (docs/trace-format.md):
   for synthetic traces in tests and benchmarks, never for real runs (the
   core writes those). The inverse of ./decode.ts for what it covers. */
import type { TraceEvent } from './decode';
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

function payloadOf(e: TraceEvent): number[] | string | null {
  switch (e.kind) {
    case 'PRINT': return e.text ?? '';
    case 'FINDING': return e.message ?? '';
    case 'ASSERT': return e.expression ?? '';
    case 'CHOICE': return e.candidates ?? [];
    case 'BUGCHECK': return (e.params ?? []).map((p) => Number(p));
    case 'DEADLOCK': return [(e.deadlock ?? []).length, ...(e.deadlock ?? []).flatMap((d) => [d.thread, d.object, d.owner, d.line * 1024 + d.col])];
    default: return null;
  }
}

export function encodeTrace(events: readonly TraceEvent[]): Uint8Array {
  const w = new Writer(events.length * 8 + 64);
  for (const b of [0x57, 0x44, 0x4b, 0x54, 1, 0, 0, 0]) w.byte(b);
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
    if (typeof payload === 'string') for (let i = 0; i < payload.length; i++) inner.byte(payload.charCodeAt(i) & 0xff);
    else for (const v of payload) inner.leb(v);
    const bytes = inner.bytes();
    w.leb(bytes.length);
    for (const b of bytes) w.byte(b);
  }
  return w.bytes();
}
