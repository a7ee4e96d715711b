/** `wdkm trace` and the internal `wdkm compile`, in-process; the files they write land in memory. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compile } from '../web/src/scenario/index';
import { checkChromeTrace } from '../web/src/trace/index';
import { runCli } from './memory-io';

const readDisk = (p: string) => { try { return readFileSync(p, 'utf8'); } catch { return undefined; } };
const cli = (args: string[]) => runCli(args, {}, readDisk);

describe('wdkm trace', () => {
  it('writes Perfetto JSON that checks clean, with a track per thread and CPU', async () => {
    const r = await cli(['trace', 'examples/event-handshake.c', '--format', 'perfetto', '--out', 'out.json']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^out\.json: \d+ events, outcome completed$/);
    const text = r.written.get('out.json') as string;
    expect(checkChromeTrace(text)).toEqual([]);
    const doc = JSON.parse(text) as { traceEvents: { name: string; args?: { name?: string } }[] };
    expect(doc.traceEvents.filter((e) => e.name === 'thread_name').map((e) => e.args!.name)).toEqual(['Thread 1 · DriverEntry', 'Thread 2 · Ponger', 'CPU 0', 'CPU 1']);
  });
  it('writes one JSON event per line with --format jsonl, and follows the run options', async () => {
    const r = await cli(['trace', 'examples/lock-order-deadlock.c', '--format=jsonl', '--out', 't.jsonl', '--policy', 'pct', '--seed', '2', '--cpus', '1']);
    expect(r.code).toBe(0);
    const lines = (r.written.get('t.jsonl') as string).trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(r.out).toBe(`t.jsonl: ${lines.length} events, outcome completed`);
    expect(lines[0]).toMatchObject({ kind: 'OBJECT' });
    expect(lines.at(-1)).toMatchObject({ kind: 'RUN_END', a: 1 });
    expect(lines.filter((e) => e.kind === 'UNLOAD')).toHaveLength(1);
  });
  it('writes to stdout with --out - and defaults to Perfetto', async () => {
    const r = await cli(['trace', 'examples/bugcheck.c', '--out', '-']);
    expect(r.code).toBe(0);
    expect(checkChromeTrace(r.out)).toEqual([]);
    expect(r.written.size).toBe(0);
  });
  it.each([
    [['trace', 'examples/bugcheck.c'], 'expected FILE and --out PATH'],
    [['trace', 'examples/bugcheck.c', '--out', 'x', '--format', 'svg'], "bad value 'svg' for --format: expected one of perfetto, jsonl"],
    [['trace', 'examples/bugcheck.c', '--out', 'x', '--cpus', '10'], "bad value '10' for --cpus"],
    [['trace', 'nope.c', '--out', 'x'], "cannot read 'nope.c'"],
    [['compile', 'examples/bugcheck.c'], 'expected FILE and --out MODULE'],
  ])('%j exits 2', async (args, message) => {
    const r = await cli(args);
    expect(r.code).toBe(2);
    expect(r.err).toContain(message);
  });
});

describe('wdkm compile (internal)', () => {
  it('writes the module the front end builds', async () => {
    const r = await cli(['compile', 'examples/kmutex-counter.c', '--out', 'k.wdkb']);
    expect(r.code).toBe(0);
    const want = compile(readFileSync('examples/kmutex-counter.c', 'utf8'), 'examples/kmutex-counter.c').module!;
    expect(r.written.get('k.wdkb')).toEqual(want);
  });
});
