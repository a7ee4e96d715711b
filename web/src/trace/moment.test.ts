import { describe, expect, it } from 'vitest';
import { MomentMachine, momentAt } from './moment';
import { tagName } from './names';
import { contendedMutex, ev, lockOrderDeadlock } from './testing';

describe('momentAt', () => {
  const events = contendedMutex();

  it('shows the owner, its recursion and the waiters of a mutex while it is contended', () => {
    const s = momentAt(events, 13); /* T2 took it twice, T3 waits */
    const mutex = s.objects.find((o) => o.id === 5)!;
    expect(mutex).toMatchObject({ type: 'KMUTEX', owner: 2, recursion: 2, waiters: [3] });
    const t3 = s.threads.find((t) => t.id === 3)!;
    expect(t3).toMatchObject({ state: 'waiting', waitingOn: [5], cpu: null });
    expect(s.threads.find((t) => t.id === 2)!.holds).toEqual([{ object: 5, depth: 2, shared: false }]);
  });

  it('hands the mutex over on release and wake, then the waiter runs', () => {
    const s = momentAt(events, 18);
    expect(s.objects.find((o) => o.id === 5)).toMatchObject({ owner: 3, recursion: 1, waiters: [] });
    expect(s.threads.find((t) => t.id === 3)).toMatchObject({ state: 'running', cpu: 1, waitingOn: [], line: 10 });
    expect(s.threads.find((t) => t.id === 2)!.holds).toEqual([]);
  });

  it('keeps an object\'s address exact past 2^53, as the OBJECT record holds it', () => {
    const address = '0xFFFFF80140000018'; /* a kernel-side stand-in: as a JS number it would read ...000000 */
    const s = momentAt([ev('OBJECT', 0, { thread: 1, object: 2, a: 1, b: Number(BigInt(address)), address })], 0);
    expect(s.objects[0]!.address).toBe(address);
  });

  it('goes back in time as well as forward', () => {
    expect(momentAt(events, 23).threads.find((t) => t.id === 2)!.state).toBe('exited');
    expect(momentAt(events, 8).threads.find((t) => t.id === 2)!.state).toBe('running');
    expect(momentAt(events, -1).threads).toEqual([]);
  });

  it('snapshots are copies: the next step does not change a state already shown', () => {
    const m = new MomentMachine(events);
    const before = m.seek(13).snapshot();
    m.seek(18);
    expect(before.objects.find((o) => o.id === 5)!.waiters).toEqual([3]);
  });

  it('counts live pool blocks and bytes by tag', () => {
    const tag = 0x6d4b6457; /* stored 'WdKm' */
    const s = momentAt(
      [
        ev('POOL_ALLOC', 0, { object: 1, a: 80, b: tag }),
        ev('POOL_ALLOC', 1, { object: 2, a: 16, b: tag }),
        ev('POOL_ALLOC', 2, { object: 3, a: 8, b: 0x64657246 }),
        ev('POOL_FREE', 3, { object: 1, a: 80, b: tag }),
      ],
      3,
    );
    expect(tagName(tag)).toBe('WdKm');
    expect(s.pool).toEqual([
      { tag: 'Fred', blocks: 1, bytes: 8 },
      { tag: 'WdKm', blocks: 1, bytes: 16 },
    ]);
  });

  it('keeps signal states, shared owners, spinning and IRQL', () => {
    const s = momentAt(
      [
        ev('SIGNAL', 0, { object: 7, a: 1 }),
        ev('ACQUIRE', 1, { thread: 1, object: 8, a: 1, b: 1 }),
        ev('ACQUIRE', 1, { thread: 2, object: 8, a: 1, b: 1 }),
        ev('IRQL', 2, { thread: 2, a: 0, b: 2 }),
        ev('SPIN_BEGIN', 3, { thread: 2, object: 9 }),
      ],
      4,
    );
    expect(s.objects.find((o) => o.id === 7)!.signal).toBe(1);
    expect(s.objects.find((o) => o.id === 8)!.sharedOwners).toEqual([1, 2]);
    expect(s.threads.find((t) => t.id === 2)).toMatchObject({ state: 'spinning', spinningOn: 9, irql: 2 });
  });

  it('reports the deadlock once it is in the trace', () => {
    const d = lockOrderDeadlock();
    expect(momentAt(d, 11).deadlock).toBeNull();
    expect(momentAt(d, 12).deadlock).toHaveLength(2);
  });
});

describe('MomentMachine over a long trace', () => {
  it('gives the same state going back through checkpoints as replaying from the start', async () => {
    const { syntheticTrace } = await import('./synthetic');
    const events = syntheticTrace(30_000, 4);
    const m = new MomentMachine(events);
    m.seek(29_999);
    for (const index of [20_000, 12_345, 4095, 4200, 4095, 100, 25_000]) {
      expect(m.seek(index).snapshot()).toEqual(new MomentMachine(events).seek(index).snapshot());
    }
  });
});
