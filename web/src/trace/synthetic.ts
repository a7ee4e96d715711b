/* A synthetic trace of any size with the shape of a contended run: threads
   on two CPUs taking and releasing a few KMUTEXes, some of them waiting and
   being woken, IRQL changes, prints. For the timeline benchmark and tests. */
import type { TraceEvent } from './decode';
import type { TraceKind } from './kinds';

export function syntheticTrace(count: number, threads = 8): TraceEvent[] {
  const out: TraceEvent[] = [];
  const push = (kind: TraceKind, timeNs: number, cpu: number | null, thread: number, object = 0, a = 0, b = 0, line = 0, extra: Partial<TraceEvent> = {}) =>
    out.push({ kind, timeNs, cpu, thread, object, a, b, line, col: 1, ...extra });
  for (let m = 1; m <= 3; m++) push('OBJECT', 0, null, 0, m, 1, 0);
  for (let t = 1; t <= threads; t++) push('THREAD_CREATE', 0, null, t, 10 + t, 0, 8);
  const clock = [0, 0];
  let choice = 0;
  for (let round = 0; out.length < count; round++) {
    const t = 1 + (round % threads);
    const cpu = round % 2;
    const mutex = 1 + (round % 3);
    let now = (clock[cpu] = Math.max(clock[cpu]!, round * 40) + 800);
    push('DISPATCH_ON', now, cpu, t);
    for (let k = 0; k < 4 && out.length < count; k++) {
      push('CHOICE', (now += 20), cpu, t, 0, choice++, t, 20, { candidates: [t, 1 + ((t + 1) % threads)] });
      push('ACQUIRE', (now += 30), cpu, t, mutex, 1, 0, 21);
      if (k === 1) push('IRQL', (now += 20), cpu, t, 0, 0, 2, 22);
      if (k === 1) push('IRQL', (now += 20), cpu, t, 0, 2, 0, 23);
      push('RELEASE', (now += 30), cpu, t, mutex, 0, 0, 24);
      if (round % 7 === 0) push('WAKE', now, cpu, t, mutex, 1 + ((t + 2) % threads), 0, 24);
    }
    if (round % 250 === 0) push('PRINT', (now += 2000), cpu, t, 0, 0, 0, 25, { text: `round ${round}\n` });
    push('DISPATCH_OFF', (now += 10), cpu, t, 0, round % 5 === 0 ? 0 : 1);
    clock[cpu] = now;
  }
  out.length = Math.min(out.length, count);
  return out;
}
