/* Command-line parsing shared by the commands that run a scenario: flags as
   `--name value` or `--name=value`, and the run settings with their checks.
   Every mistake is reported as one clear line, and the caller exits 2. */
import type { Policy, RunSettings } from '../web/src/engine/core-types';

export interface Parsed {
  positional: string[];
  values: Map<string, string>;
  switches: Set<string>;
}

export interface FlagSpec {
  /** Flags that take a value. */
  values: readonly string[];
  /** Flags that stand alone. */
  switches?: readonly string[];
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: string };

export function parseFlags(args: string[], spec: FlagSpec): Result<Parsed> {
  const parsed: Parsed = { positional: [], values: new Map(), switches: new Set() };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (!arg.startsWith('--') || arg === '--') {
      if (arg.startsWith('-') && arg !== '-') return { ok: false, error: `unknown option '${arg}'` };
      parsed.positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
    if (spec.switches?.includes(name)) {
      if (eq >= 0) return { ok: false, error: `option '--${name}' takes no value` };
      parsed.switches.add(name);
    } else if (spec.values.includes(name)) {
      const value = eq >= 0 ? arg.slice(eq + 1) : args[++i];
      if (value === undefined || value === '') return { ok: false, error: `option '--${name}' needs a value` };
      if (parsed.values.has(name)) return { ok: false, error: `option '--${name}' is given twice` };
      parsed.values.set(name, value);
    } else {
      return { ok: false, error: `unknown option '--${name}'` };
    }
  }
  return { ok: true, value: parsed };
}

export const RUN_FLAGS = ['cpus', 'policy', 'seed', 'budget'] as const;
export const POLICIES: readonly Policy[] = ['timed', 'rr', 'random', 'pct'];
export const DEFAULT_SETTINGS: RunSettings = { cpus: 2, policy: 'timed', seed: 1, budget: 5_000_000 };

function integer(name: string, text: string, min: number, max: number, what: string): Result<number> {
  const n = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    return { ok: false, error: `bad value '${text}' for --${name}: expected ${what}` };
  }
  return { ok: true, value: n };
}

/* The emulated machine's settings from --cpus, --policy, --seed, --budget.
   A budget of 0 is refused: the VM would read it as its default. */
export function runSettings(values: Map<string, string>): Result<RunSettings> {
  const s: RunSettings = { ...DEFAULT_SETTINGS };
  const cpus = values.get('cpus'), policy = values.get('policy'), seed = values.get('seed'), budget = values.get('budget');
  if (cpus !== undefined) {
    const r = integer('cpus', cpus, 1, 8, 'a number of CPUs from 1 to 8');
    if (!r.ok) return r;
    s.cpus = r.value;
  }
  if (policy !== undefined) {
    if (!(POLICIES as readonly string[]).includes(policy)) {
      return { ok: false, error: `bad value '${policy}' for --policy: expected one of ${POLICIES.join(', ')}` };
    }
    s.policy = policy as Policy;
  }
  if (seed !== undefined) {
    const r = integer('seed', seed, 0, Number.MAX_SAFE_INTEGER, 'a non-negative integer');
    if (!r.ok) return r;
    s.seed = r.value;
  }
  if (budget !== undefined) {
    const r = integer('budget', budget, 1, Number.MAX_SAFE_INTEGER, 'a positive number of steps');
    if (!r.ok) return r;
    s.budget = r.value;
  }
  return { ok: true, value: s };
}
