/**
 * Robustness: seeded random and mutated inputs never throw out of the front
 * end; each gives either error diagnostics or a module that reads back.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readModule } from './bytecode/reader';
import { compile } from './compile';

/** A small deterministic PRNG (mulberry32), so a failure reproduces from its seed. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const examplesDir = new URL('../../../examples/', import.meta.url);
const seeds = readdirSync(examplesDir).filter((f) => f.endsWith('.c')).map((f) => readFileSync(new URL(f, examplesDir), 'utf8'));
const FRAGMENTS = ['(', ')', '{', '}', '[', ']', ';', ',', '*', '&', '->', '.', '=', '==', '++', '"s"', "'c'", '0x', '1u', '#define X(a) a##a', '#if', '#endif',
  'int', 'ULONG', 'struct', 'union', 'goto', 'sizeof', 'return', 'case', 'default:', 'switch', '...', '\\', '/*', '//', '\n', 'WDKM_TYPE(', 'ASSERT(', '?', ':'];

function expectWellBehaved(src: string): void {
  let r: ReturnType<typeof compile>;
  expect(() => { r = compile(src); }).not.toThrow();
  const errors = r!.diagnostics.filter((d) => d.severity === 'error');
  if (r!.module) {
    expect(errors).toEqual([]);
    expect(() => readModule(r!.module!)).not.toThrow();
  } else expect(errors.length).toBeGreaterThan(0);
  for (const e of errors) expect(e.message).not.toMatch(/internal error/);
}

describe('fuzzing the front end', () => {
  it('survives mutated example scenarios', () => {
    const next = rng(1234);
    for (let n = 0; n < 300; n++) {
      let src = seeds[n % seeds.length];
      const edits = 1 + Math.floor(next() * 4);
      for (let e = 0; e < edits; e++) {
        const at = Math.floor(next() * src.length);
        const kind = next();
        if (kind < 0.4) src = src.slice(0, at) + src.slice(at + 1 + Math.floor(next() * 8));
        else if (kind < 0.8) src = src.slice(0, at) + FRAGMENTS[Math.floor(next() * FRAGMENTS.length)] + src.slice(at);
        else { const from = Math.floor(next() * src.length); src = src.slice(0, at) + src.slice(from, from + 20) + src.slice(at); }
      }
      expectWellBehaved(src);
    }
  }, 120_000);

  it('survives random token soup without headers', () => {
    const next = rng(99);
    for (let n = 0; n < 2500; n++) {
      const len = 1 + Math.floor(next() * 40);
      const src = Array.from({ length: len }, () => FRAGMENTS[Math.floor(next() * FRAGMENTS.length)]).join(next() < 0.5 ? ' ' : '');
      expectWellBehaved(src);
    }
  }, 120_000);

  it('survives deep nesting', () => {
    expectWellBehaved('int x = ' + '('.repeat(5000) + '1' + ')'.repeat(5000) + ';');
    expectWellBehaved('void f(void) ' + '{'.repeat(3000) + '}'.repeat(3000));
    expectWellBehaved('#define A A A\n#define B(x) B(x) x\nA B(B(1))');
  });
});
