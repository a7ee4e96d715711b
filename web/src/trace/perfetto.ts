/* A decoded trace as a Chrome Trace Event file for Perfetto (ui.perfetto.dev)
   and chrome://tracing. One process; a track per emulated thread ("thread N",
   DriverEntry is thread 1) with its lock holds, waits, spins and DPCs as
   slices, and a track per CPU showing which thread it runs. IRQL is a counter
   per CPU. DbgPrint, bugchecks, findings, leaks and the like are instants,
   and each wake-up is a flow arrow from the waker to the woken thread. */
import { ChromeWriter, type ChromeTrace } from './chrome-writer';
import type { TraceEvent } from './decode';
import { DISPATCH_OFF_REASONS, findingName, hex32, OUTCOMES, WDKM_STATUS_NAMES } from './kinds';
import { makeNamer, type Namer } from './names';

export { chromeTraceLines, type ChromeEvent, type ChromeTrace } from './chrome-writer';

const loc = (e: TraceEvent) => (e.line ? { line: e.line } : {});

/* `names`: what the code calls threads and objects (./names.ts); the engine's numbers alone without it. */
export function toPerfetto(events: TraceEvent[], names: Namer = makeNamer(events)): ChromeTrace {
  const w = new ChromeWriter();
  const objName = (id: number) => names.object(id);
  const threadName = (id: number) => names.thread(id);
  const threads = new Set<number>();
  const cpus = new Set<number>();
  /* The CPU tracks come after every thread id, so they never collide. */
  const cpuBase = 1 + events.reduce((m, e) => Math.max(m, e.thread), 0);
  const pending = new Map<number, { id: number; from: number }[]>();
  let flows = 0;

  /* A wake-up arrow ends where the woken thread next runs or leaves its wait. */
  const landWakes = (tid: number, ns: number) => {
    for (const p of pending.get(tid) ?? []) w.flow(tid, ns, 'f', p.id, `woken by ${threadName(p.from)}`);
    pending.delete(tid);
  };

  for (const e of events) {
    const t = e.thread, ns = e.timeNs;
    if (t) threads.add(t);
    if (e.cpu !== null) cpus.add(e.cpu);
    switch (e.kind) {
      case 'OBJECT':
        break;
      case 'THREAD_CREATE':
        if (e.a) w.instant(e.a, ns, `create ${threadName(t)}`, 'thread', { priority: e.b });
        break;
      case 'THREAD_EXIT': w.instant(t, ns, `exit ${hex32(e.a)}`, 'thread', loc(e)); break;
      case 'DISPATCH_ON':
        if (e.cpu !== null) w.begin(cpuBase + e.cpu, ns, `run${t}`, threadName(t), 'cpu');
        landWakes(t, ns);
        break;
      case 'DISPATCH_OFF':
        if (e.cpu !== null) w.end(cpuBase + e.cpu, ns, `run${t}`, { reason: DISPATCH_OFF_REASONS[e.a] ?? e.a });
        break;
      case 'IRQL':
        if (e.cpu !== null) w.counter('IRQL', `CPU ${e.cpu}`, ns, e.b);
        break;
      case 'WAIT_BEGIN': {
        const what = e.object ? objName(e.object) : 'delay';
        // KeWaitForMultipleObjects records one WAIT_BEGIN per object (b = its index): one slice names them all.
        const open = w.top(t, 'wait');
        if (e.b > 0 && open) open.name += `, ${what}`;
        else w.begin(t, ns, 'wait', `wait ${what}`, 'wait', loc(e));
        break;
      }
      case 'WAIT_END':
        w.end(t, ns, 'wait', { status: hex32(e.a), ...(e.object ? { satisfiedBy: objName(e.object) } : {}) });
        landWakes(t, ns);
        break;
      case 'ACQUIRE':
        w.begin(t, ns, `hold${e.object}`, objName(e.object) + (e.b ? ' (shared)' : ''), 'lock', { depth: e.a, ...loc(e) });
        break;
      case 'RELEASE':
        // A lock released by another thread than the one holding it ends the holder's slice.
        if (!w.end(t, ns, `hold${e.object}`)) {
          for (const other of threads) if (w.end(other, ns, `hold${e.object}`)) break;
        }
        break;
      case 'SPIN_BEGIN': w.begin(t, ns, 'spin', `spin ${objName(e.object)}`, 'spin', loc(e)); break;
      case 'SPIN_END': w.end(t, ns, 'spin'); break;
      case 'DPC_BEGIN': w.begin(t, ns, `dpc${e.object}`, `DPC ${names.dpcRoutine(e.object) ?? objName(e.object)}`, 'dpc', { cpu: e.cpu }); break;
      case 'DPC_END': w.end(t, ns, `dpc${e.object}`); break;
      case 'DPC_QUEUED': w.instant(t || null, ns, `queue ${objName(e.object)} to CPU ${e.a}`, 'dpc', loc(e)); break;
      case 'TRY_FAIL': w.instant(t, ns, `try failed: ${objName(e.object)}`, 'lock', loc(e)); break;
      case 'WDKM_ERROR': w.instant(t, ns, WDKM_STATUS_NAMES[e.a] ?? `WDKM status ${e.a}`, 'wdkm', loc(e)); break;
      case 'SIGNAL': w.instant(t || null, ns, `signal ${objName(e.object)}`, 'signal', { state: e.a, ...loc(e) }); break;
      case 'WAKE':
        if (t) {
          const id = ++flows;
          w.flow(t, ns, 's', id, `wake ${threadName(e.a)}`);
          pending.set(e.a, [...(pending.get(e.a) ?? []), { id, from: t }]);
        }
        break;
      case 'PRINT': {
        const text = (e.text ?? '').replace(/\n$/, '');
        w.instant(t || null, ns, `DbgPrint: ${text.length > 80 ? text.slice(0, 77) + '...' : text}`, 'print', { text, ...loc(e) });
        break;
      }
      case 'POOL_ALLOC':
      case 'POOL_FREE':
        w.instant(t || null, ns, `${e.kind === 'POOL_ALLOC' ? 'alloc' : 'free'} ${e.a} bytes '${e.tag}'`, 'pool', loc(e));
        break;
      case 'LEAK': w.instant(null, ns, `leak: ${e.a} bytes '${e.tag}'`, 'pool', { allocatedAt: e.line }); break;
      case 'BUGCHECK':
        w.instant(t || null, ns, `BUGCHECK ${hex32(e.a)}`, 'bugcheck', { params: e.params, ...loc(e) });
        break;
      case 'FINDING':
        w.instant(t || null, ns, `finding: ${findingName(e.a)}`, 'finding', { message: e.message, lock: e.address, ...loc(e) });
        break;
      case 'ASSERT': w.instant(t || null, ns, `assertion failed: ${e.expression}`, 'assert', loc(e)); break;
      case 'DEADLOCK':
        w.instant(null, ns, 'deadlock', 'deadlock', {
          threads: (e.deadlock ?? []).map((d) => ({
            thread: threadName(d.thread), waitingOn: d.object ? objName(d.object) : null,
            ownedBy: d.owner ? threadName(d.owner) : null, line: d.line,
          })),
        });
        break;
      case 'UNLOAD': w.instant(null, ns, 'DriverUnload', 'driver'); break;
      case 'RUN_END': w.instant(null, ns, `end: ${OUTCOMES[e.a] ?? e.a}`, 'run', { status: hex32(e.b) }); break;
      default: break; // THREAD_START, CHOICE: in the JSON lines output, not on the timeline
    }
  }

  const end = events.reduce((m, e) => Math.max(m, e.timeNs), w.endNs);
  // Arrows to a thread that never ran again (the run stopped first) end at the end of the run.
  for (const tid of [...pending.keys()]) landWakes(tid, end);
  w.closeAll(end);
  w.nameProcess('wdkm scenario');
  for (const tid of [...threads].sort((x, y) => x - y)) w.nameTrack(tid, threadName(tid), tid);
  for (const cpu of [...cpus].sort((x, y) => x - y)) w.nameTrack(cpuBase + cpu, `CPU ${cpu}`, cpuBase + cpu);
  return w.trace();
}
