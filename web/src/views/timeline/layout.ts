/* Where each lane sits on the canvas, and the time <-> x mapping. Pure, so
   the painter, hit testing and the benchmark share it. */
import type { Lane, TimelineModel } from '../../trace/timeline-model';

export const LABEL_W = 150; /* the fixed column of lane names */
export const AXIS_H = 18; /* the time axis along the top */
export const STATE_H = 12;
export const IRQL_H = 3;
export const HOLD_H = 9;
export const LANE_GAP = 6;

export interface Row {
  lane: Lane;
  y: number; /* content y, before vertical scrolling */
  height: number;
}

export interface Viewport {
  t0: number;
  t1: number;
  scrollY: number;
  width: number; /* CSS pixels */
  height: number;
}

export function laneHeight(lane: Lane): number {
  if (lane.thread === 0 && lane.cpu === null) return STATE_H; /* the run lane: markers only */
  return STATE_H + IRQL_H + lane.holds.length * (HOLD_H + 1);
}

export function layoutRows(model: TimelineModel, showCpus: boolean): { rows: Row[]; height: number } {
  const lanes = [...model.threadLanes, ...(showCpus ? model.cpuLanes : [])];
  const rows: Row[] = [];
  let y = AXIS_H + 4;
  for (const lane of lanes) {
    const height = laneHeight(lane);
    rows.push({ lane, y, height });
    y += height + LANE_GAP;
  }
  return { rows, height: y };
}

export const plotWidth = (v: Viewport) => Math.max(1, v.width - LABEL_W);
export const xOf = (v: Viewport, t: number) => LABEL_W + ((t - v.t0) / (v.t1 - v.t0)) * plotWidth(v);
export const tOf = (v: Viewport, x: number) => v.t0 + ((x - LABEL_W) / plotWidth(v)) * (v.t1 - v.t0);

/* The whole run with a little air on both sides. */
export function fitView(model: TimelineModel, v: Viewport): Viewport {
  const span = Math.max(1, model.end - model.start);
  return { ...v, t0: model.start - span * 0.01, t1: model.end + span * 0.01 };
}

/* Zoom by `factor` (<1 zooms in) around the time under x, keeping at least 1 ns in view. */
export function zoomAt(v: Viewport, x: number, factor: number): Viewport {
  const t = tOf(v, Math.max(LABEL_W, x));
  const span = Math.max(1, (v.t1 - v.t0) * factor);
  const left = (t - v.t0) / (v.t1 - v.t0);
  return { ...v, t0: t - span * left, t1: t + span * (1 - left) };
}

export function panBy(v: Viewport, dx: number): Viewport {
  const dt = (dx / plotWidth(v)) * (v.t1 - v.t0);
  return { ...v, t0: v.t0 - dt, t1: v.t1 - dt };
}

export function clampScroll(v: Viewport, contentHeight: number): Viewport {
  return { ...v, scrollY: Math.max(0, Math.min(v.scrollY, contentHeight - v.height)) };
}
