/** Every example scenario in examples/ has its header and passes the checker with no errors or warnings. */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compile } from './compile';

const dir = new URL('../../../examples/', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.c')).sort();

describe('examples', () => {
  it('has at least 12 scenarios', () => expect(files.length).toBeGreaterThanOrEqual(12));
  it.each(files)('%s', (file) => {
    const src = readFileSync(new URL(file, dir), 'utf8');
    expect(src).toMatch(/^\/\* @title .+ @group .+ @description .+ \*\/\n/);
    const r = compile(src, file);
    expect(r.diagnostics.map((d) => `${d.line}:${d.col}: ${d.message}`)).toEqual([]);
    expect(r.module).toBeDefined();
  });
});
