/* Checks a Chrome Trace Event file for what makes Perfetto and chrome://tracing
   drop or misdraw events: fields of the right types, every B ended by an E of
   the same name on its own track (properly nested, none left open), time
   never decreasing along a track or a counter, and every flow's start and end
   present once, each inside a slice it can bind to. Returns the problems
   found, empty for a good file. */

const PHASES = new Set(['B', 'E', 'i', 'C', 's', 'f', 'M', 'X']);

interface Loose {
  name?: unknown; ph?: unknown; ts?: unknown; pid?: unknown; tid?: unknown; id?: unknown; s?: unknown;
  args?: Record<string, unknown>;
}

export function checkChromeTrace(json: string): string[] {
  const problems: string[] = [];
  let doc: { traceEvents?: unknown };
  try {
    doc = JSON.parse(json) as { traceEvents?: unknown };
  } catch (e) {
    return [`not JSON: ${(e as Error).message}`];
  }
  if (!Array.isArray(doc.traceEvents)) return ['no traceEvents array'];
  const stacks = new Map<string, string[]>();
  const lastTs = new Map<string, number>();
  const flows = new Map<string, { s: number; f: number }>();
  (doc.traceEvents as Loose[]).forEach((e, i) => {
    const where = `event ${i} (${String(e.ph)} ${String(e.name)})`;
    if (typeof e.name !== 'string' || typeof e.ph !== 'string' || !PHASES.has(e.ph)) {
      problems.push(`${where}: bad name or phase`);
      return;
    }
    if (typeof e.pid !== 'number' || typeof e.tid !== 'number') problems.push(`${where}: pid and tid must be numbers`);
    if (e.ph === 'M') return;
    if (typeof e.ts !== 'number' || !Number.isFinite(e.ts) || e.ts < 0) {
      problems.push(`${where}: ts must be a non-negative number`);
      return;
    }
    const track = `${String(e.pid)}/${String(e.tid)}`;
    const series = e.ph === 'C' ? `C ${e.name} ${Object.keys(e.args ?? {}).join()}`
      : e.ph === 'i' && e.s === 'p' ? `p ${String(e.pid)}` : track;
    if (e.ts < (lastTs.get(series) ?? 0)) problems.push(`${where}: ts ${e.ts} goes back on ${series}`);
    lastTs.set(series, e.ts);
    const stack = stacks.get(track) ?? [];
    stacks.set(track, stack);
    if (e.ph === 'B') stack.push(e.name);
    if (e.ph === 'E') {
      const open = stack.pop();
      if (open !== e.name) problems.push(`${where}: ends '${String(open)}' on ${track}`);
    }
    if (e.ph === 's' || e.ph === 'f') {
      if (typeof e.id !== 'number') problems.push(`${where}: flow without a numeric id`);
      if (!stack.length) problems.push(`${where}: flow outside any slice on ${track}, viewers drop it`);
      const key = String(e.id);
      const f = flows.get(key) ?? { s: 0, f: 0 };
      f[e.ph]++;
      flows.set(key, f);
    }
  });
  for (const [track, stack] of stacks) if (stack.length) problems.push(`${track}: ${stack.length} slice(s) never ended: ${stack.join(', ')}`);
  for (const [id, f] of flows) if (f.s !== 1 || f.f !== 1) problems.push(`flow ${id}: ${f.s} start(s), ${f.f} end(s)`);
  return problems;
}
