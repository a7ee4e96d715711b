/* A run's trace made ready for the views where it is decoded (the run
   worker), once: the columns, the names, the timeline model and the moment
   checkpoints, all typed arrays or plain data that cross to the UI thread by
   transfer or a cheap copy. The UI thread makes no event object until a view
   keeps one (./events.ts) and never decodes the trace again. */
import { decodeColumns, type TraceColumns } from './decode';
import { ColumnEvents } from './events';
import { MomentMachine, type MomentCheckpoints } from './moment';
import { nameTables, namerOf, type CodeNames, type NameTables, type Namer } from './names';
import type { SpanList, MarkerList } from './spans';
import { deriveTimeline, type TimelineData, type TimelineModel } from './timeline-model';

export interface PreparedTrace {
  columns: TraceColumns;
  names: NameTables;
  timeline: TimelineData;
  checkpoints: MomentCheckpoints;
}

/** What the views get: the prepared trace, or why the trace could not be read. */
export type DecodedTrace = PreparedTrace | { error: string };

/** Everything the views derive from a whole trace, from its columns. */
export function prepareColumns(columns: TraceColumns, code?: CodeNames | null): PreparedTrace {
  const events = new ColumnEvents(columns);
  const names = nameTables(events, code);
  const { names: _namer, ...timeline } = deriveTimeline(events, namerOf(names));
  const machine = new MomentMachine(events).seek(events.length - 1);
  return { columns, names, timeline, checkpoints: machine.saved };
}

/** The same from the binary trace; a trace that cannot be read gives the reason. */
export function prepareTrace(bytes: Uint8Array, code?: CodeNames | null): DecodedTrace {
  try {
    return prepareColumns(decodeColumns(bytes), code);
  } catch (err) {
    return { error: err instanceof Error ? err.message : String(err) };
  }
}

const spanBuffers = (s: SpanList) => [s.start, s.end, s.value, s.object, s.event];
const markerBuffers = (m: MarkerList) => [m.time, m.kind, m.event];

/** The buffers to transfer with a prepared trace (each once, as postMessage requires). */
export function transferablesOf(decoded: DecodedTrace): ArrayBuffer[] {
  if ('error' in decoded) return [];
  const { columns: c, timeline: t } = decoded;
  const arrays: ArrayBufferView[] = [c.kind, c.time, c.cpu, c.thread, c.object, c.a, c.b, c.loc, c.textEnd, c.cand, c.candEnd,
    t.eventTime, t.eventThread, t.arrows.time, t.arrows.from, t.arrows.to, t.arrows.event];
  for (const lane of [...t.threadLanes, ...t.cpuLanes]) {
    arrays.push(...spanBuffers(lane.states), ...spanBuffers(lane.irql), ...markerBuffers(lane.markers));
    for (const h of lane.holds) arrays.push(...spanBuffers(h));
  }
  const buffers = new Set<ArrayBuffer>();
  for (const a of arrays) if (a.buffer instanceof ArrayBuffer) buffers.add(a.buffer);
  return [...buffers];
}

/** What a prepared trace gives the views on the UI thread: made in no time. */
export interface LoadedTrace {
  events: ColumnEvents;
  namer: Namer;
  timeline: TimelineModel;
  checkpoints: MomentCheckpoints;
}

export function loadPrepared(p: PreparedTrace): LoadedTrace {
  const namer = namerOf(p.names);
  return { events: new ColumnEvents(p.columns), namer, timeline: { ...p.timeline, names: namer }, checkpoints: p.checkpoints };
}

const FLOAT_COLUMNS = ['time', 'thread', 'object', 'a', 'b', 'loc'] as const;

/** Why a prepared trace from another thread cannot be used (null: it can). Checks
    the shapes the views index by, cheaply; the worker made it, so this guards
    against a broken or foreign worker, not against the trace. */
export function preparedProblem(value: unknown): string | null {
  if (typeof value !== 'object' || value === null) return 'not an object';
  if ('error' in value) return typeof value.error === 'string' ? null : 'error is not a string';
  const p = value as Partial<PreparedTrace>;
  const c = p.columns;
  if (!c || typeof c.length !== 'number') return 'no columns';
  if (!(c.kind instanceof Uint8Array) || !(c.cpu instanceof Uint8Array)) return 'kind or cpu is not a Uint8Array';
  for (const k of FLOAT_COLUMNS) if (!(c[k] instanceof Float64Array) || c[k].length !== c.length) return `column ${k} is malformed`;
  if (c.kind.length !== c.length || c.cpu.length !== c.length) return 'columns differ in length';
  if (!(c.textEnd instanceof Uint32Array) || c.textEnd.length !== c.length || typeof c.text !== 'string') return 'text is malformed';
  if (c.length > 0 && c.textEnd[c.length - 1]! > c.text.length) return 'text is shorter than its ends';
  if (!(c.candEnd instanceof Uint32Array) || c.candEnd.length !== c.length || !(c.cand instanceof Float64Array)) return 'candidates are malformed';
  if (c.length > 0 && c.candEnd[c.length - 1]! > c.cand.length) return 'candidates are shorter than their ends';
  if (!(c.rare instanceof Map)) return 'rare is not a Map';
  const t = p.timeline;
  if (!t || !Array.isArray(t.threadLanes) || !Array.isArray(t.cpuLanes) || t.eventCount !== c.length) return 'timeline is malformed';
  if (!(p.checkpoints instanceof Map)) return 'checkpoints is not a Map';
  const n = p.names;
  if (!n || ![n.types, n.routines, n.variables, n.dpcs, n.threadOf].every((m) => m instanceof Map)) return 'names are malformed';
  return null;
}
