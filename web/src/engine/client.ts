/* The app's side of the engine: two worker lanes, one for live diagnostics
   and one for runs, so checking stays responsive while a run is under way.
   Every reply is validated (./protocol.ts) before it is handed on; a worker
   that crashes or sends an invalid message is terminated and replaced, and
   whatever was waiting on it gets a `fault` outcome. Stop terminates the run
   lane at once. No React here. */
import type { RunSettings } from './core-types';
import { parseReply, type Reply, type Request } from './protocol';

export interface WorkerLike {
  postMessage(message: unknown, transfer?: Transferable[]): void;
  terminate(): void;
  onmessage: ((event: MessageEvent) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  onmessageerror: ((event: MessageEvent) => void) | null;
}

export type WorkerFactory = () => WorkerLike;

export type LaneOutcome =
  | { kind: 'reply'; reply: Reply }
  | { kind: 'fault'; message: string }
  | { kind: 'stopped' };

type Outgoing = Request extends infer R ? (R extends Request ? Omit<R, 'id'> : never) : never;

export class Lane {
  private worker: WorkerLike | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, (outcome: LaneOutcome) => void>();

  constructor(
    private readonly factory: WorkerFactory,
    private readonly onFault: (message: string) => void,
  ) {}

  send(message: Outgoing, transfer: Transferable[] = []): Promise<LaneOutcome> {
    const id = this.nextId++;
    const worker = this.ensure();
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      worker.postMessage({ ...message, id }, transfer);
    });
  }

  /* Starts the worker now, sending nothing, so that the next send finds it loaded. */
  prestart(): void {
    this.ensure();
  }

  get busy(): boolean {
    return this.pending.size > 0;
  }

  /* Ends the worker and everything waiting on it; the next send starts a new one. */
  reset(outcome: { kind: 'stopped' } | { kind: 'fault'; message: string }): void {
    this.worker?.terminate();
    this.worker = null;
    const waiting = [...this.pending.values()];
    this.pending.clear();
    for (const resolve of waiting) resolve(outcome);
  }

  dispose(): void {
    this.reset({ kind: 'stopped' });
  }

  private ensure(): WorkerLike {
    if (this.worker) return this.worker;
    const worker = this.factory();
    worker.onmessage = (event) => this.receive(worker, event.data);
    worker.onerror = (event) => {
      event.preventDefault?.();
      this.fault(worker, event.message || 'the engine worker crashed');
    };
    worker.onmessageerror = () => this.fault(worker, 'a message from the engine could not be read');
    this.worker = worker;
    return worker;
  }

  private receive(worker: WorkerLike, data: unknown): void {
    if (worker !== this.worker) return;
    const parsed = parseReply(data);
    if (!parsed.ok) {
      this.fault(worker, `the engine sent an invalid message (${parsed.error})`);
      return;
    }
    const resolve = this.pending.get(parsed.reply.id);
    if (!resolve) return;
    this.pending.delete(parsed.reply.id);
    resolve({ kind: 'reply', reply: parsed.reply });
  }

  private fault(worker: WorkerLike, message: string): void {
    if (worker !== this.worker) return;
    this.reset({ kind: 'fault', message });
    this.onFault(message);
  }
}

/* The checker's watchdog: the front end bounds its own work (macro expansion,
   nesting, source size), so this only fires on a bug; it keeps the PROBLEMS
   pane from going stale and a worker from burning CPU forever. */
export const CHECK_WATCHDOG_MS = 10_000;

export class EngineClient {
  readonly checker: Lane;
  readonly runner: Lane;

  constructor(
    factory: WorkerFactory,
    onFault: (lane: 'check' | 'run', message: string) => void,
    private readonly checkLimitMs = CHECK_WATCHDOG_MS,
    /* The core's WebAssembly, compiled while the page loads (./core-wasm.ts's
       compileCore in the app); each run hands it to the run worker. */
    private readonly compiledCore?: () => Promise<WebAssembly.Module>,
  ) {
    this.checker = new Lane(factory, (m) => onFault('check', m));
    this.runner = new Lane(factory, (m) => onFault('run', m));
  }

  /* Starts compiling the core now, in parallel with the rest of the page, and
     the run worker once the checker's first answer is in: after the checker's
     worker, so the page starts its workers in one order (the end-to-end specs
     that replace the run worker rely on it), and before the first run. */
  warmUp(): void {
    this.compiledCore?.().catch(() => { /* the run worker compiles it itself and reports a failure */ });
    this.prestartRunner = true;
  }

  private prestartRunner = false;

  /* A check that outlives the watchdog ends its worker (the next check starts a
     fresh one) and comes back as a fault that says so. */
  check(source: string): Promise<LaneOutcome> {
    const pending = this.checker.send({ type: 'check', source });
    if (this.prestartRunner) {
      void pending.then(() => {
        if (!this.prestartRunner) return;
        this.prestartRunner = false;
        this.runner.prestart();
      });
    }
    const timer = setTimeout(() => this.checker.reset({
      kind: 'fault',
      message: `checking took longer than ${this.checkLimitMs / 1000} s and was stopped; the scenario may be too large or its macros expand too far`,
    }), this.checkLimitMs);
    return pending.finally(() => clearTimeout(timer));
  }

  run(runId: number, source: string, settings: RunSettings): Promise<LaneOutcome> {
    if (!this.compiledCore) return this.runner.send({ type: 'run', runId, source, settings });
    const stops = this.stops;
    return this.compiledCore().catch(() => undefined).then((wasm): Promise<LaneOutcome> =>
      /* stopped while the core was still compiling: the run never starts */
      stops !== this.stops ? Promise.resolve({ kind: 'stopped' }) : this.runner.send({ type: 'run', runId, source, settings, ...(wasm ? { wasm } : {}) }));
  }

  /* Prepares a trace made elsewhere for the views, in the run lane's worker
     (the timeline benchmark's synthetic trace). The bytes are transferred. */
  prepareTrace(trace: Uint8Array): Promise<LaneOutcome> {
    return this.runner.send({ type: 'trace', trace }, trace.buffer instanceof ArrayBuffer ? [trace.buffer] : []);
  }

  /* Cancels a run at once: the worker is terminated and a fresh one starts on the next run. */
  stop(): void {
    this.stops++;
    this.runner.reset({ kind: 'stopped' });
  }

  private stops = 0;

  /* After a core error the WASM instance may be in any state: start afresh. */
  recycleRunner(): void {
    this.runner.reset({ kind: 'stopped' });
  }

  dispose(): void {
    this.checker.dispose();
    this.runner.dispose();
  }
}
