/* Paints one frame of the timeline. Culled to the viewport in both
   directions; within a lane, when several spans or markers fall into one
   pixel column only the first is drawn and the rest are skipped by binary
   search, so a frame costs about (visible lanes x width) draws whatever the
   trace size. */
import { lowerBound, type SpanList } from '../../trace/spans';
import { STATE, STATE_NAMES, type TimelineModel } from '../../trace/timeline-model';
import { cpuSpanColor, type Palette } from './colors';
import { paintHolds } from './holds';
import { AXIS_H, HOLD_H, IRQL_H, LABEL_W, STATE_H, plotWidth, xOf, type Row, type Viewport } from './layout';

export interface Frame {
  model: TimelineModel;
  rows: Row[];
  view: Viewport;
  palette: Palette;
  moment: number; /* -1: none */
}

type Ctx = CanvasRenderingContext2D;

type SpanLabel = (value: number, object: number) => string | null;

/* Adjacent rectangles of one colour become one fillRect: at a wide zoom most
   neighbouring pixel columns share a state, and canvas calls are the cost. A
   span wide enough for its label gets it written inside (what a thread waits
   on, which lock at which recursion depth). */
export function paintSpans(ctx: Ctx, list: SpanList, v: Viewport, y: number, h: number, color: (value: number, object: number) => string, label?: SpanLabel): void {
  const { start, end, value, object, length } = list;
  const tPerPx = (v.t1 - v.t0) / plotWidth(v);
  let runX = 0;
  let runEnd = -1;
  let runColor = '';
  const flush = () => {
    if (runEnd < 0) return;
    ctx.fillStyle = runColor;
    ctx.fillRect(runX, y, runEnd - runX, h);
    runEnd = -1;
  };
  let i = lowerBound(end, v.t0);
  while (i < length && start[i]! <= v.t1) {
    const x0 = Math.max(LABEL_W, xOf(v, start[i]!));
    const x1 = Math.max(x0 + 1, Math.min(v.width, xOf(v, end[i]!)));
    const c = color(value[i]!, object[i]!);
    if (c === runColor && x0 <= runEnd + 0.5) runEnd = Math.max(runEnd, x1);
    else {
      flush();
      runX = x0;
      runEnd = x1;
      runColor = c;
    }
    const text = label && x1 - x0 > 24 ? label(value[i]!, object[i]!) : null;
    if (text) {
      flush();
      ctx.save();
      ctx.beginPath();
      ctx.rect(x0, y, x1 - x0, h);
      ctx.clip();
      ctx.font = `${Math.min(10, h)}px system-ui, sans-serif`;
      ctx.fillStyle = '#fff';
      ctx.fillText(text, x0 + 3, y + h - 1.5);
      ctx.restore();
    }
    if (x1 - x0 <= 1) i = lowerBound(end, v.t0 + (Math.floor(x0 - LABEL_W) + 1) * tPerPx, i + 1, length);
    else i++;
  }
  flush();
}

/* One path per run of markers of one kind, filled once. */
function paintMarkers(ctx: Ctx, f: Frame, row: Row, y: number): void {
  const m = row.lane.markers;
  const v = f.view;
  const tPerPx = (v.t1 - v.t0) / plotWidth(v);
  let kind = -1;
  let i = lowerBound(m.time, v.t0);
  ctx.beginPath();
  while (i < m.length && m.time[i]! <= v.t1) {
    if (m.kind[i] !== kind) {
      ctx.fill();
      kind = m.kind[i]!;
      ctx.fillStyle = f.palette.marker[kind] ?? f.palette.text;
      ctx.beginPath();
    }
    const x = xOf(v, m.time[i]!);
    ctx.moveTo(x, y);
    ctx.lineTo(x + 4, y + STATE_H / 2);
    ctx.lineTo(x, y + STATE_H);
    ctx.lineTo(x - 4, y + STATE_H / 2);
    ctx.closePath();
    i = lowerBound(m.time, v.t0 + (x - LABEL_W + 3) * tPerPx, i + 1, m.length);
  }
  ctx.fill();
}

/* All visible wake arrows as one stroked path of shafts and one filled path of heads. */
function paintArrows(ctx: Ctx, f: Frame, yOf: Map<number, number>): void {
  const a = f.model.arrows;
  const v = f.view;
  const tPerPx = (v.t1 - v.t0) / plotWidth(v);
  const shafts = new Path2D();
  const heads = new Path2D();
  let i = lowerBound(a.time, v.t0);
  while (i < a.length && a.time[i]! <= v.t1) {
    const y0 = yOf.get(a.from[i]!);
    const y1 = yOf.get(a.to[i]!);
    const x = xOf(v, a.time[i]!);
    if (y0 !== undefined && y1 !== undefined && y0 !== y1) {
      const dir = y1 > y0 ? 1 : -1;
      const tip = y1 - dir * 1;
      shafts.moveTo(x, y0 + dir * STATE_H * 0.5);
      shafts.lineTo(x, tip);
      heads.moveTo(x, tip);
      heads.lineTo(x - 3, tip - dir * 5);
      heads.lineTo(x + 3, tip - dir * 5);
      heads.closePath();
    }
    i = lowerBound(a.time, v.t0 + (x - LABEL_W + 4) * tPerPx, i + 1, a.length);
  }
  ctx.strokeStyle = f.palette.arrow;
  ctx.fillStyle = f.palette.arrow;
  ctx.lineWidth = 1;
  ctx.stroke(shafts);
  ctx.fill(heads);
}

function niceStep(span: number, px: number): number {
  const raw = (span / px) * 90;
  const p = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 5, 10].map((m) => m * p).find((s) => s >= raw)!;
}

export function formatNs(ns: number): string {
  const a = Math.abs(ns);
  if (a >= 1e6) return `${+(ns / 1e6).toFixed(3)} ms`;
  if (a >= 1e3) return `${+(ns / 1e3).toFixed(3)} µs`;
  return `${+ns.toFixed(1)} ns`;
}

function paintAxis(ctx: Ctx, f: Frame): void {
  const v = f.view;
  ctx.fillStyle = f.palette.bg;
  ctx.fillRect(0, 0, v.width, AXIS_H);
  const step = niceStep(v.t1 - v.t0, plotWidth(v));
  ctx.fillStyle = f.palette.muted;
  ctx.strokeStyle = f.palette.grid;
  for (let t = Math.ceil(v.t0 / step) * step; t <= v.t1; t += step) {
    const x = xOf(v, t);
    if (x < LABEL_W) continue;
    ctx.fillRect(x, AXIS_H - 5, 1, 5);
    ctx.fillText(formatNs(t), x + 3, AXIS_H - 6);
  }
}

/* A lane name cut with an ellipsis to the label column (the tooltip has it whole). */
function fitText(ctx: Ctx, text: string, width: number): string {
  const w = (s: string) => ctx.measureText(s)?.width ?? 0;
  if (w(text) <= width) return text;
  let n = text.length;
  while (n > 1 && w(`${text.slice(0, n)}…`) > width) n--;
  return `${text.slice(0, n)}…`;
}

export function paintTimeline(ctx: Ctx, f: Frame): void {
  const v = f.view;
  const p = f.palette;
  ctx.fillStyle = p.bg;
  ctx.fillRect(0, 0, v.width, v.height);
  ctx.font = '10px system-ui, sans-serif';
  ctx.textBaseline = 'alphabetic';
  const yOf = new Map<number, number>();
  const momentThread = f.moment >= 0 ? f.model.eventThread[f.moment]! : -1;
  const name = f.model.names.object;
  const threadName = f.model.names.thread;
  ctx.save();
  ctx.beginPath();
  ctx.rect(LABEL_W, AXIS_H, v.width - LABEL_W, v.height - AXIS_H);
  ctx.clip();
  for (const row of f.rows) {
    const y = row.y - v.scrollY;
    if (row.lane.cpu === null) yOf.set(row.lane.thread, y);
    if (y + row.height < AXIS_H || y > v.height) continue;
    const lane = row.lane;
    const stateLabel = lane.cpu !== null
      ? (s: number, o: number) => (s === STATE.RUNNING ? threadName(o) : o > 0 ? `${STATE_NAMES[s]} ${name(o)}` : null)
      : (s: number, o: number) => (o > 0 && s !== STATE.RUNNING ? `${STATE_NAMES[s]} on ${name(o)}` : null);
    const stateColor = lane.cpu !== null ? (s: number, o: number) => cpuSpanColor(p, s, o) : (s: number) => p.state[s] ?? p.muted;
    paintSpans(ctx, lane.states, v, y, STATE_H, stateColor, stateLabel);
    paintSpans(ctx, lane.irql, v, y + STATE_H, IRQL_H, (level) => p.irql(level));
  }
  paintArrows(ctx, f, yOf);
  /* holds and markers over the wake arrows: at a wide zoom thousands of wakes
     would stripe every hold block they cross */
  for (const row of f.rows) {
    const y = row.y - v.scrollY;
    if (y + row.height < AXIS_H || y > v.height) continue;
    row.lane.holds.forEach((level, k) => paintHolds(ctx, level, v, y + STATE_H + IRQL_H + 1 + k * (HOLD_H + 1), HOLD_H, p, name));
    paintMarkers(ctx, f, row, y);
  }
  if (f.moment >= 0 && f.moment < f.model.eventCount) {
    const x = xOf(v, f.model.eventTime[f.moment]!);
    ctx.fillStyle = p.playhead;
    ctx.fillRect(x - 0.5, AXIS_H, 2, v.height - AXIS_H);
  }
  ctx.restore();
  ctx.fillStyle = p.bg;
  ctx.fillRect(0, AXIS_H, LABEL_W, v.height - AXIS_H);
  ctx.font = '12px system-ui, sans-serif';
  for (const row of f.rows) {
    const y = row.y - v.scrollY;
    if (y + row.height < AXIS_H || y > v.height) continue;
    if (row.lane.cpu === null && row.lane.thread > 0) {
      /* the thread's swatch: its colour on the CPU lanes */
      ctx.fillStyle = p.thread(row.lane.thread);
      ctx.fillRect(2, y + 3, 4, STATE_H - 6);
    }
    ctx.fillStyle = row.lane.thread === momentThread && row.lane.cpu === null ? p.playhead : p.text;
    ctx.fillText(fitText(ctx, row.lane.label, LABEL_W - 12), 8, y + STATE_H - 1);
  }
  ctx.font = '10px system-ui, sans-serif';
  paintAxis(ctx, f);
}
