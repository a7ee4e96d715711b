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

function setup(checkLimitMs?: number) {
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
  );
  return { client, workers, faults };
}

const settings = { cpus: 2, policy: 'timed' as const, seed: 1, budget: 100 };

describe('EngineClient', () => {
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
