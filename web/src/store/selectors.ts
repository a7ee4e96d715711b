/* Named derivations from the store. Components read these; they never
   compute from raw state themselves. */
import type { RunSettings } from '../engine/core-types';
import type { ShareState } from '../share/codec';
import type { AppState } from './index';
import { memoOn, memoOnAll } from './memo';
import { summariseRun, type OutcomeSummary } from './outcome';
import type { RunBasis, RunState } from './runSlice';
import { manualChoiceSelector, momentIndexSelector, momentLineSelector, namerSelector, viewEventsSelector, type ManualChoice } from './traceSelectors';
import type { Namer } from '../trace/names';
import { lineMap, type LineMap } from './lineMap';
import { printLines } from '../trace/result';
import type { EntryPoint } from '../scenario/entry-points';
import { indicesOf, type EventList } from '../trace/events';

export type HighlightKind = 'bugcheck' | 'assertion' | 'deadlock' | 'leak' | 'finding' | 'moment' | 'thread'
  /* an exploration's (web/src/views/explore/marks.ts) */
  | 'race' | 'explored-deadlock';
export interface Highlight {
  line: number;
  kind: HighlightKind;
  label: string;
}

export const isRunningSelector = (s: AppState) => s.run.status === 'running';

export const runResultSelector = (s: AppState) => (s.run.status === 'finished' ? s.run.result : null);

const highlightsOf = memoOn((run: RunState): Highlight[] => {
  if (run.status !== 'finished') return [];
  const r = run.result;
  const out: Highlight[] = [];
  if (r.bugcheck && r.bugcheck.line > 0) {
    out.push({ line: r.bugcheck.line, kind: 'bugcheck', label: `Bug check ${r.bugcheck.code} ${r.bugcheck.name}` });
  }
  if (r.assertion && r.assertion.line > 0) {
    out.push({ line: r.assertion.line, kind: 'assertion', label: `Assertion failed: ${r.assertion.expression}` });
  }
  for (const t of r.deadlock?.threads ?? []) {
    if (t.line > 0) out.push({ line: t.line, kind: 'deadlock', label: `${t.thread} waits for ${t.waitingOn}` });
  }
  for (const leak of r.leaks) {
    if (leak.line > 0) out.push({ line: leak.line, kind: 'leak', label: `Leaked ${leak.bytes} bytes (tag ${leak.tag})` });
  }
  for (const f of r.findings) {
    for (const line of f.lines) if (line > 0) out.push({ line, kind: 'finding', label: `${f.name}: ${f.message}` });
  }
  return out;
});

/* The run's highlights, and the line of the selected moment when one is selected. */
const withMoment = memoOnAll((base: Highlight[], line: number): Highlight[] =>
  line > 0 ? [...base, { line, kind: 'moment', label: 'The selected moment of the trace' }] : base,
);
const mappedOn = memoOnAll((base: Highlight[], map: LineMap): Highlight[] =>
  base.flatMap((h) => {
    const line = map(h.line);
    return line === null ? [] : [line === h.line ? h : { ...h, line }];
  }),
);
/* In manual mode, a marker at each live thread's next line, so the choice can
   be read in the code (as The Deadlock Empire shows it). */
const threadMarksOn = memoOnAll((choice: ManualChoice | null, names: Namer): Highlight[] =>
  (choice?.options ?? [])
    .filter((o) => o.line > 0)
    .map((o) => {
      const who = names.thread(o.thread);
      return { line: o.line, kind: 'thread', label: o.enabled ? `${who} runs this line next` : `${who} is here (${o.reason})` };
    }),
);
const withThreads = memoOnAll((base: Highlight[], marks: Highlight[]): Highlight[] => (marks.length ? [...base, ...marks] : base));
const mappedThreads = memoOnAll((base: Highlight[], map: LineMap): Highlight[] =>
  base.flatMap((h) => {
    const line = map(h.line);
    return line === null ? [] : [line === h.line ? h : { ...h, line }];
  }),
);
export const highlightsSelector = (s: AppState) => {
  const map = lineMapSelector(s);
  const moment = s.moment !== null && viewEventsSelector(s).length > 0 ? (map(momentLineSelector(s)) ?? 0) : 0;
  const marks = mappedThreads(threadMarksOn(manualChoiceSelector(s), namerSelector(s)), map);
  return withMoment(withThreads(mappedOn(highlightsOf(s.run), map), marks), moment);
};

/* The source and settings the shown results were made from, when they no
   longer match the editor and the settings: 'source' or 'settings' (null: current). */
export type Staleness = 'source' | 'settings' | null;
const basisOf = (run: RunState) => (run.status === 'idle' || run.status === 'running' ? undefined : run.basis);
const sameSchedule = (a?: number[] | null, b?: number[] | null) => (a ?? []).length === (b ?? []).length && (a ?? []).every((x, i) => x === b![i]);
export const staleSelector = (s: AppState): Staleness => {
  const basis = basisOf(s.run);
  if (!basis) return null;
  if (basis.source !== s.source) return 'source';
  const now = runSettingsSelector(s);
  const was = basis.settings;
  const same = was.cpus === now.cpus && was.policy === now.policy && was.seed === now.seed && was.budget === now.budget && sameSchedule(was.schedule, now.schedule);
  return same ? null : 'settings';
};

/* Lines of the run's source where they are in today's (null: changed or removed). */
const IDENTITY: LineMap = (line) => line;
const lineMapOn = memoOnAll((before: string | undefined, after: string): LineMap => (before === undefined ? IDENTITY : lineMap(before, after)));
export const lineMapSelector = (s: AppState): LineMap => lineMapOn(basisOf(s.run)?.source, s.source);

/* The line an error outcome points at, revealed in the editor when a run ends. */
export function primaryLineOf(run: RunState): number | null {
  if (run.status !== 'finished') return null;
  const r = run.result;
  return r.bugcheck?.line || r.assertion?.line || r.deadlock?.threads[0]?.line || null;
}

export const runSettingsSelector = (s: AppState): RunSettings => {
  const { cpus, policy, seed, budget } = s.settings;
  return s.schedule ? { cpus, policy, seed, budget, schedule: s.schedule } : { cpus, policy, seed, budget };
};

export const shareStateSelector = (s: AppState): ShareState => ({
  source: s.source,
  ...s.settings,
  schedule: s.schedule,
  moment: s.moment,
  manual: s.manual,
});

export const errorCountSelector = (s: AppState) => s.diagnostics.filter((d) => d.severity === 'error').length;
export const warningCountSelector = (s: AppState) => s.diagnostics.filter((d) => d.severity === 'warning').length;

export const outcomeSelector = (s: AppState) => summariseOn(s.run);
const summariseOn = memoOn(summariseRun);

/* What the banner says. In manual mode the run went on past the pending
   choice under the policy; its outcome is not the user's yet, so the banner
   says what is being decided instead (and keeps its place in the layout). */
const pendingOn = memoOnAll((choice: number, picks: number): OutcomeSummary => ({
  tone: 'idle',
  title: `Manual scheduling: choice ${choice}`,
  detail: `${picks === 0 ? 'No picks yet' : `${picks} picks so far`}; pick who moves next. The outcome shows when no choice is left.`,
}));
export const bannerSelector = (s: AppState): OutcomeSummary => {
  const choice = s.manual && s.run.status === 'finished' ? manualChoiceSelector(s) : null;
  return choice ? pendingOn(choice.choice, s.schedule?.length ?? 0) : outcomeSelector(s);
};

export const MAX_CONSOLE_PRINTS = 5000;
export interface ConsoleText {
  text: string | null; /* null: nothing has run yet */
  dropped: number; /* prints left out at the start */
}
/* The console follows the selected moment: the DbgPrint output up to and
   including it, from the trace (the same lines as the result's prints when
   the moment is the last event). The PRINT events are found once per trace,
   so a step reads only them. */
const printsOf = memoOn((events: EventList) => indicesOf(events, 'PRINT'));
const printsUpTo = memoOnAll((run: RunState, events: EventList, moment: number): ConsoleText => {
  if (run.status !== 'finished') return { text: null, dropped: 0 };
  const at = printsOf(events);
  let upTo = 0, hi = at.length; /* the number of prints at or before the moment */
  while (upTo < hi) {
    const mid = (upTo + hi) >>> 1;
    if (at[mid]! <= moment) upTo = mid + 1;
    else hi = mid;
  }
  const prints = printLines(at.slice(0, upTo).map((i) => events.get(i)!));
  const dropped = Math.max(0, prints.length - MAX_CONSOLE_PRINTS);
  return { text: prints.slice(dropped).join('\n'), dropped };
});
export const consoleSelector = (s: AppState) => printsUpTo(s.run, viewEventsSelector(s), momentIndexSelector(s));

/** Whether the recorded schedule applies to what the next run will run. */
export type ScheduleFit =
  | { kind: 'fits' }
  | { kind: 'diverged'; from: number }
  | { kind: 'changed'; what: 'code' | 'settings' | 'code and settings' }
  | { kind: 'untried' };

const sameSettings = (a: RunSettings, b: RunSettings) =>
  a.cpus === b.cpus && a.policy === b.policy && a.seed === b.seed && a.budget === b.budget;

const fitOf = memoOnAll((schedule: number[] | null, run: RunState, source: string, settings: AppState['settings']): ScheduleFit | null => {
  if (!schedule) return null;
  const input: RunBasis | undefined = run.status === 'idle' ? undefined : run.basis;
  if (run.status !== 'finished' || !input || !sameSchedule(input.settings.schedule, schedule)) return { kind: 'untried' };
  const code = input.source !== source, machine = !sameSettings(input.settings, { ...settings });
  if (code || machine) return { kind: 'changed', what: code && machine ? 'code and settings' : code ? 'code' : 'settings' };
  return run.result.replay ? { kind: 'diverged', from: run.result.replay.divergedAt } : { kind: 'fits' };
});
export const scheduleFitSelector = (s: AppState) => fitOf(s.schedule, s.run, s.source, s.settings);

/* What the Export dialog may export. What ships is what was checked: the
   current text, once its latest check finished without an error, with the
   entry points that check found (the Code Tour names those, so code under
   `#if 0` never appears in it). */
export type ExportBasis =
  | { kind: 'checking' }
  | { kind: 'refused'; line: number; message: string }
  | { kind: 'ready'; source: string; entryPoints: EntryPoint[] };
const CHECKING: ExportBasis = { kind: 'checking' };
const exportBasisOn = memoOnAll((source: string, checked: string | null, diagnostics: AppState['diagnostics'], entryPoints: EntryPoint[] | null): ExportBasis => {
  if (checked !== source) return CHECKING;
  const error = diagnostics.find((d) => d.severity === 'error');
  if (error) return { kind: 'refused', line: error.line, message: error.message };
  return entryPoints ? { kind: 'ready', source, entryPoints } : CHECKING;
});
export const exportBasisSelector = (s: AppState): ExportBasis =>
  exportBasisOn(s.source, s.checkedSource, s.diagnostics, s.checkedEntryPoints);
