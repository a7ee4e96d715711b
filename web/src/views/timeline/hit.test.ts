import { describe, expect, it } from 'vitest';
import { contendedMutex } from '../../trace/testing';
import { deriveTimeline } from '../../trace/timeline-model';
import { hitTest } from './hit';
import { AXIS_H, fitView, LABEL_W, layoutRows, STATE_H, IRQL_H, xOf, zoomAt, panBy, type Viewport } from './layout';

const model = deriveTimeline(contendedMutex());
const { rows } = layoutRows(model, false);
const view: Viewport = fitView(model, { t0: 0, t1: 1, scrollY: 0, width: LABEL_W + 1000, height: 300 });
const rowOf = (thread: number) => rows.find((r) => r.lane.thread === thread && r.lane.cpu === null)!;

describe('hitTest', () => {
  it('finds the state span, the hold and the marker under the pointer', () => {
    const t3 = rowOf(3);
    const waiting = hitTest(model, rows, view, xOf(view, 100), t3.y + 2)!;
    expect(waiting.text).toBe('Thread 3 · waiting on KMUTEX #5 · 85 ns – 110 ns (25 ns)');
    expect(waiting.event).toBe(12);
    const hold = hitTest(model, rows, view, xOf(view, 95), rowOf(2).y + STATE_H + IRQL_H + 3)!;
    expect(hold.text).toContain('holds KMUTEX #5 exclusive (depth 2)');
    expect(hold.event).toBe(13);
    expect(hitTest(model, rows, view, xOf(view, 130), t3.y + 2)!.text).toBe('Thread 3 · DbgPrint at 130 ns');
  });

  it('misses the name column, the gaps between lanes and the time before a thread exists', () => {
    expect(hitTest(model, rows, view, LABEL_W - 1, rowOf(3).y + 2)).toBeNull();
    expect(hitTest(model, rows, view, xOf(view, 100), AXIS_H - 2)).toBeNull();
    expect(hitTest(model, rows, view, xOf(view, 10), rowOf(3).y + 2)).toBeNull();
  });
});

describe('viewport', () => {
  it('zooms around the pointer and pans by pixels', () => {
    const x = xOf(view, 100);
    const zoomed = zoomAt(view, x, 0.5);
    expect(zoomed.t1 - zoomed.t0).toBeCloseTo((view.t1 - view.t0) / 2);
    expect(xOf(zoomed, 100)).toBeCloseTo(x);
    expect(xOf(panBy(view, 50), 100)).toBeCloseTo(x + 50);
  });
});
