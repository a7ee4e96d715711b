/** The same run in WebAssembly (core.ts, as wdkm uses it) and in the native build
    (core-c/build/native/wdkm_vm_run, from build-core.sh) gives the same trace, byte
    for byte, and so the same result; and the real `wdkm` process exits as documented. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { DEFAULT_SETTINGS, POLICIES } from '../web/src/settings';
import { runCli } from './memory-io';
import { lazyLoaders } from '../web/src/engine/pipeline';
import type { Policy } from '../web/src/engine/core-types';
import { runNative } from './native-vm';

const dir = mkdtempSync(join(tmpdir(), 'wdkm-native-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const readDisk = (p: string) => readFileSync(p, 'utf8');

describe('WebAssembly and native runs agree', () => {
  it.each([
    ['lock-order-deadlock', 'timed', 2], ['kmutex-counter', 'random', 3], ['dpc-spin-lock', 'pct', 2],
    ['resource-readers', 'rr', 4], ['bugcheck', 'timed', 1], ['runaway-loop', 'timed', 2],
  ] as [string, Policy, number][])('%s, %s, %i CPUs', async (name, policy, cpus) => {
    const moduleFile = join(dir, `${name}.wdkb`);
    const compiled = await runCli(['compile', `examples/${name}.c`, '--out', moduleFile], {}, readDisk);
    expect(compiled.code).toBe(0);
    const module = compiled.written.get(moduleFile) as Uint8Array;
    writeFileSync(moduleFile, module);
    const budget = name === 'runaway-loop' ? 200_000 : 5_000_000;
    const native = runNative(moduleFile, ['--cpus', String(cpus), '--policy', String(POLICIES.indexOf(policy)),
      '--seed', '11', '--budget', String(budget)]);
    expect(native.status).toBe(0);
    const { trace, columns: _columns, ...wasm } = (await lazyLoaders.loadCore()).run(module, { cpus, policy, seed: 11, budget });
    expect([wasm.replay, wasm.truncated]).toEqual([null, false]);
    expect(Buffer.compare(native.trace, trace)).toBe(0);
    expect(native.result).toEqual(wasm);
  });
});

describe('the wdkm process', () => {
  it('stops the runaway example at the default budget, with exit 1 and one JSON line; the native VM has the same default', () => {
    const r = spawnSync('node_modules/.bin/tsx', ['cli/wdkm.ts', 'run', 'examples/runaway-loop.c', '--json'], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stdout.trimEnd().split('\n')).toHaveLength(1);
    const json = JSON.parse(r.stdout);
    expect(json).toMatchObject({ outcome: 'budget', status: null });
    // The run ends on the first step past the budget, whichever thread takes it.
    expect(json.steps).toBeGreaterThan(DEFAULT_SETTINGS.budget);
    expect(json.steps).toBeLessThan(DEFAULT_SETTINGS.budget + 10);
    const moduleFile = join(dir, 'runaway-default.wdkb');
    expect(spawnSync('node_modules/.bin/tsx', ['cli/wdkm.ts', 'compile', 'examples/runaway-loop.c', '--out', moduleFile]).status).toBe(0);
    expect(runNative(moduleFile).result!.steps).toBe(json.steps);
  }, 30_000);
  it('exits 2 with gcc-style diagnostics on stderr for a scenario that does not compile', () => {
    const bad = join(dir, 'bad.c');
    writeFileSync(bad, 'NTSTATUS DriverEntry(void) { return nope; }\n');
    const r = spawnSync('node_modules/.bin/tsx', ['cli/wdkm.ts', 'run', bad], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(new RegExp(`^${bad.replace(/[.\\/]/g, '\\$&')}:1:\\d+: error: `));
  }, 20_000);
});
