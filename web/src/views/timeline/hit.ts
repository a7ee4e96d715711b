/* What is under the pointer: a marker, a lock hold, an IRQL band or a state
   span, and the words that describe it. */
import { lowerBound, type SpanList } from '../../trace/spans';
import { holdDepth, isSharedHold, MARK_NAMES, STATE_NAMES, type Lane, type TimelineModel } from '../../trace/timeline-model';
import { holdGroupAt } from './holds';
import { irqlName } from '../../trace/names';
import { HOLD_H, IRQL_H, STATE_H, LABEL_W, tOf, type Row, type Viewport } from './layout';
import { formatNs } from './paint';

export interface Hit {
  event: number; /* the event to select on click */
  text: string;
}

/* The first span within `tol` of t: at a wide zoom spans are thinner than a pixel. */
function spanAt(list: SpanList, t: number, tol: number): number {
  const i = lowerBound(list.end, t - tol);
  return i < list.length && list.start[i]! <= t + tol ? i : -1;
}

const range = (list: SpanList, i: number) => {
  const s = list.start[i]!;
  const e = list.end[i]!;
  return Number.isFinite(e) ? `${formatNs(s)} – ${formatNs(e)} (${formatNs(e - s)})` : `from ${formatNs(s)} to the end of the run`;
};

function laneName(lane: Lane): string {
  return lane.label;
}

export function hitTest(model: TimelineModel, rows: Row[], v: Viewport, x: number, y: number): Hit | null {
  if (x < LABEL_W) return null;
  const row = rows.find((r) => y >= r.y - v.scrollY && y < r.y - v.scrollY + r.height);
  if (!row) return null;
  const lane = row.lane;
  const t = tOf(v, x);
  const tol = (3 / Math.max(1, v.width - LABEL_W)) * (v.t1 - v.t0); /* 3 px */
  const dy = y - (row.y - v.scrollY);
  const name = model.names.object;
  if (dy < STATE_H) {
    const m = lane.markers;
    const k = lowerBound(m.time, t - tol);
    if (k < m.length && m.time[k]! <= t + tol) {
      return { event: m.event[k]!, text: `${laneName(lane)} · ${MARK_NAMES[m.kind[k]!]} at ${formatNs(m.time[k]!)}` };
    }
    const i = spanAt(lane.states, t, tol);
    if (i < 0) return null;
    const state = lane.states.value[i]!;
    const object = lane.states.object[i]!;
    const on = lane.cpu !== null && object > 0 && state === 2 ? ` ${model.names.thread(object)}` : object > 0 ? ` on ${name(object)}` : '';
    return { event: lane.states.event[i]!, text: `${laneName(lane)} · ${STATE_NAMES[state]}${on} · ${range(lane.states, i)}` };
  }
  if (dy < STATE_H + IRQL_H) {
    const i = spanAt(lane.irql, t, tol);
    return i < 0 ? null : { event: lane.irql.event[i]!, text: `${laneName(lane)} · ${irqlName(lane.irql.value[i]!)} · ${range(lane.irql, i)}` };
  }
  const level = lane.holds[Math.floor((dy - STATE_H - IRQL_H - 1) / (HOLD_H + 1))];
  if (!level) return null;
  const group = holdGroupAt(level, v, x);
  if (!group) return null;
  const i = group.first;
  if (group.count > 1) {
    const last = i + group.count - 1;
    let one = true;
    for (let k = i + 1; k <= last && one; k++) one = level.object[k] === level.object[i];
    const what = one ? name(level.object[i]!) : `${name(level.object[i]!)} and others`;
    /* a click selects the hold of the group nearest the pointer */
    const near = Math.min(last, Math.max(i, lowerBound(level.end, t, i, last + 1)));
    return {
      event: level.event[near]!,
      text: `${laneName(lane)} · ${group.count} holds of ${what} · ${formatNs(level.start[i]!)} – ${formatNs(level.end[last]!)} · zoom in to see each`,
    };
  }
  const value = level.value[i]!;
  return {
    event: level.event[i]!,
    text: `${laneName(lane)} · holds ${name(level.object[i]!)} ${isSharedHold(value) ? 'shared' : 'exclusive'} (depth ${holdDepth(value)}) · ${range(level, i)}`,
  };
}
