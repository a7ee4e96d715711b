/** Two VM threads stopped at a shared access exchange their stacks instead of switching fibers
    (EmuVmSchedulePoint, docs/performance.md). That is a mechanism only: every example, under every
    policy on 1, 2 and 4 CPUs, gives the same trace byte for byte with the exchange and with a fiber
    switch every time (wdkm_vm_run --no-exchange), natively and in WebAssembly. */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { POLICIES } from '../web/src/settings';
import { lazyLoaders } from '../web/src/engine/pipeline';
import { runCli } from './memory-io';
import { runNative } from './native-vm';

const dir = mkdtempSync(join(tmpdir(), 'wdkm-exchange-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const EXAMPLES = readdirSync('examples').filter((f) => f.endsWith('.c')).map((f) => f.slice(0, -2));
const readDisk = (p: string) => readFileSync(p, 'utf8');

async function compile(name: string): Promise<string> {
  const file = join(dir, `${name}.wdkb`);
  const r = await runCli(['compile', `examples/${name}.c`, '--out', file], {}, readDisk);
  expect(r.code).toBe(0);
  writeFileSync(file, r.written.get(file) as Uint8Array);
  return file;
}

const exchanges = (stderr: string) => Number(/swaps (\d+)/.exec(stderr)![1]);

describe('exchanging stacks at shared accesses', () => {
  it.each(EXAMPLES)('changes no trace of %s', async (name) => {
    const file = await compile(name);
    const budget = name === 'runaway-loop' ? '200000' : '5000000';
    let exchanged = 0;
    for (const policy of POLICIES.keys()) {
      for (const cpus of [1, 2, 4]) {
        const args = ['--cpus', String(cpus), '--policy', String(policy), '--seed', '5', '--budget', budget, '--time'];
        const on = runNative(file, args), off = runNative(file, [...args, '--no-exchange']);
        expect([on.status, off.status]).toEqual([0, 0]);
        expect(exchanges(off.stderr)).toBe(0);
        exchanged += exchanges(on.stderr);
        expect(Buffer.compare(on.trace, off.trace), `${POLICIES[policy]}, ${cpus} CPUs`).toBe(0);
      }
    }
    if (name === 'lost-update') expect(exchanged).toBeGreaterThan(1000);
  });

  it('gives the WebAssembly core the same trace as fiber switches natively, where threads exchange stacks all the time', async () => {
    const file = await compile('lost-update');
    const off = runNative(file, ['--cpus', '2', '--policy', '0', '--seed', '5', '--budget', '5000000', '--no-exchange']);
    const { trace } = (await lazyLoaders.loadCore()).run(new Uint8Array(readFileSync(file)), { cpus: 2, policy: POLICIES[0], seed: 5, budget: 5_000_000 });
    expect(Buffer.compare(off.trace, trace)).toBe(0);
  });
});
