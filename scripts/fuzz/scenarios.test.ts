/** The fixed-seed slice of the scenario fuzzer that npm test runs (the long
    run is `npm run fuzz`, docs/robustness.md): generated scenarios check,
    run the same in WebAssembly and natively, and print what gcc's build of
    the same C prints. */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { lazyLoaders } from '../../web/src/engine/pipeline';
import { Differ } from './differ';
import { scenarioArbitrary } from './generate';

let differ: Differ | undefined;
afterAll(() => differ?.dispose());

describe('generated scenarios (fixed seed)', () => {
  it('without threads: VM, native and gcc agree', async () => {
    differ ??= new Differ(await lazyLoaders.loadCore());
    let compared = 0;
    fc.assert(fc.property(scenarioArbitrary({ threads: false }), (s) => {
      const v = differ!.check(s.source, s.threads, { cpus: 1, policy: 'timed', seed: 1, budget: 2_000_000 });
      if (v.kind === 'agree' && v.gcc) compared++;
      expect(v.kind === 'agree' || v.kind === 'refused' ? '' : `${v.kind}: ${'what' in v ? v.what : ''}\n${s.source}`).toBe('');
    }), { seed: 1, numRuns: 12 });
    expect(compared).toBeGreaterThan(6);
  }, 120_000);
  it('with threads: WebAssembly and native runs agree under every policy', async () => {
    differ ??= new Differ(await lazyLoaders.loadCore());
    const policies = ['timed', 'rr', 'random', 'pct'] as const;
    fc.assert(fc.property(scenarioArbitrary({ threads: true }), fc.integer({ min: 1, max: 8 }), fc.nat(3), fc.nat(1000), (s, cpus, p, seed) => {
      const v = differ!.check(s.source, s.threads, { cpus, policy: policies[p]!, seed, budget: 2_000_000 });
      expect(v.kind === 'agree' || v.kind === 'refused' ? '' : `${v.kind}: ${'what' in v ? v.what : ''}\n${s.source}`).toBe('');
    }), { seed: 2, numRuns: 8 });
  }, 120_000);
});
