/**
 * `npm run fuzz -- --minutes N`: the fuzzers, for about N minutes in all
 * (docs/robustness.md). Three libFuzzer targets under ASan + UBSan
 * (core-c/fuzz: the module loader and verifier, the interpreter, the DbgPrint
 * formatter), seeded from the compiled examples, and the scenario generator
 * (scripts/fuzz), whose scenarios must run the same in WebAssembly, natively
 * and, without threads, as gcc's build. Prints, per target and in all: inputs
 * run, crashes, hangs, disagreements; exits 1 if any. Reproducers are kept
 * under core-c/build/fuzz/artifacts.
 *
 *   --minutes N     total time (default 1)
 *   --slice         a short fixed-seed run of each target (what npm test runs)
 *   --only a,b      some targets: module, interp, format, scenario
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { lazyLoaders } from '../web/src/engine/pipeline';
import { Differ } from './fuzz/differ';
import { scenarioArbitrary } from './fuzz/generate';

const args = process.argv.slice(2);
const flag = (name: string) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : undefined; };
const minutes = Number(flag('--minutes') ?? 1);
const slice = args.includes('--slice');
const only = (flag('--only') ?? 'module,interp,format,scenario').split(',');
if (!(minutes > 0)) { console.error('fuzz: --minutes must be a positive number'); process.exit(2); }

const ROOT = 'core-c/build/fuzz';
const SHARE: Record<string, number> = { module: 0.3, interp: 0.35, format: 0.15, scenario: 0.2 };
const SLICE_RUNS: Record<string, number> = { module: 20_000, interp: 1_500, format: 50_000 };

interface Tally { target: string; inputs: number; crashes: number; hangs: number; disagreements: number; notes: string[] }

function seeds(): void {
  // Module and interpreter seeds: the compiled examples (scripts/compile-examples.ts).
  const modules = readdirSync('core-c/build/modules').filter((f) => f.endsWith('.wdkb'));
  for (const t of ['module', 'interp', 'format']) mkdirSync(join(ROOT, 'seeds', t), { recursive: true });
  modules.forEach((f, i) => {
    const bytes = readFileSync(join('core-c/build/modules', f));
    writeFileSync(join(ROOT, 'seeds/module', f), bytes);
    writeFileSync(join(ROOT, 'seeds/interp', f), Buffer.concat([Buffer.from([i % 8, i % 4, i, 0]), bytes]));
  });
  // Format seeds: the formats of the examples' DbgPrint calls and the documented conversions.
  const formats = new Set<string>(['%I64u %I64x %llu %Iu', '%*d|%-*d|%.*s', '%wZ %Z %p %c %%', '%#o %#X %+d % d %05d %.0d']);
  for (const f of readdirSync('examples')) {
    for (const m of readFileSync(join('examples', f), 'utf8').matchAll(/DbgPrint\("((?:[^"\\]|\\.)*)"/g)) formats.add(m[1]!);
  }
  [...formats].forEach((fmt, i) => writeFileSync(join(ROOT, 'seeds/format', `f${i}`), Buffer.concat([Buffer.from(fmt), Buffer.from([0, 200]), Buffer.alloc(64, i + 1)])));
}

function artifacts(target: string): string[] {
  const dir = join(ROOT, 'artifacts', target);
  return existsSync(dir) ? readdirSync(dir) : [];
}

/* libFuzzer stops at its first crash: past one, the run goes on from the
   corpus it has built until the target's time is used up. */
async function libfuzzerFor(target: string, seconds: number): Promise<Tally> {
  const total: Tally = { target, inputs: 0, crashes: 0, hangs: 0, disagreements: 0, notes: [] };
  const deadline = Date.now() + seconds * 1000;
  for (let round = 0; round < 50; round++) {
    const left = slice ? 0 : (deadline - Date.now()) / 1000;
    if (!slice && left < 2) break;
    const t = await libfuzzer(target, left);
    total.inputs += t.inputs;
    total.crashes += t.crashes;
    total.hangs += t.hangs;
    total.notes.push(...t.notes);
    if (slice || t.crashes + t.hangs === 0) break;
  }
  return total;
}

function libfuzzer(target: string, seconds: number): Promise<Tally> {
  const corpus = join(ROOT, slice ? `slice-corpus/${target}-${Date.now()}` : `corpus/${target}`);
  const artifactDir = join(ROOT, 'artifacts', target);
  mkdirSync(corpus, { recursive: true });
  mkdirSync(artifactDir, { recursive: true });
  const before = new Set(artifacts(target));
  const limits = slice ? [`-runs=${SLICE_RUNS[target]}`, '-seed=1'] : [`-max_total_time=${Math.max(1, Math.round(seconds))}`];
  const argv = [...limits, '-timeout=10', '-rss_limit_mb=2048', '-max_len=65536', '-print_final_stats=1',
    `-artifact_prefix=${artifactDir}/`, corpus, join(ROOT, 'seeds', target)];
  // Every reproducer found so far runs again first (core-c/fuzz/regressions).
  const regressions = join('core-c/fuzz/regressions', target);
  if (existsSync(regressions)) argv.push(regressions);
  return new Promise((resolve) => {
    const child = spawn(join(ROOT, `fuzz_${target}`), argv, { stdio: ['ignore', 'ignore', 'pipe'] });
    let log = '';
    child.stderr.on('data', (d: Buffer) => { log = (log + d.toString()).slice(-20_000); });
    child.on('close', (code) => {
      const inputs = Number(/stat::number_of_executed_units:\s*(\d+)/.exec(log)?.[1] ?? /Done (\d+) runs/.exec(log)?.[1] ?? 0);
      const found = artifacts(target).filter((f) => !before.has(f));
      const hangs = found.filter((f) => f.startsWith('timeout-')).length;
      const crashes = found.length - hangs + (code !== 0 && found.length === 0 ? 1 : 0);
      resolve({ target, inputs, crashes, hangs, disagreements: 0,
        notes: [...found.map((f) => join(artifactDir, f)), ...(code !== 0 && found.length === 0 ? [log.slice(-2000)] : [])] });
    });
  });
}

async function scenarios(seconds: number): Promise<Tally> {
  const tally: Tally = { target: 'scenario', inputs: 0, crashes: 0, hangs: 0, disagreements: 0, notes: [] };
  const differ = new Differ(await lazyLoaders.loadCore());
  const policies = ['timed', 'rr', 'random', 'pct'] as const;
  const deadline = Date.now() + seconds * 1000;
  const outDir = join(ROOT, 'artifacts', 'scenario');
  mkdirSync(outDir, { recursive: true });
  let seed = slice ? 1 : Date.now() % 1_000_000;
  try {
    while (slice ? tally.inputs < 30 : Date.now() < deadline) {
      const [[s, cpus, p, runSeed]] = fc.sample(fc.tuple(scenarioArbitrary({ threads: true }), fc.integer({ min: 1, max: 8 }), fc.nat(3), fc.nat(10_000)), { numRuns: 1, seed: seed++ });
      const started = Date.now();
      const v = differ.check(s.source, s.threads, { cpus, policy: policies[p]!, seed: runSeed, budget: 2_000_000 });
      tally.inputs++;
      const slow = Date.now() - started > 30_000;
      if (v.kind === 'crash' || v.kind === 'hang' || v.kind === 'disagree' || slow) {
        if (v.kind === 'crash') tally.crashes++;
        else if (v.kind === 'hang' || slow) tally.hangs++;
        else tally.disagreements++;
        const file = join(outDir, `${v.kind}-${seed - 1}.c`);
        writeFileSync(file, `/* ${v.kind === 'agree' || v.kind === 'refused' ? 'slow' : v.what.replace(/\*\//g, '* /')}\n   run: --cpus ${cpus} --policy ${policies[p]} --seed ${runSeed} */\n${s.source}`);
        tally.notes.push(file);
      }
    }
  } finally {
    differ.dispose();
  }
  return tally;
}

seeds();
// The time is shared among the targets run, in the proportions of SHARE.
const shares = only.reduce((a, t) => a + (SHARE[t] ?? 0), 0) || 1;
for (const t of Object.keys(SHARE)) SHARE[t] = SHARE[t]! / shares;
const total = minutes * 60;
const tallies: Tally[] = [];
for (const target of ['module', 'interp', 'format']) {
  if (only.includes(target)) tallies.push(await libfuzzerFor(target, total * SHARE[target]!));
}
if (only.includes('scenario')) tallies.push(await scenarios(total * SHARE.scenario!));

const sum = (k: 'inputs' | 'crashes' | 'hangs' | 'disagreements') => tallies.reduce((a, t) => a + t[k], 0);
const row = (name: string, i: number, c: number, h: number, d: number) =>
  `${name.padEnd(10)} ${String(i).padStart(12)} ${String(c).padStart(8)} ${String(h).padStart(6)} ${String(d).padStart(14)}`;
console.log(row('target', 0, 0, 0, 0).replace(/ +0 +0 +0 +0$/, '       inputs  crashes  hangs  disagreements'));
for (const t of tallies) console.log(row(t.target, t.inputs, t.crashes, t.hangs, t.disagreements));
console.log(row('all', sum('inputs'), sum('crashes'), sum('hangs'), sum('disagreements')));
for (const t of tallies) for (const n of t.notes) console.log(`${t.target}: ${n}`);
// A target fails on any crash, hang or disagreement, or when it ran nothing.
const failed = tallies.filter((t) => t.inputs === 0 || t.crashes + t.hangs + t.disagreements > 0).length;
console.log(`${tallies.length - failed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
