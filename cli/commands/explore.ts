/** `wdkm explore FILE [options]`: every interleaving of a scenario, up to the
    reduction and the bounds; distinct outcomes with a schedule that replays
    each, data races and Verifier's findings (docs/explorer.md). */
import type { ExploreBounds, ExploreResult } from '../../web/src/engine/core-types';
import { EXPLORE_EXIT, exploreExitCode, exploreModule, mergeResults, outcomeFailed } from '../../web/src/explore/explore';
import { DEFAULT_SETTINGS } from '../../web/src/settings';
import { raceMessage } from '../../web/src/explore/memory-names';
import { parseFlags, type Result } from '../options';
import { lazyLoaders } from '../../web/src/engine/pipeline';
import { compileScenario } from '../scenario';
import { statusText } from '../summary';
import { type CliIO, type Command, EXIT_ERROR } from './types';

const VALUE_FLAGS = ['cpus', 'budget', 'preemption-bound', 'max-schedules', 'max-seconds', 'jobs', 'shard'] as const;
const USAGE = 'wdkm explore FILE [--cpus 1-8] [--preemption-bound K] [--max-schedules N] [--max-seconds S] [--jobs N] '
  + '[--shard I/N] [--budget STEPS] [--no-reduction] [--json]\n       wdkm explore --merge A.json B.json ... [--json]';

function count(name: string, text: string, min: number, max: number): Result<number> {
  const n = /^\d+$/.test(text) ? Number(text) : NaN;
  return Number.isSafeInteger(n) && n >= min && n <= max ? { ok: true, value: n }
    : { ok: false, error: `bad value '${text}' for --${name}: expected a whole number from ${min} to ${max}` };
}

interface Plan {
  cpus: number;
  budget: number;
  bounds: ExploreBounds;
  jobs: number;
}

function plan(values: Map<string, string>, switches: Set<string>): Result<Plan> {
  const p: Plan = { cpus: DEFAULT_SETTINGS.cpus, budget: DEFAULT_SETTINGS.budget, bounds: {}, jobs: 1 };
  const num = (name: string, min: number, max: number, set: (n: number) => void): string | null => {
    const text = values.get(name);
    if (text === undefined) return null;
    const r = count(name, text, min, max);
    if (!r.ok) return r.error;
    set(r.value);
    return null;
  };
  const error = num('cpus', 1, 8, (n) => { p.cpus = n; })
    ?? num('budget', 1, Number.MAX_SAFE_INTEGER, (n) => { p.budget = n; })
    ?? num('preemption-bound', 0, 1000, (n) => { p.bounds.preemptionBound = n; })
    ?? num('max-schedules', 1, Number.MAX_SAFE_INTEGER, (n) => { p.bounds.maxSchedules = n; })
    ?? num('jobs', 1, 64, (n) => { p.jobs = n; });
  if (error) return { ok: false, error };
  const seconds = values.get('max-seconds');
  if (seconds !== undefined) {
    const s = /^\d+(\.\d+)?$/.test(seconds) ? Number(seconds) : NaN;
    if (!(s > 0)) return { ok: false, error: `bad value '${seconds}' for --max-seconds: expected a positive number of seconds` };
    p.bounds.maxSeconds = s;
  }
  const shard = values.get('shard');
  if (shard !== undefined) {
    const m = /^(\d+)\/(\d+)$/.exec(shard);
    const index = Number(m?.[1]), of = Number(m?.[2]);
    if (!m || of < 1 || of > 4096 || index >= of) return { ok: false, error: `bad value '${shard}' for --shard: expected I/N with 0 <= I < N` };
    if (p.jobs > 1) return { ok: false, error: '--shard and --jobs cannot be combined: run one shard per job yourself' };
    p.bounds.shard = { index, count: of };
  }
  if (switches.has('no-reduction')) p.bounds.noReduction = true;
  return { ok: true, value: p };
}

function print(io: CliIO, r: ExploreResult, file: string, source: string) {
  const lines = source.split(/\r?\n/);
  const quote = (line: number) => (lines[line - 1] !== undefined ? `  ${line} | ${lines[line - 1]!.trim()}` : '');
  io.out(`${r.complete ? 'complete' : 'incomplete'}: ${r.schedules.toLocaleString('en-US')} schedules, `
    + `${r.pruned.toLocaleString('en-US')} pruned, ${r.outcomes.length} distinct outcome${r.outcomes.length === 1 ? '' : 's'}`);
  if (r.error) io.out(`stopped: ${r.error}`);
  if (r.cut) io.out('some schedules were longer than the explorer records (20,000 steps): not every schedule was explored');
  io.out('');
  io.out('outcomes:');
  for (const o of r.outcomes) {
    const what = [o.outcome, o.status ? statusText(o.status) : 'DriverEntry never returned'];
    if (o.bugcheck) what.push(`${o.bugcheck.code} ${o.bugcheck.name} at ${file}:${o.bugcheck.line}`);
    if (o.assertion) what.push(`assertion at ${file}:${o.assertion.line}`);
    if (o.deadlock) what.push(o.deadlock.threads.map((t) => `${t.name.thread} waits on ${t.name.waitingOn ?? 'nothing'} at ${file}:${t.line}`).join('; '));
    if (o.leaks.length) what.push(`${o.leaks.length} leak${o.leaks.length > 1 ? 's' : ''}`);
    io.out(`  ${outcomeFailed(o) ? '✗' : '✓'} ${o.count.toLocaleString('en-US').padStart(9)}  ${what.join(', ')}`);
    for (const p of o.prints) io.out(`               | ${p}`);
    io.out(`               replay: wdkm run ${file} --schedule ${o.schedule}`);
  }
  if (r.races.length) {
    io.out('');
    io.out('data races:');
    for (const x of r.races) {
      io.out(`  ${file}:${x.lines[0]} and ${file}:${x.lines[1]}: ${raceMessage(x)}`);
      for (const l of new Set(x.lines)) io.out(`  ${quote(l)}`);
    }
  }
  if (r.findings.length) {
    io.out('');
    io.out('findings (over every schedule):');
    for (const f of r.findings) io.out(`  ${f.code} ${f.name} at ${f.lines.map((l) => `${file}:${l}`).join(', ')}: ${f.named ?? f.message}`);
  }
}

/* --jobs N: N shards in child processes of this same command, merged. */
async function runJobs(args: string[], jobs: number, io: CliIO): Promise<ExploreResult | number> {
  const { spawn } = await import('node:child_process');
  const rest = args.filter((a, i) => a !== '--json' && !/^--jobs(=|$)/.test(a) && !/^--jobs$/.test(args[i - 1] ?? ''));
  const parts = await Promise.all(Array.from({ length: jobs }, (_, i) => new Promise<ExploreResult | number>((resolve) => {
    const child = spawn(process.execPath, [...process.execArgv, process.argv[1]!, 'explore', ...rest, '--shard', `${i}/${jobs}`, '--json'],
      { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '', err = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { err += d; });
    child.on('close', (code) => {
      try {
        resolve(JSON.parse(out) as ExploreResult);
      } catch {
        io.err(`wdkm explore: job ${i + 1} of ${jobs} failed (exit ${code}): ${err.trim()}`);
        resolve(EXIT_ERROR);
      }
    });
  })));
  const failed = parts.find((p) => typeof p === 'number');
  return failed !== undefined ? failed : mergeResults(parts as ExploreResult[]);
}

function merge(files: string[], io: CliIO): ExploreResult | number {
  const parts: ExploreResult[] = [];
  for (const f of files) {
    const text = io.readFile(f);
    if (text === undefined) { io.err(`wdkm explore: cannot read '${f}': no such file`); return EXIT_ERROR; }
    try {
      const r = JSON.parse(text) as ExploreResult;
      if (!Array.isArray(r.outcomes) || typeof r.schedules !== 'number') throw new Error('not an explore result');
      parts.push(r);
    } catch (e) {
      io.err(`wdkm explore: '${f}' is not the output of 'wdkm explore --json': ${(e as Error).message}`);
      return EXIT_ERROR;
    }
  }
  return mergeResults(parts);
}

export const exploreCommand: Command = {
  name: 'explore',
  summary: 'run every interleaving of a scenario: distinct outcomes with replayable schedules, data races, findings',
  usage: USAGE,
  async run(args, io) {
    const flags = parseFlags(args, { values: VALUE_FLAGS, switches: ['json', 'no-reduction', 'merge'] });
    if (!flags.ok) { io.err(`wdkm explore: ${flags.error}\nusage: ${USAGE}`); return EXIT_ERROR; }
    const { positional, values, switches } = flags.value;
    const json = switches.has('json');
    if (switches.has('merge')) {
      if (positional.length === 0 || values.size > 0) { io.err(`wdkm explore --merge: expected result files and no other option\nusage: ${USAGE}`); return EXIT_ERROR; }
      const merged = merge(positional, io);
      if (typeof merged === 'number') return merged;
      if (json) io.out(JSON.stringify(merged));
      else print(io, merged, '(merged)', '');
      return exploreExitCode(merged);
    }
    if (positional.length !== 1) { io.err(`wdkm explore: expected one FILE\nusage: ${USAGE}`); return EXIT_ERROR; }
    const p = plan(values, switches);
    if (!p.ok) { io.err(`wdkm explore: ${p.error}`); return EXIT_ERROR; }
    const scenario = compileScenario('explore', positional[0]!, io);
    if (typeof scenario === 'number') return scenario;
    let result: ExploreResult;
    if (p.value.jobs > 1) {
      const r = await runJobs(args, p.value.jobs, io);
      if (typeof r === 'number') return r;
      result = r;
    } else {
      const core = await lazyLoaders.loadCore();
      const tty = !json && process.stderr.isTTY;
      const { ModuleRejected } = await import('../../web/src/engine/core');
      try {
        result = await exploreModule(core, scenario.module, { cpus: p.value.cpus, budget: p.value.budget }, p.value.bounds, {
          names: scenario.names,
          onProgress: tty ? (x) => process.stderr.write(`\r${x.schedules.toLocaleString('en-US')} schedules, `
            + `${x.pruned.toLocaleString('en-US')} pruned, ${x.outcomes} outcomes, ${(x.elapsedMs / 1000).toFixed(1)} s`) : undefined,
        });
      } catch (e) {
        if (e instanceof ModuleRejected) { io.err(`wdkm explore: the VM rejected the compiled module: ${e.message}`); return EXIT_ERROR; }
        throw e;
      }
      if (tty) process.stderr.write('\n');
      const { elapsedMs: _e, stopped: _s, ...plain } = result as typeof result & { elapsedMs?: number; stopped?: unknown };
      result = plain;
    }
    if (json) io.out(JSON.stringify(result));
    else print(io, result, scenario.file, scenario.source);
    return exploreExitCode(result);
  },
};
export { EXPLORE_EXIT };
