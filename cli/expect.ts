/* An example's expected run, from its `/* @expect ... *\/` comment lines
   (after the gallery header), checked against `wdkm run --json`:

     outcome=NAME      the outcome                        (required)
     exit=N            wdkm run's exit code               (required)
     print="TEXT"      one DbgPrint line, in order; the prints must be exactly these
     print~="REGEX"    the same, for a line that depends on the schedule: matched whole
     leak=TAG:BYTES:LINE  one leak; the leaks must be exactly these
     finding=NAME      one finding; the findings must be exactly these
     bugcheck=CODE     the bug check code, e.g. 0x0000000A
     deadlock=N        the number of threads in the deadlock table

   Anything not listed must be absent, so an example that starts leaking or
   printing something new fails its test. */

export interface Expectation {
  outcome: string;
  exit: number;
  /** A regular expression is kept as `~REGEX`. */
  prints: string[];
  leaks: string[];
  findings: string[];
  bugcheck: string | null;
  deadlock: number | null;
}

export function parseExpect(source: string): Expectation {
  const text = [...source.matchAll(/^\/\* @expect (.*) \*\/$/gm)].map((m) => m[1]).join(' ');
  const e: Partial<Expectation> & Pick<Expectation, 'prints' | 'leaks' | 'findings'> = { prints: [], leaks: [], findings: [] };
  for (const m of text.matchAll(/\s*(\w+~?)=("[^"]*"|\S+)|\s*(\S+)/g)) {
    if (m[3] !== undefined) throw new Error(`@expect: cannot read '${m[3]}'`);
    const key = m[1]!, raw = m[2]!;
    const value = raw.startsWith('"') ? raw.slice(1, -1) : raw;
    switch (key) {
      case 'outcome': e.outcome = value; break;
      case 'exit': e.exit = Number(value); break;
      case 'print': e.prints.push(value); break;
      case 'print~': e.prints.push(`~${value}`); break;
      case 'leak': e.leaks.push(value); break;
      case 'finding': e.findings.push(value); break;
      case 'bugcheck': e.bugcheck = value; break;
      case 'deadlock': e.deadlock = Number(value); break;
      default: throw new Error(`@expect: unknown key '${key}'`);
    }
  }
  if (e.outcome === undefined || e.exit === undefined) throw new Error('@expect needs outcome= and exit=');
  return { bugcheck: null, deadlock: null, ...e } as Expectation;
}

interface RunJson {
  outcome: string;
  prints: string[];
  leaks: { tag: string; bytes: number; line: number }[];
  findings: { name: string }[];
  bugcheck: { code: string } | null;
  deadlock: { threads: unknown[] } | null;
}

/** The same fields as `parseExpect` gives, read from a run's JSON and exit code; a
    print that matches the expected regular expression at its place reads as that. */
export function observed(json: RunJson, exit: number, want: Expectation): Expectation {
  return {
    outcome: json.outcome,
    exit,
    prints: json.prints.map((line, i) => {
      const w = want.prints[i];
      return w?.startsWith('~') && new RegExp(`^(?:${w.slice(1)})$`).test(line) ? w : line;
    }),
    leaks: json.leaks.map((l) => `${l.tag}:${l.bytes}:${l.line}`),
    findings: json.findings.map((f) => f.name),
    bugcheck: json.bugcheck?.code ?? null,
    deadlock: json.deadlock?.threads.length ?? null,
  };
}

/* An example's exploration, from its `/* @explore ... *\/` line, checked
   against `wdkm explore --json` (cli/explore-examples.test.ts):

     outcomes=A,B      the kinds of outcome found, exactly (`none`: no schedule ran to an end)
     complete=BOOL     whether the exploration finished within the bound
     races=N           the number of data races reported
     max-schedules=N   the bound to explore with (--max-schedules) */
export interface ExploreExpectation {
  outcomes: string[];
  complete: boolean;
  races: number | null;
  maxSchedules: number | null;
}

export function parseExploreExpect(source: string): ExploreExpectation | null {
  const m = /^\/\* @explore (.*) \*\/$/m.exec(source);
  if (!m) return null;
  const e: Partial<ExploreExpectation> = { races: null, maxSchedules: null };
  for (const part of m[1]!.trim().split(/\s+/)) {
    const [key, value] = part.split('=') as [string, string | undefined];
    if (value === undefined) throw new Error(`@explore: cannot read '${part}'`);
    switch (key) {
      case 'outcomes': e.outcomes = value === 'none' ? [] : value.split(',').sort(); break;
      case 'complete': e.complete = value === 'true'; break;
      case 'races': e.races = Number(value); break;
      case 'max-schedules': e.maxSchedules = Number(value); break;
      default: throw new Error(`@explore: unknown key '${key}'`);
    }
  }
  if (e.outcomes === undefined || e.complete === undefined) throw new Error('@explore needs outcomes= and complete=');
  return e as ExploreExpectation;
}

/** What an exploration found, in the terms of an @explore line. */
export function exploredAs(r: { outcomes: { outcome: string }[]; complete: boolean; races: unknown[] }, want: ExploreExpectation): ExploreExpectation {
  return {
    outcomes: [...new Set(r.outcomes.map((o) => o.outcome))].sort(),
    complete: r.complete,
    races: want.races === null ? null : r.races.length,
    maxSchedules: want.maxSchedules,
  };
}
