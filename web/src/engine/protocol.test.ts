import { describe, expect, it } from 'vitest';
import { completedResult, resultReply } from './fixtures.test-data';
import { parseReply, requestSchema } from './protocol';

describe('worker protocol', () => {
  it('accepts a well-formed result', () => {
    const parsed = parseReply(resultReply(3, 2));
    expect(parsed.ok).toBe(true);
  });

  it('accepts a deadlock on an object nobody owns (an event, a semaphore)', () => {
    const deadlock = { threads: [{ thread: 'thread 2', waitingOn: 'KEVENT #2', ownedBy: null, line: 9, inCycle: false }] };
    const r = parseReply(resultReply(1, 1, { ...completedResult(), outcome: 'deadlock', status: null, deadlock }));
    expect(r.ok).toBe(true);
  });

  it('accepts diagnostics and errors as data', () => {
    const diag = { severity: 'error', message: 'x', file: 'scenario.c', line: 1, col: 1, endLine: 1, endCol: 2 };
    expect(parseReply({ type: 'diagnostics', id: 1, diagnostics: [diag] }).ok).toBe(true);
    expect(parseReply({ type: 'error', id: 1, stage: 'core', message: 'boom' }).ok).toBe(true);
    const note = { ...diag, severity: 'note', file: 'ntddk.h', code: 'extra fields are dropped' };
    const parsed = parseReply({ type: 'diagnostics', id: 2, diagnostics: [note] });
    expect(parsed.ok && parsed.reply.type === 'diagnostics' && parsed.reply.diagnostics[0]).toEqual({ ...diag, severity: 'note', file: 'ntddk.h' });
  });

  it('rejects unknown types, missing ids and wrong shapes', () => {
    expect(parseReply({ type: 'hello', id: 1 }).ok).toBe(false);
    expect(parseReply({ type: 'diagnostics', diagnostics: [] }).ok).toBe(false);
    expect(parseReply(null).ok).toBe(false);
    expect(parseReply('<img src=x onerror=alert(1)>').ok).toBe(false);
  });

  it('rejects a result whose outcome or trace is wrong', () => {
    const bad = { ...completedResult(), outcome: 'exploded' };
    expect(parseReply({ type: 'result', id: 1, runId: 1, result: bad, diagnostics: [] }).ok).toBe(false);
    const noTrace = { ...completedResult(), trace: [1, 2, 3] };
    const parsed = parseReply({ type: 'result', id: 1, runId: 1, result: noTrace, diagnostics: [] });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toContain('trace');
  });

  it('validates requests the worker receives', () => {
    const settings = { cpus: 2, policy: 'timed', seed: 1, budget: 1000 };
    expect(requestSchema.safeParse({ type: 'run', id: 1, runId: 1, source: '', settings }).success).toBe(true);
    const tooMany = { ...settings, cpus: 9 };
    expect(requestSchema.safeParse({ type: 'run', id: 1, runId: 1, source: '', settings: tooMany }).success).toBe(false);
  });
});
