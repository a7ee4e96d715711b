/* The grader, one for the CLI and the browser. It decides from runs and
   explorations only, given as functions, so the CLI passes the WebAssembly
   core in-process and the app its workers:
   - break: one run of the attempt (with the player's schedule, if any) must
     show the lesson's failure;
   - fix: the explorer must cover every schedule and find no failure named by
     the lesson; the first failing schedule is returned as the witness;
   - predict: the answer must be what a run of the lesson's scenario shows. */
import { raceMessage } from '../explore/memory-names';
import type { ExploreRace, RunResult, RunSettings } from '../engine/core-types';
import type { Failure, Lesson } from './lesson';
import { formatPicks, type LessonSchedule } from './schedule';

export interface Witness {
  /** The schedule that replays the failure (`--schedule`, manual picks). */
  schedule: string;
  outcome: string;
  /** What goes wrong in it, in a sentence. */
  summary: string;
}

export interface Grade {
  passed: boolean;
  message: string;
  witness?: Witness;
}

/** One distinct outcome of an exploration, as `wdkm explore --json` lists it. */
export interface ExploredOutcome {
  outcome: string;
  status: string | null;
  prints: string[];
  bugcheck: RunResult['bugcheck'];
  deadlock: RunResult['deadlock'];
  assertion: RunResult['assertion'];
  leaks: RunResult['leaks'];
  count: number;
  schedule: string;
}

export interface ExploreReport {
  complete: boolean;
  schedules: number;
  outcomes: ExploredOutcome[];
  races: ExploreRace[];
}

export type Ran<T> = { ok: true; value: T } | { ok: false; message: string };

export interface GradeDeps {
  /** Compiles and runs a scenario; a scenario that does not compile is `{ok: false}` with the first error. */
  run: (source: string, settings: RunSettings) => Promise<Ran<RunResult>>;
  /** Explores every schedule of a scenario; absent where no explorer is available. */
  explore?: (source: string, settings: RunSettings) => Promise<Ran<ExploreReport>>;
}

export interface Attempt {
  /** C for break and fix lessons, the chosen answer for predict lessons. */
  text: string;
  /** break: the picks to replay (the rest of the run follows the lesson's policy). */
  schedule?: number[];
  /** Set when the schedule is the explorer's: replay it under the explore policy on this many CPUs. */
  exploreCpus?: number;
}

/** The attempt as the lesson's own files give it: the start, or the solution (with its schedule). */
export function lessonAttempt(lesson: Lesson, which: 'start' | 'solution', parse: (s: string) => LessonSchedule | string): Attempt {
  const text = lesson.sources[which];
  if (which === 'solution' && lesson.sources.solutionSchedule !== undefined) {
    const s = parse(lesson.sources.solutionSchedule);
    if (typeof s === 'string') throw new Error(`${lesson.id}/solution.schedule: ${s}`);
    return withSchedule({ text }, s);
  }
  return { text };
}

/** An attempt with a parsed schedule. */
export function withSchedule(attempt: Attempt, s: LessonSchedule): Attempt {
  return s.exploreCpus === null ? { ...attempt, schedule: s.choices } : { ...attempt, schedule: s.choices, exploreCpus: s.exploreCpus };
}

const squash = (s: string) => s.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, '').replace(/\s+/g, '');
const withoutComments = (s: string) => s.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, ' ');

/* The stated limits on the code: a schedule-only lesson keeps the start's
   code; `keep:` lines stay; `forbid:` patterns stay out. */
function limits(lesson: Lesson, code: string): string | null {
  const g = lesson.goalSpec;
  if (g.kind === 'break' && g.edits === 'none' && squash(code) !== squash(lesson.sources.start)) {
    return 'This lesson is solved by choosing the schedule alone: the code must stay as given (reset it to the start).';
  }
  const flat = squash(code);
  for (const line of g.keep) {
    if (!flat.includes(squash(line))) return `The code must still contain \`${line}\`.`;
  }
  const bare = withoutComments(code);
  for (const f of g.forbid) {
    const m = f.exec(bare);
    if (m) return `This lesson does not allow \`${m[0]}\` in the code.`;
  }
  return null;
}

/** What a run shows, in a few words: "ended in a deadlock (2 threads)". */
export function describeRun(r: Pick<RunResult, 'status' | 'bugcheck' | 'deadlock' | 'assertion' | 'leaks' | 'prints'> & { outcome: string }): string {
  switch (r.outcome) {
    case 'bugcheck':
      return `bug-checked with ${r.bugcheck?.code ?? '?'}${r.bugcheck?.name ? ` (${r.bugcheck.name})` : ''}${r.bugcheck?.line ? ` at line ${r.bugcheck.line}` : ''}`;
    case 'deadlock': {
      const n = r.deadlock?.threads.length ?? 0;
      const lines = [...new Set(r.deadlock?.threads.map((t) => t.line) ?? [])].filter((l) => l > 0);
      return `ended in a deadlock (${n} thread${n === 1 ? '' : 's'} waiting${lines.length ? `, at line${lines.length > 1 ? 's' : ''} ${lines.join(', ')}` : ''})`;
    }
    case 'assertion':
      return `failed ASSERT(${r.assertion?.expression ?? '?'}) at line ${r.assertion?.line ?? '?'}`;
    case 'budget':
      return 'ran out of its step budget (an endless loop or a livelock)';
    case 'completed': {
      const leak = r.leaks.length ? `, leaking ${r.leaks.map((l) => `${l.bytes} bytes (tag ${l.tag}, line ${l.line})`).join(', ')}` : '';
      const last = r.prints.length ? `, printing "${r.prints[r.prints.length - 1]}"` : '';
      return `completed with status ${r.status ?? '?'}${last}${leak}`;
    }
    default:
      return `ended as ${r.outcome}`;
  }
}

function meetsExpect(lesson: Lesson, r: RunResult): boolean {
  const e = lesson.goalSpec.expect;
  if (e.outcome !== undefined && r.outcome !== e.outcome) return false;
  if (e.bugcheck !== undefined && r.bugcheck?.code !== e.bugcheck) return false;
  if (e.print !== undefined && !r.prints.some((p) => e.print!.test(p))) return false;
  if (e.leak && r.leaks.length === 0) return false;
  if (e.finding !== undefined && !r.findings.some((f) => f.name === e.finding)) return false;
  return true;
}

async function gradeBreak(lesson: Lesson, attempt: Attempt, deps: GradeDeps): Promise<Grade> {
  const settings: RunSettings = { ...lesson.settings, schedule: attempt.schedule ?? [] };
  if (attempt.exploreCpus !== undefined) Object.assign(settings, { policy: 'explore', cpus: attempt.exploreCpus });
  const ran = await deps.run(attempt.text, settings);
  if (!ran.ok) return { passed: false, message: ran.message };
  const r = ran.value;
  const sched = attempt.schedule?.length ? ` with the schedule ${formatPicks(attempt.schedule)}` : '';
  if (r.replay) {
    return { passed: false, message: `The schedule ${formatPicks(attempt.schedule ?? [])} names a thread that could not move at choice ${r.replay.divergedAt + 1}: pick only among the candidates.` };
  }
  if (meetsExpect(lesson, r)) return { passed: true, message: `Broken as asked: the run${sched} ${describeRun(r)}.` };
  return { passed: false, message: `Not broken yet: the run${sched} ${describeRun(r)}. Goal: ${lesson.goal}` };
}

/* Which of the lesson's failures an explored outcome shows, if any. */
function failureOf(lesson: Lesson, o: ExploredOutcome): Failure | 'print' | null {
  const prove = new Set(lesson.goalSpec.prove);
  if (o.outcome === 'deadlock' && prove.has('deadlock')) return 'deadlock';
  if (o.outcome === 'bugcheck' && prove.has('bugcheck')) return 'bugcheck';
  if (o.outcome === 'assertion' && prove.has('assertion')) return 'assertion';
  if (o.outcome === 'budget' && prove.has('budget')) return 'budget';
  if (o.outcome !== 'completed') return null;
  if (prove.has('leak') && o.leaks.length > 0) return 'leak';
  if (prove.has('status') && o.status !== null && (parseInt(o.status, 16) >>> 0) >= 0x80000000) return 'status';
  for (const p of lesson.goalSpec.mustPrint) if (!o.prints.some((line) => p.test(line))) return 'print';
  return null;
}

async function gradeFix(lesson: Lesson, attempt: Attempt, deps: GradeDeps): Promise<Grade> {
  if (!deps.explore) return { passed: false, message: 'This fix-it lesson is graded by exploring every schedule, and no explorer is available here.' };
  const explored = await deps.explore(attempt.text, lesson.settings);
  if (!explored.ok) return { passed: false, message: explored.message };
  const rep = explored.value;
  for (const o of rep.outcomes) {
    const f = failureOf(lesson, o);
    if (f === null) continue;
    const summary = f === 'print'
      ? `${describeRun(o)}, without the line the lesson requires`
      : describeRun(o);
    const share = `${o.count} of ${rep.schedules} schedule${rep.schedules === 1 ? '' : 's'}`;
    return {
      passed: false,
      message: `Not fixed: in ${share} the driver ${summary}. Replay the witness schedule to see it.`,
      witness: { schedule: o.schedule, outcome: o.outcome, summary },
    };
  }
  if (lesson.goalSpec.prove.includes('race') && rep.races.length > 0) {
    const race = rep.races[0]!;
    return { passed: false, message: `Not fixed: a data race remains between lines ${race.lines.join(' and ')}: ${raceMessage(race)}` };
  }
  if (!rep.complete) {
    return { passed: false, message: `The explorer could not cover every schedule within the lesson's bounds (${rep.schedules} run): make the fix simpler so that it can prove it.` };
  }
  return { passed: true, message: `Proved: all ${rep.schedules} schedule${rep.schedules === 1 ? '' : 's'} the explorer ran end cleanly${lesson.goalSpec.prove.includes('race') ? ', with no data race' : ''}.` };
}

/** The value a predict lesson asks about, from a run. */
export function actualAnswer(lesson: Lesson, r: RunResult): string {
  switch (lesson.goalSpec.ask) {
    case 'outcome': return r.outcome;
    case 'bugcheck': return r.bugcheck?.code ?? 'none';
    case 'status': return r.status ?? 'none';
    case 'print': return r.prints[r.prints.length - 1] ?? '(nothing)';
    default: return '';
  }
}

async function gradePredict(lesson: Lesson, attempt: Attempt, deps: GradeDeps): Promise<Grade> {
  const answer = attempt.text.trim();
  const choices = lesson.goalSpec.choices;
  if (answer === '') return { passed: false, message: `Choose an answer first: ${choices.map((c) => `"${c}"`).join(', ')}.` };
  if (!choices.includes(answer)) return { passed: false, message: `"${answer}" is not one of the answers: ${choices.map((c) => `"${c}"`).join(', ')}.` };
  const ran = await deps.run(lesson.sources.scenario ?? '', lesson.settings);
  if (!ran.ok) return { passed: false, message: `The lesson's scenario does not run: ${ran.message}` };
  const actual = actualAnswer(lesson, ran.value);
  if (!choices.includes(actual)) return { passed: false, message: `The run gave "${actual}", which is none of the lesson's answers: the lesson needs updating.` };
  if (actual === answer) return { passed: true, message: `Right: the run ${describeRun(ran.value)}.` };
  return { passed: false, message: `Not this time: you said "${answer}", and the run ${describeRun(ran.value)}.` };
}

export async function grade(lesson: Lesson, attempt: Attempt, deps: GradeDeps): Promise<Grade> {
  if (lesson.kind !== 'predict') {
    const broken = limits(lesson, attempt.text);
    if (broken) return { passed: false, message: broken };
  }
  if (lesson.kind === 'break') return gradeBreak(lesson, attempt, deps);
  if (lesson.kind === 'fix') return gradeFix(lesson, attempt, deps);
  return gradePredict(lesson, attempt, deps);
}
