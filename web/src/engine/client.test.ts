import { describe, expect, it, vi } from 'vitest';
import { EngineClient, type WorkerLike } from './client';
import { resultReply } from './fixtures.test-data';

class FakeWorker implements WorkerLike {
  sent: { id: number; type: string }[] = [];
  terminated = false;
  onmessage: ((event: MessageEvent) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  onmessageerror: ((event: MessageEvent) => void) | null = null;
  postMessage(message: unknown): void {
    this.sent.push(message as { id: number; type: string });
  }
  terminate(): void {
    this.terminated = true;
  }
  reply(data: unknown): void {
    this.onmessage?.({ data } as MessageEvent);
  }
}

function setup(checkLimitMs?: number, compiledCore?: () => Promise<WebAssembly.Module>) {
  const workers: FakeWorker[] = [];
  const faults: string[] = [];
  const client = new EngineClient(
    () => {
      const w = new FakeWorker();
      workers.push(w);
      return w;
    },
    (lane, message) => faults.push(`${lane}: ${message}`),
    checkLimitMs,
    compiledCore,
  );
  return { client, workers, faults };
}

const settings = { cpus: 2, policy: 'timed' as const, seed: 1, budget: 100 };

describe('EngineClient', () => {
  it('warms up: compiles the core at once, starts the run worker after the first check is answered, and hands the module to each run', async () => {
    const compiled = new WebAssembly.Module(new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]));
    let compiles = 0;
    const { client, workers } = setup(undefined, async () => (compiles++, compiled));
    client.warmUp();
    expect(compiles).toBe(1);
    expect(workers).toHaveLength(0); /* no worker before the checker's */
    const check = client.check('x');
    expect(workers).toHaveLength(1);
    workers[0]!.reply({ type: 'diagnostics', id: workers[0]!.sent[0]!.id, diagnostics: [] });
    await check;
    await Promise.resolve();
    expect(workers).toHaveLength(2); /* the run lane's, with nothing sent yet */
    expect(workers[1]!.sent).toEqual([]);
    const run = client.run(3, 'src', settings);
    await vi.waitFor(() => expect(workers[1]!.sent).toHaveLength(1));
    expect(workers[1]!.sent[0]).toMatchObject({ type: 'run', runId: 3, wasm: compiled });
    workers[1]!.reply(resultReply(workers[1]!.sent[0]!.id, 3));
    expect((await run).kind).toBe('reply');
  });

  it('a run stopped while the core still compiles never starts', async () => {
    let finish: (m: WebAssembly.Module) => void = () => {};
    const { client, workers } = setup(undefined, () => new Promise((resolve) => (finish = resolve)));
    const run = client.run(1, 'src', settings);
    client.stop();
    finish(new WebAssembly.Module(new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0])));
    expect(await run).toEqual({ kind: 'stopped' });
    expect(workers).toHaveLength(0);
  });

  it('matches replies to requests by id', async () => {
    const { client, workers } = setup();
    const pending = client.run(7, 'src', settings);
    const w = workers[0]!;
    expect(w.sent[0]).toMatchObject({ type: 'run', runId: 7 });
    w.reply(resultReply(w.sent[0]!.id, 7));
    const outcome = await pending;
    expect(outcome.kind).toBe('reply');
  });

  it('stop terminates the run worker at once and starts a fresh one later', async () => {
    const { client, workers } = setup();
    const pending = client.run(1, 'while(1);', settings);
    client.stop();
    expect(await pending).toEqual({ kind: 'stopped' });
    expect(workers[0]!.terminated).toBe(true);
    void client.run(2, 'src', settings);
    expect(workers).toHaveLength(2);
  });

  it('a message that fails validation is a fault: reported and the worker replaced', async () => {
    const { client, workers, faults } = setup();
    const pending = client.run(1, 'src', settings);
    workers[0]!.reply({ type: 'result', id: 1, runId: 1, result: { outcome: 'weird' }, diagnostics: [] });
    const outcome = await pending;
    expect(outcome.kind).toBe('fault');
    expect(faults[0]).toMatch(/^run: the engine sent an invalid message/);
    expect(workers[0]!.terminated).toBe(true);
  });

  it('onerror is a fault', async () => {
    const { client, workers, faults } = setup();
    const pending = client.check('src');
    workers[0]!.onerror?.({ message: 'RuntimeError: unreachable', preventDefault() {} } as ErrorEvent);
    expect(await pending).toEqual({ kind: 'fault', message: 'RuntimeError: unreachable' });
    expect(faults).toEqual(['check: RuntimeError: unreachable']);
  });

  it('ignores messages from a worker that was already replaced', async () => {
    const { client, workers, faults } = setup();
    void client.run(1, 'src', settings);
    client.stop();
    workers[0]!.reply({ junk: true });
    expect(faults).toEqual([]);
  });

  it('checks and runs use separate workers', () => {
    const { client, workers } = setup();
    void client.check('a');
    void client.run(1, 'a', settings);
    expect(workers).toHaveLength(2);
  });

  it('the checker watchdog ends a check that never answers and the next check gets a fresh worker', async () => {
    vi.useFakeTimers();
    try {
      const { client, workers, faults } = setup(5000);
      const pending = client.check('#define F1(x) F0(F0(x))');
      vi.advanceTimersByTime(4999);
      expect(workers[0]!.terminated).toBe(false);
      vi.advanceTimersByTime(1);
      const outcome = await pending;
      expect(outcome).toMatchObject({ kind: 'fault' });
      expect(outcome.kind === 'fault' && outcome.message).toMatch(/^checking took longer than 5 s and was stopped/);
      expect(workers[0]!.terminated).toBe(true);
      expect(faults).toEqual([]); // not a crash: no "stopped unexpectedly" notice
      void client.check('int x;');
      expect(workers).toHaveLength(2);
    } finally {
      vi.useRealTimers();
    }
  });

  it('a check that answers in time leaves its worker running', async () => {
    vi.useFakeTimers();
    try {
      const { client, workers } = setup(5000);
      const pending = client.check('int x;');
      workers[0]!.reply({ type: 'diagnostics', id: workers[0]!.sent[0]!.id, diagnostics: [] });
      expect((await pending).kind).toBe('reply');
      vi.advanceTimersByTime(10_000);
      expect(workers[0]!.terminated).toBe(false);
    } finally {
      vi.useRealTimers();
    }
  });
});
