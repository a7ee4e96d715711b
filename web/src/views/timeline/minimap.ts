/* The minimap: every thread lane over the whole run, drawn once per model
   into an offscreen canvas, then blitted with the viewport's window on top. */
import type { TimelineModel } from '../../trace/timeline-model';
import type { Palette } from './colors';
import { LABEL_W, type Viewport } from './layout';
import { paintSpans } from './paint';

export const MINIMAP_H = 36;

export function paintMinimapBase(model: TimelineModel, width: number, dpr: number, p: Palette): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(width * dpr));
  canvas.height = Math.round(MINIMAP_H * dpr);
  const ctx = canvas.getContext('2d')!;
  ctx.scale(dpr, dpr);
  ctx.fillStyle = p.bg;
  ctx.fillRect(0, 0, width, MINIMAP_H);
  ctx.fillStyle = p.muted;
  ctx.font = '11px system-ui, sans-serif';
  ctx.fillText('Whole run', 8, MINIMAP_H / 2 + 4);
  const lanes = model.threadLanes.filter((l) => l.thread > 0);
  const h = Math.max(1, Math.min(6, (MINIMAP_H - 4) / Math.max(1, lanes.length)));
  const span = Math.max(1, model.end - model.start);
  const full: Viewport = { t0: model.start, t1: model.start + span, scrollY: 0, width, height: MINIMAP_H };
  lanes.forEach((lane, k) => paintSpans(ctx, lane.states, full, 2 + k * h, Math.max(1, h - 1), (s) => p.state[s] ?? p.muted));
  return canvas;
}

export function paintMinimap(ctx: CanvasRenderingContext2D, base: HTMLCanvasElement, model: TimelineModel, v: Viewport, p: Palette): void {
  ctx.clearRect(0, 0, v.width, MINIMAP_H);
  ctx.drawImage(base, 0, 0, v.width, MINIMAP_H);
  const span = Math.max(1, model.end - model.start);
  const w = v.width - LABEL_W;
  const x0 = LABEL_W + ((v.t0 - model.start) / span) * w;
  const x1 = LABEL_W + ((v.t1 - model.start) / span) * w;
  ctx.strokeStyle = p.accent;
  ctx.lineWidth = 2;
  ctx.strokeRect(Math.max(LABEL_W, x0), 1, Math.max(3, Math.min(v.width, x1) - Math.max(LABEL_W, x0)), MINIMAP_H - 2);
}

/* The time at x on the minimap, for click-to-centre. */
export function minimapTime(model: TimelineModel, width: number, x: number): number {
  const span = Math.max(1, model.end - model.start);
  return model.start + ((x - LABEL_W) / Math.max(1, width - LABEL_W)) * span;
}
