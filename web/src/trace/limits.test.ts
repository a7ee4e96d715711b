import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { MAX_TRACE_BYTES } from './limits';

it("the trace's size limit is the writer's (core-c/emu/trace.c)", () => {
  const c = readFileSync('core-c/emu/trace.c', 'utf8');
  const define = (name: string) => {
    const m = new RegExp(`^#define ${name} \\((\\d+)u << (\\d+)\\)$`, 'm').exec(c);
    expect(m, name).not.toBeNull();
    return Number(m![1]) * 2 ** Number(m![2]);
  };
  expect(define('TRACE_LIMIT') + define('RESULT_RESERVE')).toBe(MAX_TRACE_BYTES);
});
