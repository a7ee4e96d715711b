/* Lock holds on the canvas. A hold wide enough to see is drawn on its own:
   solid when exclusive, an outlined pale bar when shared (an ERESOURCE held
   by a reader). Holds narrower than DENSE_PX that follow each other closer
   than GAP_PX become one block with their count ("500 holds"): drawn one by
   one they would make a barcode that reads as hatching. Painting and hit
   testing walk the same groups, so what the pointer describes is what is
   drawn. */
import { lowerBound, type SpanList } from '../../trace/spans';
import { holdDepth, isSharedHold } from '../../trace/timeline-model';
import type { Palette } from './colors';
import { LABEL_W, plotWidth, tOf, xOf, type Viewport } from './layout';

export const DENSE_PX = 10; /* a hold narrower than this may join a group */
export const GAP_PX = 8; /* ... when it follows the previous one this close */

export interface HoldGroup {
  first: number; /* index of the first hold */
  count: number; /* holds in the group: 1 is a hold on its own */
  x0: number;
  x1: number;
}

/* Calls visit for each group in view, left to right; stops when it returns
   false. Holds that end within the group's last pixel are skipped by binary
   search, so a frame costs about one step per pixel column. */
export function forEachHoldGroup(list: SpanList, v: Viewport, visit: (g: HoldGroup) => boolean | void): void {
  const { start, end, length } = list;
  if (plotWidth(v) <= 0 || v.t1 <= v.t0) return;
  const x0Of = (k: number) => Math.max(LABEL_W, xOf(v, start[k]!));
  const x1Of = (k: number, x0: number) => Math.max(x0 + 1, Math.min(v.width, xOf(v, end[k]!)));
  let i = lowerBound(end, v.t0);
  while (i < length && start[i]! <= v.t1) {
    const x0 = x0Of(i);
    let x1 = x1Of(i, x0);
    let j = i + 1;
    if (x1 - x0 < DENSE_PX) {
      while (j < length && start[j]! <= v.t1) {
        const s0 = x0Of(j);
        const s1 = x1Of(j, s0);
        if (s0 - x1 > GAP_PX || s1 - s0 >= DENSE_PX) break;
        x1 = Math.max(x1, s1);
        /* every later hold ending before the next pixel lies inside the group */
        const k = lowerBound(end, tOf(v, x1 + 1), j + 1, length);
        if (k > j + 1) x1 = Math.max(x1, x1Of(k - 1, x0Of(k - 1)));
        j = k;
      }
    }
    if (visit({ first: i, count: j - i, x0, x1 }) === false) return;
    i = j;
  }
}

const countLabel = (ctx: CanvasRenderingContext2D, n: number, room: number): string | null => {
  for (const text of [`${n} holds`, `${n}`]) if ((ctx.measureText(text)?.width ?? Infinity) + 6 <= room) return text;
  return null;
};

/* One band of holds (one stacking level of a lane) at y, h pixels high. */
export function paintHolds(ctx: CanvasRenderingContext2D, list: SpanList, v: Viewport, y: number, h: number, p: Palette, name: (object: number) => string): void {
  ctx.font = `${Math.min(10, h)}px system-ui, sans-serif`;
  const label = (text: string | null, x0: number, x1: number, ink: string) => {
    if (!text || x1 - x0 <= 24) return;
    ctx.save();
    ctx.beginPath();
    ctx.rect(x0, y, x1 - x0, h);
    ctx.clip();
    ctx.fillStyle = ink;
    ctx.fillText(text, x0 + 3, y + h - 1.5);
    ctx.restore();
  };
  forEachHoldGroup(list, v, ({ first, count, x0, x1 }) => {
    const object = list.object[first]!;
    if (count > 1) {
      ctx.fillStyle = p.lockDense(object);
      ctx.fillRect(x0, y, x1 - x0, h);
      label(countLabel(ctx, count, x1 - x0), x0, x1, '#fff');
      return;
    }
    const value = list.value[first]!;
    const depth = holdDepth(value);
    const times = depth > 1 ? ` ×${depth}` : '';
    if (isSharedHold(value)) {
      /* a pale bar with its edges in the lock's colour: shared, not owned */
      ctx.fillStyle = p.lockShared(object);
      ctx.fillRect(x0, y, x1 - x0, h);
      ctx.fillStyle = p.lock(object, depth);
      ctx.fillRect(x0, y, x1 - x0, 1.5);
      ctx.fillRect(x0, y + h - 1.5, x1 - x0, 1.5);
      ctx.fillRect(x0, y, Math.min(1.5, x1 - x0), h);
      if (x1 - x0 > 3) ctx.fillRect(x1 - 1.5, y, 1.5, h);
      label(`${name(object)} shared${times}`, x0 + 1, x1 - 1, p.text);
      return;
    }
    ctx.fillStyle = p.lock(object, depth);
    ctx.fillRect(x0, y, x1 - x0, h);
    label(`${name(object)}${times}`, x0, x1, '#fff');
  });
}

/* The group under x, if any (within tolerance px, since a hold may be thinner than a pixel). */
export function holdGroupAt(list: SpanList, v: Viewport, x: number, tolerance = 3): HoldGroup | null {
  let found: HoldGroup | null = null;
  forEachHoldGroup(list, v, (g) => {
    if (g.x0 > x + tolerance) return false;
    if (g.x1 >= x - tolerance) {
      found = g;
      return false;
    }
    return true;
  });
  return found;
}
