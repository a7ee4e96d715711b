import { describe, expect, it } from 'vitest';
import { ev } from '../../trace/testing';
import { deriveTimeline } from '../../trace/timeline-model';
import { palette } from './colors';
import { forEachHoldGroup, holdGroupAt, paintHolds, type HoldGroup } from './holds';
import { hitTest } from './hit';
import { HOLD_H, IRQL_H, LABEL_W, STATE_H, layoutRows, xOf, type Viewport } from './layout';

/* Thread 1 takes lock 2 for 10 ns every 100 ns, `n` times, then holds lock 3 for a long while. */
function manyShortHolds(n: number) {
  const events = [];
  for (let k = 0; k < n; k++) {
    events.push(ev('ACQUIRE', k * 100, { thread: 1, object: 2, a: 1 }), ev('RELEASE', k * 100 + 10, { thread: 1, object: 2, a: 0 }));
  }
  events.push(ev('ACQUIRE', n * 100, { thread: 1, object: 3, a: 1 }), ev('RELEASE', n * 100 + n * 40, { thread: 1, object: 3, a: 0 }));
  return deriveTimeline(events);
}

const groups = (list: Parameters<typeof forEachHoldGroup>[0], v: Viewport) => {
  const out: HoldGroup[] = [];
  forEachHoldGroup(list, v, (g) => void out.push(g));
  return out;
};

describe('dense holds', () => {
  const model = manyShortHolds(1000);
  const level = model.threadLanes.find((l) => l.thread === 1)!.holds[0]!;
  const fit: Viewport = { t0: 0, t1: 150_000, scrollY: 0, width: LABEL_W + 600, height: 200 };

  it('become one group with their count at a wide zoom, and a long hold after them stays its own', () => {
    const g = groups(level, fit);
    expect(g.map((x) => x.count)).toEqual([1000, 1]);
    expect(level.object[g[1]!.first]).toBe(3);
    expect(g[0]!.x1 - g[0]!.x0).toBeGreaterThan(350);
  });

  it('come apart when zoomed in far enough to draw each', () => {
    const close: Viewport = { ...fit, t0: 0, t1: 1000 };
    expect(groups(level, close).map((x) => x.count)).toEqual(Array(11).fill(1));
  });

  it('are painted as one block with "N holds", not a rectangle per hold', () => {
    const calls: string[] = [];
    const ctx = new Proxy({} as Record<string, unknown>, {
      get: (_t, name: string) => (name === 'measureText' ? (s: string) => ({ width: s.length * 5 }) : (...a: unknown[]) => void calls.push(`${name} ${a[0] ?? ''}`)),
      set: () => true,
    }) as unknown as CanvasRenderingContext2D;
    paintHolds(ctx, level, fit, 0, HOLD_H, palette(false), (o) => `L${o}`);
    expect(calls.filter((c) => c.startsWith('fillRect'))).toHaveLength(2);
    expect(calls).toContain('fillText 1000 holds');
    expect(calls).toContain('fillText L3');
  });

  it('are described by the pointer as the same group', () => {
    const { rows } = layoutRows(model, false);
    const row = rows.find((r) => r.lane.thread === 1)!;
    const y = row.y + STATE_H + IRQL_H + 3;
    const group = hitTest(model, rows, fit, xOf(fit, 50_000), y)!;
    expect(group.event).toBe(1000); /* the 500th hold's ACQUIRE: the one under the pointer, not the group's first */
    expect(group.text).toBe('Thread 1 · 1000 holds of object #2 · 0 ns – 99.91 µs · zoom in to see each',
    );
    expect(hitTest(model, rows, fit, xOf(fit, 120_000), y)!.text).toContain('holds object #3 exclusive (depth 1)');
    expect(holdGroupAt(level, fit, xOf(fit, 148_000))).toBeNull();
  });
});
