// Proof that an export means the same as its run in the playground: the
// exported src/<name>.c of every example is compiled natively with the host
// compiler against the emulated kernel (core-c/emu, the same one the
// WebAssembly build uses) and run; its outcome, output, leaks and findings
// equal the VM's run of the same scenario. With the VM scheduling only at
// kernel calls, the virtual time and the choices made are the same too.

import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { compile } from '../../web/src/scenario/index';
import { decodeTrace, traceTruncated, type TraceEvent } from '../../web/src/trace/decode';
import { summariseTrace } from '../../web/src/trace/result';
import { exportTo } from '../node/build';
import { checkedInput } from '../node/checked-input';
import { blankHeaders } from '../../web/src/examples/headers';
import { readCoreFiles, REPO_ROOT } from '../node/core-files';

const run = promisify(execFile);
const EXAMPLES = join(REPO_ROOT, 'examples');
const BUILD = join(REPO_ROOT, 'core-c', 'build', 'native');
const root = mkdtempSync(join(tmpdir(), 'wdkm-native-'));
const coreFiles = readCoreFiles();
const SEMANTICS = join(REPO_ROOT, 'driver', 'tests', 'semantics');
const dirOf = (name: string) => (name.startsWith('semantics/') ? SEMANTICS : EXAMPLES);
const stem = (name: string) => name.replace(/^semantics\//, '');
// Every example, and scenarios written to pin down C semantics line by line.
const names = [
  ...readdirSync(EXAMPLES).filter((f) => f.endsWith('.c')).map((f) => f.slice(0, -2)).sort(),
  ...readdirSync(SEMANTICS).filter((f) => f.endsWith('.c')).map((f) => `semantics/${f.slice(0, -2)}`),
];
const SETTINGS = ['--policy', '1', '--cpus', '2', '--seed', '1'];

afterAll(() => rmSync(root, { recursive: true, force: true }));

/** The result of a run, derived from its trace as the app does (both hosts write only the trace). */
function resultOf(path: string) {
  const trace = new Uint8Array(readFileSync(path));
  return summariseTrace(decodeTrace(trace), traceTruncated(trace));
}

/** The parts of a run that must agree; lines and steps differ by design (native code has no source map, the VM counts instructions).
    So a run that ends on its step budget (examples/runaway-loop.c) stops at another point in each: its time and choices differ too. */
function comparable(r: ReturnType<typeof resultOf>) {
  const ran = r.outcome === 'budget' ? {} : { timeNs: r.timeNs, choices: r.choices };
  return {
    outcome: r.outcome, status: r.status, prints: r.prints, ...ran,
    bugcheck: r.bugcheck && { code: r.bugcheck.code, name: r.bugcheck.name },
    leaks: r.leaks.map((l) => ({ tag: l.tag, bytes: l.bytes })),
    findings: r.findings.map((f) => f.code),
    deadlock: r.deadlock && r.deadlock.threads.map((t) => [t.thread, t.waitingOn, t.ownedBy]),
  };
}

/** Kernel events as both runs record them: source locations (none natively),
    host-placed addresses of the driver's own globals, and the VM's own WDKM_ERROR
    notes (the VM sees wdkm calls return; native code does not report them) are left out. */
function kernelEvents(path: string) {
  return decodeTrace(new Uint8Array(readFileSync(path))).filter((e) => e.kind !== 'WDKM_ERROR').map((e: TraceEvent) => ({
    kind: e.kind, timeNs: e.timeNs, cpu: e.cpu, thread: e.thread, object: e.object, a: e.a,
    b: e.kind === 'OBJECT' || e.kind === 'FINDING' ? 0 : e.b,
    text: e.text, params: e.kind === 'BUGCHECK' ? undefined : e.params, candidates: e.candidates,
  }));
}

describe.each(names)('%s', (name) => {
  it('runs the same compiled natively from its export as in the VM', async () => {
    const dir = join(root, stem(name));
    const file = join(dirOf(name), `${stem(name)}.c`);
    const { name: driver } = exportTo(dir, checkedInput({ name: `example_${stem(name)}`, source: readFileSync(file, 'utf8'), coreFiles }));
    const exported = join(dir, 'src', `${driver}.c`);
    // The file, its example header comments blanked (lines kept: the VM compiles the file itself).
    expect(readFileSync(exported, 'utf8')).toBe(blankHeaders(readFileSync(file, 'utf8')));
    const exe = join(dir, 'native-host');
    await run('gcc', ['-std=c11', '-w', '-O1', `-I${REPO_ROOT}/core-c/include`, `-I${REPO_ROOT}/core-c/emu/include`,
      `-I${REPO_ROOT}/core-c/emu`, exported, join(REPO_ROOT, 'core-c', 'native-host', 'host_main.c'), `-L${BUILD}`,
      '-lwdkm_core', '-lwdkm_emu', '-lwdkm_core', '-o', exe]);
    const compiled = compile(readFileSync(file, 'utf8'), `${stem(name)}.c`);
    expect(compiled.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const module = join(dir, `${stem(name)}.wdkb`);
    writeFileSync(module, compiled.module!);
    await Promise.all([
      run(exe, [...SETTINGS, '--trace-out', join(dir, 'native.trace')]),
      run(join(BUILD, 'wdkm_vm_run'), [module, ...SETTINGS, '--kernel-calls-only', '--trace-out', join(dir, 'vm.trace')]),
    ]);
    const vm = resultOf(join(dir, 'vm.trace'));
    expect(comparable(resultOf(join(dir, 'native.trace')))).toEqual(comparable(vm));
    if (vm.outcome !== 'budget')
      expect(kernelEvents(join(dir, 'native.trace'))).toEqual(kernelEvents(join(dir, 'vm.trace')));
  }, 60_000);
});
