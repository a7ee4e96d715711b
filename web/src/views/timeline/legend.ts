/* What the timeline's colours and marks mean: one list, shown under the
   canvas and painted into the exported PNG. */
import { MARK, MARK_NAMES, STATE, STATE_NAMES } from '../../trace/timeline-model';
import type { Palette } from './colors';

export interface LegendItem {
  label: string;
  color: string;
  shape: 'bar' | 'outline' | 'mark' | 'line';
  fill?: string; /* an outline's inside */
}

export function legendItems(p: Palette): LegendItem[] {
  const states = [STATE.RUNNING, STATE.READY, STATE.WAITING, STATE.SPINNING, STATE.DPC].map((s) => ({ label: STATE_NAMES[s]!, color: p.state[s]!, shape: 'bar' as const }));
  return [
    ...states,
    { label: 'lock held exclusive (a hue per lock, darker ×n: recursion)', color: p.lock(2, 1), shape: 'bar' },
    { label: 'lock held shared (ERESOURCE readers)', color: p.lock(2, 1), fill: p.lockShared(2), shape: 'outline' },
    { label: '"N holds": too short to draw apart, zoom in', color: p.lockDense(2), shape: 'bar' },
    { label: 'IRQL: PASSIVE', color: p.irql(0), shape: 'bar' },
    { label: 'DISPATCH', color: p.irql(2), shape: 'bar' },
    ...[MARK.PRINT, MARK.FINDING, MARK.DEADLOCK, MARK.BUGCHECK, MARK.LEAK].map((m) => ({ label: MARK_NAMES[m]!, color: p.marker[m]!, shape: 'mark' as const })),
    { label: 'wakes', color: p.arrow, shape: 'line' },
  ];
}

export const LEGEND_H = 22;

/* The legend in one or more rows at (0, y) across `width` CSS pixels; returns its height. */
export function paintLegend(ctx: CanvasRenderingContext2D, items: LegendItem[], p: Palette, y: number, width: number): number {
  ctx.font = '11px system-ui, sans-serif';
  ctx.textBaseline = 'middle';
  let x = 8;
  let row = 0;
  for (const it of items) {
    const w = 16 + ctx.measureText(it.label).width + 14;
    if (x + w > width && x > 8) { x = 8; row++; }
    const cy = y + row * LEGEND_H + LEGEND_H / 2;
    ctx.fillStyle = it.color;
    ctx.strokeStyle = it.color;
    if (it.shape === 'bar') ctx.fillRect(x, cy - 4, 12, 8);
    else if (it.shape === 'outline') { ctx.fillRect(x, cy - 4, 12, 8); ctx.fillStyle = it.fill ?? p.bg; ctx.fillRect(x + 1.5, cy - 2.5, 9, 5); }
    else if (it.shape === 'mark') { ctx.beginPath(); ctx.moveTo(x + 6, cy - 6); ctx.lineTo(x + 11, cy + 5); ctx.lineTo(x + 1, cy + 5); ctx.closePath(); ctx.fill(); }
    else { ctx.beginPath(); ctx.moveTo(x, cy); ctx.lineTo(x + 12, cy); ctx.stroke(); }
    ctx.fillStyle = p.text;
    ctx.fillText(it.label, x + 16, cy);
    x += w;
  }
  return (row + 1) * LEGEND_H;
}
