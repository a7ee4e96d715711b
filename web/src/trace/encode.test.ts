import { describe, expect, it } from 'vitest';
import { decodeTrace } from './decode';
import { encodeTrace } from './encode';
import { syntheticTrace } from './synthetic';
import { contendedMutex, lockOrderDeadlock } from './testing';
import { deriveTimeline } from './timeline-model';

describe('encodeTrace', () => {
  it('round-trips through the decoder, payloads and clocks that step back included', () => {
    for (const events of [contendedMutex(), lockOrderDeadlock(), syntheticTrace(2000, 3)]) {
      const decoded = decodeTrace(encodeTrace(events));
      expect(decoded.map((e) => [e.kind, e.timeNs, e.cpu, e.thread, e.object, e.a, e.b, e.line])).toEqual(
        events.map((e) => [e.kind, e.timeNs, e.cpu, e.thread, e.object, e.a, e.b, e.line]),
      );
      expect(decoded.filter((e) => e.kind === 'CHOICE').map((e) => e.candidates)).toEqual(
        events.filter((e) => e.kind === 'CHOICE').map((e) => e.candidates),
      );
    }
  });

  it('gives the synthetic trace exactly the size asked for, with a lane per thread and holds', () => {
    const events = syntheticTrace(10_000, 4);
    expect(events).toHaveLength(10_000);
    const model = deriveTimeline(events);
    expect(model.threadLanes.map((l) => l.label)).toEqual(['Run', 'Thread 1 · DriverEntry', 'Thread 2', 'Thread 3', 'Thread 4']);
    expect(model.threadLanes[1]!.holds[0]!.length).toBeGreaterThan(100);
    expect(model.arrows.length).toBeGreaterThan(10);
  });
});
