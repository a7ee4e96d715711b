// The explorer's rows of npm run bench (docs/explorer.md):
//  - schedules per second per core (over processor time), natively (core-c/build/native/wdkm_explore) and in
//    WebAssembly in-process, running every schedule of a small lost update;
//  - DPOR against naive enumeration (every schedule, capped) on the documented
//    set in bench/explore/: schedule counts and the factor.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { lazyLoaders } from '../web/src/engine/pipeline';
import { exploreModule } from '../web/src/explore/explore';

interface Entry { name: string; unit: string; value: number; wasm: number | null; native: number | null; ratio: number | null; [k: string]: unknown }

const MODULES = 'core-c/build/explore-modules';
const NAIVE_CAP = 100_000;
/** The documented set: locks, the crate's counter test scaled down, a lost update, philosophers, check-then-act. */
export const BENCH_SET = ['locks-2x2x2', 'locks-2x3x2', 'locks-3x3x1', 'crate-counter-small', 'lost-update-2', 'philosophers-3',
  'philosophers-4', 'check-then-act'];

function native(name: string, ...flags: string[]): { schedules: number; complete: boolean; seconds: number; cpu: number } {
  const run = spawnSync('core-c/build/native/wdkm_explore', [`${MODULES}/${name}.wdkb`, ...flags], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const json = JSON.parse(run.stdout) as { schedules: number; complete: boolean };
  const time = /seconds ([\d.]+) cpu ([\d.]+)/.exec(run.stderr)!;
  return { schedules: json.schedules, complete: json.complete, seconds: Number(time[1]), cpu: Number(time[2]) };
}

export async function exploreEntries(): Promise<Entry[]> {
  spawnSync('npx', ['tsx', 'scripts/compile-examples.ts', 'bench/explore', MODULES], { stdio: 'inherit' });
  const entries: Entry[] = [];
  const core = await lazyLoaders.loadCore();
  // Throughput: best of three, every schedule of the lost update (about 20 steps each). Per core: over
  // the processor time the exploration used (one thread), so other work on the machine does not count;
  // the wall-clock rate is kept beside it.
  const bytes = new Uint8Array(readFileSync(`${MODULES}/lost-update-2.wdkb`));
  let nat = 0, wasm = 0, natWall = 0, wasmWall = 0;
  for (let i = 0; i < 3; i++) {
    const n = native('lost-update-2', '--no-reduction', '--max-schedules', '20000');
    nat = Math.max(nat, n.schedules / n.cpu);
    natWall = Math.max(natWall, n.schedules / n.seconds);
    const before = process.cpuUsage();
    const r = await exploreModule(core, bytes, { cpus: 2, budget: 5_000_000 }, { noReduction: true, maxSchedules: 20_000 });
    const used = process.cpuUsage(before);
    wasm = Math.max(wasm, r.schedules / ((used.user + used.system) / 1e6));
    wasmWall = Math.max(wasmWall, r.schedules / (r.elapsedMs / 1000));
  }
  console.log(`explore throughput per core: WebAssembly ${Math.round(wasm)}/s (wall clock ${Math.round(wasmWall)}/s), native ${Math.round(nat)}/s (wall clock ${Math.round(natWall)}/s)`);
  entries.push({ name: 'explore: schedules per second per core (bench/explore/lost-update-2.c, every schedule)',
    unit: 'schedules per processor-second', value: Math.round(wasm), wasm: Math.round(wasm), native: Math.round(nat), ratio: nat / wasm,
    wasmWallClock: Math.round(wasmWall), nativeWallClock: Math.round(natWall) });
  for (const name of BENCH_SET) {
    const dpor = native(name), naive = native(name, '--no-reduction', '--max-schedules', String(NAIVE_CAP));
    const factor = naive.schedules / dpor.schedules;
    console.log(`explore ${name}: DPOR ${dpor.schedules} schedules (complete ${dpor.complete}), naive ${naive.complete ? '' : '>= '}${naive.schedules}: ${naive.complete ? '' : '>= '}${factor.toFixed(1)}x`);
    entries.push({ name: `explore: DPOR against every schedule (bench/explore/${name}.c)`,
      unit: `times fewer schedules than naive${naive.complete ? '' : ` (naive stopped at ${NAIVE_CAP.toLocaleString('en-US')}: at least)`}`,
      value: Number(factor.toFixed(1)), wasm: null, native: null, ratio: null,
      dpor: dpor.schedules, naive: naive.schedules, naiveComplete: naive.complete });
  }
  return entries;
}
