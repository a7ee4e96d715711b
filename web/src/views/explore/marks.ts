/* The editor's marks for an exploration (docs/explorer.md): both lines of
   each data race, and the lines where the threads of a deadlock wait, with
   hover text that says what was found. The marks follow the user's edits like
   a run's (a changed or removed line loses its mark, the others move with
   their lines) and say so when the exploration was of an older version of
   the code. */
import type { ExploreResult } from '../../engine/core-types';
import { lineMap } from '../../store/lineMap';
import type { Highlight } from '../../store/selectors';

const UNORDERED = 'nothing orders them: no lock, interlocked operation, wait, or thread start or end';
const BEFORE_EDIT = '(Found before your last edit: explore again to check the code as it is.)';

/** The marks of `result`, an exploration of `explored`, on the lines of `current`. */
export function exploreMarks(result: ExploreResult, explored: string, current: string): Highlight[] {
  const map = explored === current ? (line: number) => line : lineMap(explored, current);
  const edited = explored !== current;
  const byLine = new Map<string, Highlight>();
  const add = (at: number, kind: Highlight['kind'], label: string) => {
    const line = at > 0 ? map(at) : null;
    if (line === null) return;
    const key = `${kind}:${line}`, seen = byLine.get(key);
    if (!seen) byLine.set(key, { line, kind, label });
    else if (!seen.label.split('\n\n').includes(label)) seen.label += `\n\n${label}`;
  };
  const lineWords = (at: number) => {
    const line = map(at);
    return line === null ? 'a line changed since' : `line ${line}`;
  };
  for (const r of result.races) {
    if (r.lines[0] === r.lines[1]) {
      const bytes = r.variable ? (r.pool ? `these ${r.bytes} bytes of ${r.variable}` : r.variable) : `these ${r.bytes} bytes`;
      const what = r.kinds[0] === r.kinds[1] ? `${r.kinds[0]} ${bytes}` : `read and write ${bytes}`;
      add(r.lines[0], 'race', `Data race: two threads can ${what} here at the same time; ${UNORDERED}.`);
      continue;
    }
    for (const mine of [0, 1] as const) {
      const other = 1 - mine;
      add(r.lines[mine], 'race',
        `Data race: this ${r.kinds[mine]} and the ${r.kinds[other]} at ${lineWords(r.lines[other])} touch the same ${r.bytes} bytes`
        + `${r.variable ? ` (${r.pool ? '' : 'of '}${r.variable})` : ''} from different threads; ${UNORDERED}.`);
    }
  }
  for (const o of result.outcomes) {
    if (!o.deadlock) continue;
    const how = `${o.count.toLocaleString('en-US')} of ${result.schedules.toLocaleString('en-US')} schedules explored; Show in the Exploration panel replays one`;
    for (const t of o.deadlock.threads) {
      const n = t.name ?? t; /* the code's names when the explorer gave them */
      add(t.line, 'explored-deadlock',
        `Deadlock (${how}): ${n.thread} waits here for ${n.waitingOn ?? 'an object'}${n.ownedBy ? `, held by ${n.ownedBy}` : ''}.`);
    }
  }
  const marks = [...byLine.values()];
  return edited ? marks.map((h) => ({ ...h, label: `${h.label}\n\n${BEFORE_EDIT}` })) : marks;
}
