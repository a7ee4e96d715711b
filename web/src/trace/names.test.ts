import { describe, expect, it } from 'vitest';
import { compile } from '../scenario/index';
import { decodeTrace, type TraceEvent } from './decode';
import { momentAt } from './moment';
import { makeNamer, nameText, stableNamer } from './names';
import { exampleSource, runExample } from './runs.test-data';
import { waitForGraph, waitForWords } from './wait-for';

async function named(name: string) {
  const events = decodeTrace((await runExample(name)).trace);
  return { events, names: makeNamer(events, compile(exampleSource(name), `${name}.c`).names) };
}

describe('names from the code', () => {
  it('names threads by start routine (Thread 1 is DriverEntry) and objects by the variable they were created through', async () => {
    const { names } = await named('lock-order-deadlock');
    expect([1, 2, 3].map(names.thread)).toEqual(['Thread 1 · DriverEntry', 'Thread 2 · ThreadA', 'Thread 3 · ThreadB']);
    expect([2, 3].map(names.object)).toEqual(['KMUTEX #2 · First', 'KMUTEX #3 · Second']);
    expect(names.threadWords(2)).toBe('Thread 2 (ThreadA)');
    expect(nameText('thread 2 waits for KMUTEX #3, but elsewhere #2 was held', names)).toBe(
      'Thread 2 · ThreadA waits for KMUTEX #3 · Second, but elsewhere #2 · First was held',
    );
  });

  it('names for every schedule: only objects made before another thread or a choice', async () => {
    const { events } = await named('lock-order-deadlock');
    const code = compile(exampleSource('lock-order-deadlock'), 'lock-order-deadlock.c').names;
    expect(nameText('KMUTEX #2 is acquired while holding KMUTEX #3', stableNamer(events, code)))
      .toBe('KMUTEX #2 · First is acquired while holding KMUTEX #3 · Second');
    /* the same object made by Thread 2 instead: its id depends on the schedule, so it keeps its number */
    const second = events.find((e) => e.kind === 'OBJECT' && e.object === 3)!;
    const rest = events.filter((e) => e !== second);
    const at = rest.findIndex((e) => e.thread === 2) + 1;
    const late = [...rest.slice(0, at), { ...second, thread: 2 }, ...rest.slice(at)];
    expect(makeNamer(late, code).object(3)).toBe('KMUTEX #3 · Second');
    expect(nameText('KMUTEX #2 is acquired while holding KMUTEX #3', stableNamer(late, code)))
      .toBe('KMUTEX #2 · First is acquired while holding KMUTEX #3');
  });

  it('names a timer by the timer it was set through, not the DPC passed beside it', async () => {
    const { events, names } = await named('timer-dpc');
    const objects = [...new Set(events.filter((e) => e.kind === 'OBJECT').map((e) => e.object))].map(names.object);
    expect(objects).toContain('KDPC #4 · TickDpc');
    expect(objects.filter((n) => n.startsWith('KTIMER'))).toEqual([expect.stringMatching(/^KTIMER #\d+ · Timer$/)]);
  });

  it('names the unload routine\'s thread and a DPC by its routine', async () => {
    const unload = await named('driver-unload');
    const unloadThread = unload.events.find((e, i) => e.kind === 'THREAD_CREATE' && unload.events.slice(0, i).some((x) => x.kind === 'UNLOAD'))!;
    expect(unload.names.thread(unloadThread.thread)).toBe(`Thread ${unloadThread.thread} · DriverUnloadRoutine`);
    const dpc = await named('dpc-spin-lock');
    const begin = dpc.events.find((e) => e.kind === 'DPC_BEGIN')!;
    expect(dpc.names.dpcRoutine(begin.object)).toBe('DpcRoutine');
    expect(dpc.names.object(begin.object)).toMatch(/^KDPC #\d+ · Dpc$/);
  });

  it('without the code\'s names, keeps the engine\'s numbers', () => {
    const names = makeNamer([]);
    expect([names.thread(2), names.object(3)]).toEqual(['Thread 2', 'object #3']);
    expect(nameText('thread 2 waits for KMUTEX #3', names)).toBe('Thread 2 waits for KMUTEX #3');
  });
});

describe('the wait-for graph in words', () => {
  it('says who waits for what and who owns it, by name', async () => {
    const { events, names } = await named('lock-order-deadlock');
    const end = momentAt(events, events.length - 1);
    expect(waitForWords(end, names)).toEqual([
      'Thread 2 (ThreadA) waits for KMUTEX #3 (Second), owned by Thread 3 (ThreadB)',
      'Thread 3 (ThreadB) waits for KMUTEX #2 (First), owned by Thread 2 (ThreadA)',
    ]);
    expect(waitForGraph(end, names).hasCycle).toBe(true);
  });

  it('shows no cycle at the moment a mutex is handed over to its waiter (ACQUIRE comes before the WAKE)', async () => {
    const { events } = await named('kmutex-counter');
    const handovers = events
      .map((e, i): [TraceEvent, number] => [e, i])
      .filter(([e, i]) => e.kind === 'ACQUIRE' && events[i + 1]?.kind === 'WAKE' && events[i + 1]!.a === e.thread);
    expect(handovers.length).toBeGreaterThan(5);
    for (const [e, i] of handovers) {
      const s = momentAt(events, i);
      const t = s.threads.find((x) => x.id === e.thread)!;
      expect(t.waitingOn).not.toContain(e.object);
      expect(waitForGraph(s).hasCycle).toBe(false);
    }
  });
});
