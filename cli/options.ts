/* Command-line parsing shared by the commands that run a scenario: flags as
   `--name value` or `--name=value`, and the run settings with their checks.
   Every mistake is reported as one clear line, and the caller exits 2. */
import { DEFAULT_SETTINGS, expected, parseSetting, type RunSettings } from '../web/src/settings';

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

/* The emulated machine's settings from --cpus, --policy, --seed, --budget:
   the defaults and the checks are web/src/settings's, so a run on the command
   line can always be shared as a link. */
export function runSettings(values: Map<string, string>): Result<RunSettings> {
  const s: RunSettings = { ...DEFAULT_SETTINGS };
  for (const name of RUN_FLAGS) {
    const text = values.get(name);
    if (text === undefined) continue;
    const r = parseSetting(name, text);
    if (!r.ok) return { ok: false, error: `bad value '${text}' for --${name}: expected ${expected(name)}` };
    (s as unknown as Record<string, unknown>)[name] = r.value;
  }
  return { ok: true, value: s };
}
