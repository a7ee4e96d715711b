/** The explorer's outcomes are described from their witnesses' replays, by the
    routine that describes a run (../trace/result.ts): a witness that does not
    replay is an error, never a wrong description; outcomes that read the same
    are one, so a result and the merge of its shards group alike. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CoreExploreResult } from '../engine/core-types';
import { compileSource, lazyLoaders } from '../engine/pipeline';
import type { OutcomeDescription } from '../trace/result';
import { describeResult, exploreModule, replayWitness, WitnessDidNotReplay } from './explore';

const raw = (outcomes: CoreExploreResult['outcomes']): CoreExploreResult => ({
  complete: true, schedules: outcomes.reduce((n, o) => n + o.count, 0), pruned: 0, outcomes, races: [],
  findings: [{ code: '0x1001', message: 'lock order', lines: [12, 20] }], runs: 3, events: 9, maxDepth: 3, cut: false, error: null,
});
const printing = (line: string): OutcomeDescription => ({
  outcome: 'completed', status: '0x00000000', prints: [line], bugcheck: null, deadlock: null, assertion: null, leaks: [],
});

describe('describing an exploration', () => {
  it('joins outcomes whose descriptions agree, adding their counts and keeping the first witness', () => {
    const said: Record<string, string> = { 'x2:1': 'a', 'x2:2': 'a', 'x2:2.1': 'b' };
    const r = describeResult(raw([{ count: 2, schedule: 'x2:1' }, { count: 3, schedule: 'x2:2' }, { count: 1, schedule: 'x2:2.1' }]),
      (s) => printing(said[s]!));
    expect(r.outcomes.map((o) => [o.prints[0], o.count, o.schedule])).toEqual([['a', 5, 'x2:1'], ['b', 1, 'x2:2.1']]);
  });

  it('names findings by their code, as a run names them', () => {
    const r = describeResult(raw([]), () => { throw new Error('no outcome to describe'); });
    expect(r.findings).toEqual([{ code: '0x1001', name: 'LOCK_HIERARCHY_VIOLATION', message: 'lock order', lines: [12, 20] }]);
  });

  it('refuses a witness that does not replay instead of describing another run', async () => {
    const compiled = compileSource(await lazyLoaders.loadFrontend(), readFileSync('bench/explore/lock-order-2.c', 'utf8'));
    if (!compiled.ok) throw new Error('lock-order-2.c does not compile');
    const core = await lazyLoaders.loadCore();
    const whole = await exploreModule(core, compiled.module, { cpus: 2, budget: 5_000_000 }, {});
    const witness = whole.outcomes[0]!.schedule;
    expect(replayWitness(core, compiled.module, 5_000_000, witness)).toMatchObject({ outcome: whole.outcomes[0]!.outcome });
    // Thread 9 never exists: the first choice cannot be made.
    expect(() => replayWitness(core, compiled.module, 5_000_000, 'x2:9*3')).toThrow(WitnessDidNotReplay);
    expect(() => replayWitness(core, compiled.module, 5_000_000, '1.2')).toThrow(WitnessDidNotReplay);
  });
});
