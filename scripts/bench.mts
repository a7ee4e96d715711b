// npm run bench: measured side by side in one run, natively and in
// WebAssembly under Node, with the WASM/native ratio; entries are merged into
// bench-results.json ({name, unit, value, wasm, native, ratio}).
//  - the core: lock/unlock pairs per second (core-c/bench/bench.c);
//  - the VM: instructions per second (bench/vm-arith.c) and scenario steps
//    per second on a contended example (examples/kmutex-counter.c, threads
//    that block) and a racy one (examples/lost-update.c, threads that meet
//    at shared accesses);
//  - the app (scripts/bench-app.mts): script size, first result, link lengths.
//  - the explorer (./bench-explore.mts): schedules per second, DPOR against naive;
//  - the timeline: frame time while panning and zooming a million-event trace,
//    its load time and the longest UI-thread task while it loads and while
//    stepping, in headless Chromium (./bench-timeline.mts; browser only: native and ratio null);
//  - the app while it explores: the longest main-thread task (./bench-explore-app.mts).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createCoreModule } from '../web/src/engine/core';
import { POLICIES } from '../web/src/settings';
import { runNative } from '../cli/native-vm';
import { benchTimeline } from './bench-timeline.mts';
import { exploreEntries } from './bench-explore.mts';
import { exploreAppEntries } from './bench-explore-app.mts';

interface Entry { name: string; unit: string; value: number; wasm: number | null; native: number | null; ratio: number | null }
const lines = (out: string) => out.trim().split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l));

function coreEntries(): Entry[] {
  const native = lines(execFileSync('core-c/build/native/wdkm_bench', { encoding: 'utf8' }));
  const wasm = lines(execFileSync(process.execPath, ['core-c/build/wasm/wdkm_bench.cjs'], { encoding: 'utf8' }));
  return native.map((n) => {
    const w = wasm.find((x) => x.name === n.name);
    console.log(`core: ${n.name}: ${(n.switches * 1000 / n.steps).toFixed(1)} fiber switches per 1,000 steps`);
    return { name: `core: ${n.name}`, unit: n.unit, value: w?.value ?? n.value, wasm: w?.value ?? null, native: n.value,
      ratio: w ? n.value / w.value : null };
  });
}

/**
 * Best of five: steps per host second of the core's run alone, natively (the
 * runner times itself) and in WASM (the export, timed in-process), so that
 * both sides measure the same work (decoding the trace in JavaScript is the
 * app's cost, not the core's), WASM after a warm-up. The native runner also
 * counts fiber switches.
 */
async function vmEntry(name: string, unit: string, module: string, settings: { cpus: number }): Promise<Entry> {
  const core = await createCoreModule();
  const bytes = new Uint8Array(readFileSync(module));
  const ptr = core._malloc(bytes.length);
  core.HEAPU8.set(bytes, ptr);
  let native = 0, wasm = 0, steps = 0, switches = 0, swaps = 0;
  const runWasm = () => core._WdkmRun(ptr, bytes.length, settings.cpus, POLICIES.indexOf('timed'), 1, 0, 100_000_000, 0, 0, 0);
  for (let i = 0; i < 3; i++) runWasm();   // warm-up: V8 optimises hot WebAssembly functions after their first calls
  for (let i = 0; i < 5; i++) {
    const run = runNative(module, ['--time', '--budget', '100000000', '--cpus', String(settings.cpus)]);
    steps = run.result!.steps;
    const [, seconds, switched, swapped] = /seconds ([\d.]+) switches (\d+) swaps (\d+)/.exec(run.stderr)!;
    switches = Number(switched);
    swaps = Number(swapped);
    native = Math.max(native, steps / Number(seconds));
    const t0 = performance.now();
    runWasm();
    const ms = performance.now() - t0;
    if (core._WdkmLastRc() !== 0) throw new Error(`${module}: ${core.UTF8ToString(core._WdkmError())}`);
    wasm = Math.max(wasm, steps / (ms / 1000));
  }
  core._free(ptr);
  console.log(`${name}: ${steps} steps, ${(switches * 1000 / steps).toFixed(1)} fiber switches and ` +
    `${(swaps * 1000 / steps).toFixed(1)} stack exchanges per 1,000 steps`);
  return { name, unit, value: Math.round(wasm), wasm: Math.round(wasm), native: Math.round(native), ratio: native / wasm };
}

/* `npm run bench -- core vm` runs only those groups (core, vm, timeline, explore-app, explore, app);
   rows of the others keep their last figures in bench-results.json. */
const only = process.argv.slice(2);
const wanted = (group: string) => only.length === 0 || only.includes(group);

execFileSync('npx', ['tsx', 'scripts/compile-examples.ts', 'bench', 'core-c/build/bench-modules'], { stdio: 'inherit' });
execFileSync('npx', ['tsx', 'scripts/compile-examples.ts'], { stdio: 'inherit' });
const entries: Entry[] = [];
if (wanted('core')) entries.push(...coreEntries());
if (wanted('vm')) {
  entries.push(await vmEntry('vm: instructions per second (bench/vm-arith.c)', 'VM instructions per second',
    'core-c/build/bench-modules/vm-arith.wdkb', { cpus: 2 }));
  entries.push(await vmEntry('vm: scenario steps per second (examples/kmutex-counter.c, 2 CPUs)', 'scenario steps per second',
    'core-c/build/modules/kmutex-counter.wdkb', { cpus: 2 }));
  /* its threads meet at shared accesses, not in waits: their stacks are exchanged, not switched */
  entries.push(await vmEntry('vm: scenario steps per second (examples/lost-update.c, 2 CPUs)', 'scenario steps per second',
    'core-c/build/modules/lost-update.wdkb', { cpus: 2 }));
}
if (wanted('timeline')) entries.push(...await timelineEntries());
if (wanted('explore-app')) entries.push(...await exploreAppEntries(!wanted('timeline'))); /* else on the site the timeline's bench built */
if (wanted('explore')) entries.push(...await exploreEntries());

/** The timeline over a million events: the 95th percentile of its paint time per frame (aim: under 16 ms),
    the load time, and the longest UI-thread task while the trace loads and while stepping (aim: none over 50 ms). */
async function timelineEntries(): Promise<Entry[]> {
  const r = await benchTimeline(1_000_000);
  console.log(`timeline: ${r.frames} frames, paint p50 ${r.paintP50.toFixed(2)} ms, p95 ${r.paintP95.toFixed(2)} ms; ` +
    `frame interval mean ${r.frameMean.toFixed(1)} ms, p95 ${r.frameP95.toFixed(1)} ms; trace loaded in ${r.loadMs} ms; ` +
    `longest UI task loading ${r.longestLoadTask} ms, stepping ${r.longestStepTask} ms (0: none over 50 ms)`);
  const row = (name: string, unit: string, value: number): Entry => ({ name, unit, value, wasm: null, native: null, ratio: null });
  return [
    row('timeline: frame time panning and zooming 1,000,000 events (headless Chromium)', 'ms per frame (p95 paint)', Number(r.paintP95.toFixed(2))),
    row('timeline: 1,000,000-event trace loaded, from the worker to the moment shown (best of 3)', 'ms', r.loadMs),
    row('timeline: longest UI-thread task while a 1,000,000-event trace loads (best of 3; 0: none over 50 ms)', 'ms', Math.round(r.longestLoadTask)),
    row('timeline: longest UI-thread task while stepping through it (best of 3; 0: none over 50 ms)', 'ms', Math.round(r.longestStepTask)),
  ];
}

// The app's figures (headless Chromium): measured by their own script.
if (wanted('app')) {
  for (const e of lines(execFileSync('npx', ['tsx', 'scripts/bench-app.mts'], { encoding: 'utf8' }))) {
    entries.push({ ...e, wasm: null, native: null, ratio: null });
  }
}

console.log('benchmark'.padEnd(70), 'native'.padStart(12), 'wasm'.padStart(12), 'native/wasm'.padStart(12));
for (const e of entries) {
  console.log(e.name.padEnd(70), String(e.native === null ? e.value : Math.round(e.native)).padStart(12), String(e.wasm ?? '-').padStart(12),
    (e.ratio === null ? '-' : e.ratio.toFixed(2)).padStart(12));
}
const file = 'bench-results.json';
const previous: Entry[] = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : [];
const kept = previous.filter((p) => !entries.some((e) => e.name === p.name));
writeFileSync(file, JSON.stringify([...kept, ...entries], null, 2) + '\n');
console.log(`wrote ${file}`);
