import { describe, expect, it } from 'vitest';
import { syntheticTrace } from '../../trace/synthetic';
import { deriveTimeline } from '../../trace/timeline-model';
import { cpuSpanColor, palette } from './colors';
import { STATE } from '../../trace/timeline-model';
import { fitView, LABEL_W, layoutRows, zoomAt, type Viewport } from './layout';
import { paintTimeline } from './paint';

/* A 2D context that counts the calls that cost: rectangles, texts and path fills. */
function countingContext() {
  const counts = { fillRect: 0, fillText: 0, fill: 0, stroke: 0 };
  const ctx = new Proxy({} as Record<string, unknown>, {
    get: (_t, name: string) => (name in counts ? () => counts[name as keyof typeof counts]++ : () => undefined),
    set: () => true,
  });
  return { ctx: ctx as unknown as CanvasRenderingContext2D, counts };
}

class FakePath2D {
  moveTo() {}
  lineTo() {}
  closePath() {}
}

describe('paintTimeline', () => {
  (globalThis as { Path2D?: unknown }).Path2D ??= FakePath2D;
  const model = deriveTimeline(syntheticTrace(200_000, 8));
  const { rows } = layoutRows(model, true);
  const base: Viewport = fitView(model, { t0: 0, t1: 1, scrollY: 0, width: 1000, height: 2000 });

  const rectsAtFullView = (events: number) => {
    const m = deriveTimeline(syntheticTrace(events, 8));
    const laid = layoutRows(m, true);
    const { ctx, counts } = countingContext();
    paintTimeline(ctx, { model: m, rows: laid.rows, view: fitView(m, base), palette: palette(false), moment: -1 });
    return { rects: counts.fillRect, bands: laid.rows.reduce((n, r) => n + 2 + r.lane.holds.length, 0) };
  };

  it('draws at most a rectangle per pixel column per band, so a frame costs the same for 4x the events', () => {
    const small = rectsAtFullView(100_000);
    const large = rectsAtFullView(400_000);
    expect(large.rects).toBeLessThan(large.bands * (base.width - LABEL_W));
    expect(large.rects).toBeLessThan(small.rects * 1.3);
  });

  it('culls what is outside the viewport: zoomed in, a frame draws far less', () => {
    const full = countingContext();
    paintTimeline(full.ctx, { model, rows, view: base, palette: palette(false), moment: -1 });
    const zoomed = countingContext();
    let view = base;
    for (let i = 0; i < 12; i++) view = zoomAt(view, 500, 0.5);
    paintTimeline(zoomed.ctx, { model, rows, view: { ...view, height: 120 }, palette: palette(false), moment: -1 });
    expect(zoomed.counts.fillRect).toBeLessThan(full.counts.fillRect / 4);
  });
});

describe('CPU lanes', () => {
  it('colour running time by the thread that runs, each thread its own colour, other states by meaning', () => {
    const p = palette(false);
    expect(cpuSpanColor(p, STATE.RUNNING, 2)).toBe(p.thread(2));
    expect(new Set([1, 2, 3, 4, 5, 6].map((t) => cpuSpanColor(p, STATE.RUNNING, t))).size).toBe(6);
    expect(cpuSpanColor(p, STATE.SPINNING, 2)).toBe(p.state[STATE.SPINNING]);
    expect(cpuSpanColor(p, STATE.DPC, 7)).toBe(p.state[STATE.DPC]);
  });
});
