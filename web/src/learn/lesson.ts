/* A lesson as its folder holds it: `lessons/NN-id/lesson.md` (a header of
   `key: value` lines between `---` lines, the text in Markdown, then one
   `## Hint` section per hint) beside its C files. Parsing is pure (no file
   system): the CLI reads the folder, the app bundles it at build time. */
import { DEFAULT_SETTINGS } from './settings';
import type { RunSettings } from '../engine/core-types';
import { OUTCOME_NAMES, type Outcome } from '../trace/kinds';

export type LessonKind = 'break' | 'fix' | 'predict';

/** What a run must show for a break-it lesson: every field given must hold. */
export interface Expect {
  outcome?: Outcome;
  bugcheck?: string;
  print?: RegExp;
  leak?: boolean;
  finding?: string;
}

/** The failures a fix-it lesson's explorer must find in no schedule. */
export const FAILURES = ['deadlock', 'bugcheck', 'assertion', 'budget', 'leak', 'race', 'status'] as const;
export type Failure = (typeof FAILURES)[number];

export type Ask = 'outcome' | 'print' | 'bugcheck' | 'status';

export interface Goal {
  kind: LessonKind;
  /** break: what the run must show. */
  expect: Expect;
  /** break: `none` allows only a schedule (the code must stay the start's); `code` allows edits within keep/forbid. */
  edits: 'none' | 'code';
  /** Lines the attempt must still contain (compared without spaces). */
  keep: string[];
  /** Patterns the attempt must not contain. */
  forbid: RegExp[];
  /** fix: the failures that must be absent from every schedule (all of FAILURES unless `prove:` narrows them). */
  prove: Failure[];
  /** fix: the prints every schedule's run must have (each a regular expression matched against a whole line). */
  mustPrint: RegExp[];
  /** predict: what is asked, and the answers offered. */
  ask?: Ask;
  choices: string[];
}

export interface LessonFiles {
  /** The player's starting file: C for break and fix, the answer (text) for predict. */
  start: string;
  /** The lesson's own answer, in the same form as start. */
  solution: string;
  /** predict: the scenario whose run is predicted. */
  scenario?: string;
  /** break: the schedule that, with the solution's code, reaches the goal (when the solution is a schedule). */
  solutionSchedule?: string;
}

export interface Lesson {
  id: string;
  order: number;
  title: string;
  kind: LessonKind;
  /** One sentence: what passes. */
  goal: string;
  /** The topic, for the list. */
  topic: string;
  /** Markdown, without the header and the hints. */
  text: string;
  hints: string[];
  goalSpec: Goal;
  settings: RunSettings;
  /** Names of the files in the lesson's folder. */
  files: { start: string; solution: string; scenario?: string; solutionSchedule?: string };
  /** Their contents. */
  sources: LessonFiles;
}

export class LessonFormatError extends Error {}

const KINDS: readonly LessonKind[] = ['break', 'fix', 'predict'];
const ASKS: readonly Ask[] = ['outcome', 'print', 'bugcheck', 'status'];
const KNOWN_KEYS = new Set(['title', 'kind', 'goal', 'topic', 'expect', 'edits', 'keep', 'forbid', 'prove', 'must-print', 'ask', 'choice', 'cpus', 'policy', 'seed', 'budget']);

/** `NN-some-id` -> { order: NN, id: 'some-id' } */
export function folderName(folder: string): { order: number; id: string } {
  const m = /^(\d+)-([a-z0-9][a-z0-9-]*)$/.exec(folder);
  if (!m) throw new LessonFormatError(`lesson folder '${folder}': expected NN-id (digits, a dash, then lower-case letters, digits and dashes)`);
  return { order: Number(m[1]), id: m[2]! };
}

function regex(folder: string, key: string, text: string): RegExp {
  try {
    return new RegExp(text);
  } catch (e) {
    throw new LessonFormatError(`${folder}/lesson.md: ${key}: not a regular expression: ${(e as Error).message}`);
  }
}

function parseExpect(folder: string, text: string): Expect {
  const expect: Expect = {};
  /* key=value pairs separated by spaces; print= takes the rest of the line, as a regular expression */
  const printAt = text.indexOf('print=');
  const head = printAt >= 0 ? text.slice(0, printAt) : text;
  if (printAt >= 0) expect.print = regex(folder, 'expect print', text.slice(printAt + 6).trim());
  for (const pair of head.split(/\s+/).filter(Boolean)) {
    const [k, v] = pair.split('=', 2) as [string, string | undefined];
    if (k === 'outcome' && v && (OUTCOME_NAMES as readonly string[]).includes(v)) expect.outcome = v as Outcome;
    else if (k === 'bugcheck' && v && /^0x[0-9A-F]{8}$/.test(v)) expect.bugcheck = v;
    else if (k === 'leak' && v === undefined) expect.leak = true;
    else if (k === 'finding' && v) expect.finding = v;
    else throw new LessonFormatError(`${folder}/lesson.md: expect: cannot read '${pair}' (outcome=${OUTCOME_NAMES.join('|')}, bugcheck=0xXXXXXXXX, leak, finding=NAME, print=REGEX last)`);
  }
  return expect;
}

function splitHeader(folder: string, md: string): { header: [string, string][]; body: string } {
  const m = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(md);
  if (!m) throw new LessonFormatError(`${folder}/lesson.md: must begin with a header between '---' lines`);
  const header: [string, string][] = [];
  for (const line of m[1]!.split(/\r?\n/)) {
    if (!line.trim()) continue;
    const colon = line.indexOf(':');
    if (colon <= 0) throw new LessonFormatError(`${folder}/lesson.md: header line '${line}' is not 'key: value'`);
    const key = line.slice(0, colon).trim();
    if (!KNOWN_KEYS.has(key)) throw new LessonFormatError(`${folder}/lesson.md: unknown header key '${key}'`);
    header.push([key, line.slice(colon + 1).trim()]);
  }
  return { header, body: md.slice(m[0].length) };
}

function integer(folder: string, key: string, v: string, min: number, max: number): number {
  const n = /^\d+$/.test(v) ? Number(v) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) throw new LessonFormatError(`${folder}/lesson.md: ${key}: expected an integer from ${min} to ${max}`);
  return n;
}

/**
 * Parses one lesson. `files` maps the names in the lesson's folder to their
 * text; the folder name gives the id and the order.
 */
export function parseLesson(folder: string, files: Record<string, string>): Lesson {
  const { order, id } = folderName(folder);
  const md = files['lesson.md'];
  if (md === undefined) throw new LessonFormatError(`${folder}: no lesson.md`);
  const { header, body } = splitHeader(folder, md);
  const one = (key: string): string | undefined => {
    const all = header.filter(([k]) => k === key);
    if (all.length > 1) throw new LessonFormatError(`${folder}/lesson.md: '${key}' is given twice`);
    return all[0]?.[1];
  };
  const many = (key: string) => header.filter(([k]) => k === key).map(([, v]) => v);
  const need = (key: string): string => {
    const v = one(key);
    if (!v) throw new LessonFormatError(`${folder}/lesson.md: '${key}:' is missing`);
    return v;
  };

  const kind = need('kind') as LessonKind;
  if (!KINDS.includes(kind)) throw new LessonFormatError(`${folder}/lesson.md: kind: expected one of ${KINDS.join(', ')}`);
  const goalSpec: Goal = {
    kind,
    expect: {},
    edits: 'code',
    keep: many('keep'),
    forbid: many('forbid').map((f) => regex(folder, 'forbid', f)),
    prove: [...FAILURES],
    mustPrint: many('must-print').map((p) => regex(folder, 'must-print', `^(?:${p})$`)),
    choices: many('choice'),
  };
  if (kind === 'break') {
    goalSpec.expect = parseExpect(folder, need('expect'));
    if (Object.keys(goalSpec.expect).length === 0) throw new LessonFormatError(`${folder}/lesson.md: expect: names nothing to reach`);
    const edits = one('edits') ?? 'code';
    if (edits !== 'none' && edits !== 'code') throw new LessonFormatError(`${folder}/lesson.md: edits: expected none or code`);
    goalSpec.edits = edits;
  }
  if (kind === 'fix') {
    const prove = one('prove');
    if (prove) {
      const list = prove.split(/[\s,]+/).filter(Boolean);
      for (const p of list) if (!(FAILURES as readonly string[]).includes(p)) throw new LessonFormatError(`${folder}/lesson.md: prove: '${p}' is not one of ${FAILURES.join(', ')}`);
      goalSpec.prove = list as Failure[];
    }
  }
  if (kind === 'predict') {
    const ask = need('ask') as Ask;
    if (!ASKS.includes(ask)) throw new LessonFormatError(`${folder}/lesson.md: ask: expected one of ${ASKS.join(', ')}`);
    goalSpec.ask = ask;
    if (goalSpec.choices.length < 2) throw new LessonFormatError(`${folder}/lesson.md: a predict lesson offers at least two 'choice:' lines`);
  }

  const settings: RunSettings = { ...DEFAULT_SETTINGS };
  const cpus = one('cpus'), policy = one('policy'), seed = one('seed'), budget = one('budget');
  if (cpus) settings.cpus = integer(folder, 'cpus', cpus, 1, 8);
  if (policy) {
    if (!['timed', 'rr', 'random', 'pct'].includes(policy)) throw new LessonFormatError(`${folder}/lesson.md: policy: expected timed, rr, random or pct`);
    settings.policy = policy as RunSettings['policy'];
  }
  if (seed) settings.seed = integer(folder, 'seed', seed, 0, Number.MAX_SAFE_INTEGER);
  if (budget) settings.budget = integer(folder, 'budget', budget, 1, Number.MAX_SAFE_INTEGER);

  /* the body: text, then `## Hint` sections */
  const parts = body.split(/^## Hint[^\n]*\n/m);
  const text = parts[0]!.trim();
  const hints = parts.slice(1).map((h) => h.trim()).filter(Boolean);
  if (hints.length === 0) throw new LessonFormatError(`${folder}/lesson.md: give at least one '## Hint' section`);

  const ext = kind === 'predict' ? 'txt' : 'c';
  const names = { start: `start.${ext}`, solution: `solution.${ext}` } as Lesson['files'];
  if (kind === 'predict') names.scenario = 'scenario.c';
  if (files['solution.schedule'] !== undefined) names.solutionSchedule = 'solution.schedule';
  const read = (name: string): string => {
    const t = files[name];
    if (t === undefined) throw new LessonFormatError(`${folder}: ${name} is missing`);
    return t;
  };
  const sources: LessonFiles = { start: read(names.start), solution: read(names.solution) };
  if (names.scenario) sources.scenario = read(names.scenario);
  if (names.solutionSchedule) sources.solutionSchedule = read(names.solutionSchedule).trim();
  if (kind === 'break' && goalSpec.edits === 'none' && !names.solutionSchedule) {
    throw new LessonFormatError(`${folder}: a break-it lesson with 'edits: none' is solved by a schedule: add solution.schedule`);
  }

  return {
    id,
    order,
    title: need('title'),
    kind,
    goal: need('goal'),
    topic: one('topic') ?? '',
    text,
    hints,
    goalSpec,
    settings,
    files: names,
    sources,
  };
}

/** Every lesson from a map of `folder/file` -> text, in course order; ids must be unique. */
export function buildCourse(files: Record<string, string>): Lesson[] {
  const folders = new Map<string, Record<string, string>>();
  for (const [path, text] of Object.entries(files)) {
    const parts = path.split('/');
    const file = parts.pop()!, folder = parts.pop()!;
    const entry = folders.get(folder) ?? {};
    entry[file] = text;
    folders.set(folder, entry);
  }
  const lessons = [...folders].map(([folder, f]) => parseLesson(folder, f)).sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
  const seen = new Set<string>();
  for (const l of lessons) {
    if (seen.has(l.id)) throw new LessonFormatError(`two lessons have the id '${l.id}'`);
    seen.add(l.id);
  }
  return lessons;
}
